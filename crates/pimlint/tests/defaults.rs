//! The two reference policies: Global Administrator set as Microsoft's guidance and CISA ask
//! gives no finding; Microsoft's out-of-the-box Global Administrator settings give the findings
//! a reviewer expects, with the concrete values.

#![allow(clippy::unwrap_used, reason = "test code fails loudly")]

use std::path::Path;

use pimlint::{Options, Severity};

fn findings(path: &str) -> Vec<pimlint::Diagnostic> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path),
    )
    .unwrap();
    pimlint::check_str(&text, &Options::default())
        .unwrap()
        .into_iter()
        .flat_map(|r| r.diagnostics)
        .collect()
}

#[test]
fn recommended_global_administrator_is_clean() {
    let found = findings("examples/policy-as-code/global-administrator-recommended.json");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn microsoft_defaults_for_global_administrator_get_the_expected_findings() {
    let found = findings("examples/tenant-export/global-administrator.json");
    let mut codes: Vec<(&str, Severity)> = found.iter().map(|d| (d.code, d.severity)).collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            ("PIM102", Severity::Warning),
            ("PIM201", Severity::Error),
            ("PIM301", Severity::Warning),
            ("PIM302", Severity::Error),
            ("PIM307", Severity::Warning),
            ("PIM404", Severity::Warning),
        ]
    );
    let too_long = found.iter().find(|d| d.code == "PIM102").unwrap();
    assert_eq!(
        too_long.message,
        "activation may last PT8H (8 hours); the limit for Global Administrator is PT2H"
    );
}

#[test]
fn cisa_profile_names_its_controls() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/tenant-export/global-administrator.json"),
    )
    .unwrap();
    let options = Options {
        config: pimlint::config::Config::from_toml("profile = \"cisa-scuba\"", false).unwrap(),
        ..Options::default()
    };
    let found: Vec<_> = pimlint::check_str(&text, &options)
        .unwrap()
        .into_iter()
        .flat_map(|r| r.diagnostics)
        .collect();
    let approval = found.iter().find(|d| d.code == "PIM201").unwrap();
    assert!(
        approval.message.ends_with("(MS.AAD.7.6)"),
        "{}",
        approval.message
    );
    let alert = found.iter().find(|d| d.code == "PIM404").unwrap();
    assert_eq!(
        alert.severity,
        Severity::Error,
        "CISA makes the alert mailbox an error"
    );
}

/// `pimlint.schema.json` (for editors) is the schema the configuration types generate;
/// `just docs` rewrites it. A configuration using every section validates against it.
#[test]
fn config_schema_is_current_and_accepts_a_full_config() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../pimlint.schema.json");
    let schema = pimlint::config::json_schema();
    let text = format!("{}\n", serde_json::to_string_pretty(&schema).unwrap());
    if std::env::var_os("PIMLINT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        text,
        "pimlint.schema.json is stale: run `just docs`"
    );
    let full = r#"
profile = "cisa-scuba"
select = ["PIM"]
extend-select = ["approval-missing-privileged"]
ignore = ["PIM014"]
[severity]
PIM102 = "error"
[privileged-roles]
set = "cis"
extend = ["Exchange Administrator"]
[rules.activation-too-long]
maximum = "PT6H"
[[overrides]]
roles = ["Global Administrator"]
ignore = ["PIM404"]
[overrides.rules.activation-too-long]
global-administrator-maximum = "PT1H"
"#;
    pimlint::config::Config::from_toml(full, false).unwrap();
    let table: toml::Table = toml::from_str(full).unwrap();
    let instance = serde_json::to_value(table).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let typo: serde_json::Value = serde_json::json!({"selec": ["PIM0"]});
    assert!(!validator.is_valid(&typo), "unknown keys are rejected");
}
