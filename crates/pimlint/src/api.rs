//! One-call entry points for embedding: lint a document, or validate a request against its
//! policies, and get findings located in the input, in the shape of the CLI's JSON contract.
//!
//! The Python and WebAssembly packages are thin conversions over this module, so the three
//! front ends give the same answers in the same shape.
//!
//! ```
//! use pimlint::api;
//! let text = r#"{"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "rules": []}"#;
//! let found = api::lint_text(text, &pimlint::Options::default()).unwrap();
//! assert_eq!(found[0].code, "PIM001");
//! assert_eq!((found[0].line, found[0].column), (Some(1), Some(74)));
//! ```

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::locate::Locator;
use crate::model::Document;
use crate::validate::{Outcome, PolicyIndex, Requirement, ValidateOptions, validate_report};
use crate::{DocumentReport, InputError, Options, check_value, parse_json};

/// A finding with its place in the input: the CLI's JSON diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Located {
    /// Stable code (`PIM001`).
    pub code: &'static str,
    /// Kebab-case rule name.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// JSON pointer into the input.
    pub pointer: String,
    /// 1-based line of the value, when the input was text.
    pub line: Option<usize>,
    /// 1-based column (in characters), when the input was text.
    pub column: Option<usize>,
    /// Line where the value ends.
    pub end_line: Option<usize>,
    /// Column where the value ends.
    pub end_column: Option<usize>,
    /// What to change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Extra context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Other places that matter.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<LocatedLabel>,
    /// Edits that resolve the finding (JSON Patch operations), when a rule knows them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<crate::fix::Fix>,
    /// Why the rule's fix is not made in this file, when the input is converted and the
    /// value is not a literal at one place of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix_not_applied: Option<String>,
}

/// A secondary place of a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocatedLabel {
    /// JSON pointer into the input.
    pub pointer: String,
    /// What is there.
    pub message: String,
    /// 1-based line, when the input was text.
    pub line: Option<usize>,
    /// 1-based column, when the input was text.
    pub column: Option<usize>,
}

impl Located {
    /// Places `diagnostic` in the text `locator` reads, when there is one.
    #[must_use]
    pub fn new(diagnostic: &Diagnostic, locator: Option<&Locator<'_>>) -> Self {
        let span = locator.and_then(|l| {
            let found = l.locate(&diagnostic.pointer)?;
            Some((l.line_col(found.span.start), l.line_col(found.span.end)))
        });
        Self {
            code: diagnostic.code,
            rule: diagnostic.rule,
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            pointer: diagnostic.pointer.to_string(),
            line: span.map(|(s, _)| s.line),
            column: span.map(|(s, _)| s.column),
            end_line: span.map(|(_, e)| e.line),
            end_column: span.map(|(_, e)| e.column),
            help: diagnostic.help.clone(),
            note: diagnostic.note.clone(),
            labels: diagnostic
                .labels
                .iter()
                .map(|label| {
                    let at = locator
                        .and_then(|l| l.locate(&label.pointer).map(|f| l.line_col(f.span.start)));
                    LocatedLabel {
                        pointer: label.pointer.to_string(),
                        message: label.message.clone(),
                        line: at.map(|a| a.line),
                        column: at.map(|a| a.column),
                    }
                })
                .collect(),
            fix: diagnostic.fix.clone(),
            fix_not_applied: diagnostic.fix_not_applied.clone(),
        }
    }
}

impl Located {
    /// [`Self::new`] for every finding of a document, locating them all in one scan of the
    /// text (when there is one) instead of one scan per finding.
    #[must_use]
    pub fn all(diagnostics: &[Diagnostic], locator: Option<&Locator<'_>>) -> Vec<Self> {
        Self::all_in(diagnostics, locator, &[])
    }

    /// [`Self::all`] for a document whose rule lists `lists` are each written once
    /// ([`DocumentReport::lists`]): the scan stops once the last finding is placed
    /// ([`Locator::locate_many_in`]).
    #[must_use]
    pub fn all_in(
        diagnostics: &[Diagnostic],
        locator: Option<&Locator<'_>>,
        lists: &[crate::locate::ListAt],
    ) -> Vec<Self> {
        let Some(locator) = locator else {
            return diagnostics.iter().map(|d| Self::new(d, None)).collect();
        };
        let pointers: Vec<&crate::Pointer> = diagnostics
            .iter()
            .flat_map(|d| std::iter::once(&d.pointer).chain(d.labels.iter().map(|l| &l.pointer)))
            .collect();
        let found = locator.locate_many_in(&pointers, lists);
        // Per pointer: the offsets of its start and (for a finding) its end.
        let mut offsets = Vec::with_capacity(found.len() * 2);
        let mut at = 0;
        for d in diagnostics {
            let span = found[at].map(|f| f.span);
            offsets.push(span.map_or(0, |s| s.start));
            offsets.push(span.map_or(0, |s| s.end));
            at += 1;
            for _ in &d.labels {
                offsets.push(found[at].map_or(0, |f| f.span.start));
                at += 1;
            }
        }
        let places = locator.line_cols(&offsets);
        let (mut at, mut place) = (0, 0);
        diagnostics
            .iter()
            .map(|d| {
                let start = found[at].map(|_| places[place]);
                let end = found[at].map(|_| places[place + 1]);
                at += 1;
                place += 2;
                let labels = d
                    .labels
                    .iter()
                    .map(|label| {
                        let start = found[at].map(|_| places[place]);
                        at += 1;
                        place += 1;
                        LocatedLabel {
                            pointer: label.pointer.to_string(),
                            message: label.message.clone(),
                            line: start.map(|s| s.line),
                            column: start.map(|s| s.column),
                        }
                    })
                    .collect();
                Self {
                    code: d.code,
                    rule: d.rule,
                    severity: d.severity,
                    message: d.message.clone(),
                    pointer: d.pointer.to_string(),
                    line: start.map(|s| s.line),
                    column: start.map(|s| s.column),
                    end_line: end.map(|e| e.line),
                    end_column: end.map(|e| e.column),
                    help: d.help.clone(),
                    note: d.note.clone(),
                    labels,
                    fix: d.fix.clone(),
                    fix_not_applied: d.fix_not_applied.clone(),
                }
            })
            .collect()
    }
}

/// Why a front end could not lint or validate its input: bad JSON, or a document that cannot
/// be read as any PIM document. Findings are never errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The input is not JSON.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A document of the input cannot be checked (unknown kind, not an object, not a request).
    #[error("{}{message}", at(pointer, *line, *column))]
    Document {
        /// Where the document is (`""` for the whole input).
        pointer: String,
        /// What is wrong.
        message: String,
        /// 1-based line, when the input was text.
        line: Option<usize>,
        /// 1-based column, when the input was text.
        column: Option<usize>,
    },
}

fn at(pointer: &str, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{l}:{c}: "),
        _ if pointer.is_empty() => String::new(),
        _ => format!("at {pointer}: "),
    }
}

impl ApiError {
    /// The JSON pointer of the fault, when it is inside a parsed document.
    #[must_use]
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Self::Document { pointer, .. } => Some(pointer),
            Self::Input(_) => None,
        }
    }

    /// 1-based line and column of the fault, when the input was text.
    #[must_use]
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self {
            Self::Document { line, column, .. } => line.zip(*column),
            Self::Input(InputError::Json { line, column, .. }) => Some((*line, *column)),
            Self::Input(_) => None,
        }
    }

    fn document(report: &DocumentReport, message: String, locator: Option<&Locator<'_>>) -> Self {
        let place = locator.and_then(|l| {
            l.locate(&report.pointer)
                .map(|found| l.line_col(found.span.start))
        });
        Self::Document {
            pointer: report.pointer.to_string(),
            message,
            line: place.map(|p| p.line),
            column: place.map(|p| p.column),
        }
    }
}

/// Parsed input, with its text when it came as text (then findings carry line and column).
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The parsed JSON.
    pub value: &'a Value,
    /// The text it was parsed from, if any.
    pub text: Option<&'a str>,
}

impl<'a> Input<'a> {
    /// Input given as an already parsed value: findings have pointers but no line or column.
    #[must_use]
    pub const fn value(value: &'a Value) -> Self {
        Self { value, text: None }
    }
}

pub(crate) fn checked(
    input: Input<'_>,
    options: &Options,
) -> Result<Vec<DocumentReport>, ApiError> {
    readable(check_value(input.value, options), input.text)
}

/// The reports, or the error of the first document that could not be read (located in
/// `text`, when given).
fn readable(
    reports: Vec<DocumentReport>,
    text: Option<&str>,
) -> Result<Vec<DocumentReport>, ApiError> {
    let locator = text.map(Locator::new);
    if let Some(report) = reports.iter().find(|r| r.error.is_some()) {
        let message = report.error.clone().unwrap_or_default();
        return Err(ApiError::document(report, message, locator.as_ref()));
    }
    Ok(reports)
}

/// Lints every document of `input` (a policy, policy assignment, request, list response or
/// array of them). Any document that cannot be read as a PIM document is an error, so nothing
/// is silently skipped.
pub fn lint(input: Input<'_>, options: &Options) -> Result<Vec<Located>, ApiError> {
    let reports = checked(input, options)?;
    Ok(findings(reports, input.text))
}

/// The findings of `reports`, located in `text` when given, in order.
fn findings(reports: Vec<DocumentReport>, text: Option<&str>) -> Vec<Located> {
    let locator = text.map(Locator::new);
    let mut lists = Vec::new();
    let mut diagnostics = Vec::new();
    for report in reports {
        lists.extend(report.lists);
        diagnostics.extend(report.diagnostics);
    }
    let mut found = Located::all_in(&diagnostics, locator.as_ref(), &lists);
    by_position(&mut found);
    found
}

/// Orders findings located in text by where they are, as the CLI prints them; findings
/// without a place keep the order they were found in.
pub(crate) fn by_position(found: &mut [Located]) {
    if found.iter().all(|d| d.line.is_some()) {
        found.sort_by_key(|d| (d.line, d.column, d.code));
    }
}

/// Parses `text` and lints it: findings carry line and column.
pub fn lint_text(text: &str, options: &Options) -> Result<Vec<Located>, ApiError> {
    lint_str(text, true, options)
}

/// Parses `text` and lints it, reading a policy's rules straight from the text
/// ([`crate::check_str`]). `located`: findings carry line and column (the text is what the
/// user wrote, not a serialization of an object).
pub fn lint_str(text: &str, located: bool, options: &Options) -> Result<Vec<Located>, ApiError> {
    let shown = located.then_some(text);
    let reports = readable(crate::check_str(text, options)?, shown)?;
    Ok(findings(reports, shown))
}

/// Lints a document read by [`crate::source::skeleton::read_from`] from another source than
/// text, such as the objects of a language binding ([`crate::check_read`]): the findings of
/// [`lint`] on the document read whole, without line and column.
pub fn lint_read(
    skeleton: serde_json::Value,
    rules: crate::source::skeleton::ReadRules,
    options: &Options,
) -> Result<Vec<Located>, ApiError> {
    let reports = readable(crate::check_read(skeleton, rules, options), None)?;
    Ok(findings(reports, None))
}

/// The prediction for a request, with its findings located in the request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocatedVerdict {
    /// `accepted`, `pending-approval` or `rejected`.
    pub verdict: Outcome,
    /// The service's names of the policy rules the request fails.
    pub failed_rules: Vec<&'static str>,
    /// What the service will demand that cannot be checked offline.
    pub requirements: Vec<Requirement>,
    /// Findings, pointing into the request.
    pub diagnostics: Vec<Located>,
}

/// Validates the schedule request in `request` against the policy that governs it, found
/// among `policies` (policies, policy assignments, list responses, a whole export), at `now`.
/// `scope` gives an ARM request's scope when its body does not carry it. `updates` (single
/// rules, lists of rules, partial policy bodies) are applied first to the one policy given, so
/// the request is judged against the policy as a `PATCH` will leave it.
pub fn validate(
    request: Input<'_>,
    policies: &[Input<'_>],
    updates: &[Input<'_>],
    scope: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<LocatedVerdict, ApiError> {
    validate_in_tenant(request, policies, updates, &[], scope, now)
}

/// [`validate`], also judging the request against the tenant's schedules and instances in
/// `tenant` (and in `policies`): eligibility (`PIM517`...) becomes a verdict.
pub fn validate_in_tenant(
    request: Input<'_>,
    policies: &[Input<'_>],
    updates: &[Input<'_>],
    tenant: &[Input<'_>],
    scope: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<LocatedVerdict, ApiError> {
    let options = Options::default();
    let requests = checked(request, &options)?;
    let policy_reports = policies
        .iter()
        .map(|p| checked(*p, &options))
        .collect::<Result<Vec<_>, _>>()?;
    let patched = if updates.is_empty() {
        None
    } else {
        let update_reports = updates
            .iter()
            .map(|u| checked(*u, &options))
            .collect::<Result<Vec<_>, _>>()?;
        let documents = |reports: &'_ [Vec<DocumentReport>]| -> Vec<Document> {
            reports
                .iter()
                .flatten()
                .filter_map(|r| r.document.clone())
                .collect()
        };
        let (policy_docs, update_docs) = (documents(&policy_reports), documents(&update_reports));
        let policy =
            crate::validate::apply_updates(&policy_docs, &update_docs).map_err(|message| {
                ApiError::Document {
                    pointer: String::new(),
                    message,
                    line: None,
                    column: None,
                }
            })?;
        Some(Document::Policy(policy))
    };
    let index = PolicyIndex::new(
        policy_reports
            .iter()
            .enumerate()
            .flat_map(|(i, reports)| {
                reports
                    .iter()
                    .filter_map(move |r| r.document.as_ref().map(|d| (d, i)))
            })
            .map(|(d, i)| match (d, &patched) {
                (Document::Policy(_), Some(patched)) => (patched, i),
                _ => (d, i),
            }),
    );
    let locator = request.text.map(Locator::new);
    let report = match requests.as_slice() {
        [one] => one,
        [] => {
            return Err(ApiError::Document {
                pointer: String::new(),
                message: "the request input holds no document".to_owned(),
                line: None,
                column: None,
            });
        }
        [_, second, ..] => {
            return Err(ApiError::document(
                second,
                format!(
                    "the request input holds {} documents; validate one schedule request at a time",
                    requests.len()
                ),
                locator.as_ref(),
            ));
        }
    };
    let validate_options = ValidateOptions { now };
    let Some(mut verdict) = validate_report(report, &index, scope, &validate_options) else {
        let what = match &report.document {
            Some(Document::PolicyAssignment(_)) => "a policy assignment",
            _ => "a policy",
        };
        return Err(ApiError::document(
            report,
            format!("expected a schedule request, found {what}"),
            locator.as_ref(),
        ));
    };
    if let Some(Document::Request(request)) = &report.document {
        let tenant_reports = tenant
            .iter()
            .map(|t| checked(*t, &options))
            .collect::<Result<Vec<_>, _>>()?;
        let mut view = crate::tenant::Tenant::new();
        for (i, reports) in policy_reports.iter().chain(&tenant_reports).enumerate() {
            view.add_reports(i, reports);
        }
        crate::tenant::verdict::judge(request, &view, &validate_options, &mut verdict);
    }
    let mut diagnostics = Located::all(&verdict.diagnostics, locator.as_ref());
    by_position(&mut diagnostics);
    Ok(LocatedVerdict {
        verdict: verdict.verdict,
        failed_rules: verdict.failed_rules,
        requirements: verdict.requirements,
        diagnostics,
    })
}

/// A rule of the registry, as `pimlint rules --format json` lists it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    /// Stable code.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// Family (`structure`, `activation`, `approval`, …).
    pub category: crate::rules::Category,
    /// Severity before configuration.
    pub default_severity: Severity,
    /// Whether the default configuration runs it.
    pub enabled_by_default: bool,
    /// One sentence: what it flags.
    pub summary: String,
}

/// Every rule, in code order.
#[must_use]
pub fn rules() -> Vec<RuleInfo> {
    let defaults = crate::config::Config::default();
    crate::rules::REGISTRY
        .iter()
        .map(|r| RuleInfo {
            code: r.meta.code,
            name: r.meta.name,
            category: r.meta.category,
            default_severity: r.meta.default_severity,
            enabled_by_default: defaults.is_enabled(r.meta),
            summary: r.meta.summary(),
        })
        .collect()
}

/// The full documentation of a rule (Markdown), by code (`PIM102`) or name
/// (`activation-too-long`); `None` when there is no such rule.
#[must_use]
pub fn explain(code_or_name: &str) -> Option<String> {
    crate::rules::lookup(code_or_name).map(|r| {
        format!(
            "# {} {}\n\nDefault severity: {}\n\n{}",
            r.meta.code,
            r.meta.name,
            r.meta.default_severity,
            r.meta.markdown()
        )
    })
}

/// The nearest rule code or name to a misspelt one, for "did you mean" messages.
#[must_use]
pub fn suggest_rule(code_or_name: &str) -> Option<&'static str> {
    let candidates = crate::rules::REGISTRY
        .iter()
        .flat_map(|r| [r.meta.code, r.meta.name]);
    crate::suggest::nearest(code_or_name, candidates)
}

/// Converts the documents of PIM's older APIs (iteration 1 and 2) in `input` to the
/// iteration-3 calls that replace them: Graph rule `PATCH` bodies for Entra roles, the ARM
/// policy `PATCH` body for Azure resources, a schedule request for an assignment request;
/// each with what has no counterpart. Input that holds no legacy document is an error.
pub fn migrate(input: Input<'_>) -> Result<Vec<crate::legacy::Migrated>, ApiError> {
    let locator = input.text.map(Locator::new);
    let located = |pointer: &crate::Pointer, message: String| {
        let place = locator
            .as_ref()
            .and_then(|l| l.locate(pointer).map(|f| l.line_col(f.span.start)));
        ApiError::Document {
            pointer: pointer.to_string(),
            message,
            line: place.map(|p| p.line),
            column: place.map(|p| p.column),
        }
    };
    match crate::legacy::convert(input.value) {
        Some(Ok(converted)) => Ok(crate::legacy::migration(&converted)),
        Some(Err(e)) => Err(located(&e.pointer, e.message)),
        None => Err(located(
            &crate::Pointer::root(),
            "not a document of PIM's older APIs (iteration 1 privilegedRoleSettings or \
             iteration 2 governanceRoleSetting / governanceRoleAssignmentRequest); nothing to \
             migrate"
                .to_owned(),
        )),
    }
}

/// Parses `text` and migrates it; errors carry line and column.
pub fn migrate_text(text: &str) -> Result<Vec<crate::legacy::Migrated>, ApiError> {
    let value = parse_json(text)?;
    migrate(Input {
        value: &value,
        text: Some(text),
    })
}

/// What a request of `kind` must carry under the policy of `input` that `select` picks (by
/// role and scope, or pointer; nothing when the input holds one policy): the maximum duration,
/// justification, ticket, MFA, authentication context, approval and notifications, each with
/// the pointer of the policy member it comes from. See [`crate::requirements`].
pub fn requirements(
    input: Input<'_>,
    kind: crate::requirements::RequestKindName,
    select: crate::requirements::Selector<'_>,
) -> Result<crate::requirements::Requirements, ApiError> {
    crate::requirements::from_input(input, kind, select)
}

/// Every policy of `input` with the role and scope it governs, for a role picker.
pub fn policies(input: Input<'_>) -> Result<Vec<crate::requirements::Governed>, ApiError> {
    crate::requirements::list(input)
}

/// The principal [`requirements_for`] judges, and the tenant export it is judged from.
#[derive(Debug, Clone, Copy)]
pub struct ForPrincipal<'a> {
    /// The principal's object id.
    pub id: &'a str,
    /// The tenant's schedules and instances (an export: list responses, files of one).
    pub tenant: &'a [Input<'a>],
    /// The time to judge at (the clock is never read).
    pub now: DateTime<FixedOffset>,
}

/// Reads the tenant inputs into the tenant view; an input that cannot be read is an error
/// that says which.
fn tenant_view(tenant: &[Input<'_>]) -> Result<crate::tenant::Tenant, ApiError> {
    let options = Options::default();
    let mut view = crate::tenant::Tenant::new();
    for (i, input) in tenant.iter().enumerate() {
        let reports = checked(*input, &options).map_err(|e| match e {
            ApiError::Document {
                pointer,
                message,
                line,
                column,
            } => ApiError::Document {
                pointer,
                message: format!("tenant input {i}: {message}"),
                line,
                column,
            },
            ApiError::Input(e) => ApiError::Document {
                pointer: String::new(),
                message: format!("tenant input {i}: {e}"),
                line: None,
                column: None,
            },
        })?;
        view.add_reports(i, &reports);
    }
    Ok(view)
}

/// [`requirements`] for one principal: with `eligibility` saying whether it is eligible for
/// the role at the scope (directly or through a group), until when, whether the role is
/// already active, and the longest activation it can ask for now. Places in the tenant are
/// the index of the tenant input and a pointer into it.
pub fn requirements_for(
    input: Input<'_>,
    kind: crate::requirements::RequestKindName,
    select: crate::requirements::Selector<'_>,
    principal: ForPrincipal<'_>,
) -> Result<crate::requirements::Requirements, ApiError> {
    let view = tenant_view(principal.tenant)?;
    let mut needs = crate::requirements::from_input(input, kind, select)?;
    needs.eligibility = Some(crate::requirements::eligibility(
        &view,
        &needs,
        principal.id,
        principal.now,
    ));
    Ok(needs)
}

/// Every principal the tenant inputs show holding a role or a group membership (groups
/// left out), for a requester picker.
pub fn principals(tenant: &[Input<'_>]) -> Result<Vec<crate::requirements::Principal>, ApiError> {
    Ok(crate::requirements::principals(&tenant_view(tenant)?))
}
