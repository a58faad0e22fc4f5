//! JSON Schemas of the documents pimlint reads, and validation against them.
//!
//! One schema document holds a definition per kind (`schemas/pim.schema.json`), written from
//! the Graph v1.0 and ARM 2020-10-01 definitions. Validation reports every violation with its
//! pointer, except where a typed check already reported the same place.

use serde_json::{Value, json};

use crate::kind::DocumentKind;

/// The schema document with every kind's definition.
pub const SCHEMAS: &str = include_str!("../schemas/pim.schema.json");

/// The JSON Schema (draft 2020-12) of one document kind.
#[must_use]
pub fn schema_for(kind: DocumentKind) -> Value {
    let all: Value = serde_json::from_str(SCHEMAS).unwrap_or(Value::Null);
    let defs = all.get("$defs").cloned().unwrap_or_else(|| json!({}));
    let title = defs
        .pointer(&format!("/{}/title", kind.as_str()))
        .cloned()
        .unwrap_or(Value::Null);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "$ref": format!("#/$defs/{}", kind.as_str()),
        "$defs": defs,
    })
}

#[cfg(feature = "schema")]
mod validation {
    use std::sync::OnceLock;

    use serde_json::Value;

    use super::{schema_for, spelled_in_another_case};
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::kind::DocumentKind;
    use crate::pointer::Pointer;
    use crate::rules::structure::schema_violation;

    fn validators() -> &'static [Option<jsonschema::Validator>] {
        static VALIDATORS: OnceLock<Vec<Option<jsonschema::Validator>>> = OnceLock::new();
        VALIDATORS.get_or_init(|| {
            DocumentKind::ALL
                .iter()
                .map(|kind| {
                    jsonschema::options()
                        .with_draft(jsonschema::Draft::Draft202012)
                        .build(&schema_for(*kind))
                        .ok()
                })
                .collect()
        })
    }

    /// Whether every kind's schema compiles (tested; a broken schema validates nothing).
    pub fn all_compile() -> bool {
        validators().iter().all(Option::is_some)
    }

    /// Schema violations of `value` (a document of `kind` at `base` in its file) that no
    /// finding in `known` already reports at the same place.
    pub fn violations(
        kind: DocumentKind,
        value: &Value,
        base: &Pointer,
        known: &[Diagnostic],
    ) -> Vec<Diagnostic> {
        let Some(Some(validator)) = DocumentKind::ALL
            .iter()
            .position(|k| *k == kind)
            .map(|i| &validators()[i])
        else {
            return Vec::new();
        };
        let mut out: Vec<Diagnostic> = Vec::new();
        // Most documents are valid: the boolean check is much cheaper than collecting errors.
        if validator.is_valid(value) {
            return out;
        }
        // A projection (partial-read) lacks members because they were not asked for.
        let projection = known
            .iter()
            .any(|d| d.code == crate::rules::structure::partial_read::PARTIAL_READ.code);
        for error in validator.iter_errors(value) {
            if projection
                && matches!(
                    error.kind(),
                    jsonschema::error::ValidationErrorKind::Required { .. }
                )
            {
                continue;
            }
            if spelled_in_another_case(&error) {
                // The typed reader judges letter case, enum by enum, as the service does.
                continue;
            }
            let relative = Pointer::parse(error.instance_path().as_str()).unwrap_or_default();
            let at = base.join(&relative);
            let covered = known
                .iter()
                .chain(out.iter())
                .any(|d| d.pointer == at && d.severity != Severity::Info);
            if !covered {
                out.push(schema_violation::diagnostic(&at, kind, &error.to_string()));
            }
        }
        out
    }
}

#[cfg(feature = "schema")]
fn spelled_in_another_case(error: &jsonschema::ValidationError<'_>) -> bool {
    let jsonschema::error::ValidationErrorKind::Enum { options } = error.kind() else {
        return false;
    };
    let Value::String(written) = error.instance().as_ref() else {
        return false;
    };
    options.as_array().is_some_and(|options| {
        options
            .iter()
            .filter_map(Value::as_str)
            .any(|o| o.eq_ignore_ascii_case(written))
    })
}

#[cfg(feature = "schema")]
pub use validation::{all_compile, violations};

#[cfg(all(test, feature = "schema"))]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_compiling_schema() {
        for kind in DocumentKind::ALL {
            let schema = schema_for(kind);
            assert!(
                schema
                    .pointer(&format!("/$defs/{}", kind.as_str()))
                    .is_some(),
                "{kind}"
            );
            assert!(schema["title"].is_string(), "{kind} has no title");
        }
        assert!(all_compile());
    }
}
