//! The tenant view's model: who holds what (schedules, instances, role assignments), role
//! definitions and PIM alerts, provider-neutral, each value with its pointer.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::model::{Located, Provider};
use crate::pointer::Pointer;

/// Active (an assignment: the role is in force) or eligible (it can be activated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Holding {
    /// An active assignment.
    Active,
    /// An eligibility.
    Eligible,
}

/// Which object the export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScheduleObject {
    /// A schedule: current and future grants, with the request that made them.
    Schedule,
    /// An instance: what is in force now.
    Instance,
    /// A role assignment as the directory (or ARM) holds it, PIM or not.
    RoleAssignment,
}

/// The kind of principal that holds a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrincipalKind {
    /// A user.
    User,
    /// A group.
    Group,
    /// A service principal (application or managed identity).
    ServicePrincipal,
    /// Something else (a device, a foreign group…).
    Other,
}

impl PrincipalKind {
    /// From Graph's `@odata.type` or ARM's `principalType`.
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let name = text.trim_start_matches('#');
        let name = name.strip_prefix("microsoft.graph.").unwrap_or(name);
        match name.to_ascii_lowercase().as_str() {
            "user" => Self::User,
            "group" => Self::Group,
            "serviceprincipal" | "application" | "msi" | "managedidentity" => {
                Self::ServicePrincipal
            }
            _ => Self::Other,
        }
    }

    /// Name for messages.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Group => "group",
            Self::ServicePrincipal => "service principal",
            Self::Other => "principal",
        }
    }
}

/// The holder of a grant, as far as the export says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Principal {
    /// User, group or service principal, when the export says.
    pub kind: Option<PrincipalKind>,
    /// Display name (or sign-in name).
    pub name: Option<String>,
    /// Sign-in name (users).
    pub sign_in: Option<String>,
    /// `Guest` or `Member` (users, Graph only).
    pub user_type: Option<Located<String>>,
    /// Synchronized from on-premises Active Directory.
    pub on_premises_sync: Option<Located<bool>>,
    /// Where the expanded principal is.
    pub pointer: Pointer,
}

/// A schedule, instance or role assignment: one principal holding one role (or one group
/// membership or ownership) at one scope, active or eligible.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    /// Entra roles, groups, or Azure resources.
    pub provider: Provider,
    /// Active or eligible.
    pub holding: Holding,
    /// Schedule, instance, or role assignment.
    pub object: ScheduleObject,
    /// Its id.
    pub id: Option<Located<String>>,
    /// Who holds it.
    pub principal_id: Option<Located<String>>,
    /// The expanded principal, or what ARM says of it.
    pub principal: Option<Principal>,
    /// The role (Entra template id, or the Azure role definition GUID); groups: none.
    pub role_id: Option<Located<String>>,
    /// The role's name, when the export expands it.
    pub role_name: Option<String>,
    /// Microsoft's `isPrivileged` label, when the role definition is expanded.
    pub role_is_privileged: Option<bool>,
    /// The group (PIM for Groups).
    pub group_id: Option<Located<String>>,
    /// `member` or `owner` (PIM for Groups).
    pub access_id: Option<Located<String>>,
    /// Directory scope, or ARM scope.
    pub scope: Option<Located<String>>,
    /// Start.
    pub start: Option<Located<DateTime<FixedOffset>>>,
    /// End, when it has one.
    pub end: Option<Located<DateTime<FixedOffset>>>,
    /// Whether it never ends: `Some(true)` only when the export says so (`noExpiration`, or
    /// an end that is `null`); `None` when the export does not say.
    pub permanent: Option<Located<bool>>,
    /// `Direct`, `Group` or `Inherited`.
    pub member_type: Option<Located<String>>,
    /// `Assigned` or `Activated` (active grants).
    pub assignment_type: Option<Located<String>>,
    /// Whether the grant was made through PIM: `Some(false)` when the export says it was not
    /// (`createdUsing` null on a schedule, no start on an instance of a standing assignment).
    pub through_pim: Option<Located<bool>>,
    /// The document.
    pub pointer: Pointer,
}

/// A role definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleDefinition {
    /// Entra roles or Azure resources.
    pub provider: Provider,
    /// Id (Azure: the GUID).
    pub id: Option<Located<String>>,
    /// Template id (Entra).
    pub template_id: Option<Located<String>>,
    /// Name.
    pub name: Option<Located<String>>,
    /// Built in.
    pub built_in: Option<Located<bool>>,
    /// Microsoft's `isPrivileged` label.
    pub is_privileged: Option<Located<bool>>,
    /// The document.
    pub pointer: Pointer,
}

/// What an alert document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlertObject {
    /// An alert (whether it fires).
    Alert,
    /// Its configuration (whether it runs, thresholds).
    Configuration,
    /// Its definition.
    Definition,
}

/// A PIM alert, its configuration or its definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    /// Entra roles or Azure resources.
    pub provider: Provider,
    /// Alert, configuration or definition.
    pub object: AlertObject,
    /// The alert's name without tenant or scope (`TooManyGlobalAdminsAssignedToTenantAlert`,
    /// `TooManyOwnersAssignedToResource`).
    pub name: Option<Located<String>>,
    /// Scope.
    pub scope: Option<Located<String>>,
    /// Configurations: whether the alert runs.
    pub enabled: Option<Located<bool>>,
    /// Alerts: whether it fires.
    pub active: Option<Located<bool>>,
    /// Alerts: incidents.
    pub incidents: Option<Located<i64>>,
    /// The document.
    pub pointer: Pointer,
}

impl Alert {
    /// The alert name from an id: the last `_`- or `/`-separated part
    /// (`DirectoryRole_<tenant>_StaleSignInAlert` → `StaleSignInAlert`).
    #[must_use]
    pub fn name_of(id: &str) -> &str {
        let last = id.rsplit('/').next().unwrap_or(id);
        last.rsplit('_').next().unwrap_or(last)
    }
}
