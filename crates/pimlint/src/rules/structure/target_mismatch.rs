use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Extent;
use crate::model::{ApiEnum, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// A rule's `target.caller` or `target.level` differs from what its id says.
    ///
    /// ## What it does
    /// Rule ids name their caller and level (`Expiration_Admin_Assignment`: caller `Admin`,
    /// level `Assignment`). This rule checks that `target.caller` and `target.level` agree, and
    /// that the rule has a `target` with both.
    ///
    /// ## Why it matters
    /// The service rejects a rule whose target contradicts its id, and tools that generate
    /// rules from templates get this wrong in copy-paste (EasyPIM #60 sent
    /// `Expiration_Admin_Assignment` with level `Eligibility`).
    ///
    /// ## How to fix
    /// Set `target.caller` and `target.level` to the values in the id.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_Admin_Assignment",
    ///   "target": { "caller": "Admin", "level": "Eligibility", "operations": ["All"] } }
    /// ```
    pub static TARGET_MISMATCH = ("PIM005", "target-mismatch", Structure, Error);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for entry in &policy.entries {
        let (Some(rule_id), Some(id)) = (entry.rule_id, &entry.id) else {
            continue;
        };
        let Some(target) = &entry.target else {
            if policy.extent == Extent::Projection {
                // `rules($select=id)` leaves the target out; it is not missing.
                continue;
            }
            out.push(
                Diagnostic::new(
                    &TARGET_MISMATCH,
                    format!("rule `{rule_id}` has no `target`, so its caller and level are unknown"),
                    entry.pointer.clone(),
                )
                .with_severity(Severity::Warning)
                .with_help(format!(
                    "add \"target\": {{ \"caller\": \"{}\", \"level\": \"{}\", \"operations\": [\"All\"] }}",
                    rule_id.caller(),
                    rule_id.level()
                )),
            );
            continue;
        };
        match &target.caller {
            Some(caller) if caller.value != rule_id.caller() => out.push(
                Diagnostic::new(
                    &TARGET_MISMATCH,
                    format!(
                        "rule `{rule_id}` targets caller `{}`, but its id says `{}`",
                        caller.value,
                        rule_id.caller()
                    ),
                    caller.pointer.clone(),
                )
                .with_label(id.pointer.clone(), "the id names the caller")
                .with_help(format!("set \"caller\": \"{}\"", rule_id.caller().as_str())),
            ),
            None => out.push(
                Diagnostic::new(
                    &TARGET_MISMATCH,
                    format!("the target of rule `{rule_id}` has no `caller`"),
                    target.pointer.clone(),
                )
                .with_help(format!("add \"caller\": \"{}\"", rule_id.caller())),
            ),
            Some(_) => {}
        }
        match &target.level {
            Some(level) if level.value != rule_id.level() => out.push(
                Diagnostic::new(
                    &TARGET_MISMATCH,
                    format!(
                        "rule `{rule_id}` targets level `{}`, but its id says `{}`",
                        level.value,
                        rule_id.level()
                    ),
                    level.pointer.clone(),
                )
                .with_label(id.pointer.clone(), "the id names the level")
                .with_help(format!("set \"level\": \"{}\"", rule_id.level())),
            ),
            None => out.push(
                Diagnostic::new(
                    &TARGET_MISMATCH,
                    format!("the target of rule `{rule_id}` has no `level`"),
                    target.pointer.clone(),
                )
                .with_help(format!("add \"level\": \"{}\"", rule_id.level())),
            ),
            Some(_) => {}
        }
    }
}
