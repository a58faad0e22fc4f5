use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::role_phrase;

declare_rule! {
    /// Eligible assignments may be permanent.
    ///
    /// ## What it does
    /// Flags `isExpirationRequired: false` on `Expiration_Admin_Eligibility`: a warning for
    /// highly privileged roles, info for the others.
    ///
    /// ## Why it matters
    /// Eligibility that never ends outlives the need for it; Microsoft's deployment plan has
    /// eligible assignments of privileged roles expire after 3 months, renewed by review.
    ///
    /// ## How to fix
    /// Set `isExpirationRequired: true` with a `maximumDuration` (`P90D` for privileged roles).
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_Admin_Eligibility", "isExpirationRequired": false, "maximumDuration": "P365D", … }
    /// ```
    pub static PERMANENT_ELIGIBLE_ALLOWED = ("PIM301", "permanent-eligible-allowed", Assignment, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = policy.rules.expiration_admin_eligibility.as_ref() else {
        return;
    };
    let Some(flag) = rule.is_expiration_required.as_ref().filter(|f| !f.value) else {
        return;
    };
    let limits = &context.options.eligible_expiry_too_long;
    let limit = if context.tier.is_privileged() {
        &limits.privileged_maximum
    } else {
        &limits.maximum
    };
    let severity = if context.tier.is_privileged() {
        Severity::Warning
    } else {
        Severity::Info
    };
    out.push(
        Diagnostic::new(
            &PERMANENT_ELIGIBLE_ALLOWED,
            format!(
                "eligible assignments of {} may be permanent",
                role_phrase(context)
            ),
            flag.pointer.clone(),
        )
        .with_severity(severity)
        .with_help("set \"isExpirationRequired\": true with a maximumDuration such as P90D")
        .with_fix(crate::fix::policy::require_expiration(rule, limit)),
    );
}
