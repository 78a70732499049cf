//! Taint per access path: `x`, `x.a`, `x["k"]`, `x[*]`, bounded in depth
//! and width so that every value has finitely many shapes.

use crate::taint::{Feature, Taint};
use std::sync::Arc;

/// Deepest access path kept (`x.a.b.c`); deeper writes land on the
/// deepest node kept, with [`Feature::Broadened`].
pub const MAX_PATH_DEPTH: usize = 3;

/// Most children a node keeps; further writes land on the node itself,
/// with [`Feature::Broadened`].
pub const MAX_TREE_WIDTH: usize = 12;

/// One step of an access path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathElement {
    /// `.name`
    Attribute(Arc<str>),
    /// `[key]` with a constant key (its Python `repr`, so `1` and `"1"`
    /// differ).
    Key(Arc<str>),
    /// `[i]` with a key not known statically, and the elements of a
    /// collection built or extended at run time.
    AnyKey,
}

/// The taint of a value and of its parts.
///
/// The root's taint covers the whole value (every part of a tainted object
/// is tainted); a child adds the taint of one part. Reading a part joins
/// the root, the part, and [`PathElement::AnyKey`] for a constant key
/// (an unknown key may be that key).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaintTree {
    /// Taint of the whole value.
    pub root: Taint,
    children: Vec<(PathElement, TaintTree)>,
}

impl From<Taint> for TaintTree {
    fn from(root: Taint) -> Self {
        Self {
            root,
            children: Vec::new(),
        }
    }
}

impl TaintTree {
    /// A clean value with no tainted part.
    #[must_use]
    pub fn clean() -> Self {
        Self::default()
    }

    /// `true` when neither the value nor any part is tainted.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.root.is_clean() && self.children.iter().all(|(_, child)| child.is_clean())
    }

    /// The tainted parts directly under the root.
    pub fn children(&self) -> impl Iterator<Item = (&PathElement, &TaintTree)> {
        self.children
            .iter()
            .map(|(element, child)| (element, child))
    }

    fn child(&self, element: &PathElement) -> Option<&TaintTree> {
        self.children
            .iter()
            .find(|(existing, _)| existing == element)
            .map(|(_, child)| child)
    }

    /// The join of the root and every part: the taint of the value used
    /// as a whole (passed to a sink, converted to a string).
    #[must_use]
    pub fn collapsed(&self) -> Taint {
        self.children.iter().fold(self.root, |taint, (_, child)| {
            taint.join(&child.collapsed())
        })
    }

    /// The subtree at `path`, with the taint of every enclosing value
    /// joined into its root.
    #[must_use]
    pub fn read(&self, path: &[PathElement]) -> TaintTree {
        let Some((first, rest)) = path.split_first() else {
            return self.clone();
        };
        let mut part = match first {
            PathElement::AnyKey => {
                // Any element: the join of every part.
                let mut any = TaintTree::clean();
                for (_, child) in &self.children {
                    any.join_with(child);
                }
                any.read(rest)
            }
            _ => {
                let mut part = self
                    .child(first)
                    .map_or_else(TaintTree::clean, |child| child.read(rest));
                if matches!(first, PathElement::Key(_))
                    && let Some(any) = self.child(&PathElement::AnyKey)
                {
                    part.join_with(&any.read(rest));
                }
                part
            }
        };
        let inherited = self.root.with_feature(Feature::ViaField);
        part.root = part.root.join(&inherited);
        part
    }

    /// Stores `value` at `path`. A strong update replaces what was there
    /// (a local assigned, a constant key written); a weak one joins (an
    /// unknown key, a value that may alias another).
    pub fn write(&mut self, path: &[PathElement], value: TaintTree, strong: bool) {
        self.write_at_depth(path, value, strong, 0);
    }

    fn write_at_depth(
        &mut self,
        path: &[PathElement],
        value: TaintTree,
        strong: bool,
        depth: usize,
    ) {
        let Some((first, rest)) = path.split_first() else {
            // The value's own parts count towards the depth bound.
            let mut value = value;
            value.truncate(MAX_PATH_DEPTH.saturating_sub(depth));
            if strong {
                *self = value;
            } else {
                self.join_with(&value);
            }
            return;
        };
        // A write through an unknown key never replaces anything.
        let strong = strong && !matches!(first, PathElement::AnyKey);
        if depth >= MAX_PATH_DEPTH {
            self.root = self
                .root
                .join(&value.collapsed().with_feature(Feature::Broadened));
            return;
        }
        if let Some((_, child)) = self
            .children
            .iter_mut()
            .find(|(existing, _)| existing == first)
        {
            child.write_at_depth(rest, value, strong, depth + 1);
        } else if self.children.len() < MAX_TREE_WIDTH {
            let mut child = TaintTree::clean();
            child.write_at_depth(rest, value, strong, depth + 1);
            self.children.push((first.clone(), child));
        } else {
            self.root = self
                .root
                .join(&value.collapsed().with_feature(Feature::Broadened));
            return;
        }
        self.children.retain(|(_, child)| !child.is_clean());
    }

    /// Joins `other` into this tree (the value on either of two paths).
    /// Children beyond the width bound are folded into the root.
    pub fn join_with(&mut self, other: &TaintTree) {
        self.root = self.root.join(&other.root);
        for (element, theirs) in &other.children {
            if let Some((_, ours)) = self
                .children
                .iter_mut()
                .find(|(existing, _)| existing == element)
            {
                ours.join_with(theirs);
            } else if self.children.len() < MAX_TREE_WIDTH {
                self.children.push((element.clone(), theirs.clone()));
            } else {
                self.root = self
                    .root
                    .join(&theirs.collapsed().with_feature(Feature::Broadened));
            }
        }
    }

    /// Folds the parts deeper than `depth` levels below this node into
    /// their ancestor at that level, with [`Feature::Broadened`].
    fn truncate(&mut self, depth: usize) {
        if self.children.is_empty() {
            return;
        }
        if depth == 0 {
            let collapsed = self.collapsed();
            self.root = collapsed.with_feature(Feature::Broadened);
            self.children.clear();
            return;
        }
        for (_, child) in &mut self.children {
            child.truncate(depth - 1);
        }
    }

    /// Applies `change` to the taint of the value and of every part.
    pub fn map(&mut self, change: &impl Fn(Taint) -> Taint) {
        self.root = change(self.root);
        for (_, child) in &mut self.children {
            child.map(change);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::TraceId;

    fn tainted() -> TaintTree {
        Taint::from_source(0, TraceId::NONE).into()
    }

    fn key(text: &str) -> PathElement {
        PathElement::Key(Arc::from(text))
    }

    #[test]
    fn constant_keys_are_updated_strongly() {
        let mut dict = TaintTree::clean();
        dict.write(&[key("a")], tainted(), true);
        dict.write(&[key("b")], TaintTree::clean(), true);
        assert!(dict.read(&[key("b")]).collapsed().is_clean());
        assert!(!dict.read(&[key("a")]).collapsed().is_clean());
        dict.write(&[key("a")], TaintTree::clean(), true);
        assert!(dict.is_clean());
    }

    #[test]
    fn unknown_keys_taint_every_constant_key_read() {
        let mut list = TaintTree::clean();
        list.write(&[PathElement::AnyKey], tainted(), true);
        assert!(!list.read(&[key("0")]).collapsed().is_clean());
        // and are never overwritten by a constant key
        list.write(&[key("0")], TaintTree::clean(), true);
        assert!(!list.read(&[key("0")]).collapsed().is_clean());
    }

    #[test]
    fn parts_of_a_tainted_value_are_tainted() {
        let object = tainted();
        let part = object.read(&[PathElement::Attribute(Arc::from("name"))]);
        assert!(!part.root.is_clean());
        assert!(part.root.features.contains(Feature::ViaField));
    }

    #[test]
    fn stored_values_keep_the_depth_bound() {
        // `keys[i:i + 2] = [right, left]` in a loop: each round would nest
        // the list one level deeper without the bound.
        let mut list = TaintTree::clean();
        list.write(&[PathElement::AnyKey], tainted(), true);
        for _ in 0..10 {
            let element = list.read(&[PathElement::AnyKey]);
            let mut pair = TaintTree::clean();
            pair.write(&[key("0")], element.clone(), true);
            pair.write(&[key("1")], element, true);
            list.write(&[PathElement::AnyKey], pair, false);
        }
        assert!(depth(&list) <= MAX_PATH_DEPTH);
    }

    fn depth(tree: &TaintTree) -> usize {
        tree.children()
            .map(|(_, child)| 1 + depth(child))
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn paths_and_widths_are_bounded() {
        let mut tree = TaintTree::clean();
        let deep: Vec<PathElement> = (0..10).map(|i| key(&i.to_string())).collect();
        tree.write(&deep, tainted(), true);
        assert!(!tree.collapsed().is_clean());
        for i in 0..(MAX_TREE_WIDTH + 5) {
            tree.write(&[key(&format!("k{i}"))], tainted(), true);
        }
        assert!(tree.children().count() <= MAX_TREE_WIDTH);
        assert!(tree.collapsed().features.contains(Feature::Broadened));
    }
}
