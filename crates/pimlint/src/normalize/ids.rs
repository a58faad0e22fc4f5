//! Forms of identifiers and scopes; each returns what was expected when the text does not fit.

pub use crate::scope::is_guid;

pub fn object_id(text: &str) -> Option<&'static str> {
    (!is_guid(text)).then_some("an object id (a GUID such as 3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8)")
}

/// `/`, `/administrativeUnits/<id>` or `/<id>`.
pub fn directory_scope(text: &str) -> Option<&'static str> {
    let ok = text == "/"
        || text
            .strip_prefix("/administrativeUnits/")
            .is_some_and(is_guid)
        || text.strip_prefix('/').is_some_and(is_guid);
    (!ok).then_some("`/`, `/administrativeUnits/<id>` or `/<object id>`")
}

/// `[<scope>]/providers/Microsoft.Authorization/roleDefinitions/<guid>`.
pub fn arm_role_definition(text: &str) -> Option<&'static str> {
    let expected = "a role definition resource id (…/providers/Microsoft.Authorization/roleDefinitions/<guid>)";
    let lower = text.to_ascii_lowercase();
    let Some((scope, name)) =
        lower.rsplit_once("/providers/microsoft.authorization/roledefinitions/")
    else {
        return Some(expected);
    };
    let scope_ok = scope.is_empty() || arm_scope(&text[..scope.len()]).is_none();
    (!(scope_ok && is_guid(name))).then_some(expected)
}

/// An ARM scope: a subscription, resource group or resource, or a management group.
pub fn arm_scope(text: &str) -> Option<&'static str> {
    crate::scope::Scope::parse(text).err()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: &str = "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    #[test]
    fn identifier_forms() {
        assert!(is_guid("3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8"));
        assert!(!is_guid("alice@contoso.com"));
        assert!(directory_scope("/").is_none());
        assert!(
            directory_scope("/administrativeUnits/3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8").is_none()
        );
        assert!(directory_scope("").is_some());
        assert!(arm_scope(SUB).is_none());
        assert!(arm_scope(&format!("{SUB}/resourceGroups/rg-1")).is_none());
        assert!(
            arm_scope(&format!(
                "{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"
            ))
            .is_none()
        );
        assert!(arm_scope("/providers/Microsoft.Management/managementGroups/root").is_none());
        assert!(arm_scope("/subscriptions//resourceGroups/x").is_some());
        assert!(arm_scope("subscriptions/x").is_some());
        let role = "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c";
        assert!(arm_role_definition(&format!("{SUB}{role}")).is_none());
        assert!(arm_role_definition(role).is_none());
        assert!(arm_role_definition("b24988ac-6180-42a0-ab88-20f7382dd24c").is_some());
    }
}
