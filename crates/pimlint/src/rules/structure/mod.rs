//! `PIM0xx`: the structure of policy and request documents.

pub mod duplicate_rule;
pub mod enablement_not_supported;
pub mod invalid_duration;
pub mod invalid_enum_value;
pub mod invalid_timestamp;
pub mod legacy_api;
pub mod misplaced_field;
pub mod missing_rule;
pub mod non_canonical_spelling;
pub mod partial_read;
pub mod recipient_type_mismatch;
pub mod rule_type_mismatch;
pub mod rules_differ_from_effective;
pub mod schema_violation;
pub mod target_mismatch;
pub mod unknown_rule_id;
pub mod unknown_rule_type;
pub mod wrong_json_type;
