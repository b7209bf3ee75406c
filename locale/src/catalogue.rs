//! The Fluent catalogues compiled into the binary, one bundle per language; each message is parsed the
//! first time it is rendered.

use crate::lang::Lang;
use crate::text::{Arg, Text};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::ops::Range;
use std::sync::{LazyLock, PoisonError, RwLock};
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// One message of a language, as the build script found it: the range of its id in the language's
/// ids, its file (in [`FILES`]) and the byte range of its entry in that file. Integers only, with the
/// ids in one string: a table of string slices would be relocated, page by page, at every start of
/// the process.
struct Entry {
    id: Range<usize>,
    file: usize,
    lines: Range<usize>,
}

/// The messages of one language. Each message is parsed the first time it is rendered: a run renders a
/// few dozen of the catalogues' several hundred messages, and parsing them all cost a process about a
/// millisecond and 300 page faults before its first sentence.
pub struct Catalogue {
    lang: Lang,
    /// The messages rendered so far.
    bundle: RwLock<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue").field("lang", &self.lang).finish_non_exhaustive()
    }
}

static FRENCH: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::new(Lang::Fr));
static ENGLISH: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::new(Lang::En));

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
        FILES.iter().copied().zip(Catalogue::sources_of(lang).iter().copied())
    }

    /// Every syntax error and duplicate id in the files of `lang`, each file parsed whole by Fluent's
    /// parser. The catalogues are part of the binary: the catalogue tests keep this list empty.
    pub fn errors(lang: Lang) -> Vec<String> {
        let mut bundle = FluentBundle::new_concurrent(vec![langid(lang)]);
        let mut errors = Vec::new();
        for (name, source) in Catalogue::sources(lang) {
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, parsing)| {
                errors.extend(parsing.iter().map(|error| format!("{lang}/{name}.ftl: {error:?}")));
                resource
            });
            if let Err(adding) = bundle.add_resource(resource) {
                errors.extend(adding.iter().map(|error| format!("{lang}/{name}.ftl: {error:?}")));
            }
        }
        errors
    }

    /// The ids of `lang`'s messages, sorted, each with the lines of its entry.
    pub fn entries(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
        let (ids, index) = Catalogue::index(lang);
        let sources = Catalogue::sources_of(lang);
        index.iter().map(move |entry| (&ids[entry.id.clone()], &sources[entry.file][entry.lines.clone()]))
    }

    fn new(lang: Lang) -> Catalogue {
        let mut bundle = FluentBundle::new_concurrent(vec![langid(lang)]);
        bundle.set_use_isolating(false);
        Catalogue { lang, bundle: RwLock::new(bundle) }
    }

    fn sources_of(lang: Lang) -> &'static [&'static str] {
        match lang {
            Lang::Fr => FR,
            Lang::En => EN,
        }
    }

    /// The message ids of `lang`, one after the other, and every message sorted by id.
    fn index(lang: Lang) -> (&'static str, &'static [Entry]) {
        match lang {
            Lang::Fr => (FR_IDS, FR_ENTRIES),
            Lang::En => (EN_IDS, EN_ENTRIES),
        }
    }

    /// The lines of the entry of message `id`.
    fn entry(&self, id: &str) -> Option<&'static str> {
        let (ids, index) = Catalogue::index(self.lang);
        let entry = &index[index.binary_search_by(|entry| ids[entry.id.clone()].cmp(id)).ok()?];
        Some(&Catalogue::sources_of(self.lang)[entry.file][entry.lines.clone()])
    }

    /// Whether the catalogue has the message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.entry(id).is_some()
    }

    /// `text` in this catalogue's language. An id the catalogue lacks renders as the id and its
    /// arguments (the catalogue tests keep that from happening).
    pub fn render(&self, text: &Text) -> String {
        if let (true, [(_, Arg::Str(verbatim))]) = (text.is_verbatim(), text.args()) {
            return verbatim.clone();
        }
        if !self.parse(text.id()) {
            return fallback(text);
        }
        let mut args = FluentArgs::new();
        for (name, value) in text.args() {
            match value {
                Arg::Str(s) => args.set(*name, FluentValue::from(s.as_str())),
                Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
                Arg::Text(inner) => args.set(*name, FluentValue::from(self.render(inner))),
            }
        }
        let bundle = self.bundle.read().unwrap_or_else(PoisonError::into_inner);
        let Some(pattern) = bundle.get_message(text.id()).and_then(|message| message.value()) else {
            return fallback(text);
        };
        let mut errors = Vec::new();
        let rendered = bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
        debug_assert!(errors.is_empty(), "message {} in {}: {errors:?}", text.id(), self.lang);
        rendered
    }

    /// Parses the message `id` into the bundle unless it is there already; false when the catalogue
    /// has no such message. A syntax error is a build defect, which the catalogue tests catch: it
    /// panics here.
    fn parse(&self, id: &str) -> bool {
        let Some(entry) = self.entry(id) else { return false };
        if self.bundle.read().unwrap_or_else(PoisonError::into_inner).has_message(id) {
            return true;
        }
        let mut bundle = self.bundle.write().unwrap_or_else(PoisonError::into_inner);
        if !bundle.has_message(id) {
            let lang = self.lang;
            let resource = FluentResource::try_new(entry.to_owned())
                .unwrap_or_else(|(_, errors)| panic!("catalogue {lang}, message {id}: {errors:?}"));
            bundle.add_resource(resource).unwrap_or_else(|errors| panic!("catalogue {lang}, message {id}: {errors:?}"));
        }
        true
    }
}

fn langid(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::Fr => unic_langid::langid!("fr"),
        Lang::En => unic_langid::langid!("en"),
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
