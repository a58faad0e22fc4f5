use crate::diagnostic::Diagnostic;
use crate::model::{ApproverKind, Policy};
use crate::roles::PRIVILEGED_ROLE_ADMINISTRATOR;
use crate::rules::context::{Profile, RuleContext, Tier};
use crate::rules::declare_rule;
use crate::rules::helpers::control;
use crate::rules::options::GroupApprovers;

declare_rule! {
    /// Approval rests on fewer approvers than the configured minimum (two by default).
    ///
    /// ## What it does
    /// Counts the primary approvers of a required approval. By default a group counts as
    /// enough on its own, and fewer individual users than the minimum are flagged; the
    /// `groups` option counts a group as one approver, or not at all.
    ///
    /// ## Why it matters
    /// Approvers cannot approve their own requests, and a single approver who is away blocks
    /// every activation; Microsoft recommends at least two. The CIS benchmark (5.3.4 for
    /// Global Administrator, 5.3.5 for Privileged Role Administrator) asks for two approvers:
    /// Monkey365 counts the entries of `primaryApprovers` (one group is one), M365SAT counts
    /// the users only. The `cis-m365` profile counts a group as one and makes the finding an
    /// error on those two roles.
    ///
    /// ## How to fix
    /// Add approvers, or use a group of approvers (two entries where the CIS benchmark applies).
    /// The fix (unsafe) adds the approvers of `[rules.approval] approvers` that the rule does
    /// not list yet; without them there is no fix.
    ///
    /// ## Options
    /// `[rules.approval-single-approver]`: `minimum` (default 2), `groups` (`enough`, `one` or
    /// `none`; default `enough`, `one` with the `cis-m365` profile). `[rules.approval]`:
    /// `approvers`, the approvers the fix adds.
    ///
    /// ## Example
    /// ```json
    /// "primaryApprovers": [ { "@odata.type": "#microsoft.graph.singleUser", "userId": "…" } ]
    /// ```
    pub static APPROVAL_SINGLE_APPROVER = ("PIM204", "approval-single-approver", Approval, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = super::required(policy) else {
        return;
    };
    let approvers: Vec<_> = rule
        .stages()
        .iter()
        .flat_map(|s| &s.primary_approvers)
        .collect();
    let options = &context.options.approval_single_approver;
    let is_group = |a: &&&crate::model::Approver| a.kind != Some(ApproverKind::User);
    if approvers.is_empty()
        || (options.groups == GroupApprovers::Enough && approvers.iter().any(|a| is_group(&a)))
    {
        return;
    }
    let counted = match options.groups {
        GroupApprovers::None => approvers.iter().filter(|a| !is_group(a)).count(),
        _ => approvers.len(),
    };
    let minimum = options.minimum;
    if counted < minimum {
        let at = rule.stages().first().map_or_else(
            || rule.stages_pointer.clone(),
            |s| s.primary_approvers_pointer.clone(),
        );
        let is_pra = policy.role.as_ref().is_some_and(|r| {
            r.template_id
                .eq_ignore_ascii_case(PRIVILEGED_ROLE_ADMINISTRATOR)
        });
        let cis = if context.tier == Tier::GlobalAdministrator {
            control(context, &[(Profile::CisM365, "CIS 5.3.4")])
        } else if is_pra {
            control(context, &[(Profile::CisM365, "CIS 5.3.5")])
        } else {
            String::new()
        };
        let what = match options.groups {
            GroupApprovers::Enough => "",
            GroupApprovers::One => " (a group counts as one)",
            GroupApprovers::None => " (only users count)",
        };
        out.push(
            Diagnostic::new(
                &APPROVAL_SINGLE_APPROVER,
                format!(
                    "approval rests on {counted} approver{}{what}; at least {minimum} are recommended, as nobody approves their own request{cis}",
                    if counted == 1 { "" } else { "s" }
                ),
                at,
            )
            .with_help(if options.groups == GroupApprovers::Enough {
                "add approvers, or use a group; with none in [rules.approval] approvers there \
                 is no fix"
            } else {
                "add approvers; with none in [rules.approval] approvers there is no fix"
            })
            .with_fix(crate::fix::policy::add_approvers(
                rule,
                &context.options.approval.approvers,
                policy.kind.is_arm(),
            )),
        );
    }
}
