//! [`Name`]: a string member whose values are nearly always one of the spellings PIM writes.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{
    ApiEnum, ApprovalMode, Caller, Enablement, Level, NotificationLevel, NotificationType,
    Operation, RecipientType, RuleId,
};
use crate::source::RuleType;

/// A string member whose values are, nearly always, one of a few spellings the APIs write
/// (`Admin`, `Eligibility`, `Expiration_Admin_Eligibility`, a rule's `@odata.type`…). Those
/// are held as the code spells them, not copied; any other value is held as it was read. A
/// policy has about a hundred such values, so reading one copies a hundred strings fewer.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Cow<'static, str>);

impl Name {
    /// `text`, held without a copy when it is a known spelling.
    #[must_use]
    pub fn new(text: &str) -> Self {
        Self(known(text).map_or_else(|| Cow::Owned(text.to_owned()), Cow::Borrowed))
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<String> for Name {
    fn from(text: String) -> Self {
        match known(&text) {
            Some(spelling) => Self(Cow::Borrowed(spelling)),
            None => Self(Cow::Owned(text)),
        }
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(NameVisitor)
    }
}

struct NameVisitor;

impl serde::de::Visitor<'_> for NameVisitor {
    type Value = Name;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Name, E> {
        Ok(Name::new(v))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Name, E> {
        Ok(Name::from(v))
    }
}

impl super::Shape for Name {}

impl super::ReadValue for Name {
    fn read(value: &serde_json::Value) -> Option<Self> {
        value.as_str().map(Self::new)
    }
}

impl super::NullItems for Name {
    fn holds_a_null_item(&self) -> bool {
        false
    }
}

/// The `@odata.type` values of the Graph objects a policy holds besides its rules.
const GRAPH_TYPES: [&str; 8] = [
    "#microsoft.graph.unifiedRoleManagementPolicyRuleTarget",
    "#microsoft.graph.approvalSettings",
    "#microsoft.graph.unifiedApprovalStage",
    "#microsoft.graph.singleUser",
    "#microsoft.graph.groupMembers",
    "#microsoft.graph.requestorManager",
    "#microsoft.graph.internalSponsors",
    "#microsoft.graph.externalSponsors",
];

/// The known spellings by length: the spellings of any one length are few (five at most),
/// so a value is compared with a handful of them at most.
static BY_LENGTH: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut all: Vec<&'static str> = Vec::new();
    all.extend(RuleId::ALL.iter().map(|id| id.as_str()));
    all.extend(RuleType::ALL.iter().map(|t| t.graph_type()));
    all.extend(RuleType::ALL.iter().map(|t| t.arm_type()));
    all.extend(GRAPH_TYPES);
    all.extend(spellings::<Caller>());
    all.extend(spellings::<Level>());
    all.extend(spellings::<Operation>());
    all.extend(spellings::<Enablement>());
    all.extend(spellings::<ApprovalMode>());
    all.extend(spellings::<NotificationLevel>());
    all.extend(spellings::<NotificationType>());
    all.extend(spellings::<RecipientType>());
    let mut by_length: Vec<Vec<&'static str>> = Vec::new();
    for spelling in all {
        if by_length.len() <= spelling.len() {
            by_length.resize_with(spelling.len() + 1, Vec::new);
        }
        if !by_length[spelling.len()].contains(&spelling) {
            by_length[spelling.len()].push(spelling);
        }
    }
    by_length
});

fn spellings<E: ApiEnum>() -> impl Iterator<Item = &'static str> {
    E::VARIANTS.iter().map(|(spelling, _)| *spelling)
}

/// The known spelling `text` is, exactly (letter case included).
fn known(text: &str) -> Option<&'static str> {
    BY_LENGTH
        .get(text.len())?
        .iter()
        .find(|spelling| **spelling == text)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_spellings_are_not_copied_and_others_are_kept_as_written() {
        for text in [
            "Admin",
            "Eligibility",
            "All",
            "Expiration_Admin_Eligibility",
            "#microsoft.graph.unifiedRoleManagementPolicyNotificationRule",
            "RoleManagementPolicyApprovalRule",
            "#microsoft.graph.singleUser",
        ] {
            let name: Name = serde_json::from_value(serde_json::json!(text)).unwrap_or_default();
            assert!(matches!(name.0, Cow::Borrowed(_)), "{text}");
            assert_eq!(name, text);
        }
        for text in [
            "admin",
            "ELIGIBILITY",
            "Expiration_Admin_Eligibilit",
            "",
            "é",
        ] {
            let name: Name = serde_json::from_value(serde_json::json!(text)).unwrap_or_default();
            assert!(matches!(name.0, Cow::Owned(_)), "{text}");
            assert_eq!(name.as_str(), text);
        }
    }

    #[test]
    fn few_spellings_share_a_length() {
        let known: usize = BY_LENGTH.iter().map(Vec::len).sum();
        assert!(known > 50, "{known}");
        assert!(BY_LENGTH.iter().all(|same| same.len() <= 5));
    }

    #[test]
    fn written_back_as_read() {
        for text in [
            "Admin",
            "admin",
            "Notification_Approver_EndUser_Assignment",
            "x\"y",
        ] {
            let name = Name::from(text.to_owned());
            assert_eq!(
                serde_json::to_string(&name).ok(),
                serde_json::to_string(text).ok()
            );
        }
    }
}
