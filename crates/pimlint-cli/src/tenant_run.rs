//! The tenant view of a streamed run: documents are indexed as they stream past (only what
//! the joins need), and the tenant findings are written once every input has been read.

use std::collections::BTreeMap;

use pimlint::api::Located;
use pimlint::config::Config;
use pimlint::tenant::{Place, Tenant};
use pimlint::{Document, DocumentKind, Pointer};

use crate::bulk::Writer;

/// A finding placed in its file, with the name of the role it is about.
type RoleFinding = (Located, Option<String>);

/// A document findings may point at: where it starts in its file.
struct Slot {
    pointer: String,
    kind: Option<DocumentKind>,
    line: usize,
    column: usize,
}

/// The joins of a streamed run.
#[derive(Default)]
pub struct TenantRun {
    tenant: Tenant,
    inputs: Vec<(String, Vec<Slot>)>,
}

impl TenantRun {
    /// The next input starts.
    pub fn start_input(&mut self, path: String) {
        self.inputs.push((path, Vec::new()));
    }

    /// Indexes one document, which starts at `line`:`column` of the current input; its own
    /// pointers are relative to `prefix`, where the text it was read from starts.
    pub fn add(
        &mut self,
        prefix: &Pointer,
        pointer: Pointer,
        kind: Option<DocumentKind>,
        (line, column): (usize, usize),
        document: &Document,
    ) {
        let Some(input) = self.inputs.len().checked_sub(1) else {
            return;
        };
        let slots = &mut self.inputs[input].1;
        // Findings point at holders, role definitions and alerts; policies only say which
        // roles have one, and keep no slot.
        let document_index = match document {
            Document::Schedule(_) | Document::RoleDefinition(_) | Document::Alert(_) => {
                slots.push(Slot {
                    pointer: pointer.to_string(),
                    kind,
                    line,
                    column,
                });
                slots.len() - 1
            }
            Document::Policy(_) | Document::PolicyAssignment(_) => usize::MAX,
            Document::Request(_) => return,
        };
        self.tenant.add_within(
            Place {
                input,
                document: document_index,
                pointer,
            },
            document,
            prefix,
        );
    }

    /// Writes the tenant findings, each with the document it is about.
    pub fn emit(self, writer: &mut Writer, config: &Config) {
        let mut by_document: BTreeMap<(usize, usize), Vec<RoleFinding>> = BTreeMap::new();
        for finding in self.tenant.check(config) {
            let Some((_, slots)) = self.inputs.get(finding.place.input) else {
                continue;
            };
            let Some(slot) = slots.get(finding.place.document) else {
                continue;
            };
            // The document's text is gone: the finding is placed at the document's start.
            let mut located = Located::new(&finding.diagnostic, None);
            located.line = Some(slot.line);
            located.column = Some(slot.column);
            let role = finding
                .role
                .as_deref()
                .map(|r| pimlint::roles::name_of(r).map_or_else(|| r.to_owned(), str::to_owned));
            by_document
                .entry((finding.place.input, finding.place.document))
                .or_default()
                .push((located, role));
        }
        for ((input, document), findings) in by_document {
            let (path, slots) = &self.inputs[input];
            let slot = &slots[document];
            writer.tenant_document(path, &slot.pointer, slot.kind, findings);
        }
    }
}
