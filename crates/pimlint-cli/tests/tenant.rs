//! The tenant view from the command line: the joins over every input of a run, whole-file and
//! streamed, and `validate` against an export.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::get_cargo_bin;
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(get_cargo_bin("pimlint"))
        .current_dir(workspace())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// (path, code, pointer) of every tenant finding in `--format json` output.
fn whole(text: &str) -> BTreeSet<(String, String, String)> {
    let value: Value = serde_json::from_str(text).unwrap();
    let mut out = BTreeSet::new();
    for file in value["files"].as_array().unwrap() {
        for doc in file["documents"].as_array().unwrap() {
            for d in doc["diagnostics"].as_array().unwrap() {
                let code = d["code"].as_str().unwrap();
                if code.starts_with("PIM6") {
                    out.insert((
                        file["path"].as_str().unwrap().to_owned(),
                        code.to_owned(),
                        d["pointer"].as_str().unwrap().to_owned(),
                    ));
                }
            }
        }
    }
    out
}

/// The same from `--format json-lines` output.
fn streamed(text: &str) -> BTreeSet<(String, String, String)> {
    text.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["code"].as_str().is_some_and(|c| c.starts_with("PIM6")))
        .map(|v| {
            (
                v["path"].as_str().unwrap().to_owned(),
                v["code"].as_str().unwrap().to_owned(),
                v["pointer"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn whole_and_streamed_runs_find_the_same_tenant_findings() {
    let (code, json) = run(&["check", "--format", "json", "examples/tenant-export"]);
    assert_eq!(code, 1);
    let (_, lines) = run(&["check", "--format", "json-lines", "examples/tenant-export"]);
    let found = whole(&json);
    assert_eq!(found, streamed(&lines));
    let codes: BTreeSet<&str> = found.iter().map(|(_, c, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        BTreeSet::from([
            "PIM601", "PIM602", "PIM603", "PIM604", "PIM605", "PIM606", "PIM608", "PIM609",
            "PIM610", "PIM611"
        ])
    );
    assert!(found.contains(&(
        "examples/tenant-export/role-assignment-schedule-instances.json".to_owned(),
        "PIM603".to_owned(),
        "/value/0/endDateTime".to_owned()
    )));
}

/// (path, code, pointer, line, column) of every tenant finding in `--format json` output.
fn whole_placed(text: &str) -> BTreeSet<(String, String, String, u64, u64)> {
    let value: Value = serde_json::from_str(text).unwrap();
    let mut out = BTreeSet::new();
    for file in value["files"].as_array().unwrap() {
        for doc in file["documents"].as_array().unwrap() {
            for d in doc["diagnostics"].as_array().unwrap() {
                let code = d["code"].as_str().unwrap();
                if code.starts_with("PIM6") {
                    out.insert((
                        file["path"].as_str().unwrap().to_owned(),
                        code.to_owned(),
                        d["pointer"].as_str().unwrap().to_owned(),
                        d["line"].as_u64().unwrap(),
                        d["column"].as_u64().unwrap(),
                    ));
                }
            }
        }
    }
    out
}

/// The same from `--format json-lines` output.
fn streamed_placed(text: &str) -> BTreeSet<(String, String, String, u64, u64)> {
    text.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["code"].as_str().is_some_and(|c| c.starts_with("PIM6")))
        .map(|v| {
            (
                v["path"].as_str().unwrap().to_owned(),
                v["code"].as_str().unwrap().to_owned(),
                v["pointer"].as_str().unwrap().to_owned(),
                v["line"].as_u64().unwrap(),
                v["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn streamed_runs_place_tenant_findings_at_their_values() {
    // The streamed run reads each file with tenant findings once more to place them.
    let (_, json) = run(&["check", "--format", "json", "examples/tenant-export"]);
    let (_, lines) = run(&["check", "--format", "json-lines", "examples/tenant-export"]);
    let placed = whole_placed(&json);
    assert_eq!(placed, streamed_placed(&lines));
    // The permanent Global Administrator's missing end, not the start of its document.
    let permanent = placed
        .iter()
        .find(|(path, code, pointer, _, _)| {
            path.ends_with("role-assignment-schedule-instances.json")
                && code == "PIM603"
                && pointer == "/value/0/endDateTime"
        })
        .unwrap();
    let text = std::fs::read_to_string(
        workspace().join("examples/tenant-export/role-assignment-schedule-instances.json"),
    )
    .unwrap();
    let line = text
        .lines()
        .nth(usize::try_from(permanent.3).unwrap() - 1)
        .unwrap();
    assert!(line.contains("\"endDateTime\""), "{line}");
}

#[test]
fn streamed_standard_input_places_tenant_findings_at_the_document() {
    // Standard input cannot be read again: its findings stay at the start of their document.
    let file = "examples/tenant-export/role-assignment-schedule-instances.json";
    let out = Command::new(get_cargo_bin("pimlint"))
        .current_dir(workspace())
        .args(["check", "--format", "json-lines", "-"])
        .stdin(std::fs::File::open(workspace().join(file)).unwrap())
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout).unwrap();
    let found = streamed_placed(&lines);
    let permanent = found
        .iter()
        .find(|(_, code, pointer, _, _)| code == "PIM603" && pointer == "/value/0/endDateTime")
        .unwrap();
    let text = std::fs::read_to_string(workspace().join(file)).unwrap();
    let start = text
        .lines()
        .position(|l| l.trim_start().starts_with('{') && l.starts_with("    "))
        .unwrap()
        + 1;
    assert_eq!(usize::try_from(permanent.3).unwrap(), start, "{lines}");
}

#[test]
fn a_file_alone_has_no_tenant_to_join() {
    // The eligibilities without the permanent assignment: nine Global Administrators become
    // eight, within the bounds.
    let (_, json) = run(&[
        "check",
        "--format",
        "json",
        "examples/tenant-export/role-eligibility-schedule-instances.json",
    ]);
    let codes: BTreeSet<String> = whole(&json).into_iter().map(|(_, c, _)| c).collect();
    assert!(!codes.contains("PIM601"), "{codes:?}");
    assert!(codes.contains("PIM605"), "{codes:?}");
}

#[test]
fn validate_answers_eligibility_from_the_tenant() {
    let request = "examples/requests/activate-user-administrator.json";
    let policy = "examples/tenant-export/user-administrator.json";
    let requirements = |text: &str| -> Vec<String> {
        let value: Value = serde_json::from_str(text).unwrap();
        value["results"][0]["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    let now = "2026-11-30T12:00:00Z";
    // Without the tenant, eligibility is a requirement pimlint cannot judge.
    let (_, alone) = run(&[
        "validate", "--policy", policy, request, "--now", now, "--format", "json",
    ]);
    assert!(requirements(&alone).contains(&"EligibilityRule".to_owned()));
    // With it, the principal is eligible: nothing left to say.
    let (code, with) = run(&[
        "validate",
        "--policy",
        policy,
        "--tenant",
        "examples/tenant-export",
        request,
        "--now",
        now,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{with}");
    assert!(!requirements(&with).contains(&"EligibilityRule".to_owned()));
    // Another principal is not eligible: rejected as the service rejects it.
    let dir = std::env::temp_dir().join(format!("pimlint-tenant-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(workspace().join(request))
        .unwrap()
        .replace(
            "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
            "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
        );
    let other = dir.join("other.json");
    std::fs::write(&other, text).unwrap();
    let (code, rejected) = run(&[
        "validate",
        "--policy",
        policy,
        "--tenant",
        "examples/tenant-export",
        other.to_str().unwrap(),
        "--now",
        now,
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{rejected}");
    let value: Value = serde_json::from_str(&rejected).unwrap();
    assert_eq!(value["results"][0]["verdict"], "rejected");
    assert_eq!(value["results"][0]["failedRules"][0], "EligibilityRule");
    let codes: Vec<&str> = value["results"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"PIM517"), "{codes:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn streamed_ndjson_places_tenant_findings_at_their_values() {
    // One instance per line, the standing Global Administrator on the second.
    let source = std::fs::read_to_string(
        workspace().join("examples/tenant-export/role-assignment-schedule-instances.json"),
    )
    .unwrap();
    let value: Value = serde_json::from_str(&source).unwrap();
    let items = value["value"].as_array().unwrap();
    let lines: Vec<String> = std::iter::once(&items[1])
        .chain(std::iter::once(&items[0]))
        .map(|v| serde_json::to_string(v).unwrap())
        .collect();
    let dir = std::env::temp_dir().join(format!("pimlint-ndjson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("instances.ndjson");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (_, out) = run(&["check", "--format", "json-lines", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    let found = streamed_placed(&out);
    let permanent = found
        .iter()
        .find(|(_, code, pointer, _, _)| code == "PIM603" && pointer == "/endDateTime")
        .unwrap_or_else(|| panic!("{out}"));
    let column = lines[1].find("\"endDateTime\":").unwrap() + "\"endDateTime\":".len() + 1;
    assert_eq!(
        (permanent.3, permanent.4),
        (2, u64::try_from(column).unwrap()),
        "{out}"
    );
}
