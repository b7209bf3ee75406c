//! The Fluent catalogues compiled into the binary, one bundle per language, parsed on first use.

use crate::lang::Lang;
use crate::text::{Arg, Text};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;

macro_rules! catalogue_files {
    ($($name:literal),* $(,)?) => {
        /// The catalogue files of each language, by name (`locale/catalogues/<lang>/<name>.ftl`).
        pub const FILES: &[&str] = &[$($name),*];
        const FR: &[&str] = &[$(include_str!(concat!("../catalogues/fr/", $name, ".ftl"))),*];
        const EN: &[&str] = &[$(include_str!(concat!("../catalogues/en/", $name, ".ftl"))),*];
    };
}

catalogue_files!("findings", "checks", "pdfa", "quality", "answering", "reports", "service", "commands");

/// The messages of one language.
pub struct Catalogue {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue").field("lang", &self.lang).finish_non_exhaustive()
    }
}

static FRENCH: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::load(Lang::Fr));
static ENGLISH: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::load(Lang::En));

impl Catalogue {
    /// The catalogue of `lang`.
    pub fn of(lang: Lang) -> &'static Catalogue {
        match lang {
            Lang::Fr => &FRENCH,
            Lang::En => &ENGLISH,
        }
    }

    /// The source of every catalogue file of `lang`, with its name.
    pub fn sources(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
        let sources = match lang {
            Lang::Fr => FR,
            Lang::En => EN,
        };
        FILES.iter().copied().zip(sources.iter().copied())
    }

    /// Parses the files of `lang`. The catalogues are part of the binary and checked by tests, so a
    /// syntax error or a duplicate id is a build defect: it panics here, on first use.
    fn load(lang: Lang) -> Catalogue {
        let langid = match lang {
            Lang::Fr => unic_langid::langid!("fr"),
            Lang::En => unic_langid::langid!("en"),
        };
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        for (name, source) in Catalogue::sources(lang) {
            let resource = FluentResource::try_new(source.to_owned())
                .unwrap_or_else(|(_, errors)| panic!("catalogue {lang}/{name}.ftl: {errors:?}"));
            bundle.add_resource(resource).unwrap_or_else(|errors| panic!("catalogue {lang}/{name}.ftl: {errors:?}"));
        }
        Catalogue { lang, bundle }
    }

    /// Whether the catalogue has the message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// `text` in this catalogue's language. An id the catalogue lacks renders as the id and its
    /// arguments (the catalogue tests keep that from happening).
    pub fn render(&self, text: &Text) -> String {
        if let (true, [(_, Arg::Str(verbatim))]) = (text.is_verbatim(), text.args()) {
            return verbatim.clone();
        }
        let Some(pattern) = self.bundle.get_message(text.id()).and_then(|message| message.value()) else {
            return fallback(text);
        };
        let mut args = FluentArgs::new();
        for (name, value) in text.args() {
            match value {
                Arg::Str(s) => args.set(*name, FluentValue::from(s.as_str())),
                Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
                Arg::Text(inner) => args.set(*name, FluentValue::from(self.render(inner))),
            }
        }
        let mut errors = Vec::new();
        let rendered = self.bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
        debug_assert!(errors.is_empty(), "message {} in {}: {errors:?}", text.id(), self.lang);
        rendered
    }
}

impl Text {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        Catalogue::of(lang).render(self)
    }
}

fn fallback(text: &Text) -> String {
    let args: Vec<String> = text.args().iter().map(|(name, value)| format!("{name}={value:?}")).collect();
    format!("{} {}", text.id(), args.join(" "))
}
