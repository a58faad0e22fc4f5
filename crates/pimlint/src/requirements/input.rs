//! Reading requirements from an input as a front end gets it: choosing the policy, listing
//! what an input holds, pointers into the input as written.

use serde::Serialize;

use super::text::shown;
use super::{RequestKindName, Requirements, Role, requirements};
use crate::model::{Policy, Provider, RoleRef};
use crate::pointer::Pointer;

/// A policy of an input and the role and scope it governs, for pickers.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Governed {
    /// The policy object in the input.
    pub pointer: Pointer,
    /// Which PIM service.
    pub provider: Provider,
    /// The policy id.
    pub policy_id: Option<String>,
    /// The role, from the policy's expanded assignment or a policy assignment naming it.
    pub role: Option<Role>,
    /// The scope.
    pub scope: Option<String>,
}

/// Every policy of `documents` with the roles it governs: a policy named by several policy
/// assignments is listed once per role; a policy no assignment names is listed without a role.
pub fn governed<'a>(
    documents: impl IntoIterator<Item = &'a crate::model::Document>,
) -> Vec<(Governed, &'a Policy)> {
    let documents: Vec<&crate::model::Document> = documents.into_iter().collect();
    let mut out: Vec<(Governed, &Policy)> = Vec::new();
    let assignments: Vec<&crate::model::PolicyAssignment> = documents
        .iter()
        .filter_map(|d| match d {
            crate::model::Document::PolicyAssignment(a) => Some(a),
            _ => None,
        })
        .collect();
    for document in &documents {
        let crate::model::Document::Policy(policy) = document else {
            continue;
        };
        let entry = |role: Option<&RoleRef>, scope: Option<&str>| Governed {
            pointer: policy.pointer.clone(),
            provider: policy.provider,
            policy_id: policy.id.as_ref().map(|i| i.value.clone()),
            role: role.map(Role::of),
            scope: scope.map(str::to_owned),
        };
        let policy_scope = policy.scope.as_ref().map(|s| s.value.as_str());
        if policy.role.is_some() {
            out.push((entry(policy.role.as_ref(), policy_scope), policy));
            continue;
        }
        let linked: Vec<&&crate::model::PolicyAssignment> = assignments
            .iter()
            .filter(|a| {
                a.role.is_some()
                    && matches!((&a.policy_id, &policy.id), (Some(a), Some(p)) if a.value.eq_ignore_ascii_case(&p.value))
            })
            .collect();
        if linked.is_empty() {
            out.push((entry(None, policy_scope), policy));
        }
        for a in linked {
            out.push((
                entry(
                    a.role.as_ref(),
                    a.scope.as_ref().map(|s| s.value.as_str()).or(policy_scope),
                ),
                policy,
            ));
        }
    }
    out
}

/// Whether `wanted` names `role`: its id, template id or display name (or a built-in role's
/// name), in any letter case.
#[must_use]
pub fn names_role(role: &Role, wanted: &str) -> bool {
    let wanted = wanted.trim();
    let last = wanted.rsplit('/').next().unwrap_or(wanted);
    role.id.eq_ignore_ascii_case(wanted)
        || role.template_id.eq_ignore_ascii_case(last)
        || role
            .display_name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(wanted))
        || crate::roles::find(wanted).is_some_and(|b| b.id.eq_ignore_ascii_case(&role.template_id))
}

/// For messages: the roles of a list of governed policies.
pub(crate) fn list_roles(found: &[(Governed, &Policy)]) -> String {
    let names: Vec<String> = found
        .iter()
        .map(|(g, _)| {
            let role = g.role.as_ref().map_or_else(
                || "(role not named)".to_owned(),
                |r| {
                    r.display_name
                        .clone()
                        .unwrap_or_else(|| r.template_id.clone())
                },
            );
            let role = match &g.scope {
                Some(s) if g.provider != Provider::EntraRoles => format!("{role} at {s}"),
                _ => role,
            };
            format!("{role} ({})", shown(Some(&g.pointer)))
        })
        .collect();
    names.join(", ")
}

/// Maps a pointer into converted input back to the input as written.
pub type PointerMap = Box<dyn Fn(&Pointer) -> Pointer>;

/// The document pimlint reads `value` as when it converts it first (policy as code, a
/// document of the older APIs, a PowerShell export), and the map of its pointers back to
/// `value` as written; `None` when `value` is read as it is. `Err` (where, why) when the
/// conversion fails.
pub fn converted(
    value: &serde_json::Value,
) -> Result<Option<(serde_json::Value, PointerMap)>, (Pointer, String)> {
    if let Some(format) = crate::formats::detect(value) {
        let adapted =
            crate::formats::convert(format, value, crate::formats::Context { parameters: None })
                .map_err(|e| (e.pointer, e.message))?;
        let pointers = adapted.converted.pointers;
        Ok(Some((
            adapted.converted.value,
            Box::new(move |p| pointers.original(p)),
        )))
    } else if let Some(legacy) = crate::legacy::convert(value) {
        let legacy = legacy.map_err(|e| (e.pointer, e.message))?;
        let value = legacy.value.clone();
        Ok(Some((value, Box::new(move |p| legacy.original(p, "").0))))
    } else if let Some(export) = crate::powershell::convert(value) {
        let export = export.map_err(|e| (e.pointer, e.message))?;
        let pointers = export.pointers;
        Ok(Some((
            export.value,
            Box::new(move |p| pointers.original(p)),
        )))
    } else {
        Ok(None)
    }
}

/// Where `pointer`, a pointer into the document pimlint read `value` as, is in `value` as
/// written: itself unless `value` is converted before it is read.
#[must_use]
pub fn as_written(value: &serde_json::Value, pointer: &Pointer) -> Pointer {
    match converted(value) {
        Ok(Some((_, map))) => map(pointer),
        _ => pointer.clone(),
    }
}

/// Reads `input` (a policy, policy assignments with their policies, a list response, a tenant
/// export, policy as code, a PowerShell export, a document of the older APIs) into documents
/// whose pointers lead into the input as written.
fn read(
    input: crate::api::Input<'_>,
) -> Result<(Vec<crate::model::Document>, PointerMap), crate::api::ApiError> {
    use crate::api::ApiError;
    let value = input.value;
    let unreadable = |pointer: &Pointer, message: String| {
        let locator = input.text.map(crate::Locator::new);
        let place = locator
            .as_ref()
            .and_then(|l| l.locate(pointer).map(|f| l.line_col(f.span.start)));
        ApiError::Document {
            pointer: pointer.to_string(),
            message,
            line: place.map(|p| p.line),
            column: place.map(|p| p.column),
        }
    };
    let (converted, map): (Option<serde_json::Value>, PointerMap) =
        match converted(value).map_err(|(at, message)| unreadable(&at, message))? {
            Some((value, map)) => (Some(value), map),
            None => (None, Box::new(Clone::clone)),
        };
    let options = crate::Options {
        schema: false,
        ..crate::Options::default()
    };
    let reports = crate::check_value(converted.as_ref().unwrap_or(value), &options);
    let mut documents = Vec::new();
    for report in reports {
        if let Some(error) = report.error {
            return Err(unreadable(&map(&report.pointer), error));
        }
        documents.extend(report.document);
    }
    Ok((rules_as_one(documents), map))
}

/// Which policy of an input to read: the one that governs `role` at `scope`, or the one at
/// `policy`. What is left out may be left out when the input holds one policy, or one for that
/// role.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selector<'a> {
    /// A role template id, role definition id, display name, or `member`/`owner` for groups.
    pub role: Option<&'a str>,
    /// The scope (for groups and Azure resources; Entra role settings are tenant-wide).
    pub scope: Option<&'a str>,
    /// The policy's JSON pointer in the input, as [`list`] gives it.
    pub policy: Option<&'a str>,
}

/// A list of single rules (`GET …/policies/{id}/rules`) is one policy's rules, not a policy per
/// rule: read them as one update of the policy at the list.
fn rules_as_one(documents: Vec<crate::model::Document>) -> Vec<crate::model::Document> {
    use crate::kind::DocumentKind;
    use crate::model::Document;
    let single_rule = |d: &Document| matches!(d, Document::Policy(p) if matches!(p.kind, DocumentKind::GraphPolicyRule | DocumentKind::ArmPolicyRule));
    if documents.len() < 2 || !documents.iter().all(single_rule) {
        return documents;
    }
    let mut all = documents.into_iter();
    let Some(Document::Policy(mut first)) = all.next() else {
        return Vec::new();
    };
    for document in all {
        if let Document::Policy(rule) = document {
            first.rules.apply(&rule.rules);
        }
    }
    first.pointer = first.pointer.parent().unwrap_or_else(Pointer::root);
    if first.pointer.last().as_deref() == Some("value") {
        first.pointer = first.pointer.parent().unwrap_or_else(Pointer::root);
    }
    vec![Document::Policy(first)]
}

/// What a request of `kind` must carry under the policy of `input` that `select` picks.
/// Pointers lead into `input` as written.
pub fn from_input(
    input: crate::api::Input<'_>,
    kind: RequestKindName,
    select: Selector<'_>,
) -> Result<Requirements, crate::api::ApiError> {
    let Selector {
        role,
        scope,
        policy: at,
    } = select;
    let (documents, map) = read(input)?;
    let mut found = governed(&documents);
    for (g, _) in &mut found {
        g.pointer = map(&g.pointer);
    }
    let fail = |message: String| crate::api::ApiError::Document {
        pointer: String::new(),
        message,
        line: None,
        column: None,
    };
    if found.is_empty() {
        let holds =
            |f: fn(&crate::model::Document) -> bool| documents.iter().filter(|d| f(d)).count();
        let assignments = holds(|d| matches!(d, crate::model::Document::PolicyAssignment(_)));
        let requests = holds(|d| matches!(d, crate::model::Document::Request(_)));
        let why = if assignments > 0 {
            " (policy assignments alone do not say what a request needs: give their policies \
             too, or list them with $expand=policy($expand=rules))"
                .to_owned()
        } else if requests > 0 {
            format!(
                " (it holds {requests} schedule request{}; requirements are read from a policy)",
                if requests == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        return Err(fail(format!(
            "the input holds no role management policy{why}"
        )));
    }
    let matching: Vec<&(Governed, &Policy)> = found
        .iter()
        .filter(|(g, _)| at.is_none_or(|wanted| g.pointer.text() == wanted))
        .filter(|(g, _)| {
            role.is_none_or(|wanted| g.role.as_ref().is_some_and(|r| names_role(r, wanted)))
        })
        .filter(|(g, _)| {
            scope.is_none_or(|wanted| {
                g.provider == Provider::EntraRoles
                    || g.scope.as_deref().is_some_and(|s| {
                        crate::scope::canonical(s) == crate::scope::canonical(wanted)
                    })
            })
        })
        .collect();
    let mut distinct: Vec<&(Governed, &Policy)> = Vec::new();
    for entry in matching {
        if !distinct.iter().any(|d| std::ptr::eq(d.1, entry.1)) {
            distinct.push(entry);
        }
    }
    let (governed, policy) = match distinct.as_slice() {
        [one] => (&one.0, one.1),
        [] => {
            let mut what = match (role, scope) {
                (Some(r), Some(s)) => format!("role {r:?} at scope {s}"),
                (Some(r), None) => format!("role {r:?}"),
                (None, Some(s)) => format!("scope {s}"),
                (None, None) => "anything".to_owned(),
            };
            if let Some(at) = at {
                what = format!("{what} at pointer {at:?}");
            }
            return Err(fail(format!(
                "no policy in the input governs {what}; it holds policies for: {}",
                list_roles(&found)
            )));
        }
        many => {
            let owned: Vec<(Governed, &Policy)> = many.iter().map(|e| (e.0.clone(), e.1)).collect();
            return Err(fail(format!(
                "the input holds {} policies{}: say which with the role{}; they govern: {}",
                many.len(),
                role.map(|r| format!(" for role {r:?}")).unwrap_or_default(),
                if role.is_some() {
                    "'s scope"
                } else {
                    " (and scope)"
                },
                list_roles(&owned)
            )));
        }
    };
    let mut needs = requirements(policy, kind);
    if needs.policy.role.is_none() {
        needs.policy.role.clone_from(&governed.role);
    }
    if needs.policy.scope.is_none() {
        needs.policy.scope.clone_from(&governed.scope);
    }
    needs.map_pointers(map);
    Ok(needs)
}

/// Every policy of `input` with the role and scope it governs, pointers into `input` as
/// written: what a portal lists to pick a role from.
pub fn list(input: crate::api::Input<'_>) -> Result<Vec<Governed>, crate::api::ApiError> {
    let (documents, map) = read(input)?;
    Ok(governed(&documents)
        .into_iter()
        .map(|(mut g, _)| {
            g.pointer = map(&g.pointer);
            g
        })
        .collect())
}
