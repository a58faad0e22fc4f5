//! Python objects and text read as the documents the core checks: JSON data (dicts, lists,
//! strings, numbers), models of Microsoft's SDKs (in the JSON their SDK sends), and JSON text.

use pimlint::Options;
use pimlint::api::{self, ApiError, Input, Located};
use pimlint::source::skeleton::{self, ReadRules};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Deserialize;
use serde_json::Value;

use crate::objects::{Objects, Unconvertible};
use crate::{api_error, input_error};

/// Deepest nesting accepted from Python objects, as the JSON parser accepts from text.
pub(crate) const MAX_DEPTH: usize = 128;

/// `obj` as the JSON value it stands for.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>) -> Result<Value, Unconvertible> {
    Value::deserialize(Objects::new(obj))
}

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// A document as given: text keeps line and column information, objects do not; a model of
/// Microsoft's SDKs is read in the JSON its SDK sends, and findings say so.
pub(crate) enum Source {
    Text(String),
    Value(Value),
    Serialized(Value, String),
}

/// Whether `obj` may be (or hold, at the top) a model of Microsoft's SDKs: anything that is not
/// plain JSON data. Plain dicts and lists of dicts never reach Python code.
fn maybe_sdk(obj: &Bound<'_, PyAny>) -> bool {
    let plain = |o: &Bound<'_, PyAny>| {
        o.is_none()
            || o.is_instance_of::<PyDict>()
            || o.is_instance_of::<PyString>()
            || o.is_instance_of::<PyBool>()
            || o.is_instance_of::<PyInt>()
            || o.is_instance_of::<PyFloat>()
            || o.is_instance_of::<PyList>()
            || o.is_instance_of::<PyTuple>()
    };
    if let Ok(list) = obj.cast::<PyList>() {
        return list.iter().any(|x| !plain(&x));
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return tuple.iter().any(|x| !plain(&x));
    }
    !plain(obj)
}

/// Adds where the findings point to their notes, for input read from SDK models.
pub(crate) fn noted(mut found: Vec<Located>, source: &str) -> Vec<Located> {
    for d in &mut found {
        d.note = Some(match d.note.take() {
            Some(note) => format!("{note}; {source}"),
            None => source.to_owned(),
        });
    }
    found
}

/// Whether `obj` is a JSON document's container: a dict, or a list (or tuple) of documents.
fn json_container(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
}

/// The error for a document that is not JSON data, with where the fault is.
fn unconvertible(py: Python<'_>, e: &Unconvertible, index: Option<usize>) -> PyErr {
    let pointer = e.pointer();
    let at = if pointer.is_empty() {
        String::new()
    } else {
        format!(" at {pointer}")
    };
    let prefix = index.map(|i| format!("docs[{i}]: ")).unwrap_or_default();
    input_error(
        py,
        &format!("{prefix}cannot read{at}: {}", e.message),
        Some(&pointer),
        None,
        index,
    )
}

impl Source {
    pub(crate) fn extract(
        py: Python<'_>,
        obj: &Bound<'_, PyAny>,
        index: Option<usize>,
    ) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            return match s.to_cow() {
                Ok(text) => Ok(Self::Text(text.into_owned())),
                Err(_) => Err(input_error(
                    py,
                    "the text is not valid Unicode (it holds a lone surrogate)",
                    None,
                    None,
                    index,
                )),
            };
        }
        if let Ok(bytes) = obj.cast::<PyBytes>() {
            return match pimlint::decode(bytes.as_bytes()) {
                Ok(text) => Ok(Self::Text(text.into_owned())),
                Err(e) => Err(api_error(py, &ApiError::Input(e), index)),
            };
        }
        if maybe_sdk(obj) {
            let wire = py.import("pimlint._sdk")?.call_method1("wire", (obj,))?;
            if !wire.is_none() {
                let (value, source): (Bound<'_, PyAny>, String) = wire.extract()?;
                return match Self::extract(py, &value, index)? {
                    Self::Value(v) | Self::Serialized(v, _) => Ok(Self::Serialized(v, source)),
                    Self::Text(t) => Ok(Self::Text(t)),
                };
            }
        }
        if !json_container(obj) {
            return Err(PyTypeError::new_err(format!(
                "expected a JSON document as str, bytes, dict or list, found {}",
                type_name(obj)
            )));
        }
        to_json(obj)
            .map(Self::Value)
            .map_err(|e| unconvertible(py, &e, index))
    }

    pub(crate) fn lint(&self, options: &Options) -> Result<Vec<Located>, ApiError> {
        match self {
            Self::Text(text) => api::lint_text(text, options),
            Self::Value(value) => api::lint(Input::value(value), options),
            Self::Serialized(value, source) => {
                api::lint(Input::value(value), options).map(|found| noted(found, source))
            }
        }
    }
}

/// A document to lint: JSON data read by serde with a policy's rules straight into the core's
/// source structs (no `Value` of the whole document is built), or any other [`Source`].
pub(crate) enum LintSource {
    Source(Source),
    Read(Value, Box<ReadRules>),
}

impl LintSource {
    pub(crate) fn extract(
        py: Python<'_>,
        obj: &Bound<'_, PyAny>,
        index: Option<usize>,
    ) -> PyResult<Self> {
        if !json_container(obj) || maybe_sdk(obj) {
            return Source::extract(py, obj, index).map(Self::Source);
        }
        match skeleton::read_from(Objects::new(obj)) {
            Ok((skeleton, rules)) if rules.is_empty() => Ok(Self::Source(Source::Value(skeleton))),
            Ok((skeleton, rules)) => Ok(Self::Read(skeleton, Box::new(rules))),
            Err(e) => Err(unconvertible(py, &e, index)),
        }
    }

    pub(crate) fn lint(self, options: &Options) -> Result<Vec<Located>, ApiError> {
        match self {
            Self::Source(source) => source.lint(options),
            Self::Read(skeleton, rules) => api::lint_read(skeleton, *rules, options),
        }
    }
}

/// Parses a text source once so that it can be borrowed as an [`Input`].
pub(crate) enum Parsed<'a> {
    Text(&'a str, Value),
    Value(&'a Value),
}

impl<'a> Parsed<'a> {
    pub(crate) fn new(source: &'a Source) -> Result<Self, ApiError> {
        Ok(match source {
            Source::Text(text) => Self::Text(text, pimlint::parse_json(text)?),
            Source::Value(value) | Source::Serialized(value, _) => Self::Value(value),
        })
    }

    pub(crate) fn input(&self) -> Input<'_> {
        match self {
            Self::Text(text, value) => Input {
                value,
                text: Some(text),
            },
            Self::Value(value) => Input::value(value),
        }
    }
}
