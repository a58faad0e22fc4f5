//! `requirements` for a principal, with the tenant's schedules and instances: eligible
//! directly or through a group, from and until when, later windows, already active, the
//! longest activation cut short by the eligibility's end, and unknown when the export does not
//! list eligibilities. What it says agrees with `validate` given the same export.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use chrono::{DateTime, FixedOffset};
use pimlint::api::{self, ForPrincipal, Input};
use pimlint::requirements::{Requirements, Selector};
use serde_json::{Value, json};

use support::workspace;

fn read(name: &str) -> Value {
    let text = std::fs::read_to_string(workspace().join(name)).unwrap();
    pimlint::parse_json(&text).unwrap()
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

const ADELE: &str = "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8";
const GRADY: &str = "7a1c0d2e-0028-4c7d-8e9f-0a1b2c3d4e5f";
const MEGAN: &str = "7a1c0d2e-0021-4c7d-8e9f-0a1b2c3d4e5f";
const GLOBAL_ADMINISTRATOR: &str = "62e90394-69f5-4237-9190-012177145e10";
const PRIVILEGED_ROLE_ADMINISTRATOR: &str = "e8611ab8-c189-46e8-94e1-60213ab1f814";

/// The example export's schedule and instance lists.
fn export() -> Vec<Value> {
    [
        "role-eligibility-schedule-instances.json",
        "role-assignment-schedule-instances.json",
        "group-eligibility-schedule-instances.json",
    ]
    .map(|f| read(&format!("examples/tenant-export/{f}")))
    .to_vec()
}

fn needs(policy: &Value, principal: &str, tenant: &[Value], now: &str) -> Requirements {
    let inputs: Vec<Input<'_>> = tenant.iter().map(Input::value).collect();
    api::requirements_for(
        Input::value(policy),
        "activate".parse().unwrap(),
        Selector::default(),
        ForPrincipal {
            id: principal,
            tenant: &inputs,
            now: at(now),
        },
    )
    .unwrap()
}

fn eligibility(needs: &Requirements) -> Value {
    serde_json::to_value(needs.eligibility.as_ref().unwrap()).unwrap()
}

/// A directory role's policy assignment, its policy expanded, with an activation of at most
/// `maximum`.
fn policy_for(role: &str, maximum: &str) -> Value {
    let target = json!({"caller": "EndUser", "level": "Assignment", "operations": ["All"]});
    json!({
        "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyAssignment",
        "id": format!("Directory_x_{role}"), "policyId": "Directory_x", "scopeId": "/",
        "scopeType": "DirectoryRole", "roleDefinitionId": role,
        "policy": {"id": "Directory_x", "scopeId": "/", "scopeType": "DirectoryRole", "rules": [
            {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
             "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true,
             "maximumDuration": maximum, "target": target}]}
    })
}

#[test]
fn eligible_directly_with_the_place_of_the_eligibility_and_the_active_assignment() {
    let policy = read("examples/tenant-export/global-administrator.json");
    let e = eligibility(&needs(&policy, ADELE, &export(), "2026-11-29T09:00:00Z"));
    assert_eq!(e["principal"]["name"], "Adele Vance");
    assert_eq!(e["eligible"], true);
    assert_eq!(e["current"]["through"], "direct");
    assert_eq!(e["current"]["start"], "2026-06-01T09:00:00Z");
    assert_eq!(e["current"]["end"], "2027-05-31T09:00:00Z");
    assert_eq!(
        e["current"]["source"],
        json!({"input": 0, "file": null, "pointer": "/value/0"})
    );
    assert_eq!(e["active"], true);
    assert_eq!(e["activeAssignment"]["end"], "2026-11-29T10:05:00Z");
    assert_eq!(e["activeAssignment"]["source"]["pointer"], "/value/1");
    assert_eq!(e["activeAssignment"]["source"]["input"], 1);
    // Far from the eligibility's end, the policy's maximum is the limit.
    assert_eq!(e["maximumDuration"], "PT8H");
    assert_eq!(e["maximumSeconds"], 8 * 3600);
    assert_eq!(e["limitedBy"], "policy");
    assert!(e.get("unknownBecause").is_none());
}

#[test]
fn the_eligibility_end_caps_the_longest_activation() {
    let policy = read("examples/tenant-export/global-administrator.json");
    let e = eligibility(&needs(&policy, ADELE, &export(), "2027-05-31T05:30:00Z"));
    assert_eq!(e["eligible"], true);
    assert_eq!(e["maximumDuration"], "PT3H30M");
    assert_eq!(e["maximumSeconds"], 12_600);
    assert_eq!(e["limitedBy"], "eligibility");
    // After the end: not eligible, and nothing to bound.
    let e = eligibility(&needs(&policy, ADELE, &export(), "2027-06-01T00:00:00Z"));
    assert_eq!(e["eligible"], false);
    assert_eq!(e["current"], Value::Null);
    assert_eq!(e["maximumSeconds"], Value::Null);
}

#[test]
fn eligible_through_a_group_the_principal_is_a_member_of() {
    let policy = policy_for(PRIVILEGED_ROLE_ADMINISTRATOR, "PT4H");
    let e = eligibility(&needs(&policy, GRADY, &export(), "2026-11-29T09:00:00Z"));
    assert_eq!(e["eligible"], true, "{e:#}");
    assert_eq!(e["current"]["through"], "group");
    assert_eq!(e["current"]["group"]["name"], "Tier 0 Operators");
    assert_eq!(e["current"]["group"]["membership"], "eligible");
    assert_eq!(e["current"]["group"]["source"]["input"], 2);
    assert_eq!(e["current"]["end"], "2027-02-28T09:00:00Z");
    assert_eq!(e["maximumDuration"], "PT4H");
}

#[test]
fn not_eligible_and_permanent_active() {
    let policy = read("examples/tenant-export/global-administrator.json");
    let e = eligibility(&needs(&policy, MEGAN, &export(), "2026-11-29T09:00:00Z"));
    assert_eq!(e["eligible"], false);
    assert_eq!(e["active"], true);
    assert_eq!(e["activeAssignment"]["permanent"], true);
    assert_eq!(e["activeAssignment"]["end"], Value::Null);
    assert_eq!(e["maximumSeconds"], Value::Null);
}

#[test]
fn no_eligibilities_in_the_export_is_unknown_never_false() {
    let policy = read("examples/tenant-export/global-administrator.json");
    let active_only = vec![read(
        "examples/tenant-export/role-assignment-schedule-instances.json",
    )];
    let e = eligibility(&needs(&policy, ADELE, &active_only, "2026-11-29T09:00:00Z"));
    assert_eq!(e["eligible"], Value::Null);
    assert_eq!(
        e["unknownBecause"],
        "the tenant export lists no eligibilities of Microsoft Entra roles"
    );
    assert_eq!(e["active"], true);
    let e = eligibility(&needs(&policy, ADELE, &[], "2026-11-29T09:00:00Z"));
    assert_eq!((&e["eligible"], &e["active"]), (&Value::Null, &Value::Null));
}

/// Three eligibility schedules of Adele's, out of order.
fn windows() -> Value {
    let schedule = |id: &str, start: &str, end: &str| {
        json!({"id": id, "principalId": ADELE, "roleDefinitionId": GLOBAL_ADMINISTRATOR,
               "directoryScopeId": "/", "memberType": "Direct", "status": "Provisioned",
               "createdUsing": id, "createdDateTime": "2026-01-01T00:00:00Z",
               "scheduleInfo": {"startDateTime": start,
                                "expiration": {"type": "afterDateTime", "endDateTime": end}}})
    };
    json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleEligibilitySchedules",
        "value": [
            schedule("s3", "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z"),
            schedule("s1", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"),
            schedule("s2", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z"),
        ]
    })
}

#[test]
fn later_windows_are_listed_earliest_first() {
    let policy = read("examples/tenant-export/global-administrator.json");
    let e = eligibility(&needs(&policy, ADELE, &[windows()], "2026-11-30T22:00:00Z"));
    assert_eq!(e["eligible"], true, "{e:#}");
    assert_eq!(e["current"]["object"], "schedule");
    assert_eq!(e["current"]["source"]["pointer"], "/value/1");
    assert_eq!(e["maximumDuration"], "PT2H");
    assert_eq!(e["limitedBy"], "eligibility");
    let later: Vec<&Value> = e["later"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["source"]["pointer"])
        .collect();
    assert_eq!(later, [&json!("/value/2"), &json!("/value/0")]);
    assert_eq!(e["later"][0]["start"], "2027-01-01T00:00:00Z");
    // Between windows: not eligible now, eligible later.
    let e = eligibility(&needs(&policy, ADELE, &[windows()], "2026-12-15T00:00:00Z"));
    assert_eq!(e["eligible"], false);
    assert_eq!(e["later"].as_array().unwrap().len(), 2);
}

/// What `requirements` says of a principal, `validate` holds it to: an activation by a
/// principal that is not eligible is rejected (PIM517), and one as long as the longest
/// activation the requirements allow draws no warning that it outlives the eligibility.
#[test]
fn validate_agrees_with_the_eligibility() {
    let policy = read("examples/tenant-export/global-administrator.json");
    let tenant = export();
    let inputs: Vec<Input<'_>> = tenant.iter().map(Input::value).collect();
    for (principal, now) in [
        (ADELE, "2027-05-31T05:30:00Z"),
        (ADELE, "2026-12-06T05:30:00Z"),
        (MEGAN, "2026-12-06T05:30:00Z"),
        (GRADY, "2026-12-06T05:30:00Z"),
    ] {
        let n = needs(&policy, principal, &tenant, now);
        let e = n.eligibility.as_ref().unwrap();
        let duration = e
            .maximum_duration
            .map_or_else(|| "PT1H".to_owned(), |d| d.to_string());
        let request = json!({
            "action": "selfActivate", "principalId": principal,
            "roleDefinitionId": GLOBAL_ADMINISTRATOR, "directoryScopeId": "/",
            "justification": "Quarterly access review",
            "scheduleInfo": {"startDateTime": now,
                             "expiration": {"type": "afterDuration", "duration": duration}}
        });
        let verdict = api::validate_in_tenant(
            Input::value(&request),
            &[Input::value(&policy)],
            &[],
            &inputs,
            None,
            at(now),
        )
        .unwrap();
        let codes: Vec<&str> = verdict.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes.contains(&"PIM517"),
            e.eligible == Some(false),
            "{principal} at {now}: {codes:?}"
        );
        assert!(
            !codes.contains(&"PIM520"),
            "{principal} at {now}: {codes:?}"
        );
    }
}

#[test]
fn principals_of_the_export() {
    let tenant = export();
    let inputs: Vec<Input<'_>> = tenant.iter().map(Input::value).collect();
    let found = api::principals(&inputs).unwrap();
    let names: Vec<&str> = found.iter().filter_map(|p| p.name.as_deref()).collect();
    assert!(
        names.contains(&"Adele Vance") && names.contains(&"Grady Archie"),
        "{names:?}"
    );
    assert!(
        !names.contains(&"Tier 0 Operators"),
        "groups do not make requests"
    );
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    assert_eq!(found.iter().filter(|p| p.id == ADELE).count(), 1);
}
