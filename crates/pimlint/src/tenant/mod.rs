//! The tenant view: who holds which role, how (active or eligible, for how long, through PIM
//! or not), role definitions and PIM alerts — joined over every document of a run, and the
//! cross-object checks (`PIM6xx`) over the joins.

pub mod api;
pub mod groups;
pub mod index;
pub mod kinds;
pub mod limits;
pub mod model;

pub use index::{Origin, Place, Tenant};

use crate::DocumentReport;
use crate::config::Config;
use crate::rules::tenant::Finding;
use crate::rules::{Check, REGISTRY};

impl Tenant {
    /// Adds every readable document of one input's reports (`input` numbers the input).
    pub fn add_reports(&mut self, input: usize, reports: &[DocumentReport]) {
        for (i, report) in reports.iter().enumerate() {
            if let Some(document) = &report.document {
                let place = Place {
                    input,
                    document: i,
                    pointer: report.pointer.clone(),
                };
                let origin = Origin::default().converted(report.origins.as_deref());
                self.add_within(place, document, origin);
            }
        }
    }

    /// Runs every enabled tenant check; findings are configured (severity, per-role and
    /// per-scope overrides) and sorted by place.
    #[must_use]
    pub fn check(&self, config: &Config) -> Vec<Finding> {
        let mut found = Vec::new();
        for rule in REGISTRY {
            if let Check::Tenant(check) = rule.check {
                if config.is_enabled(rule.meta) {
                    check(self, config, &mut found);
                }
            }
        }
        found.retain_mut(|f| {
            let mut one = vec![f.diagnostic.clone()];
            config.apply(&mut one, f.role.as_deref(), f.scope.as_deref());
            match one.pop() {
                Some(d) => {
                    f.diagnostic = d;
                    true
                }
                None => false,
            }
        });
        found.sort_by(|a, b| a.place.cmp(&b.place));
        found
    }
}

/// Joins the documents of every input of a run and adds each tenant finding to the report of
/// the document it is about, and the findings on the member policies of groups that hold a
/// privileged role ([`groups`]). `inputs` are the reports of each input, in the run's order.
pub fn check_run(inputs: &mut [&mut Vec<DocumentReport>], config: &Config) {
    let mut tenant = Tenant::new();
    for (i, reports) in inputs.iter().enumerate() {
        tenant.add_reports(i, reports);
    }
    for finding in tenant.check(config) {
        if let Some(report) = inputs
            .get_mut(finding.place.input)
            .and_then(|r| r.get_mut(finding.place.document))
        {
            report.diagnostics.push(finding.diagnostic);
        }
    }
    groups::check_run(&tenant, inputs, config);
}

pub mod verdict;
