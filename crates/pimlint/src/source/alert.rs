//! PIM alerts, their configurations and definitions (Graph beta and ARM).

use serde_json::Value;

use super::Field;
use super::policy::source_object;

source_object! {
    /// Graph (beta) `unifiedRoleManagementAlert`, `…AlertConfiguration` (and its subtypes) and
    /// `…AlertDefinition`: one object carries the members of all three.
    pub struct GraphAlert {
        /// `@odata.context`.
        #[rename = "@odata.context"]
        pub odata_context: String,
        /// `@odata.type`.
        #[rename = "@odata.type"]
        pub odata_type: String,
        /// `DirectoryRole_<tenant>_<AlertName>`.
        pub id: String,
        /// The alert it is about (alerts and configurations).
        pub alert_definition_id: String,
        /// `/` for the tenant.
        pub scope_id: String,
        /// `DirectoryRole`.
        pub scope_type: String,
        /// Configurations: whether the alert runs.
        pub is_enabled: bool,
        /// Alerts: whether it fires now.
        pub is_active: bool,
        /// Alerts: how many incidents.
        pub incident_count: i64,
        /// Definitions: name.
        pub display_name: String,
        /// Definitions: `low`, `medium`, `high`, `informational`.
        pub severity_level: String,
        /// Definitions: what it means.
        pub security_impact: String,
        /// Definitions: what to do.
        pub mitigation_steps: String,
        /// Configuration thresholds and other members.
        pub last_scanned_date_time: String,
    }
}

source_object! {
    /// ARM `roleManagementAlerts` and `roleManagementAlertConfigurations`.
    pub struct ArmAlert {
        /// Resource id (`…/roleManagementAlertConfigurations/<AlertName>`).
        pub id: String,
        /// The alert's name (`TooManyOwnersAssignedToResource`).
        pub name: String,
        /// Resource type.
        #[rename = "type"]
        pub resource_type: String,
        /// The alert or configuration.
        pub properties: ArmAlertProperties,
    }
}

source_object! {
    /// `properties` of an ARM alert or alert configuration.
    pub struct ArmAlertProperties {
        /// Scope.
        pub scope: String,
        /// Configurations: whether the alert runs.
        pub is_enabled: bool,
        /// Alerts: whether it fires now.
        pub is_active: bool,
        /// Alerts: how many incidents.
        pub incident_count: i64,
        /// Configurations: the alert's id.
        pub alert_definition_id: String,
        /// Configurations: `…AlertConfiguration` subtype.
        pub alert_configuration_type: String,
        /// Alerts: the definition, expanded.
        pub alert_definition: Value,
        /// Alerts: the configuration, expanded.
        pub alert_configuration: Value,
    }
}
