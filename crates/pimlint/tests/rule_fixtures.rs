//! The rule fixtures under `rules/<CODE>-<name>/`: `valid-*.json` gives no finding of that rule,
//! `invalid-*.json` gives at least one, and those findings match the reviewed snapshot.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::Path;

use pimlint::rules::REGISTRY;
use pimlint::{Locator, Options};
use serde_json::{Value, json};

fn rule_of(path: &Path) -> (&'static pimlint::rules::RuleMeta, bool) {
    let folder = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    let (code, name) = folder.split_once('-').unwrap();
    let rule = pimlint::rules::lookup(code).unwrap_or_else(|| panic!("no rule {code}"));
    assert_eq!(
        rule.meta.name, name,
        "folder {folder} does not match the rule name"
    );
    let file = path.file_name().unwrap().to_str().unwrap();
    let valid = file.starts_with("valid");
    assert!(
        valid || file.starts_with("invalid"),
        "{file}: name it valid-* or invalid-*"
    );
    (rule.meta, valid)
}

#[test]
fn rule_fixtures() {
    insta::glob!("../../../rules", "*/*.json", |path| {
        let (rule, valid) = rule_of(path);
        let text = std::fs::read_to_string(path).unwrap();
        let reports = pimlint::check_str(&text, &Options::default()).unwrap();
        let locator = Locator::new(&text);
        let found: Vec<Value> = reports
            .iter()
            .inspect(|r| assert!(r.error.is_none(), "{}: {:?}", path.display(), r.error))
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.code == rule.code)
            .map(|d| {
                let at = locator.locate(&d.pointer).expect("pointer resolves");
                assert!(
                    at.exact,
                    "{}: pointer {} not in the file",
                    path.display(),
                    d.pointer
                );
                let lc = locator.line_col(at.span.start);
                json!({
                    "severity": d.severity,
                    "message": d.message,
                    "at": format!("{}:{} {}", lc.line, lc.column, d.pointer),
                    "help": d.help,
                    "labels": d.labels,
                })
            })
            .collect();
        if valid {
            assert!(found.is_empty(), "{}: {found:#?}", path.display());
        } else {
            assert!(
                !found.is_empty(),
                "{}: no {} finding",
                path.display(),
                rule.code
            );
            insta::assert_yaml_snapshot!(found);
        }
    });
}

#[test]
fn every_rule_has_valid_and_invalid_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    for rule in REGISTRY {
        let dir = root.join(format!("{}-{}", rule.meta.code, rule.meta.name));
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{} is missing", dir.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("valid-")),
            "{}: no valid-*",
            dir.display()
        );
        assert!(
            names.iter().any(|n| n.starts_with("invalid-")),
            "{}: no invalid-*",
            dir.display()
        );
    }
}
