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
use pimlint::validate::{PolicyIndex, ValidateOptions, validate_report};
use pimlint::{Diagnostic, DocumentReport, Locator, Options};
use serde_json::{Value, json};

/// Requests in folders with a `policy.json` are validated against it at this time.
const NOW: &str = "2026-11-30T12:00:00Z";

/// The findings for a fixture, and for a request validated against its folder's policy, the
/// verdict.
fn findings(path: &Path, text: &str) -> (Vec<Diagnostic>, Option<Value>) {
    // A folder's pimlint.toml turns on opt-in rules or sets options for its cases.
    let config_path = path.parent().unwrap().join("pimlint.toml");
    let options = Options {
        config: if config_path.is_file() {
            pimlint::config::Config::from_path(&config_path).unwrap()
        } else {
            pimlint::config::Config::default()
        },
        ..Options::default()
    };
    let reports = pimlint::check_str(text, &options).unwrap();
    for r in &reports {
        assert!(r.error.is_none(), "{}: {:?}", path.display(), r.error);
    }
    let policy_path = path.parent().unwrap().join("policy.json");
    if !policy_path.is_file() {
        return (
            reports.into_iter().flat_map(|r| r.diagnostics).collect(),
            None,
        );
    }
    let policy_text = std::fs::read_to_string(&policy_path).unwrap();
    let policies: Vec<DocumentReport> =
        pimlint::check_str(&policy_text, &Options::default()).unwrap();
    let index = PolicyIndex::new(
        policies
            .iter()
            .filter_map(|r| r.document.as_ref().map(|d| (d, 0))),
    );
    let options = ValidateOptions {
        now: chrono::DateTime::parse_from_rfc3339(NOW).unwrap(),
    };
    assert_eq!(
        reports.len(),
        1,
        "{}: one request per fixture",
        path.display()
    );
    let verdict = validate_report(&reports[0], &index, None, &options)
        .unwrap_or_else(|| panic!("{} is not a request", path.display()));
    let summary = json!({
        "verdict": verdict.verdict,
        "failedRules": verdict.failed_rules,
        "requirements": verdict.requirements.iter().map(|r| r.rule).collect::<Vec<_>>(),
    });
    (verdict.diagnostics, Some(summary))
}

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
        if path.file_name().is_some_and(|n| n == "policy.json") {
            return;
        }
        let (rule, valid) = rule_of(path);
        let text = std::fs::read_to_string(path).unwrap();
        let (diagnostics, verdict) = findings(path, &text);
        let locator = Locator::new(&text);
        let found: Vec<Value> = diagnostics
            .iter()
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
            if let Some(verdict) = verdict {
                insta::assert_yaml_snapshot!(json!({"verdict": verdict, "findings": found}));
            } else {
                insta::assert_yaml_snapshot!(found);
            }
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
