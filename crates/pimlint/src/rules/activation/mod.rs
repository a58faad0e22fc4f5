//! `PIM1xx`: what a user must do, and for how long they may hold the role, when they activate.

pub mod activation_expiry_not_required;
pub mod activation_no_justification;
pub mod activation_no_mfa;
pub mod activation_no_ticket;
pub mod activation_out_of_range;
pub mod activation_too_long;
pub mod admin_eligibility_mfa;
pub mod auth_context_no_claim;
pub mod mfa_and_auth_context;
