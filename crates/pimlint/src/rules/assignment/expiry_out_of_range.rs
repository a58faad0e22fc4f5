use std::cmp::Ordering;

use crate::diagnostic::{Diagnostic, Severity};
use crate::duration::IsoDuration;
use crate::model::{ExpirationRule, Policy, RuleId};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// An assignment maximum is zero, or longer than a year.
    ///
    /// ## What it does
    /// Checks `maximumDuration` of `Expiration_Admin_Eligibility` and
    /// `Expiration_Admin_Assignment` when an end is required: `PT0S` is an error (every admin
    /// request then fails `ExpirationRule`), more than one year a warning (the portal's
    /// longest choice; the API has accepted longer).
    ///
    /// ## Why it matters
    /// `PT0S` turns off admin assignments without saying so (EasyPIM's PT0S warning); values
    /// beyond a year cannot be shown or kept by the portal and surprise the next editor
    /// (microsoft-graph-docs #16359, terraform-provider-azurerm #22766).
    ///
    /// ## How to fix
    /// Use a maximum between `P15D` and `P365D`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_Admin_Assignment", "isExpirationRequired": true, "maximumDuration": "PT0S", … }
    /// ```
    pub static EXPIRY_OUT_OF_RANGE = ("PIM305", "expiry-out-of-range", Assignment, Error);
}

fn check_rule(id: RuleId, rule: &ExpirationRule, out: &mut Vec<Diagnostic>) {
    let (Some(true), Some(max)) = (
        rule.is_expiration_required.as_ref().map(|r| r.value),
        &rule.maximum_duration,
    ) else {
        return;
    };
    let what = if id == RuleId::ExpirationAdminEligibility {
        "eligible"
    } else {
        "active"
    };
    if max.value.is_zero() {
        out.push(
            Diagnostic::new(
                &EXPIRY_OUT_OF_RANGE,
                format!("{what} assignments may last PT0S: every admin {what} assignment request will fail ExpirationRule"),
                max.pointer.clone(),
            )
            .with_help("set a real maximum, e.g. P90D"),
        );
    } else if max.value.compare(&IsoDuration::days(365)).0 == Ordering::Greater
        && max
            .value
            .compare(&IsoDuration {
                years: 1,
                ..IsoDuration::default()
            })
            .0
            == Ordering::Greater
    {
        out.push(
            Diagnostic::new(
                &EXPIRY_OUT_OF_RANGE,
                format!("{what} assignments may last {}, more than the portal's longest choice of one year", max.value),
                max.pointer.clone(),
            )
            .with_severity(Severity::Warning)
            .with_help("set at most P365D"),
        );
    }
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(rule) = &policy.rules.expiration_admin_eligibility {
        check_rule(RuleId::ExpirationAdminEligibility, rule, out);
    }
    if let Some(rule) = &policy.rules.expiration_admin_assignment {
        check_rule(RuleId::ExpirationAdminAssignment, rule, out);
    }
}
