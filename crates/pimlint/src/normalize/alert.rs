//! PIM alerts, their configurations and definitions (Graph beta and ARM) into the tenant
//! model.

#[allow(
    clippy::wildcard_imports,
    reason = "one reader, split by document family"
)]
use super::*;
use crate::tenant::model::{Alert, AlertObject};

impl Reader<'_> {
    pub(super) fn graph_alert(
        &mut self,
        src: &source::GraphAlert,
        base: &Pointer,
        kind: DocumentKind,
    ) -> Alert {
        let object = match kind {
            DocumentKind::GraphAlert => AlertObject::Alert,
            DocumentKind::GraphAlertDefinition => AlertObject::Definition,
            _ => AlertObject::Configuration,
        };
        let named_by = if object == AlertObject::Definition {
            self.string(&src.id, base.member(member!("id")))
        } else {
            self.string(
                &src.alert_definition_id,
                base.member(member!("alertDefinitionId")),
            )
            .or_else(|| self.string(&src.id, base.member(member!("id"))))
        };
        Alert {
            provider: Provider::EntraRoles,
            object,
            name: named_by.map(|n| Located::new(Alert::name_of(&n.value).to_owned(), n.pointer)),
            scope: self.string(&src.scope_id, base.member(member!("scopeId"))),
            enabled: self.boolean(&src.is_enabled, base.member(member!("isEnabled"))),
            active: self.boolean(&src.is_active, base.member(member!("isActive"))),
            incidents: self.integer(&src.incident_count, base.member(member!("incidentCount"))),
            pointer: base.clone(),
        }
    }

    pub(super) fn arm_alert(
        &mut self,
        src: &source::ArmAlert,
        base: &Pointer,
        kind: DocumentKind,
    ) -> Alert {
        let at = base.member(member!("properties"));
        let empty = source::ArmAlertProperties::default();
        let props = self.object(&src.properties, &at).unwrap_or(&empty);
        let name = self
            .string(&src.name, base.member(member!("name")))
            .or_else(|| self.string(&src.id, base.member(member!("id"))))
            .map(|n| Located::new(Alert::name_of(&n.value).to_owned(), n.pointer));
        Alert {
            provider: Provider::AzureResources,
            object: if kind == DocumentKind::ArmAlert {
                AlertObject::Alert
            } else {
                AlertObject::Configuration
            },
            name,
            scope: self.string(&props.scope, at.member(member!("scope"))),
            enabled: self.boolean(&props.is_enabled, at.member(member!("isEnabled"))),
            active: self.boolean(&props.is_active, at.member(member!("isActive"))),
            incidents: self.integer(&props.incident_count, at.member(member!("incidentCount"))),
            pointer: base.clone(),
        }
    }
}
