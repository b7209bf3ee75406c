//! Small token helpers shared by the Rust renderers.

use crate::load::Provenance;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = " text"]` lines, one per line of `text`.
pub fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote!(#(#[doc = #lines])*)
}

pub fn provenance(p: Provenance) -> TokenStream {
    match p {
        Provenance::Seed => quote!(Provenance::Seed),
        Provenance::Public => quote!(Provenance::Public),
        Provenance::Modelled => quote!(Provenance::Modelled),
    }
}

/// `Some("text")` or `None`.
pub fn str_opt(text: &Option<String>) -> TokenStream {
    match text {
        Some(t) => quote!(Some(#t)),
        None => quote!(None),
    }
}

/// An unsuffixed integer literal (`3`, not `3u32`), for readable generated code.
pub fn num(n: impl Into<u64>) -> proc_macro2::Literal {
    proc_macro2::Literal::u64_unsuffixed(n.into())
}

/// An unsuffixed `usize` literal: an array length or index.
pub fn index(n: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::usize_unsuffixed(n)
}
