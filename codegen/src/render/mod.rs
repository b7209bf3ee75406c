//! Stage 4: render the model into files: Rust models and validators, code lists and tables, XSD per
//! message, and the dictionary reference in Markdown.

mod codes;
mod common;
mod docs;
mod messages;
mod tables;
mod xsd;

use crate::ir::Dictionary;
use crate::output::Output;

/// Every output of every version, plus the module listing the versions.
pub fn all(dictionaries: &[Dictionary]) -> Vec<Output> {
    let mut outputs = Vec::new();
    for dictionary in dictionaries {
        outputs.extend(messages::render(dictionary));
        outputs.extend(codes::render(dictionary));
        outputs.extend(tables::render(dictionary));
        outputs.extend(xsd::render(dictionary));
        outputs.extend(docs::render(dictionary));
    }
    outputs.push(tables::versions(dictionaries));
    outputs
}
