//! Python objects read by serde as the JSON they stand for, so that the core reads a policy's
//! rules straight into its source structs ([`pimlint::source::skeleton::read_from`]) instead
//! of building a `serde_json::Value` of the whole document first.
//!
//! Only what [`crate::input::to_json`] takes is read here, and read the same way: `None`,
//! `bool`, `str`, `int`, finite `float`, `dict` with `str` keys, `list` and `tuple`, nested
//! at most [`MAX_DEPTH`] deep. Anything else stops the read with [`NotJson`]; the caller then
//! converts with `to_json`, which says what and where.

use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::value::StrDeserializer;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use crate::input::MAX_DEPTH;

/// An object that is not JSON data (the read stops; `to_json` tells the fault).
#[derive(Debug)]
pub(crate) struct NotJson;

impl fmt::Display for NotJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not JSON data")
    }
}

impl std::error::Error for NotJson {}

impl serde::de::Error for NotJson {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self
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
    type Error = NotJson;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotJson> {
        let obj = self.obj;
        if obj.is_none() {
            return visitor.visit_unit();
        }
        // `bool` before `int`: it is a subclass.
        if let Ok(b) = obj.cast::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return visitor.visit_str(&s.to_cow().map_err(|_| NotJson)?);
        }
        if obj.is_instance_of::<PyInt>() {
            if let Ok(n) = obj.extract::<i64>() {
                return visitor.visit_i64(n);
            }
            if let Ok(n) = obj.extract::<u64>() {
                return visitor.visit_u64(n);
            }
            // Larger integers become the nearest float, as `to_json` makes them.
            return match obj.extract::<f64>() {
                Ok(f) if f.is_finite() => visitor.visit_f64(f),
                _ => Err(NotJson),
            };
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            let f = f.value();
            return if f.is_finite() {
                visitor.visit_f64(f)
            } else {
                Err(NotJson)
            };
        }
        if self.depth >= MAX_DEPTH {
            return Err(NotJson);
        }
        let depth = self.depth + 1;
        if let Ok(dict) = obj.cast::<PyDict>() {
            return visitor.visit_map(Members {
                items: dict.iter(),
                len: dict.len(),
                value: None,
                depth,
            });
        }
        if let Ok(list) = obj.cast::<PyList>() {
            return visitor.visit_seq(Elements {
                items: list.iter(),
                len: list.len(),
                depth,
            });
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            return visitor.visit_seq(Elements {
                items: tuple.iter(),
                len: tuple.len(),
                depth,
            });
        }
        Err(NotJson)
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
    /// The value of the key just read.
    value: Option<Bound<'py, PyAny>>,
    depth: usize,
}

impl<'de, 'py, I> MapAccess<'de> for Members<'py, I>
where
    I: Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
{
    type Error = NotJson;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, NotJson> {
        let Some((key, value)) = self.items.next() else {
            return Ok(None);
        };
        let key = key.cast::<PyString>().map_err(|_| NotJson)?;
        let key = key.to_cow().map_err(|_| NotJson)?;
        self.len = self.len.saturating_sub(1);
        self.value = Some(value);
        seed.deserialize(StrDeserializer::<NotJson>::new(&key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, NotJson> {
        let value = self.value.take().ok_or(NotJson)?;
        seed.deserialize(Objects {
            obj: &value,
            depth: self.depth,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len)
    }
}

/// The items of a `list` or `tuple`.
struct Elements<I> {
    items: I,
    len: usize,
    depth: usize,
}

impl<'de, 'py, I> SeqAccess<'de> for Elements<I>
where
    I: Iterator<Item = Bound<'py, PyAny>>,
{
    type Error = NotJson;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, NotJson> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        self.len = self.len.saturating_sub(1);
        seed.deserialize(Objects {
            obj: &item,
            depth: self.depth,
        })
        .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len)
    }
}
