## Reading a return (ARL or service message): scor-answering's findings.

arl-stray-file = { $name } is not a file of an ARL (zip archives are not opened); it is ignored
arl-file-missing = the ARL has no file { $file }
arl-subject-not-service = Subject { $subject } is not a service message's
arl-no-subject = the message has no Subject
arl-folder-no-service = a folder carries no service message
arl-neither = no { $header } nor { $diagnostic }, and { $subject } (e.g. { $example })
arl-service-code = code { $code } of the Subject is not a code of level service in the diagnostic table
arl-subject-lot = the Subject names lot { $named } but DiagEntete/Identification is { $lot }
arl-subject-shape = the Subject { $subject } is not { $example }
arl-diagnostic-file-name = FichierDiagnostic is { $named }, the diagnostic file is { $file }
arl-diagnostic-column = { $element } { $found } with cause { $cause }, whose { $element } is { $expected } in the diagnostic table
arl-dossiers-under-other-cause = { $count } DiagDossier under cause { $cause } of level { $level }: only the dossiers cause announces them; they are ignored
arl-dossiers-cause-without-dossiers = the dossiers cause announces dossier diagnostics but the ARL has no DiagDossier
arl-header-cause-other-level = cause { $cause } is of level { $level } in the diagnostic table, not a header cause; the lot is read as rejected on its header
arl-dossier-cause-level = cause { $cause } of a dossier diagnostic is of level { $level }
arl-dossier-several-files = the diagnostic names { $count } files ({ $files }); a dossier diagnostic names one
arl-dossier-file-other-dossier = { $file } is a file of dossier { $number }, not of dossier { $dossier }
arl-dossier-file-kind = { $file } is a { $kind } file; cause { $cause } names the dossier's { $expected } file
arl-dossier-twice = dossier { $dossier } is diagnosed more than once
arl-at-limit = { $problem } (limit { $limit })

## Why a return could not be classified.

arl-unread-limit = { $name } was not read: it is over a reading limit
arl-unreadable-missing = { $file } is missing
arl-unreadable-neither = the return carries neither an ARL nor a service message
arl-unreadable-service-code = service message code { $code } is not a service code of the diagnostic table
arl-unreadable-diagnostic = { $file } could not be read as an ARLSCANORDO message
arl-unreadable-header-cause = DiagEntete cause { $cause } is not a code of the diagnostic table
arl-unreadable-dossier-cause = { $xpath } cause { $cause } is not a code of the diagnostic table

## What the LPS does next.

action-none = nothing: the lot was passed to the AMO
action-new-header = retransmit the lot with a new header
action-rebuild-dossiers = rebuild each dossier listed (the file its diagnostic names), then retransmit the lot
action-retransmit = retransmit the lot, if its one retransmission is not spent: it was not passed on
retransmission-not-needed = not needed: the lot was accepted
retransmission-allowed = allowed: lot { $lot } has not been retransmitted (it may be, once)
retransmission-spent = refused: lot { $lot } was already retransmitted once, as { $retransmission }; a lot can be retransmitted only once (seed 003 §8 TA)
retransmission-is-retransmission = refused: lot { $lot } is already the retransmission of { $original }; a lot can be retransmitted only once (seed 003 §8 TA)
retransmission-unknown = unknown: { $reason }
retransmission-unclassified = the return could not be classified
retransmission-no-history = no history given: whether the lot was already retransmitted is not known
