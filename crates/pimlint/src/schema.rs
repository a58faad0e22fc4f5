//! JSON Schemas of the documents pimlint reads, and validation against them.
//!
//! One schema document holds a definition per kind (`schemas/pim.schema.json`), written from
//! the Graph v1.0 and ARM 2020-10-01 definitions. Validation reports every violation with its
//! pointer, except where a typed check already reported the same place.

use serde_json::{Value, json};

use crate::diagnostic::Diagnostic;
use crate::kind::DocumentKind;
use crate::pointer::Pointer;
use crate::source::{Field, Name, NullItems, Rule, RuleType};

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

/// [`schema_for`] with every policy rule accepted as it is: the schema of what surrounds the
/// rules. Used when the typed reader has judged every rule (see [`rules_judged`]).
#[must_use]
pub fn schema_around_rules(kind: DocumentKind) -> Value {
    let mut schema = schema_for(kind);
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        defs.insert("rule".to_owned(), Value::Bool(true));
    }
    schema
}

/// Whether the typed reader has judged every policy rule of `value` (a document at `base`),
/// so that the JSON Schema of the rules can find nothing it has not reported: every rule is
/// an object of one of the five rule types, spelled as the API spells it; its target, if
/// any, is an object whose settings lists hold strings and whose target objects are a list;
/// no list inside it holds a `null`; and the reader reported nothing inside any rule (`read`
/// holds its findings, before any rule ran). The schema then needs to look only at what
/// surrounds the rules; both ways give the same findings (tested over every fixture and
/// over each rule member mutated).
#[must_use]
pub fn rules_judged(value: &Value, base: &Pointer, read: &[Diagnostic]) -> bool {
    let inside_a_rule = |d: &Diagnostic| {
        let text = d.pointer.text();
        let rest = text.strip_prefix(&*base.text()).unwrap_or("");
        rest.contains("/rules/") || rest.contains("/effectiveRules/")
    };
    if read.iter().any(inside_a_rule) {
        return false;
    }
    let properties = value.get("properties");
    let holders = [
        Some(value),
        properties,
        value.get("policy"),
        properties.and_then(|p| p.get("policy")),
    ];
    holders.into_iter().flatten().all(|holder| {
        ["rules", "effectiveRules"].iter().all(|key| {
            holder
                .get(*key)
                .and_then(Value::as_array)
                .is_none_or(|rules| rules.iter().all(known_rule))
        })
    })
}

/// A rule object whose discriminator names one of the five rule types exactly.
fn known_rule(rule: &Value) -> bool {
    let Some(rule) = rule.as_object() else {
        return false;
    };
    let str_of = |key: &str| rule.get(key).and_then(Value::as_str);
    let target = match rule.get("target") {
        None => true,
        Some(Value::Object(target)) => target_lists_judged(
            target.get("inheritableSettings"),
            target.get("enforcedSettings"),
            target.get("targetObjects"),
        ),
        Some(_) => false,
    };
    exactly_typed(str_of("@odata.type"), str_of("ruleType"))
        && target
        && !rule.values().any(NullItems::holds_a_null_item)
}

/// Whether the typed reader has judged a rule read straight from text
/// ([`crate::source::skeleton`]): the judgement [`rules_judged`] makes of each rule of a
/// parsed value, made on the typed rule (both ways give the same findings on every fixture).
#[must_use]
pub fn rule_judged(rule: &Rule) -> bool {
    let Some((graph, arm, _, target)) = rule.common() else {
        // Unknown rule types, and rules that are not objects.
        return false;
    };
    let target = match target {
        Field::Absent => true,
        Field::Value(t) => target_lists_judged(
            written(&t.inheritable_settings),
            written(&t.enforced_settings),
            written(&t.target_objects),
        ),
        Field::Null | Field::Invalid(_) => false,
    };
    exactly_typed(
        graph.value().map(Name::as_str),
        arm.value().map(Name::as_str),
    ) && target
        && !rule.holds_a_null_item()
}

/// A member as written: absent, or its value (`null` included).
fn written(field: &Field<Value>) -> Option<&Value> {
    match field {
        Field::Absent => None,
        Field::Null => Some(&Value::Null),
        Field::Value(v) | Field::Invalid(v) => Some(v),
    }
}

/// Whether a rule's discriminators (`@odata.type`, `ruleType`, when strings) name one of the
/// five rule types, spelled as the API spells it: one of the two, with one leading `#` for
/// Graph (the reader takes more, or none).
fn exactly_typed(graph: Option<&str>, arm: Option<&str>) -> bool {
    match (graph, arm) {
        (Some(t), None) => {
            t.strip_prefix('#').is_some_and(|t| !t.starts_with('#'))
                && RuleType::from_graph(t).is_some()
        }
        (None, Some(t)) => RuleType::from_arm(t).is_some(),
        _ => false,
    }
}

/// What the reader keeps of a target without judging it: its settings lists hold only
/// strings, and its target objects are a list (each absent or `null` otherwise).
fn target_lists_judged(
    inheritable: Option<&Value>,
    enforced: Option<&Value>,
    objects: Option<&Value>,
) -> bool {
    let strings = |list: Option<&Value>| match list {
        None | Some(Value::Null) => true,
        Some(Value::Array(items)) => items.iter().all(Value::is_string),
        Some(_) => false,
    };
    strings(inheritable)
        && strings(enforced)
        && matches!(objects, None | Some(Value::Null | Value::Array(_)))
}

#[cfg(feature = "schema")]
mod validation {
    use std::sync::OnceLock;

    use serde_json::Value;

    use super::{schema_around_rules, schema_for, spelled_in_another_case};
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::kind::DocumentKind;
    use crate::pointer::Pointer;
    use crate::rules::structure::schema_violation;

    /// Each kind's compiled schema: whole, and around the rules (for kinds that hold rules).
    struct Compiled {
        whole: Option<jsonschema::Validator>,
        around_rules: Option<jsonschema::Validator>,
    }

    fn compile(schema: &Value) -> Option<jsonschema::Validator> {
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(schema)
            .ok()
    }

    /// The compiled schemas of `kind`, compiled when a document of that kind is first met.
    fn compiled(kind: DocumentKind) -> Option<&'static Compiled> {
        static COMPILED: [OnceLock<Compiled>; DocumentKind::ALL.len()] =
            [const { OnceLock::new() }; DocumentKind::ALL.len()];
        let index = DocumentKind::ALL.iter().position(|k| *k == kind)?;
        Some(COMPILED[index].get_or_init(|| {
            let holds_rules = matches!(
                kind,
                DocumentKind::GraphPolicy
                    | DocumentKind::GraphPolicyUpdate
                    | DocumentKind::GraphPolicyAssignment
                    | DocumentKind::ArmPolicy
                    | DocumentKind::ArmPolicyUpdate
                    | DocumentKind::ArmPolicyAssignment
            );
            Compiled {
                whole: compile(&schema_for(kind)),
                around_rules: holds_rules
                    .then(|| compile(&schema_around_rules(kind)))
                    .flatten(),
            }
        }))
    }

    /// Whether every kind's schema compiles (tested; a broken schema validates nothing).
    pub fn all_compile() -> bool {
        DocumentKind::ALL
            .iter()
            .all(|kind| compiled(*kind).is_some_and(|c| c.whole.is_some()))
    }

    /// Which part of a document the schema looks at.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Extent {
        /// All of it.
        Whole,
        /// What surrounds its policy rules, which the typed reader has judged
        /// ([`super::rules_judged`]).
        AroundRules,
    }

    /// Schema violations of `value` (a document of `kind` at `base` in its file) that no
    /// finding in `known` already reports at the same place.
    pub fn violations(
        kind: DocumentKind,
        value: &Value,
        base: &Pointer,
        known: &[Diagnostic],
    ) -> Vec<Diagnostic> {
        violations_in(kind, value, base, known, Extent::Whole)
    }

    /// [`violations`], looking at `extent` of the document.
    pub fn violations_in(
        kind: DocumentKind,
        value: &Value,
        base: &Pointer,
        known: &[Diagnostic],
        extent: Extent,
    ) -> Vec<Diagnostic> {
        let Some(compiled) = compiled(kind) else {
            return Vec::new();
        };
        let validator = match (extent, &compiled.around_rules) {
            (Extent::AroundRules, Some(around)) => around,
            _ => match &compiled.whole {
                Some(whole) => whole,
                None => return Vec::new(),
            },
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
pub use validation::{Extent, all_compile, violations, violations_in};

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
