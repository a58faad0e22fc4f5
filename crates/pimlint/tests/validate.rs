//! Request validation, case by case, for Graph roles, Groups and Azure resources, against the
//! policies of the example tenant (found through the real policy lookup).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::needless_pass_by_value,
    reason = "test code fails loudly"
)]

use std::path::Path;

use pimlint::validate::{PolicyIndex, ValidateOptions, validate_report};
use pimlint::{DocumentReport, Options};
use serde_json::{Value, json};

const NOW: &str = "2026-11-30T12:00:00Z";
const ALICE: &str = "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8";
const USER_ADMIN: &str = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const GROUP: &str = "2d4f6a8c-1e3b-4c5d-9f7a-8b6c4d2e0f1a";
const SUB: &str = "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

fn tenant() -> Vec<DocumentReport> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/tenant-export");
    let mut reports = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        reports.extend(pimlint::check_str(&text, &Options::default()).unwrap());
    }
    reports
}

/// A Graph User Administrator activation (policy: PT4H, MFA, justification, ticket).
fn activation(expiration: Value) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.unifiedRoleAssignmentScheduleRequest",
        "action": "selfActivate", "principalId": ALICE, "roleDefinitionId": USER_ADMIN,
        "directoryScopeId": "/", "justification": "Unlock a user",
        "ticketInfo": {"ticketNumber": "INC1", "ticketSystem": "ServiceNow"},
        "scheduleInfo": {"startDateTime": "2026-11-30T14:00:00Z", "expiration": expiration}
    })
}

fn with(mut value: Value, pointer: &str, new: Option<Value>) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = value.pointer_mut(parent).unwrap().as_object_mut().unwrap();
    match new {
        Some(v) => {
            target.insert(key.to_owned(), v);
        }
        None => {
            target.remove(key);
        }
    }
    value
}

fn graph_admin(kind: &str, expiration: Value) -> Value {
    json!({
        "@odata.type": format!("#microsoft.graph.unifiedRole{kind}ScheduleRequest"),
        "action": "adminAssign", "principalId": ALICE, "roleDefinitionId": USER_ADMIN,
        "directoryScopeId": "/", "justification": "Joins the identity team",
        "scheduleInfo": {"startDateTime": "2026-12-01T00:00:00Z", "expiration": expiration}
    })
}

fn group(access: &str, duration: &str) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.privilegedAccessGroupAssignmentScheduleRequest",
        "action": "selfActivate", "accessId": access, "groupId": GROUP, "principalId": ALICE,
        "justification": "On call",
        "scheduleInfo": {"startDateTime": "2026-11-30T18:00:00Z",
                         "expiration": {"type": "afterDuration", "duration": duration}}
    })
}

fn arm(kind: &str, request_type: &str, expiration: Value) -> Value {
    json!({
        "type": format!("Microsoft.Authorization/role{kind}ScheduleRequests"),
        "properties": {
            "scope": SUB, "principalId": ALICE, "requestType": request_type,
            "roleDefinitionId": format!("{SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"),
            "justification": "Payments on-call",
            "scheduleInfo": {"startDateTime": "2026-12-01T00:00:00Z", "expiration": expiration}
        }
    })
}

fn after(duration: &str) -> Value {
    json!({"type": "afterDuration", "duration": duration})
}

fn until(end: &str) -> Value {
    json!({"type": "afterDateTime", "endDateTime": end})
}

/// (name, request, expected verdict, expected failed rules)
fn cases() -> Vec<(&'static str, Value, &'static str, Vec<&'static str>)> {
    let a = activation(after("PT2H"));
    vec![
        // Graph, Entra roles: expiration.
        (
            "graph activation at the maximum",
            activation(after("PT4H")),
            "accepted",
            vec![],
        ),
        (
            "graph activation one minute over",
            activation(after("PT4H1M")),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "graph activation until exactly the maximum",
            activation(until("2026-11-30T18:00:00Z")),
            "accepted",
            vec![],
        ),
        (
            "graph activation until one minute over",
            activation(until("2026-11-30T18:01:00Z")),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "graph activation without end",
            activation(json!({"type": "noExpiration"})),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "graph activation of four minutes",
            activation(after("PT4M")),
            "rejected",
            vec![],
        ),
        // Graph: enablement.
        (
            "graph activation without justification",
            with(a.clone(), "/justification", None),
            "rejected",
            vec!["JustificationRule"],
        ),
        (
            "graph activation with blank justification",
            with(a.clone(), "/justification", Some(json!(" \t"))),
            "rejected",
            vec!["JustificationRule"],
        ),
        (
            "graph activation without ticket",
            with(a.clone(), "/ticketInfo", None),
            "rejected",
            vec!["TicketingRule"],
        ),
        (
            "graph activation with three faults",
            with(
                with(activation(after("PT9H")), "/justification", None),
                "/ticketInfo",
                None,
            ),
            "rejected",
            vec!["ExpirationRule", "JustificationRule", "TicketingRule"],
        ),
        // Graph: admin requests.
        (
            "graph permanent active assignment, policy allows it",
            graph_admin("Assignment", json!({"type": "noExpiration"})),
            "accepted",
            vec![],
        ),
        (
            "graph permanent eligible assignment, policy forbids it",
            graph_admin("Eligibility", json!({"type": "noExpiration"})),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "graph eligible assignment of P180D",
            graph_admin("Eligibility", after("P180D")),
            "accepted",
            vec![],
        ),
        (
            "graph eligible assignment of P181D",
            graph_admin("Eligibility", after("P181D")),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "graph eligible assignment until too late",
            graph_admin("Eligibility", until("2027-06-01T00:00:00Z")),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "graph removal needs no schedule",
            with(
                with(
                    graph_admin("Eligibility", after("P1D")),
                    "/action",
                    Some(json!("adminRemove")),
                ),
                "/scheduleInfo",
                None,
            ),
            "accepted",
            vec![],
        ),
        // Groups: member (PT4H, approval) and owner (PT1H, approval).
        (
            "group member activation of two hours",
            group("member", "PT2H"),
            "pending-approval",
            vec![],
        ),
        (
            "group member activation of five hours",
            group("member", "PT5H"),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "group owner activation of one hour",
            group("owner", "PT1H"),
            "pending-approval",
            vec![],
        ),
        (
            "group owner activation of two hours",
            group("owner", "PT2H"),
            "rejected",
            vec!["ExpirationRule"],
        ),
        // ARM: activation PT8H with approval; eligible P180D and active P90D required.
        (
            "arm activation at the maximum",
            arm(
                "Assignment",
                "SelfActivate",
                json!({"type": "AfterDuration", "duration": "PT8H"}),
            ),
            "pending-approval",
            vec![],
        ),
        (
            "arm activation one minute over",
            arm(
                "Assignment",
                "SelfActivate",
                json!({"type": "AfterDuration", "duration": "PT8H1M"}),
            ),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "arm eligibility at the maximum",
            arm(
                "Eligibility",
                "AdminAssign",
                json!({"type": "AfterDuration", "duration": "P180D"}),
            ),
            "accepted",
            vec![],
        ),
        (
            "arm eligibility until one day over",
            arm(
                "Eligibility",
                "AdminAssign",
                json!({"type": "AfterDateTime", "endDateTime": "2027-05-31T00:00:00Z"}),
            ),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "arm eligibility with null duration is permanent",
            arm(
                "Eligibility",
                "AdminAssign",
                json!({"type": "AfterDuration", "duration": null}),
            ),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "arm assignment with null duration is an error",
            arm(
                "Assignment",
                "AdminAssign",
                json!({"type": "AfterDuration", "duration": null}),
            ),
            "rejected",
            vec![],
        ),
        (
            "arm permanent assignment",
            arm("Assignment", "AdminAssign", json!({"type": "NoExpiration"})),
            "rejected",
            vec!["ExpirationRule"],
        ),
        (
            "arm active assignment of P90D",
            arm(
                "Assignment",
                "AdminAssign",
                json!({"type": "AfterDuration", "duration": "P90D"}),
            ),
            "accepted",
            vec![],
        ),
        (
            "arm activation on the eligibility endpoint",
            arm(
                "Eligibility",
                "SelfActivate",
                json!({"type": "AfterDuration", "duration": "PT1H"}),
            ),
            "rejected",
            vec![],
        ),
    ]
}

#[test]
fn validation_cases() {
    let tenant = tenant();
    let index = PolicyIndex::new(
        tenant
            .iter()
            .filter_map(|r| r.document.as_ref().map(|d| (d, 0))),
    );
    let options = ValidateOptions {
        now: chrono::DateTime::parse_from_rfc3339(NOW).unwrap(),
    };
    let mut table = Vec::new();
    for (name, request, verdict, failed) in cases() {
        let text = serde_json::to_string_pretty(&request).unwrap();
        let reports = pimlint::check_str(&text, &Options::default()).unwrap();
        let result = validate_report(&reports[0], &index, None, &options)
            .unwrap_or_else(|| panic!("{name}: not a request"));
        assert_eq!(
            serde_json::to_value(result.verdict).unwrap(),
            verdict,
            "{name}: {:#?}",
            result.diagnostics
        );
        assert_eq!(result.failed_rules, failed, "{name}");
        assert!(
            result.policy.is_some() || result.diagnostics.iter().any(|d| d.code == "PIM516"),
            "{name}: decided without a policy"
        );
        table.push(json!({
            "case": name,
            "verdict": result.verdict,
            "failedRules": result.failed_rules,
            "requirements": result.requirements.iter().map(|r| r.rule).collect::<Vec<_>>(),
            "findings": result.diagnostics.iter().map(|d| format!("{} {} {}", d.code, d.severity, d.pointer)).collect::<Vec<_>>(),
        }));
    }
    insta::assert_yaml_snapshot!(table);
}

#[test]
fn arm_requests_need_their_exact_scope() {
    let tenant = tenant();
    let index = PolicyIndex::new(
        tenant
            .iter()
            .filter_map(|r| r.document.as_ref().map(|d| (d, 0))),
    );
    let options = ValidateOptions {
        now: chrono::DateTime::parse_from_rfc3339(NOW).unwrap(),
    };
    let mut request = arm("Eligibility", "AdminAssign", after("P30D"));
    let judge = |request: &Value, scope: Option<&str>| {
        let text = serde_json::to_string(request).unwrap();
        let reports = pimlint::check_str(&text, &Options::default()).unwrap();
        validate_report(&reports[0], &index, scope, &options).unwrap()
    };
    // A resource group under the subscription is not governed by the subscription's policy.
    request["properties"]["scope"] = json!(format!("{SUB}/resourceGroups/rg-payments"));
    let verdict = judge(&request, None);
    let missing = verdict
        .diagnostics
        .iter()
        .find(|d| d.code == "PIM516")
        .unwrap();
    assert!(
        missing.note.as_deref().unwrap().contains("per scope"),
        "{missing:?}"
    );
    // A PUT body has no scope: without --scope there is nothing to look up; with it, there is.
    request["properties"]
        .as_object_mut()
        .unwrap()
        .remove("scope");
    let verdict = judge(&request, None);
    assert!(
        verdict
            .diagnostics
            .iter()
            .any(|d| d.code == "PIM516" && d.message.contains("does not say its scope"))
    );
    let verdict = judge(&request, Some(SUB));
    assert!(verdict.policy.is_some());
    assert_eq!(serde_json::to_value(verdict.verdict).unwrap(), "accepted");
}
