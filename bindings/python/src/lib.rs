//! The native module of the `pimlint` Python package (`pimlint._pimlint`): conversions between
//! Python objects and the core's types, nothing more. The public API is re-exported by
//! `pimlint/__init__.py`; its types are in `pimlint/_pimlint.pyi`.

mod fix;

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Utc};
use pimlint::api::{self, ApiError, Located, LocatedVerdict};
use pimlint::config::ConfigError as CoreConfigError;
use pimlint::{DocumentKind, Options};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;
use serde_json::Value;

// Linting allocates and frees many small strings and maps per document; mimalloc does that
// faster than the system allocator and keeps per-thread caches for the workers. It serves
// this module's own allocations only: Python's objects keep Python's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod input;
mod objects;
mod requirements;
mod tenant;

use input::{LintSource, Parsed, Source, noted, to_json, type_name};

// ------------------------------------------------------------------ errors

fn error_class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("pimlint._errors")?.getattr(name)
}

fn input_error(
    py: Python<'_>,
    message: &str,
    pointer: Option<&str>,
    line_column: Option<(usize, usize)>,
    index: Option<usize>,
) -> PyErr {
    let raised = error_class(py, "InputError").and_then(|class| {
        class.call1((
            message,
            pointer,
            line_column.map(|(l, _)| l),
            line_column.map(|(_, c)| c),
            index,
        ))
    });
    match raised {
        Ok(value) => PyErr::from_value(value),
        Err(e) => e,
    }
}

fn api_error(py: Python<'_>, error: &ApiError, index: Option<usize>) -> PyErr {
    let message = match index {
        Some(i) => format!("docs[{i}]: {error}"),
        None => error.to_string(),
    };
    input_error(py, &message, error.pointer(), error.line_column(), index)
}

fn config_error(py: Python<'_>, error: &CoreConfigError) -> PyErr {
    let (path, line, column) = match error {
        CoreConfigError::Io { path, .. } => (Some(path.clone()), None, None),
        CoreConfigError::Invalid {
            path, line, column, ..
        } => (path.clone(), *line, *column),
        #[allow(unreachable_patterns, reason = "the core may grow variants")]
        _ => (None, None, None),
    };
    let raised = error_class(py, "ConfigError")
        .and_then(|class| class.call1((error.to_string(), path, line, column)));
    match raised {
        Ok(value) => PyErr::from_value(value),
        Err(e) => e,
    }
}

// ------------------------------------------------------------ JSON → Python

fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

fn serialized<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    to_py(py, &json)
}

// ------------------------------------------------------------ result classes

/// A string as Python's `repr` writes it (single quotes unless the text holds one).
fn quoted(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A secondary place of a finding.
#[pyclass(frozen, eq, module = "pimlint", get_all)]
#[derive(Debug, Clone, PartialEq, Eq)]
struct Label {
    /// JSON pointer into the input.
    pointer: String,
    /// What is there.
    message: String,
    /// 1-based line, when the input was text.
    line: Option<usize>,
    /// 1-based column, when the input was text.
    column: Option<usize>,
}

#[pymethods]
impl Label {
    fn __repr__(&self) -> String {
        format!(
            "Label(pointer={}, message={})",
            quoted(&self.pointer),
            quoted(&self.message)
        )
    }
}

/// One finding: what is wrong, where, and how to fix it.
#[pyclass(frozen, eq, module = "pimlint")]
#[derive(Debug, Clone, PartialEq, Eq)]
struct Diagnostic(Located);

#[pymethods]
impl Diagnostic {
    /// Stable code (`PIM102`).
    #[getter]
    const fn code(&self) -> &'static str {
        self.0.code
    }
    /// Kebab-case rule name (`activation-too-long`).
    #[getter]
    const fn rule(&self) -> &'static str {
        self.0.rule
    }
    /// `error`, `warning` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity.as_str()
    }
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }
    #[getter]
    fn pointer(&self) -> &str {
        &self.0.pointer
    }
    #[getter]
    const fn line(&self) -> Option<usize> {
        self.0.line
    }
    #[getter]
    const fn column(&self) -> Option<usize> {
        self.0.column
    }
    #[getter]
    const fn end_line(&self) -> Option<usize> {
        self.0.end_line
    }
    #[getter]
    const fn end_column(&self) -> Option<usize> {
        self.0.end_column
    }
    #[getter]
    fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// The fix, when the rule knows one: `{"applicability": "safe" | "unsafe", "message",
    /// "edits": [{"op", "path", "value"?}]}` (JSON Patch operations).
    #[getter]
    fn fix<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0.fix.as_ref().map(|f| serialized(py, f)).transpose()
    }
    /// Why the rule's fix is not made in this file (a converted input whose value is not a
    /// literal at one place of it), when it is not.
    #[getter]
    fn fix_not_applied(&self) -> Option<&str> {
        self.0.fix_not_applied.as_deref()
    }
    #[getter]
    fn labels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            self.0.labels.iter().map(|l| Label {
                pointer: l.pointer.clone(),
                message: l.message.clone(),
                line: l.line,
                column: l.column,
            }),
        )
    }

    /// The diagnostic as the CLI's `--format json` gives it (camelCase keys).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialized(py, &self.0)
    }

    fn __repr__(&self) -> String {
        let at = match (self.0.line, self.0.column) {
            (Some(l), Some(c)) => format!(", line={l}, column={c}"),
            _ => String::new(),
        };
        format!(
            "Diagnostic(code={}, severity={}, pointer={}{at}, message={})",
            quoted(self.0.code),
            quoted(self.0.severity.as_str()),
            quoted(&self.0.pointer),
            quoted(&self.0.message)
        )
    }

    fn __str__(&self) -> String {
        let at = match (self.0.line, self.0.column) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            _ if self.0.pointer.is_empty() => "/".to_owned(),
            _ => self.0.pointer.clone(),
        };
        format!(
            "{at}: {} {} [{}] {}",
            self.0.severity.as_str(),
            self.0.code,
            self.0.rule,
            self.0.message
        )
    }
}

/// Something the service will demand that cannot be checked offline.
#[pyclass(frozen, eq, module = "pimlint", get_all)]
#[derive(Debug, Clone, PartialEq, Eq)]
struct Requirement {
    /// The service's name for it (`MfaRule`, `EligibilityRule`, `ApprovalRule`, …).
    rule: &'static str,
    /// What exactly is needed.
    message: String,
}

#[pymethods]
impl Requirement {
    fn __repr__(&self) -> String {
        format!(
            "Requirement(rule={}, message={})",
            quoted(self.rule),
            quoted(&self.message)
        )
    }
}

/// What the PIM service will do with a schedule request.
#[pyclass(frozen, module = "pimlint")]
#[derive(Debug)]
struct Verdict(LocatedVerdict);

#[pymethods]
impl Verdict {
    /// `accepted`, `pending-approval`, `rejected`, or `unknown` (no policy given governs it).
    #[getter]
    fn verdict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialized(py, &self.0.verdict)
    }
    /// The service's names of the policy rules the request fails (`ExpirationRule`, …).
    #[getter]
    fn failed_rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.0.failed_rules)
    }
    #[getter]
    fn requirements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            self.0.requirements.iter().map(|r| Requirement {
                rule: r.rule,
                message: r.message.clone(),
            }),
        )
    }
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.0.diagnostics.iter().cloned().map(Diagnostic))
    }
    /// Whether the service would take the request (accepted, or pending approval).
    #[getter]
    fn ok(&self) -> bool {
        matches!(
            self.0.verdict,
            pimlint::validate::Outcome::Accepted | pimlint::validate::Outcome::PendingApproval
        )
    }

    /// The verdict as the CLI's `validate --format json` gives it, without the `request` key.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialized(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Verdict(verdict={}, failed_rules={}, diagnostics={})",
            self.verdict(py)?.repr()?,
            self.failed_rules(py)?.repr()?,
            self.0.diagnostics.len()
        ))
    }
}

/// A rule of the registry.
#[pyclass(frozen, module = "pimlint", get_all)]
#[derive(Debug, Clone)]
struct Rule {
    code: &'static str,
    name: &'static str,
    category: String,
    default_severity: &'static str,
    enabled_by_default: bool,
    summary: String,
}

#[pymethods]
impl Rule {
    fn __repr__(&self) -> String {
        format!(
            "Rule(code={}, name={})",
            quoted(self.code),
            quoted(self.name)
        )
    }
}

// ------------------------------------------------------------ configuration

/// Which rules run, at what severity, with which options: a `pimlint.toml`, or the
/// `[tool.pimlint]` table of a `pyproject.toml`.
#[pyclass(frozen, module = "pimlint")]
#[derive(Debug, Clone)]
struct Config(pimlint::config::Config);

#[pymethods]
impl Config {
    /// The default configuration (profile `recommended`).
    #[new]
    fn new() -> Self {
        Self(pimlint::config::Config::default())
    }

    /// Reads a configuration from TOML text; `pyproject=True` reads `[tool.pimlint]`.
    #[staticmethod]
    #[pyo3(signature = (text, *, pyproject = false))]
    fn from_toml(py: Python<'_>, text: &str, pyproject: bool) -> PyResult<Self> {
        pimlint::config::Config::from_toml(text, pyproject)
            .map(Self)
            .map_err(|e| config_error(py, &e))
    }

    /// Reads a configuration from a dict shaped like `pimlint.toml`.
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        if !data.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(format!(
                "expected a dict, found {}",
                type_name(data)
            )));
        }
        let value = to_json(data).map_err(|e| {
            let error = CoreConfigError::Invalid {
                path: None,
                line: None,
                column: None,
                message: format!("at {}: {}", e.pointer(), e.message),
            };
            config_error(py, &error)
        })?;
        pimlint::config::Config::from_value(value)
            .map(Self)
            .map_err(|e| config_error(py, &e))
    }

    /// Reads `pimlint.toml`, or `[tool.pimlint]` of a file named `pyproject.toml`.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let path: PathBuf = path.extract()?;
        pimlint::config::Config::from_path(&path)
            .map(Self)
            .map_err(|e| config_error(py, &e))
    }

    /// Looks for `pimlint.toml` or a `pyproject.toml` with `[tool.pimlint]` in `path` (or the
    /// folder of a file) and its parents, as the CLI does; `None` when there is none.
    #[staticmethod]
    fn discover(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Option<Self>> {
        let path: PathBuf = path.extract()?;
        pimlint::config::Config::discover(&path)
            .map(|c| c.map(Self))
            .map_err(|e| config_error(py, &e))
    }

    /// The file it was read from, if any.
    #[getter]
    fn source(&self) -> Option<String> {
        self.0.source.as_ref().map(|p| p.display().to_string())
    }

    /// The profile name.
    #[getter]
    fn profile(&self) -> &'static str {
        self.0.profile.as_str()
    }

    /// The effective configuration as TOML, as `pimlint config --show` prints it.
    fn show(&self) -> String {
        self.0.show()
    }

    fn __repr__(&self) -> String {
        match &self.0.source {
            Some(p) => format!(
                "Config(profile={}, source={})",
                quoted(self.0.profile.as_str()),
                quoted(&p.display().to_string())
            ),
            None => format!("Config(profile={})", quoted(self.0.profile.as_str())),
        }
    }
}

fn options(config: Option<&Config>, kind: Option<&str>) -> PyResult<Options> {
    let kind = kind
        .map(|k| {
            k.parse::<DocumentKind>()
                .map_err(pyo3::exceptions::PyValueError::new_err)
        })
        .transpose()?;
    Ok(Options {
        kind,
        schema: true,
        config: config.map(|c| c.0.clone()).unwrap_or_default(),
        format: None,
        parameters: None,
    })
}

/// Options with a forced input format (`terraform`, `arm-template`, `easypim`, `powershell`).
fn options_in(
    config: Option<&Config>,
    kind: Option<&str>,
    format_in: Option<&str>,
) -> PyResult<Options> {
    let format = format_in
        .map(|f| {
            f.parse::<pimlint::formats::Format>()
                .map_err(pyo3::exceptions::PyValueError::new_err)
        })
        .transpose()?;
    Ok(Options {
        format,
        ..options(config, kind)?
    })
}

// ------------------------------------------------------------ functions

/// Lints one input: a policy, policy assignment, schedule request, list response or array.
#[pyfunction]
#[pyo3(signature = (doc, config = None, *, kind = None, format_in = None))]
fn lint(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    config: Option<&Config>,
    kind: Option<&str>,
    format_in: Option<&str>,
) -> PyResult<Vec<Diagnostic>> {
    let options = options_in(config, kind, format_in)?;
    let source = LintSource::extract(py, doc, None)?;
    let found = py
        .detach(|| source.lint(&options))
        .map_err(|e| api_error(py, &e, None))?;
    Ok(found.into_iter().map(Diagnostic).collect())
}

/// Lints many inputs on all cores, without holding the GIL; results in input order.
#[pyfunction]
#[pyo3(signature = (docs, config = None, *, kind = None, format_in = None))]
fn lint_many<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    config: Option<&Config>,
    kind: Option<&str>,
    format_in: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options_in(config, kind, format_in)?;
    if docs.is_instance_of::<PyString>()
        || docs.is_instance_of::<PyBytes>()
        || docs.is_instance_of::<PyDict>()
    {
        return Err(PyTypeError::new_err(
            "lint_many takes an iterable of documents; use lint() for one document",
        ));
    }
    // A chunk at a time: the documents read from Python objects are held only while their
    // chunk is linted, so memory stays flat however many documents the iterable yields. The
    // next chunk is read from Python (which needs the GIL) while the cores lint this one.
    let options = std::sync::Arc::new(options);
    let mut documents = docs.try_iter()?.enumerate();
    let mut out: Vec<Vec<Diagnostic>> = Vec::new();
    let mut linting: Option<std::sync::mpsc::Receiver<ChunkResults>> = None;
    loop {
        let mut chunk = Vec::with_capacity(LINT_MANY_CHUNK);
        let mut failure = None;
        for (i, doc) in documents.by_ref() {
            match doc.and_then(|doc| LintSource::extract(py, &doc, Some(i))) {
                Ok(source) => chunk.push(source),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
            if chunk.len() == LINT_MANY_CHUNK {
                break;
            }
        }
        // The chunk before this one comes first: its errors name earlier documents.
        if let Some(results) = linting.take() {
            let results = py.detach(move || results.recv()).map_err(|_| {
                pyo3::exceptions::PyRuntimeError::new_err(
                    "lint_many: linting a chunk of documents stopped without a result",
                )
            })?;
            for r in results {
                let index = out.len();
                let found = r.map_err(|e| api_error(py, &e, Some(index)))?;
                out.push(found.into_iter().map(Diagnostic).collect());
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
        if chunk.is_empty() {
            return without_collections(py, || out.into_pyobject(py));
        }
        let (send, receive) = std::sync::mpsc::sync_channel(1);
        let options = std::sync::Arc::clone(&options);
        rayon::spawn(move || {
            let results = chunk.into_par_iter().map(|s| s.lint(&options)).collect();
            // Every chunk started is awaited before `lint_many` returns.
            let _ = send.send(results);
        });
        linting = Some(receive);
    }
}

/// Runs `build` with Python's cyclic garbage collector paused, then leaves it on or off as it
/// was: for building results, whose objects hold no cycles. Each finding is an object the
/// collector tracks, so building tens of thousands of them would otherwise run it again and
/// again through the caller's own objects (a whole export read into dicts), with nothing to
/// collect.
fn without_collections<T>(py: Python<'_>, build: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    let gc = py.import("gc")?;
    let enabled = gc.call_method0("isenabled")?.is_truthy()?;
    if enabled {
        gc.call_method0("disable")?;
    }
    let results = build();
    if enabled {
        gc.call_method0("enable")?;
    }
    results
}

/// What linting one chunk of `lint_many` gives, document by document.
type ChunkResults = Vec<Result<Vec<Located>, ApiError>>;

/// How many documents `lint_many` reads from Python before it lints them on all cores.
const LINT_MANY_CHUNK: usize = 256;

fn parse_now(py: Python<'_>, now: Option<&Bound<'_, PyAny>>) -> PyResult<DateTime<FixedOffset>> {
    let Some(now) = now else {
        return Ok(Utc::now().fixed_offset());
    };
    let text: String = if now.is_instance_of::<PyString>() {
        now.extract()?
    } else if now.hasattr("isoformat")? && now.hasattr("tzinfo")? {
        if now.getattr("tzinfo")?.is_none() {
            return Err(input_error(
                py,
                "now must be timezone-aware (datetime.now(timezone.utc)), not a naive datetime",
                None,
                None,
                None,
            ));
        }
        now.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "now must be a datetime or an RFC 3339 string, found {}",
            type_name(now)
        )));
    };
    DateTime::parse_from_rfc3339(&text).map_err(|e| {
        input_error(
            py,
            &format!("now: {text:?} is not an RFC 3339 date and time with a time zone ({e})"),
            None,
            None,
            None,
        )
    })
}

/// Predicts what the PIM service does with `request` under the policy that governs it, found
/// in `policy` (a policy, policy assignment, list response or array of them).
#[pyfunction]
#[pyo3(signature = (request, policy, now = None, *, scope = None, updates = None, tenant = None))]
fn validate(
    py: Python<'_>,
    request: &Bound<'_, PyAny>,
    policy: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    scope: Option<&str>,
    updates: Option<Vec<Bound<'_, PyAny>>>,
    tenant: Option<Vec<Bound<'_, PyAny>>>,
) -> PyResult<Verdict> {
    let now = parse_now(py, now)?;
    let request = Source::extract(py, request, None)?;
    let policy = Source::extract(py, policy, None)?;
    let updates = updates
        .unwrap_or_default()
        .iter()
        .map(|u| Source::extract(py, u, None))
        .collect::<PyResult<Vec<_>>>()?;
    let tenant = tenant
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, t)| Source::extract(py, t, Some(i)))
        .collect::<PyResult<Vec<_>>>()?;
    let request_source = match &request {
        Source::Serialized(_, source) => Some(source.clone()),
        _ => None,
    };
    let verdict = py
        .detach(|| {
            let request = Parsed::new(&request)?;
            let policy = Parsed::new(&policy)?;
            let updates = updates
                .iter()
                .map(Parsed::new)
                .collect::<Result<Vec<_>, _>>()?;
            let update_inputs: Vec<_> = updates.iter().map(Parsed::input).collect();
            let tenant = tenant
                .iter()
                .map(Parsed::new)
                .collect::<Result<Vec<_>, _>>()?;
            let tenant_inputs: Vec<_> = tenant.iter().map(Parsed::input).collect();
            api::validate_in_tenant(
                request.input(),
                &[policy.input()],
                &update_inputs,
                &tenant_inputs,
                scope,
                now,
            )
        })
        .map_err(|e| api_error(py, &e, None))?;
    let mut verdict = verdict;
    if let Some(source) = request_source {
        verdict.diagnostics = noted(verdict.diagnostics, &source);
    }
    Ok(Verdict(verdict))
}

/// Every rule, in code order.
#[pyfunction]
fn rules() -> Vec<Rule> {
    api::rules()
        .into_iter()
        .map(|r| Rule {
            code: r.code,
            name: r.name,
            category: serde_json::to_value(r.category)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            default_severity: r.default_severity.as_str(),
            enabled_by_default: r.enabled_by_default,
            summary: r.summary,
        })
        .collect()
}

/// The documentation of a rule (Markdown), by code or name.
#[pyfunction]
fn explain(code: &str) -> PyResult<String> {
    api::explain(code).ok_or_else(|| {
        let hint = api::suggest_rule(code)
            .map(|n| format!("; did you mean {n}?"))
            .unwrap_or_default();
        pyo3::exceptions::PyKeyError::new_err(format!("unknown rule {code:?}{hint}"))
    })
}

/// The iteration-3 calls that replace a document of PIM's older APIs (iteration 1 or 2), as
/// plain data: one dict per legacy document with `calls` and `notCarried`.
#[pyfunction]
fn migrate<'py>(py: Python<'py>, doc: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let source = Source::extract(py, doc, None)?;
    let migrated = py
        .detach(|| {
            let parsed = Parsed::new(&source)?;
            api::migrate(parsed.input())
        })
        .map_err(|e| api_error(py, &e, None))?;
    to_py(py, &serde_json::to_value(migrated).unwrap_or_default())
}

#[pymodule]
fn _pimlint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", pimlint::VERSION)?;
    m.add_class::<Diagnostic>()?;
    m.add_class::<Label>()?;
    m.add_class::<Verdict>()?;
    m.add_class::<Requirement>()?;
    m.add_class::<Rule>()?;
    m.add_class::<Config>()?;
    m.add_function(wrap_pyfunction!(lint, m)?)?;
    m.add_function(wrap_pyfunction!(lint_many, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(migrate, m)?)?;
    m.add_function(wrap_pyfunction!(requirements::requirements, m)?)?;
    m.add_function(wrap_pyfunction!(requirements::policies, m)?)?;
    m.add_function(wrap_pyfunction!(requirements::principals, m)?)?;
    m.add_function(wrap_pyfunction!(fix::fix, m)?)?;
    m.add_function(wrap_pyfunction!(tenant::check_tenant, m)?)?;
    Ok(())
}
