//! The code `cargo xtask codegen` writes from `spec/scor/`: one module per dictionary version
//! (`v2_13`…), and the enums of the names every version shares. Nothing below this module is edited by hand.

#[rustfmt::skip] // generated code is formatted by prettyplease, in-process
mod names;
#[rustfmt::skip]
mod versions;

pub use names::*;
pub use versions::*;
