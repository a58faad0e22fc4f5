//! `check_str` reads a policy's rules straight from the text and the rest of the document
//! into a `Value`; `check_value` reads the whole parsed document. Both must give the same
//! reports (findings, schema findings, the normalized document): over every JSON file of the
//! repository's fixtures, over every member of every rule and holder of each policy kind
//! replaced in turn by a value of each JSON type or removed, and over texts whose shape only
//! text can have (repeated members). `check_read`, which reads the same way from another
//! source than text (the objects of a language binding; here a parsed `Value`), must give
//! them too.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use pimlint::source::skeleton;
use pimlint::{DocumentKind, Options};
use serde_json::Value;

use support::{json_files, member_pointers, replacements, workspace};

fn option_sets() -> Vec<Options> {
    vec![
        Options::default(),
        Options {
            schema: false,
            ..Options::default()
        },
    ]
}

/// What a check gives: the reports as written out, and what they keep besides (the
/// normalized document, the group roles).
fn outcome(reports: Result<Vec<pimlint::DocumentReport>, pimlint::InputError>) -> String {
    match reports {
        Ok(reports) => {
            let kept: Vec<String> = reports
                .iter()
                .map(|r| format!("{:?} {:?}", r.document, r.group_roles))
                .collect();
            format!("{}\n{kept:?}", serde_json::to_string(&reports).unwrap())
        }
        Err(e) => format!("{e:?}"),
    }
}

/// Both ways, with each set of options; whether the rules were read apart.
fn alike(text: &str, what: &str) -> bool {
    alike_with(&option_sets(), text, what)
}

fn alike_with(option_sets: &[Options], text: &str, what: &str) -> bool {
    for options in option_sets {
        let by_text = pimlint::check_str(text, options);
        let parsed = pimlint::parse_json(text);
        let by_value = parsed.clone().map(|v| pimlint::check_value(&v, options));
        let by_value = outcome(by_value);
        assert_eq!(
            outcome(by_text),
            by_value,
            "{what}: check_str and check_value differ on\n{text}"
        );
        if let Ok(value) = parsed {
            let (skeleton, rules) = skeleton::read_from(&value).unwrap();
            let by_read = Ok(pimlint::check_read(skeleton, rules, options));
            assert_eq!(
                outcome(by_read),
                by_value,
                "{what}: check_read and check_value differ on\n{text}"
            );
        }
    }
    skeleton::read(text).is_ok_and(|(_, rules)| !rules.is_empty())
}

#[test]
fn every_fixture_checks_alike() {
    let root = workspace();
    let mut files = Vec::new();
    for dir in ["rules", "tests", "examples"] {
        files.extend(json_files(&root.join(dir)));
    }
    assert!(files.len() > 100, "fixtures not found");
    let mut apart = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        apart += usize::from(alike(&text, &path.display().to_string()));
    }
    assert!(apart > 100, "documents with rules read apart: {apart}");
}

fn mutate_every_member(name: &str, keep: usize) {
    let path = workspace().join("tests/fixtures/realistic").join(name);
    let mut value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    // A few rules of each type are enough, and keep the run short.
    for holder in ["", "/properties", "/policy"] {
        for list in ["rules", "effectiveRules"] {
            if let Some(Value::Array(rules)) = value.pointer_mut(&format!("{holder}/{list}")) {
                let mut seen = std::collections::HashSet::new();
                rules.retain(|r| {
                    let t = r.get("@odata.type").or_else(|| r.get("ruleType"));
                    seen.insert(t.map(ToString::to_string)) || seen.len() > keep
                });
            }
        }
    }
    let replacements = replacements();
    // The schema pass is on: it reads both what the reader found and the text.
    let options = [Options::default()];
    let mut pointers = Vec::new();
    member_pointers(&value, "", &mut pointers);
    assert!(pointers.len() > 20, "{name}");
    let mut apart = 0;
    for pointer in &pointers {
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        let mut removed = value.clone();
        if let Some(Value::Object(map)) = removed.pointer_mut(parent) {
            map.remove(&last.replace("~1", "/").replace("~0", "~"));
            let what = format!("{name}: {pointer} removed");
            apart += usize::from(alike_with(&options, &removed.to_string(), &what));
        }
        for replacement in &replacements {
            let mut mutated = value.clone();
            *mutated.pointer_mut(pointer).unwrap() = replacement.clone();
            let what = format!("{name}: {pointer} = {replacement}");
            apart += usize::from(alike_with(&options, &mutated.to_string(), &what));
        }
    }
    assert!(
        apart > pointers.len(),
        "{name}: rules read apart {apart} times"
    );
}

#[test]
fn graph_policy_members_of_every_json_type_check_alike() {
    mutate_every_member("graph-policy-entra-defaults.json", 1);
}

#[test]
fn arm_policy_members_of_every_json_type_check_alike() {
    mutate_every_member("arm-policy-subscription.json", 1);
}

#[test]
fn graph_assignment_members_of_every_json_type_check_alike() {
    mutate_every_member(
        "graph-policy-assignment-expanded-privileged-role-admin.json",
        0,
    );
}

#[test]
fn texts_only_text_can_have_check_alike() {
    let rule = r##"{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
        "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true,
        "maximumDuration": "PT8H", "target": {"caller": "EndUser", "operations": ["All"],
        "level": "Assignment"}}"##;
    let texts = [
        // Repeated members: the last one counts, as in a parsed value.
        format!(r#"{{"id": "Directory_x", "rules": [{rule}], "rules": null}}"#),
        format!(r#"{{"id": "Directory_x", "rules": null, "rules": [{rule}]}}"#),
        format!(r#"{{"id": "Directory_x", "rules": [{rule}], "rules": [{rule}, {rule}]}}"#),
        format!(r#"{{"properties": {{"rules": [{rule}]}}, "properties": {{"rules": []}}}}"#),
        r#"{"id": "Directory_x", "rules": [{"id": "a", "id": 3, "target": {}}]}"#.to_owned(),
        // The discriminator after the members it decides, and twice.
        r#"{"rules": [{"maximumDuration": "P1D", "ruleType": "RoleManagementPolicyExpirationRule"}]}"#.to_owned(),
        r#"{"rules": [{"ruleType": "RoleManagementPolicyExpirationRule", "ruleType": "RoleManagementPolicyApprovalRule", "setting": {"isApprovalRequired": true}}]}"#.to_owned(),
        // The Graph discriminator first (the rule is read straight into its type), repeated
        // with another type, the same type, `null`; not a known type; with the members of
        // other types and an ARM discriminator that disagrees.
        r##"{"rules": [{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "maximumDuration": "P1D", "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule", "setting": {"isApprovalRequired": true}}]}"##.to_owned(),
        r##"{"rules": [{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "maximumDuration": "P1D", "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule"}]}"##.to_owned(),
        r##"{"rules": [{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_Admin_Eligibility", "@odata.type": null}]}"##.to_owned(),
        r##"{"rules": [{"@odata.type": "#microsoft.graph.other", "id": "Expiration_Admin_Eligibility", "maximumDuration": "P1D"}]}"##.to_owned(),
        r#"{"rules": [{"@odata.type": 3, "ruleType": "RoleManagementPolicyExpirationRule", "maximumDuration": "P1D"}]}"#.to_owned(),
        r##"{"rules": [{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "setting": {"isApprovalRequired": true}, "notificationRecipients": ["a", 3], "isEnabled": "yes", "id": "Expiration_Admin_Eligibility"}]}"##.to_owned(),
        r##"{"rules": [{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "ruleType": "RoleManagementPolicyApprovalRule", "id": "Approval_EndUser_Assignment"}, {}]}"##.to_owned(),
        // Rules where the kind does not have them, and in lists and arrays.
        format!(r#"{{"properties": {{"rules": [{rule}]}}, "rules": [{rule}]}}"#),
        format!(r#"{{"properties": {{"policyId": "/x", "rules": [{rule}]}}}}"#),
        format!(r#"{{"value": [{{"id": "Directory_x", "rules": [{rule}]}}]}}"#),
        format!(r#"[{{"id": "Directory_x", "rules": [{rule}]}}]"#),
        format!(r#"{{"policy": {{"rules": [{rule}]}}, "policyId": "Directory_x", "roleDefinitionId": "r"}}"#),
        // Rules that are not objects, and escapes in names and values.
        r#"{"rules": [null, 3, "x", [null], {"id": "Expiration_Admin_Eligibility"}]}"#.to_owned(),
        r##"{"rules": [{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyNotificationRule", "i\u0064": "Notification_Admin_Admin_Eligibility", "notificationRecipients": ["a\"b", null]}]}"##.to_owned(),
        // Text that does not parse: the same error either way.
        format!(r#"{{"rules": [{rule}]"#),
        String::new(),
    ];
    for text in &texts {
        alike(text, "text");
    }
}

#[test]
fn a_forced_kind_checks_alike() {
    let path = workspace().join("tests/fixtures/realistic/graph-policy-entra-defaults.json");
    let text = std::fs::read_to_string(path).unwrap();
    for kind in DocumentKind::ALL {
        let options = Options {
            kind: Some(kind),
            ..Options::default()
        };
        let by_text = pimlint::check_str(&text, &options);
        let value = pimlint::parse_json(&text).unwrap();
        let by_value = pimlint::check_value(&value, &options);
        assert_eq!(outcome(by_text), outcome(Ok(by_value)), "{kind:?}");
    }
}
