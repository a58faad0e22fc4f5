//! Built-in roles pimlint knows by id, and the named sets of highly privileged roles.
//!
//! Entra template ids and the PRIVILEGED label come from Microsoft's "Microsoft Entra built-in
//! roles" reference; Azure role ids from "Azure built-in roles". Sources disagree on which
//! roles are highly privileged, so the sets are data and the profile chooses one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One built-in role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltInRole {
    /// Template id (Entra) or role definition name (Azure).
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Microsoft labels it PRIVILEGED (Entra roles only).
    pub privileged_label: bool,
}

const fn role(id: &'static str, name: &'static str, privileged_label: bool) -> BuiltInRole {
    BuiltInRole {
        id,
        name,
        privileged_label,
    }
}

/// Global Administrator.
pub const GLOBAL_ADMINISTRATOR: &str = "62e90394-69f5-4237-9190-012177145e10";
/// Privileged Role Administrator.
pub const PRIVILEGED_ROLE_ADMINISTRATOR: &str = "e8611ab8-c189-46e8-94e1-60213ab1f814";

/// Intune Administrator (the role of Zero Trust test 51016).
pub const INTUNE_ADMINISTRATOR: &str = "3a2c62db-5318-420d-8d74-23affee5d9d5";

/// Entra roles pimlint names in messages or uses in a set.
pub const ENTRA_ROLES: &[BuiltInRole] = &[
    role(
        "db506228-d27e-4b7d-95e5-295956d6615f",
        "Agent ID Administrator",
        true,
    ),
    role(
        "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
        "Application Administrator",
        true,
    ),
    role(
        "cf1c38e5-3621-4004-a7cb-879624dced7c",
        "Application Developer",
        true,
    ),
    role(
        "ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe",
        "Attribute Provisioning Administrator",
        true,
    ),
    role(
        "422218e4-db15-4ef9-bbe0-8afb41546d79",
        "Attribute Provisioning Reader",
        true,
    ),
    role(
        "c4e39bd9-1100-46d3-8c65-fb160da0071f",
        "Authentication Administrator",
        true,
    ),
    role(
        "25a516ed-2fa0-40ea-a2d0-12923a21473a",
        "Authentication Extensibility Administrator",
        true,
    ),
    role(
        "aaf43236-0c0d-4d5f-883a-6955382ac081",
        "B2C IEF Keyset Administrator",
        true,
    ),
    role(
        "b0f54661-2d74-4c50-afa3-1ec803f12efe",
        "Billing Administrator",
        false,
    ),
    role(
        "158c047a-c907-4556-b7ef-446551a6b5f7",
        "Cloud Application Administrator",
        true,
    ),
    role(
        "7698a772-787b-4ac8-901f-60d6b08affd2",
        "Cloud Device Administrator",
        true,
    ),
    role(
        "17315797-102d-40b4-93e0-432062caca18",
        "Compliance Administrator",
        false,
    ),
    role(
        "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
        "Conditional Access Administrator",
        true,
    ),
    role(
        "5c4f9dcd-47dc-4cf7-8c9a-9e4207cbfc91",
        "Customer LockBox Access Approver",
        false,
    ),
    role(
        "9360feb5-f418-4baa-8175-e2a00bac4301",
        "Directory Writers",
        true,
    ),
    role(
        "8329153b-31d0-4727-b945-745eb3bc5f31",
        "Domain Name Administrator",
        true,
    ),
    role(
        "29232cdf-9323-42fd-ade2-1d097af3e4de",
        "Exchange Administrator",
        false,
    ),
    role(
        "be2f45a1-457d-42af-a067-6ec1fa63bc45",
        "External Identity Provider Administrator",
        true,
    ),
    role(
        "a9ea8996-122f-4c74-9520-8edcd192826c",
        "Fabric Administrator",
        false,
    ),
    role(GLOBAL_ADMINISTRATOR, "Global Administrator", true),
    role(
        "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
        "Global Reader",
        true,
    ),
    role(
        "729827e3-9c14-49f7-bb1b-9608f156bbb8",
        "Helpdesk Administrator",
        true,
    ),
    role(
        "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
        "Hybrid Identity Administrator",
        true,
    ),
    role(INTUNE_ADMINISTRATOR, "Intune Administrator", true),
    role(
        "74ef975b-6605-40af-a5d2-b9539d836353",
        "Kaizala Administrator",
        false,
    ),
    role(
        "4d6ac14f-3453-41d0-bef9-a3e0c569773a",
        "License Administrator",
        false,
    ),
    role(
        "59d46f88-662b-457b-bceb-5c3809e5908f",
        "Lifecycle Workflows Administrator",
        true,
    ),
    role(
        "4ba39ca4-527c-499a-b93d-d9b492c50246",
        "Partner Tier1 Support",
        true,
    ),
    role(
        "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8",
        "Partner Tier2 Support",
        true,
    ),
    role(
        "966707d0-3269-4727-9be2-8c3a10f19b9d",
        "Password Administrator",
        true,
    ),
    role(
        "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
        "Privileged Authentication Administrator",
        true,
    ),
    role(
        PRIVILEGED_ROLE_ADMINISTRATOR,
        "Privileged Role Administrator",
        true,
    ),
    role(
        "194ae4cb-b126-40b2-bd5b-6091b380977d",
        "Security Administrator",
        true,
    ),
    role(
        "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f",
        "Security Operator",
        true,
    ),
    role(
        "5d6b6bb7-de71-4623-b4af-96380a352509",
        "Security Reader",
        true,
    ),
    role(
        "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
        "SharePoint Administrator",
        false,
    ),
    role(
        "75941009-915a-4869-abe7-691bff18279e",
        "Skype for Business Administrator",
        false,
    ),
    role(
        "69091246-20e8-4a56-aa4d-066075b2a7a8",
        "Teams Administrator",
        false,
    ),
    role(
        "fe930be7-5e62-47db-91af-98c3a49a38b1",
        "User Administrator",
        true,
    ),
];

/// Azure resource roles pimlint names in messages or uses in a set.
pub const AZURE_ROLES: &[BuiltInRole] = &[
    role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", false),
    role("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor", false),
    role(
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
        "User Access Administrator",
        false,
    ),
    role(
        "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
        "Role Based Access Control Administrator",
        false,
    ),
];

/// Azure roles that control access or everything (Microsoft recommends PIM for each).
const AZURE_PRIVILEGED: &[&str] = &[
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
];

/// The eight roles CISA SCuBA (MS.AAD.7) treats as highly privileged.
const CISA: &[&str] = &[
    GLOBAL_ADMINISTRATOR,
    PRIVILEGED_ROLE_ADMINISTRATOR,
    "fe930be7-5e62-47db-91af-98c3a49a38b1",
    "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
    "29232cdf-9323-42fd-ade2-1d097af3e4de",
    "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
    "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
    "158c047a-c907-4556-b7ef-446551a6b5f7",
];

/// Roles the CIS Microsoft 365 benchmark (5.3.x) adds to the administrative ones.
const CIS_EXTRA: &[&str] = &[
    "b0f54661-2d74-4c50-afa3-1ec803f12efe",
    "17315797-102d-40b4-93e0-432062caca18",
    "5c4f9dcd-47dc-4cf7-8c9a-9e4207cbfc91",
    "74ef975b-6605-40af-a5d2-b9539d836353",
    "4d6ac14f-3453-41d0-bef9-a3e0c569773a",
    "a9ea8996-122f-4c74-9520-8edcd192826c",
    "75941009-915a-4869-abe7-691bff18279e",
    "69091246-20e8-4a56-aa4d-066075b2a7a8",
];

/// A named set of highly privileged roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RoleSet {
    /// The 8 roles of CISA SCuBA MS.AAD.7.
    Cisa,
    /// The roles Microsoft labels PRIVILEGED (and `isPrivileged` when the input says it).
    MicrosoftPrivileged,
    /// CISA's roles, Microsoft's PRIVILEGED ones, and the workload admins of CIS 5.3.x.
    Cis,
}

impl RoleSet {
    /// Whether the Entra role with this template id is in the set.
    #[must_use]
    pub fn contains(self, template_id: &str) -> bool {
        let id = template_id.to_ascii_lowercase();
        let labelled = || ENTRA_ROLES.iter().any(|r| r.privileged_label && r.id == id);
        match self {
            Self::Cisa => CISA.contains(&id.as_str()),
            Self::MicrosoftPrivileged => labelled(),
            Self::Cis => {
                CISA.contains(&id.as_str()) || labelled() || CIS_EXTRA.contains(&id.as_str())
            }
        }
    }
}

/// Whether an Azure role definition (its GUID) is one that controls access or everything.
#[must_use]
pub fn azure_privileged(role_definition: &str) -> bool {
    AZURE_PRIVILEGED.contains(&role_definition.to_ascii_lowercase().as_str())
}

/// The display name of a built-in role, by template id or role definition GUID.
#[must_use]
pub fn name_of(id: &str) -> Option<&'static str> {
    let id = id.to_ascii_lowercase();
    ENTRA_ROLES
        .iter()
        .chain(AZURE_ROLES)
        .find(|r| r.id == id)
        .map(|r| r.name)
}

/// A built-in role by display name (any letter case) or id.
#[must_use]
pub fn find(name_or_id: &str) -> Option<&'static BuiltInRole> {
    ENTRA_ROLES
        .iter()
        .chain(AZURE_ROLES)
        .find(|r| r.name.eq_ignore_ascii_case(name_or_id) || r.id.eq_ignore_ascii_case(name_or_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_match_their_sources() {
        assert_eq!(
            ENTRA_ROLES.iter().filter(|r| r.privileged_label).count(),
            29
        );
        assert!(RoleSet::Cisa.contains(GLOBAL_ADMINISTRATOR));
        assert!(
            RoleSet::Cisa.contains("29232CDF-9323-42FD-ADE2-1D097AF3E4DE"),
            "Exchange, any case"
        );
        assert!(!RoleSet::MicrosoftPrivileged.contains("29232cdf-9323-42fd-ade2-1d097af3e4de"));
        assert!(RoleSet::MicrosoftPrivileged.contains("729827e3-9c14-49f7-bb1b-9608f156bbb8"));
        assert!(
            RoleSet::Cis.contains("b0f54661-2d74-4c50-afa3-1ec803f12efe"),
            "Billing"
        );
        assert!(azure_privileged("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"));
        assert!(!azure_privileged("b24988ac-6180-42a0-ab88-20f7382dd24c"));
        assert_eq!(name_of(GLOBAL_ADMINISTRATOR), Some("Global Administrator"));
        assert_eq!(
            find("global administrator").map(|r| r.id),
            Some(GLOBAL_ADMINISTRATOR)
        );
        let mut ids: Vec<_> = ENTRA_ROLES
            .iter()
            .chain(AZURE_ROLES)
            .map(|r| r.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(
            ids.len(),
            ENTRA_ROLES.len() + AZURE_ROLES.len(),
            "ids are unique"
        );
    }
}
