//! `PIM5xx`: schedule requests, alone and judged against the policy that governs them.
//!
//! Codes whose check needs the policy or the time run in [`crate::validate`]; the structural
//! ones also run in `check`. Messages name the policy rule the service reports
//! (`ExpirationRule`, `JustificationRule`, `TicketingRule`, `MfaRule`, `EligibilityRule`).

pub mod action_not_valid;
pub mod activation_too_short;
pub mod already_active;
pub mod approval_required;
pub mod approver_is_requestor;
pub mod auth_context_required;
pub mod exceeds_eligibility;
pub mod expiration_exceeds_maximum;
pub mod expiration_required;
pub mod invalid_identifier;
pub mod justification_missing;
pub mod mfa_required;
pub mod missing_request_field;
pub mod no_assignment_to_change;
pub mod no_governing_policy;
pub mod not_eligible;
pub mod schedule_inconsistent;
pub mod start_in_the_past;
pub mod ticket_ignored;
pub mod ticket_missing;
