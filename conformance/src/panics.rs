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
        std::panic::set_hook(Box::new(move |info| match caught_at(info) {
            Some((parser, place)) => {
                let message = info.payload_as_str().unwrap_or_default();
                let note = text!("note-caught-panic", parser = parser, place = place, message = message);
                eprintln!("{}", note.render(Lang::from_env()));
            }
            None => rust(info),
        }));
    });
}

/// The caught parser a panic was raised in, and the place: its source file from the crate's folder on,
/// and the line (`zune-jpeg-0.5.15/src/idct/avx2.rs:246`); `None` for any other panic. The fuzz
/// targets' hook asks it too.
pub fn caught_at(info: &PanicHookInfo<'_>) -> Option<(&'static str, String)> {
    let location = info.location()?;
    let file = location.file();
    let caught = scor_pdfa::CAUGHT_PANICS.iter().chain(scor_quality::CAUGHT_PANICS);
    let (parser, at) = caught.into_iter().find_map(|parser| Some((*parser, file.find(&format!("/{parser}-"))?)))?;
    Some((parser, format!("{}:{}", &file[at + 1..], location.line())))
}

/// How often the caught parsers panicked, by place: what a fuzzing campaign reports of them, one line
/// at the 1st, 10th, 100th… panic of each place ([`CaughtPanics::record`]), read back by
/// [`CaughtPanics::read_line`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CaughtPanics {
    counts: std::collections::BTreeMap<String, u64>,
}

const COUNT_LINE: &str = "caught parser panic: ";

impl CaughtPanics {
    /// Counts one panic of the caught `parser` at `place`; its line when the count is a power of ten.
    pub fn record(&mut self, parser: &str, place: &str, message: &str) -> Option<String> {
        let count = self.counts.entry(place.to_owned()).or_default();
        *count += 1;
        let due = *count == 10u64.pow(count.ilog10());
        due.then(|| format!("{COUNT_LINE}{count} at {place} ({parser}): {}", message.replace(['\r', '\n'], " ")))
    }

    /// Folds a line of [`CaughtPanics::record`] in (the highest count of each place); false for any
    /// other line.
    pub fn read_line(&mut self, line: &str) -> bool {
        let Some((count, rest)) = line.strip_prefix(COUNT_LINE).and_then(|rest| rest.split_once(" at ")) else {
            return false;
        };
        let (Ok(count), Some((place, _))) = (count.parse::<u64>(), rest.split_once(" (")) else { return false };
        let known = self.counts.entry(place.to_owned()).or_default();
        *known = (*known).max(count);
        true
    }

    /// The panics counted, each place's at least as many as its last line said.
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// The places, in order.
    pub fn places(&self) -> impl Iterator<Item = (&str, u64)> {
        self.counts.iter().map(|(place, count)| (place.as_str(), *count))
    }
}

#[cfg(test)]
mod tests {
    use super::CaughtPanics;

    #[test]
    fn a_line_at_each_power_of_ten_that_reads_back_as_its_count() {
        let mut counted = CaughtPanics::default();
        let place = "zune-jpeg-0.5.15/src/idct/avx2.rs:246";
        let lines: Vec<(u64, String)> = (1..=1000)
            .filter_map(|n| counted.record("zune-jpeg", place, "called `Option::unwrap()`\non `None`").map(|l| (n, l)))
            .collect();
        let counts: Vec<u64> = lines.iter().map(|(n, _)| *n).collect();
        assert_eq!(counts, [1, 10, 100, 1000]);
        assert_eq!(
            lines[0].1,
            format!("caught parser panic: 1 at {place} (zune-jpeg): called `Option::unwrap()` on `None`")
        );
        let mut read = CaughtPanics::default();
        assert!(lines.iter().all(|(_, line)| read.read_line(line)));
        assert!(read.record("lopdf", "lopdf-0.37.0/src/reader.rs:10", "x").is_some());
        assert_eq!(read.total(), 1001);
        assert_eq!(read.places().collect::<Vec<_>>(), [("lopdf-0.37.0/src/reader.rs:10", 1), (place, 1000)]);
        assert!(!read.read_line("#2\tINITED cov: 10 ft: 11 corp: 2/3Kb exec/s: 0 rss: 40Mb"));
    }
}
