//! Options of the tenant checks (`PIM6xx`). Bounds a profile sets are `None` here until
//! configured; [`Profile`] supplies them when they are not.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rules::context::Profile;

/// Options of `global-admin-count` (PIM601).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct GlobalAdminCount {
    /// Fewest Global Administrators (default: 2; none under `zero-trust`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<usize>,
    /// Most Global Administrators (default: 8; 4 under `cis-m365`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<usize>,
    /// Count service principals that hold the role too (default: users only, as CISA SCuBA
    /// and CIS count; `privileged-service-principal` reports service principals).
    pub count_service_principals: bool,
}

impl GlobalAdminCount {
    /// The bounds in force under `profile`.
    #[must_use]
    pub fn bounds(&self, profile: Profile) -> (Option<usize>, Option<usize>) {
        let (minimum, maximum) = match profile {
            Profile::CisM365 => (Some(2), Some(4)),
            Profile::ZeroTrust => (None, Some(8)),
            _ => (Some(2), Some(8)),
        };
        (self.minimum.or(minimum), self.maximum.or(maximum))
    }
}

/// Options of `global-admin-share` (PIM602).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct GlobalAdminShare {
    /// Share of privileged users (percent) from which a warning is reported (default: 30).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning_percent: Option<u8>,
    /// Share of privileged users (percent) from which an error is reported (default: 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_percent: Option<u8>,
    /// Report only when Global Administrators outnumber the other privileged users (CISA
    /// SCuBA MS.AAD.7.2; the default under `cisa-scuba` and `maester`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_most_others: Option<bool>,
}

/// How `global-admin-share` judges, once the profile is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareLimit {
    /// Global Administrators may not outnumber the other privileged users.
    AtMostOthers,
    /// Warning from, error from (percent of privileged users).
    Percent(Option<u8>, Option<u8>),
}

impl GlobalAdminShare {
    /// The limit in force under `profile`.
    #[must_use]
    pub fn limit(&self, profile: Profile) -> ShareLimit {
        let cisa = self
            .at_most_others
            .unwrap_or(matches!(profile, Profile::CisaScuba | Profile::Maester));
        if cisa && self.warning_percent.is_none() && self.error_percent.is_none() {
            return ShareLimit::AtMostOthers;
        }
        ShareLimit::Percent(
            self.warning_percent.or(Some(30)),
            self.error_percent.or(Some(50)),
        )
    }
}

/// Options of `permanent-active-privileged` (PIM603).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct StandingAccessExclusions {
    /// Principals allowed to hold a privileged role permanently, such as break-glass
    /// (emergency access) accounts: object ids, sign-in names or display names.
    pub exclusions: Vec<String>,
}

impl StandingAccessExclusions {
    /// Whether a principal (id, and name when known) is excluded.
    #[must_use]
    pub fn excludes(&self, id: &str, name: Option<&str>) -> bool {
        self.exclusions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(id) || name.is_some_and(|n| e.eq_ignore_ascii_case(n)))
    }
}
