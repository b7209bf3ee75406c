//! `--lang fr|en`, the option of every command that writes for people: without it, the language of
//! `LC_ALL`, `LC_MESSAGES` or `LANG`, else French.

use clap::Args as ClapArgs;
use scor_locale::Lang;

/// The language option, flattened into a command's arguments.
#[derive(Debug, Clone, Copy, Default, ClapArgs)]
pub struct LangArg {
    /// Language of messages, headings and labels: fr or en (default: from LC_ALL, LC_MESSAGES or LANG,
    /// else fr). Rule ids, data elements, clauses and codes never change with it.
    #[arg(long, value_name = "fr|en")]
    lang: Option<Lang>,
}

impl LangArg {
    /// The language asked for, else the environment's, else French.
    pub fn resolve(self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
}
