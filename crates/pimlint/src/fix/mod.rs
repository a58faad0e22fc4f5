//! Fixes: edits at JSON pointers that a finding proposes, and applying them.
//!
//! A rule attaches a [`Fix`] to its diagnostic: a list of [`Edit`]s in the shape of RFC 6902
//! JSON Patch operations (`replace`, `add`, `remove`), so any JSON Patch library can apply
//! them too. [`text::apply`] applies them to the original text at the located spans, keeping
//! every untouched byte; [`value::apply`] applies them to a parsed document. [`fix_text`] runs
//! rounds of lint-and-apply until nothing is left to fix.

pub mod encoding;
pub mod policy;
pub mod remediate;
pub mod source;
pub mod text;
pub mod value;

use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::pointer::Pointer;
use crate::{DocumentReport, InputError, Options};

/// Whether a fix may be applied without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Cannot change what the document means beyond the finding: a spelling the service
    /// would reject or read the same way (`"P8H"` → `"PT8H"`, `"true"` → `true`).
    Safe,
    /// Changes a setting (turns approval on, shortens an activation, requires MFA): right for
    /// the finding, but a decision someone should review.
    Unsafe,
}

impl Applicability {
    /// The lower-case name used in every output format.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

/// One change to a JSON document, as an RFC 6902 operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Edit {
    /// Replaces the value at `path`.
    Replace {
        /// Where.
        path: Pointer,
        /// The new value.
        value: Value,
    },
    /// Adds a member to an object (`path` ends in its name) or an element to an array (`path`
    /// ends in an index, or `-` to append). An existing member is replaced.
    Add {
        /// Where.
        path: Pointer,
        /// The value to add.
        value: Value,
    },
    /// Removes the member or element at `path`.
    Remove {
        /// What.
        path: Pointer,
    },
}

impl Edit {
    /// Where the edit applies.
    #[must_use]
    pub const fn path(&self) -> &Pointer {
        match self {
            Self::Replace { path, .. } | Self::Add { path, .. } | Self::Remove { path } => path,
        }
    }

    /// Whether the edit moves later elements of an array (removing one, or inserting one
    /// before the end).
    #[must_use]
    pub fn shifts(&self) -> bool {
        match self {
            Self::Remove { path } => path.last().is_some_and(|t| t.parse::<usize>().is_ok()),
            Self::Add { path, .. } => path.last().is_some_and(|t| t.parse::<usize>().is_ok()),
            Self::Replace { .. } => false,
        }
    }

    fn path_mut(&mut self) -> &mut Pointer {
        match self {
            Self::Replace { path, .. } | Self::Add { path, .. } | Self::Remove { path } => path,
        }
    }
}

/// What a finding proposes to change, and how safe that is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// What the fix does, in a few words (`write "PT8H"`).
    pub message: String,
    /// The edits, applied together or not at all.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix.
    #[must_use]
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            applicability: Applicability::Safe,
            message: message.into(),
            edits,
        }
    }

    /// An unsafe fix.
    #[must_use]
    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            applicability: Applicability::Unsafe,
            message: message.into(),
            edits,
        }
    }

    /// A safe fix replacing one value.
    #[must_use]
    pub fn replace_safe(message: impl Into<String>, path: &Pointer, value: Value) -> Self {
        Self::safe(
            message,
            vec![Edit::Replace {
                path: path.clone(),
                value,
            }],
        )
    }

    /// An unsafe fix replacing one value.
    #[must_use]
    pub fn replace_unsafe(message: impl Into<String>, path: &Pointer, value: Value) -> Self {
        Self::unsafe_(
            message,
            vec![Edit::Replace {
                path: path.clone(),
                value,
            }],
        )
    }

    /// Whether the fix may be applied when unsafe fixes are (`unsafe_fixes`) or are not allowed.
    #[must_use]
    pub fn allowed(&self, unsafe_fixes: bool) -> bool {
        unsafe_fixes || self.applicability == Applicability::Safe
    }

    /// Moves every path under `base` (a document inside a list or array).
    pub fn rebase(&mut self, base: &Pointer) {
        for edit in &mut self.edits {
            let path = edit.path_mut();
            *path = base.join(path);
        }
    }
}

/// A fix that was applied, and the finding it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// The finding's code.
    pub code: &'static str,
    /// The finding's rule name.
    pub rule: &'static str,
    /// The finding's message.
    pub message: String,
    /// Where the finding was (in the document as it was before this fix).
    pub pointer: Pointer,
    /// The fix.
    pub fix: Fix,
}

/// Why fixes could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    /// The input could not be read.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Applying the fixes would not leave valid JSON; nothing is changed.
    #[error(
        "applying the fixes of {codes} would not leave valid JSON ({message}); nothing was changed"
    )]
    Broken {
        /// The codes of the fixes applied in the failing round.
        codes: String,
        /// The parser's complaint.
        message: String,
    },
}

/// The outcome of fixing a text.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The text after every applicable fix (the input when none applied).
    pub text: String,
    /// The fixes applied, in the order applied.
    pub applied: Vec<Applied>,
    /// The documents as linted after the last round.
    pub reports: Vec<DocumentReport>,
    /// Rounds of lint-and-apply that changed something.
    pub rounds: usize,
}

impl Fixed {
    /// Whether the text changed.
    #[must_use]
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }

    /// Fixes still on offer after the last round (unsafe ones when only safe were applied, or
    /// ones whose edits could not be placed).
    pub fn remaining_fixes(&self) -> impl Iterator<Item = &Diagnostic> {
        self.reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.fix.is_some())
    }
}

/// Rounds of lint-and-apply stop here even if fixes keep coming (they do not for the shipped
/// rules: each fix removes its finding).
const MAX_ROUNDS: usize = 16;

/// Why no fix of a document pimlint converts before checking is ever made in it (a
/// Terraform plan, Bicep build output, a PowerShell export, an older API's document); `None`
/// for documents whose fixes can be (the API's own shape, an ARM template, an EasyPIM
/// configuration), even if some findings' fixes are not.
#[must_use]
pub fn converted_from(value: &Value, options: &Options) -> Option<&'static str> {
    if options.kind.is_some() {
        return None;
    }
    if let Some(format) = options.format.or_else(|| crate::formats::detect(value)) {
        return match format {
            crate::formats::Format::Terraform => source::Source::Terraform.never(),
            crate::formats::Format::ArmTemplate => source::Source::arm_template(value).never(),
            crate::formats::Format::EasyPim => None,
            crate::formats::Format::PowerShell => source::Source::PowerShell.never(),
        };
    }
    if crate::legacy::convert(value).is_some() {
        return source::Source::Legacy.never();
    }
    if crate::powershell::convert(value).is_some() {
        return source::Source::PowerShell.never();
    }
    None
}

/// Lints `text` and applies the fixes its findings carry (safe ones, and unsafe ones too when
/// `unsafe_fixes`), over rounds until none is left; the result is linted again. Fixes whose
/// edits overlap wait for the next round. Nothing is applied if the result would not parse.
pub fn fix_text(text: &str, options: &Options, unsafe_fixes: bool) -> Result<Fixed, FixError> {
    fix_text_with(text, options, |d| {
        d.fix.as_ref().is_some_and(|f| f.allowed(unsafe_fixes))
    })
}

/// [`fix_text`] applying the fixes of the findings `accept` picks (one rule's, say).
pub fn fix_text_with(
    text: &str,
    options: &Options,
    accept: impl Fn(&Diagnostic) -> bool,
) -> Result<Fixed, FixError> {
    let mut current = text.to_owned();
    let mut applied = Vec::new();
    let mut rounds = 0;
    loop {
        let reports = crate::check_str(&current, options)?;
        let candidates: Vec<&Diagnostic> = reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.fix.is_some() && accept(d))
            .collect();
        if candidates.is_empty() || rounds == MAX_ROUNDS {
            return Ok(Fixed {
                text: current,
                applied,
                reports,
                rounds,
            });
        }
        let fixes: Vec<&Fix> = candidates.iter().filter_map(|d| d.fix.as_ref()).collect();
        let (next, taken) = text::apply(&current, &fixes);
        if taken.is_empty() || next == current {
            return Ok(Fixed {
                text: current,
                applied,
                reports,
                rounds,
            });
        }
        if let Err(e) = crate::parse_json(&next) {
            let codes = taken
                .iter()
                .map(|&i| candidates[i].code)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(FixError::Broken {
                codes,
                message: e.to_string(),
            });
        }
        for i in taken {
            let d = candidates[i];
            if let Some(fix) = &d.fix {
                applied.push(Applied {
                    code: d.code,
                    rule: d.rule,
                    message: d.message.clone(),
                    pointer: d.pointer.clone(),
                    fix: fix.clone(),
                });
            }
        }
        current = next;
        rounds += 1;
    }
}

/// Lints a parsed document and applies its fixes to it, over rounds like [`fix_text`].
#[must_use]
pub fn fix_value(value: &Value, options: &Options, unsafe_fixes: bool) -> (Value, Vec<Applied>) {
    let mut current = value.clone();
    let mut applied = Vec::new();
    for _ in 0..MAX_ROUNDS * 4 {
        let reports = crate::check_value(&current, options);
        let mut changed = false;
        let mut seen: Vec<&Fix> = Vec::new();
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            let Some(fix) = d.fix.as_ref().filter(|f| f.allowed(unsafe_fixes)) else {
                continue;
            };
            if seen.contains(&fix) {
                continue;
            }
            seen.push(fix);
            // An edit that moves array elements makes the other findings' paths stale: it is
            // applied alone, and the rest wait for the next round.
            let shifts = fix.edits.iter().any(Edit::shifts);
            if shifts && changed {
                break;
            }
            if value::apply(&mut current, &fix.edits).is_ok() {
                changed = true;
                applied.push(Applied {
                    code: d.code,
                    rule: d.rule,
                    message: d.message.clone(),
                    pointer: d.pointer.clone(),
                    fix: fix.clone(),
                });
                if shifts {
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    (current, applied)
}
