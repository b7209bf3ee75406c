//! The panics of third-party parsers that the checks catch (scor-pdfa's and scor-quality's
//! `CAUGHT_PANICS`), told in one line of note: a panic hook for the programs that run the checks.

use scor_locale::{Lang, text};
use std::panic::PanicHookInfo;

/// Installs the hook, once per process: a caught parser's panic prints one line of note (the input is
/// reported not evaluated, and the check goes on) instead of Rust's panic message and backtrace; any
/// other panic keeps them.
pub fn note_caught() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let rust = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| match caught_parser(info) {
            Some((parser, source)) => {
                let place = format!("{source}:{}", info.location().map_or(0, |l| l.line()));
                let message = info.payload_as_str().unwrap_or_default();
                let note = text!("note-caught-panic", parser = parser, place = place, message = message);
                eprintln!("{}", note.render(Lang::from_env()));
            }
            None => rust(info),
        }));
    });
}

/// The caught parser a panic was raised in, and its source file from the crate's folder on
/// (`zune-jpeg-0.5.15/src/idct/avx2.rs`); `None` for any other panic. The fuzz targets' hook asks it too.
pub fn caught_parser<'a>(info: &'a PanicHookInfo<'_>) -> Option<(&'static str, &'a str)> {
    let file = info.location()?.file();
    let caught = scor_pdfa::CAUGHT_PANICS.iter().chain(scor_quality::CAUGHT_PANICS);
    caught.into_iter().find_map(|parser| file.find(&format!("/{parser}-")).map(|at| (*parser, &file[at + 1..])))
}
