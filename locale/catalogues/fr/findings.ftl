## Lecture d'un message XML (en-tête, index, ARL) : le validateur en flux de scor-dictionary.

xml-file-too-large = le fichier fait { $size } octets ; la limite de lecture est de { $max }
xml-not-utf8 = le fichier n'est pas du texte UTF-8
xml-not-well-formed = XML mal formé : « { $detail } »
xml-dtd = le document déclare une DTD ; les messages SCOR n'en ont pas et les entités ne sont jamais développées
xml-too-deep = les éléments s'imbriquent sur plus de { $depth } niveaux
xml-element-in-field = élément <{ $element }> dans la donnée élémentaire { $id }, qui ne contient que du texte
xml-element-after-root = élément <{ $element }> après l'élément racine
xml-root = l'élément racine est <{ $element }> ; { $profil } attend <{ $root }> dans l'espace de noms { $namespace }
xml-root-outside-namespace = l'élément racine est <{ $element }>, hors de l'espace de noms du message ; { $profil } attend <{ $root }> dans l'espace de noms { $namespace }
xml-bad-attribute = attribut incorrect sur <{ $element }> : « { $detail } »
xml-attribute-entity = la valeur d'attribut fait référence à une entité qui n'est jamais développée : « { $detail } »
xml-unknown-attribute = l'attribut { $name } n'est pas un attribut de <{ $element }>
xml-too-many-attributes = { $count } attributs ; la limite est de { $max }
xml-attribute-value = l'attribut { $name } vaut { $value } ; { $profil } attend { $expected }
xml-attribute-missing = l'attribut { $name } est absent ; { $profil } attend { $expected }
xml-outside-namespace = l'élément <{ $element }> est hors de l'espace de noms { $namespace }
xml-unknown-element = l'élément <{ $element }> ne fait pas partie de { $profil } à cet endroit
xml-order = l'élément <{ $element }> vient après <{ $before }> ; il doit le précéder
xml-too-many = l'élément <{ $element }> apparaît { $count } fois ; { $max } au plus
xml-missing = l'élément obligatoire <{ $element }> manque dans { $parent }
xml-too-few = l'élément <{ $element }> apparaît { $count } fois ; { $min } au moins
xml-text-too-long = texte de plus de { $max } octets
xml-text-in-group = du texte là où des éléments sont attendus
xml-text-outside-root = du texte hors de l'élément racine
xml-bad-char-ref = référence de caractère incorrecte : « { $detail } »
xml-undefined-entity = l'entité &{ $name }; n'est pas une entité prédéfinie de XML ; les entités ne sont jamais développées
xml-no-root = aucun élément racine : le fichier est vide ou n'est pas du XML
xml-truncated = le fichier se termine à l'intérieur d'un élément (tronqué)
xml-finding-limit-reached = { $finding } (limite de constats atteinte : les constats suivants de ce fichier ne sont pas signalés)
xml-model-not-built = modèle typé non construit : « { $detail } »
xml-details-masked = détails masqués : données du patient

## La valeur d'une donnée élémentaire.

value-masked = la valeur (masquée : données du patient)
value-length = { $value } compte { $length } caractères ; { $id } en admet { $allowed }
length-exactly = exactement { $count }
length-range = de { $min } à { $max }
value-character = { $value } contient le caractère U+{ $code }, que XML ne peut pas porter
value-pattern = { $value } ne respecte pas le motif { $pattern }
value-code = { $value } n'est pas un code de la liste { $list }
value-digits = { $value } n'est pas composé uniquement de chiffres
value-range = { $value } est hors de l'intervalle { $range }
value-date = { $value } n'est pas une date du calendrier AAAA-MM-JJ
value-datetime = { $value } n'est pas une date et heure AAAA-MM-JJThh:mm:ss
recipient-empty = le destinataire { $position } est vide
recipient-no-role = le destinataire { $position } n'a pas de préfixe de rôle
recipient-bad-address-shown = le destinataire { $position } a une adresse électronique invalide { $address }
recipient-bad-address = le destinataire { $position } a une adresse électronique invalide
recipient-spaces = le destinataire { $position } contient des espaces que la grammaire n'admet pas
recipient-combination = les rôles { $roles } ne forment pas une combinaison admise ({ $allowed })
xml-model-not-written = le modèle n'a pas pu être écrit en XML : « { $detail } »
