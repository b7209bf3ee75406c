//! Source excerpts for the text report: the line a finding points at, one line of context each side,
//! and a caret under the column, in the style of rustc and miette.

/// The excerpt of `text` around 1-based `line`, caret under 1-based `column` when known, every line
/// prefixed by `indent`. Empty when the line is not in the text.
pub(crate) fn render(text: &str, line: u32, column: Option<u32>, indent: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(target) = (line as usize).checked_sub(1).filter(|&index| index < lines.len()) else {
        return Vec::new();
    };
    let first = target.saturating_sub(1);
    let last = (target + 1).min(lines.len() - 1);
    let width = (last + 1).to_string().len();
    let gutter = format!("{indent}{:width$} |", "");
    let start = window_start(lines[target], column);
    let mut out = vec![gutter.clone()];
    for (index, text) in lines.iter().enumerate().take(last + 1).skip(first) {
        let shown = clip(text, start);
        out.push(format!("{indent}{:>width$} | {}", index + 1, printable(&shown)).trim_end().to_owned());
        if let (true, Some(column)) = (index == target, column) {
            let column = column as usize - start + usize::from(start > 0);
            out.push(format!("{gutter} {}^", caret_padding(&shown, column)));
        }
    }
    out.push(gutter);
    out
}

/// Characters of a line shown at most: longer lines (a whole document on one line) show a window.
const WIDTH: usize = 100;

/// The first character shown: 0, or for a long line a window centred on the column.
fn window_start(line: &str, column: Option<u32>) -> usize {
    match column {
        Some(column) if line.chars().count() > WIDTH => (column as usize).saturating_sub(1 + WIDTH / 2),
        _ => 0,
    }
}

/// At most [`WIDTH`] characters of `line` from character `start`, with `…` where something is cut.
fn clip(line: &str, start: usize) -> String {
    let count = line.chars().count();
    let mut shown: String = if start > 0 { "…".to_owned() } else { String::new() };
    shown.extend(line.chars().skip(start).take(WIDTH));
    if start + WIDTH < count {
        shown.push('…');
    }
    shown
}

/// Blanks that put a caret under 1-based character `column` of `line`, keeping tabs as tabs so the
/// caret lines up whatever the tab width.
fn caret_padding(line: &str, column: usize) -> String {
    let before = column.saturating_sub(1);
    let padding: String = line.chars().take(before).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    let missing = before.saturating_sub(padding.chars().count());
    padding + &" ".repeat(missing)
}

/// `text` with control characters other than tab replaced, so that a broken file cannot drive the
/// terminal. One character in, one character out, so columns still line up.
pub(crate) fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\t' { '\u{FFFD}' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_the_column_with_context() {
        let text = "<a>\n  <b>x</b>\n</a>\n";
        let lines = render(text, 2, Some(3), "");
        assert_eq!(lines, vec!["  |", "1 | <a>", "2 |   <b>x</b>", "  |   ^", "3 | </a>", "  |"]);
    }

    #[test]
    fn first_and_last_lines_have_one_side_of_context() {
        assert_eq!(render("a\nb", 1, None, ""), vec!["  |", "1 | a", "2 | b", "  |"]);
        assert_eq!(render("a\nb", 2, None, ""), vec!["  |", "1 | a", "2 | b", "  |"]);
    }

    #[test]
    fn line_out_of_the_text_gives_nothing() {
        assert!(render("a", 3, Some(1), "").is_empty());
        assert!(render("a", 0, Some(1), "").is_empty());
    }

    #[test]
    fn long_lines_show_a_window_around_the_column() {
        let line = format!("{}<X>{}", "a".repeat(300), "b".repeat(300));
        let lines = render(&line, 1, Some(302), "");
        let shown = lines[1].strip_prefix("1 | ").unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().count(), WIDTH + 2);
        let caret = lines[2].strip_prefix("  | ").unwrap().chars().count() - 1;
        assert_eq!(shown.chars().nth(caret), Some('X'));
    }

    #[test]
    fn short_lines_are_whole() {
        assert_eq!(clip("abc", 0), "abc");
        assert_eq!(window_start("abc", Some(3)), 0);
    }

    #[test]
    fn tabs_are_kept_and_controls_replaced() {
        assert_eq!(caret_padding("\tab", 3), "\t ");
        assert_eq!(printable("a\u{1b}[31mb"), "a\u{FFFD}[31mb");
    }
}
