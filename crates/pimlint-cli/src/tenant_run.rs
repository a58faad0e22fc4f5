//! The tenant view of a streamed run: documents are indexed as they stream past (only what
//! the joins need), and the tenant findings are written once every input has been read.
//!
//! A document's text is gone by then. Each file that has tenant findings is read once more,
//! document by document, to place every finding at its value; standard input, which cannot
//! be read twice, keeps the start of the document.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use pimlint::api::Located;
use pimlint::config::Config;
use pimlint::tenant::{Origin, Place, Tenant};
use pimlint::{Diagnostic, Document, DocumentKind, Locator, Pointer};

use crate::bulk::{TenantDocument, Writer};
use crate::inputs::Source;

/// A finding placed in its file, with the name of the role it is about.
type RoleFinding = (Located, Option<String>);

/// The tenant findings of each document (input, document), with the role each is about.
type ByDocument = BTreeMap<(usize, usize), Vec<(Diagnostic, Option<String>)>>;

/// A document findings may point at: where it starts in its file.
struct Slot {
    /// The document in its page.
    pointer: Pointer,
    kind: Option<DocumentKind>,
    line: usize,
    column: usize,
    /// Where the text it was read from starts in its page, and in the file.
    prefix: Pointer,
    text_start: (usize, usize),
}

/// One input of the run.
struct Input {
    path: String,
    /// The file and whether it is NDJSON, when it can be read again.
    again: Option<(PathBuf, bool)>,
    slots: Vec<Slot>,
}

/// The joins of a streamed run.
#[derive(Default)]
pub struct TenantRun {
    tenant: Tenant,
    inputs: Vec<Input>,
}

impl TenantRun {
    /// The next input starts.
    pub fn start_input(&mut self, path: String, source: &Source, ndjson: bool) {
        let again = match source {
            Source::File(file) => Some((file.clone(), ndjson)),
            Source::Stdin => None,
        };
        self.inputs.push(Input {
            path,
            again,
            slots: Vec::new(),
        });
    }

    /// Indexes one document of the current input.
    pub fn add(&mut self, d: &TenantDocument) {
        let Some(input) = self.inputs.len().checked_sub(1) else {
            return;
        };
        let slots = &mut self.inputs[input].slots;
        // Findings point at holders, role definitions and alerts; policies only say which
        // roles have one, and keep no slot.
        let document_index = match &d.document {
            Document::Schedule(_) | Document::RoleDefinition(_) | Document::Alert(_) => {
                slots.push(Slot {
                    pointer: d.pointer.clone(),
                    kind: d.kind,
                    line: d.start.0,
                    column: d.start.1,
                    prefix: d.prefix.clone(),
                    text_start: d.text_start,
                });
                slots.len() - 1
            }
            Document::Policy(_) | Document::PolicyAssignment(_) => usize::MAX,
            Document::Request(_) => return,
        };
        let origin = Origin::within(&d.prefix).converted(d.origins.as_deref());
        self.tenant.add_within(
            Place {
                input,
                document: document_index,
                pointer: d.pointer.clone(),
            },
            &d.document,
            origin,
        );
    }

    /// Writes the tenant findings, each with the document it is about.
    pub fn emit(self, writer: &mut Writer, config: &Config) {
        let mut by_document: ByDocument = BTreeMap::new();
        for finding in self.tenant.check(config) {
            let known = self
                .inputs
                .get(finding.place.input)
                .is_some_and(|i| finding.place.document < i.slots.len());
            if !known {
                continue;
            }
            let role = finding
                .role
                .as_deref()
                .map(|r| pimlint::roles::name_of(r).map_or_else(|| r.to_owned(), str::to_owned));
            by_document
                .entry((finding.place.input, finding.place.document))
                .or_default()
                .push((finding.diagnostic, role));
        }
        // Each input with findings is read again once, to place them at their values.
        let mut placed: HashMap<(usize, usize), Vec<Located>> = HashMap::new();
        let mut inputs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (input, document) in by_document.keys() {
            inputs.entry(*input).or_default().push(*document);
        }
        for (input, documents) in inputs {
            let record = &self.inputs[input];
            let Some((file, ndjson)) = &record.again else {
                continue;
            };
            let mut wanted: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
            for document in documents {
                wanted
                    .entry(record.slots[document].text_start)
                    .or_default()
                    .push(document);
            }
            let Ok(texts) = crate::bulk::documents(&Source::File(file.clone()), *ndjson) else {
                continue;
            };
            for raw in texts {
                let Ok(raw) = raw else {
                    break;
                };
                let Some(documents) = wanted.remove(&(raw.line, raw.column)) else {
                    continue;
                };
                let locator = Locator::new(&raw.text);
                for document in documents {
                    let slot = &record.slots[document];
                    let found = &by_document[&(input, document)];
                    let located = found
                        .iter()
                        .map(|(d, _)| locate(d, slot, *ndjson, &raw, &locator))
                        .collect();
                    placed.insert((input, document), located);
                }
                if wanted.is_empty() {
                    break;
                }
            }
        }
        for ((input, document), findings) in by_document {
            let record = &self.inputs[input];
            let slot = &record.slots[document];
            let located = placed.remove(&(input, document));
            let findings: Vec<RoleFinding> = match located {
                Some(located) => located
                    .into_iter()
                    .zip(findings)
                    .map(|(l, (_, role))| (l, role))
                    .collect(),
                None => findings
                    .into_iter()
                    .map(|(d, role)| (at_start(&d, slot), role))
                    .collect(),
            };
            writer.tenant_document(&record.path, &slot.pointer.text(), slot.kind, findings);
        }
    }
}

/// A finding placed at the start of its document, when its text cannot be had again.
fn at_start(d: &Diagnostic, slot: &Slot) -> Located {
    let mut located = Located::new(d, None);
    located.line = Some(slot.line);
    located.column = Some(slot.column);
    located
}

/// `pointer` relative to `prefix`, when it lies under it.
fn relative(pointer: &Pointer, prefix: &Pointer) -> Option<Pointer> {
    let text = pointer.text();
    let rest = text.strip_prefix(&*prefix.text())?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    Pointer::parse(rest).ok()
}

/// A finding placed at its value in the document's text read again; labels are placed when
/// they lie in the same document (the others keep their pointer).
fn locate(
    d: &Diagnostic,
    slot: &Slot,
    ndjson: bool,
    raw: &crate::stream::RawDocument,
    locator: &Locator<'_>,
) -> Located {
    let Some(pointer) = relative(&d.pointer, &slot.prefix) else {
        return at_start(d, slot);
    };
    let mut inner = d.clone();
    inner.pointer = pointer;
    // Every NDJSON line has the same pointers: a label in another line cannot be told from
    // one in this line, and is left unplaced.
    let in_document = |p: &Pointer| !ndjson && relative(p, &slot.pointer).is_some();
    let mut others = Vec::new();
    inner.labels.retain(|l| {
        let keep = in_document(&l.pointer);
        if !keep {
            others.push(l.clone());
        }
        keep
    });
    for label in &mut inner.labels {
        if let Some(p) = relative(&label.pointer, &slot.prefix) {
            label.pointer = p;
        }
    }
    let mut located = crate::bulk::place(raw, Located::new(&inner, Some(locator)));
    if located.line.is_none() {
        located.line = Some(slot.line);
        located.column = Some(slot.column);
    }
    let unplaced = Located::new(
        &Diagnostic {
            labels: others,
            ..d.clone()
        },
        None,
    );
    located.labels.extend(unplaced.labels);
    located
}
