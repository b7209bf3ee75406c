# Texts of the catalogue tests themselves.
test-inner = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
test-outer = { $name }: { $detail }

## `explain RULE`.

explain-no-rule = no rule { $rule } in the SCOR dictionary { $version }
explain-dictionary = dictionary: SCOR { $version }
explain-severity = severity: { $severity }
explain-check = check: { $check }, applies to { $scope }
explain-element = data element: { $element }
explain-provenance = provenance: { $provenance } — { $source }
explain-decided-by = decided by: { $decided_by }
explain-no-cause = ARL cause: none (a { $severity } gives no diagnostic)
explain-cause = ARL cause at { $level } level: { $cause } { $label }
explain-no-limit = limits read: none
explain-limit = limit read: { $name } = { $value } ({ $provenance }: { $source })
explain-failing = failing example
explain-passing = passing example
explain-example = { $name }: { $place } — { $what }
explain-no-example = { $name }: none found in the repository's fixtures
explain-fixture = { $doc } (test { $test })
explain-fixture-undocumented = the deviation fixture (test { $test })
explain-example-lot = the bundled example lot, checked now, raises no { $rule } ({ $verdict ->
        [conformant] conformant
        [not-conformant] NOT conformant
       *[other] not fully evaluated
    })
explain-example-lot-vectors = { $example } ({ $accepted }); the golden ARL of cause { $cause } is { $rejected }
scope-lot = lots
scope-return = returns (ARL, service messages)
scope-history = the history of lots
decided-by-pair = pair
decided-by-caisse = caisse
decided-by-ps = ps

## `coverage SAMPLES…`.

coverage-title = coverage of { $samples } sample(s), SCOR dictionary { $version }
coverage-counts = raised { $raised }  passed { $passed }
coverage-unexercised = lot rules no sample exercised ({ $count }): { $rules }
coverage-causes = predicted ARL causes: { $causes }
coverage-heading = Rule coverage
coverage-subtitle = { $samples } sample(s), SCOR dictionary { $version }.
coverage-table-header = | rule | applies to | raised | passed |
coverage-unexercised-heading = Lot rules no sample exercised ({ $count })
coverage-causes-heading = Predicted ARL causes
coverage-causes-table-header = | cause | samples |

## `verify-evidence DIR`.

evidence-as-recorded = evidence { $folder }: { $files } files as recorded
evidence-not-as-recorded = evidence { $folder }: { $changed } of { $files } files not as recorded
evidence-changed = changed: { $path } (now { $bytes } bytes, sha256 { $sha256 })
evidence-missing = missing: { $path } ({ $detail })
coverage-scope-lot = lot
coverage-scope-return = return
coverage-scope-history = history

## `pdfa FILE|FOLDER…`.

pdfa-cli-pass = pass
pdfa-cli-fail = fail
pdfa-cli-not-fully-evaluated = not fully evaluated
pdfa-cli-object = object { $object }
pdfa-cli-offset = offset { $offset }
pdfa-cli-stopped = a reading limit ({ $limit }) stopped the reading
pdfa-cli-stopped-by = a reading limit stopped the reading: { $stop }
pdfa-cli-violation = { $clause } test { $test } [{ $place }]: { $message }
pdfa-cli-not-evaluated = not evaluated { $clause }: { $reason }
pdfa-cli-totals = { $files } file(s): { $pass } pass, { $fail } fail, { $not_fully_evaluated } not fully evaluated

## `arl analyze` and `arl sent`.

arl-cli-return = return { $input }
arl-cli-lot = lot: { $lot }
arl-cli-retransmission = retransmission: { $answer }
arl-cli-findings = findings ({ $count }):
arl-cli-finding = { $place }: { $severity } [{ $rule }] { $message }
arl-cli-accepted = accepted: cause { $cause } { $label }
arl-cli-header-rejection = rejected on the header: cause { $cause } { $label }
arl-cli-libelle = Libelle: { $libelle }
arl-cli-dossier-rejection = rejected on { $count } dossier(s): cause { $cause } { $label }
arl-cli-dossier = {"  "}dossier { $numero }: { $file } cause { $cause } { $label }
arl-cli-service-message = rejected by a service message: code { $code } { $label }
arl-cli-unreadable = unreadable: { $reason }
arl-cli-action = action: { $action }
arl-cli-follows = follows: { $source }
arl-cli-recorded = recorded lot { $lot } as sent, carrying { $pjs } PJ
arl-cli-recorded-retransmission = recorded lot { $lot } as the retransmission of { $original }, carrying { $pjs } PJ

## Panics of third-party parsers, caught.

note-caught-panic = note: { $parser } failed on an input ({ $place }: { $message }); scor-kit reports that input not evaluated and goes on
