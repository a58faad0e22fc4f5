//! Reading source documents in place gives what serde's `Deserialize` gives: as every kind
//! at the top of every JSON file of the repository's fixtures, as a rule at every object inside
//! them (so also for objects of the wrong shape), and for a document of each family with each
//! member's value swapped, in turn, for one of each JSON type.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use std::path::Path;

use pimlint::DocumentKind;
use pimlint::source;
use serde_json::Value;

use support::{json_files, member_pointers, replacements};

fn objects<'v>(value: &'v Value, out: &mut Vec<&'v Value>) {
    match value {
        Value::Object(map) => {
            out.push(value);
            map.values().for_each(|v| objects(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| objects(v, out)),
        _ => {}
    }
}

fn same(kind: DocumentKind, value: &Value, what: &str) -> bool {
    let by_serde = source::parse(kind, value).ok();
    let in_place = source::read(kind, value);
    assert_eq!(in_place, by_serde, "{what}: {kind:?} of {value}");
    in_place.is_some()
}

#[test]
fn in_place_reading_equals_serde_on_every_fixture_object() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["rules", "tests", "examples"] {
        files.extend(json_files(&root.join(dir)));
    }
    let mut read = 0;
    for path in &files {
        let Some(value) = std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        else {
            continue;
        };
        let mut found = Vec::new();
        objects(&value, &mut found);
        // Every kind at the top; below it, every object as a rule (documents inside lists
        // are read the same way, and other shapes are covered by the mutations below).
        for kind in DocumentKind::ALL {
            read += usize::from(same(kind, &value, &path.display().to_string()));
        }
        for object in found {
            read += usize::from(same(
                DocumentKind::GraphPolicyRule,
                object,
                &path.display().to_string(),
            ));
        }
    }
    assert!(read > 1_000, "documents read: {read}");
}

#[test]
fn members_of_every_json_type_read_alike() {
    for name in [
        "graph-policy-entra-defaults.json",
        "arm-policy-subscription.json",
        "graph-policy-assignment-expanded-privileged-role-admin.json",
        "graph-request-self-activate.json",
        "arm-request-self-activate.json",
        "graph-request-group-self-activate.json",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/realistic")
            .join(name);
        let value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        mutate_every_member(&value);
    }
}

fn mutate_every_member(value: &Value) {
    let kind = pimlint::kind::detect(value, None).unwrap();
    let replacements = replacements();
    // Every member of every object, in turn, takes each replacement.
    let mut pointers = Vec::new();
    member_pointers(value, "", &mut pointers);
    assert!(pointers.len() > 5);
    for pointer in &pointers {
        for replacement in &replacements {
            let mut mutated = value.clone();
            *mutated.pointer_mut(pointer).unwrap() = replacement.clone();
            same(kind, &mutated, pointer);
        }
    }
}
