//! `requirements()` and `policies()`: what a request must carry under a policy, as plain data.

use pimlint::api;
use pimlint::requirements::{RequestKindName, Selector};
use pyo3::prelude::*;

use super::{Parsed, Source, api_error, parse_now, serialized};

/// The tenant inputs, each extracted with its index (for errors).
fn tenant_sources(py: Python<'_>, tenant: Vec<Bound<'_, PyAny>>) -> PyResult<Vec<Source>> {
    tenant
        .into_iter()
        .enumerate()
        .map(|(i, t)| Source::extract(py, &t, Some(i)))
        .collect()
}

/// What a request of `kind` must carry under the policy in `policy` that governs `role` at
/// `scope` (or the one at `policy_at`): a dict in the shape of
/// `pimlint requirements --format json`. With `tenant` (the schedules and instances of an
/// export) and `principal`, also the principal's `eligibility` at `now`.
#[pyfunction]
#[pyo3(signature = (policy, kind, *, role = None, scope = None, policy_at = None, tenant = None, principal = None, now = None))]
#[allow(
    clippy::too_many_arguments,
    reason = "the Python signature: keyword arguments"
)]
pub fn requirements<'py>(
    py: Python<'py>,
    policy: &Bound<'py, PyAny>,
    kind: &str,
    role: Option<&str>,
    scope: Option<&str>,
    policy_at: Option<&str>,
    tenant: Option<Vec<Bound<'py, PyAny>>>,
    principal: Option<&str>,
    now: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    if tenant.is_some() != principal.is_some() {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "tenant and principal go together: the principal's eligibility is read from the tenant's schedules",
        ));
    }
    let kind: RequestKindName = kind
        .parse()
        .map_err(|e: pimlint::requirements::UnknownKind| {
            pyo3::exceptions::PyValueError::new_err(e.to_string())
        })?;
    let now = parse_now(py, now)?;
    let source = Source::extract(py, policy, None)?;
    let tenant = tenant_sources(py, tenant.unwrap_or_default())?;
    let found = py
        .detach(|| {
            let parsed = Parsed::new(&source)?;
            let select = Selector {
                role,
                scope,
                policy: policy_at,
            };
            let Some(id) = principal else {
                return api::requirements(parsed.input(), kind, select);
            };
            let tenant = tenant
                .iter()
                .map(Parsed::new)
                .collect::<Result<Vec<_>, _>>()?;
            let inputs: Vec<_> = tenant.iter().map(Parsed::input).collect();
            api::requirements_for(
                parsed.input(),
                kind,
                select,
                api::ForPrincipal {
                    id,
                    tenant: &inputs,
                    now,
                },
            )
        })
        .map_err(|e| api_error(py, &e, None))?;
    serialized(py, &found)
}

/// Every principal the tenant inputs show holding a role or a group membership (groups left
/// out): a list of dicts with `id`, `name`, `signIn` and `kind`.
#[pyfunction]
pub fn principals<'py>(
    py: Python<'py>,
    tenant: Vec<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let tenant = tenant_sources(py, tenant)?;
    let found = py
        .detach(|| {
            let tenant = tenant
                .iter()
                .map(Parsed::new)
                .collect::<Result<Vec<_>, _>>()?;
            let inputs: Vec<_> = tenant.iter().map(Parsed::input).collect();
            api::principals(&inputs)
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
