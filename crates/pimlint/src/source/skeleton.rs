//! Reading a document's text once: the policy rules straight into [`Rule`]s, everything else
//! into a [`Value`] (the skeleton) for the detection of kind and format and for the JSON
//! Schema of what surrounds the rules.
//!
//! The rules are most of a policy's text. Read as a [`Value`] first, each would be built,
//! copied into the source structs and dropped; here each is read once. In the skeleton, a
//! rule list read this way is an empty array: every reader of the skeleton asks only whether
//! the list is there.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::read::take_first_name;
use super::{Extra, Field, Rule, Shape};
pub use crate::locate::ListAt;

/// The objects whose rule lists are read apart: the document, its `properties` (ARM) and
/// its `policy` (a Graph policy assignment with its policy expanded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The document itself.
    Root,
    /// Its `properties`.
    Properties,
    /// Its `policy`.
    Policy,
}

/// The rule lists of one holder that were read apart (`None`: not read apart).
#[derive(Debug, Default)]
pub struct HeldRules {
    /// `rules`.
    pub rules: Option<Vec<Rule>>,
    /// `effectiveRules`.
    pub effective_rules: Option<Vec<Rule>>,
    /// Read from text ([`read`]): where each element of `rules` and of `effectiveRules`
    /// starts in the text, when it is an object whose first member name has no escape.
    /// (While reading: where in memory each element's first member name lies.)
    pub starts: [Vec<Option<usize>>; 2],
    /// Which of the two [`Self::put`] lent to a source struct.
    lent: [bool; 2],
}

impl HeldRules {
    fn is_empty(&self) -> bool {
        self.rules.is_none() && self.effective_rules.is_none()
    }

    /// Lends the lists read apart to their fields (the skeleton has an empty list there);
    /// [`Self::take_back`] takes them back.
    pub fn put(&mut self, rules: &mut Field<Vec<Rule>>, effective_rules: &mut Field<Vec<Rule>>) {
        if let Some(r) = self.rules.take() {
            *rules = Field::Value(r);
            self.lent[0] = true;
        }
        if let Some(r) = self.effective_rules.take() {
            *effective_rules = Field::Value(r);
            self.lent[1] = true;
        }
    }

    /// Takes back from their fields the lists [`Self::put`] lent.
    pub fn take_back(
        &mut self,
        rules: &mut Field<Vec<Rule>>,
        effective_rules: &mut Field<Vec<Rule>>,
    ) {
        let fields = [
            (&mut self.rules, rules),
            (&mut self.effective_rules, effective_rules),
        ];
        for ((slot, field), lent) in fields.into_iter().zip(&mut self.lent) {
            if std::mem::take(lent) {
                if let Field::Value(r) = std::mem::take(field) {
                    *slot = Some(r);
                }
            }
        }
    }

    /// Turns where the first member names of a read from `text` lie in memory into where
    /// the elements start in it.
    fn settle(&mut self, text: &str) {
        let base = text.as_ptr().addr();
        for start in self.starts.iter_mut().flatten() {
            *start = start.and_then(|name| element_start(text, name.checked_sub(base)?));
        }
    }

    /// Writes the lists read apart back into `holder`, as they were written.
    fn restore(self, holder: &mut Value) {
        let Value::Object(holder) = holder else {
            return;
        };
        for (key, list) in [
            ("rules", self.rules),
            ("effectiveRules", self.effective_rules),
        ] {
            if let Some(list) = list {
                let written = list
                    .iter()
                    .map(|r| serde_json::to_value(r).unwrap_or(Value::Null))
                    .collect();
                holder.insert(key.to_owned(), Value::Array(written));
            }
        }
    }
}

/// The rule lists read apart from the skeleton.
#[derive(Debug, Default)]
pub struct ReadRules {
    /// The document's own.
    pub root: HeldRules,
    /// Its `properties`' own.
    pub properties: HeldRules,
    /// Its `policy`'s own.
    pub policy: HeldRules,
    /// A holder or a rule list appeared twice in one object: the skeleton cannot say which
    /// one a reader of a parsed value would see.
    pub repeated: bool,
}

impl ReadRules {
    /// Whether no rule list was read apart.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.root.is_empty() && self.properties.is_empty() && self.policy.is_empty()
    }

    /// The holders that have a list read apart.
    #[must_use]
    pub fn holders(&self) -> Vec<Holder> {
        [
            (Holder::Root, &self.root),
            (Holder::Properties, &self.properties),
            (Holder::Policy, &self.policy),
        ]
        .into_iter()
        .filter(|(_, held)| !held.is_empty())
        .map(|(holder, _)| holder)
        .collect()
    }

    /// The rule lists read apart, in a document at `at`, with where their elements start
    /// when they were read from text (moved out of [`HeldRules::starts`], which only this
    /// reads); none when a holder or a list was repeated.
    #[must_use]
    pub fn lists(&mut self, at: &crate::Pointer) -> Vec<ListAt> {
        if self.repeated {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (holder, held) in [
            (at.clone(), &mut self.root),
            (
                at.member(crate::member!("properties")),
                &mut self.properties,
            ),
            (at.member(crate::member!("policy")), &mut self.policy),
        ] {
            let [rules_starts, effective_starts] = std::mem::take(&mut held.starts);
            if held.rules.is_some() {
                out.push(ListAt {
                    pointer: holder.member(crate::member!("rules")),
                    starts: rules_starts,
                });
            }
            if held.effective_rules.is_some() {
                out.push(ListAt {
                    pointer: holder.member(crate::member!("effectiveRules")),
                    starts: effective_starts,
                });
            }
        }
        out
    }

    /// Every rule read apart.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        [&self.root, &self.properties, &self.policy]
            .into_iter()
            .flat_map(|held| [&held.rules, &held.effective_rules])
            .flatten()
            .flatten()
    }

    /// Writes the lists read apart back into `skeleton` (read with them): the document as a
    /// [`Value`] read whole gives it. Exact unless [`Self::repeated`], which no source without
    /// repeated members (such as a Python dict or a JavaScript object) sets.
    pub fn restore(self, skeleton: &mut Value) {
        let Self {
            root,
            properties,
            policy,
            ..
        } = self;
        if let Some(holder) = skeleton.get_mut("properties") {
            properties.restore(holder);
        }
        if let Some(holder) = skeleton.get_mut("policy") {
            policy.restore(holder);
        }
        root.restore(skeleton);
    }

    /// The lists of every holder.
    fn all_held_mut(&mut self) -> [&mut HeldRules; 3] {
        [&mut self.root, &mut self.properties, &mut self.policy]
    }

    fn held(&mut self, holder: Holder) -> &mut HeldRules {
        match holder {
            Holder::Root => &mut self.root,
            Holder::Properties => &mut self.properties,
            Holder::Policy => &mut self.policy,
        }
    }
}

/// Reads `text` (one JSON document) into its skeleton and the rule lists read apart. Fails
/// as parsing it into a [`Value`] fails.
///
/// The lists read apart know where each of their elements starts in `text`
/// ([`HeldRules::starts`]), so that a finding in one is placed without reading what comes
/// before it ([`crate::locate::Locator::locate_many_in`]).
pub fn read(text: &str) -> Result<(Value, ReadRules), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let (value, mut rules) = read_marked(&mut deserializer)?;
    deserializer.end()?;
    for held in rules.all_held_mut() {
        held.settle(text);
    }
    Ok((value, rules))
}

/// [`read`] from any serde source of one JSON document, such as the objects of a language
/// binding: its skeleton and the rule lists read apart.
pub fn read_from<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<(Value, ReadRules), D::Error> {
    let (value, mut rules) = read_marked(deserializer)?;
    for held in rules.all_held_mut() {
        held.starts = Default::default();
    }
    Ok((value, rules))
}

/// [`read_from`], with where in memory the first member name of each element of the lists
/// lies kept in their [`HeldRules::starts`].
fn read_marked<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(Value, ReadRules), D::Error> {
    let mut rules = ReadRules::default();
    let value = Skeleton {
        holder: Some(Holder::Root),
        rules: &mut rules,
    }
    .deserialize(deserializer)?;
    Ok((value, rules))
}

/// Where the element starts whose first member name begins at `name` in `text`: its `{`,
/// before the name's quote and any white space. `None` when the name is not there (it had
/// an escape, so it was read into a buffer of its own).
fn element_start(text: &str, name: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = name.checked_sub(1)?;
    if name > bytes.len() || bytes.get(quote) != Some(&b'"') {
        return None;
    }
    let open = bytes[..quote]
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))?;
    (bytes[open] == b'{').then_some(open)
}

/// Reads one value of the skeleton; in a holder object, its rule lists are read apart.
struct Skeleton<'r> {
    /// The holder this value is, if it is an object.
    holder: Option<Holder>,
    rules: &'r mut ReadRules,
}

impl<'de> DeserializeSeed<'de> for Skeleton<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skeleton<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let Some(holder) = self.holder else {
            return Value::deserialize(MapAccessDeserializer::new(map));
        };
        let mut out = Extra::new();
        while let Some(key) = map.next_key::<String>()? {
            let nested = match (holder, key.as_str()) {
                (Holder::Root, "properties") => Some(Holder::Properties),
                (Holder::Root, "policy") => Some(Holder::Policy),
                _ => None,
            };
            let value = if key == "rules" || key == "effectiveRules" {
                let held = self.rules.held(holder);
                let which = usize::from(key != "rules");
                let slot = if which == 0 {
                    &mut held.rules
                } else {
                    &mut held.effective_rules
                };
                match map.next_value::<Field<RuleList>>()? {
                    Field::Value(RuleList(rules, names)) => {
                        *slot = Some(rules);
                        held.starts[which] = names;
                        Value::Array(Vec::new())
                    }
                    // Not a list: the skeleton keeps it as written, and so reads it as a
                    // parsed value would be read.
                    Field::Null | Field::Absent => {
                        *slot = None;
                        Value::Null
                    }
                    Field::Invalid(written) => {
                        *slot = None;
                        written
                    }
                }
            } else if let Some(nested) = nested {
                map.next_value_seed(Skeleton {
                    holder: Some(nested),
                    rules: self.rules,
                })?
            } else {
                map.next_value()?
            };
            let watched = nested.is_some() || key == "rules" || key == "effectiveRules";
            if out.insert(key, value).is_some() && watched {
                self.rules.repeated = true;
            }
        }
        Ok(Value::Object(out))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
}

/// A rule list read with room for a whole policy's rules up front: a JSON array does not say
/// how long it is, and growing a list of rules moves every rule read so far. With each rule,
/// where in memory its first member name lies.
struct RuleList(Vec<Rule>, Vec<Option<usize>>);

/// The rules of a whole policy (Graph and ARM both write 17).
const POLICY_RULES: usize = 17;

impl Shape for RuleList {
    const READS_EVERY_ARRAY: bool = true;
}

impl<'de> Deserialize<'de> for RuleList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(RuleListVisitor)
    }
}

struct RuleListVisitor;

impl<'de> Visitor<'de> for RuleListVisitor {
    type Value = RuleList;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of rules")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RuleList, A::Error> {
        let room = seq
            .size_hint()
            .unwrap_or(POLICY_RULES)
            .min(4 * POLICY_RULES);
        let mut rules = Vec::with_capacity(room);
        let mut marks = Vec::with_capacity(room);
        take_first_name();
        while let Some(rule) = seq.next_element()? {
            rules.push(rule);
            marks.push(Some(take_first_name()).filter(|&name| name != 0));
        }
        Ok(RuleList(rules, marks))
    }
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn a_rule_list_read_from_text_knows_where_its_object_rules_start() {
        let text = "{\"rules\": [ {\"id\": \"a\"},\n\t{ \"\\u0069d\": \"b\"}, {}, 3, [],\n {\"id\":\"c\"}]}";
        let (_, rules) = read(text).unwrap();
        let starts = &rules.root.starts[0];
        let third = text.rfind('{').unwrap();
        // An escaped first name is read into a buffer of its own; an empty object, a number
        // and an array have no name at all.
        assert_eq!(starts, &[Some(12), None, None, None, None, Some(third)]);
        assert!(rules.root.starts[1].is_empty());
    }

    #[test]
    fn a_rule_list_read_from_other_sources_knows_no_starts() {
        let value = serde_json::json!({"rules": [{"id": "a"}]});
        let (_, rules) = super::read_from(&value).unwrap();
        assert_eq!(rules.root.rules.as_ref().map(Vec::len), Some(1));
        assert!(rules.root.starts.iter().all(Vec::is_empty));
    }
}
