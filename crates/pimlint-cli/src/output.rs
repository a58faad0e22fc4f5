//! Rendering results: text (miette snippets) and the JSON contract.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceSpan, SpanContents,
};
use pimlint::{Diagnostic, DocumentKind, LineCol, Locator, Pointer, Severity};
use serde::Serialize;

use crate::check::FileOutcome;
use crate::emit;

/// Counts over a whole run.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Inputs given (files and standard input).
    pub files: usize,
    /// Documents checked.
    pub documents: usize,
    /// Findings at error severity.
    pub errors: usize,
    /// Findings at warning severity.
    pub warnings: usize,
    /// Findings at info severity.
    pub infos: usize,
    /// Files and documents that could not be checked.
    pub unreadable: usize,
    /// Files a directory search found and left out: not PIM documents, or YAML.
    pub skipped: usize,
    /// Of those, YAML files.
    #[serde(skip)]
    pub skipped_yaml: usize,
}

impl Summary {
    pub fn of(files: &[FileOutcome]) -> Self {
        let mut s = Self {
            files: files.len(),
            ..Self::default()
        };
        for file in files {
            match &file.result {
                Err(_) => s.unreadable += 1,
                Ok(docs) => {
                    for doc in docs {
                        if doc.error.is_some() {
                            s.unreadable += 1;
                        } else {
                            s.documents += 1;
                        }
                        for d in &doc.diagnostics {
                            match d.severity {
                                Severity::Error => s.errors += 1,
                                Severity::Warning => s.warnings += 1,
                                Severity::Info => s.infos += 1,
                            }
                        }
                    }
                }
            }
        }
        s
    }

    pub const fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => self.infos,
        }
    }
}

/// Values longer than this (in bytes) are marked by their key rather than underlined whole.
const LONG_VALUE: usize = 100;

/// Lines longer than this (in bytes) are shown as a window around the label.
const WIDE_LINE: usize = 160;

/// The text of one input, as miette reads it; very long lines (minified JSON exports) are cut
/// to a window around the span so that one finding never prints a megabyte line.
#[derive(Debug)]
pub struct Snippet {
    name: String,
    text: Arc<String>,
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl miette::SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text.as_str();
        let contents = text.read_span(span, context_lines_before, context_lines_after)?;
        let widest = contents
            .data()
            .split(|b| *b == b'\n')
            .map(<[u8]>::len)
            .max()
            .unwrap_or(0);
        if widest <= WIDE_LINE {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                contents.data(),
                *contents.span(),
                contents.line(),
                contents.column(),
                contents.line_count(),
            )));
        }
        let start = span.offset().min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let from = floor_boundary(text, start.saturating_sub(WIDE_LINE / 3).max(line_start));
        let to = ceil_boundary(
            text,
            (start + span.len().max(1) + WIDE_LINE / 3)
                .min(from + WIDE_LINE)
                .max(start + 1)
                .min(line_end),
        );
        let line = text[..line_start].matches('\n').count();
        let column = text[line_start..from].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[from..to],
            SourceSpan::from((from, to - from)),
            line,
            column,
            1,
        )))
    }
}

/// Length in bytes of the line holding `offset`.
fn line_len(text: &str, offset: usize) -> usize {
    let offset = floor_boundary(text, offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    end - start
}

/// Where a pointer lands: the full value, and a one-line span to underline.
struct Place {
    start: LineCol,
    label: SourceSpan,
}

fn place(locator: &Locator<'_>, pointer: &Pointer) -> Option<Place> {
    let found = locator.locate(pointer)?;
    let text = locator.text();
    let span = found.span;
    let value = text.get(span.start..span.end).unwrap_or_default();
    // Underline a whole value only when it is short and on one line; a long object or list is
    // marked by its opening bracket, so the position shown is the value's, as in every other
    // output format.
    let label = if value.contains('\n') || value.len() > LONG_VALUE {
        SourceSpan::from((span.start, 1))
    } else {
        SourceSpan::from((span.start, span.len().max(1)))
    };
    Some(Place {
        start: locator.line_col(span.start),
        label,
    })
}

pub fn offset_of(locator: Option<&Locator<'_>>, pointer: &Pointer) -> usize {
    locator
        .and_then(|l| l.locate(pointer))
        .map_or(0, |f| f.span.start)
}

// ---------------------------------------------------------------- JSON

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonReport<'a> {
    version: &'static str,
    files: Vec<JsonFile<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFile<'a> {
    path: &'a str,
    error: Option<JsonError>,
    documents: Vec<JsonDocument<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonError {
    message: String,
    pointer: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonDocument<'a> {
    pointer: &'a Pointer,
    kind: Option<DocumentKind>,
    error: Option<JsonError>,
    diagnostics: Vec<JsonDiagnostic>,
}

/// A diagnostic as the JSON contract gives it.
pub type JsonDiagnostic = pimlint::api::Located;

pub fn json_diagnostic(d: &Diagnostic, locator: Option<&Locator<'_>>) -> JsonDiagnostic {
    pimlint::api::Located::new(d, locator)
}

/// The `--format json` document.
pub fn json(files: &[FileOutcome], summary: &Summary) -> String {
    let report = JsonReport {
        version: pimlint::VERSION,
        summary,
        files: files
            .iter()
            .map(|file| {
                let locator = file.text.as_deref().map(Locator::new);
                match &file.result {
                    Err(e) => {
                        let at = locator.as_ref().zip(e.offset).map(|(l, o)| l.line_col(o));
                        JsonFile {
                            path: &file.path,
                            error: Some(JsonError {
                                message: e.message.clone(),
                                pointer: None,
                                line: at.map(|a| a.line),
                                column: at.map(|a| a.column),
                            }),
                            documents: Vec::new(),
                        }
                    }
                    Ok(docs) => JsonFile {
                        path: &file.path,
                        error: None,
                        documents: docs
                            .iter()
                            .map(|doc| {
                                let mut diagnostics: Vec<_> = doc
                                    .diagnostics
                                    .iter()
                                    .map(|d| json_diagnostic(d, locator.as_ref()))
                                    .collect();
                                diagnostics.sort_by_key(|d| (d.line, d.column, d.code));
                                JsonDocument {
                                    pointer: &doc.pointer,
                                    kind: doc.kind,
                                    error: doc.error.as_ref().map(|message| {
                                        let at =
                                            locator.as_ref().and_then(|l| place(l, &doc.pointer));
                                        JsonError {
                                            message: message.clone(),
                                            pointer: Some(doc.pointer.to_string()),
                                            line: at.as_ref().map(|p| p.start.line),
                                            column: at.as_ref().map(|p| p.start.column),
                                        }
                                    }),
                                    diagnostics,
                                }
                            })
                            .collect(),
                    },
                }
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&report)
        .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialize the report: {e}\"}}"));
    out.push('\n');
    out
}

// ---------------------------------------------------------------- text

/// One finding or failure, in the shape miette renders.
#[derive(Debug)]
pub struct Report {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Arc<Snippet>>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c.as_str()) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_deref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

const fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

pub fn finding(d: &Diagnostic, locator: &Locator<'_>, source: &Arc<Snippet>) -> Report {
    let mut labels = Vec::new();
    let mut long_line = false;
    if let Some(at) = place(locator, &d.pointer) {
        long_line = line_len(locator.text(), at.label.offset()) > WIDE_LINE;
        labels.push(LabeledSpan::new_primary_with_span(None, at.label));
    }
    // A minified line shows one window around the primary label; secondary labels elsewhere on
    // it would pull the window away from it.
    for l in d.labels.iter().filter(|_| !long_line) {
        if let Some(at) = place(locator, &l.pointer) {
            labels.push(LabeledSpan::new_with_span(
                Some(l.message.clone()),
                at.label,
            ));
        }
    }
    let help = match (&d.help, &d.note) {
        (Some(h), Some(n)) => Some(format!("{h}\nnote: {n}")),
        (Some(h), None) => Some(h.clone()),
        (None, Some(n)) => Some(n.clone()),
        (None, None) => None,
    };
    Report {
        message: d.message.clone(),
        code: Some(format!("{}({})", d.code, d.rule)),
        severity: miette_severity(d.severity),
        help,
        source: (!labels.is_empty()).then(|| Arc::clone(source)),
        labels,
    }
}

pub fn failure(message: String, source: Option<(&Arc<Snippet>, usize)>) -> Report {
    let (source, labels) = match source {
        Some((src, offset)) => (
            Some(Arc::clone(src)),
            vec![LabeledSpan::new_primary_with_span(
                None,
                SourceSpan::from((offset, 0)),
            )],
        ),
        None => (None, Vec::new()),
    };
    Report {
        message,
        code: None,
        severity: miette::Severity::Error,
        help: None,
        source,
        labels,
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `--statistics`: findings counted per rule and per role.
pub fn statistics(files: &[FileOutcome], summary: &Summary) -> String {
    let mut statistics = crate::bulk::Statistics::default();
    for file in files {
        let locator = file.text.as_deref().map(Locator::new);
        match &file.result {
            Err(e) => {
                let at = locator.as_ref().zip(e.offset).map(|(l, o)| l.line_col(o));
                statistics.unreadable(
                    &file.path,
                    at.map_or(1, |a| a.line),
                    at.map_or(1, |a| a.column),
                    &e.message,
                );
            }
            Ok(docs) => {
                for doc in docs {
                    if let Some(message) = &doc.error {
                        let at = locator
                            .as_ref()
                            .map(|l| l.line_col(offset_of(Some(l), &doc.pointer)));
                        statistics.unreadable(
                            &file.path,
                            at.map_or(1, |a| a.line),
                            at.map_or(1, |a| a.column),
                            message,
                        );
                    }
                    for d in &doc.diagnostics {
                        statistics.add(d.code, d.rule, d.severity, doc.role.as_deref());
                    }
                }
            }
        }
    }
    statistics.render(summary)
}

/// Renders reports as miette draws them.
#[derive(Debug)]
pub struct Renderer {
    handler: GraphicalReportHandler,
}

impl Renderer {
    pub fn new(color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Self {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(100)
                .with_links(false)
                // Break lines at spaces only: a JSON pointer in a note stays on one line.
                .with_word_separator(textwrap::WordSeparator::AsciiSpace)
                .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
                .with_break_words(false),
        }
    }

    pub fn render(&self, report: &Report) -> String {
        let mut out = String::new();
        if self.handler.render_report(&mut out, report).is_err() {
            out = format!("{}\n", report.message);
        }
        out
    }

    /// Renders the findings of one file's text, sorted by position.
    pub fn findings(
        &self,
        diagnostics: &[Diagnostic],
        locator: &Locator<'_>,
        source: &Arc<Snippet>,
    ) -> String {
        let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
        sorted.sort_by_key(|d| (offset_of(Some(locator), &d.pointer), d.code));
        // A blank line between findings, as ruff and oxlint print them.
        sorted
            .into_iter()
            .map(|d| self.render(&finding(d, locator, source)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The text of an input, shared by every report drawn from it.
pub fn snippet(name: &str, text: &str) -> Arc<Snippet> {
    Arc::new(Snippet {
        name: name.to_owned(),
        text: Arc::new(text.to_owned()),
    })
}

/// Prints the text report, one file at a time.
pub fn text(files: &[FileOutcome], summary: &Summary, color: bool) {
    let renderer = Renderer::new(color);
    let render = |report: &Report| renderer.render(report);
    for file in files {
        let mut out = String::new();
        let source = file.text.as_ref().map(|t| snippet(&file.path, t));
        let locator = file.text.as_deref().map(Locator::new);
        match &file.result {
            Err(e) => {
                let at = source.as_ref().zip(e.offset);
                let mut message = format!("{}: {}", file.path, e.message);
                if let (Some(l), Some(o)) = (locator.as_ref(), e.offset) {
                    let lc = l.line_col(o);
                    message = format!("{}:{}:{}: {}", file.path, lc.line, lc.column, e.message);
                }
                out.push_str(&render(&failure(message, at)));
            }
            Ok(docs) => {
                let (Some(locator), Some(source)) = (locator.as_ref(), source.as_ref()) else {
                    continue;
                };
                for doc in docs {
                    if let Some(message) = &doc.error {
                        let offset = offset_of(Some(locator), &doc.pointer);
                        let lc = locator.line_col(offset);
                        let where_ = if doc.pointer.is_root() {
                            String::new()
                        } else {
                            format!(" (document {})", doc.pointer)
                        };
                        out.push_str(&render(&failure(
                            format!("{}:{}:{}{where_}: {message}", file.path, lc.line, lc.column),
                            Some((source, offset)),
                        )));
                        continue;
                    }
                    out.push_str(&renderer.findings(&doc.diagnostics, locator, source));
                }
            }
        }
        if !out.is_empty() {
            emit(&out);
        }
    }
    emit(&format!("{}\n", summary_text(summary)));
}

/// The closing line of a text report: a failure first, then the findings, then what a
/// directory search left out.
pub fn summary_text(summary: &Summary) -> String {
    let findings = summary.errors + summary.warnings + summary.infos;
    let documents = plural(summary.documents, "document", "documents");
    let files = plural(summary.files, "file", "files");
    let mut line = String::new();
    if summary.unreadable > 0 {
        let _ = write!(
            line,
            "{} could not be checked.",
            plural(summary.unreadable, "input", "inputs")
        );
        if summary.documents == 0 && findings == 0 {
            line.push_str(&skipped_note(summary));
            return line;
        }
        line.push(' ');
    }
    if findings == 0 && summary.unreadable == 0 {
        let _ = write!(line, "All checks passed: {documents} in {files}.");
    } else if findings == 0 {
        let _ = write!(line, "No problems found in the other {documents}.");
    } else {
        let _ = write!(
            line,
            "Found {} ({}, {}, {}) in {documents} from {files}.",
            plural(findings, "problem", "problems"),
            plural(summary.errors, "error", "errors"),
            plural(summary.warnings, "warning", "warnings"),
            plural(summary.infos, "info", "infos"),
        );
    }
    line.push_str(&skipped_note(summary));
    line
}

/// " Skipped 2 files that are not PIM documents and 1 YAML file." or nothing.
pub fn skipped_note(summary: &Summary) -> String {
    let not_pim = summary.skipped.saturating_sub(summary.skipped_yaml);
    let yaml = summary.skipped_yaml;
    let mut parts = Vec::new();
    if not_pim > 0 {
        parts.push(format!(
            "{} that {}",
            plural(not_pim, "file", "files"),
            if not_pim == 1 {
                "is not a PIM document"
            } else {
                "are not PIM documents"
            }
        ));
    }
    if yaml > 0 {
        parts.push(format!(
            "{} (pimlint reads JSON)",
            plural(yaml, "YAML file", "YAML files")
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" Skipped {}.", parts.join(" and "))
    }
}
