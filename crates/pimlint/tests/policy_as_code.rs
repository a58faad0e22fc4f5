//! Policy as code beyond the provider's own arguments: Graph bodies sent by the Microsoft
//! Graph Terraform provider, and the role a Terraform resource or an EasyPIM policy names,
//! which puts the role's limits in force.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::PathBuf;

use pimlint::{DocumentKind, Locator, Options};
use serde_json::{Value, json};

fn fixture(path: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Finding codes, sorted, without `PIM018` (what the source leaves unknown).
fn codes(reports: &[pimlint::DocumentReport]) -> Vec<&'static str> {
    let mut codes: Vec<_> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.code))
        .filter(|c| *c != "PIM018")
        .collect();
    codes.sort_unstable();
    codes
}

fn check(value: &Value) -> Vec<pimlint::DocumentReport> {
    check_with(value, "")
}

/// Checks with a `pimlint.toml`.
fn check_with(value: &Value, toml: &str) -> Vec<pimlint::DocumentReport> {
    let options = Options {
        config: pimlint::config::Config::from_toml(toml, false).unwrap(),
        ..Options::default()
    };
    let reports = pimlint::check_value(value, &options);
    for r in &reports {
        assert!(r.error.is_none(), "{:?}", r.error);
    }
    reports
}

// ---- the Microsoft Graph provider ----

#[test]
fn msgraph_plan_gives_the_findings_of_its_graph_equivalent() {
    let plan = fixture("terraform/msgraph-plan.json");
    let options = Options::default();
    let reports = pimlint::check_str(&plan, &options).unwrap();
    let equivalent =
        pimlint::check_str(&fixture("terraform/equivalent-graph.json"), &options).unwrap();
    assert_eq!(codes(&reports), codes(&equivalent));
    assert_eq!(
        codes(&reports),
        ["PIM102", "PIM203", "PIM211", "PIM301"],
        "the fixture exercises a rule, an update and a request"
    );
    // Every finding is in the plan, under the resource's body, and names the resource.
    let locator = Locator::new(&plan);
    for report in &reports {
        assert!(report.error.is_none(), "{:?}", report.error);
        for d in &report.diagnostics {
            assert!(locator.locate(&d.pointer).unwrap().exact, "{}", d.pointer);
            assert!(
                d.pointer.text().contains("/change/after/body/"),
                "{}",
                d.pointer
            );
            assert!(
                d.note
                    .as_deref()
                    .unwrap()
                    .contains("in Terraform resource `"),
                "{:?}",
                d.note
            );
        }
    }
}

#[test]
fn msgraph_url_says_what_the_body_is() {
    let reports =
        pimlint::check_str(&fixture("terraform/msgraph-plan.json"), &Options::default()).unwrap();
    let kinds: Vec<_> = reports.iter().map(|r| r.kind.unwrap()).collect();
    // The request body has no @odata.type: its URL says it is an assignment request. The
    // `applications` resource is not PIM's and is not read.
    assert_eq!(
        kinds,
        [
            DocumentKind::GraphPolicyRule,
            DocumentKind::GraphPolicyUpdate,
            DocumentKind::GraphPolicyRule,
            DocumentKind::GraphRoleAssignmentRequest,
        ]
    );
    // The eligibility rule's body leaves its id to the URL, which names it.
    let eligibility = &reports[2];
    assert!(eligibility.diagnostics.iter().any(|d| d.code == "PIM301"
        && d.pointer.text() == "/resource_changes/2/change/after/body/isExpirationRequired"));
}

fn msgraph_plan(url: Option<&str>, body: &Value, body_unknown: &Value) -> Value {
    let mut after = json!({"body": body, "api_version": "v1.0"});
    let mut after_unknown = json!({"id": true, "output": true, "body": body_unknown});
    match url {
        Some(url) => after["url"] = url.into(),
        None => after_unknown["url"] = true.into(),
    }
    json!({
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "resource_changes": [{
            "address": "msgraph_update_resource.rule",
            "mode": "managed",
            "type": "msgraph_update_resource",
            "name": "rule",
            "change": {"actions": ["update"], "after": after, "after_unknown": after_unknown}
        }]
    })
}

const APPROVAL: &str = "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule";
const RULE_URL: &str =
    "policies/roleManagementPolicies/Directory_t_p/rules/Approval_EndUser_Assignment";

#[test]
fn msgraph_values_known_only_after_apply_are_unknown() {
    // The approver's id comes from another resource: the approvers are unknown, so no
    // finding that the approver lacks an id, or that there is just one; the note says so.
    let body = json!({
        "@odata.type": APPROVAL,
        "id": "Approval_EndUser_Assignment",
        "setting": {"isApprovalRequired": true, "approvalStages": [{
            "primaryApprovers": [{"@odata.type": "#microsoft.graph.singleUser"}]
        }]},
        "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment"}
    });
    let marks = json!({"setting": {"approvalStages": [{"primaryApprovers": [{"userId": true}]}]}});
    let reports = check(&msgraph_plan(Some(RULE_URL), &body, &marks));
    assert_eq!(reports.len(), 1);
    assert_eq!(codes(&reports), Vec::<&str>::new());
    let unknown: Vec<_> = reports[0]
        .diagnostics
        .iter()
        .filter(|d| d.code == "PIM018")
        .collect();
    assert_eq!(unknown.len(), 1);
    assert!(
        unknown[0]
            .message
            .contains("`setting.approvalStages` of `body` unknown"),
        "{}",
        unknown[0].message
    );
    assert_eq!(
        unknown[0].pointer.text(),
        "/resource_changes/0/change/after/body"
    );

    // The same approver without an id, known at plan time, is a finding.
    let reports = check(&msgraph_plan(Some(RULE_URL), &body, &json!({})));
    assert!(!codes(&reports).is_empty());
}

#[test]
fn msgraph_body_unknown_is_said_once_and_nothing_else() {
    let plan = msgraph_plan(Some(RULE_URL), &Value::Null, &json!(true));
    let reports = check(&plan);
    assert_eq!(reports.len(), 1);
    let found: Vec<_> = reports[0].diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(found, ["PIM018"]);
    assert!(reports[0].diagnostics[0].message.contains("`body` unknown"));
}

#[test]
fn msgraph_url_unknown_leaves_the_body_type_to_say_what_it_is() {
    let body = json!({
        "@odata.type": APPROVAL,
        "id": "Approval_EndUser_Assignment",
        "setting": {"isApprovalRequired": true, "approvalStages": [{"primaryApprovers": []}]}
    });
    let reports = check(&msgraph_plan(None, &body, &json!({})));
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].kind, Some(DocumentKind::GraphPolicyRule));
    assert!(codes(&reports).contains(&"PIM203"));
    // A body that is no PIM document, at an unknown URL, is not read.
    let other = check(&msgraph_plan(
        None,
        &json!({"displayName": "x"}),
        &json!({}),
    ));
    assert!(other.is_empty());
}

// ---- the role a resource names ----

/// `approval-missing-privileged` is opt-in.
const APPROVAL_FOR_PRIVILEGED: &str = "extend-select = [\"PIM202\"]\n";
const OWNER: &str = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const READER: &str = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

fn azurerm(role_definition_id: Option<&str>) -> Value {
    let mut values = json!({
        "scope": "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        "activation_rules": [{
            "maximum_duration": "PT8H",
            "require_approval": false,
        }]
    });
    if let Some(id) = role_definition_id {
        values["role_definition_id"] = format!(
            "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f/providers/Microsoft.Authorization/roleDefinitions/{id}"
        )
        .into();
    }
    json!({
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {"root_module": {"resources": [{
            "address": "azurerm_role_management_policy.p",
            "mode": "managed",
            "type": "azurerm_role_management_policy",
            "name": "p",
            "values": values
        }]}}
    })
}

#[test]
fn azurerm_role_definition_id_puts_the_role_limits_in_force() {
    let owner = check_with(&azurerm(Some(OWNER)), APPROVAL_FOR_PRIVILEGED);
    assert_eq!(owner[0].role.as_deref(), Some("Owner"));
    // A privileged role: its shorter activation limit and its approval rule apply.
    assert_eq!(codes(&owner), ["PIM102", "PIM202"]);
    assert_eq!(codes(&check(&azurerm(Some(OWNER)))), ["PIM102"]);
    let d = owner[0]
        .diagnostics
        .iter()
        .find(|d| d.code == "PIM202")
        .unwrap();
    assert_eq!(
        d.pointer.text(),
        "/values/root_module/resources/0/values/activation_rules/0/require_approval"
    );
    assert!(d.message.contains("Owner"), "{}", d.message);

    // A role that is not privileged, or one the plan does not name: the general limits.
    assert_eq!(
        codes(&check_with(&azurerm(Some(READER)), APPROVAL_FOR_PRIVILEGED)),
        Vec::<&str>::new()
    );
    let unnamed = check_with(&azurerm(None), APPROVAL_FOR_PRIVILEGED);
    assert_eq!(unnamed[0].role, None);
    assert_eq!(codes(&unnamed), Vec::<&str>::new());
}

#[test]
fn azurerm_role_known_only_after_apply_stays_unknown() {
    let mut plan = json!({
        "format_version": "1.2",
        "resource_changes": [{
            "address": "azurerm_role_management_policy.p",
            "mode": "managed",
            "type": "azurerm_role_management_policy",
            "change": {
                "actions": ["create"],
                "after": {"activation_rules": [{"maximum_duration": "PT8H", "require_approval": false}]},
                "after_unknown": {"role_definition_id": true}
            }
        }]
    });
    let reports = check_with(&plan, APPROVAL_FOR_PRIVILEGED);
    assert_eq!(reports[0].role, None);
    assert_eq!(codes(&reports), Vec::<&str>::new());
    plan["resource_changes"][0]["change"]["after"]["role_definition_id"] =
        format!("/providers/Microsoft.Authorization/roleDefinitions/{OWNER}").into();
    plan["resource_changes"][0]["change"]["after_unknown"] = json!({});
    assert_eq!(
        codes(&check_with(&plan, APPROVAL_FOR_PRIVILEGED)),
        ["PIM102", "PIM202"]
    );
}

#[test]
fn azurerm_role_names_the_role_for_per_role_configuration() {
    // An override for the role applies to the resource that names it.
    let toml = format!(
        "{APPROVAL_FOR_PRIVILEGED}[[overrides]]\nroles = [\"{OWNER}\"]\nignore = [\"PIM202\"]\n"
    );
    assert_eq!(codes(&check_with(&azurerm(Some(OWNER)), &toml)), ["PIM102"]);
}

fn easypim(entra: &Value) -> Value {
    json!({"EntraRoles": {"Policies": entra}})
}

#[test]
fn easypim_role_names_put_the_role_limits_in_force() {
    let settings = json!({"ActivationDuration": "PT8H", "ApprovalRequired": false});
    let reports = check(&easypim(&json!({
        "Global Administrator": settings,
        "License Administrator": settings,
        "Contoso Custom Role": settings,
    })));
    let by_role = |name: &str| {
        reports
            .iter()
            .find(|r| {
                r.diagnostics
                    .iter()
                    .any(|d| d.pointer.text().contains(name))
            })
            .map(|r| {
                let mut c: Vec<_> = r.diagnostics.iter().map(|d| d.code).collect();
                c.sort_unstable();
                (r.role.clone(), c)
            })
    };
    // Global Administrator: approval (PIM201) and its one-hour-class limit (PIM102).
    let (role, ga) = by_role("Global Administrator").unwrap();
    assert_eq!(role.as_deref(), Some("Global Administrator"));
    assert_eq!(ga, ["PIM102", "PIM201"]);
    // A built-in role that is not privileged, and a custom role pimlint cannot know:
    // the general limits, no role-tier finding.
    assert!(by_role("License Administrator").is_none());
    assert!(by_role("Contoso Custom Role").is_none());
    assert_eq!(reports.len(), 3);
    let custom = reports.iter().filter(|r| r.role.is_none()).count();
    assert_eq!(custom, 1, "only the custom role is unknown");
}

#[test]
fn easypim_array_form_names_the_role_in_role_name() {
    let config = json!({"AzureRoles": {"Policies": [
        {"RoleName": "Owner", "Scope": "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         "ApprovalRequired": "false"}
    ]}});
    let reports = check_with(&config, APPROVAL_FOR_PRIVILEGED);
    assert_eq!(reports[0].role.as_deref(), Some("Owner"));
    assert_eq!(codes(&reports), ["PIM202"]);
    assert_eq!(
        reports[0].diagnostics[0].pointer.text(),
        "/AzureRoles/Policies/0/ApprovalRequired"
    );
}

#[test]
fn group_policies_are_for_membership_or_ownership() {
    let config = json!({"GroupRoles": {"Policies": {
        "4b9d2c1a-0e3f-4a5b-8c7d-6e5f4a3b2c1d": {"Owner": {"AllowPermanentEligibility": true}}
    }}});
    let reports = check(&config);
    assert_eq!(reports[0].role.as_deref(), Some("owner"));
    let d = &reports[0].diagnostics[0];
    assert!(
        d.message.contains("ownership of the group"),
        "{}",
        d.message
    );
}
