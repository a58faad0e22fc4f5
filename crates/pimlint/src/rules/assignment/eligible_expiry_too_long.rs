use std::cmp::Ordering;

use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::{duration_phrase, role_phrase};

declare_rule! {
    /// Eligible assignments may last longer than the limit for the role.
    ///
    /// ## What it does
    /// Compares `maximumDuration` of `Expiration_Admin_Eligibility` (when an end is required)
    /// with a limit: `P90D` for highly privileged roles, `P365D` for others.
    ///
    /// ## Why it matters
    /// Eligibility should be re-confirmed regularly; Microsoft's plan uses 3 months for
    /// privileged roles.
    ///
    /// ## How to fix
    /// Lower `maximumDuration`, and renew eligibility through access reviews.
    ///
    /// ## Options
    /// `[rules.eligible-expiry-too-long]`: `maximum` (`P365D`), `privileged-maximum` (`P90D`).
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_Admin_Eligibility", "isExpirationRequired": true, "maximumDuration": "P365D", … }
    /// ```
    pub static ELIGIBLE_EXPIRY_TOO_LONG = ("PIM303", "eligible-expiry-too-long", Assignment, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = &policy.rules.expiration_admin_eligibility else {
        return;
    };
    let (Some(true), Some(max)) = (
        rule.is_expiration_required.as_ref().map(|r| r.value),
        &rule.maximum_duration,
    ) else {
        return;
    };
    let limits = &context.options.eligible_expiry_too_long;
    let limit = if context.tier.is_privileged() {
        &limits.privileged_maximum
    } else {
        &limits.maximum
    };
    if max.value.compare(limit).0 == Ordering::Greater {
        out.push(
            Diagnostic::new(
                &ELIGIBLE_EXPIRY_TOO_LONG,
                format!(
                    "eligible assignments may last {}; the limit for {} is {limit}",
                    duration_phrase(&max.value),
                    role_phrase(context)
                ),
                max.pointer.clone(),
            )
            .with_help(format!("set \"maximumDuration\": \"{limit}\" or less"))
            .with_fix(crate::fix::policy::shorten(max, limit)),
        );
    }
}
