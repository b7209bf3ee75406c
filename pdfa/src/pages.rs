//! The page tree walked once, iteratively, with a visited set and the page limit: the pages both the
//! PDF/A checker and the scan-quality analysis read, and where the tree is not a tree.

use std::collections::HashSet;
use std::fmt;

use lopdf::{Dictionary, Document, Object, ObjectId};

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
    format!("{} {} R", id.0, id.1)
}

fn from(parent: &Option<ObjectId>) -> String {
    parent.map_or_else(|| "the catalog's Pages entry".to_owned(), |p| format!("a Kids entry of {}", r(&p)))
}

impl fmt::Display for TreeFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoRoot => write!(f, "the catalog has no Pages entry referring to a page tree; the PJ has no page"),
            Self::NoPage => write!(f, "the page tree holds no page: a PDF without a page is no PJ"),
            Self::Loop { parent, node } if parent == node => {
                write!(f, "the page tree loops: a Kids entry of {} refers to {} itself", r(parent), r(node))
            }
            Self::Loop { parent, node } => {
                write!(f, "the page tree loops: a Kids entry of {} refers to {}, which contains it", r(parent), r(node))
            }
            Self::Shared { parent, node } => write!(
                f,
                "the page tree is not a tree: {} is reached a second time, from a Kids entry of {}",
                r(node),
                r(parent)
            ),
            Self::Missing { parent, node } => {
                write!(f, "{} refers to {}, an object that is absent or does not parse", from(parent), r(node))
            }
            Self::NotADictionary { parent, node } => {
                write!(f, "{} refers to {}, which is not a page or page tree dictionary", from(parent), r(node))
            }
            Self::Direct { parent } => {
                write!(f, "a Kids entry of {} is a direct object, not a reference to a page", r(parent))
            }
            Self::NoKids { node } => write!(f, "the page tree node {} has no Kids array", r(node)),
        }
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
