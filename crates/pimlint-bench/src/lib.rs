//! A synthetic tenant export for benchmarks: Entra role policy assignments (policy
//! expanded), Group member/owner policies and Azure resource policies at subscription and
//! resource-group scopes, with a share of risky settings, built from the shipped examples.

use std::io::{self, Write};

use serde_json::Value;

#[cfg(feature = "rego")]
pub mod rego;

const ENTRA: &str = include_str!("../../../examples/tenant-export/global-administrator.json");
const GROUPS: &str = include_str!("../../../examples/tenant-export/group-oncall-admins.json");
const AZURE: &str =
    include_str!("../../../examples/tenant-export/azure-subscription-policies.json");

/// Entra role template ids: a few highly privileged, most not.
const ROLES: &[&str] = &[
    "62e90394-69f5-4237-9190-012177145e10",
    "e8611ab8-c189-46e8-94e1-60213ab1f814",
    "194ae4cb-b126-40b2-bd5b-6091b380977d",
    "fe930be7-5e62-47db-91af-98c3a49a38b1",
    "729827e3-9c14-49f7-bb1b-9608f156bbb8",
    "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
    "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
    "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
    "29232cdf-9323-42fd-ade2-1d097af3e4de",
    "b0f54661-2d74-4c50-afa3-1ec803f12efe",
];

/// Azure built-in role definition ids: Owner, Contributor, Reader, User Access Administrator.
const AZURE_ROLES: &[&str] = &[
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
];

const DURATIONS: &[&str] = &["PT1H", "PT2H", "PT4H", "PT8H", "PT10H", "PT24H"];

/// The export generator: document `i` is a pure function of `i`.
#[derive(Debug)]
pub struct Generator {
    entra: Value,
    group: Value,
    azure: Value,
}

fn first_item(text: &str) -> Value {
    let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    match value.get("value").and_then(|v| v.get(0)) {
        Some(first) => first.clone(),
        None => value,
    }
}

fn guid(kind: u32, i: u64) -> String {
    format!(
        "{kind:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        (i >> 48) & 0xffff,
        (i >> 36) & 0xfff,
        (i >> 24) & 0xfff,
        i & 0xff_ffff_ffff
    )
}

fn set(value: &mut Value, pointer: &str, new: Value) {
    if let Some(slot) = value.pointer_mut(pointer) {
        *slot = new;
    }
}

/// Index of the rule with `id` in a rules array.
fn rule<'a>(rules: &'a mut Value, id: &str) -> Option<&'a mut Value> {
    rules
        .as_array_mut()?
        .iter_mut()
        .find(|r| r.get("id").and_then(Value::as_str) == Some(id))
}

/// Makes the settings of document `i` vary: activation length, approval, MFA, permanence.
fn vary(rules: &mut Value, i: u64) {
    let pick = usize::try_from(i % 7).unwrap_or(0) % DURATIONS.len();
    if let Some(r) = rule(rules, "Expiration_EndUser_Assignment") {
        set(r, "/maximumDuration", Value::from(DURATIONS[pick]));
    }
    if let Some(r) = rule(rules, "Approval_EndUser_Assignment") {
        set(r, "/setting/isApprovalRequired", Value::from(i % 3 == 0));
    }
    if let Some(r) = rule(rules, "Enablement_EndUser_Assignment") {
        let enabled = if i % 5 == 0 {
            serde_json::json!(["Justification"])
        } else {
            serde_json::json!(["MultiFactorAuthentication", "Justification"])
        };
        set(r, "/enabledRules", enabled);
    }
    if let Some(r) = rule(rules, "Expiration_Admin_Eligibility") {
        set(r, "/isExpirationRequired", Value::from(i % 4 != 0));
    }
}

impl Generator {
    /// Builds the generator from the examples compiled in.
    #[must_use]
    pub fn new() -> Self {
        Self {
            entra: first_item(ENTRA),
            group: first_item(GROUPS),
            azure: first_item(AZURE),
        }
    }

    /// Document `i` of the export.
    #[must_use]
    pub fn document(&self, i: u64) -> Value {
        match i % 20 {
            // 40 %: Entra role policy assignments with the policy expanded.
            0..=7 => {
                let mut doc = self.entra.clone();
                let role = ROLES[usize::try_from(i / 20).unwrap_or(0) % ROLES.len()];
                let policy_id = format!("Directory_{}_{}", guid(1, 0), guid(2, i));
                set(
                    &mut doc,
                    "/id",
                    Value::from(format!("{policy_id}_{role}_RoleDefinition_")),
                );
                set(&mut doc, "/policyId", Value::from(policy_id.clone()));
                set(&mut doc, "/roleDefinitionId", Value::from(role));
                set(&mut doc, "/policy/id", Value::from(policy_id));
                if let Some(rules) = doc.pointer_mut("/policy/rules") {
                    vary(rules, i);
                }
                doc
            }
            // 15 %: Group member and owner policies.
            8..=10 => {
                let mut doc = self.group.clone();
                let policy_id = format!("Group_{}_{}", guid(3, i / 2), guid(4, i));
                set(
                    &mut doc,
                    "/id",
                    Value::from(format!(
                        "{policy_id}_{}",
                        if i % 2 == 0 { "member" } else { "owner" }
                    )),
                );
                set(&mut doc, "/policyId", Value::from(policy_id.clone()));
                set(
                    &mut doc,
                    "/roleDefinitionId",
                    Value::from(if i % 2 == 0 { "member" } else { "owner" }),
                );
                set(&mut doc, "/policy/id", Value::from(policy_id));
                if let Some(rules) = doc.pointer_mut("/policy/rules") {
                    vary(rules, i);
                }
                doc
            }
            // 45 %: Azure resource policies at subscription and resource-group scopes.
            _ => {
                let mut doc = self.azure.clone();
                let subscription = guid(5, i / 40);
                let scope = if i % 2 == 0 {
                    format!("/subscriptions/{subscription}")
                } else {
                    format!("/subscriptions/{subscription}/resourceGroups/rg-{}", i % 97)
                };
                let name = guid(6, i);
                set(
                    &mut doc,
                    "/id",
                    Value::from(format!(
                        "{scope}/providers/Microsoft.Authorization/roleManagementPolicies/{name}"
                    )),
                );
                set(&mut doc, "/name", Value::from(name));
                set(&mut doc, "/properties/scope", Value::from(scope.clone()));
                let role = AZURE_ROLES[usize::try_from(i).unwrap_or(0) % AZURE_ROLES.len()];
                if let Some(rules) = doc.pointer_mut("/properties/rules") {
                    vary(rules, i);
                }
                set(
                    &mut doc,
                    "/properties/policyProperties/scope/id",
                    Value::from(format!(
                        "{scope}/providers/Microsoft.Authorization/roleDefinitions/{role}"
                    )),
                );
                doc
            }
        }
    }

    /// Schedule `i` of the export: who holds a role, as Graph lists it with
    /// `$expand=principal` — eligibility instances (60 %), active instances (30 %, a tenth of
    /// them permanent) and assignment schedules (10 %, a tenth made outside PIM).
    #[must_use]
    pub fn schedule(&self, i: u64) -> Value {
        let role = ROLES[usize::try_from(i).unwrap_or(0) % ROLES.len()];
        let principal = guid(7, i / 3);
        let expanded = serde_json::json!({
            "@odata.type": "#microsoft.graph.user",
            "id": principal,
            "displayName": format!("User {}", i / 3),
            "userPrincipalName": format!("user{}@contoso.example", i / 3),
            "userType": if i % 53 == 0 { "Guest" } else { "Member" },
            "onPremisesSyncEnabled": (i % 29 == 0).then_some(true),
        });
        let context = "https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/";
        match i % 10 {
            0..=5 => serde_json::json!({
                "@odata.context": format!("{context}roleEligibilityScheduleInstances/$entity"),
                "id": guid(8, i), "principalId": principal, "roleDefinitionId": role,
                "directoryScopeId": "/", "appScopeId": null, "memberType": "Direct",
                "startDateTime": "2026-06-01T09:00:00Z",
                "endDateTime": if i % 7 == 0 { Value::Null } else { Value::from("2027-05-31T09:00:00Z") },
                "roleEligibilityScheduleId": guid(9, i), "principal": expanded,
            }),
            6..=8 => serde_json::json!({
                "@odata.context": format!("{context}roleAssignmentScheduleInstances/$entity"),
                "id": guid(10, i), "principalId": principal, "roleDefinitionId": role,
                "directoryScopeId": "/", "appScopeId": null, "memberType": "Direct",
                "assignmentType": if i % 10 == 6 { "Assigned" } else { "Activated" },
                "startDateTime": "2026-11-29T08:00:00Z",
                "endDateTime": if i % 100 == 6 { Value::Null } else { Value::from("2026-11-29T10:00:00Z") },
                "roleAssignmentScheduleId": guid(11, i), "principal": expanded,
            }),
            _ => serde_json::json!({
                "@odata.context": format!("{context}roleAssignmentSchedules/$entity"),
                "id": guid(12, i), "principalId": principal, "roleDefinitionId": role,
                "directoryScopeId": "/", "appScopeId": null, "memberType": "Direct",
                "assignmentType": "Assigned", "status": "Provisioned",
                "createdUsing": if i % 100 == 9 { Value::Null } else { Value::from(guid(12, i)) },
                "scheduleInfo": {"startDateTime": "2026-01-05T10:00:00Z", "recurrence": null,
                    "expiration": {"type": "afterDateTime", "endDateTime": "2027-01-05T10:00:00Z", "duration": null}},
                "principal": expanded,
            }),
        }
    }

    /// Writes schedules `0..count` as NDJSON lines.
    pub fn write_schedules(&self, count: u64, out: &mut impl Write) -> io::Result<()> {
        for i in 0..count {
            serde_json::to_writer(&mut *out, &self.schedule(i))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Writes documents `0..count` as NDJSON, or as one JSON array when `array`.
    pub fn write(&self, count: u64, array: bool, out: &mut impl Write) -> io::Result<()> {
        if array {
            out.write_all(b"[\n")?;
        }
        for i in 0..count {
            if array && i > 0 {
                out.write_all(b",\n")?;
            }
            serde_json::to_writer(&mut *out, &self.document(i))?;
            if !array {
                out.write_all(b"\n")?;
            }
        }
        if array {
            out.write_all(b"\n]\n")?;
        }
        Ok(())
    }
}

impl Default for Generator {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_document_is_a_readable_policy_of_the_intended_mix() {
        let generator = Generator::new();
        let mut kinds = std::collections::BTreeMap::new();
        for i in 0..200 {
            let document = generator.document(i);
            assert_eq!(document, generator.document(i), "deterministic");
            for report in pimlint::check_value(&document, &pimlint::Options::default()) {
                assert_eq!(report.error, None, "document {i}");
                *kinds
                    .entry(report.kind.map(pimlint::DocumentKind::as_str))
                    .or_insert(0) += 1;
            }
        }
        assert_eq!(kinds.get(&Some("graph-policy-assignment")), Some(&110));
        assert_eq!(kinds.get(&Some("arm-policy")), Some(&90));
    }

    #[test]
    fn generated_schedules_are_readable_and_of_the_intended_mix() {
        let generator = Generator::new();
        let mut kinds = std::collections::BTreeMap::new();
        for i in 0..100 {
            for report in pimlint::check_value(&generator.schedule(i), &pimlint::Options::default())
            {
                assert_eq!(report.error, None, "schedule {i}");
                assert!(
                    report.diagnostics.is_empty(),
                    "schedule {i}: {:?}",
                    report.diagnostics
                );
                *kinds
                    .entry(report.kind.map(pimlint::DocumentKind::as_str))
                    .or_insert(0) += 1;
            }
        }
        assert_eq!(
            kinds.get(&Some("graph-role-eligibility-schedule-instance")),
            Some(&60)
        );
        assert_eq!(
            kinds.get(&Some("graph-role-assignment-schedule-instance")),
            Some(&30)
        );
        assert_eq!(
            kinds.get(&Some("graph-role-assignment-schedule")),
            Some(&10)
        );
    }
}
