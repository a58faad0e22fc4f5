use crate::diagnostic::Diagnostic;
use crate::duration::IsoDuration;
use crate::model::{Policy, Provider, RuleId};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// A Microsoft Graph policy gives a maximum duration in years, months or weeks.
    ///
    /// ## What it does
    /// Checks `maximumDuration` of the three expiration rules of Entra role and PIM for Groups
    /// policies (Microsoft Graph) for a year (`Y`), month (`M` before `T`) or week (`W`)
    /// component.
    ///
    /// ## Why it matters
    /// Graph types `maximumDuration` as `Edm.Duration`, which holds days, hours, minutes and
    /// seconds only: the pattern Graph publishes for it is
    /// `^-?P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+([.][0-9]+)?S)?)?$`, and the service writes
    /// `P365D`, `P180D`, `P15D`. A `PATCH` with `P1Y` does not fit that type; EasyPIM rewrites
    /// `P1Y` to `P365D` before it calls Graph for this reason. Azure resource policies (ARM)
    /// take the value as a plain string and are not checked.
    ///
    /// ## How to fix
    /// Write the duration in days: `P365D` for a year, `P180D` for six months, `P14D` for two
    /// weeks.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_Admin_Eligibility", "isExpirationRequired": true, "maximumDuration": "P1Y", … }
    /// ```
    pub static CALENDAR_DURATION = ("PIM306", "calendar-duration", Assignment, Error);
}

/// The duration in days and time, as Graph takes it (a year as 365 days, a month as 30).
fn in_days(d: &IsoDuration) -> IsoDuration {
    IsoDuration {
        years: 0,
        months: 0,
        weeks: 0,
        days: d.years * 365 + d.months * 30 + d.weeks * 7 + d.days,
        ..*d
    }
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if policy.provider == Provider::AzureResources {
        return;
    }
    for id in [
        RuleId::ExpirationAdminEligibility,
        RuleId::ExpirationAdminAssignment,
        RuleId::ExpirationEndUserAssignment,
    ] {
        let Some(max) = policy
            .rules
            .expiration(id)
            .and_then(|r| r.maximum_duration.as_ref())
        else {
            continue;
        };
        let d = &max.value;
        if d.years == 0 && d.months == 0 && d.weeks == 0 {
            continue;
        }
        let days = in_days(d);
        out.push(
            Diagnostic::new(
                &CALENDAR_DURATION,
                format!(
                    "`{id}` gives its maximum as {d}, in years, months or weeks, which Graph's Edm.Duration does not take"
                ),
                max.pointer.clone(),
            )
            .with_help(format!("write it in days: \"maximumDuration\": \"{days}\"")),
        );
    }
}
