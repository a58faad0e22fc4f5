//! `PIM2xx`: approval of activations.

pub mod approval_missing_ga;
pub mod approval_missing_privileged;
pub mod approval_mode_mismatch;
pub mod approval_multi_stage;
pub mod approval_no_approvers;
pub mod approval_single_approver;
pub mod bad_approver;
pub mod escalation_broken;
pub mod extension_unapproved;
pub mod requestor_justification_off;

use crate::model::{ApprovalRule, Policy};

/// The approval rule, when approval is required.
pub(crate) fn required(policy: &Policy) -> Option<&ApprovalRule> {
    policy
        .rules
        .approval_end_user_assignment
        .as_ref()
        .filter(|r| r.is_approval_required.as_ref().is_some_and(|a| a.value))
}
