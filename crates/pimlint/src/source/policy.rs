//! Role management policies, their rules, and policy assignments (Graph and ARM).

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::{Extra, Field, List, Name};

/// Declares a lossless source object: every listed member is a [`Field`] (absent members are
/// not written back), names are camelCase unless renamed, and unknown members go to `extra`.
macro_rules! source_object {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[rename = $rename:literal])?
                pub $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $(
                $(#[doc = $doc])*
                #[serde(skip_serializing_if = "Field::is_absent" $(, rename = $rename)?)]
                pub $field: $crate::source::Field<$ty>,
            )*
            /// Members not modelled here, kept verbatim.
            #[serde(flatten)]
            pub extra: $crate::source::Extra,
        }

        impl $name {
            /// The declared members, by JSON name.
            fn members() -> &'static $crate::source::Members {
                static MEMBERS: std::sync::OnceLock<$crate::source::Members> =
                    std::sync::OnceLock::new();
                MEMBERS.get_or_init(|| {
                    $crate::source::Members::new(vec![
                        $($crate::source::member_name(stringify!($field), &[$($rename)?])),*
                    ])
                })
            }
        }

        impl $name {
            /// Whether every declared member is absent (the unknown ones aside).
            #[must_use]
            #[allow(dead_code, reason = "declared for every source object, used for rules")]
            pub fn declares_nothing(&self) -> bool {
                true $(&& self.$field.is_absent())*
            }

            /// The JSON names of the members whose values differ from `other`'s, as their
            /// written JSON would differ, an absent member counting as `null`.
            #[must_use]
            #[allow(dead_code, reason = "declared for every source object, used for rules")]
            pub fn differences(&self, other: &Self) -> Vec<String> {
                let names = &Self::members().names;
                let mut out = Vec::new();
                let mut n = 0_usize;
                $(
                    if !self.$field.same_as_written(&other.$field) {
                        if let Some((name, _)) = names.get(n) {
                            out.push(name.clone());
                        }
                    }
                    n += 1;
                )*
                let _ = n;
                $crate::source::extra_differences(&self.extra, &other.extra, &mut out);
                out
            }
        }

        impl $crate::source::Shape for $name {
            const READS_EVERY_OBJECT: bool = true;
        }

        impl $crate::source::ReadValue for $name {
            fn read(value: &serde_json::Value) -> Option<Self> {
                const COUNT: usize = [$(stringify!($field)),*].len();
                let map = value.as_object()?;
                let mut slots: [Option<&serde_json::Value>; COUNT] = [None; COUNT];
                let extra = Self::members().split(map, &mut slots);
                let mut slot = slots.into_iter();
                Some(Self {
                    $(
                        $field: $crate::source::Field::read_member(slot.next()?),
                    )*
                    extra,
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                struct Object;
                impl<'de> serde::de::Visitor<'de> for Object {
                    type Value = $name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$name, A::Error> {
                        let mut out = $name::default();
                        let members = $name::members();
                        // Each member is read once, straight into its field; a repeated
                        // member replaces the earlier one, as in a parsed `Value`.
                        while let Some(key) =
                            map.next_key_seed($crate::source::MemberKey(members))?
                        {
                            let index = match key {
                                Ok(index) => index,
                                Err(name) => {
                                    let value: serde_json::Value = map.next_value()?;
                                    out.extra.insert(name, value);
                                    continue;
                                }
                            };
                            let mut n = 0_usize;
                            $(
                                if index == n {
                                    out.$field = map.next_value()?;
                                    continue;
                                }
                                n += 1;
                            )*
                            let _ = n;
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                        Ok(out)
                    }
                }
                deserializer.deserialize_map(Object)
            }
        }

        impl $crate::source::NullItems for $name {
            fn holds_a_null_item(&self) -> bool {
                false $(|| self.$field.holds_a_null_item())*
                    || self.extra.holds_a_null_item()
            }
        }
    };
}
pub(crate) use source_object;

source_object! {
    /// `unifiedRoleManagementPolicy` (Graph): one role's settings at one scope.
    pub struct GraphPolicy {
        /// `@odata.context`, present on single-entity responses.
        #[rename = "@odata.context"]
        pub odata_context: String,
        /// `@odata.type`, when the document says it.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// `Directory_<tenant>_<guid>`, `DirectoryRole_…` or `Group_<groupId>_<guid>`.
        pub id: String,
        /// Display name (the service writes `Directory`).
        pub display_name: String,
        /// Description.
        pub description: String,
        /// Whether this is the organization-wide default.
        pub is_organization_default: bool,
        /// `/` for Entra roles, the group id for Groups.
        pub scope_id: String,
        /// `Directory`, `DirectoryRole` or `Group`.
        pub scope_type: String,
        /// Last change time.
        pub last_modified_date_time: String,
        /// Last changed by (an identity).
        pub last_modified_by: Value,
        /// The 17 rules.
        pub rules: Vec<Rule>,
        /// The rules after inheritance.
        pub effective_rules: Vec<Rule>,
    }
}

source_object! {
    /// `unifiedRoleManagementPolicyAssignment` (Graph): links a policy to a role.
    pub struct GraphPolicyAssignment {
        /// `@odata.context`.
        #[rename = "@odata.context"]
        pub odata_context: String,
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// `<policyId>_<roleDefinitionId>`.
        pub id: String,
        /// The policy's id.
        pub policy_id: String,
        /// `/` or the group id.
        pub scope_id: String,
        /// `Directory`, `DirectoryRole` or `Group`.
        pub scope_type: String,
        /// Role template id, or `member` / `owner` for Groups.
        pub role_definition_id: String,
        /// The policy, when fetched with `$expand=policy($expand=rules)`.
        pub policy: GraphPolicy,
        /// The role definition, when expanded.
        pub role_definition: GraphRoleDefinition,
    }
}

source_object! {
    /// `unifiedRoleDefinition`, as far as pimlint reads it.
    pub struct GraphRoleDefinition {
        /// Id (the template id for built-in roles).
        pub id: String,
        /// Display name.
        pub display_name: String,
        /// Template id.
        pub template_id: String,
        /// Microsoft's PRIVILEGED label.
        pub is_privileged: bool,
        /// Built-in or custom.
        pub is_built_in: bool,
    }
}

source_object! {
    /// `Microsoft.Authorization/roleManagementPolicies` (ARM).
    pub struct ArmPolicy {
        /// Resource id.
        pub id: String,
        /// Policy name (a GUID).
        pub name: String,
        /// `Microsoft.Authorization/roleManagementPolicies`.
        #[rename = "type"]
        pub resource_type: String,
        /// The policy body.
        pub properties: ArmPolicyProperties,
    }
}

source_object! {
    /// `properties` of an ARM role management policy.
    pub struct ArmPolicyProperties {
        /// The scope (`/subscriptions/…`).
        pub scope: String,
        /// Display name.
        pub display_name: String,
        /// Description.
        pub description: String,
        /// Whether this is the organization default.
        pub is_organization_default: bool,
        /// Last changed by.
        pub last_modified_by: Value,
        /// Last change time.
        pub last_modified_date_time: String,
        /// The rules as set.
        pub rules: Vec<Rule>,
        /// The rules in force after inheritance.
        pub effective_rules: Vec<Rule>,
        /// `{ scope: { id, displayName, type } }`.
        pub policy_properties: Value,
    }
}

source_object! {
    /// `Microsoft.Authorization/roleManagementPolicyAssignments` (ARM).
    pub struct ArmPolicyAssignment {
        /// Resource id.
        pub id: String,
        /// `<policyName>_<roleDefinitionName>`.
        pub name: String,
        /// `Microsoft.Authorization/roleManagementPolicyAssignments`.
        #[rename = "type"]
        pub resource_type: String,
        /// The assignment body.
        pub properties: ArmPolicyAssignmentProperties,
    }
}

source_object! {
    /// `properties` of an ARM role management policy assignment.
    pub struct ArmPolicyAssignmentProperties {
        /// The scope.
        pub scope: String,
        /// Full role definition resource id.
        pub role_definition_id: String,
        /// Full policy resource id.
        pub policy_id: String,
        /// Rules in force, on newer api-versions.
        pub effective_rules: Vec<Rule>,
        /// Display names of the scope, role and policy.
        pub policy_assignment_properties: ArmPolicyAssignmentDetails,
    }
}

source_object! {
    /// `policyAssignmentProperties`.
    pub struct ArmPolicyAssignmentDetails {
        /// `{ id, displayName, type }` of the scope.
        pub scope: ArmNamedRef,
        /// `{ id, displayName, type }` of the role definition.
        pub role_definition: ArmNamedRef,
        /// `{ id, lastModifiedBy, lastModifiedDateTime }` of the policy.
        pub policy: Value,
    }
}

source_object! {
    /// `{ id, displayName, type }`.
    pub struct ArmNamedRef {
        /// Resource id.
        pub id: String,
        /// Display name.
        pub display_name: String,
        /// Kind (`subscription`, `BuiltInRole`, …).
        #[rename = "type"]
        pub ref_type: String,
    }
}

/// The five rule types both APIs document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RuleType {
    /// Maximum durations.
    Expiration,
    /// MFA / justification / ticketing.
    Enablement,
    /// Approval settings.
    Approval,
    /// Conditional Access authentication context.
    AuthenticationContext,
    /// E-mail notifications.
    Notification,
}

impl RuleType {
    /// All five, in documentation order.
    pub const ALL: [Self; 5] = [
        Self::Expiration,
        Self::Enablement,
        Self::Approval,
        Self::AuthenticationContext,
        Self::Notification,
    ];

    /// `Expiration`, `Enablement`, … as in rule ids and type names.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Expiration => "Expiration",
            Self::Enablement => "Enablement",
            Self::Approval => "Approval",
            Self::AuthenticationContext => "AuthenticationContext",
            Self::Notification => "Notification",
        }
    }

    /// The Graph `@odata.type` value.
    #[must_use]
    pub const fn graph_type(self) -> &'static str {
        match self {
            Self::Expiration => "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
            Self::Enablement => "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule",
            Self::Approval => "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule",
            Self::AuthenticationContext => {
                "#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule"
            }
            Self::Notification => "#microsoft.graph.unifiedRoleManagementPolicyNotificationRule",
        }
    }

    /// The ARM `ruleType` value.
    #[must_use]
    pub const fn arm_type(self) -> &'static str {
        match self {
            Self::Expiration => "RoleManagementPolicyExpirationRule",
            Self::Enablement => "RoleManagementPolicyEnablementRule",
            Self::Approval => "RoleManagementPolicyApprovalRule",
            Self::AuthenticationContext => "RoleManagementPolicyAuthenticationContextRule",
            Self::Notification => "RoleManagementPolicyNotificationRule",
        }
    }

    /// Reads a Graph `@odata.type` (with or without the leading `#`).
    #[must_use]
    pub fn from_graph(odata_type: &str) -> Option<Self> {
        let name = odata_type
            .trim_start_matches('#')
            .strip_prefix("microsoft.graph.unifiedRoleManagementPolicy")?
            .strip_suffix("Rule")?;
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Reads an ARM `ruleType`.
    #[must_use]
    pub fn from_arm(rule_type: &str) -> Option<Self> {
        let name = rule_type
            .strip_prefix("RoleManagementPolicy")?
            .strip_suffix("Rule")?;
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The type a rule id's prefix implies (`Expiration_Admin_Eligibility` → Expiration).
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        let prefix = id.split('_').next()?;
        Self::ALL.into_iter().find(|t| t.name() == prefix)
    }
}

source_object! {
    /// `unifiedRoleManagementPolicyRuleTarget` / ARM `target`.
    pub struct RuleTarget {
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// `Admin`, `EndUser` (Graph also documents `None`).
        pub caller: Name,
        /// `All`, `Activate`, `Deactivate`, `Assign`, `Update`, `Remove`, `Extend`, `Renew`.
        pub operations: List<Name>,
        /// `Eligibility` or `Assignment`.
        pub level: Name,
        /// Settings child scopes may inherit.
        pub inheritable_settings: Value,
        /// Settings child scopes may not override.
        pub enforced_settings: Value,
        /// Not implemented by the service.
        pub target_objects: Value,
    }
}

source_object! {
    /// `…ExpirationRule`.
    pub struct ExpirationRule {
        /// Graph discriminator.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// ARM discriminator.
        pub rule_type: Name,
        /// Rule id.
        pub id: Name,
        /// Whether assignments must end.
        pub is_expiration_required: bool,
        /// ISO 8601 duration.
        pub maximum_duration: String,
        /// Target.
        pub target: Box<RuleTarget>,
    }
}

source_object! {
    /// `…EnablementRule`.
    pub struct EnablementRule {
        /// Graph discriminator.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// ARM discriminator.
        pub rule_type: Name,
        /// Rule id.
        pub id: Name,
        /// `MultiFactorAuthentication`, `Justification`, `Ticketing`.
        pub enabled_rules: List<Name>,
        /// Target.
        pub target: Box<RuleTarget>,
    }
}

source_object! {
    /// `…ApprovalRule`.
    pub struct ApprovalRule {
        /// Graph discriminator.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// ARM discriminator.
        pub rule_type: Name,
        /// Rule id.
        pub id: Name,
        /// The approval settings.
        pub setting: Box<ApprovalSettings>,
        /// Target.
        pub target: Box<RuleTarget>,
    }
}

source_object! {
    /// `approvalSettings`.
    pub struct ApprovalSettings {
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// Whether activation needs approval.
        pub is_approval_required: bool,
        /// Whether extension needs approval.
        pub is_approval_required_for_extension: bool,
        /// Whether the requestor must justify.
        pub is_requestor_justification_required: bool,
        /// `SingleStage`, `Serial`, `Parallel`, `NoApproval`.
        pub approval_mode: Name,
        /// The stages.
        pub approval_stages: List<ApprovalStage>,
    }
}

source_object! {
    /// `unifiedApprovalStage` / ARM `approvalStages[]`.
    pub struct ApprovalStage {
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// Days before the request times out.
        pub approval_stage_time_out_in_days: i64,
        /// Whether approvers must justify.
        pub is_approver_justification_required: bool,
        /// Minutes before escalation.
        pub escalation_time_in_minutes: i64,
        /// Whether escalation is on.
        pub is_escalation_enabled: bool,
        /// Who approves.
        pub primary_approvers: List<Approver>,
        /// Who approves after escalation.
        pub escalation_approvers: List<Approver>,
    }
}

source_object! {
    /// A Graph `subjectSet` (`singleUser`, `groupMembers`, …) or an ARM `userSet`.
    pub struct Approver {
        /// Graph subject set type.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// Graph `singleUser` user id.
        pub user_id: String,
        /// Graph `groupMembers` group id.
        pub group_id: String,
        /// ARM object id.
        pub id: String,
        /// Display text.
        pub description: String,
        /// ARM: backup approver.
        pub is_backup: bool,
        /// ARM: `User` or `Group`.
        pub user_type: String,
    }
}

source_object! {
    /// `…AuthenticationContextRule`.
    pub struct AuthenticationContextRule {
        /// Graph discriminator.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// ARM discriminator.
        pub rule_type: Name,
        /// Rule id.
        pub id: Name,
        /// Whether a context is required.
        pub is_enabled: bool,
        /// The context id (`c1` …).
        pub claim_value: String,
        /// Target.
        pub target: Box<RuleTarget>,
    }
}

source_object! {
    /// `…NotificationRule`.
    pub struct NotificationRule {
        /// Graph discriminator.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// ARM discriminator.
        pub rule_type: Name,
        /// Rule id.
        pub id: Name,
        /// `Email`.
        pub notification_type: Name,
        /// `Requestor`, `Approver`, `Admin`.
        pub recipient_type: Name,
        /// `None`, `Critical`, `All`.
        pub notification_level: Name,
        /// Whether the default recipients get the mail.
        pub is_default_recipients_enabled: bool,
        /// Extra addresses.
        pub notification_recipients: List<String>,
        /// Target.
        pub target: Box<RuleTarget>,
    }
}

/// The members every rule type has: `@odata.type`, `ruleType`, `id`, `target`.
pub type RuleCommon<'a> = (
    &'a Field<Name>,
    &'a Field<Name>,
    &'a Field<Name>,
    &'a Field<Box<RuleTarget>>,
);

/// One policy rule, typed by its discriminator (`@odata.type` or `ruleType`, else its id).
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Expiration rule.
    Expiration(Box<ExpirationRule>),
    /// Enablement rule.
    Enablement(Box<EnablementRule>),
    /// Approval rule.
    Approval(Box<ApprovalRule>),
    /// Authentication context rule.
    AuthenticationContext(Box<AuthenticationContextRule>),
    /// Notification rule.
    Notification(Box<NotificationRule>),
    /// A rule type pimlint does not know (newer api-versions add some), or not an object.
    Unknown(Value),
}

impl Rule {
    /// The rule type, when known.
    #[must_use]
    pub const fn rule_type(&self) -> Option<RuleType> {
        match self {
            Self::Expiration(_) => Some(RuleType::Expiration),
            Self::Enablement(_) => Some(RuleType::Enablement),
            Self::Approval(_) => Some(RuleType::Approval),
            Self::AuthenticationContext(_) => Some(RuleType::AuthenticationContext),
            Self::Notification(_) => Some(RuleType::Notification),
            Self::Unknown(_) => None,
        }
    }

    /// The JSON names of the members whose values differ between two rules of the same
    /// type, as their written JSON would differ (an absent member counting as `null`), in
    /// name order; `None` for rules of different or unknown types.
    #[must_use]
    pub fn differences(&self, other: &Self) -> Option<Vec<String>> {
        let mut names = match (self, other) {
            (Self::Expiration(a), Self::Expiration(b)) => a.differences(b),
            (Self::Enablement(a), Self::Enablement(b)) => a.differences(b),
            (Self::Approval(a), Self::Approval(b)) => a.differences(b),
            (Self::AuthenticationContext(a), Self::AuthenticationContext(b)) => a.differences(b),
            (Self::Notification(a), Self::Notification(b)) => a.differences(b),
            _ => return None,
        };
        names.sort();
        names.dedup();
        Some(names)
    }

    /// [`Self::differences`] for any two rules, told from their written JSON: each written
    /// as JSON, the members whose values differ, in name order.
    #[must_use]
    pub fn written_differences(&self, other: &Self) -> Vec<String> {
        let as_object = |r: &Self| match serde_json::to_value(r) {
            Ok(Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        let (a, b) = (as_object(self), as_object(other));
        let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter(|k| a.get(*k).unwrap_or(&Value::Null) != b.get(*k).unwrap_or(&Value::Null))
            .cloned()
            .collect()
    }

    /// The members every rule type has: (`@odata.type`, `ruleType`, `id`, `target`).
    #[must_use]
    pub fn common(&self) -> Option<RuleCommon<'_>> {
        Some(match self {
            Self::Expiration(r) => (&r.odata_type, &r.rule_type, &r.id, &r.target),
            Self::Enablement(r) => (&r.odata_type, &r.rule_type, &r.id, &r.target),
            Self::Approval(r) => (&r.odata_type, &r.rule_type, &r.id, &r.target),
            Self::AuthenticationContext(r) => (&r.odata_type, &r.rule_type, &r.id, &r.target),
            Self::Notification(r) => (&r.odata_type, &r.rule_type, &r.id, &r.target),
            Self::Unknown(_) => return None,
        })
    }

    /// Unknown members of the rule object.
    #[must_use]
    pub const fn extra(&self) -> Option<&Extra> {
        match self {
            Self::Expiration(r) => Some(&r.extra),
            Self::Enablement(r) => Some(&r.extra),
            Self::Approval(r) => Some(&r.extra),
            Self::AuthenticationContext(r) => Some(&r.extra),
            Self::Notification(r) => Some(&r.extra),
            Self::Unknown(_) => None,
        }
    }

    /// Chooses the variant for a raw rule object.
    pub(crate) fn kind_of(value: &Value) -> Option<RuleType> {
        let str_of = |key: &str| value.get(key).and_then(Value::as_str);
        match (str_of("@odata.type"), str_of("ruleType")) {
            (Some(t), _) => RuleType::from_graph(t),
            (None, Some(t)) => RuleType::from_arm(t),
            // No discriminator at all: the id's prefix is the best evidence there is.
            (None, None) => str_of("id").and_then(RuleType::from_id),
        }
    }
}

// Any array of rules reads: a rule that is not an object, or of an unknown type, is kept as
// `Rule::Unknown`.
impl super::Shape for Vec<Rule> {
    const READS_EVERY_ARRAY: bool = true;
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Expiration(r) => r.serialize(serializer),
            Self::Enablement(r) => r.serialize(serializer),
            Self::Approval(r) => r.serialize(serializer),
            Self::AuthenticationContext(r) => r.serialize(serializer),
            Self::Notification(r) => r.serialize(serializer),
            Self::Unknown(v) => v.serialize(serializer),
        }
    }
}
