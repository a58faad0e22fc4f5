//! Remediation calls: each body is a document pimlint reads as the kind it claims, which
//! has none of the findings the call answers and nothing the policy did not already have.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use pimlint::Options;
use pimlint::fix::remediate::{ARM, Call, GRAPH, calls};
use serde_json::Value;

use support::workspace;

fn calls_of(path: &Path) -> (Vec<Call>, Vec<pimlint::DocumentReport>) {
    calls_with(path, &Options::default())
}

fn calls_with(path: &Path, options: &Options) -> (Vec<Call>, Vec<pimlint::DocumentReport>) {
    let text = std::fs::read_to_string(path).unwrap();
    let value = pimlint::parse_json(&text).unwrap();
    let reports = pimlint::check_value(&value, options);
    (calls(&value, &reports, options), reports)
}

/// A configuration that names the approvers and recipients fixes write.
fn with_approvers() -> Options {
    Options {
        config: pimlint::config::Config::from_toml(APPROVERS, false).unwrap(),
        ..Options::default()
    }
}

const APPROVERS: &str = r#"
[rules.approval]
approvers = [
  { user = "5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b", description = "Security on-call lead" },
  { group = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", description = "PIM approvers" },
]
[rules.notification]
recipients = ["pim-alerts@contoso.example"]
"#;

/// The codes pimlint reports on a body, read as the kind the call says.
fn body_findings(call: &Call) -> Vec<(&'static str, String)> {
    let options = Options {
        kind: Some(call.body_kind),
        ..Options::default()
    };
    let reports = pimlint::check_value(&call.body, &options);
    for r in &reports {
        assert!(r.error.is_none(), "{}: {:?}", call.url, r.error);
    }
    reports
        .into_iter()
        .flat_map(|r| r.diagnostics)
        .map(|d| (d.code, d.message))
        .collect()
}

fn check_calls(path: &Path) -> usize {
    check_calls_with(path, &Options::default())
}

fn check_calls_with(path: &Path, options: &Options) -> usize {
    let (calls, reports) = calls_with(path, options);
    for call in &calls {
        let fixed: BTreeSet<&str> = call.fixes.iter().map(|f| f.code).collect();
        let before: BTreeSet<&str> = reports
            .iter()
            .filter(|r| r.pointer == call.document)
            .flat_map(|r| &r.diagnostics)
            .map(|d| d.code)
            .collect();
        for (code, message) in body_findings(call) {
            assert!(
                !fixed.contains(code),
                "{}: the body of {} still has {code}: {message}",
                path.display(),
                call.url
            );
            assert!(
                before.contains(code),
                "{}: the body of {} has {code}, which the policy had not: {message}",
                path.display(),
                call.url
            );
        }
        assert!(call.url.starts_with(GRAPH) || call.url.starts_with(ARM));
    }
    calls.len()
}

#[test]
fn the_tenant_export_example_remediates_to_clean_bodies() {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(workspace().join("examples/tenant-export")).unwrap() {
        files.push(entry.unwrap().path());
    }
    files.sort();
    let mut total = 0;
    let mut clean = 0;
    for path in &files {
        total += check_calls(path);
        let (calls, _) = calls_of(path);
        clean += calls.iter().filter(|c| body_findings(c).is_empty()).count();
    }
    assert_eq!(total, 14, "calls for examples/tenant-export");
    // Every body is clean but the three approval rules that name a single approver (PIM204:
    // approvers cannot be invented), which their calls do not claim to fix.
    assert_eq!(clean, 11);
}

/// With approvers configured, the approval rules that name a single approver get them too,
/// and every body is one pimlint finds clean.
#[test]
fn the_tenant_export_example_with_approvers_remediates_to_clean_bodies() {
    let options = with_approvers();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(workspace().join("examples/tenant-export")).unwrap() {
        files.push(entry.unwrap().path());
    }
    files.sort();
    let mut total = 0;
    let mut dirty = Vec::new();
    let mut approvers_added = 0;
    for path in &files {
        total += check_calls_with(path, &options);
        let (calls, _) = calls_with(path, &options);
        for call in &calls {
            let findings = body_findings(call);
            if !findings.is_empty() {
                dirty.push((call.url.clone(), findings));
            }
            approvers_added += call.fixes.iter().filter(|f| f.code == "PIM204").count();
        }
    }
    // One more call than without approvers: Global Administrator's approval rule, which
    // turns approval on (PIM201) and, in the same body, approval of extensions (PIM211).
    assert_eq!(total, 15, "calls for examples/tenant-export");
    assert!(dirty.is_empty(), "bodies with findings: {dirty:#?}");
    assert_eq!(approvers_added, 3);
}

#[test]
fn realistic_fixtures_remediate_without_new_findings() {
    let mut total = 0;
    for entry in std::fs::read_dir(workspace().join("tests/fixtures/realistic")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            total += check_calls(&path);
        }
    }
    assert!(total > 0, "no remediation call for the realistic fixtures");
    let options = with_approvers();
    for entry in std::fs::read_dir(workspace().join("tests/fixtures/realistic")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            check_calls_with(&path, &options);
        }
    }
}

#[test]
fn graph_calls_patch_one_rule_and_arm_calls_the_policy() {
    let (calls, _) =
        calls_of(&workspace().join("examples/tenant-export/global-administrator.json"));
    let call = calls
        .iter()
        .find(|c| c.fixes.iter().any(|f| f.code == "PIM102"))
        .unwrap();
    assert_eq!(
        call.url,
        "https://graph.microsoft.com/v1.0/policies/roleManagementPolicies/DirectoryRole_8f3c2a1e-6b4d-4e7f-9a0b-1c2d3e4f5a6b_1b7d9f3a-2c4e-4a6b-8d0f-3e5a7c9b1d2f/rules/Expiration_EndUser_Assignment"
    );
    assert_eq!(
        call.body["@odata.type"],
        "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule"
    );
    assert_eq!(call.body["id"], "Expiration_EndUser_Assignment");
    assert_eq!(call.body["maximumDuration"], "PT2H");

    let (calls, _) =
        calls_of(&workspace().join("examples/tenant-export/azure-subscription-policies.json"));
    assert_eq!(calls.len(), 1);
    assert!(calls[0].url.ends_with(
        "/providers/Microsoft.Authorization/roleManagementPolicies/6e0c3f2a-9b8d-4c7e-a1f0-2b3c4d5e6f70?api-version=2020-10-01"
    ));
    let rules = calls[0].body["properties"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0]["ruleType"], "RoleManagementPolicyApprovalRule");
    assert_eq!(rules[0]["setting"]["isApprovalRequiredForExtension"], true);
}

/// `notification-defaults-only` (PIM411) is one finding per policy, whose fix writes the
/// configured recipients to each notification rule it lists: each of those rules gets its own
/// Graph call, and the policy, with every body applied, no longer has the finding.
#[test]
fn a_fix_of_several_rules_patches_each_of_them() {
    let options = Options {
        config: pimlint::config::Config::from_toml(
            &format!("extend-select = [\"notification-defaults-only\"]\n{APPROVERS}"),
            false,
        )
        .unwrap(),
        ..Options::default()
    };
    let path = workspace().join("examples/tenant-export/global-administrator.json");
    let (calls, reports) = calls_with(&path, &options);
    let finding = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .find(|d| d.code == "PIM411")
        .expect("PIM411 on Global Administrator");
    let edits = &finding.fix.as_ref().expect("a fix").edits;
    assert_eq!(edits.len(), 9, "{}", finding.message);
    let patched: Vec<&Call> = calls
        .iter()
        .filter(|c| c.fixes.iter().any(|f| f.code == "PIM411"))
        .collect();
    assert_eq!(patched.len(), 9, "one call per notification rule");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut policy = pimlint::parse_json(&text).unwrap();
    for call in &patched {
        assert_eq!(
            call.body["notificationRecipients"],
            serde_json::json!(["pim-alerts@contoso.example"]),
            "{}",
            call.url
        );
        let id = call.body["id"].as_str().unwrap();
        assert!(finding.message.contains(&format!("`{id}`")), "{id}");
        let rules = policy["policy"]["rules"].as_array_mut().unwrap();
        let rule = rules.iter_mut().find(|r| r["id"] == id).unwrap();
        *rule = call.body.clone();
    }
    check_calls_with(&path, &options);
    let after = pimlint::check_value(&policy, &options);
    assert!(
        after
            .iter()
            .flat_map(|r| &r.diagnostics)
            .all(|d| d.code != "PIM411"),
        "the policy with the bodies applied has no PIM411"
    );
}

/// An ARM policy is updated in one call with every rule that changes; a fix of several of
/// its rules is named once.
#[test]
fn an_arm_call_names_a_fix_of_several_rules_once() {
    let path = workspace().join("tests/fixtures/realistic/arm-policy-subscription.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let value = pimlint::parse_json(&text).unwrap();
    let mut reports = pimlint::check_value(&value, &Options::default());
    let rules = value["properties"]["rules"].as_array().unwrap();
    let notifications: Vec<usize> = (0..rules.len())
        .filter(|&i| rules[i]["ruleType"] == "RoleManagementPolicyNotificationRule")
        .take(2)
        .collect();
    assert_eq!(notifications.len(), 2);
    let mut finding = reports[0].diagnostics[0].clone();
    finding.fix = Some(pimlint::fix::Fix::unsafe_(
        "write a recipient to two rules",
        notifications
            .iter()
            .map(|i| pimlint::fix::Edit::Add {
                path: pimlint::Pointer::parse(&format!(
                    "/properties/rules/{i}/notificationRecipients"
                ))
                .unwrap(),
                value: serde_json::json!(["pim-alerts@contoso.example"]),
            })
            .collect(),
    ));
    reports[0].diagnostics = vec![finding];
    let calls = calls(&value, &reports, &Options::default());
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    // Later rounds add the fixes of what the recheck finds; the injected fix is named once.
    let named = call
        .fixes
        .iter()
        .filter(|f| f.message == "write a recipient to two rules")
        .count();
    assert_eq!(named, 1, "{:?}", call.fixes);
    let written = call.body["properties"]["rules"].as_array().unwrap();
    let recipients = serde_json::json!(["pim-alerts@contoso.example"]);
    let ids: Vec<&Value> = written
        .iter()
        .filter(|rule| rule["notificationRecipients"] == recipients)
        .map(|rule| &rule["id"])
        .collect();
    let expected: Vec<&Value> = notifications.iter().map(|&i| &rules[i]["id"]).collect();
    assert_eq!(ids, expected);
}
