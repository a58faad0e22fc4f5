//! The joins over every document of a run, holding only what the checks need: one small
//! record per grant, role definition and alert, and where each came from.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, FixedOffset};

use crate::model::{Document, Provider};
use crate::pointer::Pointer;
use crate::powershell::PointerMap;
use crate::roles;
use crate::rules::context::Settings;
use crate::tenant::model::{
    Alert, AlertObject, Holding, PrincipalKind, RoleDefinition, Schedule, ScheduleObject,
};

/// Where an object is: the input (as the caller numbers them), the document in it, and the
/// pointer of the object in the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    /// The input.
    pub input: usize,
    /// The document of the input (its index in the input's reports).
    pub document: usize,
    /// The object.
    pub pointer: Pointer,
}

impl Place {
    /// The same input and document, another pointer.
    #[must_use]
    pub fn at(&self, pointer: &Pointer) -> Self {
        Self {
            input: self.input,
            document: self.document,
            pointer: pointer.clone(),
        }
    }
}

/// How a document's own pointers lead to the object in its input: where the text it was
/// read from starts (a document streamed out of a larger file), and the way back from a
/// converted document (a PowerShell export, policy as code) to the file as written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin<'a> {
    /// Where the document's text starts in its input.
    pub prefix: Option<&'a Pointer>,
    /// Converted pointers to the pointers of the file as written.
    pub map: Option<&'a PointerMap>,
}

impl<'a> Origin<'a> {
    /// A document read on its own out of a larger file, whose text starts at `prefix`.
    #[must_use]
    pub const fn within(prefix: &'a Pointer) -> Self {
        Self {
            prefix: Some(prefix),
            map: None,
        }
    }

    /// The same, for a document converted from what the file holds.
    #[must_use]
    pub const fn converted(mut self, map: Option<&'a PointerMap>) -> Self {
        self.map = map;
        self
    }

    /// The pointer in the input for a pointer of the document.
    #[must_use]
    pub fn at(&self, pointer: &Pointer) -> Pointer {
        let original = self
            .map
            .map_or_else(|| pointer.clone(), |m| m.original(pointer));
        self.prefix
            .map_or_else(|| original.clone(), |p| p.join(&original))
    }
}

/// One grant: a principal holding a role (or a group membership) at a scope.
#[derive(Debug, Clone)]
pub struct Grant {
    /// The schedule, instance or assignment.
    pub place: Place,
    /// Entra roles, groups, Azure resources.
    pub provider: Provider,
    /// Active or eligible.
    pub holding: Holding,
    /// Schedule, instance or assignment.
    pub object: ScheduleObject,
    /// Principal id, lower case.
    pub principal: String,
    /// User, group, service principal, when known.
    pub principal_kind: Option<PrincipalKind>,
    /// Display name, when expanded.
    pub principal_name: Option<String>,
    /// Sign-in name, when expanded.
    pub principal_sign_in: Option<String>,
    /// `userType` is `Guest`: where it says so.
    pub guest: Option<Pointer>,
    /// `onPremisesSyncEnabled` is true: where it says so.
    pub synced: Option<Pointer>,
    /// Where the principal's kind is said.
    pub principal_at: Option<Pointer>,
    /// Role id, lower case (Entra template id or Azure role definition GUID).
    pub role: Option<String>,
    /// Where the role is named.
    pub role_at: Option<Pointer>,
    /// Role name from the export.
    pub role_name: Option<String>,
    /// Microsoft's `isPrivileged` label from the expanded role.
    pub role_is_privileged: Option<bool>,
    /// PIM for Groups: group id (lower case) and `member`/`owner`.
    pub group: Option<(String, String)>,
    /// Scope, as written.
    pub scope: Option<String>,
    /// Start.
    pub start: Option<DateTime<FixedOffset>>,
    /// End.
    pub end: Option<(DateTime<FixedOffset>, Pointer)>,
    /// Never ends, where the export says so.
    pub permanent: Option<Pointer>,
    /// `Direct`, `Group`, `Inherited`.
    pub member_type: Option<String>,
    /// `Activated` (an activation of an eligibility) or `Assigned`.
    pub activated: bool,
    /// `assignmentType` is `Assigned`, where the export says so.
    pub assigned: bool,
    /// Made outside PIM, where the export says so.
    pub outside_pim: Option<Pointer>,
    /// Made through PIM, as the export says.
    pub through_pim: bool,
}

impl Grant {
    fn from(place: Place, s: &Schedule, origin: Origin<'_>) -> Option<Self> {
        let at = |p: &Pointer| origin.at(p);
        let principal = s.principal_id.as_ref()?.value.to_ascii_lowercase();
        let p = s.principal.as_ref();
        let is =
            |v: Option<&str>, expected: &str| v.is_some_and(|v| v.eq_ignore_ascii_case(expected));
        Some(Self {
            provider: s.provider,
            holding: s.holding,
            object: s.object,
            principal,
            principal_kind: p.and_then(|p| p.kind),
            principal_name: p.and_then(|p| p.name.clone()),
            principal_sign_in: p.and_then(|p| p.sign_in.clone()),
            guest: p
                .and_then(|p| p.user_type.as_ref())
                .filter(|t| is(Some(&t.value), "Guest"))
                .map(|t| at(&t.pointer)),
            synced: p
                .and_then(|p| p.on_premises_sync.as_ref())
                .filter(|b| b.value)
                .map(|b| at(&b.pointer)),
            principal_at: p.map(|p| at(&p.pointer)),
            role: s.role_id.as_ref().map(|r| r.value.to_ascii_lowercase()),
            role_at: s.role_id.as_ref().map(|r| at(&r.pointer)),
            role_name: s.role_name.clone(),
            role_is_privileged: s.role_is_privileged,
            group: s.group_id.as_ref().map(|g| {
                (
                    g.value.to_ascii_lowercase(),
                    s.access_id
                        .as_ref()
                        .map_or_else(|| "member".to_owned(), |a| a.value.to_ascii_lowercase()),
                )
            }),
            scope: s.scope.as_ref().map(|s| s.value.clone()),
            start: s.start.as_ref().map(|t| t.value),
            end: s.end.as_ref().map(|e| (e.value, at(&e.pointer))),
            permanent: s
                .permanent
                .as_ref()
                .filter(|p| p.value)
                .map(|p| at(&p.pointer)),
            member_type: s.member_type.as_ref().map(|m| m.value.clone()),
            activated: s
                .assignment_type
                .as_ref()
                .is_some_and(|t| t.value.eq_ignore_ascii_case("Activated")),
            assigned: s
                .assignment_type
                .as_ref()
                .is_some_and(|t| t.value.eq_ignore_ascii_case("Assigned")),
            outside_pim: s
                .through_pim
                .as_ref()
                .filter(|t| !t.value)
                .map(|t| at(&t.pointer)),
            through_pim: s.through_pim.as_ref().is_some_and(|t| t.value),
            place,
        })
    }

    /// How to name the principal in a message.
    #[must_use]
    pub fn who(&self) -> String {
        let kind = self
            .principal_kind
            .map_or("principal", PrincipalKind::describe);
        match &self.principal_name {
            Some(name) => format!("{kind} {name} ({})", self.principal),
            None => format!("{kind} {}", self.principal),
        }
    }

    /// Whether it is an Entra role grant at the tenant (directory `/`) scope.
    #[must_use]
    pub fn tenant_wide(&self) -> bool {
        self.provider == Provider::EntraRoles && self.scope.as_deref().is_none_or(|s| s == "/")
    }
}

/// A role as the export defines it.
#[derive(Debug, Clone, Default)]
pub struct RoleInfo {
    /// Name.
    pub name: Option<String>,
    /// Microsoft's label.
    pub is_privileged: Option<bool>,
}

/// One alert record.
#[derive(Debug, Clone)]
pub struct AlertEntry {
    /// Where.
    pub place: Place,
    /// Alert, configuration or definition.
    pub object: AlertObject,
    /// Provider.
    pub provider: Provider,
    /// The alert's name.
    pub name: Option<String>,
    /// `isEnabled` false: where.
    pub disabled: Option<Pointer>,
}

/// Everything the tenant checks read, gathered from the documents of a run.
#[derive(Debug, Default)]
pub struct Tenant {
    /// Every grant.
    pub grants: Vec<Grant>,
    /// Role definitions by id and template id (lower case).
    pub roles: HashMap<String, RoleInfo>,
    /// Roles (lower-case id) that a policy assignment names, per provider; and whether any
    /// policy assignment was read at all.
    pub policy_roles: BTreeSet<String>,
    /// Whether the run had policy assignments (or policies that name their role).
    pub has_policy_assignments: bool,
    /// Alerts, configurations and definitions.
    pub alerts: Vec<AlertEntry>,
    /// The first place of each role definition read (for findings about a role).
    pub role_places: BTreeMap<String, Place>,
    /// The expiration limits of every policy read.
    pub policy_limits: Vec<crate::tenant::limits::PolicyLimits>,
    /// Policy id → role links from policy assignments.
    pub policy_links: Vec<crate::tenant::limits::PolicyLink>,
}

impl Tenant {
    /// An empty tenant.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one document, found at `place`.
    pub fn add(&mut self, place: Place, document: &Document) {
        self.add_within(place, document, Origin::default());
    }

    /// Adds one document found at `place`, whose own pointers lead into its input through
    /// `origin`.
    pub fn add_within(&mut self, place: Place, document: &Document, origin: Origin<'_>) {
        match document {
            Document::Schedule(s) => {
                if let Some(grant) = Grant::from(place, s, origin) {
                    self.grants.push(grant);
                }
            }
            Document::RoleDefinition(d) => self.add_role(&place, d),
            Document::Alert(a) => self.add_alert(place, a, origin),
            Document::Policy(p) => {
                self.add_policy_limits(place, p, origin);
                if let Some(role) = &p.role {
                    self.has_policy_assignments = true;
                    self.policy_roles.insert(key(&role.template_id));
                    self.policy_roles.insert(key(&role.id.value));
                }
            }
            Document::PolicyAssignment(a) => {
                self.add_policy_link(a);
                if let Some(role) = &a.role {
                    self.has_policy_assignments = true;
                    self.policy_roles.insert(key(&role.template_id));
                    self.policy_roles.insert(key(&role.id.value));
                }
            }
            Document::Request(_) => {}
        }
    }

    fn add_role(&mut self, place: &Place, d: &RoleDefinition) {
        let info = RoleInfo {
            name: d.name.as_ref().map(|n| n.value.clone()),
            is_privileged: d.is_privileged.as_ref().map(|b| b.value),
        };
        for id in [&d.id, &d.template_id].into_iter().flatten() {
            let k = key(&id.value);
            self.role_places
                .entry(k.clone())
                .or_insert_with(|| place.clone());
            self.roles.insert(k, info.clone());
        }
    }

    fn add_alert(&mut self, place: Place, a: &Alert, origin: Origin<'_>) {
        self.alerts.push(AlertEntry {
            object: a.object,
            provider: a.provider,
            name: a.name.as_ref().map(|n| n.value.clone()),
            disabled: a
                .enabled
                .as_ref()
                .filter(|e| !e.value)
                .map(|e| origin.at(&e.pointer)),
            place,
        });
    }

    /// The name of a role: the export's, else the built-in name, else the id.
    #[must_use]
    pub fn role_name(&self, role: &str, grant: Option<&Grant>) -> String {
        self.roles
            .get(role)
            .and_then(|r| r.name.clone())
            .or_else(|| grant.and_then(|g| g.role_name.clone()))
            .or_else(|| roles::name_of(role).map(str::to_owned))
            .unwrap_or_else(|| role.to_owned())
    }

    /// Whether a grant's role is highly privileged: by the configured set, or by Microsoft's
    /// label where the export carries it. Group memberships are privileged when the group
    /// holds a privileged role.
    #[must_use]
    pub fn is_privileged(&self, grant: &Grant, config: &dyn Settings) -> bool {
        match (&grant.role, &grant.group) {
            (Some(role), _) => {
                let label = self
                    .roles
                    .get(role)
                    .and_then(|r| r.is_privileged)
                    .or(grant.role_is_privileged);
                config.is_privileged(role, label)
            }
            (None, Some((group, access))) => {
                access == "member" && self.group_privileged_roles(group, config).next().is_some()
            }
            (None, None) => false,
        }
    }

    /// The privileged roles a group holds (active or eligible).
    pub fn group_privileged_roles<'a>(
        &'a self,
        group: &'a str,
        config: &'a dyn Settings,
    ) -> impl Iterator<Item = &'a Grant> + 'a {
        self.grants.iter().filter(move |g| {
            g.principal == group
                && g.group.is_none()
                && g.role.is_some()
                && self.is_privileged(g, config)
        })
    }

    /// The members of a group as PIM for Groups grants show them (active or eligible
    /// membership).
    pub fn group_members<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Grant> + 'a {
        self.grants.iter().filter(move |g| {
            g.group
                .as_ref()
                .is_some_and(|(id, access)| id == group && access == "member")
        })
    }

    /// Who holds a role at the tenant scope (active or eligible), directly or through a group
    /// whose members the export shows: principal id → the grant that shows it, and the
    /// groups whose members the export does not show.
    #[must_use]
    pub fn holders(&self, role: &str) -> (BTreeMap<String, &Grant>, Vec<&Grant>) {
        let mut holders: BTreeMap<String, &Grant> = BTreeMap::new();
        let mut opaque = Vec::new();
        for g in self
            .grants
            .iter()
            .filter(|g| g.role.as_deref() == Some(role) && g.tenant_wide())
        {
            if g.principal_kind == Some(PrincipalKind::Group) {
                let mut any = false;
                for m in self.group_members(&g.principal) {
                    any = true;
                    holders.entry(m.principal.clone()).or_insert(m);
                }
                if !any {
                    opaque.push(g);
                }
            } else {
                holders.entry(g.principal.clone()).or_insert(g);
            }
        }
        (holders, opaque)
    }
}

/// Ids compare in lower case, by their last segment (`…/roleDefinitions/<guid>`).
fn key(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_ascii_lowercase()
}
