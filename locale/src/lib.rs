//! scor-locale: every sentence scor-kit shows people, in French and English. A [`Text`] is a message id
//! with its arguments; it is rendered in a [`Lang`] from the Fluent catalogues in `locale/catalogues/`.
//!
//! Rule ids, EF ids, clause numbers and code labels are arguments or come from the dictionary tables:
//! they never change with the language. Write a text with [`text!`]; the catalogue tests check that
//! every id used in the code exists in both languages and that no catalogue keeps an unused id.

mod catalogue;
mod lang;
mod text;

pub use catalogue::{Catalogue, FILES};
pub use lang::{Lang, UnknownLang};
pub use text::{Arg, Text};

/// A [`Text`]: `text!("pj-too-large", size = 12, limit = 10)`. The id must be a literal, so that the
/// catalogue tests can find every id the code uses.
#[macro_export]
macro_rules! text {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::Text::new($id)$(.arg(stringify!($name), $value))*
    };
}
