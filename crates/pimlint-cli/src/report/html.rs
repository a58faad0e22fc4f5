//! The assessment as one self-contained HTML page: inline styles, inline SVG charts, no
//! script and nothing fetched. Every value from the input is escaped.

use std::fmt::Write as _;

use pimlint::Severity;
use pimlint::report::{Assessment, Verdict};

use super::Values;

const TEMPLATE: &str = include_str!("template.html");

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text and shows its `code` spans (as rule ids and members are written in messages
/// and semantics) as code.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let parts: Vec<&str> = text.split('`').collect();
    // An odd number of parts means the backticks pair up.
    let paired = parts.len() % 2 == 1;
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 && paired {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            if i > 0 && !paired {
                out.push('`');
            }
            out.push_str(&escape(part));
        }
    }
    out
}

/// Fills the `{{NAME}}` markers of the template in one pass, so a value can never be taken
/// for a marker.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let name = &after[..end];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[start..start + 4 + end]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn verdict(v: Verdict) -> String {
    let class = match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::NotAssessable => "not-assessable",
    };
    format!("<span class=\"verdict {class}\">{}</span>", v.as_str())
}

fn anchor(id: &str) -> String {
    let slug: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("control-{slug}")
}

/// A horizontal bar chart.
fn bars(title: &str, rows: &[(String, usize, &str)]) -> String {
    let label_width = 220;
    let bar_width = 260;
    let row_height = 24;
    let height = row_height * rows.len().max(1) + 8;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<figure><figcaption>{}</figcaption><svg role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(title),
        escape(title),
        label_width + bar_width + 60,
        label_width + bar_width + 60
    );
    if rows.is_empty() {
        let _ = write!(svg, "<text x=\"0\" y=\"16\">no findings</text>");
    }
    for (i, (label, n, color)) in rows.iter().enumerate() {
        let y = i * row_height + 4;
        let w = (bar_width * n).div_ceil(max).max(1);
        let short: String = if label.chars().count() > 32 {
            format!("{}…", label.chars().take(31).collect::<String>())
        } else {
            label.clone()
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{}\" y=\"{y}\" width=\"{w}\" height=\"16\" rx=\"2\" fill=\"{color}\"><title>{}: {n}</title></rect><text x=\"{}\" y=\"{}\">{n}</text>",
            label_width - 8,
            y + 13,
            escape(&short),
            label_width,
            escape(label),
            label_width + w + 6,
            y + 13
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Error => "#cf222e",
        Severity::Warning => "#bf8700",
        Severity::Info => "#0969da",
    }
}

pub fn render(a: &Assessment, values: &Values) -> String {
    let (pass, fail, na) = a.totals();
    let meta = format!(
        "Profile <code>{}</code> · {} file{} · {} polic{} · {} controls",
        escape(a.profile),
        a.files,
        if a.files == 1 { "" } else { "s" },
        a.policies,
        if a.policies == 1 { "y" } else { "ies" },
        a.controls.len()
    );
    let tiles = format!(
        "<div class=\"tiles\"><div class=\"tile pass\"><b>{pass}</b>controls pass</div><div class=\"tile fail\"><b>{fail}</b>controls fail</div><div class=\"tile na\"><b>{na}</b>not assessable</div></div>"
    );
    let mut controls = String::from(
        "<table><thead><tr><th>Control</th><th>Level</th><th>Result</th><th>Policies passing</th><th>Policies failing</th><th>Rules</th></tr></thead><tbody>",
    );
    for c in &a.controls {
        let id = if c.verdict == Verdict::Fail {
            format!(
                "<a href=\"#{}\">{}</a>",
                anchor(c.control.id),
                escape(c.control.id)
            )
        } else {
            escape(c.control.id)
        };
        let _ = write!(
            controls,
            "<tr><td>{id}<br>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(c.control.title),
            escape(c.control.level),
            verdict(c.verdict),
            c.passed,
            c.failed,
            escape(&c.control.rules.join(", "))
        );
    }
    controls.push_str("</tbody></table>");
    let mut failures = String::new();
    for c in a.controls.iter().filter(|c| c.verdict == Verdict::Fail) {
        let _ = write!(
            failures,
            "<section id=\"{}\"><h3>{} — {}</h3><p class=\"semantics\">{}</p><table><thead><tr><th>Role</th><th>File and place</th><th>Rule</th><th>Value</th><th>Finding</th><th>How to fix</th></tr></thead><tbody>",
            anchor(c.control.id),
            escape(c.control.id),
            escape(c.control.title),
            prose(c.control.semantics)
        );
        for f in &c.failures {
            let d = &f.diagnostic;
            let value = values.at(&f.path, &d.pointer.text()).unwrap_or_default();
            let _ = write!(
                failures,
                "<tr><td>{}</td><td>{}<br><code>{}</code></td><td class=\"sev-{}\">{} {}<br>{}</td><td><code class=\"value\">{}</code></td><td>{}</td><td>{}</td></tr>",
                escape(&f.role),
                escape(&f.path),
                escape(&d.pointer.text()),
                d.severity,
                escape(d.code),
                escape(d.rule),
                d.severity,
                escape(&value),
                prose(&d.message),
                prose(d.help.as_deref().unwrap_or(""))
            );
        }
        failures.push_str("</tbody></table></section>");
    }
    if failures.is_empty() {
        failures.push_str("<p>No control fails.</p>");
    }
    let mut not_assessable = String::from("<ul>");
    for c in a
        .controls
        .iter()
        .filter(|c| c.verdict == Verdict::NotAssessable)
    {
        let _ = write!(
            not_assessable,
            "<li><b>{}</b>: {}</li>",
            escape(c.control.id),
            prose(c.reason.as_deref().unwrap_or(""))
        );
    }
    not_assessable.push_str("</ul>");
    let severities: Vec<(String, usize, &str)> = a
        .by_severity
        .iter()
        .rev()
        .map(|(s, n)| (s.to_string(), *n, severity_color(*s)))
        .collect();
    let roles: Vec<(String, usize, &str)> = a
        .by_role
        .iter()
        .map(|(r, n)| (r.clone(), *n, "#57606a"))
        .collect();
    let charts = format!(
        "{}{}",
        bars("Findings by severity", &severities),
        bars("Findings by role", &roles)
    );
    let unreadable = if a.unreadable.is_empty() {
        String::new()
    } else {
        let mut s = String::from("<h2 id=\"unreadable\">Unreadable inputs</h2><ul>");
        for (path, why) in &a.unreadable {
            let _ = write!(s, "<li>{}: {}</li>", escape(path), escape(why));
        }
        s.push_str("</ul>");
        s
    };
    fill(
        TEMPLATE,
        &[
            ("VERSION", escape(pimlint::VERSION)),
            ("TITLE", escape(a.title)),
            ("META", meta),
            ("TILES", tiles),
            ("CONTROLS", controls),
            ("FAILURES", failures),
            ("NOT_ASSESSABLE", not_assessable),
            ("CHARTS", charts),
            ("UNREADABLE", unreadable),
            ("SOURCE", escape(a.baseline.source())),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_fills_once() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let out = fill(
            "a {{X}} b {{Y}} {{Z}}",
            &[("X", "{{Y}}".to_owned()), ("Y", "y".to_owned())],
        );
        assert_eq!(out, "a {{Y}} b y {{Z}}");
        assert_eq!(
            prose("`a<b>` and `c`"),
            "<code>a&lt;b&gt;</code> and <code>c</code>"
        );
        assert_eq!(prose("one ` tick"), "one ` tick");
    }
}
