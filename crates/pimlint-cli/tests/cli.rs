//! The real `pimlint` binary: exit code, stdout and stderr, snapshotted.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use serde_json::{Value, json};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `pimlint ARGS…` run from the workspace root, so paths in the output are relative.
fn pimlint(args: &[&str]) -> Command {
    let mut cmd = Command::new(get_cargo_bin("pimlint"));
    cmd.current_dir(workspace()).args(args);
    cmd
}

/// The files of `tests/fixtures/bad`, named one by one: a file named on the command line is
/// always read, whereas a directory search skips what is plainly not a PIM document.
fn bad_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(workspace().join("tests/fixtures/bad"))
        .unwrap()
        .map(|e| {
            format!(
                "tests/fixtures/bad/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    names.sort();
    names
}

fn json_output(args: &[&str]) -> (i32, Value) {
    let out = pimlint(args).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"));
    (out.status.code().unwrap(), value)
}

#[test]
fn check_examples_text() {
    assert_cmd_snapshot!(pimlint(&["check", "examples"]));
}

#[test]
fn check_examples_json() {
    assert_cmd_snapshot!(pimlint(&["check", "examples", "--format", "json"]));
}

#[test]
fn clean_file_exits_zero() {
    assert_cmd_snapshot!(pimlint(&[
        "check",
        "examples/tenant-export/global-administrator.json",
        "examples/requests"
    ]));
}

#[test]
fn bad_inputs_are_located_and_do_not_stop_the_run() {
    let bad = bad_fixtures();
    let mut args = vec!["check"];
    args.extend(bad.iter().map(String::as_str));
    args.extend([
        "examples/requests/activate-user-administrator.json",
        "does/not/exist.json",
    ]);
    assert_cmd_snapshot!(pimlint(&args));
}

/// A directory search reads `*.json` files, honours `.gitignore` and `exclude`, skips files
/// that are plainly not PIM documents (counted, not errors), and counts YAML files it leaves.
#[test]
fn directories_skip_what_is_not_pim() {
    // Outside the repository, so that its own .gitignore plays no part.
    let root = std::env::temp_dir().join(format!("pimlint-discovery-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for dir in ["policies", "node_modules/pkg", "generated", "drafts"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    let policy = workspace().join("examples/tenant-export/user-administrator.json");
    std::fs::copy(&policy, root.join("policies/user-administrator.json")).unwrap();
    std::fs::copy(&policy, root.join("drafts/draft.json")).unwrap();
    let files = [
        ("package.json", r#"{"name": "portal", "version": "1.0.0"}"#),
        (
            "tsconfig.json",
            "{\n  // comments make this JSONC\n  \"compilerOptions\": {}\n}\n",
        ),
        ("policies/notes.yaml", "rules: []\n"),
        ("node_modules/pkg/package.json", "{"),
        ("generated/broken.json", "{\"rules\": ["),
        (".gitignore", "generated/\n"),
        ("pimlint.toml", "extend-exclude = [\"drafts\"]\n"),
    ];
    for (name, text) in files {
        std::fs::write(root.join(name), text).unwrap();
    }
    let run = |args: &[&str]| {
        let out = Command::new(get_cargo_bin("pimlint"))
            .current_dir(&root)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let (code, out) = run(&["check", "."]);
    assert_eq!(code, 1, "the policy has findings: {out}");
    assert!(
        out.ends_with(
            "in 1 document from 1 file. Skipped 2 files that are not PIM documents and 1 YAML \
             file (pimlint reads JSON).\n"
        ),
        "{out}"
    );
    let (code, out) = run(&["check", ".", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["summary"]["skipped"], 3);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["policies/user-administrator.json"]);
    // The command line replaces or extends the file's settings.
    let (code, out) = run(&[
        "check",
        ".",
        "--no-respect-gitignore",
        "--exclude",
        "drafts",
    ]);
    assert_eq!(
        code, 2,
        "a broken policy is an error when it is read: {out}"
    );
    assert!(out.contains("generated/broken.json"), "{out}");
    let (code, out) = run(&["check", ".", "--exclude", "", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        !out.contains("drafts/"),
        "the file's extend-exclude still applies: {out}"
    );
    assert!(
        !out.contains("node_modules"),
        "skipped: it names nothing PIM: {out}"
    );
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap()["summary"]["skipped"],
        4
    );
    // A file named on the command line is always read: not a PIM document is an error there.
    let (code, out) = run(&["check", "package.json"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("not a PIM document"), "{out}");
    let (code, out) = run(&["check", "policies/notes.yaml"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("this is YAML, which pimlint does not read"),
        "{out}"
    );
    // validate --policy DIR skips the same files.
    let (code, out) = run(&[
        "validate",
        "--policy",
        ".",
        "policies/user-administrator.json",
    ]);
    assert_eq!(code, 2, "a policy is not a request: {out}");
    assert!(!out.contains("package.json"), "{out}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn bad_inputs_as_json_stay_valid_json() {
    let bad = bad_fixtures();
    let mut args = vec!["check"];
    args.extend(bad.iter().map(String::as_str));
    args.extend(["examples/policy-as-code", "--format", "json"]);
    let (code, report) = json_output(&args);
    assert_eq!(code, 2);
    let files = report["files"].as_array().unwrap();
    let by_name = |name: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} not reported"))
    };
    let truncated = &by_name("truncated.json")["error"];
    assert_eq!(
        (truncated["line"].as_u64(), truncated["column"].as_u64()),
        (Some(4), Some(1))
    );
    assert!(truncated["message"].as_str().unwrap().contains("truncated"));
    assert!(
        by_name("empty.json")["error"]["message"]
            .as_str()
            .unwrap()
            .contains("empty")
    );
    assert!(
        by_name("invalid-utf8.json")["error"]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8")
    );
    let not_object = by_name("not-an-object.json")["documents"]
        .as_array()
        .unwrap();
    assert_eq!(not_object.len(), 2, "each array item is its own document");
    assert!(not_object.iter().all(|d| d["error"]["message"].is_string()));
    // The good file is still checked and its findings carry locations.
    let diags = by_name("helpdesk-administrator.json")["documents"][0]["diagnostics"]
        .as_array()
        .unwrap();
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    for code in ["PIM005", "PIM006", "PIM007", "PIM008", "PIM009"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    for d in diags {
        for key in [
            "code", "rule", "severity", "message", "pointer", "line", "column",
        ] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
    }
    assert_eq!(report["summary"]["unreadable"], 8);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("deep");
    std::fs::create_dir_all(&dir).unwrap();
    let depth = 100_000;
    std::fs::write(
        dir.join("deep.json"),
        format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
    )
    .unwrap();
    let mut cmd = Command::new(get_cargo_bin("pimlint"));
    cmd.current_dir(&dir).args(["check", "deep.json"]);
    assert_cmd_snapshot!(cmd);
}

#[test]
fn minified_input_shows_a_window_of_the_line() {
    let policy = std::fs::read_to_string(
        workspace().join("examples/policy-as-code/helpdesk-administrator.json"),
    )
    .unwrap();
    let value: Value = serde_json::from_str(&policy).unwrap();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("minified");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("minified.json"),
        serde_json::to_string(&value).unwrap(),
    )
    .unwrap();
    let mut cmd = Command::new(get_cargo_bin("pimlint"));
    cmd.current_dir(&dir).args(["check", "minified.json"]);
    assert_cmd_snapshot!(cmd);
}

#[test]
fn stdin_and_kind_override() {
    let request = std::fs::read_to_string(
        workspace().join("tests/fixtures/realistic/arm-request-eligibility-admin-assign.json"),
    )
    .unwrap();
    assert_cmd_snapshot!(pimlint(&["check", "-"]).pass_stdin(request.clone()));
    assert_cmd_snapshot!(
        pimlint(&["check", "-", "--kind", "arm-role-eligibility-request"]).pass_stdin(request)
    );
}

#[test]
fn usage_errors_exit_two() {
    assert_cmd_snapshot!(pimlint(&["check", "-", "--kind", "graph-polcy"]));
    assert_cmd_snapshot!(pimlint(&["check"]));
}

#[test]
fn rules_and_explain() {
    assert_cmd_snapshot!(pimlint(&["rules"]));
    assert_cmd_snapshot!(pimlint(&["explain", "PIM007"]));
    assert_cmd_snapshot!(pimlint(&["explain", "wrong-json-typ"]));
    let (code, rules) = json_output(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        rules.as_array().unwrap().len(),
        pimlint::rules::REGISTRY.len()
    );
}

const NOW: &str = "2026-11-30T12:00:00Z";

#[test]
fn validate_examples_text() {
    assert_cmd_snapshot!(pimlint(&[
        "validate",
        "--policy",
        "examples/tenant-export",
        "examples/requests",
        "--now",
        NOW
    ]));
}

#[test]
fn validate_examples_json() {
    let (code, report) = json_output(&[
        "validate",
        "--policy",
        "examples/tenant-export",
        "examples/requests",
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "one request is rejected");
    let results = report["results"].as_array().unwrap();
    let by_name = |name: &str| {
        results
            .iter()
            .find(|r| r["request"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    let ga = by_name("activate-global-administrator.json");
    assert_eq!(ga["verdict"], "rejected");
    assert_eq!(
        ga["failedRules"],
        json!(["ExpirationRule", "JustificationRule"])
    );
    assert_eq!(
        ga["policy"]["path"],
        "examples/tenant-export/global-administrator.json"
    );
    assert_eq!(
        by_name("activate-group-member.json")["verdict"],
        "pending-approval"
    );
    assert_eq!(
        by_name("activate-user-administrator.json")["verdict"],
        "accepted"
    );
    let requirements: Vec<&str> = by_name("activate-user-administrator.json")["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    // The example export makes the principal eligible: the service's EligibilityRule is met.
    assert_eq!(requirements, ["MfaRule"]);
    assert_eq!(
        report["summary"],
        json!({"requests": 4, "accepted": 1, "pendingApproval": 1, "rejected": 2, "unknown": 0, "unreadable": 0})
    );
    insta::assert_json_snapshot!(ga);
}

#[test]
fn validate_accepted_exits_zero() {
    assert_cmd_snapshot!(pimlint(&[
        "validate",
        "--policy",
        "examples/tenant-export/user-administrator.json",
        "examples/requests/activate-user-administrator.json",
        "--now",
        NOW
    ]));
}

#[test]
fn validate_unreadable_inputs_and_usage() {
    assert_cmd_snapshot!(pimlint(&[
        "validate",
        "--policy",
        "tests/fixtures/bad/truncated.json",
        "--policy",
        "examples/tenant-export",
        "examples/requests/activate-user-administrator.json",
        "examples/tenant-export/global-administrator.json",
        "tests/fixtures/bad/empty.json",
        "--now",
        NOW
    ]));
    assert_cmd_snapshot!(pimlint(&[
        "validate",
        "--policy",
        "examples/tenant-export",
        "examples/requests",
        "--now",
        "yesterday"
    ]));
}

#[test]
fn validate_arm_body_takes_scope_from_the_command_line() {
    let body = r#"{"properties": {"principalId": "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
        "roleDefinitionId": "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
        "requestType": "AdminAssign", "justification": "On call",
        "scheduleInfo": {"expiration": {"type": "AfterDuration", "duration": "P30D"}}}}"#;
    let args = [
        "validate",
        "--policy",
        "examples/tenant-export",
        "-",
        "--kind",
        "arm-role-eligibility-request",
        "--now",
        NOW,
        "--format",
        "json",
    ];
    let run = |extra: &[&str]| {
        let mut cmd = pimlint(&args);
        cmd.args(extra);
        let out = cmd
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write as _;
                child.stdin.take().unwrap().write_all(body.as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    // No scope, and one Azure policy given: it is applied, and the verdict says so.
    let without = run(&[]);
    assert_eq!(without["results"][0]["verdict"], "accepted");
    assert_eq!(without["results"][0]["diagnostics"][0]["severity"], "info");
    assert!(
        without["results"][0]["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("does not say its scope")
    );
    let with = run(&[
        "--scope",
        "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    ]);
    assert_eq!(with["results"][0]["verdict"], "accepted");
}

#[test]
fn schema_prints_a_usable_schema_per_kind() {
    for kind in pimlint::DocumentKind::ALL {
        let (code, schema) = json_output(&["schema", kind.as_str()]);
        assert_eq!(code, 0);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["$ref"], format!("#/$defs/{}", kind.as_str()));
        assert!(
            schema["title"]
                .as_str()
                .unwrap()
                .contains(kind.api_name().rsplit('/').next().unwrap())
        );
    }
    assert_cmd_snapshot!(pimlint(&["schema", "arm-polcy"]));
}

// The published schema's pattern for `language` members has a stray `]` that draft-07's
// `regex` format rejects, so the schema would not compile; pimlint never writes `language`.
fn drop_broken_patterns(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("pattern").and_then(Value::as_str) == Some(BROKEN_LANGUAGE_PATTERN) {
                map.remove("pattern");
            }
            map.values_mut().for_each(drop_broken_patterns);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_broken_patterns),
        _ => {}
    }
}
const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

/// The SARIF 2.1.0 schema as the serde-sarif crate ships it, found through `cargo metadata`.
fn sarif_schema() -> Value {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1"])
        .current_dir(workspace())
        .output()
        .unwrap();
    let metadata: Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif in the dependency graph");
    let path = Path::new(manifest)
        .parent()
        .unwrap()
        .join("src/schema.json");
    let mut schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    drop_broken_patterns(&mut schema);
    schema
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for args in [
        vec![
            "check",
            "examples",
            "tests/fixtures/bad",
            "--format",
            "sarif",
        ],
        vec![
            "validate",
            "--policy",
            "examples/tenant-export",
            "examples/requests",
            "tests/fixtures/bad/truncated.json",
            "--now",
            NOW,
            "--format",
            "sarif",
        ],
    ] {
        let (_, log) = json_output(&args);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "pimlint");
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            pimlint::rules::REGISTRY.len()
        );
        assert!(!run["results"].as_array().unwrap().is_empty());
        for result in run["results"].as_array().unwrap() {
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().unwrap() >= 1, "{result}");
            let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(
                run["tool"]["driver"]["rules"][index]["id"],
                result["ruleId"]
            );
        }
        assert_eq!(
            run["invocations"][0]["executionSuccessful"], false,
            "unreadable inputs are notified"
        );
    }
}

#[test]
fn github_annotations() {
    assert_cmd_snapshot!(pimlint(&[
        "check",
        "examples/policy-as-code",
        "tests/fixtures/bad/truncated.json",
        "--format",
        "github"
    ]));
}

#[test]
fn ndjson_is_streamed_with_exact_places() {
    assert_cmd_snapshot!(pimlint(&["check", "tests/fixtures/stream/export.ndjson"]));
}

#[test]
fn json_lines_output_streams_one_object_per_finding() {
    assert_cmd_snapshot!(pimlint(&[
        "check",
        "--format",
        "json-lines",
        "tests/fixtures/stream/export.ndjson"
    ]));
}

/// Streaming a JSON file (`json-lines` always streams) places every finding exactly where
/// reading the file whole does.
#[test]
fn streamed_places_match_whole_file_places() {
    for file in [
        "examples/tenant-export/azure-subscription-policies.json",
        "examples/tenant-export/group-oncall-admins.json",
        "tests/fixtures/realistic/graph-policy-list.json",
        "tests/fixtures/realistic/arm-policy-list.json",
    ] {
        let (_, whole) = json_output(&["check", "--format", "json", file]);
        let mut expected: Vec<Value> = whole["files"][0]["documents"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["diagnostics"].as_array().unwrap().clone())
            .collect();
        let out = pimlint(&["check", "--format", "json-lines", file])
            .output()
            .unwrap();
        let mut streamed: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|v| v.get("code").is_some())
            .map(|mut v| {
                v.as_object_mut().unwrap().remove("path");
                v
            })
            .collect();
        let key = |v: &Value| (v["pointer"].to_string(), v["code"].to_string());
        expected.sort_by_key(key);
        streamed.sort_by_key(key);
        assert!(!expected.is_empty(), "{file} has findings");
        assert_eq!(streamed, expected, "{file}");
    }
}

#[test]
fn streamed_json_output_keeps_the_contract() {
    let (code, value) = json_output(&[
        "check",
        "--format",
        "json",
        "--format-in",
        "ndjson",
        "tests/fixtures/stream/export.ndjson",
    ]);
    assert_eq!(code, 2, "a broken line makes the run exit 2");
    let documents = value["files"][0]["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 5);
    assert_eq!(documents[2]["error"]["line"], 4);
    assert!(documents[0]["diagnostics"][0]["line"].is_number());
    assert_eq!(value["summary"]["unreadable"], 2);
    assert_eq!(value["summary"]["documents"], 3);
}

#[test]
fn sarif_needs_whole_files() {
    assert_cmd_snapshot!(pimlint(&[
        "check",
        "--format",
        "sarif",
        "tests/fixtures/stream/export.ndjson"
    ]));
}

#[test]
fn validate_judges_against_the_policy_as_a_patch_leaves_it() {
    let request = r#"{"action": "selfActivate", "principalId": "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
        "roleDefinitionId": "e8611ab8-c189-46e8-94e1-60213ab1f814", "directoryScopeId": "/",
        "justification": "incident 42",
        "scheduleInfo": {"startDateTime": "2026-11-29T10:00:00Z",
                         "expiration": {"type": "afterDuration", "duration": "PT4H"}}}"#;
    let dir = std::env::temp_dir().join(format!("pimlint-patch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let request_path = dir.join("activate.json");
    std::fs::write(&request_path, request).unwrap();
    let policy =
        "tests/fixtures/realistic/graph-policy-assignment-expanded-privileged-role-admin.json";
    let base = [
        "validate",
        "--now",
        "2026-11-29T10:00:00Z",
        "--format",
        "json",
        "--policy",
        policy,
    ];
    let (code, before) = json_output(&[&base[..], &[request_path.to_str().unwrap()]].concat());
    assert_eq!(code, 0);
    assert_eq!(before["results"][0]["verdict"], "accepted");
    // The documented single-rule PATCH caps activation at PT1H45M.
    let (code, after) = json_output(
        &[
            &base[..],
            &[
                "--patch",
                "tests/upstream/graph/v1.0-rule-update-expiration-request.json",
                request_path.to_str().unwrap(),
            ],
        ]
        .concat(),
    );
    assert_eq!(code, 1);
    assert_eq!(after["results"][0]["verdict"], "rejected");
    assert_eq!(
        after["results"][0]["failedRules"],
        json!(["ExpirationRule"])
    );
    // A patch needs exactly one policy to apply to.
    let out = pimlint(&[
        "validate",
        "--policy",
        "examples/tenant-export",
        "--patch",
        "tests/upstream/graph/v1.0-rule-update-expiration-request.json",
        request_path.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("rule updates apply to one policy"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn validate_does_not_reject_what_no_policy_given_governs() {
    // The request is at another subscription than the one policy given.
    let body = r#"{"properties": {"principalId": "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
        "scope": "/providers/Microsoft.Subscription/subscriptions/00000000-0000-4000-8000-000000000001",
        "roleDefinitionId": "/subscriptions/00000000-0000-4000-8000-000000000001/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        "requestType": "SelfActivate", "justification": "On call",
        "scheduleInfo": {"expiration": {"type": "AfterDuration", "duration": "PT1H"}}}}"#;
    let dir = std::env::temp_dir().join(format!("pimlint-scope-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("request.json");
    std::fs::write(&path, body).unwrap();
    let (code, report) = json_output(&[
        "validate",
        "--policy",
        "tests/fixtures/realistic/arm-policy-subscription.json",
        "--kind",
        "arm-role-assignment-request",
        "--now",
        NOW,
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "a request no policy governs is not judged");
    assert_eq!(report["results"][0]["verdict"], "unknown");
    assert_eq!(report["summary"]["unknown"], 1);
    assert_eq!(report["summary"]["rejected"], 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn policy_as_code_is_read_as_the_documents_it_deploys() {
    let (code, value) = json_output(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/terraform/plan.json",
    ]);
    assert_eq!(code, 0, "infos only");
    let d = &value["files"][0]["documents"][0]["diagnostics"];
    let permanent = d
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "PIM301")
        .unwrap();
    assert_eq!(permanent["line"], 109);
    assert!(
        permanent["note"]
            .as_str()
            .unwrap()
            .contains("module.pim.azurerm_role_management_policy.contributor")
    );

    let (code, value) = json_output(&[
        "check",
        "--format",
        "json",
        "--format-in",
        "arm-template",
        "--parameters",
        "tests/fixtures/arm-template/policy.parameters.json",
        "tests/fixtures/arm-template/policy.json",
    ]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = value["files"][0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|doc| doc["diagnostics"].as_array().unwrap())
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"PIM102"), "{codes:?}");

    let (code, _) = json_output(&[
        "check",
        "--format",
        "json",
        "--format-in",
        "terraform",
        "tests/fixtures/terraform/equivalent-arm.json",
    ]);
    assert_eq!(code, 2, "not a plan");
}

/// `--statistics` counts each rule's findings per severity as configured: PIM302 is an error
/// for privileged roles and a warning for groups, and a `[severity]` setting changes both.
#[test]
fn statistics_count_severities_as_configured() {
    let stats = |args: &[&str]| {
        let out = pimlint(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let text = stats(&["check", "examples", "--statistics"]);
    let line = text.lines().find(|l| l.contains("PIM302")).unwrap();
    assert!(line.ends_with("3 error, 2 warning"), "{line}");
    assert!(text.ends_with("(9 errors, 24 warnings, 5 infos) in 34 documents from 15 files.\n"));

    let dir = std::env::temp_dir().join(format!("pimlint-statistics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        workspace().join("examples/tenant-export/global-administrator.json"),
        dir.join("global-administrator.json"),
    )
    .unwrap();
    std::fs::write(
        dir.join("pimlint.toml"),
        "[severity]\nPIM302 = \"info\"\nPIM102 = \"error\"\n",
    )
    .unwrap();
    let text = stats(&["check", dir.to_str().unwrap(), "--statistics"]);
    std::fs::remove_dir_all(&dir).unwrap();
    let severity = |code: &str| {
        let line = text.lines().find(|l| l.contains(code)).unwrap();
        line.rsplit(' ').next().unwrap().to_owned()
    };
    assert_eq!(severity("PIM302"), "info");
    assert_eq!(severity("PIM102"), "error");
    assert!(text.contains("(2 errors, 3 warnings, 1 info)"), "{text}");
}

/// A policy file that is not a PIM document is named as a file, never as `document :` with
/// an empty pointer.
#[test]
fn validate_names_an_unusable_policy_file_without_an_empty_pointer() {
    for format in ["text", "json"] {
        let out = pimlint(&[
            "validate",
            "--format",
            format,
            "--policy",
            "tests/fixtures/bad/unknown-document.json",
            "examples/requests/activate-user-administrator.json",
            "--now",
            NOW,
        ])
        .output()
        .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(all.contains("unknown-document.json"), "{all}");
        assert!(!all.contains("document :"), "{all}");
    }
}

/// The `json-lines` summaries keep the documented key order.
#[test]
fn json_lines_summaries_keep_the_documented_order() {
    let last_line = |args: &[&str]| {
        let out = pimlint(args).output().unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .last()
            .unwrap()
            .to_owned()
    };
    let check = last_line(&["check", "--format", "json-lines", "examples"]);
    assert_eq!(
        check,
        r#"{"summary":{"files":15,"documents":34,"errors":9,"warnings":24,"infos":5,"unreadable":0,"skipped":0}}"#
    );
    let validate = last_line(&[
        "validate",
        "--format",
        "json-lines",
        "--policy",
        "examples/tenant-export",
        "examples/requests/activate-global-administrator.json",
        "--now",
        NOW,
    ]);
    assert_eq!(
        validate,
        r#"{"summary":{"requests":1,"accepted":0,"pendingApproval":0,"rejected":1,"unknown":0,"unreadable":0}}"#
    );
}

/// A converted input is judged in the shape it is converted to; `validate` names its governing
/// policy where the file writes it (the ScubaGear role entry), not at the converted pointer
/// (`/value/0/policy`), in text and in JSON.
#[test]
fn validate_names_the_policy_of_a_converted_input_as_written() {
    let args = [
        "validate",
        "--policy",
        "tests/fixtures/powershell/scubagear-privileged-roles.json",
        "examples/requests/activate-global-administrator.json",
        "--now",
        NOW,
    ];
    let text = pimlint(&args).output().unwrap();
    let stdout = String::from_utf8(text.stdout).unwrap();
    assert!(
        stdout.contains(
            "  policy: tests/fixtures/powershell/scubagear-privileged-roles.json /privileged_roles/0\n"
        ),
        "{stdout}"
    );
    // The notes name the deciding members where the file writes them too.
    assert!(
        stdout.contains("/privileged_roles/0/Rules/10/MaximumDuration"),
        "{stdout}"
    );
    assert!(!stdout.contains("/value/0"), "{stdout}");
    let (code, report) = json_output(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(code, 1, "the request is rejected");
    let result = &report["results"][0];
    assert_eq!(
        result["policy"],
        json!({"path": "tests/fixtures/powershell/scubagear-privileged-roles.json",
               "pointer": "/privileged_roles/0"})
    );
    // The role's own rules (PT8H), not its group's (PT4H), decide.
    assert_eq!(
        result["failedRules"],
        json!(["ExpirationRule", "JustificationRule"])
    );
    let expiration = result["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "PIM501")
        .unwrap();
    assert!(
        expiration["message"].as_str().unwrap().contains("PT8H"),
        "{expiration}"
    );
}
