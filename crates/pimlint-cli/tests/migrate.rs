//! `pimlint migrate`: the real binary on the legacy fixtures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code fails loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

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
fn migrate_prints_graph_rule_patches_and_what_is_not_carried() {
    assert_cmd_snapshot!(pimlint(&[
        "migrate",
        "tests/fixtures/legacy/iteration2-aadroles-role-setting.json"
    ]));
}

#[test]
fn migrate_output_is_json_for_every_legacy_fixture() {
    for entry in std::fs::read_dir(workspace().join("tests/fixtures/legacy")).unwrap() {
        let path = entry.unwrap().path();
        let out = pimlint(&["migrate", path.to_str().unwrap()])
            .output()
            .unwrap();
        if path.to_str().unwrap().contains("malformed") {
            assert_eq!(out.status.code(), Some(2));
            continue;
        }
        assert_eq!(out.status.code(), Some(0), "{}", path.display());
        let value: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(value.as_array().is_some_and(|a| !a.is_empty()));
    }
}

#[test]
fn migrate_refuses_a_current_document() {
    let out = pimlint(&[
        "migrate",
        "tests/fixtures/realistic/graph-request-self-activate.json",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to migrate"));
}
