//! The page tree walked once, iteratively, with a visited set and the page limit: the pages both the
//! PDF/A checker and the scan-quality analysis read, and where the tree is not a tree.

use std::collections::HashSet;
use std::fmt;

use lopdf::{Dictionary, Document, Object, ObjectId};
use scor_locale::{Lang, Text, text};

use crate::model::{as_dict, get, get_name, resolve};
use crate::report::{LimitStop, PdfLocation};

/// Faults listed at most; a hostile tree can have one per reference, the first ones tell the story.
const MAX_FAULTS: usize = 64;

/// The pages of a document in order, as far as its page tree could be followed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageTree {
    /// Every distinct page reached, in document order, at most the page limit.
    pub pages: Vec<ObjectId>,
    /// Where the tree is not a tree of page objects (at most a few dozen listed).
    pub faults: Vec<TreeFault>,
    /// The page limit, when the tree holds more pages than it.
    pub stop: Option<LimitStop>,
}

/// A way a page tree is not a tree of page objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeFault {
    /// The catalog has no Pages entry referring to a page tree node.
    NoRoot,
    /// The tree holds no page.
    NoPage,
    /// A Kids entry of `parent` refers to `node`, which is `parent` itself or one of its ancestors.
    Loop { parent: ObjectId, node: ObjectId },
    /// `node` is reached a second time, from `parent`.
    Shared { parent: ObjectId, node: ObjectId },
    /// A reference to `node`, an object the file does not hold (absent, or unreadable).
    Missing { parent: Option<ObjectId>, node: ObjectId },
    /// `node` is not a dictionary.
    NotADictionary { parent: Option<ObjectId>, node: ObjectId },
    /// A Kids entry of `parent` is a direct object, not a reference to a page or node.
    Direct { parent: ObjectId },
    /// The Pages node `node` has no Kids array.
    NoKids { node: ObjectId },
}

impl TreeFault {
    /// The object the fault is about, when there is one.
    pub fn object(&self) -> Option<ObjectId> {
        match self {
            Self::NoRoot | Self::NoPage => None,
            Self::Loop { node, .. }
            | Self::Shared { node, .. }
            | Self::Missing { node, .. }
            | Self::NotADictionary { node, .. }
            | Self::NoKids { node } => Some(*node),
            Self::Direct { parent } => Some(*parent),
        }
    }

    /// Where the fault is, for a finding.
    pub fn location(&self) -> PdfLocation {
        self.object().map(PdfLocation::object).unwrap_or_default()
    }
}

fn r(id: &ObjectId) -> String {
    crate::report::reference(*id)
}

impl TreeFault {
    /// What is wrong, to render in any language.
    pub fn text(&self) -> Text {
        match self {
            Self::NoRoot => text!("pdfa-tree-no-root"),
            Self::NoPage => text!("pdfa-tree-no-page"),
            Self::Loop { parent, node } if parent == node => text!("pdfa-tree-loop-self", parent = r(parent)),
            Self::Loop { parent, node } => text!("pdfa-tree-loop", parent = r(parent), node = r(node)),
            Self::Shared { parent, node } => text!("pdfa-tree-shared", parent = r(parent), node = r(node)),
            Self::Missing { parent: Some(parent), node } => {
                text!("pdfa-tree-missing", parent = r(parent), node = r(node))
            }
            Self::Missing { parent: None, node } => text!("pdfa-tree-root-missing", node = r(node)),
            Self::NotADictionary { parent: Some(parent), node } => {
                text!("pdfa-tree-not-dictionary", parent = r(parent), node = r(node))
            }
            Self::NotADictionary { parent: None, node } => text!("pdfa-tree-root-not-dictionary", node = r(node)),
            Self::Direct { parent } => text!("pdfa-tree-direct", parent = r(parent)),
            Self::NoKids { node } => text!("pdfa-tree-no-kids", node = r(node)),
        }
    }
}

/// In English; [`TreeFault::text`] renders it in any language.
impl fmt::Display for TreeFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().render(Lang::En))
    }
}

/// A step of the walk: enter a node reached from its parent, or leave a node's subtree.
enum Step {
    Enter(Option<ObjectId>, ObjectId),
    Leave(ObjectId),
}

/// Walks the page tree of `doc` from its catalog, keeping at most `max_pages` pages.
pub fn walk(doc: &Document, max_pages: u32) -> PageTree {
    let mut walk = Walk { doc, max_pages, tree: PageTree::default(), visited: HashSet::new(), path: HashSet::new() };
    let Some(catalog) = catalog(doc) else { return walk.tree };
    match catalog.get(b"Pages") {
        Ok(Object::Reference(root)) => walk.run(*root),
        _ => walk.fault(TreeFault::NoRoot),
    }
    if walk.tree.pages.is_empty() && walk.tree.stop.is_none() && !walk.tree.faults.contains(&TreeFault::NoRoot) {
        walk.fault(TreeFault::NoPage);
    }
    walk.tree
}

struct Walk<'a> {
    doc: &'a Document,
    max_pages: u32,
    tree: PageTree,
    /// Every object entered.
    visited: HashSet<ObjectId>,
    /// The nodes from the root to the one being read.
    path: HashSet<ObjectId>,
}

impl Walk<'_> {
    fn run(&mut self, root: ObjectId) {
        let mut stack = vec![Step::Enter(None, root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Leave(node) => {
                    self.path.remove(&node);
                }
                Step::Enter(parent, node) => {
                    if !self.enter(parent, node, &mut stack) {
                        return;
                    }
                }
            }
        }
    }

    /// Reads one object of the tree; false when the page limit stops the walk.
    fn enter(&mut self, parent: Option<ObjectId>, node: ObjectId, stack: &mut Vec<Step>) -> bool {
        if let Some(parent) = parent.filter(|_| self.path.contains(&node)) {
            self.fault(TreeFault::Loop { parent, node });
            return true;
        }
        if !self.visited.insert(node) {
            let parent = parent.unwrap_or(node);
            self.fault(TreeFault::Shared { parent, node });
            return true;
        }
        let Some(object) = self.doc.objects.get(&node) else {
            self.fault(TreeFault::Missing { parent, node });
            return true;
        };
        let Object::Dictionary(dict) = resolve(self.doc, object) else {
            self.fault(TreeFault::NotADictionary { parent, node });
            return true;
        };
        if !is_node(self.doc, dict) {
            return self.page(node);
        }
        self.path.insert(node);
        stack.push(Step::Leave(node));
        let Ok(Object::Array(kids)) = dict.get(b"Kids").map(|k| resolve(self.doc, k)) else {
            self.fault(TreeFault::NoKids { node });
            return true;
        };
        for kid in kids.iter().rev() {
            match kid {
                Object::Reference(id) => stack.push(Step::Enter(Some(node), *id)),
                _ => self.fault(TreeFault::Direct { parent: node }),
            }
        }
        true
    }

    fn page(&mut self, id: ObjectId) -> bool {
        if self.tree.pages.len() as u64 >= u64::from(self.max_pages) {
            self.tree.stop = Some(LimitStop::pages(self.max_pages));
            return false;
        }
        self.tree.pages.push(id);
        true
    }

    fn fault(&mut self, fault: TreeFault) {
        if self.tree.faults.len() < MAX_FAULTS {
            self.tree.faults.push(fault);
        }
    }
}

/// An intermediate node: Type Pages, or no Type but Kids.
fn is_node(doc: &Document, dict: &Dictionary) -> bool {
    match get_name(doc, dict, b"Type") {
        Some(b"Pages") => true,
        Some(_) => false,
        None => dict.has(b"Kids"),
    }
}

/// The document catalog, the trailer's `Root`.
pub(crate) fn catalog(doc: &Document) -> Option<&Dictionary> {
    get(doc, &doc.trailer, b"Root").and_then(as_dict)
}
