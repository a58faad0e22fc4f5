use std::cmp::Ordering;

use crate::diagnostic::Diagnostic;
use crate::duration::IsoDuration;
use crate::model::Policy;
use crate::rules::context::{RuleContext, Tier};
use crate::rules::declare_rule;
use crate::rules::helpers::{duration_phrase, intune_control, role_phrase};

declare_rule! {
    /// Activations may last longer than the limit for the role's tier.
    ///
    /// ## What it does
    /// Compares `maximumDuration` of `Expiration_EndUser_Assignment` with a limit that depends
    /// on the role: Global Administrator, other highly privileged roles, and the rest.
    ///
    /// ## Why it matters
    /// The longer an activation, the longer a stolen session holds the role. Microsoft's
    /// deployment plan uses 1 hour for Global Administrator, 2 hours for Exchange
    /// Administrator and 8 hours for Helpdesk Administrator. The Zero Trust assessment
    /// (51016) reads one role, Intune Administrator, and fails it above 8 hours; with the
    /// `zero-trust` profile the finding cites 51016 only there and only above `PT8H`.
    ///
    /// ## How to fix
    /// Lower the maximum; users can activate again when they need more time.
    ///
    /// ## Options
    /// `[rules.activation-too-long]`: `maximum` (default `PT8H`), `privileged-maximum`
    /// (`PT4H`), `global-administrator-maximum` (`PT2H`), ISO 8601 durations. Per-role limits go
    /// in `[[overrides]]`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": "PT24H", … }
    /// ```
    pub static ACTIVATION_TOO_LONG = ("PIM102", "activation-too-long", Activation, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(max) = policy
        .rules
        .expiration_end_user_assignment
        .as_ref()
        .and_then(|r| r.maximum_duration.as_ref())
    else {
        return;
    };
    let limits = &context.options.activation_too_long;
    let (limit, option) = match context.tier {
        Tier::GlobalAdministrator => (
            &limits.global_administrator_maximum,
            "global-administrator-maximum",
        ),
        Tier::Privileged => (&limits.privileged_maximum, "privileged-maximum"),
        Tier::Other | Tier::Unknown => (&limits.maximum, "maximum"),
    };
    if max.value.compare(limit).0 == Ordering::Greater {
        // Zero Trust 51016 allows Intune Administrator activations up to PT8H.
        let cited = if max.value.compare(&IsoDuration::hours(8)).0 == Ordering::Greater {
            intune_control(policy, context)
        } else {
            String::new()
        };
        out.push(
            Diagnostic::new(
                &ACTIVATION_TOO_LONG,
                format!(
                    "activation may last {}; the limit for {} is {}{}",
                    duration_phrase(&max.value),
                    role_phrase(context),
                    limit,
                    cited
                ),
                max.pointer.clone(),
            )
            .with_help(format!("set \"maximumDuration\": \"{limit}\" or less"))
            .with_fix(crate::fix::policy::shorten(max, limit))
            .with_note(format!(
                "the limit is the `{option}` option of activation-too-long"
            )),
        );
    }
}
