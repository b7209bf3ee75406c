//! Fuzz target `lot_model` (structured): `arbitrary` ENTSCANORDO and SCANORDO models.
//! A model that serialises reads back equal, and the reader's findings are `validate()`'s.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scor_dictionary::latest::entscanordo::Entscanordo;
use scor_dictionary::latest::scanordo::Scanordo;

#[derive(Debug, arbitrary::Arbitrary)]
enum Model {
    Header(Entscanordo),
    Index(Scanordo),
}

fuzz_target!(|model: Model| match model {
    Model::Header(model) => scor_fuzz::model_target(model),
    Model::Index(model) => scor_fuzz::model_target(model),
});
