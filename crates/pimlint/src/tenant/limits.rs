//! The expiration limits of the policies of a run, joined to their roles: directly when the
//! policy names its role (an expanded policy assignment), else through a policy assignment
//! that links the policy's id to a role.

use crate::duration::IsoDuration;
use crate::model::{ExpirationRule, Located, Policy, PolicyAssignment, Provider};
use crate::pointer::Pointer;

use super::index::{Origin, Place, Tenant};

/// One expiration rule as read: each member unknown when absent.
#[derive(Debug, Clone)]
pub struct Limit {
    /// The rule object.
    pub pointer: Pointer,
    /// `isExpirationRequired`.
    pub required: Option<Located<bool>>,
    /// `maximumDuration`.
    pub maximum: Option<Located<IsoDuration>>,
}

impl Limit {
    fn from(rule: Option<&ExpirationRule>, origin: Origin<'_>) -> Option<Self> {
        let rule = rule?;
        let at = |p: &Pointer| origin.at(p);
        Some(Self {
            pointer: at(&rule.pointer),
            required: rule.is_expiration_required.as_ref().map(|r| Located {
                value: r.value,
                pointer: at(&r.pointer),
            }),
            maximum: rule.maximum_duration.as_ref().map(|m| Located {
                value: m.value,
                pointer: at(&m.pointer),
            }),
        })
    }
}

/// The expiration limits of one policy.
#[derive(Debug, Clone)]
pub struct PolicyLimits {
    /// Where the policy is.
    pub place: Place,
    /// Provider.
    pub provider: Provider,
    /// Policy id, lower case.
    pub id: Option<String>,
    /// The role it governs (lower-case GUID, or `member`/`owner` for groups), when it says.
    pub role: Option<String>,
    /// Its scope, lower case.
    pub scope: Option<String>,
    /// `Expiration_Admin_Eligibility`.
    pub eligibility: Option<Limit>,
    /// `Expiration_Admin_Assignment`.
    pub assignment: Option<Limit>,
    /// `Expiration_EndUser_Assignment`.
    pub activation: Option<Limit>,
}

/// A policy assignment's link: policy id → role, at a scope.
#[derive(Debug, Clone)]
pub struct PolicyLink {
    /// Provider.
    pub provider: Provider,
    /// Policy id, lower case.
    pub policy: String,
    /// Role, lower case.
    pub role: String,
    /// Scope, lower case.
    pub scope: Option<String>,
}

fn lower(v: Option<&Located<String>>) -> Option<String> {
    v.map(|v| v.value.to_ascii_lowercase())
}

fn last(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_ascii_lowercase()
}

impl Policy {
    /// What [`Tenant::add`] reads of a policy (its provider, id, role, scope and expiration
    /// rules); the rest is dropped. A streamed run keeps this part of each policy for the
    /// tenant view and frees the rest where the policy was read.
    #[must_use]
    pub fn into_tenant_part(self) -> Self {
        let rules = crate::model::PolicyRules {
            expiration_admin_eligibility: self.rules.expiration_admin_eligibility,
            expiration_admin_assignment: self.rules.expiration_admin_assignment,
            expiration_end_user_assignment: self.rules.expiration_end_user_assignment,
            ..crate::model::PolicyRules::default()
        };
        Self {
            rules_pointer: None,
            entries: Vec::new(),
            rules,
            effective_differences: Vec::new(),
            ..self
        }
    }
}

impl Tenant {
    pub(crate) fn add_policy_limits(&mut self, place: Place, p: &Policy, origin: Origin<'_>) {
        self.policy_limits.push(PolicyLimits {
            provider: p.provider,
            id: lower(p.id.as_ref()),
            role: p.role.as_ref().map(|r| last(&r.template_id)),
            scope: lower(p.scope.as_ref()),
            eligibility: Limit::from(p.rules.expiration_admin_eligibility.as_ref(), origin),
            assignment: Limit::from(p.rules.expiration_admin_assignment.as_ref(), origin),
            activation: Limit::from(p.rules.expiration_end_user_assignment.as_ref(), origin),
            place,
        });
    }

    pub(crate) fn add_policy_link(&mut self, a: &PolicyAssignment) {
        if let (Some(policy), Some(role)) = (&a.policy_id, &a.role) {
            self.policy_links.push(PolicyLink {
                provider: a.provider,
                policy: policy.value.to_ascii_lowercase(),
                role: last(&role.template_id),
                scope: lower(a.scope.as_ref()),
            });
        }
    }

    /// The policies that govern `role` (lower case) of `provider` at `scope` (lower case;
    /// `None` or `/` is the directory): those that name the role, and those a policy
    /// assignment links to it.
    ///
    /// The scope must be the grant's own: an Azure grant at a resource group is not joined
    /// to the policy of its subscription (nor a subscription's to its management group's).
    /// ARM keeps role settings per scope and does not inherit them: "Role settings are
    /// defined per role and per resource. […] Role settings configured on a higher level,
    /// such as Subscription, for example, aren't inherited on a lower level, such as
    /// Resource Group" (Microsoft Entra docs, "Configure Azure resource role settings in
    /// Privileged Identity Management"). A grant whose own scope's policy is not in the run
    /// has no known limit.
    pub fn policies_of<'a>(
        &'a self,
        provider: Provider,
        role: &'a str,
        scope: Option<&'a str>,
    ) -> impl Iterator<Item = &'a PolicyLimits> + 'a {
        let norm = |s: Option<&str>| match s {
            None | Some("/" | "") => None,
            Some(s) => Some(s.trim_end_matches('/').to_owned()),
        };
        let want = norm(scope);
        self.policy_limits.iter().filter(move |p| {
            p.provider == provider
                && match &p.role {
                    Some(r) => r == role && norm(p.scope.as_deref()) == want,
                    None => p.id.as_ref().is_some_and(|id| {
                        self.policy_links.iter().any(|l| {
                            l.provider == provider
                                && &l.policy == id
                                && l.role == role
                                && norm(l.scope.as_deref().or(p.scope.as_deref())) == want
                        })
                    }),
                }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWNER: &str = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    const SUBSCRIPTION: &str = "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    fn place() -> Place {
        Place {
            input: 0,
            document: 0,
            pointer: Pointer::root(),
        }
    }

    #[test]
    fn azure_policies_are_not_inherited_by_child_scopes() {
        let mut tenant = Tenant::new();
        tenant.policy_limits.push(PolicyLimits {
            place: place(),
            provider: Provider::AzureResources,
            id: Some("p".to_owned()),
            role: Some(OWNER.to_owned()),
            scope: Some(SUBSCRIPTION.to_owned()),
            eligibility: None,
            assignment: None,
            activation: None,
        });
        let at = |scope: &str| {
            tenant
                .policies_of(Provider::AzureResources, OWNER, Some(scope))
                .count()
        };
        // The subscription's own policy governs grants at the subscription, with or without
        // a trailing slash.
        assert_eq!(at(SUBSCRIPTION), 1);
        assert_eq!(at(&format!("{SUBSCRIPTION}/")), 1);
        // Not those at a resource group or a resource below it: their role settings are
        // their own.
        let group = format!("{SUBSCRIPTION}/resourcegroups/payments");
        assert_eq!(at(&group), 0);
        assert_eq!(
            at(&format!(
                "{group}/providers/microsoft.keyvault/vaults/payments-kv"
            )),
            0
        );
        // Nor through a policy assignment that links the policy at the subscription.
        tenant.policy_limits[0].role = None;
        tenant.policy_links.push(PolicyLink {
            provider: Provider::AzureResources,
            policy: "p".to_owned(),
            role: OWNER.to_owned(),
            scope: Some(SUBSCRIPTION.to_owned()),
        });
        let at = |scope: &str| {
            tenant
                .policies_of(Provider::AzureResources, OWNER, Some(scope))
                .count()
        };
        assert_eq!(at(SUBSCRIPTION), 1);
        assert_eq!(at(&group), 0);
    }
}
