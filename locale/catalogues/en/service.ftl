## Answers of `scor serve` that are not reports.

service-too-large = the body is larger than the largest lot message (message_max_bytes: { $max } bytes)
service-slow = the body did not arrive within the time limit
service-unknown-format = unknown format "{ $name }"
service-body-unreadable = the body could not be read: { $detail }
service-multipart = multipart: { $detail }
service-multipart-no-file = the multipart body holds no file
service-lot-types = send the lot as message/rfc822 (.eml), application/x-tar, or multipart/form-data files
service-empty-body = empty body: { $types }
service-pdf-to-pj = a PDF is checked by POST /v1/pj; { $types }
service-pdf-types = send one PDF as application/pdf or as the one file of a multipart/form-data body
service-no-endpoint = no such endpoint; see /v1/openapi.json
service-queue-timeout = no worker became free within the time limit
service-check-timeout = the check did not finish within the time limit
service-check-failed = the check failed
service-busy = every worker is busy and the queue is full
service-return-failed = the return could not be analysed: { $detail }
service-no-version = no dictionary version { $version }
service-no-rule = no rule { $id } in dictionary { $version }

## The page at `/`.

page-title = Check a SCOR lot
page-other-language = Français
page-intro = Drop the files of a lot folder (E-…-ENTSCANORDO-….xml, D-nnn.pkcs7, P-nnn-iii.pkcs7), an .eml message or one PDF: the report shows here, with the verdict, the predicted ARL and every finding. Nothing is kept on the server.
page-drop = Drop the files here
page-pick-files = Choose files (.eml, PDF, lot files)
page-pick-folder = Choose a lot folder
page-download-json = Download the JSON report
page-download-sarif = Download the SARIF report
page-report = Report
page-checking = Checking…
page-files = { $count } file(s):{" "}
page-conformant = Conformant
page-not-conformant = Not conformant
page-not-fully-evaluated = Not fully evaluated
page-findings = { $count } finding(s)
page-arl = Predicted ARL:{" "}
page-error = Error:{" "}
page-no-arl = none (a PDF alone)
