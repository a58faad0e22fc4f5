//! Migration: the iteration-3 calls that replace a legacy file.

#[allow(
    clippy::wildcard_imports,
    reason = "one converter, split by API iteration"
)]
use super::*;

/// One iteration-3 call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    /// `PATCH`, `POST` or `PUT`.
    pub method: &'static str,
    /// The URL, with `{placeholders}` for what the legacy document does not say.
    pub url: String,
    /// The request body.
    pub body: Value,
}

/// What replaces one legacy document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Migrated {
    /// Where the legacy document is in the input.
    pub pointer: Pointer,
    /// Which API it belongs to.
    pub api: Api,
    /// Which provider it is about.
    pub provider: Provider,
    /// The legacy API, its retirement and its replacement, in words.
    pub source: String,
    /// How to fill in the URLs' placeholders.
    pub note: String,
    /// The iteration-3 calls, in order.
    pub calls: Vec<Call>,
    /// What has no iteration-3 counterpart.
    pub not_carried: Vec<NotCarried>,
}

/// The iteration-3 calls for every legacy document of a converted file.
#[must_use]
pub fn migration(converted: &Converted) -> Vec<Migrated> {
    converted
        .documents
        .iter()
        .map(|doc| {
            let role = doc.role_definition_id.as_deref().unwrap_or("{roleDefinitionId}");
            let (calls, note) = match (doc.api, doc.provider) {
                (Api::Iteration1Settings | Api::Iteration2Settings, Provider::EntraRoles) => {
                    let rules = doc.converted.get("rules").and_then(Value::as_array);
                    let calls = rules
                        .into_iter()
                        .flatten()
                        .map(|rule| Call {
                            method: "PATCH",
                            url: format!(
                                "https://graph.microsoft.com/v1.0/policies/roleManagementPolicies/{{policyId}}/rules/{}",
                                rule.get("id").and_then(Value::as_str).unwrap_or("{ruleId}")
                            ),
                            body: rule.clone(),
                        })
                        .collect();
                    let note = format!(
                        "{{policyId}} is the id of the role's policy: GET \
                         https://graph.microsoft.com/v1.0/policies/roleManagementPolicyAssignments\
                         ?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole' and \
                         roleDefinitionId eq '{role}'"
                    );
                    (calls, note)
                }
                (Api::Iteration1Settings | Api::Iteration2Settings, Provider::AzureResources) => (
                    vec![Call {
                        method: "PATCH",
                        url: "https://management.azure.com/{scope}/providers/Microsoft.Authorization/\
                              roleManagementPolicies/{policyName}?api-version=2020-10-01"
                            .to_owned(),
                        body: doc.converted.clone(),
                    }],
                    format!(
                        "{{scope}} is the resource the legacy setting is on (its resourceId \
                         {}); {{policyName}} comes from GET \
                         https://management.azure.com/{{scope}}/providers/Microsoft.Authorization/\
                         roleManagementPolicyAssignments?api-version=2020-10-01&$filter=\
                         roleDefinitionId eq '{{scope}}/providers/Microsoft.Authorization/\
                         roleDefinitions/{{roleDefinitionGuid}}' (legacy role {role})",
                        "as the iteration 2 governanceResource names it"
                    ),
                ),
                (Api::Iteration1Request | Api::Iteration2Request, Provider::EntraRoles) => {
                    let eligible = doc
                        .converted
                        .get("@odata.type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.contains("Eligibility"));
                    let collection = if eligible {
                        "roleEligibilityScheduleRequests"
                    } else {
                        "roleAssignmentScheduleRequests"
                    };
                    (
                        vec![Call {
                            method: "POST",
                            url: format!(
                                "https://graph.microsoft.com/v1.0/roleManagement/directory/{collection}"
                            ),
                            body: doc.converted.clone(),
                        }],
                        "directoryScopeId \"/\" is the whole tenant, as an iteration 1 or 2 \
                         aadRoles request was"
                            .to_owned(),
                    )
                }
                (Api::Iteration1Request | Api::Iteration2Request, Provider::AzureResources) => {
                    let collection = doc
                        .converted
                        .get("type")
                        .and_then(Value::as_str)
                        .and_then(|t| t.rsplit('/').next())
                        .unwrap_or("roleAssignmentScheduleRequests")
                        .to_owned();
                    let mut body = doc.converted.clone();
                    if let Some(obj) = body.as_object_mut() {
                        obj.remove("type");
                    }
                    (
                        vec![Call {
                            method: "PUT",
                            url: format!(
                                "https://management.azure.com/{{scope}}/providers/\
                                 Microsoft.Authorization/{collection}/{{newGuid}}\
                                 ?api-version=2020-10-01"
                            ),
                            body,
                        }],
                        format!(
                            "{{scope}} is the resource the legacy request was on; {{newGuid}} is \
                             a new GUID you choose; the body does not say its kind, so lint it \
                             with --kind {}",
                            if collection.starts_with("roleEligibility") {
                                "arm-role-eligibility-request"
                            } else {
                                "arm-role-assignment-request"
                            }
                        ),
                    )
                }
            };
            Migrated {
                pointer: doc.pointer.clone(),
                api: doc.api,
                provider: doc.provider,
                source: format!(
                    "{}, which {}; its replacement is {}",
                    doc.api.describe(doc.provider),
                    doc.api.retirement(),
                    doc.api.replacement(doc.provider)
                ),
                note,
                calls,
                not_carried: doc.not_carried.clone(),
            }
        })
        .collect()
}
