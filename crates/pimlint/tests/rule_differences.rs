//! The members two rules of one type differ in, told from the typed rules, are those in which
//! their written JSON differs, an absent member counting as `null` (`Rule::written_differences`):
//! over every pair of rules of one list in every JSON file of the repository, and over each
//! pair with one member of one rule removed, set to `null` or changed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use pimlint::source::Rule;
use serde_json::Value;

use support::{json_files, workspace};

/// Every array of rules (`rules`, `effectiveRules`) inside `value`.
fn rule_lists<'v>(value: &'v Value, out: &mut Vec<&'v Vec<Value>>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                if let ("rules" | "effectiveRules", Value::Array(items)) = (key.as_str(), member) {
                    out.push(items);
                }
                rule_lists(member, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| rule_lists(item, out)),
        _ => {}
    }
}

/// The rule written `written`, and the same with each of its members removed, `null`, or
/// another value.
fn variants(written: &Value) -> Vec<Value> {
    let mut out = vec![written.clone()];
    let Value::Object(map) = written else {
        return out;
    };
    for key in map.keys() {
        for change in [None, Some(Value::Null), Some(Value::from("other"))] {
            let mut changed = map.clone();
            match change {
                None => {
                    changed.remove(key);
                }
                Some(v) => {
                    changed.insert(key.clone(), v);
                }
            }
            out.push(Value::Object(changed));
        }
    }
    out
}

#[test]
fn typed_differences_are_those_of_the_written_json() {
    let root = workspace();
    let mut compared = 0;
    for path in ["rules", "tests", "examples"]
        .iter()
        .flat_map(|dir| json_files(&root.join(dir)))
    {
        // Files in other encodings, and files that are not JSON, are other tests' matter.
        let Ok(value) = serde_json::from_slice::<Value>(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let mut lists = Vec::new();
        rule_lists(&value, &mut lists);
        for list in lists {
            for (i, first) in list.iter().enumerate() {
                for second in &list[i..] {
                    for changed in variants(second) {
                        let a: Rule = serde_json::from_value(first.clone()).unwrap();
                        let b: Rule = serde_json::from_value(changed).unwrap();
                        if let Some(typed) = a.differences(&b) {
                            assert_eq!(
                                typed,
                                a.written_differences(&b),
                                "{}: {first} / {second}",
                                path.display()
                            );
                            compared += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(compared > 10_000, "pairs compared: {compared}");
}
