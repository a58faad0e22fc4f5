//! Schedule requests in the provider-neutral model.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::{Action, ExpirationType, Level, Located, Provider};
use crate::duration::IsoDuration;
use crate::kind::DocumentKind;
use crate::pointer::Pointer;

/// What a request asks for, from its action and level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    /// `selfActivate`.
    Activation,
    /// `selfDeactivate`.
    Deactivation,
    /// `adminAssign` of an active assignment.
    ActiveAssignment,
    /// `adminAssign` of an eligible assignment.
    EligibleAssignment,
    /// `adminUpdate`.
    Update,
    /// `adminRemove`.
    Removal,
    /// `adminExtend` / `selfExtend`.
    Extension,
    /// `adminRenew` / `selfRenew`.
    Renewal,
}

/// A schedule request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRequest {
    /// The kind of source document.
    pub kind: DocumentKind,
    /// The request object (`properties` for ARM).
    pub pointer: Pointer,
    /// Provider.
    pub provider: Provider,
    /// Assignment (active) or eligibility request.
    pub level: Level,
    /// `action` / `requestType`.
    pub action: Option<Located<Action>>,
    /// What the request asks for (from action and level).
    pub request_kind: Option<RequestKind>,
    /// `principalId`.
    pub principal_id: Option<Located<String>>,
    /// Graph: role template id; ARM: full role definition id; Groups: `accessId`.
    pub role_definition_id: Option<Located<String>>,
    /// Graph: `directoryScopeId`; Groups: `groupId`; ARM: the scope in `properties.scope` or
    /// the request's resource id.
    pub scope: Option<Located<String>>,
    /// `scheduleInfo.startDateTime`.
    pub start: Option<Located<DateTime<FixedOffset>>>,
    /// `scheduleInfo.expiration`.
    pub expiration: Option<RequestExpiration>,
    /// `justification`.
    pub justification: Option<Located<String>>,
    /// `ticketInfo`.
    pub ticket: Option<Ticket>,
    /// `targetScheduleId`, `linkedRoleEligibilityScheduleId`, `targetRole…ScheduleId`.
    pub target_schedule_id: Option<Located<String>>,
}

impl ScheduleRequest {
    /// Derives the request kind from an action and a level.
    #[must_use]
    pub const fn kind_of(action: Action, level: Level) -> RequestKind {
        match (action, level) {
            (Action::SelfActivate, _) => RequestKind::Activation,
            (Action::SelfDeactivate, _) => RequestKind::Deactivation,
            (Action::AdminAssign, Level::Assignment) => RequestKind::ActiveAssignment,
            (Action::AdminAssign, Level::Eligibility) => RequestKind::EligibleAssignment,
            (Action::AdminUpdate, _) => RequestKind::Update,
            (Action::AdminRemove, _) => RequestKind::Removal,
            (Action::AdminExtend | Action::SelfExtend, _) => RequestKind::Extension,
            (Action::AdminRenew | Action::SelfRenew, _) => RequestKind::Renewal,
        }
    }
}

/// `scheduleInfo.expiration` of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestExpiration {
    /// The expiration object.
    pub pointer: Pointer,
    /// `type`.
    pub expiration_type: Option<Located<ExpirationType>>,
    /// `endDateTime`.
    pub end: Option<Located<DateTime<FixedOffset>>>,
    /// `duration`, when valid.
    pub duration: Option<Located<IsoDuration>>,
    /// Whether `duration` is absent, `null` (ARM eligibility: permanent), or given.
    pub duration_member: Presence,
    /// Whether `endDateTime` is absent, `null`, or given.
    pub end_member: Presence,
}

/// Whether a member is in the source, whatever its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Presence {
    /// Not in the object.
    Absent,
    /// Present and `null`.
    Null,
    /// Present with a value (valid or not).
    Given,
}

impl Presence {
    /// Reads the presence of a source member.
    pub const fn of<T>(field: &crate::source::Field<T>) -> Self {
        match field {
            crate::source::Field::Absent => Self::Absent,
            crate::source::Field::Null => Self::Null,
            _ => Self::Given,
        }
    }
}

/// `ticketInfo` of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ticket {
    /// The ticket object.
    pub pointer: Pointer,
    /// `ticketNumber`.
    pub number: Option<Located<String>>,
    /// `ticketSystem`.
    pub system: Option<Located<String>>,
}
