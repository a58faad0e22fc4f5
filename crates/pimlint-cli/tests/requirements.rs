//! `pimlint requirements`: the real binary, on the examples; exit code, stdout and stderr.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code fails loudly"
)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn pimlint(args: &[&str]) -> Command {
    let mut cmd = Command::new(get_cargo_bin("pimlint"));
    cmd.current_dir(workspace()).args(args);
    cmd
}

#[test]
fn a_role_of_several_is_chosen_by_name_and_scope() {
    assert_cmd_snapshot!(pimlint(&[
        "requirements",
        "examples/tenant-export/group-oncall-admins.json",
        "--kind",
        "assign-eligible",
        "--role",
        "owner",
        "--scope",
        "2d4f6a8c-1e3b-4c5d-9f7a-8b6c4d2e0f1a",
    ]));
}

#[test]
fn several_policies_and_no_role_is_an_error_that_lists_them() {
    assert_cmd_snapshot!(pimlint(&[
        "requirements",
        "examples/tenant-export/group-oncall-admins.json",
        "--kind",
        "activate",
    ]));
}

#[test]
fn input_that_holds_no_policy_and_an_unknown_kind_exit_two() {
    assert_cmd_snapshot!(pimlint(&[
        "requirements",
        "examples/requests/activate-global-administrator.json",
        "--kind",
        "activate",
    ]));
    assert_cmd_snapshot!(pimlint(&[
        "requirements",
        "examples/tenant-export/global-administrator.json",
        "--kind",
        "activation",
    ]));
    assert_cmd_snapshot!(pimlint(&[
        "requirements",
        "examples/tenant-export/no-such-file.json",
        "--kind",
        "activate",
    ]));
}

#[test]
fn broken_json_is_located() {
    let mut child = pimlint(&["requirements", "-", "--kind", "activate"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\n  \"rules\": [\n    {\"id\": }\n  ]\n}")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("-: invalid JSON"), "{stderr}");
    assert!(stderr.contains("line 3 column"), "{stderr}");
}

#[test]
fn all_kinds_as_json() {
    let out = pimlint(&[
        "requirements",
        "examples/tenant-export/user-administrator.json",
        "--kind",
        "all",
        "--format",
        "json",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 13);
    assert_eq!(kinds[0], "activate");
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|r| r["policy"]["role"]["displayName"] == "User Administrator")
    );
}

#[test]
fn a_principal_not_eligible_for_the_role() {
    // Grady Archie is an eligible member of the group that is eligible for Privileged Role
    // Administrator, not of Global Administrator.
    assert_cmd_snapshot!(pimlint(&[
        "requirements",
        "examples/tenant-export/global-administrator.json",
        "--kind",
        "activate",
        "--tenant",
        "examples/tenant-export",
        "--principal",
        "7a1c0d2e-0028-4c7d-8e9f-0a1b2c3d4e5f",
        "--now",
        "2026-12-06T08:00:00Z",
    ]));
}

#[test]
fn without_eligibilities_in_the_export_eligibility_is_unknown() {
    assert_cmd_snapshot!(pimlint(&[
        "requirements",
        "examples/tenant-export/global-administrator.json",
        "--kind",
        "activate",
        "--tenant",
        "examples/tenant-export/role-assignment-schedule-instances.json",
        "--principal",
        "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
        "--now",
        "2026-11-29T09:00:00Z",
    ]));
}

#[test]
fn a_principal_needs_a_tenant_and_an_unreadable_tenant_exits_two() {
    assert_cmd_snapshot!(pimlint(&[
        "requirements",
        "examples/tenant-export/global-administrator.json",
        "--kind",
        "activate",
        "--principal",
        "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
    ]));
    assert_cmd_snapshot!(pimlint(&[
        "requirements",
        "examples/tenant-export/global-administrator.json",
        "--kind",
        "activate",
        "--tenant",
        "examples/tenant-export/no-such-file.json",
        "--principal",
        "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
    ]));
}
