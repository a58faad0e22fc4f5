//! `pimlint validate`: predict what the PIM service does with schedule requests.

use std::fmt::Write as _;
use std::io::IsTerminal as _;

use chrono::{DateTime, FixedOffset};
use clap::Args;
use pimlint::validate::{Outcome as Verdict, PolicyIndex, ValidateOptions, validate_report};
use pimlint::{Document, DocumentKind, Locator, Options, Pointer};
use serde::Serialize;

use crate::check::DiscoveryArgs;
use crate::check::{ColorChoice, FileOutcome, OutputFormat, check_source, parse_kind};
use crate::formats;
use crate::inputs::Expanded;
use crate::output::{self, JsonDiagnostic, Renderer, json_diagnostic, plural, snippet};
use crate::{Outcome, emit};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Policy documents to judge against: policies, policy assignments (expanded or with their
    /// policies), list responses or whole exports; files or directories. Repeat for several.
    #[arg(long = "policy", value_name = "FILE|DIR", required = true)]
    policies: Vec<String>,

    /// Rule updates to apply to the policy before judging: a `PATCH …/rules/{id}` body (one
    /// rule), a list of rules, or a partial policy body. Needs exactly one policy in --policy.
    #[arg(long = "patch", value_name = "FILE")]
    patches: Vec<String>,

    /// The tenant's schedules and instances (an export, see docs/export.md), files or
    /// directories: activations are then judged for eligibility and for what is already
    /// active, and changes for what exists. Tenant documents given with --policy count too.
    #[arg(long = "tenant", value_name = "FILE|DIR")]
    tenants: Vec<String>,

    /// Schedule requests: files, directories, or - for standard input.
    #[arg(value_name = "REQUEST", required = true)]
    requests: Vec<String>,

    #[command(flatten)]
    discovery: crate::check::DiscoveryArgs,

    /// The time to validate at, RFC 3339 (default: now). Requests without a start begin then.
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    now: Option<DateTime<FixedOffset>>,

    /// The scope of ARM requests whose body does not say it (it is in the URL they are sent to).
    #[arg(long, value_name = "SCOPE")]
    scope: Option<String>,

    /// Read every request as this kind instead of detecting it.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    kind: Option<DocumentKind>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,

    /// When to use colours in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

pub(crate) fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| format!("{e}; write it like 2026-12-01T08:00:00Z"))
}

/// Reads the files the arguments name; files a directory search finds that are plainly not
/// PIM documents are left out, and counted on standard error.
pub(crate) fn load(
    args: &[String],
    options: &Options,
    discovery: &DiscoveryArgs,
) -> Vec<FileOutcome> {
    let mut configs = crate::settings::Configs::new(None);
    let cli = discovery.settings();
    let mut files = Vec::new();
    let mut skipped = crate::check::Skipped::default();
    for arg in args {
        let expansion = match configs.walk_for(arg, &cli) {
            Ok(walk) => walk.expand(arg),
            Err(message) => Expanded::Missing(format!("{arg}: {message}")),
        };
        match expansion {
            Expanded::Inputs(found) => {
                skipped.yaml += found.yaml;
                for source in &found.sources {
                    let outcome = check_source(source, options);
                    if found.walked && crate::check::skippable(&outcome) {
                        skipped.not_pim += 1;
                    } else {
                        files.push(outcome);
                    }
                }
            }
            Expanded::Missing(message) => {
                let (path, message) = message
                    .split_once(": ")
                    .map_or((arg.clone(), message.clone()), |(p, m)| {
                        (p.to_owned(), m.to_owned())
                    });
                files.push(FileOutcome {
                    path,
                    text: None,
                    result: Err(crate::check::FileError {
                        message,
                        offset: None,
                    }),
                    options: None,
                });
            }
        }
    }
    let summary = crate::output::Summary {
        skipped: skipped.not_pim + skipped.yaml,
        skipped_yaml: skipped.yaml,
        ..crate::output::Summary::default()
    };
    let note = crate::output::skipped_note(&summary);
    if !note.is_empty() {
        crate::warn(&format!("pimlint:{note}"));
    }
    files
}

/// The one policy of `policy_files` with the rules of every update in `patches` applied, as
/// the service applies a `PATCH`; `None` without patches.
fn patched_policy(
    policy_files: &[FileOutcome],
    patches: &[String],
    discovery: &DiscoveryArgs,
) -> Result<Option<Document>, String> {
    if patches.is_empty() {
        return Ok(None);
    }
    let documents = |files: &[FileOutcome]| -> Result<Vec<Document>, String> {
        let mut out = Vec::new();
        for file in files {
            let reports = file
                .result
                .as_ref()
                .map_err(|e| format!("{}: {}", file.path, e.message))?;
            for report in reports {
                if let Some(error) = &report.error {
                    return Err(format!("{}: {error}", file.path));
                }
                out.extend(report.document.clone());
            }
        }
        Ok(out)
    };
    let policies = documents(policy_files)?;
    let updates = documents(&load(patches, &Options::default(), discovery))?;
    pimlint::validate::apply_updates(&policies, &updates)
        .map(|p| Some(Document::Policy(p)))
        .map_err(|e| format!("--patch: {e}"))
}

/// One request's outcome.
struct Judged {
    file: usize,
    pointer: Pointer,
    kind: Option<DocumentKind>,
    verdict: Option<pimlint::validate::Verdict>,
    error: Option<String>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Summary {
    requests: usize,
    accepted: usize,
    pending_approval: usize,
    rejected: usize,
    unknown: usize,
    unreadable: usize,
}

/// The last line of `--format json-lines`.
#[derive(Serialize)]
struct SummaryLine<'a> {
    summary: &'a Summary,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonPolicyFile<'a> {
    path: &'a str,
    documents: usize,
    error: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonPolicyRef<'a> {
    path: &'a str,
    pointer: &'a Pointer,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonResult<'a> {
    request: &'a str,
    pointer: &'a Pointer,
    kind: Option<DocumentKind>,
    verdict: Option<Verdict>,
    failed_rules: Vec<&'static str>,
    requirements: Vec<&'a pimlint::validate::Requirement>,
    policy: Option<JsonPolicyRef<'a>>,
    error: Option<&'a str>,
    diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonReport<'a> {
    version: &'static str,
    now: String,
    policies: Vec<JsonPolicyFile<'a>>,
    results: Vec<JsonResult<'a>>,
    summary: &'a Summary,
}

pub fn run(args: &ValidateArgs) -> Outcome {
    if matches!(
        args.format,
        OutputFormat::Remediation | OutputFormat::RemediationJson
    ) {
        crate::warn(
            "pimlint: --format remediation and remediation-json are for policies: use them with \
             `pimlint check`",
        );
        return Outcome::Failure;
    }
    let now = args
        .now
        .unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let policy_files = load(&args.policies, &Options::default(), &args.discovery);
    let request_files = load(
        &args.requests,
        &Options {
            kind: args.kind,
            ..Options::default()
        },
        &args.discovery,
    );
    let tenant_files = load(&args.tenants, &Options::default(), &args.discovery);
    let mut tenant = pimlint::tenant::Tenant::new();
    for (i, file) in policy_files.iter().chain(&tenant_files).enumerate() {
        if let Ok(reports) = &file.result {
            tenant.add_reports(i, reports);
        }
    }
    let patched = match patched_policy(&policy_files, &args.patches, &args.discovery) {
        Ok(patched) => patched,
        Err(message) => {
            crate::warn(&format!("pimlint: {message}"));
            return Outcome::Failure;
        }
    };
    let index = PolicyIndex::new(policy_files.iter().enumerate().flat_map(|(i, f)| {
        f.result
            .iter()
            .flatten()
            .filter_map(move |r| r.document.as_ref().map(|d| (d, i)))
            .map(|(d, i)| match (d, &patched) {
                // The policy the updates apply to is judged as it will be after them.
                (Document::Policy(_), Some(patched)) => (patched, i),
                _ => (d, i),
            })
    }));
    let options = ValidateOptions { now };
    let mut judged = Vec::new();
    let mut summary = Summary::default();
    let policy_unreadable = policy_files.iter().filter(|f| f.result.is_err()).count()
        + policy_files
            .iter()
            .filter_map(|f| f.result.as_ref().ok())
            .flatten()
            .filter(|r| r.error.is_some())
            .count();
    for (i, file) in request_files.iter().enumerate() {
        let Ok(reports) = &file.result else {
            summary.unreadable += 1;
            continue;
        };
        for report in reports {
            let mut verdict = validate_report(report, &index, args.scope.as_deref(), &options);
            if let (Some(v), Some(Document::Request(request))) =
                (verdict.as_mut(), &report.document)
            {
                pimlint::tenant::verdict::judge(request, &tenant, &options, v);
            }
            let error = match (&report.error, &verdict, &report.document) {
                (Some(e), _, _) => Some(e.clone()),
                (None, None, Some(Document::Policy(_) | Document::PolicyAssignment(_))) => {
                    Some(format!(
                        "this is a {}, not a schedule request; pass policies with --policy",
                        report.kind.map_or("policy document", DocumentKind::as_str)
                    ))
                }
                _ => None,
            };
            match (&verdict, &error) {
                (_, Some(_)) => summary.unreadable += 1,
                (Some(v), None) => {
                    summary.requests += 1;
                    match v.verdict {
                        Verdict::Accepted => summary.accepted += 1,
                        Verdict::PendingApproval => summary.pending_approval += 1,
                        Verdict::Rejected => summary.rejected += 1,
                        Verdict::Unknown => summary.unknown += 1,
                    }
                }
                (None, None) => {}
            }
            judged.push(Judged {
                file: i,
                pointer: report.pointer.clone(),
                kind: report.kind,
                verdict,
                error,
            });
        }
    }
    name_policies_as_written(&policy_files, &mut judged);
    match args.format {
        OutputFormat::Json => emit(&json(
            &policy_files,
            &request_files,
            &judged,
            &summary,
            now,
            false,
        )),
        OutputFormat::JsonLines => emit(&json(
            &policy_files,
            &request_files,
            &judged,
            &summary,
            now,
            true,
        )),
        OutputFormat::Sarif => emit(&formats::sarif(&items(
            &policy_files,
            &request_files,
            &judged,
        ))),
        OutputFormat::Github => emit(&formats::github(&items(
            &policy_files,
            &request_files,
            &judged,
        ))),
        OutputFormat::Gitlab => emit(&crate::gitlab::gitlab(&items(
            &policy_files,
            &request_files,
            &judged,
        ))),
        // Refused before anything was read.
        OutputFormat::Remediation | OutputFormat::RemediationJson => {}
        OutputFormat::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            text(&policy_files, &request_files, &judged, &summary, color);
        }
    }
    // A request no policy governs was not judged: like an unreadable input, the run could not
    // do what was asked.
    if summary.unreadable > 0 || policy_unreadable > 0 || summary.unknown > 0 {
        Outcome::Failure
    } else if summary.rejected > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// Points each verdict's governing policy into its file as written: a converted input (a
/// PowerShell export, policy as code, a document of the older APIs) is judged in the shape it
/// is converted to, whose pointers (`/value/0/policy`) the file does not have.
fn name_policies_as_written(policy_files: &[FileOutcome], judged: &mut [Judged]) {
    let mut maps: std::collections::HashMap<usize, Option<pimlint::requirements::PointerMap>> =
        std::collections::HashMap::new();
    for j in judged.iter_mut() {
        let Some(verdict) = j.verdict.as_mut() else {
            continue;
        };
        let Some((source, pointer)) = verdict.policy.as_mut() else {
            continue;
        };
        let map = maps.entry(*source).or_insert_with(|| {
            let text = policy_files.get(*source)?.text.as_deref()?;
            let value = pimlint::parse_json(text).ok()?;
            pimlint::requirements::converted(&value)
                .ok()
                .flatten()
                .map(|(_, map)| map)
        });
        let Some(map) = map else { continue };
        let from = pointer.to_string();
        *pointer = map(pointer);
        // The notes name the policy members that decided, at converted pointers too.
        for d in &mut verdict.diagnostics {
            if let Some(note) = &mut d.note {
                *note = rewrite_pointers(note, &from, |p| map(p).to_string());
            }
        }
    }
}

/// `text` with every pointer that starts with `prefix` (up to a space, `)` or `,`) replaced
/// by `map` of it.
fn rewrite_pointers(text: &str, prefix: &str, map: impl Fn(&Pointer) -> String) -> String {
    // Every pointer starts with the root's: look for its first step.
    let prefix = if prefix.is_empty() { "/" } else { prefix };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let end = from
            .find(|c: char| c.is_whitespace() || c == ')' || c == ',')
            .unwrap_or(from.len());
        let (found, after) = from.split_at(end);
        let whole =
            prefix == "/" || found.len() == prefix.len() || found[prefix.len()..].starts_with('/');
        match Pointer::parse(found) {
            Ok(p) if whole => out.push_str(&map(&p)),
            _ => out.push_str(found),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Findings per request file, and every input that could not be read, for the machine formats.
fn items<'a>(
    policy_files: &'a [FileOutcome],
    request_files: &'a [FileOutcome],
    judged: &'a [Judged],
) -> Vec<formats::Item<'a>> {
    let mut items = Vec::new();
    for file in policy_files {
        if let Err(e) = &file.result {
            items.push(formats::Item {
                path: &file.path,
                text: file.text.as_deref(),
                diagnostics: Vec::new(),
                failures: vec![(e.message.clone(), e.offset)],
            });
        }
    }
    for (i, file) in request_files.iter().enumerate() {
        let mut item = formats::Item {
            path: &file.path,
            text: file.text.as_deref(),
            diagnostics: Vec::new(),
            failures: Vec::new(),
        };
        if let Err(e) = &file.result {
            item.failures.push((e.message.clone(), e.offset));
        }
        let locator = file.text.as_deref().map(Locator::new);
        for j in judged.iter().filter(|j| j.file == i) {
            if let Some(error) = &j.error {
                let offset = locator
                    .as_ref()
                    .and_then(|l| l.locate(&j.pointer))
                    .map(|f| f.span.start);
                item.failures.push((error.clone(), offset));
            }
            item.diagnostics
                .extend(j.verdict.iter().flat_map(|v| v.diagnostics.iter()));
        }
        items.push(item);
    }
    items
}

fn json(
    policy_files: &[FileOutcome],
    request_files: &[FileOutcome],
    judged: &[Judged],
    summary: &Summary,
    now: DateTime<FixedOffset>,
    lines: bool,
) -> String {
    let locators: Vec<Option<Locator<'_>>> = request_files
        .iter()
        .map(|f| f.text.as_deref().map(Locator::new))
        .collect();
    let mut results: Vec<JsonResult<'_>> = Vec::new();
    for (i, file) in request_files.iter().enumerate() {
        if let Err(e) = &file.result {
            results.push(JsonResult {
                request: &file.path,
                pointer: &ROOT,
                kind: None,
                verdict: None,
                failed_rules: Vec::new(),
                requirements: Vec::new(),
                policy: None,
                error: Some(&e.message),
                diagnostics: Vec::new(),
            });
            continue;
        }
        for j in judged.iter().filter(|j| j.file == i) {
            let mut diagnostics: Vec<JsonDiagnostic> = j
                .verdict
                .iter()
                .flat_map(|v| &v.diagnostics)
                .map(|d| json_diagnostic(d, locators[i].as_ref()))
                .collect();
            diagnostics.sort_by_key(|d| (d.line, d.column, d.code));
            results.push(JsonResult {
                request: &file.path,
                pointer: &j.pointer,
                kind: j.kind,
                verdict: j.verdict.as_ref().map(|v| v.verdict),
                failed_rules: j
                    .verdict
                    .as_ref()
                    .map(|v| v.failed_rules.clone())
                    .unwrap_or_default(),
                requirements: j.verdict.iter().flat_map(|v| &v.requirements).collect(),
                policy: j.verdict.as_ref().and_then(|v| v.policy.as_ref()).map(
                    |(source, pointer)| JsonPolicyRef {
                        path: &policy_files[*source].path,
                        pointer,
                    },
                ),
                error: j.error.as_deref(),
                diagnostics,
            });
        }
    }
    if lines {
        // One result per line, then the summary.
        let mut out = String::new();
        for result in &results {
            out.push_str(&serde_json::to_string(result).unwrap_or_default());
            out.push('\n');
        }
        // A struct, not `json!`, whose map would sort the keys out of their documented order.
        out.push_str(&serde_json::to_string(&SummaryLine { summary }).unwrap_or_default());
        out.push('\n');
        return out;
    }
    let report = JsonReport {
        version: pimlint::VERSION,
        now: now.to_rfc3339(),
        policies: policy_files
            .iter()
            .map(|f| JsonPolicyFile {
                path: &f.path,
                documents: f.result.as_ref().map_or(0, Vec::len),
                error: match &f.result {
                    Err(e) => Some(e.message.clone()),
                    Ok(docs) => docs
                        .iter()
                        .find_map(|d| d.error.as_ref().map(|e| document_problem(&d.pointer, e))),
                },
            })
            .collect(),
        results,
        summary,
    };
    let mut out = serde_json::to_string_pretty(&report)
        .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialize the report: {e}\"}}"));
    out.push('\n');
    out
}

static ROOT: Pointer = Pointer::root();

/// Why a document of a policy file could not be used; the whole file needs no "document" prefix
/// (an empty pointer would read `document : …`).
fn document_problem(pointer: &Pointer, error: &impl std::fmt::Display) -> String {
    if pointer.is_root() {
        error.to_string()
    } else {
        format!("document {pointer}: {error}")
    }
}

/// Findings that restate a requirement (MFA, approval, authentication context).
const REQUIREMENT_CODES: [&str; 3] = ["PIM505", "PIM507", "PIM508"];

fn text(
    policy_files: &[FileOutcome],
    request_files: &[FileOutcome],
    judged: &[Judged],
    summary: &Summary,
    color: bool,
) {
    let renderer = Renderer::new(color);
    for file in policy_files {
        let problem = match &file.result {
            Err(e) => Some(match (file.text.as_deref(), e.offset) {
                (Some(text), Some(offset)) => {
                    let at = Locator::new(text).line_col(offset);
                    format!("{}:{}: {}", at.line, at.column, e.message)
                }
                _ => e.message.clone(),
            }),
            Ok(docs) => docs
                .iter()
                .find_map(|d| d.error.as_ref().map(|e| document_problem(&d.pointer, e))),
        };
        if let Some(problem) = problem {
            let separator = if problem.starts_with(|c: char| c.is_ascii_digit()) {
                ":"
            } else {
                ": "
            };
            emit(&renderer.render(&output::failure(
                format!("policy {}{separator}{problem}", file.path),
                None,
            )));
        }
    }
    for (i, file) in request_files.iter().enumerate() {
        let mut out = String::new();
        let Ok(_) = &file.result else {
            if let Err(e) = &file.result {
                out.push_str(&renderer.render(&output::failure(
                    format!("{}: {}", file.path, e.message),
                    None,
                )));
            }
            emit(&out);
            continue;
        };
        let (Some(text), Some(locator)) = (&file.text, file.text.as_deref().map(Locator::new))
        else {
            continue;
        };
        let source = snippet(&file.path, text);
        for j in judged.iter().filter(|j| j.file == i) {
            let name = if j.pointer.is_root() {
                file.path.clone()
            } else {
                format!("{} {}", file.path, j.pointer)
            };
            if let Some(error) = &j.error {
                let offset = output::offset_of(Some(&locator), &j.pointer);
                out.push_str(&renderer.render(&output::failure(
                    format!("{name}: {error}"),
                    Some((&source, offset)),
                )));
                continue;
            }
            let Some(verdict) = &j.verdict else { continue };
            let headline = match verdict.verdict {
                Verdict::Accepted => "accepted".to_owned(),
                Verdict::PendingApproval => "pending approval".to_owned(),
                Verdict::Rejected if verdict.failed_rules.is_empty() => "rejected".to_owned(),
                Verdict::Rejected => format!(
                    "rejected: the following policy rules failed: {}",
                    verdict.failed_rules.join(", ")
                ),
                Verdict::Unknown => "unknown: no policy given governs this request".to_owned(),
            };
            let _ = writeln!(out, "{name}: {headline}");
            if let Some((source_file, pointer)) = &verdict.policy {
                let at = if pointer.is_root() {
                    String::new()
                } else {
                    format!(" {pointer}")
                };
                let _ = writeln!(out, "  policy: {}{at}", policy_files[*source_file].path);
            }
            for r in &verdict.requirements {
                let _ = writeln!(out, "  requires {}: {}", r.rule, r.message);
            }
            out.push('\n');
            // Requirements are listed above; their info findings would say it twice.
            let shown: Vec<pimlint::Diagnostic> = verdict
                .diagnostics
                .iter()
                .filter(|d| {
                    !(d.severity == pimlint::Severity::Info && REQUIREMENT_CODES.contains(&d.code))
                })
                .cloned()
                .collect();
            out.push_str(&renderer.findings(&shown, &locator, &source));
        }
        emit(&out);
    }
    let mut line = format!(
        "{}: {} accepted, {} pending approval, {} rejected",
        plural(summary.requests, "request", "requests"),
        summary.accepted,
        summary.pending_approval,
        summary.rejected
    );
    if summary.unknown > 0 {
        let _ = write!(
            line,
            ", {} not judged (no governing policy)",
            summary.unknown
        );
    }
    line.push('.');
    if summary.unreadable > 0 {
        let _ = write!(
            line,
            " {} could not be checked.",
            plural(summary.unreadable, "input", "inputs")
        );
    }
    emit(&format!("{line}\n"));
}

#[cfg(test)]
mod tests {
    use super::rewrite_pointers;

    #[test]
    fn pointers_in_notes_are_rewritten_whole() {
        let map = |p: &pimlint::Pointer| format!("<{p}>");
        assert_eq!(
            rewrite_pointers(
                "rule (/value/0/policy/rules/1) and /value/0/policyX, /value/0/policy",
                "/value/0/policy",
                map
            ),
            "rule (</value/0/policy/rules/1>) and /value/0/policyX, </value/0/policy>"
        );
        assert_eq!(rewrite_pointers("at /a/b (x)", "", map), "at </a/b> (x)");
        assert_eq!(rewrite_pointers("nothing here", "/v", map), "nothing here");
    }
}
