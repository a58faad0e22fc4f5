//! Schedules and instances — who holds a role or a group membership, active or eligible —
//! and role assignments, as Graph and ARM return them.

use super::policy::source_object;
use super::{Field, ScheduleInfo};

source_object! {
    /// Graph `unifiedRole{Assignment,Eligibility}Schedule[Instance]`,
    /// `privilegedAccessGroup{Assignment,Eligibility}Schedule[Instance]` and
    /// `unifiedRoleAssignment`: one object carries the members of all of them.
    pub struct GraphSchedule {
        /// `@odata.context`.
        #[rename = "@odata.context"]
        pub odata_context: String,
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// Schedule, instance or assignment id.
        pub id: String,
        /// Who holds it.
        pub principal_id: String,
        /// The principal, when `$expand=principal` was asked for.
        pub principal: Principal,
        /// Role template id (Entra roles).
        pub role_definition_id: String,
        /// The role definition, when expanded.
        pub role_definition: ExpandedRole,
        /// `/` or an administrative unit (Entra roles).
        pub directory_scope_id: String,
        /// App scope (Entra roles).
        pub app_scope_id: String,
        /// The group (PIM for Groups).
        pub group_id: String,
        /// `member` or `owner` (PIM for Groups).
        pub access_id: String,
        /// `Assigned` or `Activated` (active schedules and instances).
        pub assignment_type: String,
        /// `Direct`, `Group` or `Inherited`.
        pub member_type: String,
        /// Schedules: when and how long.
        pub schedule_info: ScheduleInfo,
        /// Instances: start.
        pub start_date_time: String,
        /// Instances: end; `null` when it never ends.
        pub end_date_time: String,
        /// Schedules: the request that created it, `null` when made outside PIM.
        pub created_using: String,
        /// Schedules: when created.
        pub created_date_time: String,
        /// Schedules: `Provisioned`, …
        pub status: String,
        /// Assignment instances: the schedule they come from.
        pub role_assignment_schedule_id: String,
        /// Eligibility instances: the schedule they come from.
        pub role_eligibility_schedule_id: String,
        /// Group assignment instances: the schedule they come from.
        pub assignment_schedule_id: String,
        /// Group eligibility instances: the schedule they come from.
        pub eligibility_schedule_id: String,
    }
}

source_object! {
    /// An expanded `principal` (`user`, `group` or `servicePrincipal`; Graph writes its type
    /// in `@odata.type`).
    pub struct Principal {
        /// `#microsoft.graph.user`, `…group`, `…servicePrincipal`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// Object id.
        pub id: String,
        /// Display name.
        pub display_name: String,
        /// Users: sign-in name.
        pub user_principal_name: String,
        /// Users: `Member` or `Guest`.
        pub user_type: String,
        /// Users and groups: synchronized from on-premises Active Directory.
        pub on_premises_sync_enabled: bool,
        /// Groups: whether the group can hold Entra roles.
        pub is_assignable_to_role: bool,
        /// Service principals: `Application`, `ManagedIdentity`, …
        pub service_principal_type: String,
    }
}

source_object! {
    /// An expanded `roleDefinition` inside a schedule or assignment.
    pub struct ExpandedRole {
        /// Role definition id.
        pub id: String,
        /// Name.
        pub display_name: String,
        /// Template id.
        pub template_id: String,
        /// Microsoft's own label for privileged roles.
        pub is_privileged: bool,
    }
}

source_object! {
    /// ARM `roleAssignmentSchedules`, `roleAssignmentScheduleInstances`,
    /// `roleEligibilitySchedules`, `roleEligibilityScheduleInstances` and `roleAssignments`.
    pub struct ArmSchedule {
        /// Resource id.
        pub id: String,
        /// Name (a GUID).
        pub name: String,
        /// Resource type.
        #[rename = "type"]
        pub resource_type: String,
        /// The schedule.
        pub properties: ArmScheduleProperties,
    }
}

source_object! {
    /// `properties` of an ARM schedule, instance or role assignment.
    pub struct ArmScheduleProperties {
        /// Scope.
        pub scope: String,
        /// Full role definition resource id.
        pub role_definition_id: String,
        /// Who holds it.
        pub principal_id: String,
        /// `User`, `Group`, `ServicePrincipal`, …
        pub principal_type: String,
        /// `Assigned` or `Activated`.
        pub assignment_type: String,
        /// `Direct`, `Group` or `Inherited`.
        pub member_type: String,
        /// Start.
        pub start_date_time: String,
        /// End; `null` when it never ends.
        pub end_date_time: String,
        /// `Provisioned`, `Accepted`, …
        pub status: String,
        /// Assignment schedules: the request that created it.
        pub role_assignment_schedule_request_id: String,
        /// Eligibility schedules: the request that created it.
        pub role_eligibility_schedule_request_id: String,
        /// Assignment instances: their schedule.
        pub role_assignment_schedule_id: String,
        /// Eligibility instances: their schedule.
        pub role_eligibility_schedule_id: String,
        /// Activations: the eligibility they use.
        pub linked_role_eligibility_schedule_id: String,
        /// When created.
        pub created_on: String,
        /// ABAC condition.
        pub condition: String,
        /// Names the service adds: principal, role definition, scope.
        pub expanded_properties: ArmExpanded,
    }
}

source_object! {
    /// `expandedProperties` of an ARM schedule.
    pub struct ArmExpanded {
        /// The principal.
        pub principal: ArmExpandedItem,
        /// The role definition.
        pub role_definition: ArmExpandedItem,
        /// The scope.
        pub scope: ArmExpandedItem,
    }
}

source_object! {
    /// One item of `expandedProperties`.
    pub struct ArmExpandedItem {
        /// Id.
        pub id: String,
        /// Display name.
        pub display_name: String,
        /// Type (`User`, `BuiltInRole`, `subscription`, …).
        #[rename = "type"]
        pub item_type: String,
        /// E-mail (principals).
        pub email: String,
    }
}
