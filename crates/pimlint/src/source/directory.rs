//! Role definitions as Graph and ARM return them.

use serde_json::Value;

use super::Field;
use super::policy::source_object;

source_object! {
    /// Graph `unifiedRoleDefinition`.
    pub struct GraphRoleDefinitionDocument {
        /// `@odata.context`.
        #[rename = "@odata.context"]
        pub odata_context: String,
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// Id (the template id for built-in roles).
        pub id: String,
        /// Name.
        pub display_name: String,
        /// Template id.
        pub template_id: String,
        /// Built in or custom.
        pub is_built_in: bool,
        /// Whether it can be assigned.
        pub is_enabled: bool,
        /// Microsoft's own label for privileged roles.
        pub is_privileged: bool,
        /// Permissions.
        pub role_permissions: Value,
    }
}

source_object! {
    /// ARM `Microsoft.Authorization/roleDefinitions`.
    pub struct ArmRoleDefinition {
        /// Resource id.
        pub id: String,
        /// Name (a GUID).
        pub name: String,
        /// Resource type.
        #[rename = "type"]
        pub resource_type: String,
        /// The definition.
        pub properties: ArmRoleDefinitionProperties,
    }
}

source_object! {
    /// `properties` of an ARM role definition.
    pub struct ArmRoleDefinitionProperties {
        /// Name.
        pub role_name: String,
        /// `BuiltInRole` or `CustomRole`.
        #[rename = "type"]
        pub role_type: String,
        /// Description.
        pub description: String,
        /// Permissions.
        pub permissions: Value,
        /// Where it can be assigned.
        pub assignable_scopes: Value,
    }
}
