//! Support for scor-kit's integration tests: paths of the fixtures, and documents of any message
//! generated from its generated schema, valid or breaking exactly one data element; lots and a history of lots.

pub mod documents;
pub mod hostile;
pub mod lots;
pub mod mutations;

use scor_dictionary::latest::arlscanordo::{Arlscanordo, DiagEntete, Diagnostic};

use std::path::PathBuf;

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lives in the repository").to_path_buf()
}

/// The seed's header-rejection ARL (SCOR-BRIEF §Returns, cleaned of slide-extraction damage).
pub const SEED_ARL: &str = include_str!("../fixtures/seed-arl-cleaned.xml");

/// The `Libelle` of [`SEED_ARL`].
pub const SEED_ARL_LIBELLE: &str = "Code Specialite PS non connu ou non autorise du systeme # CLOT:TSCO:traiterReponseHabilitation|…|CategoriePS -88-200- non habilitee";

/// [`SEED_ARL`] as its typed model, every value written out by hand.
pub fn seed_arl_model() -> Arlscanordo {
    Arlscanordo {
        version: "02.00".into(),
        profil: "ARLSCANORDO".into(),
        identification: "2012012711282803081".into(),
        temps: "2012-01-27T11:28:28".into(),
        fonction: "9".into(),
        diag_entete: DiagEntete {
            identification: "565038410-2011120510542663945".into(),
            temps: "2011-12-05T00:00:00".into(),
            fonction: "9".into(),
            profil: "ENTSCANORDO".into(),
            diagnostic: Diagnostic {
                activite: "CTRENV".into(),
                etat: "R".into(),
                cause: "5113".into(),
                libelle: Some(SEED_ARL_LIBELLE.into()),
            },
        },
        diag_dossier: Vec::new(),
    }
}
