//! What a rule reads of the configuration: the profile, the options for a policy's role and
//! scope, and the role's tier. The configuration implements [`Settings`]; rules never name it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::roles::RoleSet;

use super::RuleMeta;
use super::options::RuleOptions;

/// The settings rules read, as the resolved configuration provides them.
pub trait Settings: std::fmt::Debug + Sync {
    /// The profile in force.
    fn profile(&self) -> Profile;
    /// The top-level rule options.
    fn options(&self) -> &RuleOptions;
    /// The rule options for a role and scope (overrides applied).
    fn options_for(&self, role: Option<&str>, scope: Option<&str>) -> &RuleOptions;
    /// Whether a role (template id, with the service's own flag when known) is highly
    /// privileged in the configured set.
    fn is_privileged(&self, template_id: &str, is_privileged: Option<bool>) -> bool;
    /// Whether a rule runs.
    fn is_enabled(&self, meta: &RuleMeta) -> bool;
}

/// A named preset of selection, severities, options and privileged roles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// Microsoft's deployment guidance and the service's limits (the default).
    #[default]
    Recommended,
    /// Every rule, Microsoft's PRIVILEGED roles.
    Strict,
    /// CISA SCuBA for Entra ID (MS.AAD.7.x): its 8 roles, its controls as errors.
    CisaScuba,
    /// CIS Microsoft 365 benchmark 5.3.x.
    CisM365,
    /// Microsoft's Zero Trust assessment.
    ZeroTrust,
    /// Maester's CISA, CIS and privileged access tests: CISA's 8 roles, the CISA controls as
    /// errors, messages naming Maester's test ids.
    Maester,
}

impl Profile {
    /// The kebab-case name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Recommended => "recommended",
            Self::Strict => "strict",
            Self::CisaScuba => "cisa-scuba",
            Self::CisM365 => "cis-m365",
            Self::ZeroTrust => "zero-trust",
            Self::Maester => "maester",
        }
    }

    /// The role set the profile treats as highly privileged.
    #[must_use]
    pub const fn role_set(self) -> RoleSet {
        match self {
            Self::CisaScuba | Self::Maester => RoleSet::Cisa,
            Self::CisM365 => RoleSet::Cis,
            _ => RoleSet::MicrosoftPrivileged,
        }
    }
}

/// The role-dependent facts a rule reads.
#[derive(Debug, Clone)]
pub struct RuleContext<'a> {
    /// The configuration.
    pub config: &'a dyn Settings,
    /// The rule options for this policy's role and scope.
    pub options: &'a RuleOptions,
    /// How privileged the policy's role is.
    pub tier: Tier,
    /// The role's display name, for messages ("Global Administrator", "members of the group").
    pub role_name: Option<String>,
}

/// How privileged a policy's role is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Global Administrator.
    GlobalAdministrator,
    /// Highly privileged by the configured set.
    Privileged,
    /// Any other known role.
    Other,
    /// The input does not say the role (a policy without its assignment).
    Unknown,
}

impl Tier {
    /// Whether rules for privileged roles apply (GA included).
    #[must_use]
    pub const fn is_privileged(self) -> bool {
        matches!(self, Self::GlobalAdministrator | Self::Privileged)
    }
}
