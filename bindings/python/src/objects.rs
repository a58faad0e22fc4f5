//! Python objects read by serde as the JSON they stand for: into a `serde_json::Value`
//! ([`crate::input::to_json`]), or with a policy's rules straight into the core's source
//! structs ([`pimlint::source::skeleton::read_from`]) without a `Value` of the whole document.
//!
//! JSON data is `None`, `bool`, `str`, `int`, finite `float`, `dict` with `str` keys, `list`
//! and `tuple` (subclasses too), nested at most [`MAX_DEPTH`] deep. Anything else stops the
//! read with an [`Unconvertible`] that says what it met and where.

use std::borrow::Cow;
use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::value::StrDeserializer;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use crate::input::{MAX_DEPTH, type_name};

/// A Python object that could not be taken as JSON, and where.
#[derive(Debug)]
pub(crate) struct Unconvertible {
    /// The segments of the fault's place, innermost first.
    path: Vec<String>,
    pub(crate) message: String,
}

impl Unconvertible {
    fn new(message: String) -> Self {
        Self {
            path: Vec::new(),
            message,
        }
    }

    /// The fault, placed in the member or element `segment` of the value that holds it.
    fn within(mut self, segment: String) -> Self {
        self.path.push(segment);
        self
    }

    /// The pointer of the fault.
    pub(crate) fn pointer(&self) -> String {
        self.path
            .iter()
            .rev()
            .fold(String::new(), |mut out, segment| {
                out.push('/');
                out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
                out
            })
    }
}

impl fmt::Display for Unconvertible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Unconvertible {}

impl serde::de::Error for Unconvertible {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self::new(message.to_string())
    }
}

/// A Python object as a serde [`serde::Deserializer`] of JSON.
pub(crate) struct Objects<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
    depth: usize,
}

impl<'a, 'py> Objects<'a, 'py> {
    /// The document `obj`.
    pub(crate) const fn new(obj: &'a Bound<'py, PyAny>) -> Self {
        Self { obj, depth: 0 }
    }
}

impl<'de> serde::Deserializer<'de> for Objects<'_, '_> {
    type Error = Unconvertible;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unconvertible> {
        let obj = self.obj;
        // The most common types first: each test that fails is a call into Python. `bool`
        // before `int`, of which it is a subclass; no other two of these types overlap.
        if let Ok(s) = obj.cast::<PyString>() {
            let text = s.to_cow().map_err(|_| {
                Unconvertible::new(
                    "a string that is not valid Unicode (a lone surrogate)".to_owned(),
                )
            })?;
            return visitor.visit_str(&text);
        }
        // The depth of a container's members.
        let deeper = || {
            if self.depth >= MAX_DEPTH {
                Err(Unconvertible::new(format!(
                    "nested more than {MAX_DEPTH} levels deep (or a structure that contains itself)"
                )))
            } else {
                Ok(self.depth + 1)
            }
        };
        if let Ok(dict) = obj.cast::<PyDict>() {
            return visitor.visit_map(Members {
                items: dict.iter(),
                len: dict.len(),
                key: None,
                value: None,
                depth: deeper()?,
            });
        }
        if let Ok(list) = obj.cast::<PyList>() {
            return visitor.visit_seq(Elements {
                items: list.iter(),
                len: list.len(),
                index: 0,
                depth: deeper()?,
            });
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            return visitor.visit_seq(Elements {
                items: tuple.iter(),
                len: tuple.len(),
                index: 0,
                depth: deeper()?,
            });
        }
        if obj.is_none() {
            return visitor.visit_unit();
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        if obj.is_instance_of::<PyInt>() {
            if let Ok(n) = obj.extract::<i64>() {
                return visitor.visit_i64(n);
            }
            if let Ok(n) = obj.extract::<u64>() {
                return visitor.visit_u64(n);
            }
            // Larger integers become the nearest float, as JSON text reads them.
            return match obj.extract::<f64>() {
                Ok(f) if f.is_finite() => visitor.visit_f64(f),
                _ => Err(Unconvertible::new(
                    "an integer too large for a JSON number".to_owned(),
                )),
            };
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            let f = f.value();
            return if f.is_finite() {
                visitor.visit_f64(f)
            } else {
                Err(Unconvertible::new(format!("{f} is not a JSON number")))
            };
        }
        Err(Unconvertible::new(format!(
            "a value of type {}, which is not JSON (expected dict, list, str, int, float, bool or None)",
            type_name(obj)
        )))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// The items of a `dict`, whose keys must be strings.
struct Members<'py, I> {
    items: I,
    len: usize,
    /// The key just read, and its value.
    key: Option<Bound<'py, PyString>>,
    value: Option<Bound<'py, PyAny>>,
    depth: usize,
}

impl<'de, 'py, I> MapAccess<'de> for Members<'py, I>
where
    I: Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
{
    type Error = Unconvertible;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unconvertible> {
        let Some((key, value)) = self.items.next() else {
            return Ok(None);
        };
        let key = key.cast_into::<PyString>().map_err(|e| {
            let type_name = type_name(e.into_inner().as_any());
            Unconvertible::new(format!(
                "a key of type {type_name}; JSON object keys are strings"
            ))
        })?;
        let text = key
            .to_cow()
            .map_err(|_| Unconvertible::new("a key that is not valid Unicode".to_owned()))?;
        let found = seed.deserialize(StrDeserializer::<Unconvertible>::new(&text))?;
        self.len = self.len.saturating_sub(1);
        self.key = Some(key);
        self.value = Some(value);
        Ok(Some(found))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Unconvertible> {
        let (Some(key), Some(value)) = (self.key.take(), self.value.take()) else {
            return Err(Unconvertible::new("a value without its key".to_owned()));
        };
        seed.deserialize(Objects {
            obj: &value,
            depth: self.depth,
        })
        .map_err(|e| e.within(key.to_cow().map(Cow::into_owned).unwrap_or_default()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len)
    }
}

/// The items of a `list` or `tuple`.
struct Elements<I> {
    items: I,
    len: usize,
    /// The place of the next item.
    index: usize,
    depth: usize,
}

impl<'de, 'py, I> SeqAccess<'de> for Elements<I>
where
    I: Iterator<Item = Bound<'py, PyAny>>,
{
    type Error = Unconvertible;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Unconvertible> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        self.len = self.len.saturating_sub(1);
        let index = self.index;
        self.index += 1;
        seed.deserialize(Objects {
            obj: &item,
            depth: self.depth,
        })
        .map(Some)
        .map_err(|e| e.within(index.to_string()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len)
    }
}
