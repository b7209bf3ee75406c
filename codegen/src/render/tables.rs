//! Renders the flat tables of a version (limits, rules, routing addresses, file names, grammars), the
//! version's `mod.rs` with its `DICTIONARY`, and `versions.rs` listing every version.

use super::common::{doc, index, num, provenance, str_opt};
use crate::ir::Dictionary;
use crate::names;
use crate::output::{self, Output};
use crate::pattern;
use crate::shared::{NameSet, SharedNames};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub fn render(dictionary: &Dictionary, shared: &SharedNames) -> Vec<Output> {
    vec![
        limits(dictionary, &shared.limits),
        rules(dictionary, &shared.checks),
        routing(dictionary),
        file_names(dictionary, &shared.file_names),
        grammars(dictionary),
        module(dictionary, &shared.profils),
    ]
}

/// Where each shared name sits among `texts` (a table's rows): the generated arrays indexed by the enums.
fn positions<'a>(set: &NameSet, texts: impl Iterator<Item = &'a str> + Clone) -> Vec<usize> {
    set.shared
        .iter()
        .map(|n| texts.clone().position(|t| t == n.text).expect("a shared name is in every version"))
        .collect()
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn path(dictionary: &Dictionary, file: &str) -> String {
    format!("{}/{}/{file}", output::RUST_DIR, dictionary.module)
}

fn limits(dictionary: &Dictionary, shared: &NameSet) -> Output {
    let rows = &dictionary.tables.limits;
    let consts = rows.iter().map(|l| {
        let name = ident(&names::constant(&l.name));
        let value = num(l.value);
        let docs = doc(&format!(
            "{} {} ({}; {}).{}",
            l.value,
            l.unit,
            l.provenance.as_str(),
            l.source,
            if l.reason.is_empty() { String::new() } else { format!("\n\n{}", l.reason) }
        ));
        quote!(#docs pub const #name: u64 = #value;)
    });
    let entries = rows.iter().map(|l| {
        let (name, value, unit, source, reason) = (&l.name, num(l.value), &l.unit, &l.source, &l.reason);
        let provenance = provenance(l.provenance);
        quote!(LimitRow { name: #name, value: #value, unit: #unit, provenance: #provenance, source: #source, reason: #reason })
    });
    let count = index(rows.len());
    let by_name = positions(shared, rows.iter().map(|l| l.name.as_str())).into_iter().map(index);
    let code = quote! {
        use crate::finding::Provenance;
        use crate::schema::LimitRow;
        #(#consts)*
        /// Every limit, in table order.
        pub static ALL: [LimitRow; #count] = [#(#entries),*];
        /// The limits every version has, in [`Limit`](crate::Limit) order.
        pub static BY_NAME: [&LimitRow; crate::Limit::COUNT] = [#(&ALL[#by_name]),*];
    };
    let header = output::header_lines(&dictionary.tables, &["limits.csv"]);
    output::rust(path(dictionary, "limits.rs"), &header, "Limits of the dictionary (`limits.csv`).", code)
}

fn rules(dictionary: &Dictionary, checks: &NameSet) -> Output {
    let rows = &dictionary.tables.rules;
    let names: Vec<Ident> = rows.iter().map(|r| ident(&names::constant(&r.id))).collect();
    let statics = rows.iter().zip(&names).map(|(r, name)| {
        let (id, source, description, description_fr) = (&r.id, &r.source, &r.description, &r.description_fr);
        let check = ident(&crate::shared::variant(&r.check));
        let scope = ident(&names::camel(&r.applies_to));
        let element = str_opt(&r.element);
        let severity = ident(&names::camel(&r.severity));
        let decided_by = ident(&names::camel(&r.decided_by));
        let (header_cause, dossier_cause) = (str_opt(&r.header_cause), str_opt(&r.dossier_cause));
        let provenance = provenance(r.provenance);
        let docs = doc(&format!("`{id}`: {description}"));
        quote! {
            #docs
            pub static #name: Rule = Rule {
                id: #id,
                check: Check::#check,
                applies_to: Scope::#scope,
                element: #element,
                severity: Severity::#severity,
                decided_by: DecidedBy::#decided_by,
                header_cause: #header_cause,
                dossier_cause: #dossier_cause,
                provenance: #provenance,
                source: #source,
                description: #description,
                description_fr: #description_fr,
            };
        }
    });
    // The rule a check raises by default: its rule without element, or its only rule.
    let default_of = |check: &str| {
        let of_check: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].check == check).collect();
        of_check.iter().copied().find(|&i| rows[i].element.is_none()).unwrap_or(of_check[0])
    };
    let defaults: Vec<usize> = checks.shared.iter().map(|c| default_of(&c.text)).collect();
    let by_check = defaults.iter().map(|&i| &names[i]);
    let by_element = (0..rows.len()).filter(|i| !defaults.contains(i)).map(|i| {
        let (check, element, name) = (ident(&crate::shared::variant(&rows[i].check)), &rows[i].element, &names[i]);
        quote!((Check::#check, #element, &#name))
    });
    let code = quote! {
        use crate::finding::{DecidedBy, Provenance, Rule, Scope, Severity};
        use crate::Check;
        #(#statics)*
        /// Every rule, in table order.
        pub static RULES: &[&Rule] = &[#(&#names),*];
        /// The rule each check raises by default, in [`Check`] order.
        pub static BY_CHECK: [&Rule; Check::COUNT] = [#(&#by_check),*];
        /// The rules a check raises on one data element instead of its default.
        pub static BY_ELEMENT: &[(Check, &str, &Rule)] = &[#(#by_element),*];
    };
    let header = output::header_lines(&dictionary.tables, &["rules.csv"]);
    output::rust(path(dictionary, "rules.rs"), &header, "Rules of the dictionary (`rules.csv`).", code)
}

fn routing(dictionary: &Dictionary) -> Output {
    let routes = dictionary.tables.routes.iter().map(|r| {
        let (regime, code, address) = (&r.regime, &r.code, &r.address);
        let provenance = provenance(r.provenance);
        quote!(Route { regime: #regime, code: #code, address: #address, provenance: #provenance })
    });
    let count = dictionary.tables.routes.len();
    let code = quote! {
        use crate::finding::Provenance;
        use crate::schema::Route;

        /// Every routing address, in table order.
        pub static ROUTES: [Route; #count] = [#(#routes),*];

        /// The address of a régime and organism (régime 01) or region code (other régimes).
        pub fn route(regime: &str, code: &str) -> Option<&'static Route> {
            ROUTES.iter().find(|r| r.regime == regime && r.code == code)
        }

        /// The route of an address, compared without regard to ASCII case.
        pub fn by_address(address: &str) -> Option<&'static Route> {
            ROUTES.iter().find(|r| r.address.eq_ignore_ascii_case(address))
        }
    };
    let header = output::header_lines(&dictionary.tables, &["routing-addresses.csv"]);
    output::rust(path(dictionary, "routing.rs"), &header, "SCOR routing addresses (`routing-addresses.csv`).", code)
}

fn regex_static(name: &Ident, source: &str) -> TokenStream {
    let anchored = pattern::anchored(source);
    quote! {
        static #name: LazyLock<Regex> = LazyLock::new(|| Regex::new(#anchored).expect("pattern checked by scor-codegen"));
    }
}

fn file_names(dictionary: &Dictionary, shared: &NameSet) -> Output {
    let rows = &dictionary.tables.file_names;
    let names: Vec<Ident> = rows.iter().map(|f| ident(&names::constant(&f.name))).collect();
    let by_kind: Vec<&Ident> =
        positions(shared, rows.iter().map(|f| f.name.as_str())).into_iter().map(|i| &names[i]).collect();
    let items = rows.iter().zip(&names).map(|(f, name)| {
        let regex = ident(&format!("{name}_PATTERN"));
        let regex_static = regex_static(&regex, &f.pattern);
        let (file, pattern, extension, example, source) =
            (&f.name, &f.pattern, &f.canonical_extension, &f.example, &f.source);
        let provenance = provenance(f.provenance);
        let docs = doc(&format!("`{file}`, e.g. `{example}` ({}; {source}).", f.provenance.as_str()));
        quote! {
            #regex_static
            #docs
            pub static #name: FileName = FileName {
                name: #file,
                pattern: (#pattern, &#regex),
                canonical_extension: #extension,
                example: #example,
                provenance: #provenance,
            };
        }
    });
    let code = quote! {
        use crate::finding::Provenance;
        use crate::schema::FileName;
        use regex_lite::Regex;
        use std::sync::LazyLock;
        #(#items)*
        /// Every file-name pattern, in table order.
        pub static ALL: &[&FileName] = &[#(&#names),*];
        /// The file names every version has, in [`FileNameKind`](crate::FileNameKind) order.
        pub static BY_KIND: [&FileName; crate::FileNameKind::COUNT] = [#(&#by_kind),*];
    };
    let header = output::header_lines(&dictionary.tables, &["file-names.csv"]);
    output::rust(
        path(dictionary, "file_names.rs"),
        &header,
        "File names inside a lot and an ARL (`file-names.csv`).",
        code,
    )
}

fn grammars(dictionary: &Dictionary) -> Output {
    let g = dictionary.tables.recipients.as_ref().expect("checked: recipients grammar present");
    let element = &g.element;
    let item = g.item_separator.chars().next().expect("checked: one character");
    let role = g.role_separator.chars().next().expect("checked: one character");
    let spaces = g.spaces_around_separators;
    let address = &g.address_pattern;
    let regex_static = regex_static(&ident("ADDRESS_PATTERN"), address);
    let combinations = g.combinations.iter().map(|c| quote!(&[#(#c),*]));
    let docs = doc(&format!("Grammar of {element} ({}; {}).", g.provenance.as_str(), g.source));
    let code = quote! {
        use crate::schema::RecipientsGrammar;
        use regex_lite::Regex;
        use std::sync::LazyLock;
        #regex_static
        #docs
        pub static RECIPIENTS: RecipientsGrammar = RecipientsGrammar {
            element: #element,
            item_separator: #item,
            role_separator: #role,
            spaces_around_separators: #spaces,
            address: (#address, &ADDRESS_PATTERN),
            combinations: &[#(#combinations),*],
        };
    };
    let header = output::header_lines(&dictionary.tables, &["grammars.toml"]);
    output::rust(path(dictionary, "grammars.rs"), &header, "Grammars of data elements (`grammars.toml`).", code)
}

fn module(dictionary: &Dictionary, profils: &NameSet) -> Output {
    let version = &dictionary.version;
    let checksum = output::checksum_all(&dictionary.tables);
    let status = ident(&names::camel(&dictionary.tables.version.status));
    let messages: Vec<Ident> = dictionary.messages.iter().map(|m| ident(&m.module)).collect();
    let by_profil: Vec<&Ident> = positions(profils, dictionary.messages.iter().map(|m| m.row.profil.as_str()))
        .into_iter()
        .map(|i| &messages[i])
        .collect();
    let lists: Vec<Ident> = dictionary.tables.code_lists.iter().map(super::codes::table_ident).collect();
    let limit = |name: &str| {
        let value = num(dictionary.limits[name]);
        quote!(#value)
    };
    let (max_bytes, max_depth, max_text, max_attributes, max_findings) = (
        limit("xml_max_bytes"),
        limit("xml_max_depth"),
        limit("xml_max_text_bytes"),
        limit("xml_max_attributes"),
        limit("xml_max_findings"),
    );
    let code = quote! {
        pub mod codes;
        pub mod file_names;
        pub mod grammars;
        pub mod limits;
        pub mod routing;
        pub mod rules;
        #(pub mod #messages;)*

        use crate::schema::{Dictionary, VersionStatus, XmlLimits};

        /// The dictionary version these modules were generated from.
        pub const VERSION: &str = #version;
        /// SHA-256 of every table of the version.
        pub const CHECKSUM: &str = #checksum;

        /// Version, checksum, rules, reading limits and messages of this version.
        pub static DICTIONARY: Dictionary = Dictionary {
            version: VERSION,
            checksum: CHECKSUM,
            status: VersionStatus::#status,
            rules: rules::RULES,
            xml_limits: XmlLimits {
                max_bytes: #max_bytes,
                max_depth: #max_depth,
                max_text_bytes: #max_text,
                max_attributes: #max_attributes,
                max_findings: #max_findings,
            },
            messages: &[#(&#messages::SCHEMA),*],
            limits: &limits::ALL,
            code_lists: &[#(&codes::#lists),*],
            routes: &routing::ROUTES,
            file_names: file_names::ALL,
            recipients: &grammars::RECIPIENTS,
            rule_by_check: &rules::BY_CHECK,
            rules_by_element: rules::BY_ELEMENT,
            limit_by_name: &limits::BY_NAME,
            file_name_by_kind: &file_names::BY_KIND,
            code_list_by_key: &codes::BY_KEY,
            message_by_profil: &[#(&#by_profil::SCHEMA),*],
        };
    };
    let description = format!(
        "SCOR dictionary {version} ({}; SEH contract {}).\nEverything below is generated from `{}`.",
        dictionary.tables.version.corpus, dictionary.tables.version.seh_contract, dictionary.tables.dir
    );
    let prefix = format!("{}/", dictionary.tables.dir);
    let all: Vec<String> = dictionary.tables.files.keys().map(|k| k.trim_start_matches(&prefix).to_owned()).collect();
    let header = output::header_lines(&dictionary.tables, &all.iter().map(String::as_str).collect::<Vec<_>>());
    output::rust(path(dictionary, "mod.rs"), &header, &description, code)
}

/// `dictionary/src/generated/versions.rs`: one module per version and the list of dictionaries, newest last.
pub fn versions(dictionaries: &[Dictionary]) -> Output {
    let modules: Vec<Ident> = dictionaries.iter().map(|d| ident(&d.module)).collect();
    let paths = dictionaries.iter().map(|d| format!("{}/mod.rs", d.module));
    let latest = modules.last().expect("at least one dictionary version");
    let applicable = dictionaries
        .iter()
        .find(|d| d.tables.version.status == crate::versions::APPLICABLE)
        .map(|d| ident(&d.module))
        .expect("checked: one version is applicable");
    let code = quote! {
        #(#[path = #paths] pub mod #modules;)*

        use crate::schema::Dictionary;

        /// Every dictionary version, oldest first.
        pub static DICTIONARIES: &[&Dictionary] = &[#(&#modules::DICTIONARY),*];

        /// The newest dictionary version.
        pub use #latest as latest;

        /// The version the seeds call applicable (`status = "applicable"`): checked by default.
        pub use #applicable as applicable;
    };
    let header = vec![
        "Generated by `cargo xtask codegen` from spec/scor/*. Do not edit by hand.".to_owned(),
        format!("Versions: {}", dictionaries.iter().map(|d| d.version.as_str()).collect::<Vec<_>>().join(", ")),
    ];
    output::rust(format!("{}/versions.rs", output::RUST_DIR), &header, "The dictionary versions of `spec/scor/`.", code)
}
