//! How the tenant view's documents are told apart: the `@odata.context` path segment of a
//! Graph list or entity, and the members each kind alone carries.

use serde_json::{Map, Value};

use crate::kind::DocumentKind;

/// The kind a Graph `@odata.context` path ends with (`…/roleAssignmentScheduleInstances`);
/// `group` when the path is under `privilegedAccess/group`.
pub(crate) fn from_context_segment(last: &str, group: bool) -> Option<DocumentKind> {
    Some(match last {
        "assignmentSchedules" if group => DocumentKind::GraphGroupAssignmentSchedule,
        "assignmentScheduleInstances" if group => {
            DocumentKind::GraphGroupAssignmentScheduleInstance
        }
        "eligibilitySchedules" if group => DocumentKind::GraphGroupEligibilitySchedule,
        "eligibilityScheduleInstances" if group => {
            DocumentKind::GraphGroupEligibilityScheduleInstance
        }
        "roleAssignmentSchedules" => DocumentKind::GraphRoleAssignmentSchedule,
        "roleAssignmentScheduleInstances" => DocumentKind::GraphRoleAssignmentScheduleInstance,
        "roleEligibilitySchedules" => DocumentKind::GraphRoleEligibilitySchedule,
        "roleEligibilityScheduleInstances" => DocumentKind::GraphRoleEligibilityScheduleInstance,
        "roleAssignments" => DocumentKind::GraphRoleAssignment,
        "roleDefinitions" => DocumentKind::GraphRoleDefinition,
        "alerts" => DocumentKind::GraphAlert,
        "alertConfigurations" => DocumentKind::GraphAlertConfiguration,
        "alertDefinitions" => DocumentKind::GraphAlertDefinition,
        _ => return None,
    })
}

/// The kind the members of a document without `@odata.type`, context or ARM `type` say.
/// Only members that one kind alone carries decide; anything else is left to the policy and
/// request shapes.
pub(crate) fn from_shape(obj: &Map<String, Value>) -> Option<DocumentKind> {
    let has = |key: &str| obj.contains_key(key);
    if let Some(Value::Object(props)) = obj.get("properties") {
        let has_prop = |key: &str| props.contains_key(key);
        return if has_prop("roleAssignmentScheduleId") {
            Some(DocumentKind::ArmRoleAssignmentScheduleInstance)
        } else if has_prop("roleEligibilityScheduleId") {
            Some(DocumentKind::ArmRoleEligibilityScheduleInstance)
        } else if has_prop("roleAssignmentScheduleRequestId") {
            Some(DocumentKind::ArmRoleAssignmentSchedule)
        } else if has_prop("roleEligibilityScheduleRequestId") {
            Some(DocumentKind::ArmRoleEligibilitySchedule)
        } else if has_prop("roleName") && has_prop("permissions") {
            Some(DocumentKind::ArmRoleDefinition)
        } else if has_prop("alertConfigurationType") {
            Some(DocumentKind::ArmAlertConfiguration)
        } else if has_prop("alertDefinition") && has_prop("incidentCount") {
            Some(DocumentKind::ArmAlert)
        } else {
            None
        };
    }
    let group = has("groupId") && has("accessId");
    if has("roleAssignmentScheduleId") {
        Some(DocumentKind::GraphRoleAssignmentScheduleInstance)
    } else if has("roleEligibilityScheduleId") {
        Some(DocumentKind::GraphRoleEligibilityScheduleInstance)
    } else if group && has("assignmentScheduleId") {
        Some(DocumentKind::GraphGroupAssignmentScheduleInstance)
    } else if group && has("eligibilityScheduleId") {
        Some(DocumentKind::GraphGroupEligibilityScheduleInstance)
    } else if has("rolePermissions") {
        Some(DocumentKind::GraphRoleDefinition)
    } else if has("alertDefinitionId") && has("incidentCount") {
        Some(DocumentKind::GraphAlert)
    } else if has("alertDefinitionId") && has("isEnabled") {
        Some(DocumentKind::GraphAlertConfiguration)
    } else if has("mitigationSteps") || has("securityImpact") {
        Some(DocumentKind::GraphAlertDefinition)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::detect;
    use serde_json::json;

    #[test]
    fn detects_tenant_kinds() {
        let k = |v: Value| detect(&v, None).unwrap();
        assert_eq!(
            k(
                json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignmentScheduleInstances(principal())/$entity"})
            ),
            DocumentKind::GraphRoleAssignmentScheduleInstance
        );
        assert_eq!(
            k(
                json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identityGovernance/privilegedAccess/group/eligibilitySchedules/$entity"})
            ),
            DocumentKind::GraphGroupEligibilitySchedule
        );
        assert_eq!(
            k(
                json!({"@odata.type": "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration"})
            ),
            DocumentKind::GraphAlertConfiguration
        );
        assert_eq!(
            k(json!({"@odata.type": "#microsoft.graph.unifiedRoleEligibilityScheduleInstance"})),
            DocumentKind::GraphRoleEligibilityScheduleInstance
        );
        assert_eq!(
            k(
                json!({"type": "Microsoft.Authorization/roleAssignmentScheduleInstances", "properties": {}})
            ),
            DocumentKind::ArmRoleAssignmentScheduleInstance
        );
        assert_eq!(
            k(
                json!({"id": "/subscriptions/x/providers/Microsoft.Authorization/roleEligibilitySchedules/y"})
            ),
            DocumentKind::ArmRoleEligibilitySchedule
        );
        assert_eq!(
            k(json!({"properties": {"roleEligibilityScheduleRequestId": "r"}})),
            DocumentKind::ArmRoleEligibilitySchedule
        );
        assert_eq!(
            k(
                json!({"principalId": "p", "roleDefinitionId": "r", "roleAssignmentScheduleId": "s"})
            ),
            DocumentKind::GraphRoleAssignmentScheduleInstance
        );
        assert_eq!(
            k(json!({"groupId": "g", "accessId": "member", "eligibilityScheduleId": "s"})),
            DocumentKind::GraphGroupEligibilityScheduleInstance
        );
        assert!(DocumentKind::ArmAlert.is_arm() && DocumentKind::ArmAlert.is_tenant());
        assert!(!DocumentKind::GraphPolicy.is_tenant());
    }
}
