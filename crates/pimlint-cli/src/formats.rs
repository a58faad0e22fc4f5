//! Machine formats for CI: SARIF 2.1.0 (code scanning) and GitHub workflow annotations.

use std::fmt::Write as _;

use pimlint::rules::REGISTRY;
use pimlint::{Diagnostic, Locator, Severity};
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult,
    ResultLevel, Run, SCHEMA_URL, Sarif, Tool, ToolComponent,
};

/// One input's findings, or why it could not be read, for the machine formats.
#[derive(Debug)]
pub struct Item<'a> {
    /// The path as given.
    pub path: &'a str,
    /// Its text, for positions.
    pub text: Option<&'a str>,
    /// Its findings.
    pub diagnostics: Vec<&'a Diagnostic>,
    /// Why it (or a document in it) could not be checked, with a byte offset when known.
    pub failures: Vec<(String, Option<usize>)>,
}

struct Position {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn position(locator: Option<&Locator<'_>>, d: &Diagnostic) -> Option<Position> {
    let locator = locator?;
    let found = locator.locate(&d.pointer)?;
    let start = locator.line_col(found.span.start);
    // A finding about a whole object is placed at its start, not spread over its lines.
    let end = if found.span.len() > 200 {
        start
    } else {
        locator.line_col(found.span.end)
    };
    Some(Position {
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    })
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

const fn sarif_level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

const fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The item's findings in the order they appear in the file.
fn in_order<'a>(item: &Item<'a>, locator: Option<&Locator<'_>>) -> Vec<&'a Diagnostic> {
    let mut sorted = item.diagnostics.clone();
    sorted.sort_by_key(|d| {
        (
            locator
                .and_then(|l| l.locate(&d.pointer))
                .map_or(0, |f| f.span.start),
            d.code,
        )
    });
    sorted
}

/// A SARIF 2.1.0 log with one run: every rule from the registry, a result per finding, and
/// a tool execution notification per input that could not be read.
pub fn sarif(items: &[Item<'_>]) -> String {
    let rules: Vec<ReportingDescriptor> = REGISTRY
        .iter()
        .map(|r| {
            ReportingDescriptor::builder()
                .id(r.meta.code)
                .name(r.meta.name)
                .short_description(
                    MultiformatMessageString::builder()
                        .text(r.meta.summary())
                        .build(),
                )
                .full_description(
                    MultiformatMessageString::builder()
                        .text(r.meta.summary())
                        .build(),
                )
                .help(
                    MultiformatMessageString::builder()
                        .text(r.meta.markdown())
                        .markdown(r.meta.markdown())
                        .build(),
                )
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::Value::from(level_name(r.meta.default_severity)))
                        .build(),
                )
                .build()
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for item in items {
        let locator = item.text.map(Locator::new);
        for d in in_order(item, locator.as_ref()) {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                let _ = write!(text, " Help: {help}");
            }
            let mut physical = PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(item.path).build())
                .build();
            if let Some(p) = position(locator.as_ref(), d) {
                physical.region = Some(
                    Region::builder()
                        .start_line(as_i64(p.line))
                        .start_column(as_i64(p.column))
                        .end_line(as_i64(p.end_line))
                        .end_column(as_i64(p.end_column))
                        .build(),
                );
            }
            let rule_index = REGISTRY.iter().position(|r| r.meta.code == d.code);
            let mut result = SarifResult::builder()
                .rule_id(d.code)
                .level(sarif_level(d.severity))
                .message(Message::builder().text(text).build())
                .locations(vec![
                    Location::builder().physical_location(physical).build(),
                ])
                .build();
            result.rule_index = rule_index.map(as_i64);
            result.fixes = crate::fix::sarif_fixes(item.path, locator.as_ref(), d);
            results.push(result);
        }
        for (message, offset) in &item.failures {
            let mut physical = PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(item.path).build())
                .build();
            if let (Some(l), Some(o)) = (locator.as_ref(), offset) {
                let at = l.line_col(*o);
                physical.region = Some(
                    Region::builder()
                        .start_line(as_i64(at.line))
                        .start_column(as_i64(at.column))
                        .build(),
                );
            }
            notifications.push(
                Notification::builder()
                    .level(serde_json::Value::from("error"))
                    .message(Message::builder().text(message.clone()).build())
                    .locations(vec![
                        Location::builder().physical_location(physical).build(),
                    ])
                    .build(),
            );
        }
    }
    let invocation = Invocation::builder()
        .execution_successful(notifications.is_empty())
        .tool_execution_notifications(notifications)
        .build();
    let run = Run::builder()
        .tool(
            Tool::builder()
                .driver(
                    ToolComponent::builder()
                        .name("pimlint")
                        .version(pimlint::VERSION)
                        .semantic_version(pimlint::VERSION)
                        .rules(rules)
                        .build(),
                )
                .build(),
        )
        .results(results)
        .invocations(vec![invocation])
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA_URL)
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build();
    let mut out = serde_json::to_string_pretty(&log)
        .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialize the SARIF log: {e}\"}}"));
    out.push('\n');
    out
}

/// Escapes a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: one annotation per finding and per unreadable input.
pub fn github(items: &[Item<'_>]) -> String {
    let mut out = String::new();
    for item in items {
        let locator = item.text.map(Locator::new);
        let file = escape_property(item.path);
        for d in in_order(item, locator.as_ref()) {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut properties = format!("file={file}");
            if let Some(p) = position(locator.as_ref(), d) {
                let _ = write!(
                    properties,
                    ",line={},col={},endLine={},endColumn={}",
                    p.line, p.column, p.end_line, p.end_column
                );
            }
            let _ = write!(
                properties,
                ",title={}",
                escape_property(&format!("{} {}", d.code, d.rule))
            );
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                let _ = write!(message, "\nhelp: {help}");
            }
            let _ = writeln!(out, "::{command} {properties}::{}", escape_data(&message));
        }
        for (message, offset) in &item.failures {
            let mut properties = format!("file={file}");
            if let (Some(l), Some(o)) = (locator.as_ref(), offset) {
                let at = l.line_col(*o);
                let _ = write!(properties, ",line={},col={}", at.line, at.column);
            }
            let _ = writeln!(
                out,
                "::error {properties},title=pimlint::{}",
                escape_data(message)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
