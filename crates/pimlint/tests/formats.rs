//! Policy as code reads as the API document it stands for: a Terraform plan and an ARM
//! template give the findings their equivalent ARM JSON gives, placed in the user's own file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::PathBuf;

use pimlint::{Locator, Options, Pointer};

fn fixture(path: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Finding codes, sorted; `PIM018` (what the source leaves unknown) is the source's own.
fn codes(text: &str, options: &Options) -> Vec<&'static str> {
    let reports = pimlint::check_str(text, options).unwrap();
    for r in &reports {
        assert!(r.error.is_none(), "{:?}", r.error);
    }
    let mut codes: Vec<_> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.code))
        .filter(|c| *c != "PIM018")
        .collect();
    codes.sort_unstable();
    codes
}

/// Every finding points at something that is there in the source file, and names the
/// source object.
fn assert_placed(text: &str, options: &Options, name: &str) {
    let locator = Locator::new(text);
    for report in pimlint::check_str(text, options).unwrap() {
        for d in &report.diagnostics {
            let located = locator.locate(&d.pointer).expect("locatable");
            assert!(
                located.exact,
                "{} at {} is not in the file",
                d.code, d.pointer
            );
            let note = d.note.as_deref().unwrap_or_default();
            assert!(
                note.contains(name),
                "{}: note {note:?} lacks {name}",
                d.code
            );
        }
    }
}

#[test]
fn terraform_plan_gives_the_findings_of_its_arm_equivalent() {
    let plan = fixture("terraform/plan.json");
    let options = Options::default();
    assert_eq!(
        codes(&plan, &options),
        codes(&fixture("terraform/equivalent-arm.json"), &options)
    );
    assert!(!codes(&plan, &options).is_empty());
    assert_placed(
        &plan,
        &options,
        "module.pim.azurerm_role_management_policy.contributor",
    );
}

#[test]
fn terraform_findings_point_into_resource_changes() {
    let plan = fixture("terraform/plan.json");
    let reports = pimlint::check_str(&plan, &Options::default()).unwrap();
    let d = reports[0]
        .diagnostics
        .iter()
        .find(|d| d.code == "PIM301")
        .unwrap();
    assert_eq!(
        d.pointer,
        Pointer::parse(
            "/resource_changes/0/change/after/eligible_assignment_rules/0/expiration_required"
        )
        .unwrap()
    );
}

#[test]
fn unknown_after_apply_is_unknown_never_a_default() {
    // require_justification known only after apply: the activation's enabled rules are
    // unknown, so no finding that justification or MFA is off.
    let plan = serde_json::json!({
        "format_version": "1.2",
        "resource_changes": [{
            "address": "azurerm_role_management_policy.p",
            "mode": "managed",
            "type": "azurerm_role_management_policy",
            "change": {
                "actions": ["create"],
                "after": {"activation_rules": [{"require_multifactor_authentication": false}]},
                "after_unknown": {"activation_rules": [{"require_justification": true}]}
            }
        }]
    });
    let reports = pimlint::check_value(&plan, &Options::default());
    let codes: Vec<_> = reports[0].diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["PIM018"]);
    assert!(
        reports[0].diagnostics[0]
            .message
            .contains("require_justification")
    );
}

#[test]
fn group_policy_reads_as_a_graph_update_for_a_group() {
    // azuread's own example nests recipients outside events; both orders are read.
    let state = serde_json::json!({
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {"root_module": {"resources": [{
            "address": "azuread_group_role_management_policy.example",
            "mode": "managed",
            "type": "azuread_group_role_management_policy",
            "values": {
                "group_id": "4b9d2c1a-0e3f-4a5b-8c7d-6e5f4a3b2c1d",
                "assignment_type": "member",
                "eligible_assignment_rules": [{"expiration_required": false}],
                "active_assignment_rules": [{"expire_after": "P365D"}],
                "notification_rules": [{"approver_notifications": [{"eligible_assignments": [{
                    "notification_level": "Critical",
                    "default_recipients": false,
                    "additional_recipients": ["someone@example.com"]
                }]}]}]
            }
        }]}}
    });
    let reports = pimlint::check_value(&state, &Options::default());
    assert_eq!(reports.len(), 1);
    assert_eq!(
        reports[0].kind,
        Some(pimlint::DocumentKind::GraphPolicyUpdate)
    );
    assert!(reports[0].diagnostics.iter().any(|d| d.code == "PIM301"
        && d.pointer.text()
            == "/values/root_module/resources/0/values/eligible_assignment_rules/0/expiration_required"));
}

#[test]
fn azapi_body_is_read_as_the_arm_document_it_is() {
    let plan = serde_json::json!({
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": [{
            "address": "azapi_update_resource.policy",
            "mode": "managed",
            "type": "azapi_update_resource",
            "values": {
                "type": "Microsoft.Authorization/roleManagementPolicies@2020-10-01",
                "body": {"properties": {"rules": [{
                    "id": "Expiration_Admin_Eligibility",
                    "ruleType": "RoleManagementPolicyExpirationRule",
                    "isExpirationRequired": false,
                    "target": {"caller": "Admin", "operations": ["All"], "level": "Eligibility"}
                }]}}
            }
        }]}}
    });
    let reports = pimlint::check_value(&plan, &Options::default());
    let d = &reports[0].diagnostics[0];
    assert_eq!(d.code, "PIM301");
    assert_eq!(
        d.pointer.text(),
        "/planned_values/root_module/resources/0/values/body/properties/rules/0/isExpirationRequired"
    );
}

#[test]
fn a_plan_without_pim_resources_has_no_documents() {
    let plan = serde_json::json!({"format_version": "1.2", "planned_values": {"root_module": {}}});
    assert!(pimlint::check_value(&plan, &Options::default()).is_empty());
}

#[test]
fn arm_template_gives_the_findings_of_its_arm_equivalent() {
    let template = fixture("arm-template/policy.json");
    let parameters: serde_json::Value =
        serde_json::from_str(&fixture("arm-template/policy.parameters.json")).unwrap();
    let options = Options {
        parameters: Some(parameters),
        ..Options::default()
    };
    assert_eq!(
        codes(&template, &options),
        codes(
            &fixture("arm-template/equivalent-arm.json"),
            &Options::default()
        )
    );
    assert_placed(&template, &options, "in template resource");
}

#[test]
fn template_expressions_are_unknown_without_parameters() {
    let template = fixture("arm-template/policy.json");
    let reports = pimlint::check_str(&template, &Options::default()).unwrap();
    let all: Vec<_> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    assert!(!all.iter().any(|d| d.code == "PIM102"));
    assert!(
        all.iter()
            .any(|d| d.code == "PIM018" && d.message.contains("maximumDuration"))
    );
}

#[test]
fn a_forced_format_that_does_not_fit_is_an_error() {
    let options = Options {
        format: Some(pimlint::formats::Format::Terraform),
        ..Options::default()
    };
    let reports = pimlint::check_str(&fixture("terraform/equivalent-arm.json"), &options).unwrap();
    assert!(
        reports[0]
            .error
            .as_deref()
            .unwrap()
            .contains("terraform show -json")
    );
}

#[test]
fn easypim_config_gives_the_findings_of_its_api_equivalent() {
    let config = fixture("easypim/pim-config.json");
    // The configuration names its roles, and both are privileged; a policy body does not name
    // its role, so the two agree once the roles are held to the general limits.
    let options = Options {
        config: pimlint::config::Config::from_toml(
            "[privileged-roles]\nexclude = [\"Owner\", \"Security Reader\"]\n",
            false,
        )
        .unwrap(),
        ..Options::default()
    };
    assert_eq!(
        codes(&config, &options),
        codes(&fixture("easypim/equivalent-api.json"), &options)
    );
    assert_placed(&config, &options, "in EasyPIM policy");
}

#[test]
fn easypim_template_findings_point_at_the_template() {
    let config = fixture("easypim/pim-config.json");
    let reports = pimlint::check_str(&config, &Options::default()).unwrap();
    let d = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .find(|d| d.code == "PIM102")
        .unwrap();
    assert_eq!(
        d.pointer.text(),
        "/PolicyTemplates/Standard/ActivationDuration"
    );
    assert!(d.note.as_deref().unwrap().contains("Security Reader"));
}
