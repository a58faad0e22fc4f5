//! Every fixture and example: it loads, round-trips losslessly, and its normalized model and
//! diagnostics match the reviewed snapshot.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use std::path::Path;

use pimlint::{DocumentKind, Options, kind, source};
use serde_json::{Value, json};

use support::{json_files, workspace};

/// Requests whose level nothing in the document tells: the tests know it from the file name.
fn forced_kind(path: &Path) -> Option<DocumentKind> {
    let name = path.file_name()?.to_str()?;
    (name == "arm-request-eligibility-admin-assign.json")
        .then_some(DocumentKind::ArmRoleEligibilityRequest)
}

fn snapshot_of(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let options = Options {
        kind: forced_kind(path),
        ..Options::default()
    };
    let reports = pimlint::check_str(&text, &options).unwrap();
    Value::Array(
        reports
            .into_iter()
            .map(|r| {
                assert!(r.error.is_none(), "{}: {:?}", path.display(), r.error);
                json!({
                    "pointer": r.pointer,
                    "kind": r.kind,
                    "model": r.document,
                    "diagnostics": r.diagnostics,
                })
            })
            .collect(),
    )
}

#[test]
fn realistic_fixtures_normalize_as_reviewed() {
    insta::glob!("../../../tests/fixtures/realistic", "*.json", |path| {
        insta::assert_yaml_snapshot!(snapshot_of(path));
    });
}

#[test]
fn examples_normalize_as_reviewed() {
    insta::glob!("../../../examples", "**/*.json", |path| {
        insta::assert_yaml_snapshot!(snapshot_of(path));
    });
}

/// parse → serialize gives back the same JSON value, for every document of every fixture.
#[test]
fn source_model_is_lossless() {
    let mut files = json_files(&workspace().join("tests/fixtures/realistic"));
    files.extend(json_files(&workspace().join("examples")));
    files.extend(json_files(&workspace().join("rules")));
    assert!(files.len() > 20, "fixtures not found");
    let mut documents = 0;
    for path in files {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for slot in kind::split(&value) {
            let Some(kind) =
                forced_kind(&path).or_else(|| kind::detect(slot.value, slot.hint).ok())
            else {
                continue;
            };
            let parsed = source::parse(kind, slot.value)
                .unwrap_or_else(|e| panic!("{} {}: {e}", path.display(), slot.pointer));
            assert_eq!(
                &serde_json::to_value(&parsed).unwrap(),
                slot.value,
                "{} {} does not round-trip",
                path.display(),
                slot.pointer
            );
            documents += 1;
        }
    }
    assert!(documents > 20, "only {documents} documents checked");
}

/// Whatever is in the shared fixture folder today loads without an internal error.
#[test]
fn shared_fixtures_load() {
    let dir = workspace().join("../shared/fixtures");
    if !dir.is_dir() {
        eprintln!("{} is absent; nothing to check", dir.display());
        return;
    }
    for path in json_files(&dir) {
        let bytes = std::fs::read(&path).unwrap();
        let text = pimlint::decode(&bytes).unwrap();
        let options = Options {
            kind: forced_kind(&path),
            ..Options::default()
        };
        let reports = pimlint::check_str(&text, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for r in reports {
            if let Some(error) = r.error {
                assert!(
                    error.contains("--kind"),
                    "{} {}: {error}",
                    path.display(),
                    r.pointer
                );
            }
        }
    }
}

/// Every glob snapshot still has its input file (a renamed fixture leaves no dead snapshot).
#[test]
fn no_orphan_snapshots() {
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let prefixes = [
        (
            "fixtures__realistic_fixtures_normalize_as_reviewed@",
            "tests/fixtures/realistic",
        ),
        ("fixtures__examples_normalize_as_reviewed@", "examples"),
        ("rule_fixtures__rule_fixtures@", "rules"),
        (
            "legacy__legacy_fixtures_lint_as_reviewed@",
            "tests/fixtures/legacy",
        ),
        (
            "legacy__legacy_fixtures_migrate_as_reviewed@",
            "tests/fixtures/legacy",
        ),
        (
            "powershell_exports__tenant_exports_as_reviewed@",
            "tests/fixtures/powershell",
        ),
    ];
    let mut checked = 0;
    for entry in std::fs::read_dir(snapshots).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".snap.new") || name.ends_with(".pending-snap") {
            continue; // awaiting review, not committed
        }
        let Some(stem) = name.strip_suffix(".snap") else {
            panic!("unexpected file in snapshots: {name}");
        };
        // Snapshots of single tests, named after them.
        if [
            "validate__validation_cases",
            "baselines__per_control_fixtures_pass_and_fail",
        ]
        .contains(&stem)
        {
            continue;
        }
        // Snapshots named from a path with `/` and `.` flattened: the path is the description.
        if stem.starts_with("requirements__") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let input = text
                .lines()
                .find_map(|line| line.strip_prefix("description: "))
                .unwrap_or_else(|| panic!("{name} names no input in its description"));
            assert!(
                workspace().join(input).is_file(),
                "{name} has no input {input}"
            );
            checked += 1;
            continue;
        }
        let Some((prefix, base)) = prefixes.iter().find(|(p, _)| stem.starts_with(p)) else {
            panic!("snapshot {name} belongs to no test");
        };
        let input = workspace()
            .join(base)
            .join(stem[prefix.len()..].replace("__", "/"));
        assert!(input.is_file(), "{name} has no input {}", input.display());
        checked += 1;
    }
    assert!(checked > 30);
}

/// Every realistic fixture, example and valid rule case matches its kind's JSON Schema.
#[test]
fn documents_match_their_schemas() {
    let root = workspace();
    let mut files = json_files(&root.join("tests/fixtures/realistic"));
    // The policy-as-code example holds deliberate mistakes.
    files.extend(json_files(&root.join("examples/tenant-export")));
    files.extend(json_files(&root.join("examples/requests")));
    files.extend(json_files(&root.join("rules")).into_iter().filter(|p| {
        let name = p.file_name().unwrap().to_string_lossy();
        name.starts_with("valid-") || name == "policy.json"
    }));
    let mut checked = 0;
    for path in files {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for slot in kind::split(&value) {
            let Some(kind) =
                forced_kind(&path).or_else(|| kind::detect(slot.value, slot.hint).ok())
            else {
                continue;
            };
            let violations = pimlint::schema::violations(kind, slot.value, &slot.pointer, &[]);
            assert!(
                violations.is_empty(),
                "{} {}: {violations:#?}",
                path.display(),
                slot.pointer
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} documents");
}
