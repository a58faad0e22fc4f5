//! The provider-neutral model that rules and request validation read.
//!
//! Graph and ARM differences end at normalization: a rule written against this model works
//! for Entra roles, Groups and Azure resources alike. Every value remembers the JSON pointer
//! it came from, so a finding can point at the exact member of the input.

use std::fmt;

use serde::Serialize;

use crate::duration::IsoDuration;
use crate::kind::DocumentKind;
use crate::pointer::Pointer;
use crate::source::RuleType;

mod request;

pub use request::{Presence, RequestExpiration, RequestKind, ScheduleRequest, Ticket};

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Its JSON pointer in the input.
    pub pointer: Pointer,
}

impl<T> Located<T> {
    /// Pairs a value with its pointer.
    pub const fn new(value: T, pointer: Pointer) -> Self {
        Self { value, pointer }
    }
}

/// Which PIM service governs the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provider {
    /// PIM for Microsoft Entra roles (Graph, `Directory` scope).
    EntraRoles,
    /// PIM for Groups (Graph, `Group` scope).
    Groups,
    /// PIM for Azure resources (ARM).
    AzureResources,
}

impl Provider {
    /// Name for messages.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::EntraRoles => "Microsoft Entra role",
            Self::Groups => "group",
            Self::AzureResources => "Azure resource role",
        }
    }
}

/// A string enum as the APIs document it; `VARIANTS` lists the exact spellings.
pub trait ApiEnum: Sized + Copy + 'static {
    /// What the member is, for messages (`caller`).
    const WHAT: &'static str;
    /// Accepted spellings and their values.
    const VARIANTS: &'static [(&'static str, Self)];

    /// Whether the service compares the spelling exactly. Most enums are read as `OData` or ARM
    /// enums, whose names the service matches in any letter case; a few are plain strings the
    /// service compares as written.
    const CASE_SENSITIVE: bool = false;

    /// The documented spelling.
    fn as_str(self) -> &'static str;
}

macro_rules! api_enum {
    (
        $(#[doc = $doc:literal])*
        $name:ident, $what:literal $(, case_sensitive = $cs:literal)? { $( $(#[doc = $vdoc:literal])* $variant:ident = $text:literal ),+ $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum $name {
            $( $(#[doc = $vdoc])* #[serde(rename = $text)] $variant, )+
        }

        impl ApiEnum for $name {
            const WHAT: &'static str = $what;
            const VARIANTS: &'static [(&'static str, Self)] = &[ $( ($text, Self::$variant), )+ ];
            $(const CASE_SENSITIVE: bool = $cs;)?

            fn as_str(self) -> &'static str {
                match self { $( Self::$variant => $text, )+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

api_enum! {
    /// `target.caller`.
    Caller, "caller" {
        /// An administrator acting on someone's assignment.
        Admin = "Admin",
        /// The principal acting on their own assignment.
        EndUser = "EndUser",
        /// Documented by Graph; not used by the 17 rules.
        None = "None",
    }
}

api_enum! {
    /// `target.level`.
    Level, "level" {
        /// Eligible assignments.
        Eligibility = "Eligibility",
        /// Active assignments (and activations).
        Assignment = "Assignment",
    }
}

api_enum! {
    /// `target.operations[]`.
    Operation, "operation" {
        /// Every operation.
        All = "All",
        /// Activate.
        Activate = "Activate",
        /// Deactivate.
        Deactivate = "Deactivate",
        /// Assign.
        Assign = "Assign",
        /// Update.
        Update = "Update",
        /// Remove.
        Remove = "Remove",
        /// Extend.
        Extend = "Extend",
        /// Renew.
        Renew = "Renew",
    }
}

api_enum! {
    /// `enabledRules[]` of an enablement rule.
    Enablement, "enabled rule", case_sensitive = true {
        /// Multi-factor authentication.
        MultiFactorAuthentication = "MultiFactorAuthentication",
        /// A justification text.
        Justification = "Justification",
        /// Ticket number and system.
        Ticketing = "Ticketing",
    }
}

api_enum! {
    /// `setting.approvalMode`.
    ApprovalMode, "approval mode" {
        /// One stage.
        SingleStage = "SingleStage",
        /// Stages one after another.
        Serial = "Serial",
        /// Stages at once.
        Parallel = "Parallel",
        /// No approval.
        NoApproval = "NoApproval",
    }
}

api_enum! {
    /// `notificationLevel`.
    NotificationLevel, "notification level" {
        /// No mail.
        None = "None",
        /// Critical mails only.
        Critical = "Critical",
        /// All mails.
        All = "All",
    }
}

api_enum! {
    /// `recipientType`.
    RecipientType, "recipient type" {
        /// The requestor.
        Requestor = "Requestor",
        /// The approvers.
        Approver = "Approver",
        /// The administrators.
        Admin = "Admin",
    }
}

api_enum! {
    /// `notificationType`.
    NotificationType, "notification type" {
        /// E-mail, the only type documented.
        Email = "Email",
    }
}

api_enum! {
    /// Graph `action` / ARM `requestType` (Graph spells it camelCase, ARM PascalCase).
    Action, "action" {
        /// An admin assigns.
        AdminAssign = "adminAssign",
        /// An admin changes an assignment.
        AdminUpdate = "adminUpdate",
        /// An admin removes an assignment.
        AdminRemove = "adminRemove",
        /// An admin extends an expiring assignment.
        AdminExtend = "adminExtend",
        /// An admin renews an expired assignment.
        AdminRenew = "adminRenew",
        /// A principal activates an eligible assignment.
        SelfActivate = "selfActivate",
        /// A principal ends an activation early.
        SelfDeactivate = "selfDeactivate",
        /// A principal asks to extend.
        SelfExtend = "selfExtend",
        /// A principal asks to renew.
        SelfRenew = "selfRenew",
    }
}

impl Action {
    /// The ARM `requestType` spelling (`AdminAssign`).
    #[must_use]
    pub fn arm_str(self) -> String {
        let s = self.as_str();
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
        }
        out.extend(chars);
        out
    }

    /// Who acts.
    #[must_use]
    pub const fn caller(self) -> Caller {
        match self {
            Self::AdminAssign
            | Self::AdminUpdate
            | Self::AdminRemove
            | Self::AdminExtend
            | Self::AdminRenew => Caller::Admin,
            Self::SelfActivate | Self::SelfDeactivate | Self::SelfExtend | Self::SelfRenew => {
                Caller::EndUser
            }
        }
    }
}

api_enum! {
    /// `scheduleInfo.expiration.type` (ARM PascalCase accepted too).
    ExpirationType, "expiration type" {
        /// Graph's default when nothing was said.
        NotSpecified = "notSpecified",
        /// Never ends.
        NoExpiration = "noExpiration",
        /// Ends at `endDateTime`.
        AfterDateTime = "afterDateTime",
        /// Ends `duration` after the start.
        AfterDuration = "afterDuration",
    }
}

/// The 17 rule ids every policy carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum RuleId {
    /// `Expiration_Admin_Eligibility`.
    #[serde(rename = "Expiration_Admin_Eligibility")]
    ExpirationAdminEligibility,
    /// `Expiration_Admin_Assignment`.
    #[serde(rename = "Expiration_Admin_Assignment")]
    ExpirationAdminAssignment,
    /// `Expiration_EndUser_Assignment`.
    #[serde(rename = "Expiration_EndUser_Assignment")]
    ExpirationEndUserAssignment,
    /// `Enablement_Admin_Eligibility`.
    #[serde(rename = "Enablement_Admin_Eligibility")]
    EnablementAdminEligibility,
    /// `Enablement_Admin_Assignment`.
    #[serde(rename = "Enablement_Admin_Assignment")]
    EnablementAdminAssignment,
    /// `Enablement_EndUser_Assignment`.
    #[serde(rename = "Enablement_EndUser_Assignment")]
    EnablementEndUserAssignment,
    /// `Approval_EndUser_Assignment`.
    #[serde(rename = "Approval_EndUser_Assignment")]
    ApprovalEndUserAssignment,
    /// `AuthenticationContext_EndUser_Assignment`.
    #[serde(rename = "AuthenticationContext_EndUser_Assignment")]
    AuthenticationContextEndUserAssignment,
    /// `Notification_Admin_Admin_Eligibility`.
    #[serde(rename = "Notification_Admin_Admin_Eligibility")]
    NotificationAdminAdminEligibility,
    /// `Notification_Requestor_Admin_Eligibility`.
    #[serde(rename = "Notification_Requestor_Admin_Eligibility")]
    NotificationRequestorAdminEligibility,
    /// `Notification_Approver_Admin_Eligibility`.
    #[serde(rename = "Notification_Approver_Admin_Eligibility")]
    NotificationApproverAdminEligibility,
    /// `Notification_Admin_Admin_Assignment`.
    #[serde(rename = "Notification_Admin_Admin_Assignment")]
    NotificationAdminAdminAssignment,
    /// `Notification_Requestor_Admin_Assignment`.
    #[serde(rename = "Notification_Requestor_Admin_Assignment")]
    NotificationRequestorAdminAssignment,
    /// `Notification_Approver_Admin_Assignment`.
    #[serde(rename = "Notification_Approver_Admin_Assignment")]
    NotificationApproverAdminAssignment,
    /// `Notification_Admin_EndUser_Assignment`.
    #[serde(rename = "Notification_Admin_EndUser_Assignment")]
    NotificationAdminEndUserAssignment,
    /// `Notification_Requestor_EndUser_Assignment`.
    #[serde(rename = "Notification_Requestor_EndUser_Assignment")]
    NotificationRequestorEndUserAssignment,
    /// `Notification_Approver_EndUser_Assignment`.
    #[serde(rename = "Notification_Approver_EndUser_Assignment")]
    NotificationApproverEndUserAssignment,
}

impl RuleId {
    /// All 17, in the order the service returns them.
    pub const ALL: [Self; 17] = [
        Self::ExpirationAdminEligibility,
        Self::EnablementAdminEligibility,
        Self::ExpirationAdminAssignment,
        Self::EnablementAdminAssignment,
        Self::ExpirationEndUserAssignment,
        Self::EnablementEndUserAssignment,
        Self::ApprovalEndUserAssignment,
        Self::AuthenticationContextEndUserAssignment,
        Self::NotificationAdminAdminEligibility,
        Self::NotificationRequestorAdminEligibility,
        Self::NotificationApproverAdminEligibility,
        Self::NotificationAdminAdminAssignment,
        Self::NotificationRequestorAdminAssignment,
        Self::NotificationApproverAdminAssignment,
        Self::NotificationAdminEndUserAssignment,
        Self::NotificationRequestorEndUserAssignment,
        Self::NotificationApproverEndUserAssignment,
    ];

    /// The id as written in policies.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ExpirationAdminEligibility => "Expiration_Admin_Eligibility",
            Self::ExpirationAdminAssignment => "Expiration_Admin_Assignment",
            Self::ExpirationEndUserAssignment => "Expiration_EndUser_Assignment",
            Self::EnablementAdminEligibility => "Enablement_Admin_Eligibility",
            Self::EnablementAdminAssignment => "Enablement_Admin_Assignment",
            Self::EnablementEndUserAssignment => "Enablement_EndUser_Assignment",
            Self::ApprovalEndUserAssignment => "Approval_EndUser_Assignment",
            Self::AuthenticationContextEndUserAssignment => {
                "AuthenticationContext_EndUser_Assignment"
            }
            Self::NotificationAdminAdminEligibility => "Notification_Admin_Admin_Eligibility",
            Self::NotificationRequestorAdminEligibility => {
                "Notification_Requestor_Admin_Eligibility"
            }
            Self::NotificationApproverAdminEligibility => "Notification_Approver_Admin_Eligibility",
            Self::NotificationAdminAdminAssignment => "Notification_Admin_Admin_Assignment",
            Self::NotificationRequestorAdminAssignment => "Notification_Requestor_Admin_Assignment",
            Self::NotificationApproverAdminAssignment => "Notification_Approver_Admin_Assignment",
            Self::NotificationAdminEndUserAssignment => "Notification_Admin_EndUser_Assignment",
            Self::NotificationRequestorEndUserAssignment => {
                "Notification_Requestor_EndUser_Assignment"
            }
            Self::NotificationApproverEndUserAssignment => {
                "Notification_Approver_EndUser_Assignment"
            }
        }
    }

    /// Looks an id up exactly.
    #[must_use]
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == id)
    }

    /// The rule type the id calls for.
    #[must_use]
    pub const fn rule_type(self) -> RuleType {
        match self {
            Self::ExpirationAdminEligibility
            | Self::ExpirationAdminAssignment
            | Self::ExpirationEndUserAssignment => RuleType::Expiration,
            Self::EnablementAdminEligibility
            | Self::EnablementAdminAssignment
            | Self::EnablementEndUserAssignment => RuleType::Enablement,
            Self::ApprovalEndUserAssignment => RuleType::Approval,
            Self::AuthenticationContextEndUserAssignment => RuleType::AuthenticationContext,
            _ => RuleType::Notification,
        }
    }

    /// The caller the id names.
    #[must_use]
    pub const fn caller(self) -> Caller {
        match self {
            Self::ExpirationEndUserAssignment
            | Self::EnablementEndUserAssignment
            | Self::ApprovalEndUserAssignment
            | Self::AuthenticationContextEndUserAssignment
            | Self::NotificationAdminEndUserAssignment
            | Self::NotificationRequestorEndUserAssignment
            | Self::NotificationApproverEndUserAssignment => Caller::EndUser,
            _ => Caller::Admin,
        }
    }

    /// The level the id names.
    #[must_use]
    pub const fn level(self) -> Level {
        match self {
            Self::ExpirationAdminEligibility
            | Self::EnablementAdminEligibility
            | Self::NotificationAdminAdminEligibility
            | Self::NotificationRequestorAdminEligibility
            | Self::NotificationApproverAdminEligibility => Level::Eligibility,
            _ => Level::Assignment,
        }
    }

    /// For notification rules, who receives the mail.
    #[must_use]
    pub const fn recipient(self) -> Option<RecipientType> {
        match self {
            Self::NotificationAdminAdminEligibility
            | Self::NotificationAdminAdminAssignment
            | Self::NotificationAdminEndUserAssignment => Some(RecipientType::Admin),
            Self::NotificationRequestorAdminEligibility
            | Self::NotificationRequestorAdminAssignment
            | Self::NotificationRequestorEndUserAssignment => Some(RecipientType::Requestor),
            Self::NotificationApproverAdminEligibility
            | Self::NotificationApproverAdminAssignment
            | Self::NotificationApproverEndUserAssignment => Some(RecipientType::Approver),
            _ => None,
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One normalized document.
#[derive(Debug, Clone, Serialize)]
#[allow(
    clippy::large_enum_variant,
    reason = "documents are produced and consumed one at a time; boxing would add an allocation each"
)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Document {
    /// A role management policy (possibly from an expanded policy assignment).
    Policy(Policy),
    /// A policy assignment without its policy.
    PolicyAssignment(PolicyAssignment),
    /// A schedule request.
    Request(ScheduleRequest),
    /// A schedule, instance or role assignment: who holds what.
    Schedule(Box<crate::tenant::model::Schedule>),
    /// A role definition.
    RoleDefinition(crate::tenant::model::RoleDefinition),
    /// A PIM alert, its configuration or its definition.
    Alert(crate::tenant::model::Alert),
}

/// The role a policy governs, when the input says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleRef {
    /// Graph: role template id, or `member` / `owner` for Groups. ARM: full role definition id.
    pub id: Located<String>,
    /// The GUID at the end of the id (the template id / role definition name).
    pub template_id: String,
    /// Display name, when given.
    pub display_name: Option<String>,
    /// Graph `roleDefinition.isPrivileged`, when expanded.
    pub is_privileged: Option<bool>,
}

/// A policy assignment (role ↔ policy link).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyAssignment {
    /// The document.
    pub pointer: Pointer,
    /// Provider.
    pub provider: Provider,
    /// Assignment id.
    pub id: Option<Located<String>>,
    /// The policy it points to.
    pub policy_id: Option<Located<String>>,
    /// The scope.
    pub scope: Option<Located<String>>,
    /// The role.
    pub role: Option<RoleRef>,
}

/// How much of a policy a document carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Extent {
    /// The whole policy (a GET response or an export): held to the 17 rules.
    Whole,
    /// An update (a PATCH body, one rule, a list of rules): only the rules it carries count;
    /// the others stay as they are on the service.
    Update,
    /// A read with `$select`, or without `$expand=rules`: what was not asked for is absent,
    /// and absent is unknown.
    Projection,
}

/// A role management policy: one role's settings at one scope.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    /// The kind of source document.
    pub kind: DocumentKind,
    /// Whole, an update, or a projection.
    pub extent: Extent,
    /// The policy object (inside an expanded assignment: its `policy` member).
    pub pointer: Pointer,
    /// Provider.
    pub provider: Provider,
    /// Policy id.
    pub id: Option<Located<String>>,
    /// `scopeId` (Graph) or `properties.scope` (ARM).
    pub scope: Option<Located<String>>,
    /// `scopeType` (Graph) or the policy properties' scope type (ARM).
    pub scope_type: Option<Located<String>>,
    /// The role, from a policy assignment.
    pub role: Option<RoleRef>,
    /// Pointer to `rules`; `None` when the document has no `rules` member.
    pub rules_pointer: Option<Pointer>,
    /// Every rule object in source order, including unknown and duplicate ones.
    pub entries: Vec<RuleEntry>,
    /// The 17 rules by id (the first well-typed occurrence of each).
    pub rules: PolicyRules,
    /// Where `effectiveRules` (the rules in force after inheritance) differ from `rules`.
    pub effective_differences: Vec<EffectiveDifference>,
}

impl Policy {
    /// Whether a rule the document does not carry is known to be missing (a whole policy)
    /// rather than unknown (an update or a projection).
    #[must_use]
    pub fn is_whole(&self) -> bool {
        self.extent == Extent::Whole
    }
}

/// A rule whose effective version differs from the one the policy sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EffectiveDifference {
    /// The rule id.
    pub id: String,
    /// The rule in `rules`, when there is one.
    pub rule: Option<Pointer>,
    /// The rule in `effectiveRules`.
    pub effective: Pointer,
    /// The members whose values differ.
    pub members: Vec<String>,
}

/// What every rule object has, whatever its type.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleEntry {
    /// The rule object.
    pub pointer: Pointer,
    /// Its `id`, when a string.
    pub id: Option<Located<String>>,
    /// The id, when it is one of the 17.
    pub rule_id: Option<RuleId>,
    /// The type from its discriminator (or id), when known.
    pub rule_type: Option<RuleType>,
    /// Its `target`.
    pub target: Option<Target>,
}

/// `target` of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// The target object.
    pub pointer: Pointer,
    /// `caller`.
    pub caller: Option<Located<Caller>>,
    /// `level`.
    pub level: Option<Located<Level>>,
    /// `operations`.
    pub operations: Vec<Located<Operation>>,
}

/// The 17 rules of a policy, typed. `None` when the policy lacks the rule (or only has it
/// with the wrong type).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct PolicyRules {
    pub expiration_admin_eligibility: Option<ExpirationRule>,
    pub expiration_admin_assignment: Option<ExpirationRule>,
    pub expiration_end_user_assignment: Option<ExpirationRule>,
    pub enablement_admin_eligibility: Option<EnablementRule>,
    pub enablement_admin_assignment: Option<EnablementRule>,
    pub enablement_end_user_assignment: Option<EnablementRule>,
    pub approval_end_user_assignment: Option<ApprovalRule>,
    pub authentication_context_end_user_assignment: Option<AuthenticationContextRule>,
    pub notification_admin_admin_eligibility: Option<NotificationRule>,
    pub notification_requestor_admin_eligibility: Option<NotificationRule>,
    pub notification_approver_admin_eligibility: Option<NotificationRule>,
    pub notification_admin_admin_assignment: Option<NotificationRule>,
    pub notification_requestor_admin_assignment: Option<NotificationRule>,
    pub notification_approver_admin_assignment: Option<NotificationRule>,
    pub notification_admin_end_user_assignment: Option<NotificationRule>,
    pub notification_requestor_end_user_assignment: Option<NotificationRule>,
    pub notification_approver_end_user_assignment: Option<NotificationRule>,
}

impl PolicyRules {
    /// Replaces every rule `update` carries, as the service does on a `PATCH`; the rules it
    /// does not carry stay as they are.
    pub fn apply(&mut self, update: &Self) {
        macro_rules! take {
            ($($field:ident),+ $(,)?) => {
                $(if let Some(rule) = &update.$field {
                    self.$field = Some(rule.clone());
                })+
            };
        }
        take!(
            expiration_admin_eligibility,
            expiration_admin_assignment,
            expiration_end_user_assignment,
            enablement_admin_eligibility,
            enablement_admin_assignment,
            enablement_end_user_assignment,
            approval_end_user_assignment,
            authentication_context_end_user_assignment,
            notification_admin_admin_eligibility,
            notification_requestor_admin_eligibility,
            notification_approver_admin_eligibility,
            notification_admin_admin_assignment,
            notification_requestor_admin_assignment,
            notification_approver_admin_assignment,
            notification_admin_end_user_assignment,
            notification_requestor_end_user_assignment,
            notification_approver_end_user_assignment,
        );
    }

    /// The expiration rule with this id (`None` for ids of other types).
    #[must_use]
    pub const fn expiration(&self, id: RuleId) -> Option<&ExpirationRule> {
        match id {
            RuleId::ExpirationAdminEligibility => self.expiration_admin_eligibility.as_ref(),
            RuleId::ExpirationAdminAssignment => self.expiration_admin_assignment.as_ref(),
            RuleId::ExpirationEndUserAssignment => self.expiration_end_user_assignment.as_ref(),
            _ => None,
        }
    }

    /// The enablement rule with this id.
    #[must_use]
    pub const fn enablement(&self, id: RuleId) -> Option<&EnablementRule> {
        match id {
            RuleId::EnablementAdminEligibility => self.enablement_admin_eligibility.as_ref(),
            RuleId::EnablementAdminAssignment => self.enablement_admin_assignment.as_ref(),
            RuleId::EnablementEndUserAssignment => self.enablement_end_user_assignment.as_ref(),
            _ => None,
        }
    }

    /// The notification rule with this id.
    #[must_use]
    pub const fn notification(&self, id: RuleId) -> Option<&NotificationRule> {
        match id {
            RuleId::NotificationAdminAdminEligibility => {
                self.notification_admin_admin_eligibility.as_ref()
            }
            RuleId::NotificationRequestorAdminEligibility => {
                self.notification_requestor_admin_eligibility.as_ref()
            }
            RuleId::NotificationApproverAdminEligibility => {
                self.notification_approver_admin_eligibility.as_ref()
            }
            RuleId::NotificationAdminAdminAssignment => {
                self.notification_admin_admin_assignment.as_ref()
            }
            RuleId::NotificationRequestorAdminAssignment => {
                self.notification_requestor_admin_assignment.as_ref()
            }
            RuleId::NotificationApproverAdminAssignment => {
                self.notification_approver_admin_assignment.as_ref()
            }
            RuleId::NotificationAdminEndUserAssignment => {
                self.notification_admin_end_user_assignment.as_ref()
            }
            RuleId::NotificationRequestorEndUserAssignment => {
                self.notification_requestor_end_user_assignment.as_ref()
            }
            RuleId::NotificationApproverEndUserAssignment => {
                self.notification_approver_end_user_assignment.as_ref()
            }
            _ => None,
        }
    }

    /// The nine notification rules that are present, with their ids.
    pub fn notifications(&self) -> impl Iterator<Item = (RuleId, &NotificationRule)> {
        RuleId::ALL
            .into_iter()
            .filter_map(|id| self.notification(id).map(|n| (id, n)))
    }
}

/// An expiration rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpirationRule {
    /// The rule object.
    pub pointer: Pointer,
    /// `isExpirationRequired`.
    pub is_expiration_required: Option<Located<bool>>,
    /// `maximumDuration`, when valid.
    pub maximum_duration: Option<Located<IsoDuration>>,
}

/// An enablement rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnablementRule {
    /// The rule object.
    pub pointer: Pointer,
    /// Pointer to `enabledRules` (or where it would be).
    pub enabled_rules_pointer: Pointer,
    /// The recognised entries of `enabledRules`; `None` when the member is absent (a
    /// projection or an update that does not carry it), so what is required is unknown.
    pub enabled_rules: Option<Vec<Located<Enablement>>>,
}

impl EnablementRule {
    /// The entry enabling `what`, if any.
    #[must_use]
    pub fn find(&self, what: Enablement) -> Option<&Located<Enablement>> {
        self.enabled_rules
            .as_ref()?
            .iter()
            .find(|e| e.value == what)
    }

    /// Whether `what` is required; `None` when `enabledRules` is unknown.
    #[must_use]
    pub fn requires(&self, what: Enablement) -> Option<bool> {
        self.enabled_rules
            .as_ref()
            .map(|rules| rules.iter().any(|e| e.value == what))
    }
}

/// An approval rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalRule {
    /// The rule object.
    pub pointer: Pointer,
    /// Pointer to `setting`.
    pub setting_pointer: Pointer,
    /// `isApprovalRequired`.
    pub is_approval_required: Option<Located<bool>>,
    /// `isApprovalRequiredForExtension`.
    pub is_approval_required_for_extension: Option<Located<bool>>,
    /// `isRequestorJustificationRequired`.
    pub is_requestor_justification_required: Option<Located<bool>>,
    /// `approvalMode`.
    pub approval_mode: Option<Located<ApprovalMode>>,
    /// Pointer to `approvalStages`.
    pub stages_pointer: Pointer,
    /// The stages; `None` when `approvalStages` is absent (unknown, not empty).
    pub stages: Option<Vec<ApprovalStage>>,
}

impl ApprovalRule {
    /// The stages as far as known (none when unknown).
    #[must_use]
    pub fn stages(&self) -> &[ApprovalStage] {
        self.stages.as_deref().unwrap_or_default()
    }
}

/// One approval stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalStage {
    /// The stage object.
    pub pointer: Pointer,
    /// `approvalStageTimeOutInDays`.
    pub timeout_days: Option<Located<i64>>,
    /// `isApproverJustificationRequired`.
    pub is_approver_justification_required: Option<Located<bool>>,
    /// `isEscalationEnabled`.
    pub is_escalation_enabled: Option<Located<bool>>,
    /// `escalationTimeInMinutes`.
    pub escalation_time_minutes: Option<Located<i64>>,
    /// Pointer to `primaryApprovers`.
    pub primary_approvers_pointer: Pointer,
    /// `primaryApprovers`.
    pub primary_approvers: Vec<Approver>,
    /// Pointer to `escalationApprovers`.
    pub escalation_approvers_pointer: Pointer,
    /// `escalationApprovers`.
    pub escalation_approvers: Vec<Approver>,
}

/// What kind of subject an approver is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ApproverKind {
    /// One user.
    User,
    /// The members of a group.
    Group,
    /// Another Graph subject set (`requestorManager`, …), by its type name.
    Other(String),
}

/// One approver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Approver {
    /// The approver object.
    pub pointer: Pointer,
    /// User, group, or another subject set.
    pub kind: Option<ApproverKind>,
    /// User or group object id (Graph `userId`/`groupId`, ARM `id`).
    pub id: Option<Located<String>>,
    /// Description.
    pub description: Option<String>,
    /// ARM `isBackup`.
    pub is_backup: Option<bool>,
}

/// An authentication context rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationContextRule {
    /// The rule object.
    pub pointer: Pointer,
    /// `isEnabled`.
    pub is_enabled: Option<Located<bool>>,
    /// `claimValue` (`null` and absent are `None`).
    pub claim_value: Option<Located<String>>,
}

/// A notification rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationRule {
    /// The rule object.
    pub pointer: Pointer,
    /// `notificationType`.
    pub notification_type: Option<Located<NotificationType>>,
    /// `recipientType`.
    pub recipient_type: Option<Located<RecipientType>>,
    /// `notificationLevel`.
    pub notification_level: Option<Located<NotificationLevel>>,
    /// `isDefaultRecipientsEnabled`.
    pub is_default_recipients_enabled: Option<Located<bool>>,
    /// Pointer to `notificationRecipients`.
    pub recipients_pointer: Pointer,
    /// `notificationRecipients`, as written; `None` when the member is absent (unknown).
    pub recipients: Option<Vec<Located<String>>>,
}

impl NotificationRule {
    /// The recipients as far as known (none when unknown).
    #[must_use]
    pub fn recipients(&self) -> &[Located<String>] {
        self.recipients.as_deref().unwrap_or_default()
    }
}
