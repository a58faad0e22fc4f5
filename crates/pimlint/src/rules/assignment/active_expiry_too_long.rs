use std::cmp::Ordering;

use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::{duration_phrase, role_phrase};

declare_rule! {
    /// Active (time-bound) assignments may last longer than the limit for the role.
    ///
    /// ## What it does
    /// Compares `maximumDuration` of `Expiration_Admin_Assignment` (when an end is required)
    /// with a limit: `P30D` for highly privileged roles, `P180D` (the service's default) for
    /// others.
    ///
    /// ## Why it matters
    /// Active assignments skip activation, MFA and approval; the longer they last, the closer
    /// they are to standing access.
    ///
    /// ## How to fix
    /// Lower `maximumDuration`, and prefer eligible assignments.
    ///
    /// ## Options
    /// `[rules.active-expiry-too-long]`: `maximum` (`P180D`), `privileged-maximum` (`P30D`).
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_Admin_Assignment", "isExpirationRequired": true, "maximumDuration": "P180D", … }
    /// ```
    pub static ACTIVE_EXPIRY_TOO_LONG = ("PIM304", "active-expiry-too-long", Assignment, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = &policy.rules.expiration_admin_assignment else {
        return;
    };
    let (Some(true), Some(max)) = (
        rule.is_expiration_required.as_ref().map(|r| r.value),
        &rule.maximum_duration,
    ) else {
        return;
    };
    if max.value.is_zero() {
        return; // expiry-out-of-range reports PT0S
    }
    let limits = &context.options.active_expiry_too_long;
    let limit = if context.tier.is_privileged() {
        &limits.privileged_maximum
    } else {
        &limits.maximum
    };
    if max.value.compare(limit).0 == Ordering::Greater {
        out.push(
            Diagnostic::new(
                &ACTIVE_EXPIRY_TOO_LONG,
                format!(
                    "active assignments may last {}; the limit for {} is {limit}",
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
