//! `check --fix`, `--unsafe-fixes`, `--diff` and `--format remediation` on copies of the
//! examples, run through the real binary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn pimlint(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(get_cargo_bin("pimlint"));
    cmd.current_dir(dir).args(args);
    cmd
}

/// A copy of `examples/` in a temporary folder.
fn examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["policy-as-code", "tenant-export", "requests"] {
        let from = workspace().join("examples").join(sub);
        let to = dir.path().join(sub);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(&from).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    pimlint(dir, args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn fix_repairs_what_is_safe_and_changes_nothing_else() {
    let dir = examples();
    let path = dir
        .path()
        .join("policy-as-code/helpdesk-administrator.json");
    let before = std::fs::read_to_string(&path).unwrap();
    let out = run(dir.path(), &["check", "--fix", "policy-as-code/"]);
    assert_eq!(
        text(&out.stderr),
        "Applied 2 fixes to 1 file. 3 fixes more with --unsafe-fixes (they change settings: \
         review them).\n"
    );
    // What is left is reported as usual.
    let stdout = text(&out.stdout);
    assert!(
        !stdout.contains("PIM007") && !stdout.contains("PIM008"),
        "{stdout}"
    );
    assert!(stdout.contains("PIM302"), "{stdout}");
    assert_eq!(out.status.code(), Some(1));
    let after = std::fs::read_to_string(&path).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [
            (
                r#"        "isExpirationRequired": "true","#,
                r#"        "isExpirationRequired": true,"#
            ),
            (
                r#"        "maximumDuration": "P8H","#,
                r#"        "maximumDuration": "PT8H","#
            ),
        ]
    );
    assert_eq!(before.len() - after.len(), 1);
    // The clean file is untouched, and a second --fix has nothing to do.
    assert_eq!(
        std::fs::read(
            dir.path()
                .join("policy-as-code/global-administrator-recommended.json")
        )
        .unwrap(),
        std::fs::read(
            workspace().join("examples/policy-as-code/global-administrator-recommended.json")
        )
        .unwrap()
    );
    let again = run(dir.path(), &["check", "--fix", "policy-as-code/"]);
    assert!(
        text(&again.stderr).starts_with("Applied 0 fixes to 0 files."),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn unsafe_fixes_reach_a_fixed_point() {
    let dir = examples();
    let out = run(dir.path(), &["check", "--fix", "--unsafe-fixes", "."]);
    assert!(
        text(&out.stderr).starts_with("Applied "),
        "{}",
        text(&out.stderr)
    );
    let again = run(dir.path(), &["check", "--fix", "--unsafe-fixes", "."]);
    assert_eq!(text(&again.stderr), "Applied 0 fixes to 0 files.\n");
}

#[test]
fn diff_prints_and_writes_nothing() {
    let dir = examples();
    let path = dir
        .path()
        .join("policy-as-code/helpdesk-administrator.json");
    let before = std::fs::read(&path).unwrap();
    assert_cmd_snapshot!(pimlint(
        dir.path(),
        &[
            "check",
            "--diff",
            "policy-as-code/helpdesk-administrator.json"
        ]
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn utf16_with_a_byte_order_mark_stays_so() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(
        workspace().join("examples/policy-as-code/helpdesk-administrator.json"),
    )
    .unwrap()
    .replace('\n', "\r\n");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in source.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let path = dir.path().join("policy.json");
    std::fs::write(&path, &bytes).unwrap();
    let out = run(dir.path(), &["check", "--fix", "policy.json"]);
    assert!(
        text(&out.stderr).starts_with("Applied 2 fixes to 1 file."),
        "{}",
        text(&out.stderr)
    );
    let written = std::fs::read(&path).unwrap();
    assert_eq!(&written[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = written[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let decoded = String::from_utf16(&units).unwrap();
    assert_eq!(
        decoded,
        source
            .replace(
                r#""isExpirationRequired": "true""#,
                r#""isExpirationRequired": true"#
            )
            .replace(r#""P8H""#, r#""PT8H""#)
    );
}

#[test]
fn standard_input_is_printed_fixed() {
    let source =
        std::fs::read(workspace().join("examples/policy-as-code/helpdesk-administrator.json"))
            .unwrap();
    let mut child = pimlint(&workspace(), &["check", "--fix", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &source).unwrap();
    let out = child.wait_with_output().unwrap();
    let fixed = text(&out.stdout);
    assert!(fixed.contains(r#""maximumDuration": "PT8H""#));
    assert_eq!(fixed.lines().count(), text(&source).lines().count());
    assert_eq!(out.status.code(), Some(1), "findings at warning are left");
}

#[test]
fn converted_inputs_are_not_edited() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::copy(
        workspace().join("tests/fixtures/terraform/plan.json"),
        &path,
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = run(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "plan.json"],
    );
    assert!(
        text(&out.stderr).contains(
            "plan.json: --fix does not edit a Terraform plan or state: its findings are about \
             the API document it stands for; change the source it is generated from"
        ),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn unsafe_fixes_alone_is_a_usage_error() {
    assert_cmd_snapshot!(pimlint(
        &workspace(),
        &["check", "--unsafe-fixes", "examples/policy-as-code"]
    ));
}

#[test]
fn remediation_of_the_tenant_export() {
    assert_cmd_snapshot!(pimlint(
        &workspace(),
        &[
            "check",
            "examples/tenant-export/user-administrator.json",
            "examples/tenant-export/azure-subscription-policies.json",
            "--format",
            "remediation"
        ]
    ));
}

#[test]
fn remediation_json_bodies_lint_as_their_kind() {
    let out = run(
        &workspace(),
        &[
            "check",
            "examples/tenant-export",
            "--format",
            "remediation-json",
        ],
    );
    let calls: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let calls = calls.as_array().unwrap();
    assert_eq!(calls.len(), 14);
    let dir = tempfile::tempdir().unwrap();
    for (i, call) in calls.iter().enumerate() {
        let path = dir.path().join(format!("body-{i}.json"));
        std::fs::write(&path, serde_json::to_vec_pretty(&call["body"]).unwrap()).unwrap();
        let kind = call["bodyKind"].as_str().unwrap();
        let out = run(
            dir.path(),
            &[
                "check",
                "--kind",
                kind,
                "--format",
                "json",
                path.to_str().unwrap(),
            ],
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let codes: Vec<&str> = report["files"][0]["documents"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        let fixed: Vec<&str> = call["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        // Clean, but for a single approver that no fix can name (PIM204).
        assert!(
            codes.iter().all(|c| *c == "PIM204"),
            "{}: {codes:?} (fixes {fixed:?})",
            call["url"]
        );
        assert_eq!(
            report["files"][0]["documents"][0]["error"],
            serde_json::Value::Null
        );
    }
}
