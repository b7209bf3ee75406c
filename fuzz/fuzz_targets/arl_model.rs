//! Fuzz target `arl_model` (structured): `arbitrary` ARLSCANORDO and ENTARLSCANORDO models.
//! A model that serialises reads back equal, and the reader's findings are `validate()`'s.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scor_dictionary::latest::arlscanordo::Arlscanordo;
use scor_dictionary::latest::entarlscanordo::Entarlscanordo;

#[derive(Debug, arbitrary::Arbitrary)]
enum Model {
    Arl(Arlscanordo),
    Entete(Entarlscanordo),
}

fuzz_target!(|model: Model| match model {
    Model::Arl(model) => scor_fuzz::model_target(model),
    Model::Entete(model) => scor_fuzz::model_target(model),
});
