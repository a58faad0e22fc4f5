//! What an `OData` `@odata.context` says about the members a response carries.

/// Entity sets whose items are policies (an assignment's `policy` is read as one).
pub const POLICY_SETS: &[&str] = &["roleManagementPolicies", "roleManagementPolicyAssignments"];
/// Entity sets whose items are schedule requests.
pub const REQUEST_SETS: &[&str] = &[
    "roleAssignmentScheduleRequests",
    "roleEligibilityScheduleRequests",
    "assignmentScheduleRequests",
    "eligibilityScheduleRequests",
];

/// The `$select` of a response whose items are in one of `sets`, as the context writes it
/// (`rules.id`, `id, displayName`); empty when nothing was left out.
pub fn selection(context: &str, sets: &[&str]) -> String {
    let fragment = context.rsplit_once('#').map_or(context, |(_, f)| f);
    let annotation = sets.iter().find_map(|set| {
        let start = fragment.find(&format!("{set}("))? + set.len() + 1;
        let body = group(&fragment[start..])?;
        // A key (`('Directory_…')`) is not a selection.
        (!body.starts_with('\'')).then_some(body)
    });
    let Some(annotation) = annotation else {
        return String::new();
    };
    let mut selected = Vec::new();
    collect(annotation, "", &mut selected);
    selected.join(", ")
}

/// The text up to the parenthesis that closes the one just opened.
fn group(text: &str) -> Option<&str> {
    let mut depth = 1usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[..i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// Selected members (items without parentheses, other than `*`), as `path.member`.
fn collect(list: &str, prefix: &str, out: &mut Vec<String>) {
    let mut depth = 0usize;
    let mut start = 0;
    let mut items = Vec::new();
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    for item in items.into_iter().map(str::trim).filter(|i| !i.is_empty()) {
        match item.split_once('(') {
            Some((name, rest)) => {
                let inner = rest.strip_suffix(')').unwrap_or(rest);
                // `policy(rules())` expands; the policy inside an assignment is the
                // document, so its members are not prefixed.
                let next = if name == "policy" {
                    prefix.to_owned()
                } else {
                    format!("{prefix}{name}.")
                };
                collect(inner, &next, out);
            }
            None if item == "*" => {}
            None => out.push(format!("{prefix}{item}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::odata;
    use super::selection;

    #[test]
    fn reads_select_and_expand_from_the_context() {
        let m = "https://graph.microsoft.com/v1.0/$metadata#";
        let sel = |c: &str| selection(&format!("{m}{c}"), odata::POLICY_SETS);
        assert_eq!(sel("policies/roleManagementPolicies(rules())/$entity"), "");
        assert_eq!(sel("policies/roleManagementPolicies/$entity"), "");
        assert_eq!(
            sel("policies/roleManagementPolicies(rules(id))/$entity"),
            "rules.id"
        );
        assert_eq!(
            sel("policies/roleManagementPolicies(id,displayName)"),
            "id, displayName"
        );
        assert_eq!(
            sel("policies/roleManagementPolicyAssignments(policy(rules()))/$entity"),
            ""
        );
        assert_eq!(
            sel("policies/roleManagementPolicies('Directory_x')/rules/$entity"),
            ""
        );
    }
}
