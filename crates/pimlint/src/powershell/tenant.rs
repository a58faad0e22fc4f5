//! PowerShell exports of the tenant view: schedules, instances, role assignments and role
//! definitions, as the Microsoft Graph PowerShell SDK (`Get-MgRoleManagementDirectory…`,
//! `Get-MgIdentityGovernancePrivilegedAccessGroup…`) and Az.Resources
//! (`Get-AzRole…Schedule[Instance]`, `Get-AzRoleAssignment`) write them.
//!
//! The Graph SDK's objects are read like its policies and requests (PascalCase members,
//! `AdditionalProperties`); a list carries no `@odata.context`, so the members the model class
//! declares say which kind each object is. Az's schedules are flattened like its requests,
//! with the same expanded principal, role and scope members ([`AZ_EXPANDED`]).

#[allow(clippy::wildcard_imports, reason = "one converter, split by exporter")]
use super::*;

/// The shape of a tenant-view export object, from the members its model class declares
/// (every declared member is written, `null` or not, so presence is what tells).
pub(super) fn shape_of(obj: &Map<String, Value>) -> Option<Shape> {
    let has = |key: &str| obj.contains_key(key);
    // Requests and policy assignments are told apart before this; keep clear of them.
    if has("Action") || has("RequestType") || has("PolicyId") {
        return None;
    }
    if let Some(kind) = az_kind(obj) {
        return Some(Shape::AzSchedule(kind));
    }
    if has("RoleAssignmentId") && has("ObjectId") && has("RoleDefinitionId") {
        return Some(Shape::AzRoleAssignment);
    }
    graph_kind(obj).map(Shape::GraphTenant)
}

/// The ARM kind of an Az schedule or instance: the member only it carries.
fn az_kind(obj: &Map<String, Value>) -> Option<DocumentKind> {
    let has = |key: &str| obj.contains_key(key);
    if !(has("Scope") && has("PrincipalId") && has("RoleDefinitionId")) {
        return None;
    }
    if has("RoleAssignmentScheduleId") {
        Some(DocumentKind::ArmRoleAssignmentScheduleInstance)
    } else if has("RoleEligibilityScheduleId") {
        Some(DocumentKind::ArmRoleEligibilityScheduleInstance)
    } else if has("RoleAssignmentScheduleRequestId") {
        Some(DocumentKind::ArmRoleAssignmentSchedule)
    } else if has("RoleEligibilityScheduleRequestId") {
        Some(DocumentKind::ArmRoleEligibilitySchedule)
    } else {
        None
    }
}

/// The Graph kind of a Graph SDK object of the tenant view.
fn graph_kind(obj: &Map<String, Value>) -> Option<DocumentKind> {
    use DocumentKind as K;
    let has = |key: &str| obj.contains_key(key);
    if !has("Id") {
        return None;
    }
    if has("RolePermissions") && (has("IsBuiltIn") || has("TemplateId")) {
        return Some(K::GraphRoleDefinition);
    }
    let group = has("GroupId") && has("AccessId");
    let role = has("RoleDefinitionId") && has("DirectoryScopeId");
    if !(has("PrincipalId") && (group || role)) {
        return None;
    }
    // Only assignment schedules and instances declare how the assignment was made.
    let assignment = has("AssignmentType") || has("ActivatedUsing");
    Some(if group {
        if has("AssignmentScheduleId") {
            K::GraphGroupAssignmentScheduleInstance
        } else if has("EligibilityScheduleId") {
            K::GraphGroupEligibilityScheduleInstance
        } else if !has("ScheduleInfo") {
            return None;
        } else if assignment {
            K::GraphGroupAssignmentSchedule
        } else {
            K::GraphGroupEligibilitySchedule
        }
    } else if has("RoleAssignmentScheduleId") {
        K::GraphRoleAssignmentScheduleInstance
    } else if has("RoleEligibilityScheduleId") {
        K::GraphRoleEligibilityScheduleInstance
    } else if has("ScheduleInfo") {
        if assignment {
            K::GraphRoleAssignmentSchedule
        } else {
            K::GraphRoleEligibilitySchedule
        }
    } else if has("StartDateTime") || has("MemberType") {
        return None;
    } else {
        K::GraphRoleAssignment
    })
}

/// Where the Graph API lists objects of `kind`, for the export commands messages suggest.
fn graph_list(kind: DocumentKind) -> &'static str {
    use DocumentKind as K;
    match kind {
        K::GraphRoleAssignmentSchedule => "roleManagement/directory/roleAssignmentSchedules",
        K::GraphRoleAssignmentScheduleInstance => {
            "roleManagement/directory/roleAssignmentScheduleInstances"
        }
        K::GraphRoleEligibilitySchedule => "roleManagement/directory/roleEligibilitySchedules",
        K::GraphRoleEligibilityScheduleInstance => {
            "roleManagement/directory/roleEligibilityScheduleInstances"
        }
        K::GraphGroupAssignmentSchedule => {
            "identityGovernance/privilegedAccess/group/assignmentSchedules"
        }
        K::GraphGroupAssignmentScheduleInstance => {
            "identityGovernance/privilegedAccess/group/assignmentScheduleInstances"
        }
        K::GraphGroupEligibilitySchedule => {
            "identityGovernance/privilegedAccess/group/eligibilitySchedules"
        }
        K::GraphGroupEligibilityScheduleInstance => {
            "identityGovernance/privilegedAccess/group/eligibilityScheduleInstances"
        }
        _ => "roleManagement/directory/roleAssignments",
    }
}

/// What an export loses of a principal nested in a schedule, and how to export it whole.
fn principal_lost(kind: DocumentKind, group: Option<&str>) -> String {
    let list = graph_list(kind);
    let filter = group.map_or_else(String::new, |g| format!("&$filter=groupId eq '{g}'"));
    format!(
        "the expanded principal's kind and members (@odata.type, displayName, \
         userPrincipalName, userType, onPremisesSyncEnabled) are not in the export: the \
         Microsoft Graph PowerShell SDK keeps them in AdditionalProperties, which \
         ConvertTo-Json writes only for the objects it is handed, not for a principal nested \
         in them, so whether it is a user, a guest, a synced user, a group or a service \
         principal is unknown; export with `Invoke-MgGraphRequest -Uri \
         '/v1.0/{list}?$expand=principal{filter}' -OutputType Json`"
    )
}

impl Conv {
    /// A Graph SDK schedule, instance, role assignment or role definition.
    pub(super) fn graph_tenant(
        &mut self,
        obj: &Map<String, Value>,
        at: &Pointer,
        kind: DocumentKind,
    ) -> Value {
        self.context_id = None;
        let mut value = self.graph_object(obj, at, at, false);
        if let Value::Object(out) = &mut value {
            // Lists carry no @odata.context: the members said which kind it is.
            if !(out.contains_key("@odata.context") || out.contains_key("@odata.type")) {
                self.map.link(&at.key("@odata.type"), at);
                out.insert(
                    "@odata.type".to_owned(),
                    Value::String(format!("#microsoft.graph.{}", kind.api_name())),
                );
            }
        }
        // An expanded principal keeps only its declared members (its id); what says which
        // principal it is was in its AdditionalProperties.
        if let Some(Value::Object(principal)) = obj.get("Principal") {
            let expanded = principal.get("Id").is_some_and(|id| !id.is_null());
            let kept = principal
                .get("AdditionalProperties")
                .is_some_and(|extra| extra.as_object().is_some_and(|e| !e.is_empty()));
            if expanded && !kept {
                let group = obj.get("GroupId").and_then(Value::as_str);
                self.lost
                    .push((at.key("Principal"), principal_lost(kind, group)));
            }
        }
        value
    }

    /// An Az schedule or instance: flattened like a request, with the same expanded members.
    pub(super) fn az_schedule(
        &mut self,
        obj: &Map<String, Value>,
        at: &Pointer,
        kind: DocumentKind,
    ) -> Value {
        self.context_id = obj.get("Id").and_then(Value::as_str).map(str::to_owned);
        // Each enum Az wrote as `{}` is said at the member, as written.
        self.lost_each = true;
        let mut value = self.az_flat(obj, at, at, &[AZ_EXPANDED]);
        self.lost_each = false;
        if let Value::Object(out) = &mut value {
            if !out.contains_key("type") {
                self.map.link(&at.key("type"), at);
                out.insert("type".to_owned(), Value::String(kind.api_name().to_owned()));
            }
        }
        value
    }

    /// `Get-AzRoleAssignment`'s flat `PSRoleAssignment`, as the ARM role assignment it
    /// reads, with the names the cmdlet looked up where the schedules keep them.
    pub(super) fn az_role_assignment(&mut self, obj: &Map<String, Value>, at: &Pointer) -> Value {
        self.context_id = obj
            .get("RoleAssignmentId")
            .and_then(Value::as_str)
            .map(str::to_owned);
        // `Unknown` is the cmdlet's word for a principal it could not look up: unknown, not a
        // kind of principal.
        let unknown_type = obj
            .get("ObjectType")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("Unknown"));
        let members: Map<String, Value> = obj
            .iter()
            .filter(|(k, _)| !(unknown_type && *k == "ObjectType"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut value = self.az_flat(&members, at, at, &[AZ_ROLE_ASSIGNMENT]);
        if let Value::Object(out) = &mut value {
            self.map.link(&at.key("type"), at);
            out.insert(
                "type".to_owned(),
                Value::String(DocumentKind::ArmRoleAssignment.api_name().to_owned()),
            );
        }
        value
    }
}

/// `PSRoleAssignment` members and the ARM role assignment paths they stand for; the rest go
/// to `properties` under their camelCase name.
const AZ_ROLE_ASSIGNMENT: az::Table = &[
    ("RoleAssignmentId", &["id"]),
    ("RoleAssignmentName", &["name"]),
    ("ObjectId", &["properties", "principalId"]),
    ("ObjectType", &["properties", "principalType"]),
    (
        "DisplayName",
        &[
            "properties",
            "expandedProperties",
            "principal",
            "displayName",
        ],
    ),
    (
        "SignInName",
        &["properties", "expandedProperties", "principal", "email"],
    ),
    (
        "RoleDefinitionName",
        &[
            "properties",
            "expandedProperties",
            "roleDefinition",
            "displayName",
        ],
    ),
];
