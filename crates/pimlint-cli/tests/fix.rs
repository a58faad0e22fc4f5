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
            "plan.json: no fix is applied: the file is a Terraform plan or state: fix the .tf \
             configuration it is planned from"
        ),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// An ARM template is fixed at its literal values; `--diff` names the fixes it cannot make
/// there (a template expression) and why, and the JSON output says so on the finding.
#[test]
fn converted_inputs_are_fixed_at_their_literals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.json");
    std::fs::copy(
        workspace().join("tests/fixtures/fix-source/arm-template.json"),
        &path,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("template.parameters.json"),
        r#"{"parameters": {}}"#,
    )
    .unwrap();
    let args = [
        "check",
        "--diff",
        "--unsafe-fixes",
        "--parameters",
        "template.parameters.json",
        "template.json",
    ];
    let diff = run(dir.path(), &args);
    insta::assert_snapshot!(text(&diff.stdout));
    let out = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--parameters",
            "template.parameters.json",
            "template.json",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reasons: Vec<&str> = report["files"][0]["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["fixNotApplied"].as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            "the value is the template expression `[parameters('maximumActivation')]`: change \
             it where its value is set"
        ]
    );
    let fixed = run(
        dir.path(),
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--parameters",
            "template.parameters.json",
            "template.json",
        ],
    );
    assert!(
        text(&fixed.stderr).starts_with("Applied 2 fixes to 1 file."),
        "{}",
        text(&fixed.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        std::fs::read_to_string(
            workspace().join("tests/fixtures/fix-source/fixed/arm-template.json")
        )
        .unwrap()
    );
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

/// The remediation calls of `examples/tenant-export`, with the extra arguments, each body
/// checked by the binary as the kind the call names: the codes found on each body.
fn remediation_findings(extra: &[&str]) -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut args = vec![
        "check",
        "examples/tenant-export",
        "--format",
        "remediation-json",
    ];
    args.extend(extra);
    let out = run(&workspace(), &args);
    let calls: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&out.stderr)));
    let calls = calls.as_array().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut found = Vec::new();
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
        assert_eq!(
            report["files"][0]["documents"][0]["error"],
            serde_json::Value::Null
        );
        let codes = report["files"][0]["documents"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect();
        let fixed = call["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect();
        found.push((call["url"].as_str().unwrap().to_owned(), codes, fixed));
    }
    found
}

#[test]
fn remediation_json_bodies_lint_as_their_kind() {
    let found = remediation_findings(&[]);
    assert_eq!(found.len(), 14);
    for (url, codes, fixed) in &found {
        // Clean, but for a single approver that no fix can name without configured
        // approvers (PIM204).
        assert!(
            codes.iter().all(|c| c == "PIM204"),
            "{url}: {codes:?} (fixes {fixed:?})"
        );
    }
    assert_eq!(
        found
            .iter()
            .filter(|(_, codes, _)| codes.is_empty())
            .count(),
        11
    );
}

/// With approvers and recipients configured, every body of the remediation of the tenant
/// export is one pimlint finds clean.
#[test]
fn remediation_json_with_configured_approvers_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pimlint.toml");
    std::fs::write(
        &config,
        "[rules.approval]\napprovers = [\n  { user = \"5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b\", \
         description = \"Security on-call lead\" },\n  { group = \"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\" },\n]\n\
         [rules.notification]\nrecipients = [\"pim-alerts@contoso.example\"]\n",
    )
    .unwrap();
    let found = remediation_findings(&["--config", config.to_str().unwrap()]);
    assert_eq!(found.len(), 15);
    for (url, codes, fixed) in &found {
        assert!(codes.is_empty(), "{url}: {codes:?} (fixes {fixed:?})");
    }
    let approvers = found
        .iter()
        .filter(|(_, _, fixed)| fixed.iter().any(|c| c == "PIM204"))
        .count();
    assert_eq!(
        approvers, 3,
        "the three single-approver rules get the approvers"
    );
}

/// `--fix` over a copy of `examples/policy-as-code/` changes the safe values only: the diff
/// `--diff` prints is exactly those lines, the file after `--fix` differs from the original
/// at those bytes alone, and every finding left has an unsafe fix or none.
#[test]
fn fix_of_the_policy_as_code_example_changes_only_the_safe_values() {
    let dir = examples();
    let diff = run(dir.path(), &["check", "--diff", "policy-as-code/"]);
    assert_eq!(
        text(&diff.stdout),
        r##"# PIM007 at /policy/rules/0/isExpirationRequired (safe): write true without quotes
# PIM008 at /policy/rules/4/maximumDuration (safe): write "PT8H"
--- a/policy-as-code/helpdesk-administrator.json
+++ b/policy-as-code/helpdesk-administrator.json
@@ -11,7 +11,7 @@
       {
         "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
         "id": "Expiration_Admin_Eligibility",
-        "isExpirationRequired": "true",
+        "isExpirationRequired": true,
         "maximumDuration": "P90D",
         "target": {
           "caller": "Admin",
@@ -72,7 +72,7 @@
         "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
         "id": "Expiration_EndUser_Assignment",
         "isExpirationRequired": true,
-        "maximumDuration": "P8H",
+        "maximumDuration": "PT8H",
         "target": {
           "caller": "EndUser",
           "operations": [
"##
    );
    let path = dir
        .path()
        .join("policy-as-code/helpdesk-administrator.json");
    let before = std::fs::read_to_string(&path).unwrap();
    let out = run(dir.path(), &["check", "--fix", "policy-as-code/"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let after = std::fs::read_to_string(&path).unwrap();
    let expected = before
        .replacen(
            r#""isExpirationRequired": "true","#,
            r#""isExpirationRequired": true,"#,
            1,
        )
        .replacen(
            r#""maximumDuration": "P8H","#,
            r#""maximumDuration": "PT8H","#,
            1,
        );
    assert_eq!(after, expected);
    let left = run(
        dir.path(),
        &["check", "--format", "json", "policy-as-code/"],
    );
    let report: serde_json::Value = serde_json::from_slice(&left.stdout).unwrap();
    let mut remaining = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for document in file["documents"].as_array().unwrap() {
            for d in document["diagnostics"].as_array().unwrap() {
                let applicability = d["fix"]["applicability"].as_str().unwrap_or("none");
                assert_ne!(applicability, "safe", "a safe fix is left: {d}");
                remaining.push(format!(
                    "{} {} {applicability}",
                    d["code"].as_str().unwrap(),
                    d["pointer"].as_str().unwrap()
                ));
            }
        }
    }
    assert!(!remaining.is_empty());
    insta::assert_snapshot!(remaining.join("\n"));
}
