//! The documents as Microsoft Graph and Azure Resource Manager write them.
//!
//! Every struct here is lossless: members it does not know are kept in `extra`, a member that
//! is absent stays absent, `null` stays `null`, and a value of the wrong JSON type is kept as
//! it was ([`Field::Invalid`]) so that normalization can report it with its location instead
//! of failing the whole document. Serializing a parsed document gives back the same JSON value.

mod alert;
mod directory;
mod name;
mod policy;
mod read;
mod request;
mod schedule;
pub mod skeleton;
mod text;

pub use alert::*;
pub use directory::*;
pub use name::Name;
pub use policy::*;
pub use read::{MemberKey, Members, ReadValue, member_name};
pub use request::*;
pub use schedule::*;
pub use text::NullItems;

use serde::de::DeserializeOwned;
use serde::de::value::{
    BoolDeserializer, F64Deserializer, I64Deserializer, StrDeserializer, U64Deserializer,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::kind::DocumentKind;

/// Unknown members of an object, kept verbatim.
pub type Extra = serde_json::Map<String, Value>;

/// One member of a source object.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Field<T> {
    /// The member is not in the object.
    #[default]
    Absent,
    /// The member is `null`.
    Null,
    /// The member has a value of the expected type.
    Value(T),
    /// The member has a value of another JSON type; kept as written.
    Invalid(Value),
}

impl<T> Field<T> {
    /// Whether the member is absent (used to skip it when serializing).
    pub const fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// The value, when it has the expected type.
    pub const fn value(&self) -> Option<&T> {
        match self {
            Self::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the member is absent or `null`.
    pub const fn is_missing(&self) -> bool {
        matches!(self, Self::Absent | Self::Null)
    }
}

impl<T: PartialEq> Field<T> {
    /// Whether two members write the same JSON, an absent member counting as `null`.
    pub fn same_as_written(&self, other: &Self) -> bool {
        self == other || (self.is_missing() && other.is_missing())
    }
}

/// Adds to `out` the names of the unknown members whose values differ between `a` and `b`,
/// a member one lacks counting as `null` there.
pub fn extra_differences(a: &Extra, b: &Extra, out: &mut Vec<String>) {
    let null = Value::Null;
    for (key, value) in a {
        if b.get(key).unwrap_or(&null) != value {
            out.push(key.clone());
        }
    }
    for (key, value) in b {
        if !a.contains_key(key) && *value != null {
            out.push(key.clone());
        }
    }
}

/// Which JSON containers a member type reads without fail, so that [`Field`] can read them
/// in one pass instead of first copying them into a [`Value`] to keep in case of failure.
pub trait Shape {
    /// Every JSON array reads as this type (its elements cannot fail).
    const READS_EVERY_ARRAY: bool = false;
    /// Every JSON object reads as this type (its members cannot fail).
    const READS_EVERY_OBJECT: bool = false;
}

impl<T: Shape> Shape for Box<T> {
    const READS_EVERY_ARRAY: bool = T::READS_EVERY_ARRAY;
    const READS_EVERY_OBJECT: bool = T::READS_EVERY_OBJECT;
}

impl Shape for String {}
impl Shape for bool {}
impl Shape for i64 {}

impl Shape for Value {
    const READS_EVERY_ARRAY: bool = true;
    const READS_EVERY_OBJECT: bool = true;
}

impl Shape for Extra {
    const READS_EVERY_OBJECT: bool = true;
}

impl Shape for Vec<Value> {
    const READS_EVERY_ARRAY: bool = true;
}

impl<T> Shape for Vec<Field<T>> {
    const READS_EVERY_ARRAY: bool = true;
}

impl<'de, T: DeserializeOwned + Shape> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldVisitor(std::marker::PhantomData))
    }
}

/// Reads a member: scalars are tried against `T` and kept as written when they do not fit;
/// containers `T` always reads are read straight into it, others are kept as written.
struct FieldVisitor<T>(std::marker::PhantomData<T>);

impl<T: DeserializeOwned> FieldVisitor<T> {
    /// Reads a scalar as `T`, or keeps it as written (made only then).
    fn scalar<'a, D>(deserializer: D, written: impl FnOnce() -> Value) -> Field<T>
    where
        D: Deserializer<'a, Error = serde::de::value::Error>,
    {
        match T::deserialize(deserializer) {
            Ok(v) => Field::Value(v),
            Err(_) => Field::Invalid(written()),
        }
    }
}

impl<'de, T: DeserializeOwned + Shape> serde::de::Visitor<'de> for FieldVisitor<T> {
    type Value = Field<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::Null)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Field<T>, D::Error> {
        Field::deserialize(deserializer)
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Field<T>, E> {
        Ok(Self::scalar(BoolDeserializer::new(v), || Value::Bool(v)))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Field<T>, E> {
        Ok(Self::scalar(I64Deserializer::new(v), || Value::from(v)))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Field<T>, E> {
        Ok(Self::scalar(U64Deserializer::new(v), || Value::from(v)))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Field<T>, E> {
        Ok(Self::scalar(F64Deserializer::new(v), || Value::from(v)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Field<T>, E> {
        Ok(Self::scalar(StrDeserializer::new(v), || {
            Value::String(v.to_owned())
        }))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Field<T>, E> {
        Ok(
            match T::deserialize(StrDeserializer::<serde::de::value::Error>::new(&v)) {
                Ok(read) => Field::Value(read),
                Err(_) => Field::Invalid(Value::String(v)),
            },
        )
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Field<T>, A::Error> {
        let items = serde::de::value::SeqAccessDeserializer::new(seq);
        if T::READS_EVERY_ARRAY {
            T::deserialize(items).map(Field::Value)
        } else {
            Value::deserialize(items).map(Field::Invalid)
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Field<T>, A::Error> {
        let members = serde::de::value::MapAccessDeserializer::new(map);
        if T::READS_EVERY_OBJECT {
            T::deserialize(members).map(Field::Value)
        } else {
            Value::deserialize(members).map(Field::Invalid)
        }
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Absent | Self::Null => serializer.serialize_none(),
            Self::Value(v) => v.serialize(serializer),
            Self::Invalid(v) => v.serialize(serializer),
        }
    }
}

/// One source document of any kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SourceDocument {
    /// Graph policy.
    GraphPolicy(GraphPolicy),
    /// Graph policy assignment.
    GraphPolicyAssignment(GraphPolicyAssignment),
    /// Graph role assignment or eligibility request.
    GraphRoleRequest(GraphRoleRequest),
    /// Graph group assignment or eligibility request.
    GraphGroupRequest(GraphGroupRequest),
    /// ARM policy.
    ArmPolicy(ArmPolicy),
    /// ARM policy assignment.
    ArmPolicyAssignment(ArmPolicyAssignment),
    /// ARM role assignment or eligibility request.
    ArmRequest(ArmRequest),
    /// One policy rule (Graph or ARM).
    Rule(Rule),
    /// Graph schedule, instance or role assignment (roles and groups).
    GraphSchedule(Box<GraphSchedule>),
    /// ARM schedule, instance or role assignment.
    ArmSchedule(Box<ArmSchedule>),
    /// Graph role definition.
    GraphRoleDefinition(GraphRoleDefinitionDocument),
    /// ARM role definition.
    ArmRoleDefinition(ArmRoleDefinition),
    /// Graph alert, alert configuration or alert definition.
    GraphAlert(GraphAlert),
    /// ARM alert or alert configuration.
    ArmAlert(ArmAlert),
}

/// Reads a JSON value as the source document of `kind`. It fails only when `value` is not an
/// object; members of the wrong type are kept in [`Field::Invalid`].
pub fn parse(kind: DocumentKind, value: &Value) -> Result<SourceDocument, serde_json::Error> {
    Ok(match kind {
        DocumentKind::GraphPolicy | DocumentKind::GraphPolicyUpdate => {
            SourceDocument::GraphPolicy(Deserialize::deserialize(value)?)
        }
        DocumentKind::GraphPolicyRule | DocumentKind::ArmPolicyRule => {
            SourceDocument::Rule(Deserialize::deserialize(value)?)
        }
        DocumentKind::GraphPolicyAssignment => {
            SourceDocument::GraphPolicyAssignment(Deserialize::deserialize(value)?)
        }
        DocumentKind::GraphRoleAssignmentRequest | DocumentKind::GraphRoleEligibilityRequest => {
            SourceDocument::GraphRoleRequest(Deserialize::deserialize(value)?)
        }
        DocumentKind::GraphGroupAssignmentRequest | DocumentKind::GraphGroupEligibilityRequest => {
            SourceDocument::GraphGroupRequest(Deserialize::deserialize(value)?)
        }
        DocumentKind::ArmPolicy | DocumentKind::ArmPolicyUpdate => {
            SourceDocument::ArmPolicy(Deserialize::deserialize(value)?)
        }
        DocumentKind::ArmPolicyAssignment => {
            SourceDocument::ArmPolicyAssignment(Deserialize::deserialize(value)?)
        }
        DocumentKind::ArmRoleAssignmentRequest | DocumentKind::ArmRoleEligibilityRequest => {
            SourceDocument::ArmRequest(Deserialize::deserialize(value)?)
        }
        DocumentKind::GraphRoleDefinition => {
            SourceDocument::GraphRoleDefinition(Deserialize::deserialize(value)?)
        }
        DocumentKind::ArmRoleDefinition => {
            SourceDocument::ArmRoleDefinition(Deserialize::deserialize(value)?)
        }
        DocumentKind::GraphAlert
        | DocumentKind::GraphAlertConfiguration
        | DocumentKind::GraphAlertDefinition => {
            SourceDocument::GraphAlert(Deserialize::deserialize(value)?)
        }
        DocumentKind::ArmAlert | DocumentKind::ArmAlertConfiguration => {
            SourceDocument::ArmAlert(Deserialize::deserialize(value)?)
        }
        k if k.is_arm() => SourceDocument::ArmSchedule(Box::new(Deserialize::deserialize(value)?)),
        _ => SourceDocument::GraphSchedule(Box::new(Deserialize::deserialize(value)?)),
    })
}

/// [`parse`] without serde: reads `value` in place as the source document of `kind`, or
/// `None` when it is not an object.
#[must_use]
pub fn read(kind: DocumentKind, value: &Value) -> Option<SourceDocument> {
    Some(match kind {
        DocumentKind::GraphPolicy | DocumentKind::GraphPolicyUpdate => {
            SourceDocument::GraphPolicy(ReadValue::read(value)?)
        }
        DocumentKind::GraphPolicyRule | DocumentKind::ArmPolicyRule => {
            SourceDocument::Rule(ReadValue::read(value)?)
        }
        DocumentKind::GraphPolicyAssignment => {
            SourceDocument::GraphPolicyAssignment(ReadValue::read(value)?)
        }
        DocumentKind::GraphRoleAssignmentRequest | DocumentKind::GraphRoleEligibilityRequest => {
            SourceDocument::GraphRoleRequest(ReadValue::read(value)?)
        }
        DocumentKind::GraphGroupAssignmentRequest | DocumentKind::GraphGroupEligibilityRequest => {
            SourceDocument::GraphGroupRequest(ReadValue::read(value)?)
        }
        DocumentKind::ArmPolicy | DocumentKind::ArmPolicyUpdate => {
            SourceDocument::ArmPolicy(ReadValue::read(value)?)
        }
        DocumentKind::ArmPolicyAssignment => {
            SourceDocument::ArmPolicyAssignment(ReadValue::read(value)?)
        }
        DocumentKind::ArmRoleAssignmentRequest | DocumentKind::ArmRoleEligibilityRequest => {
            SourceDocument::ArmRequest(ReadValue::read(value)?)
        }
        DocumentKind::GraphRoleDefinition => {
            SourceDocument::GraphRoleDefinition(ReadValue::read(value)?)
        }
        DocumentKind::ArmRoleDefinition => {
            SourceDocument::ArmRoleDefinition(ReadValue::read(value)?)
        }
        DocumentKind::GraphAlert
        | DocumentKind::GraphAlertConfiguration
        | DocumentKind::GraphAlertDefinition => SourceDocument::GraphAlert(ReadValue::read(value)?),
        DocumentKind::ArmAlert | DocumentKind::ArmAlertConfiguration => {
            SourceDocument::ArmAlert(ReadValue::read(value)?)
        }
        k if k.is_arm() => SourceDocument::ArmSchedule(Box::new(ReadValue::read(value)?)),
        _ => SourceDocument::GraphSchedule(Box::new(ReadValue::read(value)?)),
    })
}

/// A list of values where each element is checked on its own.
pub type List<T> = Vec<Field<T>>;

/// `{ "value": [...] }`, as both APIs return collections (`@odata.nextLink` or `nextLink`
/// and any other member kept in `extra`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListResponse {
    /// The items, each an untyped document until its kind is known.
    pub value: Vec<Value>,
    /// `@odata.context`, `@odata.nextLink`, `nextLink`, …
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize)]
    struct Probe {
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        flag: Field<bool>,
        #[serde(flatten)]
        extra: Extra,
    }

    #[test]
    fn each_rule_type_reads_back_from_its_type_names() {
        for t in RuleType::ALL {
            assert_eq!(
                t.graph_type(),
                format!(
                    "#microsoft.graph.unifiedRoleManagementPolicy{}Rule",
                    t.name()
                )
            );
            assert_eq!(
                t.arm_type(),
                format!("RoleManagementPolicy{}Rule", t.name())
            );
            assert_eq!(RuleType::from_graph(t.graph_type()), Some(t));
            assert_eq!(RuleType::from_arm(t.arm_type()), Some(t));
        }
    }

    fn round_trip(json: &str) -> (Probe, Value) {
        let value: Value = serde_json::from_str(json).unwrap();
        let probe = Probe::deserialize(&value).unwrap();
        assert_eq!(serde_json::to_value(&probe).unwrap(), value);
        (probe, value)
    }

    #[test]
    fn keeps_absent_null_value_and_invalid_apart() {
        assert_eq!(round_trip(r"{}").0.flag, Field::Absent);
        assert_eq!(round_trip(r#"{"flag": null}"#).0.flag, Field::Null);
        assert_eq!(round_trip(r#"{"flag": true}"#).0.flag, Field::Value(true));
        assert_eq!(
            round_trip(r#"{"flag": "true"}"#).0.flag,
            Field::Invalid(Value::String("true".into()))
        );
        let (probe, _) = round_trip(r#"{"flag": false, "other": [1, {"x": null}]}"#);
        assert!(probe.extra.contains_key("other"));
    }
}
