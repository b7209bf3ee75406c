//! The causes of the diagnostic table as a return is read against them: the row of a code, and the
//! level (accepted, header, dossiers, dossier, service) its column gives.

use scor_dictionary::CodeListKey;
use scor_dictionary::latest::DICTIONARY;
use scor_dictionary::schema::CodeEntry;

/// The row of the diagnostic table for `code`.
pub fn diagnostic_entry(code: &str) -> Option<&'static CodeEntry> {
    DICTIONARY.code_list(CodeListKey::Diagnostic).get(code)
}

/// The level column of a diagnostic (`accepted`, `header`, `dossiers`, `dossier`, `service`).
pub fn level(entry: &CodeEntry) -> &'static str {
    entry.extra("level").first().copied().unwrap_or_default()
}
