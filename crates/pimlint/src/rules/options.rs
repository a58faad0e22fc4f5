//! Options of the rules that take them: limits, role lists, approver counting, exclusions,
//! and the approvers and recipients that fixes write.

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration::IsoDuration;

mod tenant;

pub use tenant::{GlobalAdminCount, GlobalAdminShare, ShareLimit, StandingAccessExclusions};

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

/// Who approves activations, for the fixes that turn approval on or name approvers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct ApprovalOptions {
    /// The approvers the fixes of `approval-missing-ga` (PIM201),
    /// `approval-missing-privileged` (PIM202), `approval-no-approvers` (PIM203) and
    /// `approval-single-approver` (PIM204) write, each `{ user = "<object id>" }` or
    /// `{ group = "<object id>" }`. Empty (the default): those findings have no fix, as
    /// approvers cannot be guessed.
    pub approvers: Vec<Approver>,
}

/// One approver from the configuration: a user or a group, by its Microsoft Entra object id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Approver {
    /// A user's object id (a GUID). Give `user` or `group`, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// A group's object id (a GUID): any member of the group can approve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The approver's name, written as the approver's `description` in Azure resource
    /// policies (Microsoft Graph fills it in itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Whether a configured approver is a user or a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApproverType {
    /// A user.
    User,
    /// The members of a group.
    Group,
}

impl Approver {
    /// The approver's kind and object id, when exactly one of `user` and `group` is given.
    #[must_use]
    pub fn subject(&self) -> Option<(ApproverType, &str)> {
        match (&self.user, &self.group) {
            (Some(user), None) => Some((ApproverType::User, user.as_str())),
            (None, Some(group)) => Some((ApproverType::Group, group.as_str())),
            _ => None,
        }
    }
}

/// Who else learns about assignments and activations, for the fixes of the notification
/// rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct NotificationOptions {
    /// E-mail addresses (a monitored mailbox, a distribution list) the fixes of
    /// `notification-blackhole` (PIM401) and `notification-defaults-only` (PIM411) write to
    /// `notificationRecipients`. Empty (the default): PIM401's fix turns the default
    /// recipients back on instead, and PIM411 has no fix.
    pub recipients: Vec<String>,
}

/// A rule option that serde reads but cannot use: where (`approval.approvers[0]`, below
/// `rules`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    /// The path below `rules`: keys and array indexes.
    pub path: Vec<KeyPart>,
    /// What is wrong.
    pub message: String,
}

/// One step of a path into the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPart {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A path as written in messages: `rules.approval.approvers[0]`.
#[must_use]
pub fn key_path(parts: &[KeyPart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            KeyPart::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            KeyPart::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

impl RuleOptions {
    /// Checks what the types cannot: approvers name one user or group by a GUID, recipients
    /// are e-mail addresses.
    pub fn validate(&self) -> Result<(), OptionError> {
        let at = |parts: &[KeyPart], message: String| OptionError {
            path: parts.to_vec(),
            message,
        };
        for (i, approver) in self.approval.approvers.iter().enumerate() {
            let parts = [
                KeyPart::Key("approval".to_owned()),
                KeyPart::Key("approvers".to_owned()),
                KeyPart::Index(i),
            ];
            let (key, id) = match (&approver.user, &approver.group) {
                (Some(user), None) => ("user", user),
                (None, Some(group)) => ("group", group),
                (Some(_), Some(_)) => {
                    return Err(at(
                        &parts,
                        "gives both `user` and `group`; an approver is one or the other".to_owned(),
                    ));
                }
                (None, None) => {
                    return Err(at(
                        &parts,
                        "names no approver: give `user` or `group` with an object id".to_owned(),
                    ));
                }
            };
            if !crate::scope::is_guid(id.trim()) {
                return Err(at(
                    &parts,
                    format!(
                        "`{key}` is {id:?}, which is not an object id (a GUID such as \
                         \"5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b\"; names cannot be used)"
                    ),
                ));
            }
        }
        for (i, recipient) in self.notification.recipients.iter().enumerate() {
            if !crate::rules::notification::bad_recipient::is_address(recipient.trim()) {
                return Err(at(
                    &[
                        KeyPart::Key("notification".to_owned()),
                        KeyPart::Key("recipients".to_owned()),
                        KeyPart::Index(i),
                    ],
                    format!("{recipient:?} is not one e-mail address"),
                ));
            }
        }
        Ok(())
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
    /// The approvers that fixes write (PIM201 to PIM204).
    pub approval: ApprovalOptions,
    /// The notification recipients that fixes write (PIM401).
    pub notification: NotificationOptions,
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
            approval: ApprovalOptions::default(),
            notification: NotificationOptions::default(),
        }
    }
}
