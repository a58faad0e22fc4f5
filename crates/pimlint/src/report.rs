//! An assessment against a baseline: for each of its controls, whether the checked documents
//! pass, fail or cannot show it, with the failing objects. Rendering (HTML, Markdown) is the
//! front end's.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::DocumentReport;
use crate::baselines::{Baseline, Control, Roles, Status, rule_exists};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Provider};
use crate::roles::{self, GLOBAL_ADMINISTRATOR};

/// One checked file.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Its name as shown.
    pub path: &'a str,
    /// Its documents.
    pub documents: &'a [DocumentReport],
}

/// A control's verdict over the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every policy it reads passes.
    Pass,
    /// At least one finding of its rules.
    Fail,
    /// The inputs cannot show it (no policy it reads, tenant data needed, rule turned off).
    NotAssessable,
}

impl Verdict {
    /// The words the report uses.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::NotAssessable => "not assessable",
        }
    }
}

/// A failing object: one finding of a control's rule.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// The file.
    pub path: String,
    /// The role (or group) the document is about.
    pub role: String,
    /// The finding.
    pub diagnostic: Diagnostic,
}

/// One control's result.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ControlResult {
    /// The control.
    pub control: Control,
    /// The verdict.
    pub verdict: Verdict,
    /// Policies it read that pass.
    pub passed: usize,
    /// Policies it read that fail (or, for tenant checks, findings).
    pub failed: usize,
    /// Why it is not assessable, when it is not.
    pub reason: Option<String>,
    /// The failing objects.
    pub failures: Vec<Failure>,
}

/// The whole assessment.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// The baseline.
    pub baseline: Baseline,
    /// Its title.
    pub title: &'static str,
    /// The profile the rules ran with.
    pub profile: &'static str,
    /// Files read.
    pub files: usize,
    /// Policy documents read.
    pub policies: usize,
    /// Documents that could not be read, with why.
    pub unreadable: Vec<(String, String)>,
    /// Per control, in the baseline's order.
    pub controls: Vec<ControlResult>,
    /// Every finding of the run, by severity.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Every finding of the run, by role (most first).
    pub by_role: Vec<(String, usize)>,
}

impl Assessment {
    /// Controls with each verdict: (pass, fail, not assessable).
    #[must_use]
    pub fn totals(&self) -> (usize, usize, usize) {
        let count = |v| self.controls.iter().filter(|c| c.verdict == v).count();
        (
            count(Verdict::Pass),
            count(Verdict::Fail),
            count(Verdict::NotAssessable),
        )
    }
}

/// A policy's role template id, when the document says it (Entra and Azure roles only).
fn template_id(document: &DocumentReport) -> Option<(&str, Option<bool>)> {
    match document.document.as_ref()? {
        Document::Policy(p) if p.provider != Provider::Groups => p
            .role
            .as_ref()
            .map(|r| (r.template_id.as_str(), r.is_privileged)),
        _ => None,
    }
}

fn reads(control: &Control, config: &Config, role: Option<(&str, Option<bool>)>) -> bool {
    let Some((id, label)) = role else {
        return false;
    };
    match control.roles {
        Roles::Only(ids) => ids.iter().any(|r| r.eq_ignore_ascii_case(id)),
        Roles::Privileged => config.is_privileged(id, label),
        Roles::PrivilegedExceptGlobalAdministrator => {
            !id.eq_ignore_ascii_case(GLOBAL_ADMINISTRATOR) && config.is_privileged(id, label)
        }
        Roles::Groups(_) | Roles::None => false,
    }
}

fn role_label(document: &DocumentReport) -> String {
    if let Some(Document::Policy(p)) = &document.document {
        if p.provider == Provider::Groups {
            let group = p.scope.as_ref().map_or("?", |s| s.value.as_str());
            return match p.role.as_ref().map(|r| r.id.value.as_str()) {
                Some("owner") => format!("owners of group {group}"),
                Some("member") => format!("members of group {group}"),
                _ => format!("group {group}"),
            };
        }
    }
    document
        .role
        .clone()
        .unwrap_or_else(|| match template_id(document) {
            Some((id, _)) => roles::name_of(id).map_or_else(|| id.to_owned(), str::to_owned),
            None => "(role not named in the document)".to_owned(),
        })
}

/// Assesses the checked files against a baseline; `config` is the configuration they were
/// checked with.
#[must_use]
pub fn assess(baseline: Baseline, config: &Config, inputs: &[Input<'_>]) -> Assessment {
    let mut by_severity = BTreeMap::new();
    let mut by_role: BTreeMap<String, usize> = BTreeMap::new();
    let mut unreadable = Vec::new();
    let mut policies = 0;
    for input in inputs {
        for doc in input.documents {
            if let Some(error) = &doc.error {
                unreadable.push((input.path.to_owned(), error.clone()));
            }
            if matches!(doc.document, Some(Document::Policy(_))) {
                policies += 1;
            }
            for d in &doc.diagnostics {
                *by_severity.entry(d.severity).or_insert(0) += 1;
                *by_role.entry(role_label(doc)).or_insert(0) += 1;
            }
        }
    }
    let controls = baseline
        .controls()
        .iter()
        .map(|control| assess_control(control, config, inputs))
        .collect();
    let mut by_role: Vec<(String, usize)> = by_role.into_iter().collect();
    by_role.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Assessment {
        baseline,
        title: baseline.title(),
        profile: config.profile.as_str(),
        files: inputs.len(),
        policies,
        unreadable,
        controls,
        by_severity,
        by_role,
    }
}

fn assess_control(control: &Control, config: &Config, inputs: &[Input<'_>]) -> ControlResult {
    let mut result = ControlResult {
        control: *control,
        verdict: Verdict::NotAssessable,
        passed: 0,
        failed: 0,
        reason: None,
        failures: Vec::new(),
    };
    let off: Vec<&str> = control
        .rules
        .iter()
        .filter(|code| crate::rules::lookup(code).is_some_and(|r| !config.is_enabled(r.meta)))
        .copied()
        .collect();
    if let Roles::Groups(roles) = control.roles {
        assess_groups(&mut result, roles, config, inputs, &off);
        return result;
    }
    for input in inputs {
        for doc in input.documents {
            let role = template_id(doc);
            let in_scope = control.roles == Roles::None || reads(control, config, role);
            if !in_scope {
                continue;
            }
            let found: Vec<&Diagnostic> = doc
                .diagnostics
                .iter()
                .filter(|d| control.rules.contains(&d.code))
                // A control that reads no policy is a tenant check: only tenant findings count.
                .filter(|d| control.roles != Roles::None || d.code.starts_with("PIM6"))
                .collect();
            if control.roles != Roles::None {
                if found.is_empty() {
                    result.passed += 1;
                } else {
                    result.failed += 1;
                }
            } else if !found.is_empty() {
                result.failed += found.len();
            }
            result.failures.extend(found.into_iter().map(|d| Failure {
                path: input.path.to_owned(),
                role: role_label(doc),
                diagnostic: d.clone(),
            }));
        }
    }
    if !result.failures.is_empty() {
        result.verdict = Verdict::Fail;
    } else if !off.is_empty() {
        result.reason = Some(format!("the configuration turns off {}", off.join(", ")));
    } else if control.roles == Roles::None
        && control
            .rules
            .iter()
            .any(|c| c.starts_with("PIM6") && rule_exists(c))
        && has_tenant_data(control, inputs)
    {
        // A tenant check over an export that holds what it reads, and it found nothing.
        result.verdict = Verdict::Pass;
    } else if control.roles == Roles::None || control.rules.iter().all(|c| !rule_exists(c)) {
        result.reason = Some(match control.status {
            Status::NotApplicableOffline => control.reason.to_owned(),
            _ => format!("needs tenant data: {}", control.reason),
        });
    } else if result.passed == 0 {
        result.reason = Some("no policy of the roles it reads is among the inputs".to_owned());
    } else {
        result.verdict = Verdict::Pass;
    }
    result
}

/// Whether the inputs hold what a tenant control reads: PIM alerts for the alert check, who
/// holds which role for the others.
fn has_tenant_data(control: &Control, inputs: &[Input<'_>]) -> bool {
    let alerts = control.rules.contains(&"PIM610");
    inputs.iter().flat_map(|i| i.documents).any(|d| {
        matches!(
            (&d.document, alerts),
            (Some(Document::Alert(_)), true) | (Some(Document::Schedule(_)), false)
        )
    })
}

/// A control over the member policies of groups that hold its roles: each (group, role) the
/// run links is one object, failing when the role's rules found something on the policy.
fn assess_groups(
    result: &mut ControlResult,
    roles: &Roles,
    config: &Config,
    inputs: &[Input<'_>],
    off: &[&str],
) {
    let control = result.control;
    for input in inputs {
        for doc in input.documents {
            for held in &doc.group_roles {
                if !reads(
                    &Control {
                        roles: *roles,
                        ..control
                    },
                    config,
                    Some((&held.role, None)),
                ) {
                    continue;
                }
                let found: Vec<&Diagnostic> = held
                    .diagnostics
                    .iter()
                    .filter(|d| control.rules.contains(&d.code))
                    .collect();
                if found.is_empty() {
                    result.passed += 1;
                } else {
                    result.failed += 1;
                }
                result.failures.extend(found.into_iter().map(|d| Failure {
                    path: input.path.to_owned(),
                    role: held.label(),
                    diagnostic: d.clone(),
                }));
            }
        }
    }
    if !result.failures.is_empty() {
        result.verdict = Verdict::Fail;
    } else if !off.is_empty() {
        result.reason = Some(format!("the configuration turns off {}", off.join(", ")));
    } else if result.passed == 0 {
        result.reason = Some(format!(
            "no PIM for Groups group among the inputs is linked to a role it reads; {}",
            control.reason
        ));
    } else {
        result.verdict = Verdict::Pass;
    }
}
