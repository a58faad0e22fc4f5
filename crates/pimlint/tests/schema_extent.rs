//! When the typed reader has judged every policy rule of a document, the schema pass looks only
//! at what surrounds the rules. That must give the same findings as looking at the whole
//! document: over every document of every JSON fixture of the repository, and over every
//! member of every rule type, Graph and ARM, replaced in turn by a value of each JSON type or
//! removed.

#![cfg(feature = "schema")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use pimlint::schema::{self, Extent};
use pimlint::{DocumentKind, Pointer, kind, normalize};
use serde_json::{Value, json};

use support::json_files;

/// Every API-shaped document of the fixtures, with its kind and place.
fn documents() -> Vec<(String, DocumentKind, Value, Pointer, Option<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["rules", "tests/fixtures", "examples"] {
        files.extend(json_files(&root.join(dir)));
    }
    assert!(files.len() > 100, "fixtures not found");
    let mut out = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(value) = pimlint::parse_json(&text) else {
            continue;
        };
        for slot in kind::split(&value) {
            if let Ok(kind) = kind::detect(slot.value, slot.hint) {
                out.push((
                    path.display().to_string(),
                    kind,
                    slot.value.clone(),
                    slot.pointer.clone(),
                    slot.context.map(str::to_owned),
                ));
            }
        }
    }
    out
}

/// Whether the reader judged every rule, and if it did, the findings of both extents.
fn both(
    kind: DocumentKind,
    value: &Value,
    at: &Pointer,
    context: Option<&str>,
) -> Option<(Vec<String>, Vec<String>)> {
    let (_, read) = normalize::normalize_in(kind, value, at, context).ok()?;
    if !schema::rules_judged(value, at, &read) {
        return None;
    }
    let render = |extent| {
        schema::violations_in(kind, value, at, &read, extent)
            .iter()
            .map(|d| format!("{} {}", d.pointer, d.message))
            .collect::<Vec<_>>()
    };
    Some((render(Extent::Whole), render(Extent::AroundRules)))
}

#[test]
fn every_fixture_gives_the_same_findings_both_ways() {
    let mut judged = 0;
    let mut with_rules = 0;
    for (file, kind, value, at, context) in documents() {
        if let Some((whole, around)) = both(kind, &value, &at, context.as_deref()) {
            judged += 1;
            if value.to_string().contains("\"rules\"") {
                with_rules += 1;
            }
            assert_eq!(whole, around, "{file} {at}");
        }
    }
    // The fast way is taken for most documents, or this test proves nothing.
    assert!(judged > 200, "{judged} documents judged");
    assert!(with_rules > 100, "{with_rules} documents with rules judged");
}

/// The places of every member inside `value`, as pointers relative to it.
fn members(value: &Value, at: &Pointer, out: &mut Vec<Pointer>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = at.key(key);
                out.push(here.clone());
                members(v, &here, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let here = at.index(i);
                out.push(here.clone());
                members(v, &here, out);
            }
        }
        _ => {}
    }
}

/// A pointer with its array indices generalised, so that each member of each rule type is
/// mutated once.
fn shape_of(rule_type: &str, relative: &Pointer) -> String {
    let general: Vec<String> = relative
        .text()
        .split('/')
        .map(|s| {
            if s.parse::<usize>().is_ok() {
                "#".to_owned()
            } else {
                s.to_owned()
            }
        })
        .collect();
    format!("{rule_type}{}", general.join("/"))
}

fn replace(value: &mut Value, at: &Pointer, with: Option<&Value>) {
    let (parent, last) = (at.parent().unwrap(), at.last().unwrap());
    let Some(holder) = value.pointer_mut(&parent.text()) else {
        return;
    };
    match (holder, with) {
        (Value::Object(map), Some(v)) => {
            map.insert(last, v.clone());
        }
        (Value::Object(map), None) => {
            map.remove(&last);
        }
        (Value::Array(items), Some(v)) => {
            if let Some(slot) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                *slot = v.clone();
            }
        }
        (Value::Array(items), None) => {
            if let Ok(i) = last.parse::<usize>() {
                if i < items.len() {
                    items.remove(i);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn every_rule_member_mutated_gives_the_same_findings_both_ways() {
    let replacements = [
        json!(42),
        json!(-1.5),
        json!("Bogus"),
        json!(""),
        json!(true),
        json!(null),
        json!([]),
        json!(["Bogus"]),
        json!([42]),
        json!({}),
        json!({"bogus": 1}),
    ];
    let mut seen = BTreeSet::new();
    let mut cases = 0;
    let mut judged = 0;
    let mut differ = Vec::new();
    for (file, kind, value, at, context) in documents() {
        let holders = ["", "/properties", "/policy", "/properties/policy"];
        for holder in holders {
            for key in ["rules", "effectiveRules"] {
                let list = format!("{holder}/{key}");
                let Some(rules) = value.pointer(&list).and_then(Value::as_array) else {
                    continue;
                };
                for (i, rule) in rules.iter().enumerate() {
                    let rule_type = rule
                        .get("@odata.type")
                        .or_else(|| rule.get("ruleType"))
                        .and_then(Value::as_str)
                        .unwrap_or("?")
                        .to_owned();
                    let rule_at = Pointer::parse(&format!("{list}/{i}")).unwrap();
                    let mut places = Vec::new();
                    members(rule, &Pointer::root(), &mut places);
                    for relative in places {
                        if !seen.insert(shape_of(&rule_type, &relative)) {
                            continue;
                        }
                        let target = rule_at.join(&relative);
                        let mutations = replacements.iter().map(Some).chain([None]);
                        for with in mutations {
                            let mut mutated = value.clone();
                            replace(&mut mutated, &target, with);
                            cases += 1;
                            if let Some((whole, around)) =
                                both(kind, &mutated, &at, context.as_deref())
                            {
                                judged += 1;
                                if whole != around {
                                    differ.push(format!(
                                        "{file} {at}: {target} set to {with:?}: {whole:?}"
                                    ));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert!(seen.len() > 100, "{} rule members mutated", seen.len());
    // Many mutations are judged by the reader without a finding inside the rule (a value of
    // a type the rule accepts), so the fast way is taken for them.
    assert!(judged > 50, "{judged} of {cases} mutations judged");
}
