use crate::diagnostic::Diagnostic;
use crate::model::Provider;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;
use crate::tenant::model::AlertObject;

use super::Finding;

declare_rule! {
    /// A PIM alert is turned off, or missing from the alert configurations.
    ///
    /// ## What it does
    /// Reads PIM alert configurations (Graph beta `roleManagementAlerts/alertConfigurations`,
    /// ARM `roleManagementAlertConfigurations`): each with `isEnabled` false is reported. When
    /// the run has alert configurations of a provider, the alerts that baselines rely on and
    /// that none of them configures are reported too — for Entra roles
    /// `TooManyGlobalAdminsAssignedToTenantAlert`, `RolesAssignedOutsidePimAlert`,
    /// `StaleSignInAlert`, `RedundantAssignmentAlert`, `NoMfaOnRoleActivationAlert` and
    /// `SequentialActivationRenewalsAlert`; for Azure resources
    /// `TooManyOwnersAssignedToResource`, `TooManyPermanentOwnersAssignedToResource` and
    /// `AzureRolesAssignedOutsidePimAlert`.
    ///
    /// ## Why it matters
    /// The alerts are PIM's own watch over standing access: too many Global Administrators,
    /// roles assigned outside PIM, accounts that never use their role.
    ///
    /// ## How to fix
    /// Turn the alert on (`PATCH …/alertConfigurations/{id}` with `"isEnabled": true`).
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static PIM_ALERT_DISABLED = ("PIM610", "pim-alert-disabled", Tenant, Warning);
}

/// The alerts each provider's configurations should include.
const EXPECTED: [(Provider, &[&str]); 2] = [
    (
        Provider::EntraRoles,
        &[
            "TooManyGlobalAdminsAssignedToTenantAlert",
            "RolesAssignedOutsidePimAlert",
            "StaleSignInAlert",
            "RedundantAssignmentAlert",
            "NoMfaOnRoleActivationAlert",
            "SequentialActivationRenewalsAlert",
        ],
    ),
    (
        Provider::AzureResources,
        &[
            "TooManyOwnersAssignedToResource",
            "TooManyPermanentOwnersAssignedToResource",
            "AzureRolesAssignedOutsidePimAlert",
        ],
    ),
];

/// Reports disabled and missing alert configurations.
pub fn check(tenant: &Tenant, _config: &dyn Settings, out: &mut Vec<Finding>) {
    let configurations: Vec<_> = tenant
        .alerts
        .iter()
        .filter(|a| a.object == AlertObject::Configuration)
        .collect();
    for a in &configurations {
        let Some(at) = &a.disabled else { continue };
        let name = a.name.as_deref().unwrap_or("a PIM alert");
        out.push(Finding {
            place: a.place.clone(),
            role: None,
            scope: None,
            diagnostic: Diagnostic::new(
                &PIM_ALERT_DISABLED,
                format!("the PIM alert {name} is turned off"),
                at.clone(),
            )
            .with_help("set \"isEnabled\": true"),
        });
    }
    for (provider, expected) in EXPECTED {
        let of_provider: Vec<_> = configurations
            .iter()
            .filter(|a| a.provider == provider)
            .collect();
        let Some(first) = of_provider.first() else {
            continue;
        };
        for name in expected {
            let present = of_provider.iter().any(|a| {
                a.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            });
            if present {
                continue;
            }
            out.push(Finding {
                place: first.place.clone(),
                role: None,
                scope: None,
                diagnostic: Diagnostic::new(
                    &PIM_ALERT_DISABLED,
                    format!(
                        "no configuration of the PIM alert {name} among the {} alert \
                         configurations of {}",
                        of_provider.len(),
                        provider_name(provider)
                    ),
                    first.place.pointer.clone(),
                )
                .with_help("export every alert configuration, and turn this alert on"),
            });
        }
    }
}

const fn provider_name(provider: Provider) -> &'static str {
    match provider {
        Provider::AzureResources => "Azure resources",
        _ => "Entra roles",
    }
}
