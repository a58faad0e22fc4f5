//! Role definitions (Graph and ARM) into the tenant model.

#[allow(
    clippy::wildcard_imports,
    reason = "one reader, split by document family"
)]
use super::*;
use crate::tenant::model::RoleDefinition;

impl Reader<'_> {
    pub(super) fn graph_role_definition(
        &mut self,
        src: &source::GraphRoleDefinitionDocument,
        base: &Pointer,
    ) -> RoleDefinition {
        RoleDefinition {
            provider: Provider::EntraRoles,
            id: self.string(&src.id, base.member(member!("id"))),
            template_id: self.string(&src.template_id, base.member(member!("templateId"))),
            name: self.string(&src.display_name, base.member(member!("displayName"))),
            built_in: self.boolean(&src.is_built_in, base.member(member!("isBuiltIn"))),
            is_privileged: self.boolean(&src.is_privileged, base.member(member!("isPrivileged"))),
            pointer: base.clone(),
        }
    }

    pub(super) fn arm_role_definition(
        &mut self,
        src: &source::ArmRoleDefinition,
        base: &Pointer,
    ) -> RoleDefinition {
        let at = base.member(member!("properties"));
        let empty = source::ArmRoleDefinitionProperties::default();
        let props = self.object(&src.properties, &at).unwrap_or(&empty);
        let id = self
            .string(&src.name, base.member(member!("name")))
            .or_else(|| self.string(&src.id, base.member(member!("id"))))
            .map(|i| Located::new(last_segment(&i.value), i.pointer));
        let built_in = self
            .string(&props.role_type, at.member(member!("type")))
            .map(|t| Located::new(t.value.eq_ignore_ascii_case("BuiltInRole"), t.pointer));
        RoleDefinition {
            provider: Provider::AzureResources,
            id,
            template_id: None,
            name: self.string(&props.role_name, at.member(member!("roleName"))),
            built_in,
            is_privileged: None,
            pointer: base.clone(),
        }
    }
}
