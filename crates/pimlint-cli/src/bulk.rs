//! `pimlint check` over large exports: documents are read one at a time (NDJSON, arrays, list
//! responses, pages), linted in parallel batches, and their findings written as they come, in
//! input order, so memory stays flat whatever the size of the export.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal as _};

use indicatif::{ProgressBar, ProgressStyle};
use pimlint::api::Located;
use pimlint::{DocumentKind, Locator, Options, Severity};
use rayon::prelude::*;
use serde::Serialize;

use crate::inputs::Source;
use crate::output::{Summary, plural};
use crate::stream::{Item, JsonSplitter, NdJson, RawDocument};
use crate::{emit, warn};

/// Documents linted together; enough to keep every core busy, few enough to stay small.
const BATCH: usize = 128;

/// How the documents of an input are delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// NDJSON for `.ndjson` and `.jsonl` files, JSON otherwise; files of 16 MiB or more are
    /// streamed.
    Auto,
    /// Whole JSON files (a document, an array, a list response).
    Json,
    /// One JSON document per line.
    Ndjson,
    /// `terraform show -json` output (a plan or state), read whole.
    Terraform,
    /// An ARM template or Bicep build output, read whole.
    ArmTemplate,
    /// An EasyPIM orchestrator configuration, read whole.
    Easypim,
    /// A PowerShell export (Graph PowerShell SDK, Az.Resources, ScubaGear), read whole.
    Powershell,
}

impl InputFormat {
    /// The format the core reads every input in, when one is forced.
    pub const fn forced(self) -> Option<pimlint::formats::Format> {
        match self {
            Self::Terraform => Some(pimlint::formats::Format::Terraform),
            Self::ArmTemplate => Some(pimlint::formats::Format::ArmTemplate),
            Self::Easypim => Some(pimlint::formats::Format::EasyPim),
            Self::Powershell => Some(pimlint::formats::Format::PowerShell),
            Self::Auto | Self::Json | Self::Ndjson => None,
        }
    }
}

/// Files at least this large are streamed in `auto` mode.
pub const STREAM_THRESHOLD: u64 = 16 * 1024 * 1024;

/// Whether `source` is NDJSON.
pub fn is_ndjson(source: &Source, format: InputFormat) -> bool {
    match format {
        InputFormat::Ndjson => true,
        InputFormat::Json
        | InputFormat::Terraform
        | InputFormat::ArmTemplate
        | InputFormat::Easypim
        | InputFormat::Powershell => false,
        InputFormat::Auto => match source {
            Source::File(p) => p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                e.eq_ignore_ascii_case("ndjson") || e.eq_ignore_ascii_case("jsonl")
            }),
            Source::Stdin => false,
        },
    }
}

/// Whether `source` is better streamed than read whole.
pub fn wants_streaming(source: &Source, format: InputFormat) -> bool {
    is_ndjson(source, format)
        || matches!(source, Source::File(p) if format == InputFormat::Auto
            && std::fs::metadata(p).is_ok_and(|m| m.len() >= STREAM_THRESHOLD))
}

/// Whether a file found in a directory is plainly not a PIM document; files too large to
/// read whole are always checked.
pub fn plainly_not_pim(source: &Source) -> bool {
    let Source::File(path) = source else {
        return false;
    };
    if std::fs::metadata(path).is_ok_and(|m| m.len() >= STREAM_THRESHOLD) {
        return false;
    }
    std::fs::read(path)
        .ok()
        .and_then(|bytes| {
            pimlint::decode(&bytes)
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
        .is_some_and(|text| crate::inputs::plainly_not_pim(&text))
}

/// Output of a streamed run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    /// One line per finding: `path:line:column: severity CODE [rule] message`.
    Text,
    /// One JSON object per finding, then a summary object.
    JsonLines,
    /// The JSON contract (`--format json`), written incrementally.
    Json,
    /// Counts per rule and per role.
    Statistics,
}

/// A finding or failure placed in its file.
struct Finding {
    diagnostic: Located,
}

/// One document's outcome, placed in its file.
struct Checked {
    pointer: String,
    kind: Option<DocumentKind>,
    role: Option<String>,
    error: Option<Failure>,
    findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
struct Failure {
    message: String,
    pointer: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

/// Moves a place inside a document's text to its place in the file.
const fn shift(raw: &RawDocument, line: usize, column: usize) -> (usize, usize) {
    if line == 1 {
        (raw.line, raw.column + column - 1)
    } else {
        (raw.line + line - 1, column)
    }
}

pub fn place(raw: &RawDocument, mut d: Located) -> Located {
    let prefix = raw.pointer.to_string();
    d.pointer = format!("{prefix}{}", d.pointer);
    if let Some(fix) = &mut d.fix {
        fix.rebase(&raw.pointer);
    }
    if let (Some(l), Some(c)) = (d.line, d.column) {
        let (l, c) = shift(raw, l, c);
        d.line = Some(l);
        d.column = Some(c);
    }
    if let (Some(l), Some(c)) = (d.end_line, d.end_column) {
        let (l, c) = shift(raw, l, c);
        d.end_line = Some(l);
        d.end_column = Some(c);
    }
    for label in &mut d.labels {
        label.pointer = format!("{prefix}{}", label.pointer);
        if let (Some(l), Some(c)) = (label.line, label.column) {
            let (l, c) = shift(raw, l, c);
            label.line = Some(l);
            label.column = Some(c);
        }
    }
    d
}

/// A document the tenant joins read, with where it starts in its file.
pub struct TenantDocument {
    /// Where the text it was read from starts in its page.
    pub prefix: pimlint::Pointer,
    /// Where the document is in its page.
    pub pointer: pimlint::Pointer,
    pub kind: Option<DocumentKind>,
    /// Line and column of the document's start.
    pub start: (usize, usize),
    /// Line and column where the text it was read from starts.
    pub text_start: (usize, usize),
    pub document: pimlint::Document,
    /// The way back to the file as written, for a converted document.
    pub origins: Option<std::sync::Arc<pimlint::powershell::PointerMap>>,
}

/// Lints one document; `locate` says whether findings are placed by line and column (an
/// output that shows no positions, like `--statistics`, spares the scan).
fn lint(raw: &RawDocument, options: &Options, locate: bool) -> (Vec<Checked>, Vec<TenantDocument>) {
    let prefix = raw.pointer.to_string();
    let mut tenant = Vec::new();
    let checked = match pimlint::check_str(&raw.text, options) {
        Err(e) => {
            let (line, column) = match &e {
                pimlint::InputError::Json { line, column, .. } => {
                    let (l, c) = shift(raw, *line, *column);
                    (Some(l), Some(c))
                }
                _ => (Some(raw.line), Some(raw.column)),
            };
            vec![Checked {
                pointer: prefix.clone(),
                kind: None,
                role: None,
                error: Some(Failure {
                    message: match &e {
                        pimlint::InputError::Json { message, .. } => message.clone(),
                        other => other.to_string(),
                    },
                    pointer: Some(prefix),
                    line,
                    column,
                }),
                findings: Vec::new(),
            }]
        }
        Ok(reports) => {
            let locator = locate.then(|| Locator::new(&raw.text));
            reports
                .into_iter()
                .map(|mut report| {
                    let pointer = format!("{prefix}{}", report.pointer);
                    if let Some(document) = report.document.take() {
                        // The tenant view reads little of a policy: the rest is freed here,
                        // on the thread that built it.
                        let document = match document {
                            pimlint::Document::Policy(p) => {
                                pimlint::Document::Policy(p.into_tenant_part())
                            }
                            other => other,
                        };
                        let start = locator
                            .as_ref()
                            .and_then(|l| l.start_of(&report.pointer).map(|s| l.line_col(s)))
                            .map_or((raw.line, raw.column), |a| shift(raw, a.line, a.column));
                        tenant.push(TenantDocument {
                            prefix: raw.pointer.clone(),
                            pointer: raw.pointer.join(&report.pointer),
                            kind: report.kind,
                            start,
                            text_start: (raw.line, raw.column),
                            document,
                            origins: report.origins.take(),
                        });
                    }
                    let error = report.error.map(|message| {
                        let located = Locator::new(&raw.text);
                        let at = located
                            .locate(&report.pointer)
                            .map(|f| located.line_col(f.span.start));
                        let (line, column) =
                            at.map_or((raw.line, raw.column), |a| shift(raw, a.line, a.column));
                        Failure {
                            message,
                            pointer: Some(pointer.clone()),
                            line: Some(line),
                            column: Some(column),
                        }
                    });
                    let mut findings: Vec<Finding> =
                        Located::all_in(&report.diagnostics, locator.as_ref(), &report.lists)
                            .into_iter()
                            .map(|d| Finding {
                                diagnostic: place(raw, d),
                            })
                            .collect();
                    findings.sort_by_key(|f| {
                        (f.diagnostic.line, f.diagnostic.column, f.diagnostic.code)
                    });
                    Checked {
                        pointer,
                        kind: report.kind,
                        role: report.role,
                        error,
                        findings,
                    }
                })
                .collect()
        }
    };
    (checked, tenant)
}

/// Counts per rule and per role, for `--statistics`.
#[derive(Debug, Default)]
pub struct Statistics {
    /// Findings per rule and per severity as configured: a rule's severity may differ between
    /// roles (privileged or not) and overrides, so one severity per rule would misreport.
    by_rule: BTreeMap<(&'static str, &'static str), BTreeMap<Severity, usize>>,
    per_role: BTreeMap<String, usize>,
    /// What could not be checked (`path:line:column: error: message`), in the order met.
    unreadable: Vec<String>,
}

impl Statistics {
    pub fn add(
        &mut self,
        code: &'static str,
        name: &'static str,
        severity: Severity,
        role: Option<&str>,
    ) {
        *self
            .by_rule
            .entry((code, name))
            .or_default()
            .entry(severity)
            .or_default() += 1;
        *self
            .per_role
            .entry(role.unwrap_or("(role not given)").to_owned())
            .or_default() += 1;
    }

    /// Records a file or document that could not be checked.
    pub fn unreadable(&mut self, path: &str, line: usize, column: usize, message: &str) {
        self.unreadable
            .push(failure_line(path, line, column, message));
    }

    pub fn render(self, summary: &Summary) -> String {
        let mut out = String::new();
        let mut rules: Vec<_> = self
            .by_rule
            .into_iter()
            .map(|(rule, severities)| (rule, severities.values().sum::<usize>(), severities))
            .collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for ((code, name), count, severities) in rules {
            // Most severe first; counted only when a rule's findings differ in severity.
            let severity = if severities.len() == 1 {
                severities
                    .keys()
                    .map(ToString::to_string)
                    .collect::<String>()
            } else {
                severities
                    .iter()
                    .rev()
                    .map(|(severity, n)| format!("{n} {severity}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = writeln!(out, "{count:>6}  {code}  {name:<34} {severity}");
        }
        if !self.per_role.is_empty() {
            let _ = writeln!(out, "\nby role:");
            let mut role_counts: Vec<_> = self.per_role.into_iter().collect();
            role_counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for (role, count) in role_counts {
                let _ = writeln!(out, "{count:>6}  {role}");
            }
        }
        if !self.unreadable.is_empty() {
            let _ = writeln!(out, "\nnot checked:");
            for line in &self.unreadable {
                let _ = writeln!(out, "  {line}");
            }
        }
        out.push('\n');
        out.push_str(&summary_line(summary));
        out
    }
}

/// A file or document that could not be checked, as one line of text output.
fn failure_line(path: &str, line: usize, column: usize, message: &str) -> String {
    format!("{path}:{line}:{column}: error: {message}")
}

pub fn summary_line(summary: &Summary) -> String {
    let unreadable = if summary.unreadable > 0 {
        format!(
            "{} could not be checked. ",
            plural(summary.unreadable, "input", "inputs")
        )
    } else {
        String::new()
    };
    format!(
        "{unreadable}{} ({}, {}, {}) in {} from {}.{}\n",
        plural(
            summary.errors + summary.warnings + summary.infos,
            "problem",
            "problems"
        ),
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
        plural(summary.infos, "info", "infos"),
        plural(summary.documents, "document", "documents"),
        plural(summary.files, "file", "files"),
        crate::output::skipped_note(summary)
    )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonLine<'a> {
    path: &'a str,
    #[serde(flatten)]
    diagnostic: &'a Located,
}

#[derive(Serialize)]
struct JsonLineError<'a> {
    path: &'a str,
    error: &'a Failure,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonDocument<'a> {
    pointer: &'a str,
    kind: Option<DocumentKind>,
    error: Option<&'a Failure>,
    diagnostics: Vec<&'a Located>,
}

/// Writes findings as they come.
pub struct Writer {
    sink: Sink,
    pub summary: Summary,
    statistics: Statistics,
    out: String,
    first_file: bool,
    first_document: bool,
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialize: {e}\"}}"))
}

impl Writer {
    pub fn new(sink: Sink) -> Self {
        let mut writer = Self {
            sink,
            summary: Summary::default(),
            statistics: Statistics::default(),
            out: String::new(),
            first_file: true,
            first_document: true,
        };
        if sink == Sink::Json {
            let _ = write!(
                writer.out,
                "{{\"version\":{},\"files\":[",
                to_json(&pimlint::VERSION)
            );
        }
        writer
    }

    fn flush(&mut self) {
        if !self.out.is_empty() {
            emit(&self.out);
            self.out.clear();
        }
    }

    fn start_file(&mut self, path: &str) {
        self.summary.files += 1;
        if self.sink == Sink::Json {
            if !self.first_file {
                self.out.push(',');
            }
            self.first_file = false;
            self.first_document = true;
            let _ = write!(self.out, "{{\"path\":{},", to_json(&path));
        }
    }

    fn end_file(&mut self, error: Option<&Failure>) {
        if self.sink == Sink::Json {
            if self.first_document {
                let _ = write!(self.out, "\"error\":{},\"documents\":[]}}", to_json(&error));
            } else {
                // An error after some documents (a truncated file) is the file's error.
                let _ = write!(self.out, "],\"error\":{}}}", to_json(&error));
            }
        }
        self.flush();
    }

    fn file_error(&mut self, path: &str, failure: &Failure) {
        self.summary.unreadable += 1;
        self.write_failure(path, failure);
    }

    fn write_failure(&mut self, path: &str, failure: &Failure) {
        let (line, column) = (failure.line.unwrap_or(1), failure.column.unwrap_or(1));
        match self.sink {
            Sink::Text => {
                self.out
                    .push_str(&failure_line(path, line, column, &failure.message));
                self.out.push('\n');
            }
            Sink::JsonLines => {
                self.out.push_str(&to_json(&JsonLineError {
                    path,
                    error: failure,
                }));
                self.out.push('\n');
            }
            Sink::Statistics => {
                self.statistics
                    .unreadable(path, line, column, &failure.message);
            }
            Sink::Json => {}
        }
    }

    fn document(&mut self, path: &str, checked: &Checked) {
        if let Some(error) = &checked.error {
            self.file_error(path, error);
        } else {
            self.summary.documents += 1;
        }
        for f in &checked.findings {
            let d = &f.diagnostic;
            match d.severity {
                Severity::Error => self.summary.errors += 1,
                Severity::Warning => self.summary.warnings += 1,
                Severity::Info => self.summary.infos += 1,
            }
            match self.sink {
                Sink::Text => {
                    let _ = writeln!(
                        self.out,
                        "{path}:{}:{}: {} {} [{}] {}",
                        d.line.unwrap_or(1),
                        d.column.unwrap_or(1),
                        d.severity,
                        d.code,
                        d.rule,
                        d.message
                    );
                }
                Sink::JsonLines => {
                    self.out.push_str(&to_json(&JsonLine {
                        path,
                        diagnostic: d,
                    }));
                    self.out.push('\n');
                }
                Sink::Statistics => {
                    self.statistics
                        .add(d.code, d.rule, d.severity, checked.role.as_deref());
                }
                Sink::Json => {}
            }
        }
        if self.sink == Sink::Json {
            self.out.push_str(if self.first_document {
                "\"documents\":["
            } else {
                ","
            });
            self.first_document = false;
            self.out.push_str(&to_json(&JsonDocument {
                pointer: &checked.pointer,
                kind: checked.kind,
                error: checked.error.as_ref(),
                diagnostics: checked.findings.iter().map(|f| &f.diagnostic).collect(),
            }));
        }
        if self.out.len() > 1 << 16 {
            self.flush();
        }
    }

    /// Writes the tenant findings about one document, read earlier in the run (the JSON
    /// output lists its file again, with that document only).
    pub fn tenant_document(
        &mut self,
        path: &str,
        pointer: &str,
        kind: Option<DocumentKind>,
        findings: Vec<(Located, Option<String>)>,
    ) {
        let (files, documents) = (self.summary.files, self.summary.documents);
        self.start_file(path);
        let role = findings.iter().find_map(|(_, r)| r.clone());
        let checked = Checked {
            pointer: pointer.to_owned(),
            kind,
            role,
            error: None,
            findings: findings
                .into_iter()
                .map(|(diagnostic, _)| Finding { diagnostic })
                .collect(),
        };
        self.document(path, &checked);
        // The file and the document were counted when they were read.
        self.summary.files = files;
        self.summary.documents = documents;
        self.end_file(None);
    }

    /// Writes the closing part (summary) and returns the counts.
    pub fn finish(mut self, skipped: crate::check::Skipped) -> Summary {
        self.summary.skipped = skipped.not_pim + skipped.yaml;
        self.summary.skipped_yaml = skipped.yaml;
        match self.sink {
            Sink::Text => {
                self.out.push_str(&summary_line(&self.summary));
            }
            Sink::JsonLines => {
                let _ = writeln!(self.out, "{{\"summary\":{}}}", to_json(&self.summary));
            }
            Sink::Json => {
                let _ = writeln!(self.out, "],\"summary\":{}}}", to_json(&self.summary));
            }
            Sink::Statistics => {
                let statistics = std::mem::take(&mut self.statistics);
                self.out.push_str(&statistics.render(&self.summary));
            }
        }
        self.flush();
        self.summary
    }
}

/// The size of the buffer an input is read through.
const READ_BUFFER: usize = 1 << 20;

fn open(source: &Source) -> std::io::Result<Box<dyn BufRead>> {
    let mut reader: Box<dyn BufRead> = match source {
        Source::File(p) => Box::new(BufReader::with_capacity(READ_BUFFER, File::open(p)?)),
        Source::Stdin => Box::new(BufReader::with_capacity(READ_BUFFER, std::io::stdin())),
    };
    // UTF-16 with a byte order mark (what Windows PowerShell 5.1's `Out-File` writes) is
    // turned into UTF-8 as it is read, as a file read whole is decoded.
    let mut head: Vec<u8> = reader.fill_buf()?.iter().take(2).copied().collect();
    if head.len() == 1 {
        // A pipe may give its first byte alone: the mark is two bytes, so read the next one
        // before judging, and put the first back in front of the rest.
        reader.consume(1);
        head.extend(reader.fill_buf()?.first());
        reader = Box::new(std::io::Read::chain(
            std::io::Cursor::new([head[0]]),
            reader,
        ));
    }
    // Two bytes tell a UTF-16 mark; UTF-8's is three and needs no decoding.
    if let Some((encoding, 2)) = encoding_rs::Encoding::for_bom(&head) {
        let utf8 = crate::utf16::Utf16Reader::new(reader, encoding);
        reader = Box::new(BufReader::with_capacity(READ_BUFFER, utf8));
    }
    Ok(reader)
}

/// The documents of `source`, one at a time.
pub fn documents(source: &Source, ndjson: bool) -> std::io::Result<Box<dyn Iterator<Item = Item>>> {
    let reader = open(source)?;
    Ok(if ndjson {
        Box::new(NdJson::new(reader))
    } else {
        Box::new(JsonSplitter::new(reader))
    })
}

/// What linting one document gives: its findings, and what the tenant view reads of it.
type Linted = (Vec<Checked>, Vec<TenantDocument>);

/// Streams one input through the linter into `writer`.
pub fn check(
    source: &Source,
    ndjson: bool,
    options: &Options,
    writer: &mut Writer,
    tenant: &mut crate::tenant_run::TenantRun,
    progress: &ProgressBar,
) {
    let path = source.display();
    writer.start_file(&path);
    tenant.start_input(path.clone(), source, ndjson);
    let mut documents = match documents(source, ndjson) {
        Ok(d) => d,
        Err(e) => {
            let failure = Failure {
                message: format!("cannot read: {}", crate::inputs::io_message(&e)),
                pointer: None,
                line: None,
                column: None,
            };
            writer.file_error(&path, &failure);
            writer.end_file(Some(&failure));
            return;
        }
    };
    let mut file_error = None;
    let locate = writer.sink != Sink::Statistics;
    // The findings of one batch are written while the cores lint the next.
    let write = |results: Option<Vec<Linted>>,
                 writer: &mut Writer,
                 tenant: &mut crate::tenant_run::TenantRun| {
        let Some(results) = results else { return };
        progress.inc(results.len() as u64);
        for (checked, documents) in results {
            for c in &checked {
                writer.document(&path, c);
            }
            for document in documents {
                tenant.add(&document);
            }
        }
    };
    let mut written: Option<Vec<Linted>> = None;
    loop {
        let batch = next_batch(&mut *documents, &mut file_error);
        let earlier = written.take();
        if batch.is_empty() {
            write(earlier, writer, tenant);
            break;
        }
        let (results, ()) = rayon::join(
            || {
                batch
                    .par_iter()
                    .map(|raw| lint(raw, options, locate))
                    .collect::<Vec<_>>()
            },
            || write(earlier, writer, tenant),
        );
        written = Some(results);
    }
    if let Some(failure) = &file_error {
        writer.file_error(&path, failure);
    }
    writer.end_file(file_error.as_ref());
}

/// Up to [`BATCH`] documents; none after the first read error, which goes to `file_error`.
fn next_batch(
    documents: &mut dyn Iterator<Item = Item>,
    file_error: &mut Option<Failure>,
) -> Vec<RawDocument> {
    let mut batch = Vec::with_capacity(BATCH);
    if file_error.is_some() {
        return batch;
    }
    for item in documents {
        match item {
            Ok(raw) => batch.push(raw),
            Err(e) => {
                *file_error = Some(Failure {
                    message: e.message,
                    pointer: None,
                    line: Some(e.line),
                    column: Some(e.column),
                });
                break;
            }
        }
        if batch.len() == BATCH {
            break;
        }
    }
    batch
}

/// A spinner on standard error for long runs, when it is a terminal.
pub fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} documents checked ({per_sec}, {elapsed})")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Reports an output format that cannot be streamed.
pub fn unsupported(format: &str) {
    warn(&format!(
        "pimlint: --format {format} needs whole files; for NDJSON or files of 16 MiB and more use --format text, json or json-lines (or --format-in json to read them whole)"
    ));
}
