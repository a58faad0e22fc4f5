//! Findings as plain data. Rendering (text, JSON, SARIF, …) belongs to the front ends.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::fix::Fix;
use crate::pointer::Pointer;
use crate::rules::RuleMeta;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// A risky or unusual setting.
    Warning,
    /// The service will reject it, or every baseline forbids it.
    Error,
}

impl Severity {
    /// The lower-case name used in every output format.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Self::Info),
            "warning" => Ok(Self::Warning),
            "error" => Ok(Self::Error),
            other => Err(format!(
                "unknown severity {other:?}; expected one of info, warning, error"
            )),
        }
    }
}

/// A secondary location that explains a finding (the rule that decided, the duplicate, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where, in the same document.
    pub pointer: Pointer,
    /// What is there.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Stable code, never reused (`PIM001`).
    pub code: &'static str,
    /// Kebab-case rule name (`missing-rule`).
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong, with the concrete values.
    pub message: String,
    /// Where: a JSON pointer into the input file.
    pub pointer: Pointer,
    /// What to change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Extra context (why, or a caveat).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Other places that matter.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
    /// Edits that resolve the finding, when a rule knows them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// Why the rule's fix is not offered for this file, when it is not: the input is
    /// converted and the fix cannot be made where the value is written (a template
    /// expression, a shared EasyPIM template, a Terraform plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix_not_applied: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at `pointer`, at the rule's default severity.
    #[must_use]
    pub fn new(rule: &'static RuleMeta, message: impl Into<String>, pointer: Pointer) -> Self {
        Self {
            code: rule.code,
            rule: rule.name,
            severity: rule.default_severity,
            message: message.into(),
            pointer,
            help: None,
            note: None,
            labels: Vec::new(),
            fix: None,
            fix_not_applied: None,
        }
    }

    /// Adds what to change.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds context.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Adds a secondary location.
    #[must_use]
    pub fn with_label(mut self, pointer: Pointer, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            pointer,
            message: message.into(),
        });
        self
    }

    /// Adds the edits that resolve the finding.
    #[must_use]
    pub fn with_fix(mut self, fix: impl Into<Option<Fix>>) -> Self {
        self.fix = fix.into();
        self
    }

    /// Sets the severity (a rule whose severity depends on context).
    #[must_use]
    pub const fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Moves every pointer under `base` (a document inside a list or array).
    pub fn rebase(&mut self, base: &Pointer) {
        if base.is_root() {
            return;
        }
        self.pointer = base.join(&self.pointer);
        for label in &mut self.labels {
            label.pointer = base.join(&label.pointer);
        }
        if let Some(fix) = &mut self.fix {
            fix.rebase(base);
        }
    }
}
