//! `PIM3xx`: how long eligible and active assignments last, and what an admin must supply.

pub mod active_assignment_no_justification;
pub mod active_assignment_no_mfa;
pub mod active_expiry_too_long;
pub mod calendar_duration;
pub mod eligible_expiry_too_long;
pub mod expiry_out_of_range;
pub mod permanent_active_allowed;
pub mod permanent_eligible_allowed;
