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
//! assert_eq!(needs.justification.pointer.unwrap().as_str(), "/rules/0/enabledRules/0");
//! assert_eq!(needs.ticket.required, Some(false));
//! assert_eq!(needs.expiration.maximum_duration, None); // the policy does not say: unknown
//! ```

use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde::Serialize;

use crate::duration::{IsoDuration, describe};
use crate::model::{
    Action, ApiEnum, ApproverKind, Enablement, Extent, Level, NotificationLevel, Policy, Provider,
    RecipientType, RoleRef, RuleId,
};
use crate::pointer::Pointer;

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

impl Requirements {
    /// Rewrites every pointer, for input that was converted before it was read (a PowerShell
    /// export, policy as code, a document of the older APIs).
    pub fn map_pointers(&mut self, f: impl Fn(&Pointer) -> Pointer) {
        let map = |p: &mut Option<Pointer>| {
            if let Some(at) = p {
                *at = f(at);
            }
        };
        self.policy.pointer = f(&self.policy.pointer);
        map(&mut self.expiration.pointer);
        map(&mut self.expiration.required_pointer);
        map(&mut self.expiration.maximum_duration_pointer);
        for item in [&mut self.justification, &mut self.ticket, &mut self.mfa] {
            map(&mut item.pointer);
        }
        map(&mut self.authentication_context.pointer);
        map(&mut self.authentication_context.claim_value_pointer);
        map(&mut self.approval.pointer);
        map(&mut self.approval.extension_pointer);
        for stage in self.approval.stages.iter_mut().flatten() {
            stage.pointer = f(&stage.pointer);
            for a in stage
                .approvers
                .iter_mut()
                .chain(stage.escalation_approvers.iter_mut())
            {
                a.pointer = f(&a.pointer);
            }
        }
        for notice in &mut self.notifications {
            map(&mut notice.pointer);
        }
    }

    /// A plain-text account, one line per item with the pointer it comes from, as
    /// `pimlint requirements` prints it.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let role = self.policy.role.as_ref().map_or_else(
            || "a role the input does not name".to_owned(),
            |r| match &r.display_name {
                Some(name) => format!("{name} ({})", r.template_id),
                None => r.id.clone(),
            },
        );
        let scope = self
            .policy
            .scope
            .as_deref()
            .map(|s| format!(" at scope {s}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {role}{scope} ({}, policy at {})",
            self.kind,
            self.provider.describe(),
            shown(Some(&self.policy.pointer))
        );
        if self.policy.extent != Extent::Whole {
            let _ = writeln!(
                out,
                "  note: the input is {} of the policy; what it does not carry is unknown",
                match self.policy.extent {
                    Extent::Update => "an update",
                    _ => "a partial read",
                }
            );
        }
        let line = |out: &mut String, what: &str, text: String, at: Option<&Pointer>| {
            let _ = writeln!(out, "  {what:<15} {text:<56} {}", shown(at));
        };
        let e = &self.expiration;
        let duration = match (e.required, &e.maximum_duration) {
            (Some(true), Some(max)) => format!("end required, at most {max} ({})", describe(max)),
            (Some(true), None) => "end required, maximum unknown".to_owned(),
            (Some(false), _) => "no end required (permanent allowed)".to_owned(),
            (None, Some(max)) => format!("at most {max} if an end is required (unknown)"),
            (None, None) => "unknown".to_owned(),
        };
        let decides = if e.required == Some(false) {
            e.required_pointer.as_ref()
        } else {
            e.maximum_duration_pointer
                .as_ref()
                .or(e.required_pointer.as_ref())
        };
        line(
            &mut out,
            "duration",
            duration,
            decides.or(e.pointer.as_ref()),
        );
        for (what, item) in [
            ("justification", &self.justification),
            ("ticket", &self.ticket),
            ("mfa", &self.mfa),
        ] {
            line(
                &mut out,
                what,
                required(item.required),
                item.pointer.as_ref(),
            );
        }
        let ac = &self.authentication_context;
        let text = match (ac.required, &ac.claim_value) {
            (Some(true), Some(claim)) => format!("required: {claim} (acrs claim)"),
            (Some(true), None) => "required, with no claim value set".to_owned(),
            (other, _) => required(other),
        };
        line(&mut out, "auth context", text, ac.pointer.as_ref());
        let a = &self.approval;
        let mut text = match (&a.summary, a.required) {
            (Some(s), _) => format!("required: {s}"),
            (None, other) => required(other),
        };
        if let Some(ext) = a.extension_required {
            let _ = write!(
                text,
                "; extension {}",
                if ext { "needs approval" } else { "does not" }
            );
        }
        line(&mut out, "approval", text, a.pointer.as_ref());
        for n in &self.notifications {
            let who = match n.recipient_type {
                RecipientType::Requestor => "tell requestor",
                RecipientType::Approver => "tell approvers",
                RecipientType::Admin => "tell admins",
            };
            let text = if n.pointer.is_none() {
                "unknown".to_owned()
            } else {
                let level = n.level.map_or("level unknown", NotificationLevel::as_str);
                let default = match n.default_recipients {
                    Some(true) => "default recipients",
                    Some(false) => "no default recipients",
                    None => "default recipients unknown",
                };
                let extra = match &n.additional_recipients {
                    Some(list) if !list.is_empty() => format!(" + {}", list.join(", ")),
                    Some(_) => String::new(),
                    None => " + unknown others".to_owned(),
                };
                format!("{level}: {default}{extra}")
            };
            line(&mut out, who, text, n.pointer.as_ref());
        }
        let _ = writeln!(
            out,
            "  request         {} {} ({} {})",
            self.request.method,
            self.request.url,
            if self.provider == Provider::AzureResources {
                "requestType"
            } else {
                "action"
            },
            self.request.action
        );
        out
    }
}

fn required(value: Option<bool>) -> String {
    match value {
        Some(true) => "required",
        Some(false) => "not required",
        None => "unknown",
    }
    .to_owned()
}

fn shown(at: Option<&Pointer>) -> String {
    match at {
        Some(p) if p.is_root() => "(root)".to_owned(),
        Some(p) => p.to_string(),
        None => "-".to_owned(),
    }
}

/// A policy of an input and the role and scope it governs, for pickers.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Governed {
    /// The policy object in the input.
    pub pointer: Pointer,
    /// Which PIM service.
    pub provider: Provider,
    /// The policy id.
    pub policy_id: Option<String>,
    /// The role, from the policy's expanded assignment or a policy assignment naming it.
    pub role: Option<Role>,
    /// The scope.
    pub scope: Option<String>,
}

/// Every policy of `documents` with the roles it governs: a policy named by several policy
/// assignments is listed once per role; a policy no assignment names is listed without a role.
pub fn governed<'a>(
    documents: impl IntoIterator<Item = &'a crate::model::Document>,
) -> Vec<(Governed, &'a Policy)> {
    let documents: Vec<&crate::model::Document> = documents.into_iter().collect();
    let mut out: Vec<(Governed, &Policy)> = Vec::new();
    let assignments: Vec<&crate::model::PolicyAssignment> = documents
        .iter()
        .filter_map(|d| match d {
            crate::model::Document::PolicyAssignment(a) => Some(a),
            _ => None,
        })
        .collect();
    for document in &documents {
        let crate::model::Document::Policy(policy) = document else {
            continue;
        };
        let entry = |role: Option<&RoleRef>, scope: Option<&str>| Governed {
            pointer: policy.pointer.clone(),
            provider: policy.provider,
            policy_id: policy.id.as_ref().map(|i| i.value.clone()),
            role: role.map(Role::of),
            scope: scope.map(str::to_owned),
        };
        let policy_scope = policy.scope.as_ref().map(|s| s.value.as_str());
        if policy.role.is_some() {
            out.push((entry(policy.role.as_ref(), policy_scope), policy));
            continue;
        }
        let linked: Vec<&&crate::model::PolicyAssignment> = assignments
            .iter()
            .filter(|a| {
                a.role.is_some()
                    && matches!((&a.policy_id, &policy.id), (Some(a), Some(p)) if a.value.eq_ignore_ascii_case(&p.value))
            })
            .collect();
        if linked.is_empty() {
            out.push((entry(None, policy_scope), policy));
        }
        for a in linked {
            out.push((
                entry(
                    a.role.as_ref(),
                    a.scope.as_ref().map(|s| s.value.as_str()).or(policy_scope),
                ),
                policy,
            ));
        }
    }
    out
}

/// Whether `wanted` names `role`: its id, template id or display name (or a built-in role's
/// name), in any letter case.
#[must_use]
pub fn names_role(role: &Role, wanted: &str) -> bool {
    let wanted = wanted.trim();
    let last = wanted.rsplit('/').next().unwrap_or(wanted);
    role.id.eq_ignore_ascii_case(wanted)
        || role.template_id.eq_ignore_ascii_case(last)
        || role
            .display_name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(wanted))
        || crate::roles::find(wanted).is_some_and(|b| b.id.eq_ignore_ascii_case(&role.template_id))
}

/// For messages: the roles of a list of governed policies.
pub(crate) fn list_roles(found: &[(Governed, &Policy)]) -> String {
    let names: Vec<String> = found
        .iter()
        .map(|(g, _)| {
            let role = g.role.as_ref().map_or_else(
                || "(role not named)".to_owned(),
                |r| {
                    r.display_name
                        .clone()
                        .unwrap_or_else(|| r.template_id.clone())
                },
            );
            let role = match &g.scope {
                Some(s) if g.provider != Provider::EntraRoles => format!("{role} at {s}"),
                _ => role,
            };
            format!("{role} ({})", shown(Some(&g.pointer)))
        })
        .collect();
    names.join(", ")
}

/// Maps a pointer into converted input back to the input as written.
type PointerMap = Box<dyn Fn(&Pointer) -> Pointer>;

/// Reads `input` (a policy, policy assignments with their policies, a list response, a tenant
/// export, policy as code, a PowerShell export, a document of the older APIs) into documents
/// whose pointers lead into the input as written.
fn read(
    input: crate::api::Input<'_>,
) -> Result<(Vec<crate::model::Document>, PointerMap), crate::api::ApiError> {
    use crate::api::ApiError;
    let value = input.value;
    let unreadable = |pointer: &Pointer, message: String| {
        let locator = input.text.map(crate::Locator::new);
        let place = locator
            .as_ref()
            .and_then(|l| l.locate(pointer).map(|f| l.line_col(f.span.start)));
        ApiError::Document {
            pointer: pointer.to_string(),
            message,
            line: place.map(|p| p.line),
            column: place.map(|p| p.column),
        }
    };
    let (converted, map): (Option<serde_json::Value>, PointerMap) = if let Some(format) =
        crate::formats::detect(value)
    {
        let adapted =
            crate::formats::convert(format, value, crate::formats::Context { parameters: None })
                .map_err(|e| unreadable(&e.pointer, e.message))?;
        let pointers = adapted.converted.pointers;
        (
            Some(adapted.converted.value),
            Box::new(move |p| pointers.original(p)),
        )
    } else if let Some(legacy) = crate::legacy::convert(value) {
        let legacy = legacy.map_err(|e| unreadable(&e.pointer, e.message))?;
        let value = legacy.value.clone();
        (Some(value), Box::new(move |p| legacy.original(p, "").0))
    } else if let Some(export) = crate::powershell::convert(value) {
        let export = export.map_err(|e| unreadable(&e.pointer, e.message))?;
        let pointers = export.pointers;
        (Some(export.value), Box::new(move |p| pointers.original(p)))
    } else {
        (None, Box::new(Clone::clone))
    };
    let options = crate::Options {
        schema: false,
        ..crate::Options::default()
    };
    let reports = crate::check_value(converted.as_ref().unwrap_or(value), &options);
    let mut documents = Vec::new();
    for report in reports {
        if let Some(error) = report.error {
            return Err(unreadable(&map(&report.pointer), error));
        }
        documents.extend(report.document);
    }
    Ok((rules_as_one(documents), map))
}

/// Which policy of an input to read: the one that governs `role` at `scope`, or the one at
/// `policy`. What is left out may be left out when the input holds one policy, or one for that
/// role.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selector<'a> {
    /// A role template id, role definition id, display name, or `member`/`owner` for groups.
    pub role: Option<&'a str>,
    /// The scope (for groups and Azure resources; Entra role settings are tenant-wide).
    pub scope: Option<&'a str>,
    /// The policy's JSON pointer in the input, as [`list`] gives it.
    pub policy: Option<&'a str>,
}

/// A list of single rules (`GET …/policies/{id}/rules`) is one policy's rules, not a policy per
/// rule: read them as one update of the policy at the list.
fn rules_as_one(documents: Vec<crate::model::Document>) -> Vec<crate::model::Document> {
    use crate::kind::DocumentKind;
    use crate::model::Document;
    let single_rule = |d: &Document| matches!(d, Document::Policy(p) if matches!(p.kind, DocumentKind::GraphPolicyRule | DocumentKind::ArmPolicyRule));
    if documents.len() < 2 || !documents.iter().all(single_rule) {
        return documents;
    }
    let mut all = documents.into_iter();
    let Some(Document::Policy(mut first)) = all.next() else {
        return Vec::new();
    };
    for document in all {
        if let Document::Policy(rule) = document {
            first.rules.apply(&rule.rules);
        }
    }
    first.pointer = first.pointer.parent().unwrap_or_else(Pointer::root);
    if first.pointer.last().as_deref() == Some("value") {
        first.pointer = first.pointer.parent().unwrap_or_else(Pointer::root);
    }
    vec![Document::Policy(first)]
}

/// What a request of `kind` must carry under the policy of `input` that `select` picks.
/// Pointers lead into `input` as written.
pub fn from_input(
    input: crate::api::Input<'_>,
    kind: RequestKindName,
    select: Selector<'_>,
) -> Result<Requirements, crate::api::ApiError> {
    let Selector {
        role,
        scope,
        policy: at,
    } = select;
    let (documents, map) = read(input)?;
    let mut found = governed(&documents);
    for (g, _) in &mut found {
        g.pointer = map(&g.pointer);
    }
    let fail = |message: String| crate::api::ApiError::Document {
        pointer: String::new(),
        message,
        line: None,
        column: None,
    };
    if found.is_empty() {
        let holds =
            |f: fn(&crate::model::Document) -> bool| documents.iter().filter(|d| f(d)).count();
        let assignments = holds(|d| matches!(d, crate::model::Document::PolicyAssignment(_)));
        let requests = holds(|d| matches!(d, crate::model::Document::Request(_)));
        let why = if assignments > 0 {
            " (policy assignments alone do not say what a request needs: give their policies \
             too, or list them with $expand=policy($expand=rules))"
                .to_owned()
        } else if requests > 0 {
            format!(
                " (it holds {requests} schedule request{}; requirements are read from a policy)",
                if requests == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        return Err(fail(format!(
            "the input holds no role management policy{why}"
        )));
    }
    let matching: Vec<&(Governed, &Policy)> = found
        .iter()
        .filter(|(g, _)| at.is_none_or(|wanted| g.pointer.as_str() == wanted))
        .filter(|(g, _)| {
            role.is_none_or(|wanted| g.role.as_ref().is_some_and(|r| names_role(r, wanted)))
        })
        .filter(|(g, _)| {
            scope.is_none_or(|wanted| {
                g.provider == Provider::EntraRoles
                    || g.scope.as_deref().is_some_and(|s| {
                        crate::scope::canonical(s) == crate::scope::canonical(wanted)
                    })
            })
        })
        .collect();
    let mut distinct: Vec<&(Governed, &Policy)> = Vec::new();
    for entry in matching {
        if !distinct.iter().any(|d| std::ptr::eq(d.1, entry.1)) {
            distinct.push(entry);
        }
    }
    // A converted export can read one source object as two documents (a ScubaGear role entry:
    // its policy assignment, and the rules it lists): they are one policy.
    let merged: Policy;
    let same_place = distinct.len() > 1
        && distinct
            .iter()
            .all(|(g, _)| g.pointer == distinct[0].0.pointer);
    if same_place {
        let mut base = distinct[0].1.clone();
        for (_, other) in &distinct[1..] {
            base.rules.apply(&other.rules);
            if base.role.is_none() {
                base.role.clone_from(&other.role);
            }
        }
        merged = base;
        distinct.truncate(1);
    } else {
        merged = distinct
            .first()
            .map_or_else(|| found[0].1.clone(), |d| d.1.clone());
    }
    let (governed, policy) = match distinct.as_slice() {
        [one] => (&one.0, &merged),
        [] => {
            let mut what = match (role, scope) {
                (Some(r), Some(s)) => format!("role {r:?} at scope {s}"),
                (Some(r), None) => format!("role {r:?}"),
                (None, Some(s)) => format!("scope {s}"),
                (None, None) => "anything".to_owned(),
            };
            if let Some(at) = at {
                what = format!("{what} at pointer {at:?}");
            }
            return Err(fail(format!(
                "no policy in the input governs {what}; it holds policies for: {}",
                list_roles(&found)
            )));
        }
        many => {
            let owned: Vec<(Governed, &Policy)> = many.iter().map(|e| (e.0.clone(), e.1)).collect();
            return Err(fail(format!(
                "the input holds {} policies{}: say which with the role{}; they govern: {}",
                many.len(),
                role.map(|r| format!(" for role {r:?}")).unwrap_or_default(),
                if role.is_some() {
                    "'s scope"
                } else {
                    " (and scope)"
                },
                list_roles(&owned)
            )));
        }
    };
    let mut needs = requirements(policy, kind);
    if needs.policy.role.is_none() {
        needs.policy.role.clone_from(&governed.role);
    }
    if needs.policy.scope.is_none() {
        needs.policy.scope.clone_from(&governed.scope);
    }
    needs.map_pointers(map);
    Ok(needs)
}

/// Every policy of `input` with the role and scope it governs, pointers into `input` as
/// written: what a portal lists to pick a role from.
pub fn list(input: crate::api::Input<'_>) -> Result<Vec<Governed>, crate::api::ApiError> {
    let (documents, map) = read(input)?;
    Ok(governed(&documents)
        .into_iter()
        .map(|(mut g, _)| {
            g.pointer = map(&g.pointer);
            g
        })
        .collect())
}
