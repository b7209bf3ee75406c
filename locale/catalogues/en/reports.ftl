## Words every report for people shares.

severity-error = error
severity-warning = warning
severity-info = info
verdict-conformant = conformant
verdict-not-conformant = NOT conformant
verdict-not-fully-evaluated = not fully evaluated
caisse-usable = usable by the caisse
caisse-not-usable = NOT usable by the caisse
caisse-not-fully-evaluated = usable by the caisse so far as checked
kind-folder = folder
kind-eml = eml
kind-archive = archive
kind-pj = pj
arl-accepted = accepted
arl-header-rejection = header rejection
arl-dossier-rejection = dossier rejection
arl-service-message = service message
arl-so-far-as-checked = { $outcome } so far as checked
counts = { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }, { $infos ->
        [one] { $infos } info
       *[other] { $infos } infos
    }, { $not_evaluated } not evaluated
whole-lot = whole lot
place-page = page { $page }
place-byte = byte { $offset }
dictionary-version-modelled = { $version } (modelled)

## The text report.

text-lot-title = lot { $input }: { $verdict }
text-lot-identification = { $kind }, identification { $identification }
text-lot-identification-unknown = { $kind }, identification unknown
text-suppressed-count = , { $count } suppressed
text-regraded = re-graded from { $from } by advisor entry { $entry }: { $reason } (until { $expires })
text-suppressed-heading = suppressed by the advisor file (not counted):
text-suppressed-finding = suppressed { $severity }[{ $rule }] { $place }: { $message }
text-suppressed-by = by advisor entry { $entry }: { $reason } (until { $expires })
text-not-evaluated-heading = not evaluated (never to be read as passed):
text-not-evaluated-item = { $file }: { $checks }: { $reason }
text-rules = rules: { $rules }
text-predicted-arl = predicted ARL: { $outcome }, cause { $cause } ({ $label })
text-rejected-dossier = dossier { $dossier }: { $file }, cause { $cause } ({ $label })
text-arl-ignores-advisor = (the receiving side does not read the advisor file: this ARL ignores it)
text-arl-fallback = written without the header: { $fallback }
text-caisse-verdict = { $verdict } (not part of the ARL)
text-caisse-finding = { $severity }[{ $rule }] { $place }: { $message }
text-rule-source = source: { $source }
run-totals = { $lots ->
        [one] { $lots } lot
       *[other] { $lots } lots
    } ({ $conformant } conformant, { $not_conformant } NOT conformant, { $not_fully_evaluated } not fully evaluated); { $counts }
text-total = total: { $totals }
text-tool = { $tool } { $version }, SCOR dictionary { $dictionary } (checksum { $checksum })
text-advisor-file = advisor file { $file } (sha256 { $sha256 }): { $entries ->
        [one] { $entries } entry
       *[other] { $entries } entries
    }

## The HTML report.

html-title = SCOR conformance report
html-identification-unknown = unknown
html-whole-lot = Whole lot
html-lot-files = Lot files
html-dossier = Dossier { $dossier }
html-other-findings = Other findings
html-predicted-arl = Predicted ARL:
html-column-file = file
html-not-arl = (not part of the ARL)
html-bytes = { $bytes } bytes
html-bytes-decrypted = { $bytes } bytes decrypted
html-pages = { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }
html-page-of = page { $page } of { $file }
html-arl-cause = ARL cause
html-suppressed-heading = Suppressed by the advisor file (not counted)
html-suppressed-by = suppressed by advisor entry { $entry }: { $reason } (until { $expires })
html-not-evaluated-heading = Not evaluated (never to be read as passed)
role-header = header
role-index = index
role-pj = pj
role-stray = stray

## The JUnit report.

junit-finding = { $severity } { $place }: { $message }
junit-arl-cause = ARL cause { $cause }
junit-regraded = { $finding } (re-graded from { $from } by advisor entry { $entry }: { $reason }, until { $expires })
junit-suppressed = suppressed { $finding } by advisor entry { $entry }: { $reason }, until { $expires }
junit-errors-first = { $errors } errors, first: { $first }
junit-not-evaluated-case = not evaluated: { $file }: { $checks }

## The SARIF log.

sarif-lot-not-fully-evaluated = lot { $lot } not fully evaluated: { $count } check(s) could not run (results of kind open)
sarif-not-evaluated = Not evaluated ({ $checks }): { $reason }
