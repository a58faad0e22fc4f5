//! Small pieces several rules share.

use crate::duration::{IsoDuration, describe};
use crate::rules::context::{Profile, RuleContext, Tier};

/// How the policy's role reads in a message.
pub fn role_phrase(context: &RuleContext<'_>) -> String {
    match (&context.role_name, context.tier) {
        (Some(name), _) => name.clone(),
        (None, Tier::Privileged | Tier::GlobalAdministrator) => {
            "this highly privileged role".to_owned()
        }
        (None, _) => "this role".to_owned(),
    }
}

/// ` (MS.AAD.7.6)` when the active profile maps the rule to a control. Under `maester` the
/// CISA control is named by Maester's test id (`CISA.MS.AAD.7.6`): its CISA tests read the
/// same rules.
pub fn control(context: &RuleContext<'_>, controls: &[(Profile, &str)]) -> String {
    let profile = context.config.profile();
    controls
        .iter()
        .find_map(|(p, c)| match (profile, *p) {
            (Profile::Maester, Profile::CisaScuba) => Some(format!(" (CISA.{c})")),
            (a, b) if a == b => Some(format!(" ({c})")),
            _ => None,
        })
        .unwrap_or_default()
}

/// ` (Zero Trust 51016)` under the `zero-trust` profile on the Intune Administrator policy,
/// the only role that test reads.
pub fn intune_control(policy: &crate::model::Policy, context: &RuleContext<'_>) -> String {
    let intune = policy.role.as_ref().is_some_and(|r| {
        r.template_id
            .eq_ignore_ascii_case(crate::roles::INTUNE_ADMINISTRATOR)
    });
    if intune {
        control(context, &[(Profile::ZeroTrust, "Zero Trust 51016")])
    } else {
        String::new()
    }
}

/// `PT24H (24 hours)`.
pub fn duration_phrase(d: &IsoDuration) -> String {
    format!("{d} ({})", describe(d))
}
