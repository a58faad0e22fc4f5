//! Documents of PIM's older APIs (iteration 1 and 2): each fixture's findings as reviewed, and
//! every `migrate` output read back by pimlint without a structural warning or error.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use pimlint::{DocumentKind, Options, Severity, api};
use serde_json::{Value, json};

fn findings(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let reports = pimlint::check_str(&text, &Options::default()).unwrap();
    Value::Array(
        reports
            .into_iter()
            .map(|r| {
                json!({
                    "pointer": r.pointer,
                    "kind": r.kind,
                    "error": r.error,
                    "diagnostics": r.diagnostics,
                })
            })
            .collect(),
    )
}

#[test]
fn legacy_fixtures_lint_as_reviewed() {
    insta::glob!("../../../tests/fixtures/legacy", "*.json", |path| {
        insta::assert_yaml_snapshot!(findings(path));
    });
}

#[test]
fn legacy_fixtures_migrate_as_reviewed() {
    insta::glob!("../../../tests/fixtures/legacy", "*.json", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let out = match api::migrate_text(&text) {
            Ok(migrated) => serde_json::to_value(migrated).unwrap(),
            Err(e) => json!({ "error": e.to_string() }),
        };
        insta::assert_yaml_snapshot!(out);
    });
}

/// What `migrate` prints is what today's API accepts: no structural finding at warning or
/// error in any body it gives.
#[test]
fn migrate_output_lints_clean_structurally() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/legacy");
    let mut bodies = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(migrated) = api::migrate_text(&text) else {
            continue;
        };
        for doc in migrated {
            for call in doc.calls {
                // An ARM request body does not say its level; the URL does, as `--kind` would.
                let kind = if call.url.contains("management.azure.com") {
                    if call.url.contains("roleEligibilityScheduleRequests") {
                        Some(DocumentKind::ArmRoleEligibilityRequest)
                    } else if call.url.contains("roleAssignmentScheduleRequests") {
                        Some(DocumentKind::ArmRoleAssignmentRequest)
                    } else {
                        None
                    }
                } else {
                    None
                };
                let options = Options {
                    kind,
                    ..Options::default()
                };
                let found = api::lint(api::Input::value(&call.body), &options)
                    .unwrap_or_else(|e| panic!("{}: {} {e}", path.display(), call.url));
                let structural: Vec<_> = found
                    .iter()
                    .filter(|d| d.code.starts_with("PIM0") && d.severity >= Severity::Warning)
                    .collect();
                assert!(
                    structural.is_empty(),
                    "{} {}: {structural:#?}",
                    path.display(),
                    call.url
                );
                bodies += 1;
            }
        }
    }
    assert!(bodies >= 10, "only {bodies} bodies checked");
}

#[test]
fn iteration_three_documents_are_not_legacy() {
    let policy =
        json!({"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "rules": []});
    assert!(pimlint::legacy::convert(&policy).is_none());
    assert!(api::migrate(api::Input::value(&policy)).is_err());
    // A policy assignment, even one that carries a member an iteration-1 setting has.
    let assignment = json!({"id": "a", "policyId": "Directory_x", "roleDefinitionId": "r",
        "elevationDuration": 8, "policy": {"id": "Directory_x", "rules": []}});
    assert!(pimlint::legacy::convert(&assignment).is_none());
    let setting = json!({"id": "s", "roleId": "r", "elevationDuration": 8});
    assert!(pimlint::legacy::convert(&setting).is_some());
}

#[test]
fn a_setting_of_the_wrong_type_is_located() {
    let doc = json!({"roleDefinitionId": "r", "userMemberSettings": [
        {"ruleIdentifier": "MfaRule", "setting": "{\"mfaRequired\":\"yes\"}"}]});
    let e = pimlint::legacy::convert(&doc).unwrap().unwrap_err();
    assert_eq!(e.pointer.text(), "/userMemberSettings/0/setting");
    assert!(
        e.message
            .contains("`mfaRequired` inside the `setting` string"),
        "{}",
        e.message
    );
}

/// One `enabledRules` list is made of three legacy settings: a finding about one of them
/// points at that one and names its member.
#[test]
fn enablement_findings_point_at_their_own_legacy_setting() {
    let doc = json!({"roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
        "userMemberSettings": [
            {"ruleIdentifier": "MfaRule", "setting": "{\"mfaRequired\":false}"},
            {"ruleIdentifier": "JustificationRule", "setting": "{\"required\":false}"},
            {"ruleIdentifier": "TicketingRule", "setting": "{\"ticketingRequired\":false}"},
            {"ruleIdentifier": "AcrsRule", "setting": "{\"acrsRequired\":false,\"acrs\":null}"}]});
    let found = api::lint(api::Input::value(&doc), &Options::default()).unwrap();
    let at = |code: &str| {
        let d = found.iter().find(|d| d.code == code).unwrap();
        (d.pointer.clone(), d.message.clone())
    };
    let (pointer, message) = at("PIM103");
    assert_eq!(pointer, "/userMemberSettings/0/setting");
    assert!(message.contains("`mfaRequired` inside the `setting` string"));
    let (pointer, message) = at("PIM107");
    assert_eq!(pointer, "/userMemberSettings/1/setting");
    assert!(message.contains("`required` inside the `setting` string"));
}
