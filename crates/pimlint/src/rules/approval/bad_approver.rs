use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Approver, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// An approver cannot be resolved: no id, an id that is not an object id, or listed twice.
    ///
    /// ## What it does
    /// Checks every primary and escalation approver: a user or group needs its object id (a
    /// GUID: Graph `userId` / `groupId`, ARM `id`). Duplicates are reported as info.
    ///
    /// ## Why it matters
    /// The service rejects approvers it cannot resolve (EasyPIM #22, #28 on Azure resource
    /// approvers), and a name or UPN where an id belongs is a common template mistake.
    ///
    /// ## How to fix
    /// Use the user's or group's object id.
    ///
    /// ## Example
    /// ```json
    /// "primaryApprovers": [ { "@odata.type": "#microsoft.graph.singleUser", "userId": "alice@contoso.com" } ]
    /// ```
    pub static BAD_APPROVER = ("PIM212", "bad-approver", Approval, Error);
}

fn is_guid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn check_list(approvers: &[Approver], out: &mut Vec<Diagnostic>) {
    for (i, approver) in approvers.iter().enumerate() {
        if matches!(approver.kind, Some(crate::model::ApproverKind::Other(_))) {
            continue;
        }
        match &approver.id {
            None => out.push(
                Diagnostic::new(
                    &BAD_APPROVER,
                    "this approver has no object id",
                    approver.pointer.clone(),
                )
                .with_help("set userId / groupId (Graph) or id (ARM) to the object id"),
            ),
            Some(id) if !is_guid(&id.value) => out.push(
                Diagnostic::new(
                    &BAD_APPROVER,
                    format!("approver id {:?} is not an object id (a GUID)", id.value),
                    id.pointer.clone(),
                )
                .with_help("use the user's or group's object id, not its name"),
            ),
            Some(id) => {
                let first = approvers[..i].iter().find(|a| {
                    a.id.as_ref()
                        .is_some_and(|x| x.value.eq_ignore_ascii_case(&id.value))
                });
                if let Some(first) = first {
                    out.push(
                        Diagnostic::new(
                            &BAD_APPROVER,
                            format!("approver {} is listed twice", id.value),
                            id.pointer.clone(),
                        )
                        .with_severity(Severity::Info)
                        .with_label(first.pointer.clone(), "first listed here"),
                    );
                }
            }
        }
    }
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = &policy.rules.approval_end_user_assignment else {
        return;
    };
    for stage in rule.stages() {
        check_list(&stage.primary_approvers, out);
        check_list(&stage.escalation_approvers, out);
    }
}
