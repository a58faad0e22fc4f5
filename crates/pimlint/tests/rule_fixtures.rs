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
    let mut reports = pimlint::check_str(text, &options).unwrap();
    // A fixture is a whole run: the tenant checks join its documents.
    pimlint::tenant::check_run(&mut [&mut reports], &options.config);
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
    let mut verdict = validate_report(&reports[0], &index, None, &options)
        .unwrap_or_else(|| panic!("{} is not a request", path.display()));
    // A folder's tenant.json is the tenant the request is judged against.
    let tenant_path = path.parent().unwrap().join("tenant.json");
    if let (true, Some(pimlint::Document::Request(request))) =
        (tenant_path.is_file(), &reports[0].document)
    {
        let text = std::fs::read_to_string(&tenant_path).unwrap();
        let mut tenant = pimlint::tenant::Tenant::new();
        tenant.add_reports(0, &pimlint::check_str(&text, &Options::default()).unwrap());
        pimlint::tenant::verdict::judge(request, &tenant, &options, &mut verdict);
    }
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
        if path
            .file_name()
            .is_some_and(|n| n == "policy.json" || n == "tenant.json")
        {
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

/// The README of a rule folder: its documentation, and the findings of its first invalid
/// case as pimlint reports them today.
fn rule_readme(rule: &pimlint::rules::Rule, dir: &Path) -> String {
    use std::fmt::Write as _;
    let meta = rule.meta;
    let default_on = pimlint::config::Config::default().is_enabled(meta);
    let mut out = format!(
        "# {} {}\n\n<!-- generated from the rule's documentation by `just docs`; edit the rule's doc comment instead -->\n\n",
        meta.code, meta.name
    );
    let _ = writeln!(
        out,
        "Default severity: **{}** · {} · runs in {}\n",
        meta.default_severity,
        if default_on {
            "on by default"
        } else {
            "off unless selected"
        },
        match rule.check {
            pimlint::rules::Check::Validation => "`pimlint validate`",
            pimlint::rules::Check::Tenant(_) => "`pimlint check`, over every input of a run",
            _ => "`pimlint check` and `pimlint validate`",
        }
    );
    out.push_str(meta.markdown().trim_end());
    out.push('\n');
    let mut cases: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with("invalid-")
                && Path::new(n)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        })
        .collect();
    cases.sort();
    if let Some(case) = cases.first() {
        let path = dir.join(case);
        let text = std::fs::read_to_string(&path).unwrap();
        let (diagnostics, _) = findings(&path, &text);
        let locator = Locator::new(&text);
        let _ = writeln!(
            out,
            "\n## What pimlint reports\n\nFor [`{case}`]({case}):\n\n```text"
        );
        for d in diagnostics.iter().filter(|d| d.code == meta.code) {
            let at = locator
                .locate(&d.pointer)
                .map(|f| locator.line_col(f.span.start));
            let (line, column) = at.map_or((0, 0), |a| (a.line, a.column));
            let _ = writeln!(
                out,
                "{case}:{line}:{column}: {} {} {}",
                d.severity, d.code, d.message
            );
            if let Some(help) = &d.help {
                let _ = writeln!(out, "  help: {help}");
            }
        }
        out.push_str("```\n");
    }
    let _ = writeln!(
        out,
        "\nMore cases: the `valid-*.json` and `invalid-*.json` files beside this page."
    );
    out
}

/// `rules/<CODE>-<name>/README.md` matches the rule's documentation; `just docs` rewrites them.
#[test]
fn rule_docs_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let update = std::env::var_os("PIMLINT_UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for rule in REGISTRY {
        let dir = root.join(format!("{}-{}", rule.meta.code, rule.meta.name));
        let expected = rule_readme(rule, &dir);
        let path = dir.join("README.md");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            if update {
                std::fs::write(&path, expected).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale rule docs (run `just docs`): {stale:#?}"
    );
}

/// The rules table in the README, between its markers, is generated from the registry.
#[test]
fn readme_rules_table_is_current() {
    use std::fmt::Write as _;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = readme.split_once("<!-- rules:start -->\n").unwrap();
    let (_, tail) = rest.split_once("<!-- rules:end -->").unwrap();
    let defaults = pimlint::config::Config::default();
    let mut table = String::from("| code | name | default | what it flags |\n|---|---|---|---|\n");
    for rule in REGISTRY {
        let m = rule.meta;
        let on = if defaults.is_enabled(m) {
            ""
        } else {
            ", opt-in"
        };
        let _ = writeln!(
            table,
            "| [{}](rules/{}-{}/README.md) | {} | {}{on} | {} |",
            m.code,
            m.code,
            m.name,
            m.name,
            m.default_severity,
            m.summary().replace('|', "\\|")
        );
    }
    let expected = format!("{head}<!-- rules:start -->\n{table}<!-- rules:end -->{tail}");
    if std::env::var_os("PIMLINT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    assert!(
        readme == expected,
        "the README rules table is stale: run `just docs`"
    );
}

/// Rules read the configuration through `rules::context::Settings`: nothing under `rules/`
/// names the `config` module, which depends on the rules' registry.
#[test]
fn rules_do_not_import_config() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut stack = vec![root];
    let mut offenders = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains("crate::config") {
                    offenders.push(path.display().to_string());
                }
            }
        }
    }
    assert!(offenders.is_empty(), "rules import config: {offenders:?}");
}
