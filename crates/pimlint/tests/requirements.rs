//! `requirements` over every fixture and example policy: a reviewed snapshot per file (every
//! request kind), and the promise that makes it useful — a request built from the requirements
//! is one `validate` takes, and one that leaves out what they require is rejected.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use std::fmt::Write as _;

use chrono::DateTime;
use pimlint::api::{self, Input};
use pimlint::model::Provider;
use pimlint::requirements::{KINDS, Requirements, Selector};
use serde_json::{Value, json};

use support::{json_files, workspace};

/// Every fixture and example that holds at least one policy, with its text.
fn policy_files() -> Vec<(String, String)> {
    let root = workspace();
    let mut files = json_files(&root.join("tests/fixtures"));
    files.extend(json_files(&root.join("examples")));
    files
        .into_iter()
        .filter(|p| !p.components().any(|c| c.as_os_str() == "bad"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let value = pimlint::parse_json(&text).ok()?;
            let listed = api::policies(Input::value(&value)).ok()?;
            let name = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (!listed.is_empty()).then_some((name, text))
        })
        .collect()
}

fn all_requirements(text: &str) -> Vec<Requirements> {
    let value = pimlint::parse_json(text).unwrap();
    let input = Input {
        value: &value,
        text: Some(text),
    };
    let mut out = Vec::new();
    let listed = api::policies(input).unwrap();
    let mut seen = Vec::new();
    for governed in listed {
        let at = governed.pointer.to_string();
        if seen.contains(&at) {
            continue;
        }
        seen.push(at.clone());
        for kind in KINDS {
            let select = Selector {
                policy: Some(&at),
                ..Selector::default()
            };
            out.push(api::requirements(input, kind, select).unwrap());
        }
    }
    out
}

#[test]
fn there_are_policies_to_read() {
    assert!(policy_files().len() >= 20, "{}", policy_files().len());
}

#[test]
fn every_fixture_policy_snapshot() {
    for (name, text) in policy_files() {
        let mut out = String::new();
        for needs in all_requirements(&text) {
            let _ = writeln!(out, "{}", needs.to_text());
        }
        let snapshot = name.replace(['/', '.'], "_");
        insta::with_settings!({ snapshot_suffix => snapshot, description => name.clone(), omit_expression => true }, {
            insta::assert_snapshot!("requirements", out);
        });
    }
}

/// The JSON shape, pinned on one policy of each provider.
#[test]
fn json_shape() {
    for (path, kind) in [
        (
            "examples/tenant-export/global-administrator.json",
            "activate",
        ),
        (
            "tests/fixtures/realistic/arm-policy-subscription.json",
            "activate",
        ),
        (
            "tests/fixtures/realistic/graph-policy-group-member.json",
            "assign-eligible",
        ),
    ] {
        let text = std::fs::read_to_string(workspace().join(path)).unwrap();
        let value = pimlint::parse_json(&text).unwrap();
        let needs = api::requirements(
            Input::value(&value),
            kind.parse().unwrap(),
            Selector::default(),
        )
        .unwrap();
        insta::with_settings!({ snapshot_suffix => path.replace(['/', '.'], "_"), description => path, omit_expression => true }, {
            insta::assert_json_snapshot!("json_shape", needs);
        });
    }
}

const PRINCIPAL: &str = "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8";
const START: &str = "2026-12-01T09:00:00Z";

/// The body a form filled from `needs` sends: the longest duration allowed, a justification
/// and a ticket when required. `leave_out` drops one of them.
fn body(needs: &Requirements, leave_out: Option<&str>) -> Option<(Value, Option<String>)> {
    let role = needs.policy.role.as_ref();
    let scope = needs.policy.scope.clone();
    let duration = match (needs.expiration.required, needs.expiration.maximum_duration) {
        (Some(true), Some(max)) => max.to_string(),
        (Some(false), _) => "PT8H".to_owned(),
        _ => return None,
    };
    let arm = needs.provider == Provider::AzureResources;
    let mut request = serde_json::Map::new();
    let mut set = |k: &str, v: Value| {
        request.insert(k.to_owned(), v);
    };
    set(
        if arm { "requestType" } else { "action" },
        json!(needs.request.action),
    );
    set("principalId", json!(PRINCIPAL));
    match needs.provider {
        Provider::EntraRoles => {
            set("roleDefinitionId", json!(role?.template_id));
            set("directoryScopeId", json!("/"));
        }
        Provider::Groups => {
            set("accessId", json!(role.map_or("member", |r| r.id.as_str())));
            set("groupId", json!(scope.clone()?));
        }
        Provider::AzureResources => {
            let role_id = role.map_or_else(
                || {
                    format!(
                        "{}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
                        scope.clone().unwrap_or_default()
                    )
                },
                |r| r.id.clone(),
            );
            set("roleDefinitionId", json!(role_id));
        }
    }
    let expiration_type = if arm {
        "AfterDuration"
    } else {
        "afterDuration"
    };
    set(
        "scheduleInfo",
        json!({"startDateTime": START, "expiration": {"type": expiration_type, "duration": duration}}),
    );
    if needs.justification.required == Some(true) && leave_out != Some("justification") {
        set("justification", json!("Quarterly access review"));
    }
    if needs.ticket.required == Some(true) && leave_out != Some("ticket") {
        set(
            "ticketInfo",
            json!({"ticketNumber": "CHG-1024", "ticketSystem": "ServiceNow"}),
        );
    }
    let level_is_eligibility = needs.request.level == pimlint::model::Level::Eligibility;
    let value = if arm {
        json!({ "properties": Value::Object(request) })
    } else {
        let odata = match (needs.provider, level_is_eligibility) {
            (Provider::Groups, false) => {
                "#microsoft.graph.privilegedAccessGroupAssignmentScheduleRequest"
            }
            (Provider::Groups, true) => {
                "#microsoft.graph.privilegedAccessGroupEligibilityScheduleRequest"
            }
            (_, false) => "#microsoft.graph.unifiedRoleAssignmentScheduleRequest",
            (_, true) => "#microsoft.graph.unifiedRoleEligibilityScheduleRequest",
        };
        let mut object = request;
        object.insert("@odata.type".to_owned(), json!(odata));
        Value::Object(object)
    };
    Some((value, scope))
}

fn verdict(
    policy_text: &str,
    request: &Value,
    scope: Option<&str>,
    eligible_arm: bool,
) -> api::LocatedVerdict {
    let policy = pimlint::parse_json(policy_text).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z").unwrap();
    // An ARM body does not say which collection it is sent to; its resource type does.
    let mut request = request.clone();
    if request.get("properties").is_some() {
        request["type"] = json!(if eligible_arm {
            "Microsoft.Authorization/roleEligibilityScheduleRequests"
        } else {
            "Microsoft.Authorization/roleAssignmentScheduleRequests"
        });
    }
    api::validate(
        Input::value(&request),
        &[Input::value(&policy)],
        &[],
        scope,
        now,
    )
    .unwrap()
}

#[test]
fn a_request_built_from_the_requirements_is_taken_and_one_without_them_is_not() {
    let mut judged = 0;
    let mut rejected = 0;
    for (name, text) in policy_files() {
        // A ScubaGear role entry is read as a policy assignment and, apart, the rules it lists;
        // `validate` judges by the first alone, so the two cannot agree on it yet.
        if name.ends_with("scubagear-privileged-roles.json") {
            continue;
        }
        for needs in all_requirements(&text) {
            let Some((request, scope)) = body(&needs, None) else {
                continue;
            };
            let eligible_arm = needs.provider == Provider::AzureResources
                && needs.request.level == pimlint::model::Level::Eligibility;
            let found = verdict(&text, &request, scope.as_deref(), eligible_arm);
            let outcome = serde_json::to_value(found.verdict).unwrap();
            if outcome == "unknown" {
                continue;
            }
            judged += 1;
            assert!(
                found.failed_rules.is_empty() && outcome != "rejected",
                "{name} {}: {request:#}\n{:#?}",
                needs.kind,
                found.diagnostics
            );
            let pending = needs.approval.required == Some(true);
            assert_eq!(
                outcome == "pending-approval",
                pending,
                "{name} {}: approval {:?}, verdict {outcome}",
                needs.kind,
                needs.approval
            );
            for (what, service_rule) in [
                ("justification", "JustificationRule"),
                ("ticket", "TicketingRule"),
            ] {
                let item = if what == "ticket" {
                    &needs.ticket
                } else {
                    &needs.justification
                };
                if item.required != Some(true) {
                    continue;
                }
                let (without, _) = body(&needs, Some(what)).unwrap();
                let found = verdict(&text, &without, scope.as_deref(), eligible_arm);
                assert_eq!(
                    found.failed_rules,
                    vec![service_rule],
                    "{name} {} without {what}",
                    needs.kind
                );
                rejected += 1;
            }
        }
    }
    assert!(judged > 100, "only {judged} requests judged");
    assert!(rejected > 20, "only {rejected} requests rejected");
}

#[test]
fn choosing_the_policy() {
    let text = std::fs::read_to_string(
        workspace().join("examples/tenant-export/global-administrator.json"),
    )
    .unwrap();
    let value = pimlint::parse_json(&text).unwrap();
    let input = Input {
        value: &value,
        text: Some(&text),
    };
    let kind = "activate".parse().unwrap();
    for role in [
        "Global Administrator",
        "global administrator",
        "62e90394-69f5-4237-9190-012177145e10",
    ] {
        let select = Selector {
            role: Some(role),
            ..Selector::default()
        };
        assert!(api::requirements(input, kind, select).is_ok(), "{role}");
    }
    let select = Selector {
        role: Some("User Administrator"),
        ..Selector::default()
    };
    let error = api::requirements(input, kind, select)
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "no policy in the input governs role \"User Administrator\"; it holds policies for: Global Administrator (/policy)"
    );
    let unknown = "activation".parse::<pimlint::requirements::RequestKindName>();
    assert_eq!(unknown.unwrap_err().suggestion, Some("activate"),);
}

/// A ScubaGear export lists, under a role, the rules of the role's own policy and those of each
/// PIM for Groups group that holds the role. `requirements` reads the role's own policy, the
/// one `validate` judges an activation of the role against; the group's rules are a policy of
/// their own, found at the group's first rule.
#[test]
fn scubagear_requirements_read_the_policy_validate_judges() {
    let text = std::fs::read_to_string(
        workspace().join("tests/fixtures/powershell/scubagear-privileged-roles.json"),
    )
    .unwrap();
    let value = pimlint::parse_json(&text).unwrap();
    let input = Input {
        value: &value,
        text: Some(&text),
    };
    let kind = "activate".parse().unwrap();
    let listed: Vec<String> = api::policies(input)
        .unwrap()
        .iter()
        .map(|g| {
            format!(
                "{} {:?}",
                g.pointer,
                g.role.as_ref().map(|r| &r.template_id)
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            "/privileged_roles/0 Some(\"62e90394-69f5-4237-9190-012177145e10\")",
            "/privileged_roles/0/Rules/17 None",
        ]
    );
    let role = api::requirements(
        input,
        kind,
        Selector {
            role: Some("Global Administrator"),
            ..Selector::default()
        },
    )
    .unwrap();
    assert_eq!(role.policy.pointer.text(), "/privileged_roles/0");
    assert_eq!(
        role.expiration.maximum_duration.unwrap().to_string(),
        "PT8H"
    );
    assert_eq!(role.ticket.required, Some(false));
    let group = api::requirements(
        input,
        kind,
        Selector {
            policy: Some("/privileged_roles/0/Rules/17"),
            ..Selector::default()
        },
    )
    .unwrap();
    assert_eq!(group.provider, Provider::Groups);
    assert_eq!(
        group.expiration.maximum_duration.unwrap().to_string(),
        "PT4H"
    );
    assert_eq!(group.ticket.required, Some(true));
    // Two policies: the role must be named, never a mix of both.
    let error = api::requirements(input, kind, Selector::default())
        .unwrap_err()
        .to_string();
    assert!(error.contains("the input holds 2 policies"), "{error}");
    // validate judges the role's activation by the same rules: the longest activation the
    // requirements allow, without a ticket, waits for approval (the role's policy requires
    // it); an hour more fails the role's ExpirationRule.
    let now = DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z").unwrap();
    let request = |duration: &str| {
        json!({"action": "selfActivate", "principalId": "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
               "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10", "directoryScopeId": "/",
               "justification": "Quarterly access review",
               "scheduleInfo": {"expiration": {"type": "afterDuration", "duration": duration}}})
    };
    let judged = |duration: &str| {
        let request = request(duration);
        api::validate(Input::value(&request), &[input], &[], None, now).unwrap()
    };
    let within = judged("PT8H");
    assert_eq!(
        serde_json::to_value(within.verdict).unwrap(),
        "pending-approval",
        "{:?}",
        within.diagnostics
    );
    let beyond = judged("PT9H");
    assert_eq!(beyond.failed_rules, ["ExpirationRule"]);
    assert!(
        beyond
            .diagnostics
            .iter()
            .any(|d| d.message.contains("PT8H")),
        "{:?}",
        beyond.diagnostics
    );
}
