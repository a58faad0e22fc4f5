//! Reading rules straight from text, and what a rule holds that only the JSON Schema judges.
//!
//! A rule's type is told by its discriminator, which may come after every other member. So a
//! rule object is read once into the members of all five rule types together ([`Members`]
//! of [`RuleMembers`]); its type is decided at the end, and the members its type does not
//! declare are kept, as written, with the other unknown members. The result is what reading
//! the parsed [`Value`] gives (tested over every fixture and over each member mutated).

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::policy::source_object;
use super::{
    ApprovalRule, ApprovalSettings, AuthenticationContextRule, EnablementRule, ExpirationRule,
    Extra, Field, List, Name, NotificationRule, Rule, RuleTarget, RuleType,
};

source_object! {
    /// The members of the five rule types together, for reading a rule before its type is
    /// known.
    pub struct RuleMembers {
        /// Graph discriminator.
        #[rename = "@odata.type"]
        pub odata_type: Name,
        /// ARM discriminator.
        pub rule_type: Name,
        /// Rule id.
        pub id: Name,
        /// Target.
        pub target: Box<RuleTarget>,
        /// Expiration.
        pub is_expiration_required: bool,
        /// Expiration.
        pub maximum_duration: String,
        /// Enablement.
        pub enabled_rules: List<Name>,
        /// Approval.
        pub setting: Box<ApprovalSettings>,
        /// Authentication context.
        pub is_enabled: bool,
        /// Authentication context.
        pub claim_value: String,
        /// Notification.
        pub notification_type: Name,
        /// Notification.
        pub recipient_type: Name,
        /// Notification.
        pub notification_level: Name,
        /// Notification.
        pub is_default_recipients_enabled: bool,
        /// Notification.
        pub notification_recipients: List<String>,
    }
}

/// Keeps a member the rule's type does not declare with the unknown members, as written.
fn spill<T: Serialize>(extra: &mut Extra, name: &str, field: Field<T>) {
    let value = match field {
        Field::Absent => return,
        Field::Null => Value::Null,
        Field::Value(v) => serde_json::to_value(&v).unwrap_or(Value::Null),
        Field::Invalid(written) => written,
    };
    extra.insert(name.to_owned(), value);
}

impl RuleMembers {
    /// The rule type, told as [`Rule::kind_of`] tells it from a parsed value.
    fn rule_type(&self) -> Option<RuleType> {
        match (self.odata_type.value(), self.rule_type.value()) {
            (Some(t), _) => RuleType::from_graph(t),
            (None, Some(t)) => RuleType::from_arm(t),
            (None, None) => self.id.value().and_then(|id| RuleType::from_id(id)),
        }
    }

    /// The rule of the type its discriminator names: the type's own members move into it,
    /// every other member joins the unknown ones, as written.
    fn into_rule(mut self) -> Rule {
        let Some(kind) = self.rule_type() else {
            return Rule::Unknown(Value::Object(self.unclaimed()));
        };
        let odata_type = std::mem::take(&mut self.odata_type);
        let rule_type = std::mem::take(&mut self.rule_type);
        let id = std::mem::take(&mut self.id);
        let target = std::mem::take(&mut self.target);
        match kind {
            RuleType::Expiration => {
                let is_expiration_required = std::mem::take(&mut self.is_expiration_required);
                let maximum_duration = std::mem::take(&mut self.maximum_duration);
                Rule::Expiration(Box::new(ExpirationRule {
                    odata_type,
                    rule_type,
                    id,
                    is_expiration_required,
                    maximum_duration,
                    target,
                    extra: self.rest(),
                }))
            }
            RuleType::Enablement => {
                let enabled_rules = std::mem::take(&mut self.enabled_rules);
                Rule::Enablement(Box::new(EnablementRule {
                    odata_type,
                    rule_type,
                    id,
                    enabled_rules,
                    target,
                    extra: self.rest(),
                }))
            }
            RuleType::Approval => {
                let setting = std::mem::take(&mut self.setting);
                Rule::Approval(Box::new(ApprovalRule {
                    odata_type,
                    rule_type,
                    id,
                    setting,
                    target,
                    extra: self.rest(),
                }))
            }
            RuleType::AuthenticationContext => {
                let is_enabled = std::mem::take(&mut self.is_enabled);
                let claim_value = std::mem::take(&mut self.claim_value);
                Rule::AuthenticationContext(Box::new(AuthenticationContextRule {
                    odata_type,
                    rule_type,
                    id,
                    is_enabled,
                    claim_value,
                    target,
                    extra: self.rest(),
                }))
            }
            RuleType::Notification => Rule::Notification(Box::new(NotificationRule {
                odata_type,
                rule_type,
                id,
                notification_type: std::mem::take(&mut self.notification_type),
                recipient_type: std::mem::take(&mut self.recipient_type),
                notification_level: std::mem::take(&mut self.notification_level),
                is_default_recipients_enabled: std::mem::take(
                    &mut self.is_default_recipients_enabled,
                ),
                notification_recipients: std::mem::take(&mut self.notification_recipients),
                target,
                extra: self.rest(),
            })),
        }
    }

    /// The unknown members, once the rule's type has taken its own: in almost every rule
    /// nothing else is left, and the unknown members are all.
    fn rest(self) -> Extra {
        if self.declares_nothing() {
            self.extra
        } else {
            self.unclaimed()
        }
    }

    /// The unknown members, with every member no rule type took (those taken are absent
    /// now, and absent members are not written).
    fn unclaimed(self) -> Extra {
        let Self {
            odata_type,
            rule_type,
            id,
            target,
            is_expiration_required,
            maximum_duration,
            enabled_rules,
            setting,
            is_enabled,
            claim_value,
            notification_type,
            recipient_type,
            notification_level,
            is_default_recipients_enabled,
            notification_recipients,
            mut extra,
        } = self;
        let x = &mut extra;
        spill(x, "@odata.type", odata_type);
        spill(x, "ruleType", rule_type);
        spill(x, "id", id);
        spill(x, "target", target);
        spill(x, "isExpirationRequired", is_expiration_required);
        spill(x, "maximumDuration", maximum_duration);
        spill(x, "enabledRules", enabled_rules);
        spill(x, "setting", setting);
        spill(x, "isEnabled", is_enabled);
        spill(x, "claimValue", claim_value);
        spill(x, "notificationType", notification_type);
        spill(x, "recipientType", recipient_type);
        spill(x, "notificationLevel", notification_level);
        spill(
            x,
            "isDefaultRecipientsEnabled",
            is_default_recipients_enabled,
        );
        spill(x, "notificationRecipients", notification_recipients);
        extra
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RuleVisitor)
    }
}

/// A rule object is read by its members; anything else is kept as written, as
/// [`Rule::Unknown`].
struct RuleVisitor;

impl<'de> serde::de::Visitor<'de> for RuleVisitor {
    type Value = Rule;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Rule, A::Error> {
        RuleMembers::deserialize(MapAccessDeserializer::new(map)).map(RuleMembers::into_rule)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Rule, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Rule::Unknown)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Rule, E> {
        Ok(Rule::Unknown(Value::Null))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Rule, E> {
        Ok(Rule::Unknown(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Rule, D::Error> {
        Rule::deserialize(deserializer)
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Rule, E> {
        Ok(Rule::Unknown(Value::Bool(v)))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Rule, E> {
        Ok(Rule::Unknown(Value::from(v)))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Rule, E> {
        Ok(Rule::Unknown(Value::from(v)))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Rule, E> {
        Ok(Rule::Unknown(Value::from(v)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Rule, E> {
        Ok(Rule::Unknown(Value::String(v.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Rule, E> {
        Ok(Rule::Unknown(Value::String(v)))
    }
}

/// Whether a list anywhere inside holds a `null` item: the JSON Schema judges those, the typed
/// reader skips them.
pub trait NullItems {
    /// Whether a list anywhere inside `self` holds a `null` item.
    fn holds_a_null_item(&self) -> bool;
}

impl<T: NullItems> NullItems for Box<T> {
    fn holds_a_null_item(&self) -> bool {
        T::holds_a_null_item(self)
    }
}

impl NullItems for String {
    fn holds_a_null_item(&self) -> bool {
        false
    }
}

impl NullItems for bool {
    fn holds_a_null_item(&self) -> bool {
        false
    }
}

impl NullItems for i64 {
    fn holds_a_null_item(&self) -> bool {
        false
    }
}

impl NullItems for Value {
    fn holds_a_null_item(&self) -> bool {
        match self {
            Self::Array(items) => items.iter().any(|v| v.is_null() || v.holds_a_null_item()),
            Self::Object(map) => map.holds_a_null_item(),
            _ => false,
        }
    }
}

impl NullItems for Extra {
    fn holds_a_null_item(&self) -> bool {
        self.values().any(NullItems::holds_a_null_item)
    }
}

impl<T: NullItems> NullItems for Field<T> {
    fn holds_a_null_item(&self) -> bool {
        match self {
            Self::Value(v) => v.holds_a_null_item(),
            Self::Invalid(v) => v.holds_a_null_item(),
            Self::Absent | Self::Null => false,
        }
    }
}

impl<T: NullItems> NullItems for Vec<Field<T>> {
    fn holds_a_null_item(&self) -> bool {
        self.iter()
            .any(|item| matches!(item, Field::Null) || item.holds_a_null_item())
    }
}

impl NullItems for Vec<Value> {
    fn holds_a_null_item(&self) -> bool {
        self.iter().any(|v| v.is_null() || v.holds_a_null_item())
    }
}

impl NullItems for Vec<Rule> {
    fn holds_a_null_item(&self) -> bool {
        self.iter()
            .any(|rule| matches!(rule, Rule::Unknown(Value::Null)) || rule.holds_a_null_item())
    }
}

impl NullItems for Rule {
    fn holds_a_null_item(&self) -> bool {
        match self {
            Self::Expiration(r) => r.holds_a_null_item(),
            Self::Enablement(r) => r.holds_a_null_item(),
            Self::Approval(r) => r.holds_a_null_item(),
            Self::AuthenticationContext(r) => r.holds_a_null_item(),
            Self::Notification(r) => r.holds_a_null_item(),
            Self::Unknown(v) => v.holds_a_null_item(),
        }
    }
}
