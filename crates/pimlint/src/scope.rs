//! Azure scopes: parsed once, compared in one canonical spelling everywhere.
//!
//! ARM writes the same scope more than one way: a subscription is `/subscriptions/{id}` in most
//! places and `/providers/Microsoft.Subscription/subscriptions/{id}` in others (list responses
//! and ids of the API examples); letter case is not significant. [`Scope::canonical`] is the
//! form every comparison uses.

use std::fmt;

/// What an Azure scope names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeLevel {
    /// `/`: the tenant root.
    Root,
    /// `/providers/Microsoft.Management/managementGroups/{name}`.
    ManagementGroup,
    /// `/subscriptions/{id}`.
    Subscription,
    /// `/subscriptions/{id}/resourceGroups/{name}`.
    ResourceGroup,
    /// A resource below a resource group.
    Resource,
}

/// A parsed Azure scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    canonical: String,
    level: ScopeLevel,
}

/// What a scope looks like, for messages.
pub const EXPECTED: &str = "an Azure scope (/subscriptions/<guid>[/resourceGroups/<name>[/providers/…]] or /providers/Microsoft.Management/managementGroups/<name>)";

const SUBSCRIPTION_PROVIDER: &str = "/providers/microsoft.subscription/subscriptions/";

impl Scope {
    /// Parses a scope as ARM writes it; `Err` says what was expected.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let trimmed = text.trim();
        if trimmed == "/" {
            return Ok(Self {
                canonical: "/".to_owned(),
                level: ScopeLevel::Root,
            });
        }
        let lower = trimmed.trim_end_matches('/').to_ascii_lowercase();
        let lower = match lower.strip_prefix(SUBSCRIPTION_PROVIDER) {
            Some(rest) => format!("/subscriptions/{rest}"),
            None => lower,
        };
        let Some(rest) = lower.strip_prefix('/') else {
            return Err(EXPECTED);
        };
        let parts: Vec<&str> = rest.split('/').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(EXPECTED);
        }
        let level = match parts.as_slice() {
            ["providers", "microsoft.management", "managementgroups", _] => {
                ScopeLevel::ManagementGroup
            }
            ["subscriptions", id] if is_guid(id) => ScopeLevel::Subscription,
            ["subscriptions", id, "resourcegroups", _] if is_guid(id) => ScopeLevel::ResourceGroup,
            [
                "subscriptions",
                id,
                "resourcegroups",
                _,
                "providers",
                more @ ..,
            ] if is_guid(id) && more.len() >= 3 => ScopeLevel::Resource,
            _ => return Err(EXPECTED),
        };
        Ok(Self {
            canonical: lower,
            level,
        })
    }

    /// The one spelling comparisons use: lower case, no trailing `/`, subscriptions as
    /// `/subscriptions/{id}`.
    #[must_use]
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// What the scope names.
    #[must_use]
    pub const fn level(&self) -> ScopeLevel {
        self.level
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

/// The canonical form of `text` when it parses as a scope, else `text` lower-cased without a
/// trailing `/` (so that two spellings of one malformed scope still compare equal).
#[must_use]
pub fn canonical(text: &str) -> String {
    Scope::parse(text).map_or_else(
        |_| text.trim().trim_end_matches('/').to_ascii_lowercase(),
        |s| s.canonical,
    )
}

/// `8-4-4-4-12` hexadecimal digits.
#[must_use]
pub fn is_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: &str = "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    #[test]
    fn spellings_of_one_scope_compare_equal() {
        let a = Scope::parse(SUB).unwrap();
        let b = Scope::parse(
            "/providers/Microsoft.Subscription/subscriptions/7C1E2D3F-4A5B-4C6D-8E7F-9A0B1C2D3E4F/",
        )
        .unwrap();
        assert_eq!(a, b);
        assert_eq!(a.level(), ScopeLevel::Subscription);
        assert_eq!(
            canonical(&format!("{SUB}/resourceGroups/RG-1")),
            format!("{SUB}/resourcegroups/rg-1")
        );
    }

    #[test]
    fn levels_and_faults() {
        let level = |t: &str| Scope::parse(t).map(|s| s.level());
        assert_eq!(level("/"), Ok(ScopeLevel::Root));
        assert_eq!(
            level("/providers/Microsoft.Management/managementGroups/root"),
            Ok(ScopeLevel::ManagementGroup)
        );
        assert_eq!(
            level(&format!("{SUB}/resourceGroups/rg")),
            Ok(ScopeLevel::ResourceGroup)
        );
        assert_eq!(
            level(&format!(
                "{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"
            )),
            Ok(ScopeLevel::Resource)
        );
        assert!(level("/subscriptions//resourceGroups/x").is_err());
        assert!(level("subscriptions/x").is_err());
        assert!(level("/subscriptions/not-a-guid").is_err());
    }
}
