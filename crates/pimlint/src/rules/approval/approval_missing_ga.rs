use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::roles::PRIVILEGED_ROLE_ADMINISTRATOR;
use crate::rules::context::{Profile, RuleContext, Tier};
use crate::rules::declare_rule;
use crate::rules::helpers::{control, role_phrase};

declare_rule! {
    /// Activating Global Administrator does not need approval.
    ///
    /// ## What it does
    /// Checks `isApprovalRequired` of `Approval_EndUser_Assignment` on the Global Administrator
    /// policy (and on Privileged Role Administrator with the `cis-m365` profile).
    ///
    /// ## Why it matters
    /// CISA SCuBA (MS.AAD.7.6), the CIS benchmark (5.3.4, and 5.3.5 for Privileged Role
    /// Administrator), the Zero Trust assessment (21817) and Microsoft's deployment plan ask
    /// that another administrator approve each Global Administrator activation, so one stolen
    /// account cannot take the tenant alone.
    ///
    /// ## How to fix
    /// Set `isApprovalRequired: true` and name at least two approvers. The fix (unsafe) turns
    /// approval on with the approvers the rule already names or, when it names none, with the
    /// approvers of `[rules.approval] approvers`; with neither there is no fix, as approvers
    /// cannot be guessed.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Approval_EndUser_Assignment", "setting": { "isApprovalRequired": false, … }, … }
    /// ```
    pub static APPROVAL_MISSING_GA = ("PIM201", "approval-missing-ga", Approval, Error);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let is_pra = policy.role.as_ref().is_some_and(|r| {
        r.template_id
            .eq_ignore_ascii_case(PRIVILEGED_ROLE_ADMINISTRATOR)
    });
    let applies = context.tier == Tier::GlobalAdministrator
        || (is_pra && context.config.profile() == Profile::CisM365);
    let Some(rule) = &policy.rules.approval_end_user_assignment else {
        return;
    };
    let Some(required) = rule.is_approval_required.as_ref().filter(|r| !r.value) else {
        return;
    };
    if applies {
        out.push(
            Diagnostic::new(
                &APPROVAL_MISSING_GA,
                format!(
                    "activating {} does not need approval{}",
                    role_phrase(context),
                    if is_pra {
                        control(context, &[(Profile::CisM365, "CIS 5.3.5")])
                    } else {
                        control(
                            context,
                            &[
                                (Profile::CisaScuba, "MS.AAD.7.6"),
                                (Profile::CisM365, "CIS 5.3.4"),
                                (Profile::ZeroTrust, "Zero Trust 21817"),
                            ],
                        )
                    }
                ),
                required.pointer.clone(),
            )
            .with_help(
                "set \"isApprovalRequired\": true and name at least two approvers; with none \
                 named and none in [rules.approval] approvers there is no fix",
            )
            .with_fix(crate::fix::policy::require_approval(
                rule,
                &context.options.approval.approvers,
                policy.kind.is_arm(),
            )),
        );
    }
}
