//! What a request must carry under a policy, before it is written: the maximum duration,
//! justification, ticket, MFA, authentication context, approval and who is told — for one kind
//! of request, each item with the pointer of the policy member it comes from.
//!
//! A form or a script reads this first (bound the duration picker, show the ticket fields only
//! when a ticket is required, say who will approve), then checks the finished request with
//! [`crate::api::validate`]. Both read the policy the same way, so a request built from these
//! requirements is one `validate` accepts.
//!
//! Absent is unknown: a policy that does not carry a rule (a projection, an update, a policy
//! lacking it) leaves the items that rule decides `null`, never a default.
//!
//! ```
//! use pimlint::requirements::{RequestKindName, requirements};
//! let text = r##"{"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "rules": [
//!   {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule",
//!    "id": "Enablement_EndUser_Assignment", "enabledRules": ["Justification"],
//!    "target": {"caller": "EndUser", "level": "Assignment", "operations": ["All"]}}]}"##;
//! let report = &pimlint::check_str(text, &pimlint::Options::default()).unwrap()[0];
//! let Some(pimlint::Document::Policy(policy)) = &report.document else { unreachable!() };
//! let needs = requirements(policy, "activate".parse::<RequestKindName>().unwrap());
//! assert_eq!(needs.justification.required, Some(true));
//! assert_eq!(needs.justification.pointer.unwrap().text(), "/rules/0/enabledRules/0");
//! assert_eq!(needs.ticket.required, Some(false));
//! assert_eq!(needs.expiration.maximum_duration, None); // the policy does not say: unknown
//! ```

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::duration::IsoDuration;
use crate::model::{
    Action, ApiEnum, ApproverKind, Enablement, Extent, Level, NotificationLevel, Policy, Provider,
    RecipientType, RoleRef, RuleId,
};
use crate::pointer::Pointer;

mod eligibility;
mod input;
mod text;

pub use eligibility::{Eligibility, Group, Principal, Source, Window, eligibility, principals};
pub use input::{
    Governed, PointerMap, Selector, as_written, converted, from_input, governed, list, names_role,
};

/// A kind of request, by what it asks and at which level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequestKindName {
    name: &'static str,
    /// The request's `action` (`requestType` on ARM).
    pub action: Action,
    /// Active assignment (`Assignment`) or eligible assignment (`Eligibility`).
    pub level: Level,
}

/// Every kind, by name: what the principal asks for themselves, then what an administrator does.
pub const KINDS: [RequestKindName; 13] = [
    kind("activate", Action::SelfActivate, Level::Assignment),
    kind("extend-active", Action::SelfExtend, Level::Assignment),
    kind("extend-eligible", Action::SelfExtend, Level::Eligibility),
    kind("renew-active", Action::SelfRenew, Level::Assignment),
    kind("renew-eligible", Action::SelfRenew, Level::Eligibility),
    kind("assign-active", Action::AdminAssign, Level::Assignment),
    kind("assign-eligible", Action::AdminAssign, Level::Eligibility),
    kind("update-active", Action::AdminUpdate, Level::Assignment),
    kind("update-eligible", Action::AdminUpdate, Level::Eligibility),
    kind(
        "admin-extend-active",
        Action::AdminExtend,
        Level::Assignment,
    ),
    kind(
        "admin-extend-eligible",
        Action::AdminExtend,
        Level::Eligibility,
    ),
    kind("admin-renew-active", Action::AdminRenew, Level::Assignment),
    kind(
        "admin-renew-eligible",
        Action::AdminRenew,
        Level::Eligibility,
    ),
];

const fn kind(name: &'static str, action: Action, level: Level) -> RequestKindName {
    RequestKindName {
        name,
        action,
        level,
    }
}

impl RequestKindName {
    /// The kebab-case name (`activate`, `assign-eligible`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        self.name
    }

    /// The kind of a request with this action and level (`selfActivate` is always `activate`).
    #[must_use]
    pub fn of(action: Action, level: Level) -> Option<Self> {
        let level = if action == Action::SelfActivate {
            Level::Assignment
        } else {
            level
        };
        KINDS
            .into_iter()
            .find(|k| k.action == action && k.level == level)
    }

    const fn self_service(self) -> bool {
        matches!(
            self.action,
            Action::SelfActivate | Action::SelfExtend | Action::SelfRenew
        )
    }

    /// The expiration, enablement and notification rules that govern the kind, as
    /// [`crate::validate`] applies them: activations and a principal's own extension or renewal
    /// of an active assignment follow the end-user rules; everything else the admin rules of
    /// its level.
    const fn rules(self) -> (RoleIdSet, bool) {
        let end_user = matches!(self.action, Action::SelfActivate)
            || (self.self_service() && matches!(self.level, Level::Assignment));
        let set = if end_user {
            RoleIdSet {
                expiration: RuleId::ExpirationEndUserAssignment,
                enablement: RuleId::EnablementEndUserAssignment,
                notifications: [
                    RuleId::NotificationRequestorEndUserAssignment,
                    RuleId::NotificationApproverEndUserAssignment,
                    RuleId::NotificationAdminEndUserAssignment,
                ],
            }
        } else if matches!(self.level, Level::Assignment) {
            RoleIdSet {
                expiration: RuleId::ExpirationAdminAssignment,
                enablement: RuleId::EnablementAdminAssignment,
                notifications: [
                    RuleId::NotificationRequestorAdminAssignment,
                    RuleId::NotificationApproverAdminAssignment,
                    RuleId::NotificationAdminAdminAssignment,
                ],
            }
        } else {
            RoleIdSet {
                expiration: RuleId::ExpirationAdminEligibility,
                enablement: RuleId::EnablementAdminEligibility,
                notifications: [
                    RuleId::NotificationRequestorAdminEligibility,
                    RuleId::NotificationApproverAdminEligibility,
                    RuleId::NotificationAdminAdminEligibility,
                ],
            }
        };
        (set, matches!(self.action, Action::SelfActivate))
    }
}

struct RoleIdSet {
    expiration: RuleId,
    enablement: RuleId,
    notifications: [RuleId; 3],
}

impl fmt::Display for RequestKindName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Serialize for RequestKindName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name)
    }
}

/// A request kind name that is not one of [`KINDS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown request kind {given:?}{}; expected one of: {}", suggestion.map(|s| format!(" (did you mean {s}?)")).unwrap_or_default(), KINDS.map(RequestKindName::as_str).join(", "))]
pub struct UnknownKind {
    /// What was given.
    pub given: String,
    /// The nearest kind.
    pub suggestion: Option<&'static str>,
}

impl FromStr for RequestKindName {
    type Err = UnknownKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim();
        KINDS
            .into_iter()
            .find(|k| k.name.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownKind {
                given: text.to_owned(),
                suggestion: crate::suggest::nearest(wanted, KINDS.map(RequestKindName::as_str)),
            })
    }
}

/// What a request of one kind must carry under one policy. The documented JSON shape of
/// `pimlint requirements --format json` and of `requirements()` in the Python and npm packages.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Requirements {
    /// The request kind (`activate`, `assign-eligible`, …).
    pub kind: RequestKindName,
    /// Which PIM service.
    pub provider: Provider,
    /// The policy these come from.
    pub policy: PolicyRef,
    /// Where the request is sent, and its action as that API spells it.
    pub request: Endpoint,
    /// Duration and end.
    pub expiration: Expiration,
    /// A justification text (`justification`).
    pub justification: Item,
    /// Ticket information (`ticketInfo.ticketNumber` and `ticketInfo.ticketSystem`).
    pub ticket: Item,
    /// Multi-factor authentication at sign-in (checked by the service, not in the body).
    pub mfa: Item,
    /// A Conditional Access authentication context the caller's token must satisfy.
    pub authentication_context: AuthenticationContext,
    /// Whether someone must approve, and who.
    pub approval: Approval,
    /// Who is told, by recipient type: the requestor, the approvers, the administrators.
    pub notifications: Vec<Notice>,
    /// With the tenant's schedules and a principal: whether it is eligible for the role at
    /// the scope and until when, and whether the role is already active. Absent without them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Eligibility>,
}

/// The policy requirements were read from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyRef {
    /// The policy object in the input.
    pub pointer: Pointer,
    /// Its id.
    pub id: Option<String>,
    /// Whole policy, update, or projection: in an update or projection, rules not carried are
    /// unknown.
    pub extent: Extent,
    /// The role it governs, when the input says.
    pub role: Option<Role>,
    /// The scope it governs (Graph `scopeId`, ARM scope).
    pub scope: Option<String>,
}

/// A role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    /// As the policy assignment names it: Graph role template id, `member`/`owner` for groups,
    /// the full ARM role definition id.
    pub id: String,
    /// The GUID at its end (`member`/`owner` for groups).
    pub template_id: String,
    /// Display name: from the input, else the built-in role's name when known.
    pub display_name: Option<String>,
}

impl Role {
    fn of(role: &RoleRef) -> Self {
        Self {
            id: role.id.value.clone(),
            template_id: role.template_id.clone(),
            display_name: role
                .display_name
                .clone()
                .or_else(|| crate::roles::name_of(&role.template_id).map(str::to_owned)),
        }
    }
}

/// Where a request of this kind is sent.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// `POST` (Graph) or `PUT` (ARM).
    pub method: &'static str,
    /// The URL; ARM's holds `{scope}` and `{requestName}` (a new GUID) to fill in.
    pub url: String,
    /// The `action` (Graph) or `requestType` (ARM) value, as that API spells it.
    pub action: String,
    /// `Assignment` (active) or `Eligibility`.
    pub level: Level,
}

/// One thing a request must (or need not) carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// `true` required, `false` not required, `null` unknown (the policy does not say).
    pub required: Option<bool>,
    /// The policy rule that decides (`Enablement_EndUser_Assignment`); `null` when no rule of a
    /// policy governs it for this kind.
    pub rule: Option<&'static str>,
    /// The member that decides: the `enabledRules` entry that requires it, the `enabledRules`
    /// that does not list it, the rule when that member is absent; `null` without a rule.
    pub pointer: Option<Pointer>,
}

/// The duration and end a request may ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Expiration {
    /// The expiration rule (`Expiration_EndUser_Assignment`).
    pub rule: &'static str,
    /// The rule object; `null` when the policy does not carry it.
    pub pointer: Option<Pointer>,
    /// Whether the request must end (`isExpirationRequired`); `null` unknown. When `false`, a
    /// request without an end (`noExpiration`) is accepted and no maximum applies.
    pub required: Option<bool>,
    /// `isExpirationRequired`.
    pub required_pointer: Option<Pointer>,
    /// The longest duration, when an end is required (`maximumDuration`); `null` unknown.
    pub maximum_duration: Option<IsoDuration>,
    /// `maximumDuration`.
    pub maximum_duration_pointer: Option<Pointer>,
    /// The maximum in seconds, when it has no years or months (whose length depends on the
    /// start); for a duration picker.
    pub maximum_seconds: Option<i64>,
    /// The shortest activation the service takes (`PT5M`); `null` for other kinds.
    pub minimum_duration: Option<IsoDuration>,
}

/// The authentication context an activation needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationContext {
    /// `true` required, `false` not, `null` unknown.
    pub required: Option<bool>,
    /// `AuthenticationContext_EndUser_Assignment`, for activations; `null` for other kinds.
    pub rule: Option<&'static str>,
    /// `isEnabled`, or the rule when it is absent.
    pub pointer: Option<Pointer>,
    /// The Conditional Access authentication context id (`c1`), the token's `acrs` claim.
    pub claim_value: Option<String>,
    /// `claimValue`.
    pub claim_value_pointer: Option<Pointer>,
}

/// Approval of the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    /// `true` the request waits for approval, `false` it does not, `null` unknown.
    pub required: Option<bool>,
    /// `Approval_EndUser_Assignment` for activations; `null` when the service itself decides
    /// (a principal's own extension or renewal always waits for an administrator) or nothing
    /// does (administrator requests).
    pub rule: Option<&'static str>,
    /// `isApprovalRequired`, or the rule when it is absent.
    pub pointer: Option<Pointer>,
    /// `approvalMode` (`SingleStage`, `Serial`, …).
    pub mode: Option<String>,
    /// The stages and their approvers as the policy names them; `null` unknown.
    pub stages: Option<Vec<Stage>>,
    /// Who approves when the policy names nobody (Entra roles and groups: Privileged Role
    /// Administrators and Global Administrators); `null` when approvers are named or not needed.
    pub default_approvers: Option<String>,
    /// Whether an extension needs approval too (`isApprovalRequiredForExtension`); `null`
    /// unknown or not governed by the policy.
    pub extension_required: Option<bool>,
    /// `isApprovalRequiredForExtension`.
    pub extension_pointer: Option<Pointer>,
    /// Who approves, in words, when approval is required.
    pub summary: Option<String>,
}

/// One approval stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    /// The stage object.
    pub pointer: Pointer,
    /// `approvalStageTimeOutInDays`.
    pub timeout_days: Option<i64>,
    /// `primaryApprovers`.
    pub approvers: Vec<Approver>,
    /// `escalationApprovers`, when escalation is on.
    pub escalation_approvers: Vec<Approver>,
}

/// An approver as the policy names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Approver {
    /// `user`, `group`, or another subject set's type (`requestorManager`).
    pub kind: Option<String>,
    /// User or group object id.
    pub id: Option<String>,
    /// `description` (often the display name).
    pub description: Option<String>,
    /// ARM `isBackup`.
    pub is_backup: Option<bool>,
    /// The approver object.
    pub pointer: Pointer,
}

/// Who one notification rule tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// The rule (`Notification_Requestor_EndUser_Assignment`).
    pub rule: &'static str,
    /// `Requestor`, `Approver` or `Admin`.
    pub recipient_type: RecipientType,
    /// The rule object; `null` when the policy does not carry it (then all else is unknown).
    pub pointer: Option<Pointer>,
    /// `notificationLevel`: `All`, `Critical`, `None`.
    pub level: Option<NotificationLevel>,
    /// Whether the default recipients (the requestor, the approvers, the role's
    /// administrators) are told (`isDefaultRecipientsEnabled`).
    pub default_recipients: Option<bool>,
    /// `notificationRecipients`: the additional addresses told.
    pub additional_recipients: Option<Vec<String>>,
}

/// What a request of `kind` must carry under `policy`.
#[must_use]
pub fn requirements(policy: &Policy, kind: RequestKindName) -> Requirements {
    let (ids, activation) = kind.rules();
    let rules = &policy.rules;
    Requirements {
        kind,
        provider: policy.provider,
        policy: PolicyRef {
            pointer: policy.pointer.clone(),
            id: policy.id.as_ref().map(|i| i.value.clone()),
            extent: policy.extent,
            role: policy.role.as_ref().map(Role::of),
            scope: policy.scope.as_ref().map(|s| s.value.clone()),
        },
        request: endpoint(policy.provider, kind),
        expiration: expiration(policy, ids.expiration, activation),
        justification: justification(policy, ids.enablement, activation),
        ticket: enabled(policy, ids.enablement, Enablement::Ticketing),
        mfa: enabled(
            policy,
            ids.enablement,
            Enablement::MultiFactorAuthentication,
        ),
        authentication_context: if activation {
            authentication_context(policy)
        } else {
            AuthenticationContext {
                required: Some(false),
                rule: None,
                pointer: None,
                claim_value: None,
                claim_value_pointer: None,
            }
        },
        approval: approval(policy, kind),
        notifications: ids
            .notifications
            .iter()
            .map(|&id| {
                let recipient_type = match id {
                    RuleId::NotificationRequestorEndUserAssignment
                    | RuleId::NotificationRequestorAdminAssignment
                    | RuleId::NotificationRequestorAdminEligibility => RecipientType::Requestor,
                    RuleId::NotificationApproverEndUserAssignment
                    | RuleId::NotificationApproverAdminAssignment
                    | RuleId::NotificationApproverAdminEligibility => RecipientType::Approver,
                    _ => RecipientType::Admin,
                };
                let rule = rules.notification(id);
                Notice {
                    rule: id.as_str(),
                    recipient_type,
                    pointer: rule.map(|r| r.pointer.clone()),
                    level: rule.and_then(|r| r.notification_level.as_ref().map(|l| l.value)),
                    default_recipients: rule
                        .and_then(|r| r.is_default_recipients_enabled.as_ref().map(|d| d.value)),
                    additional_recipients: rule.and_then(|r| {
                        r.recipients
                            .as_ref()
                            .map(|list| list.iter().map(|a| a.value.clone()).collect())
                    }),
                }
            })
            .collect(),
        eligibility: None,
    }
}

fn endpoint(provider: Provider, kind: RequestKindName) -> Endpoint {
    let eligible = kind.level == Level::Eligibility;
    let (method, url, action) = match provider {
        Provider::EntraRoles => (
            "POST",
            format!(
                "https://graph.microsoft.com/v1.0/roleManagement/directory/{}",
                if eligible {
                    "roleEligibilityScheduleRequests"
                } else {
                    "roleAssignmentScheduleRequests"
                }
            ),
            kind.action.as_str().to_owned(),
        ),
        Provider::Groups => (
            "POST",
            format!(
                "https://graph.microsoft.com/v1.0/identityGovernance/privilegedAccess/group/{}",
                if eligible {
                    "eligibilityScheduleRequests"
                } else {
                    "assignmentScheduleRequests"
                }
            ),
            kind.action.as_str().to_owned(),
        ),
        Provider::AzureResources => (
            "PUT",
            format!(
                "https://management.azure.com{{scope}}/providers/Microsoft.Authorization/{}/{{requestName}}?api-version=2020-10-01",
                if eligible {
                    "roleEligibilityScheduleRequests"
                } else {
                    "roleAssignmentScheduleRequests"
                }
            ),
            kind.action.arm_str(),
        ),
    };
    Endpoint {
        method,
        url,
        action,
        level: kind.level,
    }
}

fn expiration(policy: &Policy, id: RuleId, activation: bool) -> Expiration {
    let rule = policy.rules.expiration(id);
    let required = rule.and_then(|r| r.is_expiration_required.as_ref());
    let maximum = rule.and_then(|r| r.maximum_duration.as_ref());
    Expiration {
        rule: id.as_str(),
        pointer: rule.map(|r| r.pointer.clone()),
        required: required.map(|r| r.value),
        required_pointer: required.map(|r| r.pointer.clone()),
        maximum_duration: maximum.map(|m| m.value),
        maximum_duration_pointer: maximum.map(|m| m.pointer.clone()),
        maximum_seconds: maximum
            .and_then(|m| m.value.fixed())
            .map(|d| d.num_seconds()),
        minimum_duration: activation.then(|| IsoDuration::minutes(5)),
    }
}

/// Whether the enablement rule `id` lists `what`, and the member that says so.
fn enabled(policy: &Policy, id: RuleId, what: Enablement) -> Item {
    let Some(rule) = policy.rules.enablement(id) else {
        return Item {
            required: None,
            rule: Some(id.as_str()),
            pointer: None,
        };
    };
    match (rule.requires(what), rule.find(what)) {
        (Some(true), Some(entry)) => Item {
            required: Some(true),
            rule: Some(id.as_str()),
            pointer: Some(entry.pointer.clone()),
        },
        (Some(_), _) => Item {
            required: Some(false),
            rule: Some(id.as_str()),
            pointer: Some(rule.enabled_rules_pointer.clone()),
        },
        (None, _) => Item {
            required: None,
            rule: Some(id.as_str()),
            pointer: Some(rule.pointer.clone()),
        },
    }
}

/// The enablement rule's Justification; for activations, the approval rule's
/// `isRequestorJustificationRequired` too when approval is required (as the service does).
fn justification(policy: &Policy, id: RuleId, activation: bool) -> Item {
    let enablement = enabled(policy, id, Enablement::Justification);
    if enablement.required == Some(true) || !activation {
        return enablement;
    }
    let from_approval = policy.rules.approval_end_user_assignment.as_ref().map(|a| {
        match (
            a.is_approval_required.as_ref().map(|r| r.value),
            a.is_requestor_justification_required.as_ref(),
        ) {
            (Some(false), _) => (Some(false), None),
            (Some(true), Some(j)) if j.value => (Some(true), Some(j.pointer.clone())),
            (_, Some(j)) if !j.value => (Some(false), None),
            _ => (None, Some(a.setting_pointer.clone())),
        }
    });
    match from_approval {
        Some((Some(true), pointer)) => Item {
            required: Some(true),
            rule: Some(RuleId::ApprovalEndUserAssignment.as_str()),
            pointer,
        },
        Some((None, pointer)) if enablement.required == Some(false) => Item {
            required: None,
            rule: Some(RuleId::ApprovalEndUserAssignment.as_str()),
            pointer,
        },
        // Without the approval rule, whether it adds a justification is unknown.
        None if enablement.required == Some(false) => Item {
            required: None,
            rule: Some(RuleId::ApprovalEndUserAssignment.as_str()),
            pointer: None,
        },
        _ => enablement,
    }
}

fn authentication_context(policy: &Policy) -> AuthenticationContext {
    let id = RuleId::AuthenticationContextEndUserAssignment;
    let Some(rule) = &policy.rules.authentication_context_end_user_assignment else {
        return AuthenticationContext {
            required: None,
            rule: Some(id.as_str()),
            pointer: None,
            claim_value: None,
            claim_value_pointer: None,
        };
    };
    AuthenticationContext {
        required: rule.is_enabled.as_ref().map(|e| e.value),
        rule: Some(id.as_str()),
        pointer: Some(
            rule.is_enabled
                .as_ref()
                .map_or_else(|| rule.pointer.clone(), |e| e.pointer.clone()),
        ),
        claim_value: rule.claim_value.as_ref().map(|c| c.value.clone()),
        claim_value_pointer: rule.claim_value.as_ref().map(|c| c.pointer.clone()),
    }
}

fn approver(a: &crate::model::Approver) -> Approver {
    Approver {
        kind: a.kind.as_ref().map(|k| match k {
            ApproverKind::User => "user".to_owned(),
            ApproverKind::Group => "group".to_owned(),
            ApproverKind::Other(name) => name.clone(),
        }),
        id: a.id.as_ref().map(|i| i.value.clone()),
        description: a.description.clone().filter(|d| !d.is_empty()),
        is_backup: a.is_backup,
        pointer: a.pointer.clone(),
    }
}

fn approver_words(a: &Approver) -> String {
    let kind = match a.kind.as_deref() {
        Some("user") => "user",
        Some("group") => "members of group",
        Some(other) => other,
        None => "approver",
    };
    let id = a.id.as_deref().unwrap_or("?");
    match &a.description {
        Some(d) => format!("{kind} {id} ({d})"),
        None if a.id.is_none() => kind.to_owned(),
        None => format!("{kind} {id}"),
    }
}

fn approval(policy: &Policy, kind: RequestKindName) -> Approval {
    let none = Approval {
        required: Some(false),
        rule: None,
        pointer: None,
        mode: None,
        stages: None,
        default_approvers: None,
        extension_required: None,
        extension_pointer: None,
        summary: None,
    };
    match kind.action {
        Action::SelfExtend | Action::SelfRenew => {
            return Approval {
                required: Some(true),
                summary: Some(
                    "an administrator must approve every self-service extension or renewal"
                        .to_owned(),
                ),
                ..none
            };
        }
        Action::SelfActivate => {}
        _ => return none,
    }
    let id = RuleId::ApprovalEndUserAssignment;
    let Some(rule) = &policy.rules.approval_end_user_assignment else {
        return Approval {
            required: None,
            rule: Some(id.as_str()),
            ..none
        };
    };
    let required = rule.is_approval_required.as_ref().map(|r| r.value);
    let stages: Option<Vec<Stage>> = rule.stages.as_ref().map(|stages| {
        stages
            .iter()
            .map(|s| Stage {
                pointer: s.pointer.clone(),
                timeout_days: s.timeout_days.as_ref().map(|t| t.value),
                approvers: s.primary_approvers.iter().map(approver).collect(),
                escalation_approvers: if s.is_escalation_enabled.as_ref().is_some_and(|e| e.value) {
                    s.escalation_approvers.iter().map(approver).collect()
                } else {
                    Vec::new()
                },
            })
            .collect()
    });
    let named: Vec<String> = stages
        .iter()
        .flatten()
        .flat_map(|s| &s.approvers)
        .map(approver_words)
        .collect();
    let default_approvers =
        (required == Some(true) && stages.is_some() && named.is_empty()).then(|| {
            match policy.provider {
                Provider::AzureResources => {
                    "nobody: Azure resource roles have no default approvers".to_owned()
                }
                _ => "Privileged Role Administrators and Global Administrators".to_owned(),
            }
        });
    let summary = (required == Some(true)).then(|| {
        if !named.is_empty() {
            format!("approval by {}", named.join(", "))
        } else if let Some(default) = &default_approvers {
            format!("approval by {default} (the policy names no approvers)")
        } else {
            "approval by approvers the policy does not show".to_owned()
        }
    });
    Approval {
        required,
        rule: Some(id.as_str()),
        pointer: Some(
            rule.is_approval_required
                .as_ref()
                .map_or_else(|| rule.pointer.clone(), |r| r.pointer.clone()),
        ),
        mode: rule
            .approval_mode
            .as_ref()
            .map(|m| m.value.as_str().to_owned()),
        stages,
        default_approvers,
        extension_required: rule
            .is_approval_required_for_extension
            .as_ref()
            .map(|r| r.value),
        extension_pointer: rule
            .is_approval_required_for_extension
            .as_ref()
            .map(|r| r.pointer.clone()),
        summary,
    }
}
