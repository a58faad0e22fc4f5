//! `requirements()` and `policies()`: what a request must carry under a policy, as plain data.

use pimlint::api;
use pimlint::requirements::{RequestKindName, Selector};
use pyo3::prelude::*;

use super::{Parsed, Source, api_error, serialized};

/// What a request of `kind` must carry under the policy in `policy` that governs `role` at
/// `scope` (or the one at `policy_at`): a dict in the shape of
/// `pimlint requirements --format json`.
#[pyfunction]
#[pyo3(signature = (policy, kind, *, role = None, scope = None, policy_at = None))]
pub fn requirements<'py>(
    py: Python<'py>,
    policy: &Bound<'py, PyAny>,
    kind: &str,
    role: Option<&str>,
    scope: Option<&str>,
    policy_at: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let kind: RequestKindName = kind
        .parse()
        .map_err(|e: pimlint::requirements::UnknownKind| {
            pyo3::exceptions::PyValueError::new_err(e.to_string())
        })?;
    let source = Source::extract(py, policy, None)?;
    let found = py
        .detach(|| {
            let parsed = Parsed::new(&source)?;
            api::requirements(
                parsed.input(),
                kind,
                Selector {
                    role,
                    scope,
                    policy: policy_at,
                },
            )
        })
        .map_err(|e| api_error(py, &e, None))?;
    serialized(py, &found)
}

/// Every policy in `source` with the role and scope it governs: a list of dicts with
/// `pointer`, `provider`, `policyId`, `role` and `scope`.
#[pyfunction]
pub fn policies<'py>(py: Python<'py>, source: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let source = Source::extract(py, source, None)?;
    let found = py
        .detach(|| {
            let parsed = Parsed::new(&source)?;
            api::policies(parsed.input())
        })
        .map_err(|e| api_error(py, &e, None))?;
    serialized(py, &found)
}
