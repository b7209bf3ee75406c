//! The languages scor-kit speaks, and how a command picks one: `--lang`, else `LC_ALL`, `LC_MESSAGES`
//! and `LANG` in the POSIX order, else French.

use std::fmt;
use std::str::FromStr;

/// A language of the reports and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French, the language of the SCOR documents and the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language, French first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The code used on the command line and in `Accept-Language`: `fr` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is
    /// set decides (`en_GB.UTF-8` is English); French when none is set or it names another language.
    pub fn from_env() -> Lang {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let locale = var("LC_ALL").or_else(|| var("LC_MESSAGES")).or_else(|| var("LANG"));
        locale.and_then(|locale| Lang::from_locale(&locale)).unwrap_or_default()
    }

    /// The language of a POSIX locale or language tag (`en_US.UTF-8`, `fr-FR`, `en`), if it is one of ours.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let primary = locale.split(['_', '-', '.', '@']).next().unwrap_or_default();
        Lang::ALL.into_iter().find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// The first language of an HTTP `Accept-Language` header we speak, by decreasing weight.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranges: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|range| {
                let mut parts = range.split(';');
                let lang = Lang::from_locale(parts.next()?.trim())?;
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
                    .unwrap_or(1.0);
                Some((weight, lang))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranges.first().filter(|(weight, _)| *weight > 0.0).map(|(_, lang)| *lang)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is neither `fr` nor `en`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language `{}` (expected fr or en)", self.0)
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(code))
            .ok_or_else(|| UnknownLang(code.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_and_accept_language_pick_our_languages() {
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("fr_FR@euro"), Some(Lang::Fr));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_accept_language("de-DE, en;q=0.8, fr;q=0.9"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.5"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("de, it"), None);
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
    }
}
