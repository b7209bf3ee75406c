# Texts of the catalogue tests themselves.
test-inner = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
test-outer = { $name }: { $detail }
