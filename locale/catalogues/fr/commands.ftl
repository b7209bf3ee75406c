# Textes des tests des catalogues eux-mêmes.
test-inner = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
test-outer = { $name } : { $detail }

## `explain RÈGLE`.

explain-no-rule = aucune règle { $rule } dans le dictionnaire SCOR { $version }
explain-dictionary = dictionnaire : SCOR { $version }
explain-severity = gravité : { $severity }
explain-check = contrôle : { $check }, porte sur { $scope }
explain-element = donnée élémentaire : { $element }
explain-provenance = provenance : { $provenance } — { $source }
explain-decided-by = décidé par : { $decided_by }
explain-no-cause = cause ARL : aucune (un constat de gravité « { $severity } » ne donne pas de diagnostic)
explain-cause = cause ARL au niveau { $level ->
        [header] de l'en-tête
       *[other] du dossier
    } : { $cause } { $label }
explain-no-limit = limites lues : aucune
explain-limit = limite lue : { $name } = { $value } ({ $provenance } : { $source })
explain-failing = exemple en échec
explain-passing = exemple réussi
explain-example = { $name } : { $place } — { $what }
explain-no-example = { $name } : aucun trouvé dans les jeux d'essai du dépôt
explain-fixture = { $doc } (test { $test }, description du jeu d'essai en anglais)
explain-fixture-undocumented = le jeu d'essai de l'écart (test { $test })
explain-example-lot = le lot d'exemple fourni, vérifié à l'instant, ne lève aucun { $rule } ({ $verdict ->
        [conformant] conforme
        [not-conformant] NON conforme
       *[other] pas entièrement évalué
    })
explain-example-lot-vectors = { $example } ({ $accepted }) ; l'ARL de référence de la cause { $cause } est { $rejected }
scope-lot = les lots
scope-return = les retours (ARL, messages de service)
scope-history = l'historique des lots
decided-by-pair = le point de réception (pair)
decided-by-caisse = la caisse
decided-by-ps = le professionnel de santé (ps)

## `coverage ÉCHANTILLONS…`.

coverage-title = couverture de { $samples } échantillon(s), dictionnaire SCOR { $version }
coverage-counts = levée { $raised }  réussie { $passed }
coverage-unexercised = règles de lot qu'aucun échantillon n'exerce ({ $count }) : { $rules }
coverage-causes = causes ARL prévues : { $causes }
coverage-heading = Couverture des règles
coverage-subtitle = { $samples } échantillon(s), dictionnaire SCOR { $version }.
coverage-table-header = | règle | porte sur | levée | réussie |
coverage-unexercised-heading = Règles de lot qu'aucun échantillon n'exerce ({ $count })
coverage-causes-heading = Causes ARL prévues
coverage-causes-table-header = | cause | échantillons |

## `verify-evidence DOSSIER`.

evidence-as-recorded = preuves { $folder } : { $files } fichiers tels qu'enregistrés
evidence-not-as-recorded = preuves { $folder } : { $changed } fichiers sur { $files } ne sont plus tels qu'enregistrés
evidence-changed = modifié : { $path } (désormais { $bytes } octets, sha256 { $sha256 })
evidence-missing = absent : { $path } (« { $detail } »)
coverage-scope-lot = lot
coverage-scope-return = retour
coverage-scope-history = historique

## `pdfa FICHIER|DOSSIER…`.

pdfa-cli-pass = conforme
pdfa-cli-fail = non conforme
pdfa-cli-not-fully-evaluated = pas entièrement évalué
pdfa-cli-object = objet { $object }
pdfa-cli-offset = position { $offset }
pdfa-cli-stopped = une limite de lecture ({ $limit }) a arrêté la lecture
pdfa-cli-stopped-by = une limite de lecture a arrêté la lecture : { $stop }
pdfa-cli-violation = { $clause } test { $test } [{ $place }] : { $message }
pdfa-cli-not-evaluated = non évalué { $clause } : { $reason }
pdfa-cli-totals = { $files } fichier(s) : { $pass } conforme(s), { $fail } non conforme(s), { $not_fully_evaluated } pas entièrement évalué(s)

## `arl analyze` et `arl sent`.

arl-cli-return = retour { $input }
arl-cli-lot = lot : { $lot }
arl-cli-retransmission = retransmission : { $answer }
arl-cli-findings = constats ({ $count }) :
arl-cli-finding = { $place } : { $severity } [{ $rule }] { $message }
arl-cli-accepted = accepté : cause { $cause } { $label }
arl-cli-header-rejection = rejeté au niveau de l'en-tête : cause { $cause } { $label }
arl-cli-libelle = Libellé : { $libelle }
arl-cli-dossier-rejection = rejeté sur { $count } dossier(s) : cause { $cause } { $label }
arl-cli-dossier = {"  "}dossier { $numero } : { $file } cause { $cause } { $label }
arl-cli-service-message = rejeté par un message de service : code { $code } { $label }
arl-cli-unreadable = illisible : { $reason }
arl-cli-action = action : { $action }
arl-cli-follows = d'après : « { $source } »
arl-cli-recorded = lot { $lot } enregistré comme envoyé, avec { $pjs } PJ
arl-cli-recorded-retransmission = lot { $lot } enregistré comme retransmission de { $original }, avec { $pjs } PJ

## Paniques des analyseurs tiers, rattrapées.

note-caught-panic = note : { $parser } a échoué sur une entrée ({ $place } : { $message }) ; scor-kit la déclare non évaluée et poursuit
