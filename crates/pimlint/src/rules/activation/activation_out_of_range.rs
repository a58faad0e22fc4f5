use std::cmp::Ordering;

use crate::diagnostic::Diagnostic;
use crate::duration::IsoDuration;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::duration_phrase;

declare_rule! {
    /// The maximum activation duration is outside what the service accepts: under 30 minutes
    /// or over 24 hours.
    ///
    /// ## What it does
    /// Checks `maximumDuration` of `Expiration_EndUser_Assignment` against the service's range,
    /// `PT30M` to `PT24H` (`P1D`) inclusive.
    ///
    /// ## Why it matters
    /// The portal offers half an hour to 24 hours and the service rejects values outside that
    /// range; a policy-as-code file with `PT25H` or `PT15M` fails at deployment
    /// (azure-docs #51581 on the 30-minute minimum).
    ///
    /// ## How to fix
    /// Pick a maximum between `PT30M` and `PT24H`; Microsoft's guidance is 1 to 8 hours.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": "PT48H", … }
    /// ```
    pub static ACTIVATION_OUT_OF_RANGE = ("PIM101", "activation-out-of-range", Activation, Error);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(max) = policy
        .rules
        .expiration_end_user_assignment
        .as_ref()
        .and_then(|r| r.maximum_duration.as_ref())
    else {
        return;
    };
    let low = max.value.compare(&IsoDuration::minutes(30)).0 == Ordering::Less;
    let high = max.value.compare(&IsoDuration::hours(24)).0 == Ordering::Greater;
    if low || high {
        out.push(
            Diagnostic::new(
                &ACTIVATION_OUT_OF_RANGE,
                format!(
                    "activation may last {}; the service accepts {} to 24 hours",
                    duration_phrase(&max.value),
                    "30 minutes"
                ),
                max.pointer.clone(),
            )
            .with_help(if low {
                "set at least PT30M"
            } else {
                "set at most PT24H; Microsoft recommends 1 to 8 hours"
            }),
        );
    }
}
