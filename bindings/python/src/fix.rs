//! `pimlint.fix`: apply the fixes findings carry to a document.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use pimlint::api::ApiError;
use pimlint::fix::FixError;

use crate::{Config, Source, api_error, input_error, options, serialized, to_py};

/// Applies the safe fixes (and the unsafe ones with `unsafe=True`) of the findings in `doc`,
/// over rounds until none is left. Text (str or bytes) comes back as text, edited at the
/// places the fixes name so the rest stays as written; a dict or list comes back as a new
/// dict or list. Returns the fixed document and the fixes applied, as dicts.
#[pyfunction]
#[pyo3(signature = (doc, config = None, *, r#unsafe = false, kind = None))]
pub fn fix<'py>(
    py: Python<'py>,
    doc: &Bound<'py, PyAny>,
    config: Option<&Config>,
    r#unsafe: bool,
    kind: Option<&str>,
) -> PyResult<Bound<'py, PyTuple>> {
    let options = options(config, kind)?;
    let source = Source::extract(py, doc, None)?;
    match source {
        Source::Text(text) => {
            let fixed = py
                .detach(|| pimlint::fix::fix_text(&text, &options, r#unsafe))
                .map_err(|e| match e {
                    FixError::Input(e) => api_error(py, &ApiError::Input(e), None),
                    other @ FixError::Broken { .. } => {
                        input_error(py, &other.to_string(), None, None, None)
                    }
                })?;
            let applied = serialized(py, &fixed.applied)?;
            PyTuple::new(py, [fixed.text.into_pyobject(py)?.into_any(), applied])
        }
        Source::Value(value) | Source::Serialized(value, _) => {
            let (fixed, applied) =
                py.detach(|| pimlint::fix::fix_value(&value, &options, r#unsafe));
            let applied = if applied.is_empty() {
                PyList::empty(py).into_any()
            } else {
                serialized(py, &applied)?
            };
            PyTuple::new(py, [to_py(py, &fixed)?, applied])
        }
    }
}
