# Six of pimlint's policy checks as Rego, in the style of a CISA ScubaGear baseline: each
# check collects its offending rules into a set, and `findings` gathers them. The benchmark's
# Rego peer evaluates `data.pimlint.peer.findings` once per document of an export, with the
# document as `input`, and counts the findings by code. The semantics follow pimlint's rules
# (crates/pimlint/src/rules/) so the counts can be compared one for one; PIM102 uses one
# limit, PT8H, for every role.
package pimlint.peer

import rego.v1

GLOBAL_ADMINISTRATOR := "62e90394-69f5-4237-9190-012177145e10"

ACTIVATION_LIMIT_HOURS := 8

#
# Where the rules are: a Graph policy assignment with the policy expanded, an ARM
# roleManagementPolicies resource, or a Graph policy on its own.
#--
PolicyRules := input.policy.rules if {
    is_array(input.policy.rules)
} else := input.properties.rules if {
    is_array(input.properties.rules)
} else := input.rules if {
    is_array(input.rules)
} else := []

# The one rule with this id, if the document has it.
RuleWithId(Id) := Rule if {
    some Rule in PolicyRules
    Rule.id == Id
}

# A duration in hours, for the forms exports use: PnD, PTnH, PTnM, PTnHmM.
Hours(Duration) := 24 * to_number(trim_suffix(trim_prefix(Duration, "P"), "D")) if {
    not startswith(Duration, "PT")
    endswith(Duration, "D")
}

Hours(Duration) := to_number(trim_suffix(trim_prefix(Duration, "PT"), "H")) if {
    startswith(Duration, "PT")
    endswith(Duration, "H")
}

Hours(Duration) := to_number(trim_suffix(trim_prefix(Duration, "PT"), "M")) / 60 if {
    startswith(Duration, "PT")
    endswith(Duration, "M")
    not contains(Duration, "H")
}

Hours(Duration) := to_number(Parts[0]) + to_number(trim_suffix(Parts[1], "M")) / 60 if {
    startswith(Duration, "PT")
    endswith(Duration, "M")
    Parts := split(trim_prefix(Duration, "PT"), "H")
    count(Parts) == 2
}

# The role's template id: a Graph assignment names it in roleDefinitionId.
IsGlobalAdministrator if lower(input.roleDefinitionId) == GLOBAL_ADMINISTRATOR

#
# PIM102 activation-too-long: activations may last longer than the limit.
#--
ActivationTooLong contains Rule.id if {
    Rule := RuleWithId("Expiration_EndUser_Assignment")
    is_string(Rule.maximumDuration)
    Hours(Rule.maximumDuration) > ACTIVATION_LIMIT_HOURS
}

#
# PIM103 activation-no-mfa: activation asks for neither MFA nor an authentication context.
#--
default AuthenticationContextOff := false

# An authentication context rule that is switched off.
AuthenticationContextOff if {
    Rule := RuleWithId("AuthenticationContext_EndUser_Assignment")
    Rule.isEnabled == false
}

# A whole policy without the rule has no authentication context either.
AuthenticationContextOff if {
    count([Rule | some Rule in PolicyRules; Rule.id == "AuthenticationContext_EndUser_Assignment"]) == 0
}

ActivationNoMfa contains Rule.id if {
    Rule := RuleWithId("Enablement_EndUser_Assignment")
    is_array(Rule.enabledRules)
    not "MultiFactorAuthentication" in Rule.enabledRules
    AuthenticationContextOff
}

#
# PIM107 activation-no-justification: activation does not ask why.
#--
ActivationNoJustification contains Rule.id if {
    Rule := RuleWithId("Enablement_EndUser_Assignment")
    is_array(Rule.enabledRules)
    not "Justification" in Rule.enabledRules
}

#
# PIM201 approval-missing-ga: Global Administrator activates without approval.
#--
GlobalAdministratorWithoutApproval contains Rule.id if {
    IsGlobalAdministrator
    Rule := RuleWithId("Approval_EndUser_Assignment")
    Rule.setting.isApprovalRequired == false
}

#
# PIM302 permanent-active-allowed: active assignments may be permanent.
#--
PermanentActiveAllowed contains Rule.id if {
    Rule := RuleWithId("Expiration_Admin_Assignment")
    Rule.isExpirationRequired == false
}

#
# PIM401 notification-blackhole: a notification goes to nobody.
#--
NotificationRuleIds := {
    "Notification_Admin_Admin_Eligibility",
    "Notification_Requestor_Admin_Eligibility",
    "Notification_Approver_Admin_Eligibility",
    "Notification_Admin_Admin_Assignment",
    "Notification_Requestor_Admin_Assignment",
    "Notification_Approver_Admin_Assignment",
    "Notification_Admin_EndUser_Assignment",
    "Notification_Requestor_EndUser_Assignment",
    "Notification_Approver_EndUser_Assignment",
}

NotificationsToNobody contains Rule.id if {
    some Rule in PolicyRules
    Rule.id in NotificationRuleIds
    Rule.isDefaultRecipientsEnabled == false
    is_array(Rule.notificationRecipients)
    count([Address | some Address in Rule.notificationRecipients; trim_space(Address) != ""]) == 0
    not Rule.notificationLevel == "None"
}

findings contains {"code": "PIM102", "rule": Id} if some Id in ActivationTooLong

findings contains {"code": "PIM103", "rule": Id} if some Id in ActivationNoMfa

findings contains {"code": "PIM107", "rule": Id} if some Id in ActivationNoJustification

findings contains {"code": "PIM201", "rule": Id} if some Id in GlobalAdministratorWithoutApproval

findings contains {"code": "PIM302", "rule": Id} if some Id in PermanentActiveAllowed

findings contains {"code": "PIM401", "rule": Id} if some Id in NotificationsToNobody
