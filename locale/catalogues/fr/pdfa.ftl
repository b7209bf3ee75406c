# Messages du contrôle PDF/A-1b (scor-pdfa), en français.


## lib.rs
pdfa-skip-internal-error = une erreur interne a interrompu les contrôles au niveau des objets
pdfa-not-parsed = le fichier n'a pas pu être analysé comme un PDF (« { $error } ») ; il doit être un fichier PDF 1.4 bien formé
pdfa-skip-not-parsed = le fichier n'a pas pu être analysé
pdfa-encrypt = le dictionnaire trailer a une entrée Encrypt : PDF/A interdit le chiffrement ; enregistrez le fichier sans chiffrement
pdfa-skip-linearized-trailers = test 4 : les dictionnaires trailer du fichier linéarisé sont introuvables, leurs ID ne peuvent pas être comparés
pdfa-linearized-id = l'ID du dictionnaire trailer de la première page du fichier linéarisé diffère de celui du dernier dictionnaire trailer ; rendez-les identiques
pdfa-no-root = le dictionnaire trailer n'a pas de Root (catalogue du document) utilisable ; le fichier doit avoir un catalogue
pdfa-skip-page-content = un flux de contenu de la page { $page } n'a pas pu être décodé : « { $error } »

## content.rs
pdfa-skip-content-stream = un flux de contenu ({ $place }) n'a pas pu être décodé : « { $error } »
pdfa-place-page = page { $page }
pdfa-place-object = objet { $object }
pdfa-place-unknown = emplacement inconnu
pdfa-content-nesting = les états graphiques sont imbriqués (q) sur plus de 28 niveaux ; réduisez l'imbrication q/Q
pdfa-content-integer = le contenu utilise l'entier { $value }, hors de -2^31..2^31-1 (limite d'implémentation de PDF 1.4)
pdfa-content-real = le contenu utilise le nombre réel { $value }, hors de -32767..32767 (limite d'implémentation de PDF 1.4)
pdfa-content-name = le contenu utilise un nom de { $length } octets, plus long que 127 octets
pdfa-content-hex-odd = le contenu a une chaîne hexadécimale au nombre impair de chiffres ; écrivez des octets entiers
pdfa-content-hex-digit = le contenu a une chaîne hexadécimale contenant un caractère qui n'est pas un chiffre hexadécimal
pdfa-content-string = le contenu a une chaîne de { $length } octets, plus longue que 65535 octets ; raccourcissez-la
pdfa-content-operator = le flux de contenu utilise l'opérateur "{ $operator }", que PDF 1.4 ne définit pas ; supprimez-le
pdfa-inline-image-lzw = une image en ligne est compressée en LZW ; utilisez FlateDecode à la place
pdfa-inline-image-interpolate = une image en ligne a Interpolate à true ; mettez-le à false

## colour.rs
pdfa-rendering-intent = l'intention de rendu /{ $intent } n'est ni RelativeColorimetric, ni AbsoluteColorimetric, ni Perceptual, ni Saturation
pdfa-devicen-components = un espace colorimétrique DeviceN a { $components } composantes, plus que les 8 autorisées
pdfa-icc-input-profile = le profil d'un espace colorimétrique ICCBased (classe { $class }, espace colorimétrique { $colour_space }, version { $version }) n'est pas un profil v2 (version inférieure à 3.0) prtr/mntr/scnr/spac pour RGB, CMYK, GRAY ou Lab ; incorporez un profil ICC v2
pdfa-skip-icc-stream = un flux de profil ICC n'a pas pu être décodé : « { $error } »
pdfa-icc-invalid = un profil ICC incorporé n'est pas un profil ICC valide (pas de signature 'acsp' ou taille incorrecte) ; incorporez un véritable profil ICC
pdfa-icc-n = le N du flux ICC { $n ->
    [missing] est absent
   *[other] vaut { $n }
}, mais l'espace colorimétrique { $colour_space } de son profil { $components ->
    [unsupported] a un nombre de composantes non pris en charge
    [one] a { $components } composante
   *[other] a { $components } composantes
} ; donnez à N la valeur correspondante

## fonts.rs, font_program.rs
pdfa-font-named = la police { $name }
pdfa-font-unnamed = une police
pdfa-font-no-type = { $font } n'a pas d'entrée /Type /Font ; ajoutez-la
pdfa-font-subtype = { $font } a un Subtype /{ $subtype } absent ou non valide
pdfa-font-no-basefont = { $font } n'a pas de nom BaseFont ; ajoutez-le
pdfa-font-no-firstchar = { $font } n'a pas d'entrée FirstChar
pdfa-font-no-lastchar = { $font } n'a pas d'entrée LastChar
pdfa-font-widths = { $font } n'a pas de tableau Widths, ou sa taille n'est pas LastChar - FirstChar + 1
pdfa-font-not-embedded = { $font } n'est pas incorporée ; incorporez le programme de police (FontFile, FontFile2 ou FontFile3)
pdfa-font-file-subtype = { $font } incorpore un fichier de police de Subtype /{ $subtype }, que PDF 1.4 ne définit pas
pdfa-skip-font-charset = { $font } : il n'est pas vérifié que son CharSet énumère chaque glyphe du programme Type 1
pdfa-skip-font-cidset = { $font } : il n'est pas vérifié que son CIDSet énumère chaque glyphe du programme
pdfa-font-no-charset = { $font } est un sous-ensemble Type 1 sans CharSet dans son descripteur de police ; ajoutez CharSet
pdfa-font-no-cidset = { $font } est un sous-ensemble CIDFont sans flux CIDSet dans son descripteur de police ; ajoutez CIDSet
pdfa-font-symbolic-encoding = { $font } est une police TrueType symbolique avec une entrée Encoding ; supprimez l'Encoding
pdfa-font-nonsymbolic-encoding = { $font } est une police TrueType non symbolique dont le codage n'est ni MacRomanEncoding ni WinAnsiEncoding (sans Differences) ; utilisez l'un des deux
pdfa-font-cmap-not-embedded = { $font } utilise la CMap /{ $cmap } sans l'incorporer ; incorporez le flux de la CMap
pdfa-font-no-cidtogidmap = { $font } : sa CIDFont de type 2 n'a pas de CIDToGIDMap ; ajoutez /CIDToGIDMap /Identity ou un flux
pdfa-skip-font-cmap = { $font } : sa CMap incorporée n'est pas analysée (6.1.12 test 10 : valeurs CID ; 6.3.3 test 4 : WMode)
pdfa-font-system-info = { $font } : les Registry et Ordering de sa CIDFont et de sa CMap diffèrent ; rendez-les identiques
pdfa-skip-font-program = { $font } : son programme de police { $subtype } (/{ $key }) n'est pas analysé : la présence des glyphes et les chasses ne sont pas vérifiées
pdfa-skip-font-decode = { $font } : son programme de police n'a pas pu être décodé : « { $error } »
pdfa-skip-truetype-parse = { $font } : son programme TrueType n'a pas pu être analysé : « { $error } »
pdfa-font-cmap-subtables = { $font } est une police TrueType symbolique dont le programme a { $subtables ->
    [one] { $subtables } sous-table cmap
   *[other] { $subtables } sous-tables cmap
} ; il doit en avoir exactement une
pdfa-skip-font-glyph = { $font } : aucun glyphe n'a été trouvé pour le code { $code } dans la cmap du programme, sa présence et sa chasse ne sont donc pas vérifiées
pdfa-font-width-program = { $font } : la chasse du code { $code } vaut { $widths } dans le tableau Widths mais { $program } dans le programme de police ; mettez-les en accord
pdfa-font-width-type3 = { $font } : la chasse du code { $code } vaut { $widths } dans le tableau Widths mais { $program } dans sa procédure de glyphe (d0/d1) ; mettez-les en accord

## context.rs
pdfa-device-rgb = DeviceRGB est utilisé mais le mode de sortie PDF/A-1 n'est pas RGB ; ajoutez un mode de sortie GTS_PDFA1 avec un profil ICC correspondant ou utilisez un espace colorimétrique ICCBased
pdfa-device-cmyk = DeviceCMYK est utilisé mais le mode de sortie PDF/A-1 n'est pas CMYK ; ajoutez un mode de sortie GTS_PDFA1 avec un profil ICC correspondant ou utilisez un espace colorimétrique ICCBased
pdfa-device-gray = DeviceGray est utilisé mais le fichier n'a pas de mode de sortie PDF/A-1 ; ajoutez un mode de sortie GTS_PDFA1 avec un profil ICC correspondant ou utilisez un espace colorimétrique ICCBased

## graphics.rs
pdfa-output-intents-profiles = les entrées de OutputIntents n'utilisent pas toutes le même DestOutputProfile indirect ; faites pointer chaque mode de sortie vers un seul objet profil
pdfa-output-intent-no-profile = le mode de sortie GTS_PDFA1 n'a pas de flux ICC DestOutputProfile ; incorporez le profil ICC de sortie
pdfa-output-intent-profile = le profil du mode de sortie (classe { $class }, espace colorimétrique { $colour_space }, version { $version }) doit être un profil de sortie (prtr) ou d'écran (mntr) pour RGB, CMYK ou GRAY, de version inférieure à 3.0 (ICC v2)
pdfa-xobject-opi = un XObject a une entrée OPI ; supprimez-la
pdfa-xobject-smask = un XObject a un SMask (masque de transparence) : PDF/A-1 l'interdit ; aplatissez l'image
pdfa-xobject-postscript = le fichier contient un XObject PostScript (Subtype PS) ; supprimez-le
pdfa-image-alternates = une image a une entrée Alternates ; supprimez-la
pdfa-image-interpolate = une image a Interpolate à true ; mettez-le à false ou supprimez-le
pdfa-form-postscript = un XObject de formulaire a une entrée PS ou un Subtype2 PS (PostScript) ; supprimez-la
pdfa-form-reference = un XObject de formulaire est un XObject de référence (entrée Ref) ; importez plutôt le contenu de la page référencée
pdfa-transparency-group = une page ou un XObject de formulaire a un groupe de transparence (Group avec S Transparency) ; supprimez le groupe
pdfa-extgstate-tr = un ExtGState a une entrée TR (fonction de transfert) ; supprimez-la
pdfa-extgstate-tr2 = un ExtGState a un TR2 autre que /Default ; supprimez-le ou mettez-le à /Default
pdfa-extgstate-smask = un ExtGState a un masque de transparence (SMask autre que /None) : PDF/A-1 interdit la transparence
pdfa-extgstate-stroke-alpha = un ExtGState fixe l'alpha de trait { $key } à { $value } : PDF/A-1 exige 1.0
pdfa-extgstate-fill-alpha = un ExtGState fixe l'alpha de remplissage { $key } à { $value } : PDF/A-1 exige 1.0
pdfa-extgstate-blend-mode = un ExtGState utilise le mode de fusion /{ $mode } ; PDF/A-1 n'autorise que Normal ou Compatible

## structure.rs
pdfa-trailer-no-id = le dictionnaire trailer n'a pas d'entrée ID (un tableau de deux chaînes) ; ajoutez un identifiant de fichier
pdfa-xref-damaged = les données de la table des références croisées n'ont pas pu être lues telles qu'écrites (positions erronées ou table endommagée) ; reconstruisez la table des références croisées
pdfa-embedded-files = le dictionnaire des noms a une entrée EmbeddedFiles : PDF/A-1 interdit les fichiers incorporés ; supprimez-les
pdfa-optional-content = le catalogue a une entrée OCProperties : PDF/A-1 interdit le contenu optionnel ; aplatissez les calques
pdfa-too-many-objects = le fichier compte { $total } objets indirects, plus que les 8 388 607 autorisés ; scindez le fichier
pdfa-integer = l'entier { $value } est hors de -2^31..2^31-1 (limite d'implémentation de PDF 1.4)
pdfa-real = le nombre réel { $value } est hors de -32767..32767 (limite d'implémentation de PDF 1.4)
pdfa-string = une chaîne de { $length } octets dépasse 65535 octets ; raccourcissez-la
pdfa-array = un tableau de { $length } éléments dépasse 8191 éléments ; scindez-le
pdfa-name = un nom de { $length } octets dépasse 127 octets ; raccourcissez-le
pdfa-dictionary = un dictionnaire de { $length } entrées dépasse 4095 entrées
pdfa-filespec-ef = une spécification de fichier a une entrée EF (fichier incorporé) : PDF/A-1 interdit les fichiers incorporés ; supprimez-la
pdfa-object-stream = le fichier utilise un flux d'objets (PDF 1.5) ; PDF/A-1 exige que chaque objet soit stocké directement
pdfa-xref-stream-object = le fichier a un flux de références croisées (PDF 1.5) ; PDF/A-1 exige une table des références croisées
pdfa-stream-external = le dictionnaire du flux a { $keys } (données de flux externes) ; gardez les données du flux dans le fichier et supprimez la clé
pdfa-stream-lzw = le flux est compressé en LZW (LZWDecode) ; recompressez-le avec FlateDecode

## interactive.rs
pdfa-catalog-aa = le catalogue du document a une entrée AA (actions supplémentaires) ; supprimez-la
pdfa-javascript = le dictionnaire des noms a une entrée JavaScript : les actions JavaScript sont interdites ; supprimez-les
pdfa-action-type = une action de type /{ $action } n'est pas autorisée (seules GoTo, GoToR, Thread, URI, Named et SubmitForm sont permises) ; supprimez-la
pdfa-named-action = l'action nommée /{ $action } n'est ni NextPage, ni PrevPage, ni FirstPage, ni LastPage
pdfa-need-appearances = le formulaire interactif a NeedAppearances à true ; générez les apparences et supprimez cet indicateur
pdfa-field-aa = un champ de formulaire a une entrée AA (actions supplémentaires) ; supprimez-la
pdfa-annotation-type = le type d'annotation /{ $subtype } n'est pas autorisé en PDF/A-1 ; supprimez l'annotation
pdfa-annotation-ca = une annotation a un CA de { $value } ; PDF/A-1 exige 1.0
pdfa-annotation-colour = une annotation a un tableau de couleur C ou IC mais le mode de sortie PDF/A n'est pas RGB ; supprimez la couleur ou utilisez un mode de sortie RGB
pdfa-annotation-flags = les indicateurs F d'une annotation sont absents ou incorrects : Print doit être activé et Invisible, Hidden, NoView désactivés
pdfa-annotation-appearance = le dictionnaire d'apparence d'une annotation ne doit contenir que N, un flux (un sous-dictionnaire pour les boutons)
pdfa-widget-action = une annotation Widget de champ de formulaire a une entrée A (action) ; supprimez-la
pdfa-widget-aa = une annotation Widget de champ de formulaire a une entrée AA (actions supplémentaires) ; supprimez-la
pdfa-widget-no-appearance = une annotation Widget de champ de formulaire n'a pas de dictionnaire d'apparence (AP) ; générez son apparence

## raw.rs
pdfa-header = le fichier ne commence pas par un en-tête "%PDF-n.m" à l'octet 0 ; écrivez l'en-tête en tout premier
pdfa-header-binary-comment = la ligne d'en-tête n'est pas suivie d'un commentaire formé de '%' et d'au moins quatre octets supérieurs à 127 ; ajoutez en deuxième ligne un commentaire binaire tel que "%\xE2\xE3\xCF\xD3"
pdfa-no-eof = le fichier n'a pas de marqueur %%EOF (il est peut-être tronqué) ; terminez le fichier par %%EOF
pdfa-after-eof = { $count ->
    [one] { $count } octet suit
   *[other] { $count } octets suivent
} le dernier marqueur %%EOF ; seul un marqueur de fin de ligne peut le suivre, supprimez le reste
pdfa-no-startxref = aucun mot-clé startxref n'a été trouvé ; le fichier doit avoir une table des références croisées et un startxref
pdfa-xref-eol = le mot-clé xref n'est pas suivi d'exactement un marqueur de fin de ligne avant l'en-tête de la première sous-section ; écrivez "xref" puis une fin de ligne
pdfa-xref-subsection = l'en-tête d'une sous-section de la table des références croisées ne sépare pas son premier numéro d'objet et son nombre d'entrées par une seule espace ; écrivez "<premier> <nombre>"
pdfa-xref-stream = le fichier utilise un flux de références croisées (PDF 1.5) ; PDF/A-1 exige une table des références croisées classique, enregistrez sans flux d'objets ni flux de références croisées
pdfa-xref-not-table = startxref ou /Prev ne pointe pas vers une table des références croisées ; reconstruisez la table des références croisées
pdfa-xrefstm = le dictionnaire trailer a une entrée /XRefStm (fichier hybride avec un flux de références croisées) ; PDF/A-1 n'autorise que les tables des références croisées
pdfa-skip-scan-budget = le budget de lecture au niveau des octets a été épuisé avant que tous les objets soient lus
pdfa-xref-entry = l'entrée de la table des références croisées de l'objet { $number } { $generation } pointe vers l'octet { $offset }, où ne commence aucun "{ $number } { $generation } obj" ; reconstruisez la table des références croisées
pdfa-object-header = l'en-tête d'objet n'est pas "<num> <gen> obj" avec des espaces simples, précédé et suivi d'une fin de ligne ; réécrivez l'en-tête d'objet
pdfa-endobj-eol = le mot-clé endobj n'est pas précédé et suivi d'un marqueur de fin de ligne ; placez-le sur sa propre ligne
pdfa-no-endobj = l'objet n'a pas de mot-clé endobj avant le début de l'objet suivant ; fermez-le avec endobj
pdfa-hex-characters = une chaîne hexadécimale contient des caractères autres que 0-9, A-F, a-f et des blancs ; encodez correctement la chaîne
pdfa-hex-odd = une chaîne hexadécimale a un nombre impair de chiffres hexadécimaux ; écrivez deux chiffres par octet
pdfa-no-endstream = le flux n'a pas de mot-clé endstream ; le fichier est peut-être tronqué
pdfa-stream-eol = le mot-clé stream n'est pas suivi de CR LF ou de LF seul, ou endstream n'est pas précédé d'une fin de ligne ; écrivez "stream" fin de ligne, données, fin de ligne, "endstream"
pdfa-no-length = le dictionnaire du flux n'a pas de Length utilisable (un entier positif ou nul, direct ou indirect) ; ajoutez-la
pdfa-stream-length = la Length du flux vaut { $declared } mais { $actual ->
    [one] { $actual } octet se trouve
   *[other] { $actual } octets se trouvent
} entre la fin de ligne qui suit "stream" et celle qui précède "endstream" ; donnez à Length le nombre réel d'octets

## xmp.rs
pdfa-no-metadata = le catalogue du document n'a pas de flux Metadata ; ajoutez un flux de métadonnées XMP
pdfa-metadata-filter = le flux de métadonnées a un Filter ; stockez les métadonnées XMP sans compression
pdfa-skip-metadata-decode = le flux de métadonnées n'a pas pu être décodé : « { $error } »
pdfa-xmp-not-well-formed = les métadonnées XMP ne sont pas bien formées : « { $error } » ; écrivez un paquet XMP bien formé
pdfa-skip-xmp-parse = les métadonnées XMP n'ont pas pu être analysées
pdfa-skip-xmp-rdf-bounds = le RDF des métadonnées XMP n'a pas pu être lu dans les limites de 200000 éléments et 64 niveaux d'imbrication
pdfa-xmp-packet-bytes = l'en-tête du paquet XMP a un attribut bytes ; supprimez-le
pdfa-xmp-packet-encoding = l'en-tête du paquet XMP a un attribut encoding ; supprimez-le
pdfa-no-identification = les métadonnées XMP n'ont pas d'identification PDF/A (pdfaid:part, pdfaid:conformance) ; ajoutez-la
pdfa-pdfaid-part = pdfaid:part vaut { $value } au lieu de 1 ; déclarez la partie 1 pour PDF/A-1
pdfa-pdfaid-part-missing = pdfaid:part est absent (1 attendu) ; déclarez la partie 1 pour PDF/A-1
pdfa-pdfaid-conformance = pdfaid:conformance vaut { $value } au lieu de B (ou A)
pdfa-pdfaid-conformance-missing = pdfaid:conformance est absent (B ou A attendu)
pdfa-pdfaid-prefix = la propriété d'identification PDF/A { $property } utilise le préfixe "{ $prefix }" ; utilisez "pdfaid"
pdfa-info-not-text = l'entrée Info /{ $key } n'est pas une chaîne de texte, elle ne peut donc pas correspondre à la propriété XMP { $property }
pdfa-info-author-creators = l'entrée Info /Author est renseignée mais la propriété XMP dc:creator a plus d'une entrée ; gardez un seul auteur
pdfa-info-differs = l'entrée Info /{ $key } vaut "{ $info }" mais la propriété XMP { $property } vaut "{ $xmp }" ; rendez-les égales
pdfa-info-xmp-missing = l'entrée Info /{ $key } vaut "{ $info }" mais la propriété XMP { $property } est absente ; rendez-les égales

## xmp_schema.rs
pdfa-xmp-unknown-property = la propriété XMP { $prefix }:{ $name } ({ $namespace }) ne figure pas dans les schémas prédéfinis de XMP 2004 et n'est décrite par aucun schéma d'extension PDF/A ; supprimez-la ou décrivez-la dans pdfaExtension:schemas
pdfa-xmp-value-type = la propriété XMP { $prefix }:{ $name } n'a pas le type de valeur { $value_type } ; écrivez-la dans ce type
pdfa-extension-container-field = le conteneur des schémas d'extension a un champ non défini { $field }
pdfa-extension-not-bag = pdfaExtension:schemas n'est pas un rdf:Bag ; écrivez les schémas dans un Bag
pdfa-extension-container-prefix = le conteneur des schémas d'extension utilise le préfixe { $prefix } ; utilisez pdfaExtension
pdfa-extension-schema-not-struct = une définition de schéma d'extension n'est pas une structure
pdfa-extension-property-not-struct = une propriété de schéma d'extension n'est pas une structure
pdfa-extension-type-not-struct = un type de valeur de schéma d'extension n'est pas une structure
pdfa-extension-field-not-struct = un champ de schéma d'extension n'est pas une structure
pdfa-extension-text-field = il manque à un schéma d'extension un champ texte { $prefix }:{ $name } (avec le préfixe { $prefix })
pdfa-extension-undefined-field = une structure de schéma d'extension a un champ non défini { $prefix }:{ $name }
pdfa-extension-not-seq = le champ { $prefix }:{ $name } d'un schéma d'extension n'est pas un rdf:Seq de préfixe { $prefix }
pdfa-extension-property-type = une propriété de schéma d'extension a le type de valeur non défini { $value_type }
pdfa-extension-property-category = une propriété de schéma d'extension a la catégorie { $category } ; utilisez internal ou external

## pages.rs
pdfa-tree-no-root = le catalogue n'a pas d'entrée Pages désignant une arborescence de pages ; la PJ n'a aucune page
pdfa-tree-no-page = l'arborescence des pages ne contient aucune page : un PDF sans page n'est pas une PJ
pdfa-tree-loop-self = l'arborescence des pages boucle : une entrée Kids de { $parent } désigne { $parent } lui-même
pdfa-tree-loop = l'arborescence des pages boucle : une entrée Kids de { $parent } désigne { $node }, qui le contient
pdfa-tree-shared = l'arborescence des pages n'est pas un arbre : { $node } est atteint une seconde fois, depuis une entrée Kids de { $parent }
pdfa-tree-missing = une entrée Kids de { $parent } désigne { $node }, un objet absent ou illisible
pdfa-tree-root-missing = l'entrée Pages du catalogue désigne { $node }, un objet absent ou illisible
pdfa-tree-not-dictionary = une entrée Kids de { $parent } désigne { $node }, qui n'est pas un dictionnaire de page ni de nœud de l'arborescence des pages
pdfa-tree-root-not-dictionary = l'entrée Pages du catalogue désigne { $node }, qui n'est pas un dictionnaire de page ni de nœud de l'arborescence des pages
pdfa-tree-direct = une entrée Kids de { $parent } est un objet direct, et non une référence à une page
pdfa-tree-no-kids = le nœud { $node } de l'arborescence des pages n'a pas de tableau Kids

## decode.rs
pdfa-decode-over-limit = les données décodées dépassent { $limit } octets
pdfa-decode-unsupported = le filtre { $filter } n'est pas décodé ici
pdfa-decode-too-many-filters = le flux a { $filters } filtres, plus que { $max }

## error.rs
pdfa-read-too-large = le fichier ({ $bytes } octets) dépasse max_input_bytes ({ $max })
pdfa-read-over-limit = un flux d'objets décodé dépasse { $limit } octets
pdfa-read-parser-gave-up = l'analyseur PDF a renoncé à lire ce fichier
pdfa-read-utf8 = le paquet XMP n'est pas en UTF-8 valide : « { $error } »
pdfa-read-utf16 = le paquet XMP n'est pas en UTF-16 valide : « { $error } »
pdfa-read-utf32 = le paquet XMP n'est pas en UTF-32 valide
pdfa-read-xml = erreur XML : « { $error } »
pdfa-read-doctype = le paquet XMP contient une déclaration DOCTYPE
pdfa-read-unclosed = le paquet XMP se termine avant la fermeture de tous les éléments
pdfa-read-no-rdf = le paquet XMP n'a pas d'élément rdf:RDF
pdfa-read-undeclared-prefix = le préfixe d'espace de noms { $prefix } n'est pas déclaré
pdfa-read-unknown-entity = entité inconnue &{ $entity };
pdfa-read-no-namespace = la propriété { $property } n'a pas d'espace de noms
pdfa-read-attribute = attribut incorrect : « { $error } »
pdfa-read-attribute-value = valeur d'attribut incorrecte : « { $error } »

## write.rs
pdfa-scan-no-pages = une numérisation doit avoir au moins une page
pdfa-scan-empty-page = page { $page } : la largeur, la hauteur et la résolution (dpi) doivent être positives
pdfa-scan-raster-size = page { $page } : l'image matricielle contient { $got ->
    [one] { $got } octet
   *[other] { $got } octets
} au lieu de { $expected }
pdfa-scan-page-too-large = page { $page } : dépasse 14400 points à sa résolution

## report.rs
pdfa-stop-stream-object = le flux { $object } décodé dépasse { $limit } octets
pdfa-stop-stream = un flux décodé dépasse { $limit } octets
pdfa-stop-page-content = les flux de contenu de la page { $page } ({ $object }) décodés dépassent ensemble { $limit } octets
pdfa-stop-object-stream = un flux d'objets décodé dépasse { $limit } octets, le fichier n'a donc pas pu être chargé
pdfa-stop-objects = le fichier compte { $total } objets indirects, plus que { $limit } : { $limit ->
    [one] seul le premier a été lu
   *[other] seuls les { $limit } premiers ont été lus
}
pdfa-stop-pages = l'arborescence des pages contient plus { $limit ->
    [one] d'une page : seule la première a été lue
   *[other] de { $limit } pages : seules les { $limit } premières ont été lues
}
pdfa-further-findings = les autres constats du test { $test } de la clause { $clause } ne sont pas listés
