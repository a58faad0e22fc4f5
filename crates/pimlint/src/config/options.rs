//! Options of the rules that take them: limits, role lists, approver counting, exclusions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration::IsoDuration;

use super::{GlobalAdminCount, GlobalAdminShare, StandingAccessExclusions};

/// Options of `activation-too-long` (PIM102).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct ActivationLimits {
    /// Longest activation for roles that are not highly privileged.
    pub maximum: IsoDuration,
    /// Longest activation for highly privileged roles.
    pub privileged_maximum: IsoDuration,
    /// Longest activation for Global Administrator.
    pub global_administrator_maximum: IsoDuration,
}

impl Default for ActivationLimits {
    fn default() -> Self {
        Self {
            maximum: IsoDuration::hours(8),
            privileged_maximum: IsoDuration::hours(4),
            global_administrator_maximum: IsoDuration::hours(2),
        }
    }
}

/// Options of `eligible-expiry-too-long` (PIM303) and `active-expiry-too-long` (PIM304).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ExpiryLimits {
    /// Longest assignment for roles that are not highly privileged.
    pub maximum: IsoDuration,
    /// Longest assignment for highly privileged roles.
    pub privileged_maximum: IsoDuration,
}

/// Options of `activation-no-ticket` (PIM108).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct TicketRoles {
    /// Roles (names or ids) whose activation should require a ticket; `privileged` for every
    /// highly privileged role.
    pub roles: Vec<String>,
}

impl Default for TicketRoles {
    fn default() -> Self {
        Self {
            roles: vec!["Global Administrator".to_owned()],
        }
    }
}

/// Options of `approval-single-approver` (PIM204).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct ApproverCount {
    /// Fewest approvers a policy should name.
    pub minimum: usize,
    /// How a group among the primary approvers counts: `enough` (any group satisfies the
    /// minimum), `one` (a group is one approver, as Monkey365 counts for CIS 5.3.4/5.3.5) or
    /// `none` (only users count, as M365SAT counts).
    pub groups: GroupApprovers,
}

/// How a group among the approvers counts towards `minimum`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GroupApprovers {
    /// A group satisfies the minimum on its own.
    #[default]
    Enough,
    /// A group counts as one approver.
    One,
    /// Only users count.
    None,
}

impl Default for ApproverCount {
    fn default() -> Self {
        Self {
            minimum: 2,
            groups: GroupApprovers::Enough,
        }
    }
}

/// Typed options of the rules that have any, by rule name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct RuleOptions {
    /// PIM102.
    pub activation_too_long: ActivationLimits,
    /// PIM303.
    pub eligible_expiry_too_long: ExpiryLimits,
    /// PIM304.
    pub active_expiry_too_long: ExpiryLimits,
    /// PIM108.
    pub activation_no_ticket: TicketRoles,
    /// PIM204.
    pub approval_single_approver: ApproverCount,
    /// PIM601.
    pub global_admin_count: GlobalAdminCount,
    /// PIM602.
    pub global_admin_share: GlobalAdminShare,
    /// PIM603.
    pub permanent_active_privileged: StandingAccessExclusions,
}

impl Default for RuleOptions {
    fn default() -> Self {
        Self {
            activation_too_long: ActivationLimits::default(),
            eligible_expiry_too_long: ExpiryLimits {
                maximum: IsoDuration::days(365),
                privileged_maximum: IsoDuration::days(90),
            },
            active_expiry_too_long: ExpiryLimits {
                maximum: IsoDuration::days(180),
                privileged_maximum: IsoDuration::days(30),
            },
            activation_no_ticket: TicketRoles::default(),
            approval_single_approver: ApproverCount::default(),
            global_admin_count: GlobalAdminCount::default(),
            global_admin_share: GlobalAdminShare::default(),
            permanent_active_privileged: StandingAccessExclusions::default(),
        }
    }
}
