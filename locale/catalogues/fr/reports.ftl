## Les mots que partagent tous les rapports destinés aux personnes.

severity-error = erreur
severity-warning = avertissement
severity-info = info
verdict-conformant = conforme
verdict-not-conformant = NON conforme
verdict-not-fully-evaluated = pas entièrement évalué
caisse-usable = exploitable par la caisse
caisse-not-usable = NON exploitable par la caisse
caisse-not-fully-evaluated = exploitable par la caisse pour ce qui a pu être vérifié
kind-folder = répertoire
kind-eml = message eml
kind-archive = archive
kind-pj = PJ seule
arl-accepted = accepté
arl-header-rejection = rejet de l'en-tête
arl-dossier-rejection = rejet de dossiers
arl-service-message = message de service
arl-so-far-as-checked = { $outcome } pour ce qui a pu être vérifié
counts = { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    }, { $infos ->
        [one] { $infos } info
       *[other] { $infos } infos
    }, { $not_evaluated } non évalué(s)
whole-lot = lot entier
place-page = page { $page }
place-byte = octet { $offset }
dictionary-version-modelled = { $version } (modélisé)

## Le rapport texte.

text-lot-title = lot { $input } : { $verdict }
text-lot-identification = { $kind }, identification { $identification }
text-lot-identification-unknown = { $kind }, identification inconnue
text-suppressed-count = , { $count } neutralisé(s)
text-regraded = gravité changée (au lieu de { $from }) par l'entrée { $entry } du fichier de dérogations : { $reason } (jusqu'au { $expires })
text-suppressed-heading = neutralisés par le fichier de dérogations (non comptés) :
text-suppressed-finding = { $severity }[{ $rule }] neutralisé(e) { $place } : { $message }
text-suppressed-by = par l'entrée { $entry } du fichier de dérogations : { $reason } (jusqu'au { $expires })
text-not-evaluated-heading = non évalué (à ne jamais lire comme réussi) :
text-not-evaluated-item = { $file } : { $checks } : { $reason }
text-rules = règles : { $rules }
text-predicted-arl = ARL prévu : { $outcome }, cause { $cause } ({ $label })
text-rejected-dossier = dossier { $dossier } : { $file }, cause { $cause } ({ $label })
text-arl-ignores-advisor = (le point de réception ne lit pas le fichier de dérogations : cet ARL n'en tient pas compte)
text-arl-fallback = écrit sans l'en-tête : { $fallback }
text-caisse-verdict = { $verdict } (hors ARL)
text-caisse-finding = { $severity }[{ $rule }] { $place } : { $message }
text-rule-source = source : { $source }
run-totals = { $lots ->
        [one] { $lots } lot
       *[other] { $lots } lots
    } ({ $conformant } conforme(s), { $not_conformant } NON conforme(s), { $not_fully_evaluated } pas entièrement évalué(s)) ; { $counts }
text-total = total : { $totals }
text-tool = { $tool } { $version }, dictionnaire SCOR { $dictionary } (somme de contrôle { $checksum })
text-advisor-file = fichier de dérogations { $file } (sha256 { $sha256 }) : { $entries ->
        [one] { $entries } entrée
       *[other] { $entries } entrées
    }

## Le rapport HTML.

html-title = Rapport de conformité SCOR
html-identification-unknown = inconnue
html-whole-lot = Lot entier
html-lot-files = Fichiers du lot
html-dossier = Dossier { $dossier }
html-other-findings = Autres constats
html-predicted-arl = ARL prévu :
html-column-file = fichier
html-not-arl = (hors ARL)
html-bytes = { $bytes } octets
html-bytes-decrypted = { $bytes } octets déchiffrés
html-pages = { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }
html-page-of = page { $page } de { $file }
html-arl-cause = cause ARL
html-suppressed-heading = Neutralisés par le fichier de dérogations (non comptés)
html-suppressed-by = neutralisé par l'entrée { $entry } du fichier de dérogations : { $reason } (jusqu'au { $expires })
html-not-evaluated-heading = Non évalué (à ne jamais lire comme réussi)
role-header = en-tête
role-index = index
role-pj = PJ
role-stray = fichier étranger au lot

## Le rapport JUnit.

junit-finding = { $severity } { $place } : { $message }
junit-arl-cause = cause ARL { $cause }
junit-regraded = { $finding } (gravité changée, au lieu de { $from }, par l'entrée { $entry } du fichier de dérogations : { $reason }, jusqu'au { $expires })
junit-suppressed = neutralisé : { $finding }, par l'entrée { $entry } du fichier de dérogations : { $reason }, jusqu'au { $expires }
junit-errors-first = { $errors } erreurs, la première : { $first }
junit-not-evaluated-case = non évalué : { $file } : { $checks }

## Le journal SARIF.

sarif-lot-not-fully-evaluated = lot { $lot } pas entièrement évalué : { $count } vérification(s) n'ont pas pu être faites (résultats de type open)
sarif-not-evaluated = Non évalué ({ $checks }) : { $reason }
