//! `pimlint check --fix`, `--unsafe-fixes` and `--diff`: apply the fixes findings carry to the
//! files, at the located spans, and never leave a half-written file.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use pimlint::fix::encoding::Encoding;
use pimlint::fix::{Applied, FixError, Fixed};
use pimlint::{Options, Severity};

use crate::inputs::Source;

/// The fix flags of `check`.
#[derive(Debug, clap::Args)]
pub struct FixArgs {
    /// Apply the safe fixes to the files in place, then report what is left. Standard input
    /// is printed fixed.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff, apply unsafe fixes too: they change settings (shorten an
    /// activation, require MFA, turn approval on), so review them.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff instead of writing them; exit 1 if there are any.
    #[arg(long)]
    pub diff: bool,
}

/// What the fix flags ask for, for one input.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
    /// Print a unified diff instead of writing.
    pub diff: bool,
    /// Read NDJSON: one document a line.
    pub ndjson: bool,
}

/// What fixing one input did.
#[derive(Debug, Default)]
pub struct Tally {
    /// Fixes applied (or that would be, with `--diff`).
    pub fixed: usize,
    /// Files changed (or that would be).
    pub files: usize,
    /// Inputs that could not be fixed (unreadable, or the fixes would break the JSON).
    pub failed: usize,
    /// Findings at warning or above left after fixing standard input.
    pub remaining: usize,
    /// Fixes left for `--unsafe-fixes`.
    pub unsafe_left: usize,
}

/// Fixes one input: a file is rewritten in place (or its diff printed), standard input is
/// printed fixed.
pub fn fix_source(source: &Source, options: &Options, mode: Mode, tally: &mut Tally) {
    let name = source.display();
    let bytes = match source.read() {
        Ok(b) => b,
        Err(e) => {
            crate::warn(&format!(
                "pimlint: {name}: cannot read: {}",
                crate::inputs::io_message(&e)
            ));
            tally.failed += 1;
            return;
        }
    };
    let encoding = Encoding::detect(&bytes);
    let text = match pimlint::decode(&bytes) {
        Ok(t) => t.into_owned(),
        Err(e) => {
            crate::warn(&format!("pimlint: {name}: {e}"));
            tally.failed += 1;
            return;
        }
    };
    let result = if mode.ndjson {
        fix_lines(&text, options, mode.unsafe_fixes)
    } else {
        if let Ok(value) = pimlint::parse_json(&text) {
            if let Some(why) = pimlint::fix::converted_from(&value, options) {
                crate::warn(&format!("pimlint: {name}: no fix is applied: {why}"));
                return;
            }
        }
        pimlint::fix::fix_text(&text, options, mode.unsafe_fixes)
    };
    let fixed = match result {
        Ok(f) => f,
        // Unreadable input is reported by the check that follows.
        Err(FixError::Input(_)) => return,
        Err(e) => {
            crate::warn(&format!("pimlint: {name}: {e}"));
            tally.failed += 1;
            return;
        }
    };
    tally.unsafe_left += fixed
        .remaining_fixes()
        .filter(|d| d.fix.as_ref().is_some_and(|f| !f.allowed(false)))
        .count();
    if matches!(source, Source::Stdin) && !mode.diff {
        tally.fixed += fixed.applied.len();
        tally.remaining += fixed
            .reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.severity >= Severity::Warning)
            .count();
        crate::emit(&fixed.text);
        return;
    }
    if !fixed.changed() {
        if mode.diff {
            let reasons = not_applied(&fixed);
            if !reasons.is_empty() {
                crate::emit(&reasons);
            }
        }
        return;
    }
    tally.fixed += fixed.applied.len();
    tally.files += 1;
    if mode.diff {
        crate::emit(&diff(&name, &text, &fixed));
        return;
    }
    let Source::File(path) = source else {
        return;
    };
    if let Err(e) = write_atomically(path, &encoding.encode(&fixed.text)) {
        crate::warn(&format!(
            "pimlint: {name}: cannot write the fixed file: {e}"
        ));
        tally.failed += 1;
    }
}

/// Fixes an NDJSON text one line at a time; blank lines and line ends stay as they are.
fn fix_lines(text: &str, options: &Options, unsafe_fixes: bool) -> Result<Fixed, FixError> {
    let mut out = String::with_capacity(text.len());
    let mut applied: Vec<Applied> = Vec::new();
    let mut reports = Vec::new();
    let mut rounds = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            out.push_str(line);
            continue;
        }
        let fixed = pimlint::fix::fix_text(body, options, unsafe_fixes)?;
        out.push_str(&fixed.text);
        out.push_str(&line[body.len()..]);
        applied.extend(fixed.applied);
        reports.extend(fixed.reports);
        rounds = rounds.max(fixed.rounds);
    }
    Ok(Fixed {
        text: out,
        applied,
        reports,
        rounds,
    })
}

/// A line per finding whose fix is not made in this file (a converted input), with why.
fn not_applied(fixed: &Fixed) -> String {
    let mut out = String::new();
    for d in fixed.reports.iter().flat_map(|r| &r.diagnostics) {
        if let Some(why) = &d.fix_not_applied {
            let _ = writeln!(out, "# {} at {}: not applied: {why}", d.code, d.pointer);
        }
    }
    out
}

/// A unified diff of the fix (`git apply` reads it), after a line per applied fix.
fn diff(name: &str, before: &str, fixed: &Fixed) -> String {
    let mut out = String::new();
    for applied in &fixed.applied {
        let _ = writeln!(
            out,
            "# {} at {} ({}): {}",
            applied.code,
            applied.pointer,
            applied.fix.applicability.as_str(),
            applied.fix.message
        );
    }
    out.push_str(&not_applied(fixed));
    let path = name.trim_start_matches('/');
    let _ = write!(
        out,
        "{}",
        similar::TextDiff::from_lines(before, &fixed.text)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{path}"), &format!("b/{path}"))
    );
    out
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: the file is
/// either the old one or the new one, never half of each. Permissions are kept.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        file.as_file().set_permissions(meta.permissions())?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The line `--fix` and `--diff` end with, on standard error.
pub fn summary(tally: &Tally, mode: Mode) -> String {
    let applied = crate::output::plural(tally.fixed, "fix", "fixes");
    let changed = crate::output::plural(tally.files, "file", "files");
    let mut line = if mode.diff {
        format!("Would apply {applied} to {changed}.")
    } else {
        format!("Applied {applied} to {changed}.")
    };
    if tally.unsafe_left > 0 && !mode.unsafe_fixes {
        let _ = write!(
            line,
            " {} more with --unsafe-fixes (they change settings: review them).",
            crate::output::plural(tally.unsafe_left, "fix", "fixes")
        );
    }
    line
}

/// A finding's fix as SARIF `fixes`: one artifact change of the file, a replacement per
/// edit, with regions by line and column (in characters, like the results' regions).
pub fn sarif_fixes(
    path: &str,
    locator: Option<&pimlint::Locator<'_>>,
    d: &pimlint::Diagnostic,
) -> Option<Vec<serde_sarif::sarif::Fix>> {
    use serde_sarif::sarif::{
        ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Message, Region, Replacement,
    };
    let fix = d.fix.as_ref()?;
    let locator = locator?;
    let splices = pimlint::fix::text::splices(locator.text(), fix)?;
    let as_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let replacements = splices
        .into_iter()
        .map(|s| {
            let (start, end) = (locator.line_col(s.start), locator.line_col(s.end));
            let region = Region::builder()
                .start_line(as_i64(start.line))
                .start_column(as_i64(start.column))
                .end_line(as_i64(end.line))
                .end_column(as_i64(end.column))
                .build();
            Replacement::builder()
                .deleted_region(region)
                .inserted_content(ArtifactContent::builder().text(s.with).build())
                .build()
        })
        .collect::<Vec<_>>();
    Some(vec![
        Fix::builder()
            .description(
                Message::builder()
                    .text(format!(
                        "{} ({} fix)",
                        fix.message,
                        fix.applicability.as_str()
                    ))
                    .build(),
            )
            .artifact_changes(vec![
                ArtifactChange::builder()
                    .artifact_location(ArtifactLocation::builder().uri(path).build())
                    .replacements(replacements)
                    .build(),
            ])
            .build(),
    ])
}
