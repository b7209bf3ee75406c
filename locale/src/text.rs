//! A sentence in no language yet: a message id of the catalogues and its arguments.

/// A sentence to show people: a catalogue message id and its arguments, rendered late in a [`Lang`].
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// The id of [`Text::verbatim`] texts, which no catalogue has.
const VERBATIM: &str = "verbatim";

/// A number argument is never NaN, so texts compare as equals.
impl Eq for Text {}

/// One argument of a [`Text`].
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as it is (names, values, identifiers).
    Str(String),
    /// A count or size, which plural forms can select on.
    Number(f64),
    /// Another text, rendered in the same language.
    Text(Box<Text>),
}

impl Text {
    /// The message `id` of the catalogues, without arguments yet.
    pub fn new(id: &'static str) -> Self {
        Self { id, args: Vec::new() }
    }

    /// This text with the argument `name` set to `value`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// A text that is not in the catalogues: shown as it is in every language. Only for texts that
    /// come from elsewhere (a library's error, a value); a sentence of scor-kit's goes in the catalogues.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Self { id: VERBATIM, args: vec![("text", Arg::Str(text.into()))] }
    }

    /// Whether this text is [`Text::verbatim`], the same in every language.
    pub fn is_verbatim(&self) -> bool {
        self.id == VERBATIM
    }

    /// The message id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The arguments, in the order they were given.
    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Str(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Str(value.clone())
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Str(value.to_owned())
    }
}

impl From<char> for Arg {
    fn from(value: char) -> Self {
        Arg::Str(value.to_string())
    }
}

impl From<Text> for Arg {
    fn from(value: Text) -> Self {
        Arg::Text(Box::new(value))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
    )*};
}

number_args!(u8, u16, u32, u64, usize, i32, i64, f32, f64);
