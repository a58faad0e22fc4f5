//! From a JSON pointer back to the source text: byte span, then line and column.
//!
//! Diagnostics carry only pointers; front ends that have the original text call this when they
//! render. The scanner walks the text once along the pointer's path, skipping sibling values
//! without building anything, so it works on inputs of any size and nesting depth.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use serde::Serialize;

use crate::pointer::Pointer;
use crate::scan::{LANES, equal, find};

/// A byte range in the source text, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Length in bytes.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A 1-based line and column; the column counts Unicode scalar values, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column number, in characters.
    pub column: usize,
}

/// Where a pointer landed in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The span of the value (or of the deepest existing ancestor, see `exact`).
    pub span: Span,
    /// The span of the member name when the value is an object member.
    pub key: Option<Span>,
    /// False when the pointer names something absent and `span` is its nearest ancestor.
    pub exact: bool,
}

/// Maps pointers and byte offsets of one source text to spans and line/column positions.
///
/// A file holding many documents (a top-level array, or a list response's `value`) has its
/// elements indexed on first use, so locating a finding costs the size of its document, not of
/// the file.
#[derive(Debug)]
pub struct Locator<'a> {
    text: &'a str,
    /// Where each line starts, indexed on first use: a locator that places nothing (a
    /// document without findings) reads no line.
    line_starts: OnceLock<Vec<usize>>,
    elements: OnceLock<Option<Elements>>,
    /// The members of each object visited so far, by the object's offset: an object is scanned
    /// once however many findings point into it.
    members: Mutex<BTreeMap<usize, Vec<Member>>>,
}

/// One member of an object: its raw (still escaped) name, the span of the name, and where its
/// value starts.
#[derive(Debug)]
struct Member {
    raw: Span,
    key: Span,
    value: usize,
}

/// A list written once, in objects each written once on the way from the root, as
/// [`crate::DocumentReport::lists`] tells of a policy's rule lists (see
/// [`Locator::locate_many_in`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListAt {
    /// Where the list is.
    pub pointer: Pointer,
    /// Where each of its elements starts in the text (its first byte), when the reader
    /// knows it.
    pub starts: Vec<Option<usize>>,
}

/// Where the elements of the file's document array start.
#[derive(Debug)]
struct Elements {
    /// Whether the array is the root's `value` member (else the root itself).
    in_value: bool,
    /// Byte offset of each element.
    starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// A locator of `text`; its lines and documents are indexed when first needed.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            line_starts: OnceLock::new(),
            elements: OnceLock::new(),
            members: Mutex::new(BTreeMap::new()),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    fn elements(&self) -> Option<&Elements> {
        self.elements
            .get_or_init(|| {
                let bytes = self.text.as_bytes();
                let root = skip_ws(bytes, 0);
                let (in_value, array) = match bytes.get(root)? {
                    b'[' => (false, root),
                    b'{' => (true, find_member(bytes, root, "value")?.1),
                    _ => return None,
                };
                if bytes.get(array) != Some(&b'[') {
                    return None;
                }
                let mut starts = Vec::new();
                let mut i = skip_ws(bytes, array + 1);
                if bytes.get(i) == Some(&b']') {
                    return Some(Elements { in_value, starts });
                }
                loop {
                    starts.push(i);
                    i = skip_ws(bytes, skip_value(bytes, i)?);
                    if bytes.get(i) != Some(&b',') {
                        break;
                    }
                    i = skip_ws(bytes, i + 1);
                }
                Some(Elements { in_value, starts })
            })
            .as_ref()
    }

    /// The text this locator indexes.
    #[must_use]
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    #[must_use]
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Finds the value `pointer` designates in the document that starts at byte `base`
    /// (0 for a whole file). Returns `None` only when the text at `base` is not JSON.
    #[must_use]
    pub fn locate_in(&self, base: usize, pointer: &Pointer) -> Option<Located> {
        let (start, key, exact) = self.descend(base, pointer);
        Some(Located {
            span: Span {
                start,
                end: skip_value(self.text.as_bytes(), start)?,
            },
            key,
            exact,
        })
    }

    /// Where the value `pointer` designates starts in the file's text (or the value that
    /// holds it, when it is not there), without scanning to its end as [`Self::locate`]
    /// does. `None` when the text has nothing there.
    #[must_use]
    pub fn start_of(&self, pointer: &Pointer) -> Option<usize> {
        let (start, _, _) = self.descend(0, pointer);
        (start < self.text.len()).then_some(start)
    }

    /// Walks the tokens of `pointer` from the document at `base`: where the deepest value
    /// reached starts, its member name, and whether it is the value designated.
    fn descend(&self, base: usize, pointer: &Pointer) -> (usize, Option<Span>, bool) {
        let bytes = self.text.as_bytes();
        let mut pos = skip_ws(bytes, base);
        let mut key = None;
        let tokens: Vec<String> = pointer.tokens().collect();
        let mut rest = tokens.as_slice();
        if base == 0 {
            if let Some((start, skipped)) = self.element_start(rest) {
                pos = start;
                rest = &rest[skipped..];
            }
        }
        for token in rest {
            let found = match bytes.get(pos) {
                Some(b'{') => self.member(pos, token),
                Some(b'[') => array_index(token).and_then(|index| find_element(bytes, pos, index)),
                _ => None,
            };
            match found {
                Some((k, value_start)) => {
                    key = k;
                    pos = value_start;
                }
                None => return (pos, key, false),
            }
        }
        (pos, key, true)
    }

    /// In the object at `pos`, the member named `name` (the last one, as `serde_json` keeps),
    /// from the object's member table, built on first use.
    fn member(&self, pos: usize, name: &str) -> Option<(Option<Span>, usize)> {
        let bytes = self.text.as_bytes();
        let Ok(mut tables) = self.members.lock() else {
            return find_member(bytes, pos, name);
        };
        let table = tables.entry(pos).or_insert_with(|| members_of(bytes, pos));
        table
            .iter()
            .rev()
            .find(|m| {
                bytes
                    .get(m.raw.start..m.raw.end)
                    .is_some_and(|raw| key_matches(raw, name))
            })
            .map(|m| (Some(m.key), m.value))
    }

    /// Where the document array element that `tokens` go through starts, from the index, and
    /// how many tokens that consumes.
    fn element_start(&self, tokens: &[String]) -> Option<(usize, usize)> {
        // Only a pointer into `value`, or into the root array, goes through an element: the
        // index (a scan of the whole file) is not built for any other.
        let first = tokens.first()?;
        if first != "value" && !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let elements = self.elements()?;
        let skipped = usize::from(elements.in_value);
        if elements.in_value && tokens.first().is_none_or(|t| t != "value") {
            return None;
        }
        let index = array_index(tokens.get(skipped)?)?;
        elements
            .starts
            .get(index)
            .map(|&start| (start, skipped + 1))
    }

    /// [`Self::locate`] for many pointers at once, in one scan of the text: the pointers are
    /// merged into a tree of their tokens and the text is walked once along it, skipping every
    /// value no pointer goes into. The answers are in the order of `pointers`, each the same
    /// as [`Self::locate`] gives.
    #[must_use]
    pub fn locate_many(&self, pointers: &[&Pointer]) -> Vec<Option<Located>> {
        self.locate_many_in(pointers, &[])
    }

    /// [`Self::locate_many`], told that each of `lists` (arrays) is written once, in objects
    /// each written once on the way from the root (as [`crate::DocumentReport::lists`] says of
    /// a policy's rule lists). When every pointer goes into an element of one of them, the
    /// scan stops at the end of the element that holds the last one placed: nothing after
    /// it can be written again where a pointer goes. When, besides, the list knows where each
    /// element that a pointer goes into starts ([`ListAt::starts`]), only those elements are
    /// read. The answers are those of [`Self::locate_many`].
    #[must_use]
    pub fn locate_many_in(&self, pointers: &[&Pointer], lists: &[ListAt]) -> Vec<Option<Located>> {
        if pointers.is_empty() {
            return Vec::new();
        }
        let mut tree = Tree::default();
        let list_nodes: Vec<(usize, &[Option<usize>])> = lists
            .iter()
            .map(|list| {
                let (node, _) = tree.insert(&list.pointer);
                tree.nodes[node].settles = true;
                (node, list.starts.as_slice())
            })
            .collect();
        let leaves: Vec<usize> = pointers.iter().map(|p| tree.insert_wanted(p)).collect();
        let bytes = self.text.as_bytes();
        let jumps = if tree.may_stop {
            element_jumps(&tree, &list_nodes, bytes)
        } else {
            None
        };
        if let Some(jumps) = jumps {
            // Every pointer goes into an element whose start is known: read those alone.
            for (start, node) in jumps {
                if walk(bytes, start, &mut tree, node, None).is_none() {
                    return vec![None; pointers.len()];
                }
            }
        } else {
            let root = skip_ws(bytes, 0);
            if walk(bytes, root, &mut tree, 0, None).is_none() {
                // Not JSON at the root: nothing can be located.
                return vec![None; pointers.len()];
            }
        }
        leaves.iter().map(|&leaf| tree.nodes[leaf].found).collect()
    }

    /// [`Self::line_col`] for many offsets, counting the characters of each line once rather
    /// than once per offset.
    #[must_use]
    pub fn line_cols(&self, offsets: &[usize]) -> Vec<LineCol> {
        if offsets.is_empty() {
            return Vec::new();
        }
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![LineCol { line: 1, column: 1 }; offsets.len()];
        // The last offset placed, its line and its column.
        let mut previous: Option<(usize, usize, usize)> = None;
        let line_starts = self.line_starts();
        for i in order {
            let offset = offsets[i].min(self.text.len());
            let line = match line_starts.binary_search(&offset) {
                Ok(l) => l,
                Err(l) => l - 1,
            };
            let (from, column) = match previous {
                Some((at, l, column)) if l == line => (at, column),
                _ => (line_starts[line], 1),
            };
            let column = column
                + self
                    .text
                    .get(from..offset)
                    .map_or(offset - from, |s| s.chars().count());
            out[i] = LineCol {
                line: line + 1,
                column,
            };
            previous = Some((offset, line, column));
        }
        out
    }

    /// [`Self::locate_in`] for a file holding one document.
    #[must_use]
    pub fn locate(&self, pointer: &Pointer) -> Option<Located> {
        self.locate_in(0, pointer)
    }
}

/// The pointers of a [`Locator::locate_many`] call as a tree of their tokens.
#[derive(Debug)]
struct Tree<'p> {
    nodes: Vec<Node<'p>>,
    /// How many pointers' nodes are still to be placed.
    remaining: usize,
    /// Whether every pointer goes into an element of a list that settles what comes before
    /// (see [`Locator::locate_many_in`]).
    may_stop: bool,
    /// Whether the walk stopped early: every pointer is placed.
    stopped: bool,
}

impl Default for Tree<'_> {
    fn default() -> Self {
        Self {
            nodes: Vec::new(),
            remaining: 0,
            may_stop: true,
            stopped: false,
        }
    }
}

#[derive(Debug, Default)]
struct Node<'p> {
    /// The children, by unescaped token.
    children: Vec<(Cow<'p, str>, usize)>,
    /// Where the walk placed this node.
    found: Option<Located>,
    /// A pointer names this node.
    wanted: bool,
    /// A list written once (see [`Locator::locate_many_in`]).
    settles: bool,
}

impl<'p> Tree<'p> {
    /// Adds the path of a pointer to locate; returns the index of its last node. A path that
    /// does not go into an element of a settling list keeps the walk from stopping early.
    fn insert_wanted(&mut self, pointer: &'p Pointer) -> usize {
        let (leaf, in_a_list) = self.insert(pointer);
        self.may_stop &= in_a_list;
        if !self.nodes[leaf].wanted {
            self.nodes[leaf].wanted = true;
            self.remaining += 1;
        }
        leaf
    }

    /// Records that the walk placed `node`.
    fn placed(&mut self, node: usize) {
        if std::mem::take(&mut self.nodes[node].wanted) {
            self.remaining -= 1;
        }
    }

    /// Adds the path of `pointer`; returns the index of its last node, and whether the path
    /// goes into an element of a settling list (one of the node's strict ancestors is one).
    fn insert(&mut self, pointer: &'p Pointer) -> (usize, bool) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut at = 0;
        let mut in_a_list = false;
        for token in pointer.borrowed_tokens() {
            in_a_list |= self.nodes[at].settles;
            let known = self.nodes[at].children.iter().find(|(t, _)| *t == token);
            at = if let Some(&(_, child)) = known {
                child
            } else {
                let child = self.nodes.len();
                self.nodes.push(Node::default());
                self.nodes[at].children.push((token, child));
                child
            };
        }
        (at, in_a_list)
    }

    /// Places `node` and everything under it at `found`, inexactly: the walk did not reach it.
    fn fall_back(&mut self, node: usize, found: Located) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            self.nodes[n].found = Some(Located {
                exact: false,
                ..found
            });
            self.placed(n);
            stack.extend(self.nodes[n].children.iter().map(|&(_, c)| c));
        }
    }
}

/// Where each element that a pointer goes into starts, with its node, when every one is an
/// element of one of `lists` (nodes, with where their elements start) at a known object
/// start; `None` when one is not.
fn element_jumps(
    tree: &Tree<'_>,
    lists: &[(usize, &[Option<usize>])],
    bytes: &[u8],
) -> Option<Vec<(usize, usize)>> {
    let mut jumps = Vec::new();
    for &(list, starts) in lists {
        for (token, node) in &tree.nodes[list].children {
            let index = array_index(token)?;
            let start = (*starts.get(index)?)?;
            if bytes.get(start) != Some(&b'{') {
                return None;
            }
            jumps.push((start, *node));
        }
    }
    Some(jumps)
}

/// The array index a reference token names, if any (RFC 6901: no leading zero).
fn array_index(token: &str) -> Option<usize> {
    token
        .parse::<usize>()
        .ok()
        .filter(|_| token == "0" || !token.starts_with('0'))
}

/// Places `node` at the value starting at `pos` (its member name at `key`), and its
/// descendants inside that value; returns where the value ends. Recursion follows the
/// pointers' tokens only, so its depth is that of the deepest pointer.
fn walk(
    bytes: &[u8],
    pos: usize,
    tree: &mut Tree<'_>,
    node: usize,
    key: Option<Span>,
) -> Option<usize> {
    let children = std::mem::take(&mut tree.nodes[node].children);
    let end = if children.is_empty() {
        skip_value(bytes, pos)
    } else {
        let mut reached = vec![false; children.len()];
        let end = match bytes.get(pos) {
            Some(b'{') => walk_members(bytes, pos, tree, &children, &mut reached),
            Some(b'[') => {
                let settles = tree.nodes[node].settles;
                walk_elements(bytes, pos, tree, &children, &mut reached, settles)
            }
            _ => skip_value(bytes, pos),
        };
        if tree.stopped {
            // Every pointer is placed; nothing above is read.
            tree.nodes[node].children = children;
            return end;
        }
        if let Some(end) = end {
            let here = Located {
                span: Span { start: pos, end },
                key,
                exact: false,
            };
            for (&(_, child), reached) in children.iter().zip(&reached) {
                if !reached {
                    tree.fall_back(child, here);
                }
            }
        }
        end
    };
    tree.nodes[node].children = children;
    let end = end?;
    tree.nodes[node].found = Some(Located {
        span: Span { start: pos, end },
        key,
        exact: true,
    });
    tree.placed(node);
    Some(end)
}

/// The members of the object at `pos`, walking into those the tree names (the last of
/// duplicate names wins, as `serde_json` keeps it); returns the object's end.
fn walk_members(
    bytes: &[u8],
    pos: usize,
    tree: &mut Tree<'_>,
    children: &[(Cow<'_, str>, usize)],
    reached: &mut [bool],
) -> Option<usize> {
    let mut i = skip_ws(bytes, pos + 1);
    while bytes.get(i) == Some(&b'"') {
        let key_end = skip_string(bytes, i)?;
        let raw = bytes.get(i + 1..key_end - 1)?;
        let colon = skip_ws(bytes, key_end);
        if bytes.get(colon) != Some(&b':') {
            return None;
        }
        let value = skip_ws(bytes, colon + 1);
        let named = children
            .iter()
            .position(|(token, _)| key_matches(raw, token));
        let value_end = match named {
            Some(c) => {
                reached[c] = true;
                let key = Span {
                    start: i,
                    end: key_end,
                };
                let end = walk(bytes, value, tree, children[c].1, Some(key))?;
                if tree.stopped {
                    return Some(end);
                }
                end
            }
            None => skip_value(bytes, value)?,
        };
        i = skip_ws(bytes, value_end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            _ => break,
        }
    }
    (bytes.get(i) == Some(&b'}')).then_some(i + 1)
}

/// The elements of the array at `pos`, walking into those the tree names by index; returns
/// the array's end. In a list that `settles` (see [`Locator::locate_many_in`]), the walk
/// stops after the element that leaves no pointer to place.
fn walk_elements(
    bytes: &[u8],
    pos: usize,
    tree: &mut Tree<'_>,
    children: &[(Cow<'_, str>, usize)],
    reached: &mut [bool],
    settles: bool,
) -> Option<usize> {
    let wanted: Vec<Option<usize>> = children
        .iter()
        .map(|(token, _)| array_index(token))
        .collect();
    let mut i = skip_ws(bytes, pos + 1);
    if bytes.get(i) == Some(&b']') {
        return Some(i + 1);
    }
    let mut index = 0;
    loop {
        let named = wanted.iter().position(|w| *w == Some(index));
        let end = match named {
            Some(c) => {
                reached[c] = true;
                let end = walk(bytes, i, tree, children[c].1, None)?;
                if tree.stopped || (settles && tree.may_stop && tree.remaining == 0) {
                    tree.stopped = true;
                    return Some(end);
                }
                end
            }
            None => skip_value(bytes, i)?,
        };
        i = skip_ws(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            Some(b']') => return Some(i + 1),
            _ => return None,
        }
        index += 1;
    }
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// End of the string starting at `pos` (which holds `"`), one past the closing quote.
#[inline]
fn skip_string(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        i = find(bytes, i, |w| equal(w, b'"') | equal(w, b'\\'))?;
        match bytes[i] {
            b'"' => return Some(i + 1),
            _ => i += 2,
        }
    }
}

/// End of the value starting at `pos`; iterative so that nesting depth costs no stack.
fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            loop {
                // `{` and `}` are `[` and `]` with bit 5 set: clearing it finds both kinds.
                i = find(bytes, i, |w| {
                    let folded = w & !(LANES << 5);
                    equal(w, b'"') | equal(folded, b'[') | equal(folded, b']')
                })?;
                match bytes[i] {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    // `find` stops at nothing else.
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = pos;
            while let Some(b) = bytes.get(i) {
                if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                i += 1;
            }
            (i > pos).then_some(i)
        }
    }
}

/// In the object at `pos`, the member named `name`: (key span, value start).
fn find_member(bytes: &[u8], pos: usize, name: &str) -> Option<(Option<Span>, usize)> {
    let mut i = skip_ws(bytes, pos + 1);
    let mut found = None;
    while bytes.get(i) == Some(&b'"') {
        let key_end = skip_string(bytes, i)?;
        let raw = bytes.get(i + 1..key_end - 1)?;
        let colon = skip_ws(bytes, key_end);
        if bytes.get(colon) != Some(&b':') {
            return None;
        }
        let value_start = skip_ws(bytes, colon + 1);
        // serde_json keeps the last of duplicate keys, so the locator does too.
        if key_matches(raw, name) {
            found = Some((
                Some(Span {
                    start: i,
                    end: key_end,
                }),
                value_start,
            ));
        }
        let value_end = skip_value(bytes, value_start)?;
        i = skip_ws(bytes, value_end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            _ => break,
        }
    }
    found
}

/// Every member of the object at `pos`, in order; stops at the first fault.
fn members_of(bytes: &[u8], pos: usize) -> Vec<Member> {
    let mut out = Vec::new();
    let mut i = skip_ws(bytes, pos + 1);
    while bytes.get(i) == Some(&b'"') {
        let Some(key_end) = skip_string(bytes, i) else {
            break;
        };
        let colon = skip_ws(bytes, key_end);
        if bytes.get(colon) != Some(&b':') {
            break;
        }
        let value = skip_ws(bytes, colon + 1);
        out.push(Member {
            raw: Span {
                start: i + 1,
                end: key_end - 1,
            },
            key: Span {
                start: i,
                end: key_end,
            },
            value,
        });
        let Some(value_end) = skip_value(bytes, value) else {
            break;
        };
        i = skip_ws(bytes, value_end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            _ => break,
        }
    }
    out
}

fn key_matches(raw: &[u8], name: &str) -> bool {
    if !raw.contains(&b'\\') {
        return raw == name.as_bytes();
    }
    let mut quoted = Vec::with_capacity(raw.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(raw);
    quoted.push(b'"');
    serde_json::from_slice::<String>(&quoted).is_ok_and(|k| k == name)
}

/// In the array at `pos`, the start of element `index`.
fn find_element(bytes: &[u8], pos: usize, index: usize) -> Option<(Option<Span>, usize)> {
    let mut i = skip_ws(bytes, pos + 1);
    if bytes.get(i) == Some(&b']') {
        return None;
    }
    for _ in 0..index {
        let end = skip_value(bytes, i)?;
        i = skip_ws(bytes, end);
        if bytes.get(i) != Some(&b',') {
            return None;
        }
        i = skip_ws(bytes, i + 1);
    }
    Some((None, i))
}

#[cfg(test)]
mod tests;
