//! The rule registry: every rule's metadata and, for rules over the model, its check.
//!
//! Each rule lives in one file: its metadata and user documentation (the doc comment of
//! `declare_rule!`), the message it builds, and its check. Some structural rules fire while
//! the source is read (a value of the wrong JSON type never reaches the model); their files
//! hold the metadata and the message constructors that normalization calls.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Policy, ScheduleRequest};
use crate::rules::context::{RuleContext, Settings, Tier};

pub mod activation;
pub mod approval;
pub mod assignment;
pub mod context;
pub(crate) mod helpers;
pub mod notification;
pub mod options;
pub mod request;
pub mod structure;
pub mod tenant;

/// Which part of PIM a rule is about; the hundreds digit of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// `PIM0xx`: document structure.
    Structure,
    /// `PIM1xx`: activation settings.
    Activation,
    /// `PIM2xx`: approval.
    Approval,
    /// `PIM3xx`: eligible and active assignment expiration.
    Assignment,
    /// `PIM4xx`: notifications.
    Notification,
    /// `PIM5xx`: schedule request validation.
    Request,
    /// `PIM6xx`: cross-object and tenant checks.
    Tenant,
}

/// A rule's identity and documentation.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleMeta {
    /// Stable code (`PIM001`).
    pub code: &'static str,
    /// Kebab-case name (`missing-rule`).
    pub name: &'static str,
    /// Category.
    pub category: Category,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// The user documentation (Markdown), from the rule's doc comment.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The first paragraph of the documentation, on one line.
    #[must_use]
    pub fn summary(&self) -> String {
        self.docs
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The documentation with the one-space indent of doc comments removed.
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// Declares a rule's metadata; the doc comment is the rule's user documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = ($code:literal, $name:literal, $category:ident, $severity:ident);
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            code: $code,
            name: $name,
            category: $crate::rules::Category::$category,
            default_severity: $crate::diagnostic::Severity::$severity,
            docs: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use declare_rule;

/// How a rule finds its findings.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// While reading the source document (structure and JSON types).
    Reading,
    /// Over a normalized policy, with its role's context.
    Policy(fn(&Policy, &RuleContext<'_>, &mut Vec<Diagnostic>)),
    /// Over a normalized request, alone (also run by `check`).
    Request(fn(&ScheduleRequest, &mut Vec<Diagnostic>)),
    /// Over a request judged against its policy, at a given time (`validate` only).
    Validation,
    /// Over the tenant view joined from every document of a run.
    Tenant(tenant::TenantCheck),
}

/// A registered rule.
#[derive(Debug)]
pub struct Rule {
    /// Metadata and docs.
    pub meta: &'static RuleMeta,
    /// How it runs.
    pub check: Check,
}

/// Every rule, sorted by code. A code is never reused.
pub static REGISTRY: &[Rule] = &[
    Rule {
        meta: &structure::missing_rule::MISSING_RULE,
        check: Check::Policy(structure::missing_rule::check),
    },
    Rule {
        meta: &structure::duplicate_rule::DUPLICATE_RULE,
        check: Check::Policy(structure::duplicate_rule::check),
    },
    Rule {
        meta: &structure::unknown_rule_id::UNKNOWN_RULE_ID,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::rule_type_mismatch::RULE_TYPE_MISMATCH,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::target_mismatch::TARGET_MISMATCH,
        check: Check::Policy(structure::target_mismatch::check),
    },
    Rule {
        meta: &structure::misplaced_field::MISPLACED_FIELD,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::wrong_json_type::WRONG_JSON_TYPE,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::invalid_duration::INVALID_DURATION,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::invalid_enum_value::INVALID_ENUM_VALUE,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::enablement_not_supported::ENABLEMENT_NOT_SUPPORTED,
        check: Check::Policy(structure::enablement_not_supported::check),
    },
    Rule {
        meta: &structure::rules_differ_from_effective::RULES_DIFFER_FROM_EFFECTIVE,
        check: Check::Policy(structure::rules_differ_from_effective::check),
    },
    Rule {
        meta: &structure::recipient_type_mismatch::RECIPIENT_TYPE_MISMATCH,
        check: Check::Policy(structure::recipient_type_mismatch::check),
    },
    Rule {
        meta: &structure::unknown_rule_type::UNKNOWN_RULE_TYPE,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::invalid_timestamp::INVALID_TIMESTAMP,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::schema_violation::SCHEMA_VIOLATION,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::non_canonical_spelling::NON_CANONICAL_SPELLING,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::partial_read::PARTIAL_READ,
        check: Check::Reading,
    },
    Rule {
        meta: &structure::legacy_api::LEGACY_API,
        check: Check::Reading,
    },
    Rule {
        meta: &activation::activation_out_of_range::ACTIVATION_OUT_OF_RANGE,
        check: Check::Policy(activation::activation_out_of_range::check),
    },
    Rule {
        meta: &activation::activation_too_long::ACTIVATION_TOO_LONG,
        check: Check::Policy(activation::activation_too_long::check),
    },
    Rule {
        meta: &activation::activation_no_mfa::ACTIVATION_NO_MFA,
        check: Check::Policy(activation::activation_no_mfa::check),
    },
    Rule {
        meta: &activation::mfa_and_auth_context::MFA_AND_AUTH_CONTEXT,
        check: Check::Policy(activation::mfa_and_auth_context::check),
    },
    Rule {
        meta: &activation::auth_context_no_claim::AUTH_CONTEXT_NO_CLAIM,
        check: Check::Policy(activation::auth_context_no_claim::check),
    },
    Rule {
        meta: &activation::activation_no_justification::ACTIVATION_NO_JUSTIFICATION,
        check: Check::Policy(activation::activation_no_justification::check),
    },
    Rule {
        meta: &activation::activation_no_ticket::ACTIVATION_NO_TICKET,
        check: Check::Policy(activation::activation_no_ticket::check),
    },
    Rule {
        meta: &activation::activation_expiry_not_required::ACTIVATION_EXPIRY_NOT_REQUIRED,
        check: Check::Policy(activation::activation_expiry_not_required::check),
    },
    Rule {
        meta: &activation::admin_eligibility_mfa::ADMIN_ELIGIBILITY_MFA,
        check: Check::Policy(activation::admin_eligibility_mfa::check),
    },
    Rule {
        meta: &approval::approval_missing_ga::APPROVAL_MISSING_GA,
        check: Check::Policy(approval::approval_missing_ga::check),
    },
    Rule {
        meta: &approval::approval_missing_privileged::APPROVAL_MISSING_PRIVILEGED,
        check: Check::Policy(approval::approval_missing_privileged::check),
    },
    Rule {
        meta: &approval::approval_no_approvers::APPROVAL_NO_APPROVERS,
        check: Check::Policy(approval::approval_no_approvers::check),
    },
    Rule {
        meta: &approval::approval_single_approver::APPROVAL_SINGLE_APPROVER,
        check: Check::Policy(approval::approval_single_approver::check),
    },
    Rule {
        meta: &approval::approval_multi_stage::APPROVAL_MULTI_STAGE,
        check: Check::Policy(approval::approval_multi_stage::check),
    },
    Rule {
        meta: &approval::approval_mode_mismatch::APPROVAL_MODE_MISMATCH,
        check: Check::Policy(approval::approval_mode_mismatch::check),
    },
    Rule {
        meta: &approval::escalation_broken::ESCALATION_BROKEN,
        check: Check::Policy(approval::escalation_broken::check),
    },
    Rule {
        meta: &approval::requestor_justification_off::REQUESTOR_JUSTIFICATION_OFF,
        check: Check::Policy(approval::requestor_justification_off::check),
    },
    Rule {
        meta: &approval::extension_unapproved::EXTENSION_UNAPPROVED,
        check: Check::Policy(approval::extension_unapproved::check),
    },
    Rule {
        meta: &approval::bad_approver::BAD_APPROVER,
        check: Check::Policy(approval::bad_approver::check),
    },
    Rule {
        meta: &assignment::permanent_eligible_allowed::PERMANENT_ELIGIBLE_ALLOWED,
        check: Check::Policy(assignment::permanent_eligible_allowed::check),
    },
    Rule {
        meta: &assignment::permanent_active_allowed::PERMANENT_ACTIVE_ALLOWED,
        check: Check::Policy(assignment::permanent_active_allowed::check),
    },
    Rule {
        meta: &assignment::eligible_expiry_too_long::ELIGIBLE_EXPIRY_TOO_LONG,
        check: Check::Policy(assignment::eligible_expiry_too_long::check),
    },
    Rule {
        meta: &assignment::active_expiry_too_long::ACTIVE_EXPIRY_TOO_LONG,
        check: Check::Policy(assignment::active_expiry_too_long::check),
    },
    Rule {
        meta: &assignment::expiry_out_of_range::EXPIRY_OUT_OF_RANGE,
        check: Check::Policy(assignment::expiry_out_of_range::check),
    },
    Rule {
        meta: &assignment::calendar_duration::CALENDAR_DURATION,
        check: Check::Policy(assignment::calendar_duration::check),
    },
    Rule {
        meta: &assignment::active_assignment_no_mfa::ACTIVE_ASSIGNMENT_NO_MFA,
        check: Check::Policy(assignment::active_assignment_no_mfa::check),
    },
    Rule {
        meta: &assignment::active_assignment_no_justification::ACTIVE_ASSIGNMENT_NO_JUSTIFICATION,
        check: Check::Policy(assignment::active_assignment_no_justification::check),
    },
    Rule {
        meta: &notification::notification_blackhole::NOTIFICATION_BLACKHOLE,
        check: Check::Policy(notification::notification_blackhole::check),
    },
    Rule {
        meta: &notification::notification_level_none::NOTIFICATION_LEVEL_NONE,
        check: Check::Policy(notification::notification_level_none::check),
    },
    Rule {
        meta: &notification::ga_activation_alert_missing::GA_ACTIVATION_ALERT_MISSING,
        check: Check::Policy(notification::ga_activation_alert_missing::check),
    },
    Rule {
        meta: &notification::bad_recipient::BAD_RECIPIENT,
        check: Check::Policy(notification::bad_recipient::check),
    },
    Rule {
        meta: &notification::approver_not_notified::APPROVER_NOT_NOTIFIED,
        check: Check::Policy(notification::approver_not_notified::check),
    },
    Rule {
        meta: &notification::assignment_alert_missing::ASSIGNMENT_ALERT_MISSING,
        check: Check::Policy(notification::assignment_alert_missing::check),
    },
    Rule {
        meta: &notification::activation_alert_missing::ACTIVATION_ALERT_MISSING,
        check: Check::Policy(notification::activation_alert_missing::check),
    },
    Rule {
        meta: &notification::notification_defaults_only::NOTIFICATION_DEFAULTS_ONLY,
        check: Check::Policy(notification::notification_defaults_only::check),
    },
    Rule {
        meta: &notification::ga_activation_alert_blackhole::GA_ACTIVATION_ALERT_BLACKHOLE,
        check: Check::Policy(notification::ga_activation_alert_blackhole::check),
    },
    Rule {
        meta: &request::expiration_exceeds_maximum::EXPIRATION_EXCEEDS_MAXIMUM,
        check: Check::Validation,
    },
    Rule {
        meta: &request::expiration_required::EXPIRATION_REQUIRED,
        check: Check::Validation,
    },
    Rule {
        meta: &request::justification_missing::JUSTIFICATION_MISSING,
        check: Check::Validation,
    },
    Rule {
        meta: &request::ticket_missing::TICKET_MISSING,
        check: Check::Validation,
    },
    Rule {
        meta: &request::mfa_required::MFA_REQUIRED,
        check: Check::Validation,
    },
    Rule {
        meta: &request::activation_too_short::ACTIVATION_TOO_SHORT,
        check: Check::Validation,
    },
    Rule {
        meta: &request::approval_required::APPROVAL_REQUIRED,
        check: Check::Validation,
    },
    Rule {
        meta: &request::auth_context_required::AUTH_CONTEXT_REQUIRED,
        check: Check::Validation,
    },
    Rule {
        meta: &request::schedule_inconsistent::SCHEDULE_INCONSISTENT,
        check: Check::Request(crate::validate::check_request),
    },
    Rule {
        meta: &request::action_not_valid::ACTION_NOT_VALID,
        check: Check::Request(crate::validate::check_request),
    },
    Rule {
        meta: &request::approver_is_requestor::APPROVER_IS_REQUESTOR,
        check: Check::Validation,
    },
    Rule {
        meta: &request::ticket_ignored::TICKET_IGNORED,
        check: Check::Validation,
    },
    Rule {
        meta: &request::start_in_the_past::START_IN_THE_PAST,
        check: Check::Validation,
    },
    Rule {
        meta: &request::missing_request_field::MISSING_REQUEST_FIELD,
        check: Check::Reading,
    },
    Rule {
        meta: &request::invalid_identifier::INVALID_IDENTIFIER,
        check: Check::Reading,
    },
    Rule {
        meta: &request::no_governing_policy::NO_GOVERNING_POLICY,
        check: Check::Validation,
    },
    Rule {
        meta: &request::not_eligible::NOT_ELIGIBLE,
        check: Check::Validation,
    },
    Rule {
        meta: &request::already_active::ALREADY_ACTIVE,
        check: Check::Validation,
    },
    Rule {
        meta: &request::no_assignment_to_change::NO_ASSIGNMENT_TO_CHANGE,
        check: Check::Validation,
    },
    Rule {
        meta: &request::exceeds_eligibility::EXCEEDS_ELIGIBILITY,
        check: Check::Validation,
    },
    Rule {
        meta: &tenant::global_admin_count::GLOBAL_ADMIN_COUNT,
        check: Check::Tenant(tenant::global_admin_count::check),
    },
    Rule {
        meta: &tenant::global_admin_share::GLOBAL_ADMIN_SHARE,
        check: Check::Tenant(tenant::global_admin_share::check),
    },
    Rule {
        meta: &tenant::permanent_active_privileged::PERMANENT_ACTIVE_PRIVILEGED,
        check: Check::Tenant(tenant::permanent_active_privileged::check),
    },
    Rule {
        meta: &tenant::assigned_outside_pim::ASSIGNED_OUTSIDE_PIM,
        check: Check::Tenant(tenant::assigned_outside_pim::check),
    },
    Rule {
        meta: &tenant::privileged_guest::PRIVILEGED_GUEST,
        check: Check::Tenant(tenant::privileged_guest::check),
    },
    Rule {
        meta: &tenant::privileged_synced_user::PRIVILEGED_SYNCED_USER,
        check: Check::Tenant(tenant::privileged_synced_user::check),
    },
    Rule {
        meta: &tenant::privileged_service_principal::PRIVILEGED_SERVICE_PRINCIPAL,
        check: Check::Tenant(tenant::privileged_service_principal::check),
    },
    Rule {
        meta: &tenant::permanent_eligible_privileged::PERMANENT_ELIGIBLE_PRIVILEGED,
        check: Check::Tenant(tenant::permanent_eligible_privileged::check),
    },
    Rule {
        meta: &tenant::privileged_role_no_policy::PRIVILEGED_ROLE_NO_POLICY,
        check: Check::Tenant(tenant::privileged_role_no_policy::check),
    },
    Rule {
        meta: &tenant::pim_alert_disabled::PIM_ALERT_DISABLED,
        check: Check::Tenant(tenant::pim_alert_disabled::check),
    },
    Rule {
        meta: &tenant::schedule_exceeds_policy::SCHEDULE_EXCEEDS_POLICY,
        check: Check::Tenant(tenant::schedule_exceeds_policy::check),
    },
];

/// Runs the checks of a request that need neither its policy nor the time.
pub fn check_request(request: &ScheduleRequest, out: &mut Vec<Diagnostic>) {
    crate::validate::check_request(request, out);
}

/// Finds a rule by code (`PIM001`, any case) or name (`missing-rule`).
#[must_use]
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .find(|r| r.meta.code.eq_ignore_ascii_case(code_or_name) || r.meta.name == code_or_name)
}

/// The context a policy's rules run in: its role's tier and the options for its role and
/// scope.
#[must_use]
pub fn context<'a>(policy: &'a Policy, config: &'a dyn Settings) -> RuleContext<'a> {
    let role = policy.role.as_ref();
    let scope = policy.scope.as_ref().map(|s| s.value.as_str());
    let tier = match role {
        Some(r)
            if r.template_id
                .eq_ignore_ascii_case(crate::roles::GLOBAL_ADMINISTRATOR) =>
        {
            Tier::GlobalAdministrator
        }
        Some(r) if config.is_privileged(&r.template_id, r.is_privileged) => Tier::Privileged,
        Some(_) => Tier::Other,
        None => Tier::Unknown,
    };
    RuleContext {
        config,
        options: config.options_for(role.map(|r| r.id.value.as_str()), scope),
        tier,
        role_name: role.and_then(|r| match (policy.provider, r.id.value.as_str()) {
            (crate::model::Provider::Groups, "member") => {
                Some("membership of the group".to_owned())
            }
            (crate::model::Provider::Groups, "owner") => Some("ownership of the group".to_owned()),
            _ => r
                .display_name
                .clone()
                .or_else(|| crate::roles::name_of(&r.template_id).map(str::to_owned)),
        }),
    }
}

/// Runs every enabled policy rule over a policy.
pub fn check_policy(policy: &Policy, config: &dyn Settings, out: &mut Vec<Diagnostic>) {
    let context = context(policy, config);
    for rule in REGISTRY {
        if let Check::Policy(check) = rule.check {
            if config.is_enabled(rule.meta) {
                check(policy, &context, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_well_formed() {
        let codes: Vec<&str> = REGISTRY.iter().map(|r| r.meta.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes must be unique and sorted");
        for rule in REGISTRY {
            let m = rule.meta;
            assert!(
                m.code.len() == 6
                    && m.code.starts_with("PIM")
                    && m.code[3..].chars().all(|c| c.is_ascii_digit()),
                "{}",
                m.code
            );
            let expected_category = match &m.code[3..4] {
                "0" => Category::Structure,
                "1" => Category::Activation,
                "2" => Category::Approval,
                "3" => Category::Assignment,
                "4" => Category::Notification,
                "5" => Category::Request,
                _ => Category::Tenant,
            };
            assert_eq!(m.category, expected_category, "{}", m.code);
            assert!(
                m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                m.name
            );
        }
        let names: std::collections::HashSet<_> = REGISTRY.iter().map(|r| r.meta.name).collect();
        assert_eq!(names.len(), REGISTRY.len(), "names must be unique");
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in REGISTRY {
            let docs = rule.meta.markdown();
            for heading in [
                "## What it does",
                "## Why it matters",
                "## How to fix",
                "## Example",
            ] {
                assert!(docs.contains(heading), "{} lacks {heading}", rule.meta.code);
            }
            assert!(!rule.meta.summary().is_empty());
        }
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(lookup("pim001").unwrap().meta.name, "missing-rule");
        assert_eq!(lookup("missing-rule").unwrap().meta.code, "PIM001");
        assert!(lookup("PIM999").is_none());
    }
}
