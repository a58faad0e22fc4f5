use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Policy;
use crate::rules::context::{Profile, RuleContext};
use crate::rules::declare_rule;
use crate::rules::helpers::{control, role_phrase};

declare_rule! {
    /// Active assignments may be permanent.
    ///
    /// ## What it does
    /// Flags `isExpirationRequired: false` on `Expiration_Admin_Assignment`: an error for
    /// highly privileged roles, a warning for the others.
    ///
    /// ## Why it matters
    /// A permanent active assignment is standing access, which PIM exists to remove. CISA
    /// SCuBA (MS.AAD.7.4) wants it prevented by policy for privileged roles, with exceptions
    /// only for emergency (break-glass) accounts.
    ///
    /// ## How to fix
    /// Set `isExpirationRequired: true`; keep emergency accounts' assignments outside PIM, or
    /// accept this policy with an `[[overrides]]` entry.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_Admin_Assignment", "isExpirationRequired": false, "maximumDuration": "P180D", … }
    /// ```
    pub static PERMANENT_ACTIVE_ALLOWED = ("PIM302", "permanent-active-allowed", Assignment, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = policy.rules.expiration_admin_assignment.as_ref() else {
        return;
    };
    let Some(flag) = rule.is_expiration_required.as_ref().filter(|f| !f.value) else {
        return;
    };
    let limits = &context.options.active_expiry_too_long;
    let limit = if context.tier.is_privileged() {
        &limits.privileged_maximum
    } else {
        &limits.maximum
    };
    let severity = if context.tier.is_privileged() {
        Severity::Error
    } else {
        Severity::Warning
    };
    out.push(
        Diagnostic::new(
            &PERMANENT_ACTIVE_ALLOWED,
            format!(
                "active assignments of {} may be permanent{}",
                role_phrase(context),
                control(
                    context,
                    &[
                        (Profile::CisaScuba, "MS.AAD.7.4"),
                        (Profile::CisM365, "CIS 5.3.1")
                    ]
                )
            ),
            flag.pointer.clone(),
        )
        .with_severity(severity)
        .with_help("set \"isExpirationRequired\": true with a maximumDuration")
        .with_fix(crate::fix::policy::require_expiration(rule, limit)),
    );
}
