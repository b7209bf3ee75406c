//! Page trees for the `pdf_page_tree` target: an `arbitrary` tree of nodes (Kids with cycles and
//! dangling references, Count, inherited attributes) written as a PDF, and the properties it must keep.

use crate::seed_bytes::{option, variant};
use arbitrary::Arbitrary;
use std::collections::HashSet;

/// A document: its catalog's Pages entry, its page tree objects (object 2 onwards) and a page limit.
#[derive(Debug, Clone, PartialEq, Arbitrary)]
pub struct Tree {
    pub root: Kid,
    pub nodes: Vec<Node>,
    /// The page limit is 1 + this, modulo 16.
    pub max_pages: u8,
}

/// One object meant for the page tree.
#[derive(Debug, Clone, PartialEq, Arbitrary)]
pub struct Node {
    pub kind: Kind,
    pub kids: Vec<Kid>,
    pub kids_form: KidsForm,
    pub count: Option<i32>,
    pub parent: Option<Kid>,
    /// Inheritable attributes a node may carry for its pages: MediaBox, Resources (the shared image),
    /// Rotate.
    pub media_box: bool,
    pub resources: bool,
    pub rotate: Option<u8>,
    /// A page draws the shared image through the shared content stream.
    pub content: bool,
}

/// What the object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
pub enum Kind {
    Pages,
    Page,
    /// A dictionary without Type: a node when it has Kids, else a page.
    Untyped,
    /// `/Type /Template`: not a node, so a page to readers that accept any leaf.
    OtherType,
    /// An integer, not a dictionary.
    Integer,
    /// A stream, not a plain dictionary.
    Stream,
    /// A dictionary that never closes: the object does not parse.
    Garbage,
}

/// How a node writes its Kids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
pub enum KidsForm {
    Array,
    Missing,
    NotAnArray,
}

/// A Kids entry (or the catalog's Pages entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
pub enum Kid {
    /// Node `n` modulo the number of nodes.
    Node(u8),
    /// An object number no object has.
    Dangling(u8),
    /// A direct dictionary instead of a reference.
    Direct,
}

/// Objects after the nodes: the shared content stream and image.
const SHARED: u32 = 2;

impl Tree {
    /// The page limit of this case.
    pub fn page_limit(&self) -> u32 {
        1 + u32::from(self.max_pages % 16)
    }

    fn number(&self, index: u8) -> Option<u32> {
        (!self.nodes.is_empty()).then(|| 2 + u32::from(index) % self.nodes.len() as u32)
    }

    fn first_free(&self) -> u32 {
        2 + self.nodes.len() as u32 + SHARED
    }

    fn reference(&self, kid: Kid) -> String {
        let dangling = |n: u8| format!("{} 0 R", self.first_free() + u32::from(n));
        match kid {
            Kid::Direct => "<< /Type /Page >>".to_owned(),
            Kid::Node(n) => self.number(n).map_or_else(|| dangling(n), |n| format!("{n} 0 R")),
            Kid::Dangling(n) => dangling(n),
        }
    }

    /// The document, written by scor-pdfa's writer (objects 1..n, cross-reference table, trailer).
    pub fn pdf(&self) -> Vec<u8> {
        let image = 3 + self.nodes.len() as u32;
        let mut objects = vec![format!("<< /Type /Catalog /Pages {} >>", self.reference(self.root)).into_bytes()];
        for node in &self.nodes {
            objects.push(self.object(node, image));
        }
        objects.push(scor_pdfa::write::stream_object("", b"q 100 0 0 100 0 0 cm /Im0 Do Q"));
        let dict = "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8";
        let pixels: Vec<u8> = (0..64u8).map(|i| if i % 9 == 0 { 0 } else { 255 }).collect();
        objects.push(scor_pdfa::write::stream_object(dict, &pixels));
        scor_pdfa::write::assemble(&objects, None)
    }

    fn object(&self, node: &Node, image: u32) -> Vec<u8> {
        let entries = self.entries(node, image);
        match node.kind {
            Kind::Integer => b"42".to_vec(),
            Kind::Stream => scor_pdfa::write::stream_object(&entries, b"q Q"),
            Kind::Garbage => format!("<< {entries} /MediaBox [0 0 1 1 >> )").into_bytes(),
            _ => format!("<< {entries} >>").into_bytes(),
        }
    }

    fn entries(&self, node: &Node, image: u32) -> String {
        let mut e = match node.kind {
            Kind::Pages => "/Type /Pages".to_owned(),
            Kind::Page => "/Type /Page".to_owned(),
            Kind::OtherType => "/Type /Template".to_owned(),
            _ => String::new(),
        };
        let kids: Vec<String> = node.kids.iter().map(|k| self.reference(*k)).collect();
        match node.kids_form {
            KidsForm::Array => e.push_str(&format!(" /Kids [{}]", kids.join(" "))),
            KidsForm::NotAnArray => e.push_str(" /Kids 7"),
            KidsForm::Missing => {}
        }
        if let Some(count) = node.count {
            e.push_str(&format!(" /Count {count}"));
        }
        if let Some(parent) = node.parent {
            e.push_str(&format!(" /Parent {}", self.reference(parent)));
        }
        if node.media_box {
            e.push_str(" /MediaBox [0 0 100 100]");
        }
        if node.resources {
            e.push_str(&format!(" /Resources << /XObject << /Im0 {image} 0 R >> >>"));
        }
        if let Some(rotate) = node.rotate {
            e.push_str(&format!(" /Rotate {}", i32::from(rotate) * 90));
        }
        if node.content {
            e.push_str(&format!(" /Contents {} 0 R", image - 1));
        }
        e
    }

    /// The pages a reader of the tree must find: depth first, in Kids order, each object once, no
    /// object of the path again, nothing past a node that is not a dictionary, at most the limit.
    pub fn expected_pages(&self) -> Vec<(u32, u16)> {
        let mut out = Vec::new();
        let Kid::Node(root) = self.root else { return out };
        let Some(root) = self.number(root) else { return out };
        let mut visited = HashSet::new();
        self.visit(root, &mut visited, &mut out);
        out.truncate(self.page_limit() as usize);
        out
    }

    /// Visits object `n`; false once a page past the limit was met.
    fn visit(&self, n: u32, visited: &mut HashSet<u32>, out: &mut Vec<(u32, u16)>) -> bool {
        if !visited.insert(n) {
            return true;
        }
        let node = &self.nodes[n as usize - 2];
        let is_node = match node.kind {
            Kind::Pages => true,
            Kind::Untyped => node.kids_form != KidsForm::Missing,
            Kind::Page | Kind::OtherType => false,
            Kind::Integer | Kind::Stream | Kind::Garbage => return true,
        };
        if !is_node {
            out.push((n, 0));
            return out.len() <= self.page_limit() as usize;
        }
        if node.kids_form != KidsForm::Array {
            return true;
        }
        for kid in &node.kids {
            if let Kid::Node(k) = kid
                && let Some(k) = self.number(*k)
                && !self.visit(k, visited, out)
            {
                return false;
            }
        }
        true
    }
}

/// Checks one tree: the walk ends within the page limit and finds the expected pages; the PDF/A
/// checker and the scan analysis, on one parse or each on its own, report those pages; nothing panics.
pub fn check(tree: &Tree) {
    let pdf = tree.pdf();
    let mut limits = crate::pdfa_limits();
    limits.max_pages = tree.page_limit();
    let parsed = scor_pdfa::parse(&pdf, &limits).expect("a written page tree parses");
    let pages = &parsed.tree.pages;
    assert!(pages.len() <= limits.max_pages as usize, "{} pages past the limit {}", pages.len(), limits.max_pages);
    assert_eq!(*pages, tree.expected_pages(), "the walk's pages of {tree:#?}");
    let distinct: HashSet<_> = pages.iter().collect();
    assert_eq!(distinct.len(), pages.len(), "a page listed twice");
    let count = pages.len() as u32;
    let report = scor_pdfa::check_parsed(&pdf, Ok(&parsed), &limits);
    assert_eq!(report.pages, Some(count));
    assert_eq!(report.pages, scor_pdfa::check(&pdf, &limits).pages, "two parses disagree");
    let (mut quality_limits, thresholds) =
        scor_conformance::checks::pj::quality_settings(&scor_dictionary::latest::DICTIONARY, 0);
    quality_limits.max_pages = limits.max_pages;
    let quality = scor_quality::analyze_parsed(Ok(&parsed), &quality_limits, &thresholds);
    let alone = scor_quality::analyze(&pdf, &quality_limits, &thresholds);
    for q in [&quality, &alone] {
        assert_eq!(q.page_count, count, "the scan analysis reads other pages than the PDF/A checker");
        assert!(q.pages.iter().all(|p| (1..=count).contains(&p.page)));
        assert!(q.not_evaluated.iter().all(|(page, _)| page.is_none_or(|p| (1..=count).contains(&p))));
    }
    assert_eq!(parsed.tree.stop.is_some(), report.stops.iter().any(|s| s.limit == scor_pdfa::ReadingLimit::Pages));
}

/// The bytes `arbitrary` reads back as `tree`: how the committed seeds are written.
pub fn encode(tree: &Tree) -> Vec<u8> {
    let mut out = Vec::new();
    kid(&mut out, tree.root);
    for node in &tree.nodes {
        out.push(1);
        encode_node(&mut out, node);
    }
    out.push(0);
    out.push(tree.max_pages);
    out
}

fn kid(out: &mut Vec<u8>, kid: Kid) {
    match kid {
        Kid::Node(n) => {
            variant(out, 0, 3);
            out.push(n);
        }
        Kid::Dangling(n) => {
            variant(out, 1, 3);
            out.push(n);
        }
        Kid::Direct => variant(out, 2, 3),
    }
}

fn encode_node(out: &mut Vec<u8>, node: &Node) {
    let kinds = [Kind::Pages, Kind::Page, Kind::Untyped, Kind::OtherType, Kind::Integer, Kind::Stream, Kind::Garbage];
    variant(out, kinds.iter().position(|k| *k == node.kind).unwrap_or(0) as u64, kinds.len() as u64);
    for k in &node.kids {
        out.push(1);
        kid(out, *k);
    }
    out.push(0);
    let forms = [KidsForm::Array, KidsForm::Missing, KidsForm::NotAnArray];
    variant(out, forms.iter().position(|f| *f == node.kids_form).unwrap_or(0) as u64, forms.len() as u64);
    option(out, node.count, |out, c| out.extend(c.to_le_bytes()));
    option(out, node.parent, kid);
    out.extend([u8::from(node.media_box), u8::from(node.resources)]);
    option(out, node.rotate, |out, r| out.push(r));
    out.push(u8::from(node.content));
}

/// The seeds of `fuzz/seeds/pdf_page_tree/`: a clean tree, the page limit, each way of not being a tree.
pub fn seeds() -> Vec<(&'static str, Tree)> {
    let pages = |kids: &[u8]| Node {
        kind: Kind::Pages,
        kids: kids.iter().map(|k| Kid::Node(*k)).collect(),
        kids_form: KidsForm::Array,
        count: Some(kids.len() as i32),
        parent: None,
        media_box: true,
        resources: true,
        rotate: None,
        content: false,
    };
    let page = |kind: Kind| Node {
        kind,
        kids: Vec::new(),
        kids_form: KidsForm::Missing,
        count: None,
        parent: Some(Kid::Node(0)),
        media_box: false,
        resources: false,
        rotate: None,
        content: true,
    };
    let tree = |nodes: Vec<Node>, max_pages: u8| Tree { root: Kid::Node(0), nodes, max_pages };
    let p = || page(Kind::Page);
    let child = Node { parent: Some(Kid::Node(0)), ..pages(&[2, 0]) };
    let mixed = Node { kids: vec![Kid::Dangling(5), Kid::Direct, Kid::Node(1)], ..pages(&[]) };
    let outer = Node { rotate: Some(1), ..pages(&[1]) };
    let inner = Node { media_box: false, resources: false, parent: Some(Kid::Node(0)), ..pages(&[2, 3]) };
    let wrong_count = Node { count: Some(-7), ..pages(&[1, 2]) };
    vec![
        ("three-pages", tree(vec![pages(&[1, 2, 3]), p(), p(), p()], 15)),
        ("page-limit", tree(vec![pages(&[1, 2, 3, 4]), p(), p(), p(), p()], 1)),
        ("self-loop", tree(vec![pages(&[1, 0, 0, 0]), p()], 15)),
        ("parent-loop", tree(vec![pages(&[1]), child, p()], 15)),
        ("shared-page", tree(vec![pages(&[1, 1, 2]), p(), p()], 15)),
        ("unparsable-page", tree(vec![pages(&[1, 2]), page(Kind::Garbage), p()], 15)),
        ("inherited", tree(vec![outer, inner, p(), page(Kind::Untyped)], 15)),
        ("dangling-and-direct", tree(vec![mixed, p()], 15)),
        ("no-page", tree(vec![pages(&[])], 15)),
        (
            "not-dictionaries",
            tree(vec![pages(&[1, 2, 3, 4]), page(Kind::Integer), page(Kind::Stream), page(Kind::OtherType), p()], 15),
        ),
        ("wrong-count", tree(vec![wrong_count, p(), p()], 15)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbitrary::Unstructured;

    fn seed_dir() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/pdf_page_tree")
    }

    #[test]
    fn the_committed_seeds_are_the_encoded_trees_and_keep_the_properties() {
        for (name, tree) in seeds() {
            let bytes = std::fs::read(seed_dir().join(format!("{name}.bin"))).unwrap();
            assert_eq!(bytes, encode(&tree), "{name}");
            assert_eq!(Tree::arbitrary_take_rest(Unstructured::new(&bytes)).unwrap(), tree, "{name}");
            check(&tree);
        }
    }

    /// Rewrites the seeds: `cargo test --lib -- --ignored page_tree::tests::write_seeds` in fuzz/.
    #[test]
    #[ignore]
    fn write_seeds() {
        std::fs::create_dir_all(seed_dir()).unwrap();
        for (name, tree) in seeds() {
            std::fs::write(seed_dir().join(format!("{name}.bin")), encode(&tree)).unwrap();
        }
    }
}
