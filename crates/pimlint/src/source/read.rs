//! Reading source documents straight from a parsed [`Value`], by reference.
//!
//! The serde derive of a struct with a flattened `extra` buffers every member of every object
//! before it picks the known ones out, and a rule's discriminator was found on a copy of the
//! rule. Here each object is read in place: a known member is looked up by name and read into
//! its [`Field`], only the members the model does not know are copied into `extra`. The result
//! is the same as `Deserialize` gives (tested over every fixture).

use std::cell::Cell;

use serde_json::Value;

use super::{Extra, Field, Rule, RuleType};

/// A source type read from a parsed value without serde's buffering.
pub trait ReadValue: Sized {
    /// The value as this type, or `None` when its JSON type does not fit (the caller keeps it
    /// as written, in [`Field::Invalid`]).
    fn read(value: &Value) -> Option<Self>;
}

impl<T: ReadValue> Field<T> {
    /// Reads an object member: absent, `null`, a value of the expected type, or kept as
    /// written.
    pub fn read_member(member: Option<&Value>) -> Self {
        match member {
            None => Self::Absent,
            Some(Value::Null) => Self::Null,
            Some(value) => T::read(value).map_or_else(|| Self::Invalid(value.clone()), Self::Value),
        }
    }
}

impl<T: ReadValue> ReadValue for Field<T> {
    fn read(value: &Value) -> Option<Self> {
        Some(Self::read_member(Some(value)))
    }
}

impl<T: ReadValue> ReadValue for Box<T> {
    fn read(value: &Value) -> Option<Self> {
        T::read(value).map(Self::new)
    }
}

impl ReadValue for String {
    fn read(value: &Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}

impl ReadValue for bool {
    fn read(value: &Value) -> Option<Self> {
        value.as_bool()
    }
}

impl ReadValue for i64 {
    fn read(value: &Value) -> Option<Self> {
        value.as_i64()
    }
}

impl ReadValue for Value {
    fn read(value: &Value) -> Option<Self> {
        Some(value.clone())
    }
}

impl ReadValue for Extra {
    fn read(value: &Value) -> Option<Self> {
        value.as_object().cloned()
    }
}

impl<T: ReadValue> ReadValue for Vec<T> {
    fn read(value: &Value) -> Option<Self> {
        value.as_array()?.iter().map(T::read).collect()
    }
}

impl ReadValue for Rule {
    fn read(value: &Value) -> Option<Self> {
        let rule = match Self::kind_of(value).filter(|_| value.is_object()) {
            Some(RuleType::Expiration) => ReadValue::read(value).map(Self::Expiration),
            Some(RuleType::Enablement) => ReadValue::read(value).map(Self::Enablement),
            Some(RuleType::Approval) => ReadValue::read(value).map(Self::Approval),
            Some(RuleType::AuthenticationContext) => {
                ReadValue::read(value).map(Self::AuthenticationContext)
            }
            Some(RuleType::Notification) => ReadValue::read(value).map(Self::Notification),
            None => None,
        };
        Some(rule.unwrap_or_else(|| Self::Unknown(value.clone())))
    }
}

/// The JSON name of a member: its rename, else the field's name in camelCase (as serde's
/// `rename_all = "camelCase"` writes it).
#[doc(hidden)]
pub fn member_name(field: &str, rename: &[&str]) -> String {
    if let Some(rename) = rename.first() {
        return (*rename).to_owned();
    }
    let mut out = String::with_capacity(field.len());
    let mut upper = false;
    for c in field.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The members a source object declares, for reading an object in one pass over its members.
#[doc(hidden)]
#[derive(Debug)]
pub struct Members {
    /// Each declared name with its place among the declared members.
    pub(crate) names: Vec<(String, usize)>,
    /// By the [`bucket`] of a name: 0 when no declared name falls there, `i + 1` when only
    /// `names[i]` does, [`SHARED`] when several do. Most names have a bucket of their own, so
    /// a member is found with one comparison.
    buckets: [u8; BUCKETS],
}

/// How many buckets [`Members`] spreads the names over.
const BUCKETS: usize = 128;

/// A bucket that several declared names share.
const SHARED: u8 = u8::MAX;

/// The bucket of a member name, from its length and three of its bytes.
fn bucket(name: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (name.first(), name.last()) else {
        return 0;
    };
    let middle = name.get(name.len() / 2).copied().unwrap_or(0);
    let mixed = name.len().wrapping_mul(31)
        ^ usize::from(first).wrapping_mul(7)
        ^ usize::from(middle).wrapping_mul(13)
        ^ usize::from(last);
    mixed % BUCKETS
}

impl Members {
    /// The members named `names`, in the order they are declared.
    #[must_use]
    pub fn new(names: Vec<String>) -> Self {
        let names: Vec<(String, usize)> = names.into_iter().zip(0..).collect();
        let mut buckets = [0u8; BUCKETS];
        for (i, (name, _)) in names.iter().enumerate() {
            let slot = &mut buckets[bucket(name.as_bytes())];
            *slot = match (*slot, u8::try_from(i + 1)) {
                (0, Ok(place)) if place != SHARED => place,
                _ => SHARED,
            };
        }
        Self { names, buckets }
    }

    /// The place of the member named `key` among the declared members.
    #[must_use]
    pub fn find(&self, key: &str) -> Option<usize> {
        let found = match self.buckets[bucket(key.as_bytes())] {
            0 => return None,
            SHARED => self.names.iter().find(|(name, _)| name == key),
            place => self
                .names
                .get(usize::from(place) - 1)
                .filter(|(name, _)| name == key),
        };
        found.map(|(_, index)| *index)
    }

    /// Puts each declared member's value of `map` in its place in `slots` (declaration
    /// order) and gives the members not declared, copied.
    pub fn split<'v>(&self, map: &'v Extra, slots: &mut [Option<&'v Value>]) -> Extra {
        let mut extra = Extra::new();
        for (key, value) in map {
            match self.find(key) {
                Some(index) => {
                    if let Some(slot) = slots.get_mut(index) {
                        *slot = Some(value);
                    }
                }
                None => {
                    extra.insert(key.clone(), value.clone());
                }
            }
        }
        extra
    }
}

thread_local! {
    /// Where in memory the first member name read since [`take_first_name`] lies (0: none
    /// read since). A name read from text without an escape is borrowed from the text, so a
    /// rule list read from text learns where each of its elements starts
    /// ([`crate::source::skeleton::read`]).
    static FIRST_NAME: Cell<usize> = const { Cell::new(0) };
}

/// The address of the first member name read on this thread since the last call (0: none).
pub(crate) fn take_first_name() -> usize {
    FIRST_NAME.with(|first| first.replace(0))
}

/// Records where `name` lies, when it is the first read since [`take_first_name`].
fn read_name(name: &str) {
    FIRST_NAME.with(|first| {
        if first.get() == 0 {
            first.set(name.as_ptr().addr());
        }
    });
}

/// Reads an object member's name as its place among `Members` (`Ok`), or, for a member not
/// declared, as the name itself (`Err`), without copying declared names.
#[doc(hidden)]
#[derive(Debug)]
pub struct MemberKey<'m>(pub &'m Members);

impl<'de> serde::de::DeserializeSeed<'de> for MemberKey<'_> {
    type Value = Result<usize, String>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for MemberKey<'_> {
    type Value = Result<usize, String>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        read_name(key);
        Ok(self.0.find(key).ok_or_else(|| key.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Self::Value, E> {
        read_name(&key);
        Ok(self.0.find(&key).ok_or(key))
    }
}

#[cfg(test)]
mod tests {
    use super::{Members, bucket};

    #[test]
    fn every_declared_name_is_found_and_no_other() {
        // More names than buckets and than places a bucket can hold: buckets are shared.
        let names: Vec<String> = (0..300).map(|i| format!("member{i}")).collect();
        let members = Members::new(names.clone());
        for (i, name) in names.iter().enumerate() {
            assert_eq!(members.find(name), Some(i), "{name}");
        }
        for other in [
            "",
            "member",
            "member300",
            "Member1",
            "member01",
            "@odata.type",
        ] {
            assert_eq!(members.find(other), None, "{other}");
        }
    }

    #[test]
    fn names_that_share_a_bucket_are_told_apart() {
        // Same length, first, middle and last bytes: the same bucket.
        let (a, b) = ("axbxc", "aybxc");
        assert_eq!(bucket(a.as_bytes()), bucket(b.as_bytes()));
        let members = Members::new(vec![a.to_owned(), b.to_owned(), String::new()]);
        assert_eq!(members.find(a), Some(0));
        assert_eq!(members.find(b), Some(1));
        assert_eq!(members.find(""), Some(2));
        assert_eq!(members.find("azbxc"), None);
    }
}
