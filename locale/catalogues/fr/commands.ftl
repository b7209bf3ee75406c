# Textes des tests des catalogues eux-mêmes.
test-inner = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
test-outer = { $name } : { $detail }
