//! `pimlint.check_tenant`: lint the documents of a tenant export together, with the joins
//! over all of them (`PIM6xx`).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::{Config, Diagnostic, Parsed, Source, api_error, noted, options};

/// Lints every document of `docs` and joins them into one tenant view, as `pimlint check`
/// does with the files of a run: one list of findings per document, in input order, with the
/// tenant findings (`PIM601`...) in the list of the document they are about.
#[pyfunction]
#[pyo3(signature = (docs, config = None))]
pub fn check_tenant(
    py: Python<'_>,
    docs: &Bound<'_, PyAny>,
    config: Option<&Config>,
) -> PyResult<Vec<Vec<Diagnostic>>> {
    let options = options(config, None)?;
    if docs.is_instance_of::<PyString>()
        || docs.is_instance_of::<PyBytes>()
        || docs.is_instance_of::<PyDict>()
    {
        return Err(PyTypeError::new_err(
            "check_tenant takes an iterable of documents (the files of an export)",
        ));
    }
    let mut sources = Vec::new();
    for (i, doc) in docs.try_iter()?.enumerate() {
        sources.push(Source::extract(py, &doc?, Some(i))?);
    }
    let found = py
        .detach(|| {
            let parsed = sources
                .iter()
                .enumerate()
                .map(|(index, s)| {
                    Parsed::new(s).map_err(|error| pimlint::tenant::api::RunError { index, error })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let inputs: Vec<_> = parsed.iter().map(Parsed::input).collect();
            pimlint::tenant::api::check(&inputs, &options)
        })
        .map_err(|e| api_error(py, &e.error, Some(e.index)))?;
    Ok(sources
        .iter()
        .zip(found)
        .map(|(source, found)| {
            let found = match source {
                Source::Serialized(_, from) => noted(found, from),
                _ => found,
            };
            found.into_iter().map(Diagnostic).collect()
        })
        .collect())
}
