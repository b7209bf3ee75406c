## Les contrôles d'un lot (scor-conformance) : constats, contrôles non évalués et pourquoi, valeurs qu'un
## ARL écrit sans l'en-tête, fichier de conseils.

findings-left-out = { $count ->
    [one] { $count } autre constat de { $rule } dans { $file } n'est pas listé (findings_max_per_rule : { $max })
   *[other] { $count } autres constats de { $rule } dans { $file } ne sont pas listés (findings_max_per_rule : { $max })
}
list-join = { $first }, { $rest }
at-limit = { $problem } (limite { $limit })

## Lecture d'un lot : son message, ses fichiers, ses enveloppes (scor-lot).

mail-unparseable = ce n'est pas un message Internet
mail-not-mime = ce n'est pas un message MIME
mail-not-multipart-mixed = le premier niveau est { $found }, et non multipart/mixed
mail-nested-multipart = partie { $index } : { $content_type } imbriqué
mail-attachment-without-name = partie { $index } : pièce jointe sans nom de fichier
mail-name-with-path = { $name } : le nom de fichier contient un chemin (conservé sous le nom { $kept_as })
mail-duplicate-name = { $name } : joint plus d'une fois
mail-not-base64 = { $name } : encodé en { $encoding }, et non en base64
mail-not-octet-stream = { $name } : type de contenu { $content_type }, et non application/octet-stream
mail-bad-encoding = { $name } : l'encodage de transfert n'a pas pu être décodé
mail-no-attachment = aucune pièce jointe
mail-too-large = message de plus de { $limit } octets
mail-too-many-parts = message de plus de { $limit } parties MIME
read-lot-too-large = lot de plus de { $limit } octets (lecture arrêtée après { $read } octets)
read-file-too-large = { $name } : fichier de plus de { $limit } octets
read-too-many-files = plus de { $limit } fichiers dans le lot
read-not-a-file = { $name } : ce n'est pas un fichier ordinaire
read-name-not-utf8 = { $name } : le nom de fichier n'est pas en UTF-8
read-unreadable = { $name } : illisible : « { $detail } »
read-archive-damaged = archive endommagée : « { $detail } »
cms-not-der = ce n'est pas du CMS encodé en DER : « { $detail } »
cms-not-enveloped = le type de contenu CMS est { $content_type }, et non envelopedData
cms-no-matching-recipient = aucun destinataire de l'enveloppe CMS ne correspond au certificat de la clé
cms-decrypt-failed = impossible de déchiffrer : « { $detail } »
cms-too-large = le contenu déchiffré fait au moins { $size } octets, au-delà de la limite de { $limit } octets

## Le message qui porte le lot.

mail-to = To: vaut `{ $to }` mais le Destinataire de l'en-tête désigne l'adresse de routage `{ $route }`
mail-subject = Subject: vaut `{ $subject }` ; `{ $expected }` est attendu
lot-size = les fichiers du lot totalisent { $total } octets ; { $limit } octets au plus

## L'inventaire des fichiers du lot.

inventory-duplicate = `{ $name }` figure deux fois dans le lot (noms comparés sans tenir compte de la casse) ; le second est ignoré
inventory-no-header = le lot n'a pas de fichier d'en-tête (un nom comme `{ $example }`)
inventory-second-header = un second fichier d'en-tête ; le lot a déjà `{ $first }`
inventory-stray = `{ $name }` ne correspond à aucun nom de fichier d'un lot (`{ $examples }`)
inventory-extension = l'extension `.{ $found }` est acceptée, mais `.{ $canonical }` est la forme canonique
inventory-numbering = les fichiers des dossiers sont numérotés à partir de 001 sans trou : { $expected } attendu, { $found } trouvé
inventory-no-pj = le dossier { $number } a un fichier d'index mais aucun fichier PJ
inventory-no-index = `{ $name }` appartient au dossier { $number }, qui n'a pas de fichier d'index

## L'en-tête.

header-identification = l'Identification commence par le numéro de PS { $prefix }, mais le numéro de PS de l'Emetteur est { $ps }
header-file-name = { $part } vaut `{ $value }` mais le nom du fichier indique `{ $expected }`
header-dossier-count = NombreDossiers vaut { $count } mais l'en-tête compte { $found } éléments Dossier
header-index-lot = IndexLot { $index } est supérieur à NombreLots { $count }
header-dossier-number = numéro de dossier { $number } là où { $expected } est attendu (à partir de 1, dans l'ordre)
header-dossier-without-index = l'en-tête annonce le dossier { $number } mais le lot n'a pas de fichier d'index pour lui
dossier-not-announced = le dossier { $number } n'est pas annoncé dans l'en-tête
piece-indice-twice = l'indice { $indice } apparaît deux fois
piece-without-pj-file = la pièce { $indice } du dossier { $number } est INTERNE mais le lot n'a pas de fichier PJ pour elle
pj-file-not-announced = ce fichier PJ n'est pas annoncé dans l'en-tête comme pièce INTERNE de son dossier
piece-indices-start = les indices de pièce commencent à { $lowest } ; le premier est { $first }
piece-indices-gap = les indices de pièce ne se suivent pas : il manque { $gaps }
piece-indices-range = { $from } à { $to }
pj-nature-count = le dossier { $dossier } annonce plus de { $max } PJ de nature { $nature } ({ $label }) ; { $max } au plus par dossier
piece-interne-without-size = une pièce portée par le lot doit avoir Taille et Empreinte
piece-externe-with-size = une pièce qui renvoie à une PJ déjà envoyée ne porte ni Taille ni Empreinte
lot-before-fse = le lot est daté d'avant l'envoi de son lot de FSE ; un lot de PJ est envoyé au plus tôt après son lot de FSE
lot-after-invoice = { $days ->
    [one] le lot est envoyé { $days } jour après la date de facture { $invoice } ; { $max } jours au plus
   *[other] le lot est envoyé { $days } jours après la date de facture { $invoice } ; { $max } jours au plus
}
lot-before-invoice = le lot est daté d'avant la date de facture { $invoice }
routing-unknown = le régime { $regime } et l'organisme ou la région { $code } ne désignent aucune adresse de la table de routage
code-requires = { $name } `{ $code }` ({ $label }) exige { $target } ({ $id }, `{ $path }`) dans { $place }, qui n'en a pas
requires-in-group = son élément { $group }
requires-in-header = l'en-tête
code-of-list = { $name } `{ $code }` ({ $label }) de la liste { $list }
code-deprecated = { $what } est obsolète depuis le { $since } et le lot est daté du { $day }
code-deprecated-replaced = { $what } est obsolète depuis le { $since } et le lot est daté du { $day } ; utiliser `{ $code }` ({ $label }) à la place
code-not-yet-valid = { $what } s'applique à partir du { $from } mais le lot est daté du { $day }

## L'historique des lots.

lot-duplicate = le lot { $lot } a déjà été accepté (l'historique enregistre son ARL avec Etat A) : renvoyé, c'est un doublon
externe-unknown-without-history = renvoie à la PJ { $pj } déjà envoyée ; seul un historique des lots peut dire si elle a été acquittée
externe-unknown = renvoie à la PJ { $pj }, qu'aucun lot de l'historique n'a portée
externe-awaiting = renvoie à la PJ { $pj }, envoyée dans le lot { $lot }, pour lequel l'historique n'a pas encore d'ARL
externe-rejected = renvoie à la PJ { $pj }, envoyée dans le lot { $lot }, qui a été rejeté (Etat R) : un lot rejeté ne transmet aucune PJ à l'AMO ; envoyer la PJ elle-même

## L'enveloppe CMS d'un fichier de dossier.

cms-detached = le contenu chiffré est détaché ; l'enveloppe CMS doit le contenir
cms-trailing-bytes = { $count ->
    [one] { $count } octet suit la fin de la structure DER
   *[other] { $count } octets suivent la fin de la structure DER
}
cms-algorithm-refused = l'algorithme { $role } { $oid } n'est pas accepté ; algorithmes acceptés : { $accepted }
cms-role-content = de chiffrement du contenu
cms-role-key-transport = de transport de clé
cms-algorithm-weak = l'algorithme { $role } { $algorithm } est accepté mais faible ; préférer { $preferred }
cms-wrong-recipient = l'enveloppe CMS n'est pas chiffrée pour le certificat de l'adresse de routage du lot { $route } ; ses destinataires : { $recipients }
cms-wrong-recipient-known = l'enveloppe CMS n'est pas chiffrée pour le certificat de l'adresse de routage du lot { $route } ; ses destinataires : { $recipients } (le certificat de { $address })
cms-recipient-issuer-serial = émetteur « { $issuer } », numéro de série { $serial }
cms-recipient-subject-key = identifiant de clé du sujet { $id }
cms-recipient-other = un destinataire de type { $kind }
cms-certificate-dates = le certificat pour lequel l'enveloppe CMS est chiffrée est valide du { $from } au { $until }, et non à la date du lot { $day }

## Un dossier : son index et ses PJ.

index-decrypted-too-large = l'index fait au moins { $size } octets une fois déchiffré ; { $limit } octets au plus (limite { $name })
pj-decrypted-too-large = la PJ fait au moins { $size } octets une fois déchiffrée ; { $limit } octets au plus (limite { $name })
pj-decrypted-too-large-nature = la PJ fait au moins { $size } octets une fois déchiffrée ; { $limit } octets au plus pour la nature de PJ { $nature }
nir-key-shown = la clé du NIR vaut { $key } mais le NIR { $nir } a pour clé { $expected }
nir-key = la clé du NIR ne correspond pas au NIR (valeurs masquées : données du patient)
index-differs = l'élément { $name } de l'index n'a pas la même valeur que { $what } ({ $expected })
index-number-of-file-name = le numéro de dossier de son nom de fichier
header-element = l'élément { $name } de l'en-tête
header-ps-number = le numéro de PS de l'en-tête
identifier-part-differs = l'identifiant { $identifier } a pour { $part } `{ $found }`, alors que { $what } vaut `{ $expected }`
identifier-piece-nature = la Nature de la pièce
identifier-emetteur-ps = le numéro de PS de l'Emetteur
index-element = l'élément { $name } de l'index
identifier-not-a-date = l'identifiant { $identifier } a pour date `{ $date }`, qui n'est pas une date
identifier-after-lot = l'identifiant { $identifier } est daté du { $date }, après le lot
pj-too-large = la PJ fait { $size } octets ; { $limit } octets au plus
pj-too-large-nature = la PJ fait { $size } octets ; { $limit } octets au plus pour la nature de PJ { $nature }
pj-size-differs = la Taille de l'en-tête vaut { $size } mais le PDF en clair fait { $actual } octets
pj-digest-differs = l'Empreinte de l'en-tête vaut { $expected } mais le SHA-256 du PDF en clair est { $actual }
pj-sealed-size = la Taille de l'en-tête vaut { $size } mais le contenu chiffré de l'enveloppe CMS contient de { $low } à { $high } octets en clair
pj-nature-specialty = la nature de PJ { $nature } ({ $label }) n'est pas admise pour la spécialité de PS { $specialty }
quality-page-size = la page mesure { $short } × { $long } mm ; pour la profession { $profession }, la numérisation fait au moins { $short_min } × { $long_min } mm

## Contrôles non évalués : lesquels, et pourquoi.

skip-inventory-and-files = l'inventaire et tous les contrôles des fichiers du lot
skip-inventory-missing = l'inventaire des fichiers manquants (fichiers d'en-tête, d'index et PJ, numérotation)
skip-encryption = le chiffrement de chaque fichier d'index et PJ (structure CMS, destinataire, algorithmes)
skip-header-rules = les règles croisées de l'en-tête ; tous les contrôles d'index et de PJ
skip-header-and-dependents = l'en-tête et tous les contrôles qui en ont besoin (dossiers, PJ, destinataires de l'ARL)
skip-index = tous les contrôles de l'index
skip-index-consistency = la cohérence de l'index avec l'en-tête
skip-pj = tous les contrôles de la PJ
skip-content = tous les contrôles du contenu
skip-recipient-and-content = le destinataire, le déchiffrement et tous les contrôles du contenu
skip-decryption-and-content = le déchiffrement et tous les contrôles du contenu
skip-externe-reference = la référence EXTERNE à la PJ { $pj }
skip-history = l'historique des lots
skip-quality = la qualité de numérisation
skip-quality-page = la qualité de numérisation de la page { $page }
skip-pdfa-clauses = { $count ->
    [one] la clause PDF/A-1b { $clauses }
   *[other] les clauses PDF/A-1b { $clauses }
}
reason-no-file-read = aucun fichier du lot n'a pu être lu
reason-plain = le lot est fourni avant chiffrement (--plain) : ses fichiers sont du XML et du PDF en clair
reason-lot-limit = le lot n'a pas été lu au-delà de la limite { $limit }
reason-not-read-limit = non lu : le lot n'a pas été lu au-delà de la limite { $limit }
reason-index-not-read-limit = l'index de son dossier n'a pas été lu : le lot n'a pas été lu au-delà de la limite { $limit }
reason-header-unreadable = l'en-tête n'a pas pu être lu
reason-index-unreadable = l'index n'a pas pu être lu
reason-envelope-unreadable = l'enveloppe CMS n'a pas pu être lue
reason-envelope-not-decrypted = l'enveloppe CMS n'a pas pu être déchiffrée
reason-decrypted-too-large = le contenu déchiffré dépasse sa limite de taille
reason-wrong-recipient = l'enveloppe CMS n'est pas chiffrée pour le certificat de l'adresse de routage
reason-no-header-route = l'en-tête n'a pas pu être lu : l'adresse de routage du lot et la clé de son organisme sont inconnues
reason-no-route = le Destinataire de l'en-tête ne désigne aucune adresse de la table de routage : aucune clé d'organisme ne s'applique
reason-sealed-public-certificate = chiffré pour le certificat de { $route } ; sans la clé privée de l'organisme, rien n'est déchiffré
reason-unknown-recipient = chiffré pour un certificat que scor-kit ne détient pas, alors qu'il ne détient qu'une clé de test pour { $route } (un lot de production est chiffré pour le certificat propre de l'organisme : fournir les certificats publics avec --certs pour contrôler le destinataire)
reason-no-certificate = aucun certificat pour l'adresse de routage du lot { $route } (fournir les certificats publics avec --certs, ou une clé avec --key et --cert)
reason-no-history = aucun historique des lots fourni (conform --history FICHIER)
reason-history-without-pj = l'historique fourni ne conserve pas les identifiants de PJ
reason-history-unreadable = l'historique n'a pas pu être lu : « { $detail } »
reason-pj-limit = la PJ n'a pas été lue au-delà de la limite { $limit }
reason-after-limit = non évalué au-delà de la limite { $limit }

## Les valeurs qu'un ARL écrit quand l'en-tête ne les donne pas.

arl-fallback = { $name } ({ $id }) non lu dans l'en-tête : { $value } écrit, { $origin }
arl-fallback-lot = { $name } ({ $id }) non lu dans l'en-tête (lot { $lot }, d'après le nom du fichier d'en-tête) : { $value } écrit, { $origin }
arl-origin-subject = d'après le Subject du message
arl-origin-subject-ps = d'après le numéro de PS de l'Identification dans le Subject
arl-origin-to = d'après l'adresse To du message
arl-origin-time = d'après l'heure de l'ARL (le Temps du lot est inconnu)
arl-origin-first-code = d'après le premier code de la liste { $list } (la seule fonction d'un lot)
arl-origin-shape = rien ne l'indique : des zéros au format de sa donnée élémentaire

## Le fichier de conseils.

advisor-expired = l'entrée de conseil { $entry } a expiré le { $expires } : elle ne s'applique plus
advisor-unused = l'entrée de conseil { $entry } ne correspond à aucun constat : inutilisée
advisor-not-utf8 = le fichier n'est pas en UTF-8
advisor-unknown-rule = aucune règle `{ $rule }` dans le dictionnaire SCOR { $version }
advisor-bad-severity = la gravité `{ $severity }` n'est ni error, ni warning, ni info
advisor-no-action = indiquer soit `suppress = true`, soit `severity = "…"`
advisor-empty-reason = `reason` est vide
advisor-bad-expiry = `expires` n'est pas une date AAAA-MM-JJ
