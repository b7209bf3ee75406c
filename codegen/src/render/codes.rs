//! Renders one Rust enum per code list (`FromStr`, `Display`, `ALL`, `label()`, `provenance()` and
//! one accessor per extra column), and the `codes` module that lists them.

use super::common::{doc, num, provenance, str_opt};
use crate::ir::Dictionary;
use crate::load::{CodeListTable, ExtraColumn};
use crate::names;
use crate::output::{self, Output};
use crate::shared::NameSet;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub fn render(dictionary: &Dictionary, shared: &NameSet) -> Vec<Output> {
    let mut outputs: Vec<Output> = dictionary.tables.code_lists.iter().map(|l| list(dictionary, l)).collect();
    outputs.push(module(dictionary, shared));
    outputs
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn module_name(list: &CodeListTable) -> Ident {
    ident(&names::snake(&list.key))
}

fn module(dictionary: &Dictionary, shared: &NameSet) -> Output {
    let lists = &dictionary.tables.code_lists;
    let modules: Vec<Ident> = lists.iter().map(module_name).collect();
    let by_key = shared.shared.iter().map(|name| {
        let list = lists.iter().find(|l| l.key == name.text).expect("a shared list is in every version");
        table_ident(list)
    });
    let code = quote! {
        #(mod #modules;)*
        #(pub use #modules::*;)*

        /// The code lists every version has, in [`CodeListKey`](crate::CodeListKey) order.
        pub static BY_KEY: [&crate::schema::CodeList; crate::CodeListKey::COUNT] = [#(&#by_key),*];
    };
    let header = output::header_lines(&dictionary.tables, &["code-lists.toml"]);
    output::rust(
        format!("{}/{}/codes/mod.rs", crate::output::RUST_DIR, dictionary.module),
        &header,
        "Code lists of the dictionary, one enum per list of `codes/`.",
        code,
    )
}

fn list(dictionary: &Dictionary, list: &CodeListTable) -> Output {
    let name = ident(&list.name);
    let list_name = &list.name;
    let variants: Vec<Ident> = list.codes.iter().map(|c| ident(&names::variant(&c.code))).collect();
    let codes: Vec<&String> = list.codes.iter().map(|c| &c.code).collect();
    let labels: Vec<&String> = list.codes.iter().map(|c| &c.label).collect();
    let sources: Vec<&String> = list.codes.iter().map(|c| &c.source).collect();
    let provenances: Vec<TokenStream> = list.codes.iter().map(|c| provenance(c.provenance)).collect();
    let variant_docs: Vec<TokenStream> =
        list.codes.iter().map(|c| doc(&format!("`{}`: {} ({}).", c.code, c.label, c.provenance.as_str()))).collect();
    let count = list.codes.len();
    let extras: Vec<TokenStream> =
        list.extra_columns.iter().enumerate().map(|(i, column)| extra(dictionary, list, i, column)).collect();
    let docs = doc(&format!("{} (`codes/{}.csv`).", list.description, list.key));
    let validity = validity(list);
    let value_enums = value_enums(list);
    let table = table(dictionary, list);
    let code = quote! {
        use crate::finding::Provenance;
        use crate::schema::{CodeEntry, CodeList, UnknownCode};
        use std::fmt;
        use std::str::FromStr;

        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub enum #name {
            #(#variant_docs #variants,)*
        }

        impl #name {
            /// Name of the list.
            pub const NAME: &'static str = #list_name;
            /// Every code of the list, in table order.
            pub const ALL: [#name; #count] = [#(#name::#variants),*];
            /// Every code of the list as written in messages, in table order.
            pub const CODES: [&'static str; #count] = [#(#codes),*];

            /// The code as written in messages.
            pub const fn code(self) -> &'static str {
                match self { #(#name::#variants => #codes,)* }
            }
            /// Label of the code.
            pub const fn label(self) -> &'static str {
                match self { #(#name::#variants => #labels,)* }
            }
            /// Where the code comes from.
            pub const fn provenance(self) -> Provenance {
                match self { #(#name::#variants => #provenances,)* }
            }
            /// Source of the code in the seeds or public material.
            pub const fn source(self) -> &'static str {
                match self { #(#name::#variants => #sources,)* }
            }
            /// Whether `code` is a code of this list.
            pub fn contains(code: &str) -> bool {
                code.parse::<Self>().is_ok()
            }
            #validity
            #(#extras)*
        }

        impl FromStr for #name {
            type Err = UnknownCode;
            fn from_str(code: &str) -> Result<Self, UnknownCode> {
                match code {
                    #(#codes => Ok(#name::#variants),)*
                    _ => Err(UnknownCode { list: #list_name, code: code.to_owned() }),
                }
            }
        }

        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        #value_enums

        #table
    };
    let file = format!("codes/{}.csv", list.key);
    let mut inputs = vec!["code-lists.toml", file.as_str()];
    let referenced: Vec<String> =
        list.extra_columns.iter().filter_map(|c| c.code_list.as_ref()).map(|k| format!("codes/{k}.csv")).collect();
    inputs.extend(referenced.iter().map(String::as_str));
    let header = output::header_lines(&dictionary.tables, &inputs);
    let description = format!("Code list {}: {}.", list.name, list.description);
    output::rust(
        format!("{}/{}/codes/{}.rs", crate::output::RUST_DIR, dictionary.module, names::snake(&list.key)),
        &header,
        &description,
        code,
    )
}

/// `valid_from()`, `deprecated_from()` and `replaced_by()` of a list (always `None` when undated).
fn validity(list: &CodeListTable) -> TokenStream {
    let name = ident(&list.name);
    let variants: Vec<Ident> = list.codes.iter().map(|c| ident(&names::variant(&c.code))).collect();
    let date = |get: fn(&crate::load::Validity) -> &Option<String>| -> Vec<TokenStream> {
        list.codes.iter().map(|c| str_opt(get(&c.validity))).collect()
    };
    let (valid_from, deprecated_from) = (date(|v| &v.valid_from), date(|v| &v.deprecated_from));
    let replaced_by = list.codes.iter().map(|c| match &c.validity.replaced_by {
        Some(code) => {
            let variant = ident(&names::variant(code));
            quote!(Some(#name::#variant))
        }
        None => quote!(None),
    });
    quote! {
        /// The first day the code may be used (`AAAA-MM-JJ`), when the table dates it.
        pub const fn valid_from(self) -> Option<&'static str> {
            match self { #(#name::#variants => #valid_from,)* }
        }
        /// The day from which the code is deprecated (accepted with a warning).
        pub const fn deprecated_from(self) -> Option<&'static str> {
            match self { #(#name::#variants => #deprecated_from,)* }
        }
        /// The code to use instead, once deprecated.
        pub const fn replaced_by(self) -> Option<#name> {
            match self { #(#name::#variants => #replaced_by,)* }
        }
    }
}

/// The accessor of an extra column, and the enum of its values when it has fixed values.
fn extra(dictionary: &Dictionary, list: &CodeListTable, index: usize, column: &ExtraColumn) -> TokenStream {
    let method = ident(&names::snake(&column.name));
    let name = ident(&list.name);
    let variants: Vec<Ident> = list.codes.iter().map(|c| ident(&names::variant(&c.code))).collect();
    let values: Vec<&String> = list.codes.iter().map(|c| &c.extra[index]).collect();
    if !column.values.is_empty() {
        let ty = ident(&format!("{}{}", list.name, names::camel(&column.name)));
        let arms = values.iter().map(|v| {
            let v = ident(&names::camel(v));
            quote!(#ty::#v)
        });
        let docs = doc(&format!("Column `{}`.", column.name));
        return quote! {
            #docs
            pub const fn #method(self) -> #ty {
                match self { #(#name::#variants => #arms,)* }
            }
        };
    }
    if column.elements {
        let arms = values.iter().map(|v| {
            let ids = v.split_whitespace();
            quote!(&[#(#ids),*])
        });
        let docs =
            doc(&format!("Column `{}` (ids of the data elements a message using the code must carry).", column.name));
        return quote! {
            #docs
            pub const fn #method(self) -> &'static [&'static str] {
                match self { #(#name::#variants => #arms,)* }
            }
        };
    }
    if column.bound {
        let arms = values.iter().map(|v| match bound(dictionary, v) {
            Some(n) => {
                let n = num(n);
                quote!(Some(#n))
            }
            None => quote!(None),
        });
        let docs = doc(&format!("Column `{}` (a number, or a limit of `limits.csv` by name).", column.name));
        return quote! {
            #docs
            pub const fn #method(self) -> Option<u64> {
                match self { #(#name::#variants => #arms,)* }
            }
        };
    }
    let target = dictionary.tables.code_lists.iter().find(|l| Some(&l.key) == column.code_list.as_ref());
    let target = target.expect("checked: extra column code list exists");
    let ty = ident(&target.name);
    let docs = doc(&format!("Column `{}` (codes of {}).", column.name, target.name));
    if column.many {
        let arms = values.iter().map(|v| {
            if v.split_whitespace().any(|c| c == "*") {
                quote!(&super::#ty::ALL)
            } else {
                let codes = v.split_whitespace().map(|c| ident(&names::variant(c)));
                quote!(&[#(super::#ty::#codes),*])
            }
        });
        quote! {
            #docs
            pub const fn #method(self) -> &'static [super::#ty] {
                match self { #(#name::#variants => #arms,)* }
            }
        }
    } else {
        let arms = values.iter().map(|v| {
            if v.is_empty() {
                quote!(None)
            } else {
                let code = ident(&names::variant(v));
                quote!(Some(super::#ty::#code))
            }
        });
        quote! {
            #docs
            pub const fn #method(self) -> Option<super::#ty> {
                match self { #(#name::#variants => #arms,)* }
            }
        }
    }
}

/// Enums of the fixed-value extra columns, rendered into the list's module.
fn value_enums(list: &CodeListTable) -> TokenStream {
    let enums = list.extra_columns.iter().filter(|c| !c.values.is_empty()).map(|column| {
        let ty = ident(&format!("{}{}", list.name, names::camel(&column.name)));
        let variants: Vec<Ident> = column.values.iter().map(|v| ident(&names::camel(v))).collect();
        let texts = &column.values;
        let docs = doc(&format!("Values of column `{}` of {}.", column.name, list.name));
        quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #ty { #(#variants,)* }
            impl #ty {
                pub const fn as_str(self) -> &'static str {
                    match self { #(#ty::#variants => #texts,)* }
                }
            }
        }
    });
    quote!(#(#enums)*)
}

/// The version-independent view of a list: `<KEY>_LIST`, a [`CodeList`] the `Dictionary` points at.
fn table(dictionary: &Dictionary, list: &CodeListTable) -> TokenStream {
    let name = table_ident(list);
    let key = &list.key;
    let entries = list.codes.iter().map(|c| {
        let (code, label, source) = (&c.code, &c.label, &c.source);
        let provenance = provenance(c.provenance);
        let extras = list.extra_columns.iter().zip(&c.extra).map(|(column, value)| {
            let column_name = &column.name;
            let values = extra_values(dictionary, column, value);
            quote!((#column_name, &[#(#values),*]))
        });
        let bounds =
            list.extra_columns.iter().zip(&c.extra).filter(|(column, _)| column.bound).filter_map(|(column, value)| {
                let (column_name, n) = (&column.name, num(bound(dictionary, value)?));
                Some(quote!((#column_name, #n)))
            });
        let v = &c.validity;
        let (valid_from, deprecated_from, replaced_by) =
            (str_opt(&v.valid_from), str_opt(&v.deprecated_from), str_opt(&v.replaced_by));
        quote!(CodeEntry {
            code: #code,
            label: #label,
            provenance: #provenance,
            source: #source,
            extra: &[#(#extras),*],
            bounds: &[#(#bounds),*],
            valid_from: #valid_from,
            deprecated_from: #deprecated_from,
            replaced_by: #replaced_by,
        })
    });
    let docs = doc(&format!("`codes/{key}.csv` as a [`CodeList`], for code that reads any dictionary version."));
    quote! {
        #docs
        pub static #name: CodeList = CodeList { key: #key, entries: &[#(#entries),*] };
    }
}

/// The static name of a list's [`CodeList`] (`NATURE_PJ_LIST`).
pub fn table_ident(list: &CodeListTable) -> Ident {
    ident(&format!("{}_LIST", names::constant(&list.key)))
}

/// The number of a `bound` cell: the number itself, or the value of the limit it names.
fn bound(dictionary: &Dictionary, value: &str) -> Option<u64> {
    if value.is_empty() { None } else { crate::check::value_bound(value, &dictionary.limits).ok() }
}

/// The values of one extra cell: split when the column holds many codes, `*` expanded to every code.
fn extra_values(dictionary: &Dictionary, column: &ExtraColumn, value: &str) -> Vec<String> {
    if column.elements {
        return value.split_whitespace().map(str::to_owned).collect();
    }
    if !column.many {
        return if value.is_empty() { Vec::new() } else { vec![value.to_owned()] };
    }
    if value.split_whitespace().any(|c| c == "*") {
        let target = dictionary.tables.code_lists.iter().find(|l| Some(&l.key) == column.code_list.as_ref());
        return target.map(|l| l.codes.iter().map(|c| c.code.clone()).collect()).unwrap_or_default();
    }
    value.split_whitespace().map(str::to_owned).collect()
}
