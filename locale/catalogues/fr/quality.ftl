## Qualité de numérisation des pages d'une PJ : les constats de scor-quality.

quality-blank = la page est blanche : { $content } ‰ de sa surface porte des marques (au plus { $max } ‰ pour une page blanche)
quality-black = la page est noire : { $dark } ‰ de ses pixels sont sombres (au moins { $min } ‰ pour une page noire)
quality-contrast = le contraste est trop faible : les marques au niveau de gris { $ink } sur un fond à { $background } ne diffèrent que de { $contrast } ‰ de la pleine échelle (au moins { $min } ‰ attendus)
quality-no-ink = aucun
quality-truncated = le contenu touche le bord de la page, coupé ou décalé : { $sides } (marges d'au plus { $max } ‰ de la taille de la page)
quality-side = { $side } ({ $margin } ‰)
quality-sides = { $first }, { $rest }
quality-side-top = en haut
quality-side-bottom = en bas
quality-side-left = à gauche
quality-side-right = à droite
quality-skew = la page présente une inclinaison de { $skew }° (au plus { $max }° attendus)
quality-duplicate = la page est identique ou presque à la page précédente (écart de { $distance } ‰, au plus { $max } ‰ pour un doublon)
quality-resolution = la page est numérisée à une résolution de { $x } × { $y } DPI, sous le minimum de { $min } DPI
quality-colour = la page est en couleur ({ $grey } ‰ de pixels gris, { $colour } ‰ de pixels colorés ; au plus { $max } ‰ pour une numérisation en noir et blanc)
quality-grey = la page comporte des niveaux de gris ({ $grey } ‰ de pixels gris, { $colour } ‰ de pixels colorés ; au plus { $max } ‰ pour une numérisation en noir et blanc)

## Ce qui n'a pas pu être analysé, et pourquoi.

quality-pdf-unreadable = le PDF n'a pas pu être lu : { $detail }
quality-several-images = la page est composée de { $count } images : seule la plus grande a été analysée
image-none = la page ne contient aucune image : seules les pages numérisées sont analysées
image-no-size = l'image n'a pas de Width et Height valides
image-page-over-pixels = l'image de la page compte { $pixels } pixels ({ $width } × { $height }), au-delà de la limite de { $max }
image-over-pixels = l'image compte { $pixels } pixels, au-delà de la limite de { $max }
image-over-bytes = l'image se décode en { $bytes } octets, au-delà de la limite de { $max }
image-no-colour-space = l'image n'a pas de ColorSpace
image-bits-per-component = BitsPerComponent { $bits } n'est pas pris en charge
image-unsupported-bits = { $bits } bits par composante ne sont pas pris en charge
image-short-data = les données de l'image comptent { $held } octets, { $needed } attendus pour sa taille
image-filter-not-name = le Filter de l'image n'est ni un nom ni un tableau
image-filter-order = les filtres { $filters } de l'image ne sont pas pris en charge dans cet ordre
image-unsupported-filter = le filtre { $filter } n'est pas pris en charge
image-filters = les données de l'image n'ont pas pu être décodées : « { $detail } »
image-ccitt-mismatch = les Columns, Width ou BitsPerComponent de l'image CCITT ne concordent pas
image-ccitt = CCITTFaxDecode : « { $detail } »
image-ccitt-no-row = CCITTFaxDecode : aucune ligne décodée
image-jpeg = DCTDecode : « { $detail } »
image-decoder-failed = { $filter } : le décodeur a échoué sur ces données (un défaut du décodeur, pas un constat sur le fichier)
image-jpeg-no-header = DCTDecode : pas d'en-tête d'image
image-jpeg-short = DCTDecode : { $decoded } octets décodés, { $expected } attendus
image-jpeg-size = le JPEG mesure { $jpeg_width } × { $jpeg_height } pixels, le dictionnaire de l'image indique { $width } × { $height }
image-jbig2 = l'image de la page est codée en JBIG2 : scor-quality n'a pas de décodeur JBIG2
image-jpx = l'image de la page est codée en JPEG 2000 (JPXDecode, interdit par PDF/A-1) : non décodée
image-colour-space-too-deep = l'espace colorimétrique est imbriqué trop profondément
image-colour-space-malformed = l'espace colorimétrique de l'image est mal formé
image-icc-without-n = l'espace colorimétrique ICCBased de l'image n'a pas de N valide
image-indexed-without-base = l'espace colorimétrique Indexed n'a pas de base
image-indexed-base = l'espace colorimétrique Indexed a une base invalide
image-indexed-palette = la palette Indexed n'a pas pu être lue : « { $detail } »
image-indexed-without-palette = l'espace colorimétrique Indexed n'a pas de palette
image-unsupported-colour-space = l'espace colorimétrique { $space } n'est pas pris en charge
