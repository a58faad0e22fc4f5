//! The assessment as Markdown, for pull requests and wikis.

use std::fmt::Write as _;

use pimlint::report::{Assessment, Verdict};

use super::Values;

/// Escapes what would break a table cell or inline formatting.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn code(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    // A code span cannot hold its own fence; doubled backticks can hold single ones.
    let fence = if text.contains('`') { "``" } else { "`" };
    format!(
        "{fence} {} {fence}",
        text.replace('|', "\\|").replace('\n', " ")
    )
}

fn mark(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "✅ pass",
        Verdict::Fail => "❌ fail",
        Verdict::NotAssessable => "➖ not assessable",
    }
}

pub fn render(a: &Assessment, values: &Values) -> String {
    let mut out = String::new();
    let (pass, fail, na) = a.totals();
    let _ = writeln!(out, "# pimlint assessment: {}\n", a.title);
    let _ = writeln!(
        out,
        "Profile `{}` · {} file{} · {} polic{} · **{pass} pass, {fail} fail, {na} not assessable** of {} controls.\n",
        a.profile,
        a.files,
        if a.files == 1 { "" } else { "s" },
        a.policies,
        if a.policies == 1 { "y" } else { "ies" },
        a.controls.len()
    );
    let _ = writeln!(out, "## Controls\n");
    let _ = writeln!(
        out,
        "| Control | Level | Result | Policies passing | Policies failing | Rules |"
    );
    let _ = writeln!(out, "|---|---|---|---:|---:|---|");
    for c in &a.controls {
        let _ = writeln!(
            out,
            "| {} — {} | {} | {} | {} | {} | {} |",
            cell(c.control.id),
            cell(c.control.title),
            c.control.level,
            mark(c.verdict),
            c.passed,
            c.failed,
            if c.control.rules.is_empty() {
                "—".to_owned()
            } else {
                c.control.rules.join(", ")
            }
        );
    }
    let failing: Vec<_> = a
        .controls
        .iter()
        .filter(|c| c.verdict == Verdict::Fail)
        .collect();
    if !failing.is_empty() {
        let _ = writeln!(out, "\n## Failing controls");
        for c in failing {
            let _ = writeln!(
                out,
                "\n### {} — {}\n",
                cell(c.control.id),
                cell(c.control.title)
            );
            let _ = writeln!(out, "{}\n", c.control.semantics);
            let _ = writeln!(out, "| Role | File | Rule | Value | Finding | How to fix |");
            let _ = writeln!(out, "|---|---|---|---|---|---|");
            for f in &c.failures {
                let d = &f.diagnostic;
                let value = values.at(&f.path, &d.pointer.text()).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "| {} | {} {} | {} {} ({}) | {} | {} | {} |",
                    cell(&f.role),
                    cell(&f.path),
                    code(&d.pointer.text()),
                    d.code,
                    d.rule,
                    d.severity,
                    code(&value),
                    cell(&d.message),
                    cell(d.help.as_deref().unwrap_or(""))
                );
            }
        }
    }
    let not_assessable: Vec<_> = a
        .controls
        .iter()
        .filter(|c| c.verdict == Verdict::NotAssessable)
        .collect();
    if !not_assessable.is_empty() {
        let _ = writeln!(out, "\n## Not assessable from these inputs\n");
        for c in not_assessable {
            let _ = writeln!(
                out,
                "- **{}**: {}",
                cell(c.control.id),
                c.reason.as_deref().unwrap_or("")
            );
        }
    }
    let _ = writeln!(out, "\n## Findings of the run\n");
    let _ = writeln!(out, "| Severity | Findings |");
    let _ = writeln!(out, "|---|---:|");
    for (severity, n) in a.by_severity.iter().rev() {
        let _ = writeln!(out, "| {severity} | {n} |");
    }
    if !a.by_role.is_empty() {
        let _ = writeln!(out, "\n| Role | Findings |");
        let _ = writeln!(out, "|---|---:|");
        for (role, n) in &a.by_role {
            let _ = writeln!(out, "| {} | {n} |", cell(role));
        }
    }
    if !a.unreadable.is_empty() {
        let _ = writeln!(out, "\n## Unreadable inputs\n");
        for (path, why) in &a.unreadable {
            let _ = writeln!(out, "- {}: {}", cell(path), cell(why));
        }
    }
    out
}
