//! Schedule requests: Graph role and Group requests, ARM role requests.

use serde_json::Value;

use super::Field;
use super::policy::source_object;

source_object! {
    /// `unifiedRoleAssignmentScheduleRequest` / `unifiedRoleEligibilityScheduleRequest` (Graph).
    pub struct GraphRoleRequest {
        /// `@odata.context`.
        #[rename = "@odata.context"]
        pub odata_context: String,
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// Request id (responses only).
        pub id: String,
        /// `adminAssign`, `selfActivate`, …
        pub action: String,
        /// Who gets the role.
        pub principal_id: String,
        /// Role template id.
        pub role_definition_id: String,
        /// `/` or an administrative unit.
        pub directory_scope_id: String,
        /// App scope.
        pub app_scope_id: String,
        /// Free-text reason.
        pub justification: String,
        /// Validation-only call.
        pub is_validation_only: bool,
        /// Schedule the request acts on.
        pub target_schedule_id: String,
        /// When and how long.
        pub schedule_info: ScheduleInfo,
        /// Ticket reference.
        pub ticket_info: TicketInfo,
        /// Status (responses only).
        pub status: String,
    }
}

source_object! {
    /// `privilegedAccessGroupAssignmentScheduleRequest` / `…EligibilityScheduleRequest` (Graph).
    pub struct GraphGroupRequest {
        /// `@odata.context`.
        #[rename = "@odata.context"]
        pub odata_context: String,
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// Request id (responses only).
        pub id: String,
        /// `adminAssign`, `selfActivate`, …
        pub action: String,
        /// `member` or `owner`.
        pub access_id: String,
        /// The group.
        pub group_id: String,
        /// Who gets the membership or ownership.
        pub principal_id: String,
        /// Free-text reason.
        pub justification: String,
        /// Validation-only call.
        pub is_validation_only: bool,
        /// Schedule the request acts on.
        pub target_schedule_id: String,
        /// When and how long.
        pub schedule_info: ScheduleInfo,
        /// Ticket reference.
        pub ticket_info: TicketInfo,
        /// Status (responses only).
        pub status: String,
    }
}

source_object! {
    /// `Microsoft.Authorization/roleAssignmentScheduleRequests` / `roleEligibilityScheduleRequests`.
    pub struct ArmRequest {
        /// Resource id (carries the scope).
        pub id: String,
        /// Request name (a GUID).
        pub name: String,
        /// Resource type.
        #[rename = "type"]
        pub resource_type: String,
        /// The request body.
        pub properties: ArmRequestProperties,
    }
}

source_object! {
    /// `properties` of an ARM schedule request.
    pub struct ArmRequestProperties {
        /// Scope (responses).
        pub scope: String,
        /// Who gets the role.
        pub principal_id: String,
        /// `User`, `Group`, `ServicePrincipal` (responses).
        pub principal_type: String,
        /// Full role definition resource id.
        pub role_definition_id: String,
        /// `AdminAssign`, `SelfActivate`, …
        pub request_type: String,
        /// The eligibility an activation uses.
        pub linked_role_eligibility_schedule_id: String,
        /// Assignment schedule the request acts on.
        pub target_role_assignment_schedule_id: String,
        /// Assignment schedule instance the request acts on.
        pub target_role_assignment_schedule_instance_id: String,
        /// Eligibility schedule the request acts on.
        pub target_role_eligibility_schedule_id: String,
        /// Eligibility schedule instance the request acts on.
        pub target_role_eligibility_schedule_instance_id: String,
        /// When and how long.
        pub schedule_info: ScheduleInfo,
        /// Free-text reason.
        pub justification: String,
        /// Ticket reference.
        pub ticket_info: TicketInfo,
        /// ABAC condition.
        pub condition: String,
        /// ABAC condition version.
        pub condition_version: String,
        /// Status (responses).
        pub status: String,
    }
}

source_object! {
    /// `requestSchedule`.
    pub struct ScheduleInfo {
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// RFC 3339 start; absent means now.
        pub start_date_time: String,
        /// Unsupported by the service.
        pub recurrence: Value,
        /// How it ends.
        pub expiration: ExpirationPattern,
    }
}

source_object! {
    /// `expirationPattern`.
    pub struct ExpirationPattern {
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// `noExpiration`, `afterDateTime`, `afterDuration` (ARM: PascalCase).
        #[rename = "type"]
        pub expiration_type: String,
        /// End, for `afterDateTime`.
        pub end_date_time: String,
        /// Length, for `afterDuration`.
        pub duration: String,
    }
}

source_object! {
    /// `ticketInfo`.
    pub struct TicketInfo {
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// Ticket number.
        pub ticket_number: String,
        /// Ticket system.
        pub ticket_system: String,
    }
}
