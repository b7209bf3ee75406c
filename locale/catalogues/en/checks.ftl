## The checks of a lot (scor-conformance): findings, checks not evaluated and why, the values an ARL
## writes without the header, the advisor file.

findings-left-out = { $count } more findings of { $rule } in { $file } are not listed (findings_max_per_rule: { $max })
list-join = { $first }, { $rest }
at-limit = { $problem } (limit { $limit })

## Reading a lot: its message, its files, its envelopes (scor-lot).

mail-unparseable = not an Internet message
mail-not-mime = not a MIME message
mail-not-multipart-mixed = top level is { $found }, not multipart/mixed
mail-nested-multipart = part { $index }: nested { $content_type }
mail-attachment-without-name = part { $index }: attachment without a file name
mail-name-with-path = { $name }: file name holds a path (kept as { $kept_as })
mail-duplicate-name = { $name }: attached more than once
mail-not-base64 = { $name }: encoded as { $encoding }, not base64
mail-not-octet-stream = { $name }: content type { $content_type }, not application/octet-stream
mail-bad-encoding = { $name }: transfer encoding could not be decoded
mail-no-attachment = no attachment
mail-too-large = message larger than { $limit } bytes
mail-too-many-parts = message with more than { $limit } MIME parts
read-lot-too-large = lot larger than { $limit } bytes (stopped after { $read } bytes)
read-file-too-large = { $name }: file larger than { $limit } bytes
read-too-many-files = more than { $limit } files in the lot
read-not-a-file = { $name }: not a regular file
read-name-not-utf8 = { $name }: file name is not UTF-8
read-unreadable = { $name }: unreadable: { $detail }
read-archive-damaged = damaged archive: { $detail }
cms-not-der = not DER-encoded CMS: { $detail }
cms-not-enveloped = CMS content type is { $content_type }, not envelopedData
cms-no-matching-recipient = no recipient of the envelope matches the key's certificate
cms-decrypt-failed = decryption failed: { $detail }
cms-too-large = plaintext of at least { $size } bytes exceeds the limit of { $limit } bytes

## The message around the lot.

mail-to = To: is `{ $to }` but the header's Destinataire routes to `{ $route }`
mail-subject = Subject: is `{ $subject }`; expected `{ $expected }`
lot-size = the lot's files total { $total } bytes; at most { $limit } bytes

## The inventory of the lot's files.

inventory-duplicate = `{ $name }` appears twice in the lot (names compared ignoring case); the second is ignored
inventory-no-header = the lot has no header file (a name like `{ $example }`)
inventory-second-header = a second header file; the lot already has `{ $first }`
inventory-stray = `{ $name }` matches no file name of a lot (`{ $examples }`)
inventory-extension = extension `.{ $found }` accepted, but `.{ $canonical }` is the canonical form
inventory-numbering = dossier files are numbered from 001 without gaps: expected { $expected }, found { $found }
inventory-no-pj = dossier { $number } has an index file but no PJ file
inventory-no-index = `{ $name }` belongs to dossier { $number }, which has no index file

## The header.

header-identification = Identification starts with PS number { $prefix }, but Emetteur's PS number is { $ps }
header-file-name = { $part } is `{ $value }` but the file name says `{ $expected }`
header-dossier-count = NombreDossiers is { $count } but the header has { $found } Dossier elements
header-index-lot = IndexLot { $index } is greater than NombreLots { $count }
header-dossier-number = Dossier number { $number } where { $expected } is expected (1 upwards, in order)
header-dossier-without-index = the header announces dossier { $number } but the lot has no index file for it
dossier-not-announced = dossier { $number } is not announced in the header
piece-indice-twice = indice { $indice } appears twice
piece-without-pj-file = piece { $indice } of dossier { $number } is INTERNE but the lot has no PJ file for it
pj-file-not-announced = this PJ file is not announced as an INTERNE piece of its dossier in the header
piece-indices-start = piece indices start at { $lowest }; the first is { $first }
piece-indices-gap = piece indices leave a gap: { $gaps } missing
piece-indices-range = { $from } to { $to }
pj-nature-count = dossier { $dossier } announces more than { $max } PJ of nature { $nature } ({ $label }); at most { $max } per dossier
piece-interne-without-size = a piece carried in the lot needs Taille and Empreinte
piece-externe-with-size = a piece referring to a PJ already sent carries no Taille or Empreinte
lot-before-fse = the lot is dated before its FSE lot was sent; a PJ lot is sent at the earliest after its FSE lot
lot-after-invoice = the lot is sent { $days } days after invoice date { $invoice }; at most { $max } days
lot-before-invoice = the lot is dated before invoice date { $invoice }
routing-unknown = régime { $regime } and organism or region { $code } name no routing address of the table
code-requires = { $name } `{ $code }` ({ $label }) requires { $target } ({ $id }, `{ $path }`) in { $place }, which has none
requires-in-group = its { $group }
requires-in-header = the header
code-of-list = { $name } `{ $code }` ({ $label }) of list { $list }
code-deprecated = { $what } is deprecated since { $since } and the lot is dated { $day }
code-deprecated-replaced = { $what } is deprecated since { $since } and the lot is dated { $day }; use `{ $code }` ({ $label }) instead
code-not-yet-valid = { $what } applies from { $from } but the lot is dated { $day }

## The history of lots.

lot-duplicate = lot { $lot } was already accepted (the history records its ARL with Etat A): sent again, it is a duplicate
externe-unknown-without-history = refers to PJ { $pj } already sent; only a history of lots can tell whether it was acknowledged
externe-unknown = refers to PJ { $pj }, which no lot of the history carried
externe-awaiting = refers to PJ { $pj }, sent in lot { $lot }, for which the history holds no ARL yet
externe-rejected = refers to PJ { $pj }, sent in lot { $lot }, which was rejected (Etat R): a rejected lot passes no PJ to the AMO; send the PJ itself

## The envelope of a dossier file.

cms-detached = the encrypted content is detached; the envelope must carry it
cms-trailing-bytes = { $count } bytes follow the end of the DER structure
cms-algorithm-refused = { $role } algorithm { $oid } is not accepted; accepted: { $accepted }
cms-role-content = content
cms-role-key-transport = key-transport
cms-algorithm-weak = { $role } algorithm { $algorithm } is accepted but weak; prefer { $preferred }
cms-wrong-recipient = the envelope is not sealed for the certificate of the lot's routing address { $route }; its recipients: { $recipients }
cms-wrong-recipient-known = the envelope is not sealed for the certificate of the lot's routing address { $route }; its recipients: { $recipients } (the certificate of { $address })
cms-recipient-issuer-serial = issuer { $issuer }, serial { $serial }
cms-recipient-subject-key = subject key identifier { $id }
cms-recipient-other = a { $kind } recipient
cms-certificate-dates = the certificate the envelope is sealed for is valid from { $from } to { $until }, not on the lot's date { $day }

## A dossier: its index and its PJ.

index-decrypted-too-large = the index is at least { $size } bytes once decrypted; at most { $limit } bytes (limit { $name })
pj-decrypted-too-large = the PJ is at least { $size } bytes once decrypted; at most { $limit } bytes (limit { $name })
pj-decrypted-too-large-nature = the PJ is at least { $size } bytes once decrypted; at most { $limit } bytes for nature { $nature }
nir-key-shown = NIR key is { $key } but NIR { $nir } has key { $expected }
nir-key = the NIR key does not match the NIR (values hidden: patient data)
index-differs = the index's { $name } differs from { $what } ({ $expected })
index-number-of-file-name = the dossier number of its file name
header-element = the header's { $name }
header-ps-number = the header's PS number
identifier-part-differs = identifier { $identifier } has { $part } `{ $found }`, which differs from { $what } (`{ $expected }`)
identifier-piece-nature = the piece's Nature
identifier-emetteur-ps = Emetteur's PS number
index-element = the index's { $name }
identifier-not-a-date = identifier { $identifier } has date `{ $date }`, which is not a date
identifier-after-lot = identifier { $identifier } is dated { $date }, after the lot
pj-too-large = the PJ is { $size } bytes; at most { $limit } bytes
pj-too-large-nature = the PJ is { $size } bytes; at most { $limit } bytes for nature { $nature }
pj-size-differs = the header's Taille is { $size } but the plain PDF is { $actual } bytes
pj-digest-differs = the header's Empreinte is { $expected } but the plain PDF's SHA-256 is { $actual }
pj-sealed-size = the header's Taille is { $size } but the envelope's encrypted content holds { $low } to { $high } plain bytes
pj-nature-specialty = nature { $nature } ({ $label }) is not allowed for PS specialty { $specialty }
quality-page-size = the page measures { $short } × { $long } mm; the { $profession } scan at least { $short_min } × { $long_min } mm

## Checks not evaluated: what, and why.

skip-inventory-and-files = inventory and every check of the lot's files
skip-inventory-missing = inventory of missing files (header, index and PJ files, numbering)
skip-encryption = the encryption of every index and PJ file (CMS structure, recipient, algorithms)
skip-header-rules = cross-field header rules; every index and PJ check
skip-header-and-dependents = the header and every check that needs it (dossiers, PJ, ARL recipients)
skip-index = every check of the index
skip-index-consistency = index consistency with the header
skip-pj = every check of the PJ
skip-content = every check of the content
skip-recipient-and-content = the recipient, decryption and every check of the content
skip-decryption-and-content = decryption and every check of the content
skip-externe-reference = EXTERNE reference to PJ { $pj }
skip-history = the history of lots
skip-quality = scan quality
skip-quality-page = scan quality of page { $page }
skip-pdfa-clauses = { $count ->
    [one] PDF/A-1b clause { $clauses }
   *[other] PDF/A-1b clauses { $clauses }
}
reason-no-file-read = no file of the lot could be read
reason-plain = the lot is given before sealing (--plain): its files are plain XML and PDF
reason-lot-limit = the lot was not read past the limit { $limit }
reason-not-read-limit = not read: the lot was not read past the limit { $limit }
reason-index-not-read-limit = its dossier's index was not read: the lot was not read past the limit { $limit }
reason-header-unreadable = the header could not be read
reason-index-unreadable = the index could not be read
reason-envelope-unreadable = the envelope could not be read
reason-envelope-not-decrypted = the envelope could not be decrypted
reason-decrypted-too-large = the decrypted content is over its size limit
reason-wrong-recipient = the envelope is not sealed for the routing address's certificate
reason-no-header-route = the header could not be read, so the lot's routing address and its organism key are unknown
reason-no-route = the header's Destinataire names no routing address of the table, so no organism key applies
reason-sealed-public-certificate = sealed for the certificate of { $route }; without the organism's private key nothing is decrypted
reason-unknown-recipient = sealed for a certificate scor-kit does not hold, while it holds only a test key for { $route } (a production lot is sealed for the organism's own certificate: give the public certificates with --certs to check the recipient)
reason-no-certificate = no certificate for the lot's routing address { $route } (give the public certificates with --certs, or a key with --key and --cert)
reason-no-history = no history of lots given (conform --history FILE)
reason-history-without-pj = the history given keeps no PJ identifiers
reason-history-unreadable = the history could not be read: { $detail }
reason-pj-limit = the PJ was not read past the limit { $limit }
reason-after-limit = not evaluated after the limit { $limit }

## The values an ARL writes when the header does not give them.

arl-fallback = { $name } ({ $id }) not read from the header: { $value } written, { $origin }
arl-fallback-lot = { $name } ({ $id }) not read from the header (lot { $lot }, from the header file name): { $value } written, { $origin }
arl-origin-subject = the Subject of the message
arl-origin-subject-ps = the PS number of the Identification in the Subject
arl-origin-to = the To address of the message
arl-origin-time = the time of the ARL (the lot's Temps is unknown)
arl-origin-first-code = the first code of list { $list } (the only function of a lot)
arl-origin-shape = nothing tells it: zeros in the shape of its data element

## The advisor file.

advisor-expired = advisor entry { $entry } expired on { $expires }: it no longer applies
advisor-unused = advisor entry { $entry } matched no finding: unused
advisor-not-utf8 = the file is not UTF-8
advisor-unknown-rule = no rule `{ $rule }` in the SCOR dictionary { $version }
advisor-bad-severity = severity `{ $severity }` is none of error, warning, info
advisor-no-action = give either `suppress = true` or `severity = "…"`
advisor-empty-reason = `reason` is empty
advisor-bad-expiry = `expires` is not a date AAAA-MM-JJ
