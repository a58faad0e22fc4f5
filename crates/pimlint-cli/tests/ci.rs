//! The CI integrations, run offline: the pre-commit hooks' commands, the script the GitHub
//! Action and the Azure Pipelines template run, and the GitLab Code Quality report.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::get_cargo_bin;
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The hooks of `.pre-commit-hooks.yaml`: (id, entry), with the keys pre-commit requires.
fn hooks() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(workspace().join(".pre-commit-hooks.yaml")).unwrap();
    let mut hooks: Vec<Vec<(String, String)>> = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let (item, body) = match line.strip_prefix("- ") {
            Some(rest) => (true, rest),
            None => (false, line.trim_start()),
        };
        if item {
            hooks.push(Vec::new());
        }
        if let Some((k, v)) = body.split_once(": ") {
            hooks.last_mut().unwrap().push((k.to_owned(), v.to_owned()));
        }
    }
    hooks
        .into_iter()
        .map(|hook| {
            let get = |key: &str| {
                hook.iter().find(|(k, _)| k == key).map_or_else(
                    || panic!("a hook lacks `{key}`: {hook:?}"),
                    |(_, v)| v.clone(),
                )
            };
            for key in ["name", "language"] {
                get(key);
            }
            (get("id"), get("entry"))
        })
        .collect()
}

#[test]
fn pre_commit_hooks_run_pimlint_on_their_files() {
    let hooks = hooks();
    assert_eq!(hooks.len(), 2);
    for (id, entry) in hooks {
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("pimlint"), "{id}");
        let file = if id.contains("terraform") {
            "tests/fixtures/terraform/plan.json"
        } else {
            "tests/fixtures/arm-template/policy.json"
        };
        let status = Command::new(get_cargo_bin("pimlint"))
            .current_dir(workspace())
            .args(words)
            .arg(file)
            .output()
            .unwrap()
            .status
            .code();
        assert!(matches!(status, Some(0 | 1)), "{id} on {file}: {status:?}");
    }
}

#[test]
fn action_script_writes_sarif_and_the_exit_code() {
    let dir = std::env::temp_dir().join(format!("pimlint-ci-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sarif = dir.join("out.sarif");
    let output = dir.join("github_output");
    let run = Command::new("sh")
        .current_dir(workspace())
        .arg("ci/pimlint-sarif.sh")
        .args([
            "tests/fixtures/terraform/plan.json",
            "tests/fixtures/arm-template/policy.json",
        ])
        .env("PIMLINT", get_cargo_bin("pimlint"))
        .env("PIMLINT_SARIF", &sarif)
        .env("GITHUB_OUTPUT", &output)
        .output()
        .unwrap();
    assert!(run.status.success(), "the script lets the upload run");
    assert_eq!(
        std::fs::read_to_string(&output).unwrap().trim(),
        "exit-code=1"
    );
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| {
        r["ruleId"] == "PIM301"
            && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with("plan.json")
    }));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn gitlab_report_has_what_code_quality_requires() {
    let out = Command::new(get_cargo_bin("pimlint"))
        .current_dir(workspace())
        .args([
            "check",
            "--format",
            "gitlab",
            "tests/fixtures/terraform/plan.json",
            "tests/fixtures/easypim/pim-config.json",
            "tests/fixtures/bad/not-json.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let issues: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(issues.len() > 3);
    let mut fingerprints = std::collections::HashSet::new();
    for issue in &issues {
        // GitLab's Code Quality report: description, check_name, fingerprint, severity,
        // location.path, location.lines.begin.
        assert!(issue["description"].is_string(), "{issue}");
        assert!(issue["check_name"].is_string(), "{issue}");
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap()),
            "{issue}"
        );
        assert!(issue["location"]["path"].is_string(), "{issue}");
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()));
    }
    assert!(issues.iter().any(|i| i["severity"] == "blocker"));
}
