## Lecture d'un retour (ARL ou message de service) : les constats de scor-answering.

arl-stray-file = { $name } n'est pas un fichier d'ARL (les archives zip ne sont pas ouvertes) ; il est ignoré
arl-file-missing = l'ARL n'a pas de fichier { $file }
arl-subject-not-service = le Subject { $subject } n'est pas celui d'un message de service
arl-no-subject = le message n'a pas de Subject
arl-folder-no-service = un répertoire ne porte pas de message de service
arl-neither = ni { $header } ni { $diagnostic }, et { $subject } (par exemple { $example })
arl-service-code = le code { $code } du Subject n'est pas un code de niveau service de la table des diagnostics
arl-subject-lot = le Subject désigne le lot { $named } mais DiagEntete/Identification vaut { $lot }
arl-subject-shape = le Subject { $subject } n'a pas la forme { $example }
arl-diagnostic-file-name = FichierDiagnostic vaut { $named }, le fichier de diagnostic est { $file }
arl-diagnostic-column = { $element } { $found } avec la cause { $cause }, dont l'élément { $element } vaut { $expected } dans la table des diagnostics
arl-dossiers-under-other-cause = { $count ->
    [one] { $count } DiagDossier sous la cause { $cause } de niveau { $level } : seule la cause des dossiers les annonce ; il est ignoré
   *[other] { $count } DiagDossier sous la cause { $cause } de niveau { $level } : seule la cause des dossiers les annonce ; ils sont ignorés
}
arl-dossiers-cause-without-dossiers = la cause des dossiers annonce des diagnostics de dossier mais l'ARL n'a aucun DiagDossier
arl-header-cause-other-level = la cause { $cause } est de niveau { $level } dans la table des diagnostics, et non une cause d'en-tête ; le lot est lu comme rejeté sur son en-tête
arl-dossier-cause-level = la cause { $cause } d'un diagnostic de dossier est de niveau { $level }
arl-dossier-several-files = le diagnostic désigne { $count } fichiers ({ $files }) ; un diagnostic de dossier en désigne un seul
arl-dossier-file-other-dossier = { $file } est un fichier du dossier { $number }, et non du dossier { $dossier }
arl-dossier-file-kind = { $file } est un fichier de type { $kind } ; la cause { $cause } désigne le fichier de type { $expected } du dossier
arl-dossier-twice = le dossier { $dossier } est diagnostiqué plus d'une fois
arl-at-limit = { $problem } (limite { $limit })

## Pourquoi un retour n'a pas pu être classé.

arl-unread-limit = { $name } n'a pas été lu : il dépasse une limite de lecture
arl-unreadable-missing = { $file } manque
arl-unreadable-neither = le retour ne porte ni ARL ni message de service
arl-unreadable-service-code = le code de message de service { $code } n'est pas un code de service de la table des diagnostics
arl-unreadable-diagnostic = { $file } n'a pas pu être lu comme un message ARLSCANORDO
arl-unreadable-header-cause = la cause { $cause } de DiagEntete n'est pas un code de la table des diagnostics
arl-unreadable-dossier-cause = la cause { $cause } de { $xpath } n'est pas un code de la table des diagnostics

## Ce que le LPS doit faire ensuite.

action-none = rien : le lot a été transmis à l'AMO
action-new-header = retransmettre le lot avec un nouvel en-tête
action-rebuild-dossiers = reconstituer chaque dossier listé (le fichier que désigne son diagnostic), puis retransmettre le lot
action-retransmit = retransmettre le lot, si sa retransmission unique n'a pas encore été faite : il n'a pas été transmis
retransmission-not-needed = inutile : le lot a été accepté
retransmission-allowed = autorisée : le lot { $lot } n'a pas été retransmis (il peut l'être une fois)
retransmission-spent = refusée : le lot { $lot } a déjà été retransmis une fois, sous l'identification { $retransmission } ; un lot ne peut être retransmis qu'une fois (seed 003 §8 TA)
retransmission-is-retransmission = refusée : le lot { $lot } est déjà la retransmission de { $original } ; un lot ne peut être retransmis qu'une fois (seed 003 §8 TA)
retransmission-unknown = inconnue : { $reason }
retransmission-unclassified = le retour n'a pas pu être classé
retransmission-no-history = aucun historique fourni : on ne sait pas si le lot a déjà été retransmis
