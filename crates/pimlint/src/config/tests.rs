//! Selection, severities, options, overrides and profiles, as `pimlint.toml` sets them.

use super::*;
use crate::duration::IsoDuration;

fn config(toml: &str) -> Config {
    Config::from_toml(toml, false).unwrap()
}

fn enabled(c: &Config, code: &str) -> bool {
    c.is_enabled(crate::rules::lookup(code).unwrap().meta)
}

/// What `config --show` prints loads back as the same configuration.
#[test]
fn show_round_trips() {
    for text in [
        "",
        "profile = \"strict\"",
        "profile = \"cisa-scuba\"\nignore = [\"PIM2\"]\n[severity]\nPIM102 = \"error\"\nPIM201 = \"warning\"",
        "extend-select = [\"PIM108\"]\n[privileged-roles]\nextend = [\"Exchange Administrator\"]\n\
         [rules.activation-too-long]\nmaximum = \"PT6H\"\n\
         [[overrides]]\nroles = [\"Global Administrator\"]\nignore = [\"PIM404\"]\n\
         [overrides.rules.activation-too-long]\nglobal-administrator-maximum = \"PT1H\"",
    ] {
        let first = config(text);
        let shown = first.show();
        let second = Config::from_toml(&shown, false)
            .unwrap_or_else(|e| panic!("{text:?} shows as invalid TOML: {e}\n{shown}"));
        assert_eq!(first.profile, second.profile, "{shown}");
        assert_eq!(first.enabled, second.enabled, "{shown}");
        assert_eq!(first.options, second.options, "{shown}");
        assert_eq!(first.role_set, second.role_set, "{shown}");
        assert_eq!(first.privileged_extend, second.privileged_extend, "{shown}");
        // The severity of a rule that does not run does not matter.
        let effective = |c: &Config| -> Vec<Option<Severity>> {
            REGISTRY
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    c.enabled[i].then(|| c.severity[i].unwrap_or(r.meta.default_severity))
                })
                .collect()
        };
        assert_eq!(effective(&first), effective(&second), "{shown}");
        assert_eq!(first.overrides.len(), second.overrides.len(), "{shown}");
        assert_eq!(second.show(), shown, "a second round changes nothing");
    }
}

/// A human spelling in `[rules]` is reported at its key, with the ISO 8601 form.
#[test]
fn human_duration_in_rules_is_located() {
    let e = Config::from_toml(
        "profile = \"recommended\"\n\n[rules.activation-too-long]\nmaximum = \"8 hours\"\n",
        false,
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("4:11: "), "{e}");
    assert!(e.contains("did you mean PT8H?"), "{e}");
}

#[test]
fn most_specific_selector_wins() {
    let c = config("select = [\"PIM0\"]\nignore = [\"PIM00\"]\nextend-select = [\"PIM005\"]");
    assert!(!enabled(&c, "PIM001"));
    assert!(enabled(&c, "PIM005"), "exact code beats the prefix");
    assert!(enabled(&c, "PIM013"));
    assert!(!enabled(&c, "PIM501"), "not selected");
    let c = config("ignore = [\"missing-rule\"]");
    assert!(!enabled(&c, "PIM001"));
    assert!(enabled(&c, "PIM002"));
}

#[test]
fn unknown_keys_and_codes_are_errors_with_suggestions() {
    let e = Config::from_toml("selec = [\"PIM0\"]", false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("did you mean `select`?"), "{e}");
    let e = Config::from_toml("ignore = [\"PIM999\"]", false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a rule code"), "{e}");
    let e = Config::from_toml("ignore = [\"missing-rul\"]", false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("did you mean `missing-rule`?"), "{e}");
    let e = Config::from_toml("[rules.activation-too-long]\nmaximun = \"PT2H\"", false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("did you mean `maximum`?"), "{e}");
    let e = Config::from_toml("[rules.activation-too-long]\nmaximum = \"P2H\"", false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("PT2H"), "{e}");
    let e = Config::from_toml("select = [", false)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("1:"), "{e}");
}

#[test]
fn a_finding_is_configured_by_its_code_whichever_string_holds_it() {
    let c = config("[severity]\nPIM002 = \"info\"");
    let rule = &crate::rules::structure::duplicate_rule::DUPLICATE_RULE;
    let mut d = vec![
        Diagnostic::new(rule, "x", crate::Pointer::root()),
        Diagnostic::new(rule, "y", crate::Pointer::root()),
    ];
    // The same code in another string: found by its value.
    d[1].code = String::from(rule.code).leak();
    assert!(!std::ptr::eq(d[0].code, d[1].code));
    c.apply(&mut d, None, None);
    assert_eq!(d[0].severity, Severity::Info);
    assert_eq!(d[1].severity, Severity::Info);
}

#[test]
fn severities_profiles_and_overrides() {
    let c = config("[severity]\nPIM0 = \"info\"\nPIM001 = \"off\"");
    assert!(!enabled(&c, "PIM001"));
    let mut d = vec![Diagnostic::new(
        &crate::rules::structure::duplicate_rule::DUPLICATE_RULE,
        "x",
        crate::Pointer::root(),
    )];
    c.apply(&mut d, None, None);
    assert_eq!(d[0].severity, Severity::Info);
    let c = config("profile = \"cisa-scuba\"");
    assert_eq!(c.profile, Profile::CisaScuba);
    assert!(
        c.is_privileged("29232cdf-9323-42fd-ade2-1d097af3e4de", None),
        "Exchange is in CISA's set"
    );
    assert!(
        !c.is_privileged("729827e3-9c14-49f7-bb1b-9608f156bbb8", Some(true)),
        "Helpdesk is not"
    );
    let c = config(
        "[rules.activation-too-long]\nmaximum = \"PT6H\"\n[[overrides]]\nroles = [\"Global Administrator\"]\n[overrides.rules.activation-too-long]\nglobal-administrator-maximum = \"PT1H\"",
    );
    let ga = c.options_for(Some(roles::GLOBAL_ADMINISTRATOR), Some("/"));
    assert_eq!(
        ga.activation_too_long.global_administrator_maximum,
        IsoDuration::hours(1)
    );
    assert_eq!(
        ga.activation_too_long.maximum,
        IsoDuration::hours(6),
        "top level kept"
    );
    let other = c.options_for(Some("fe930be7-5e62-47db-91af-98c3a49a38b1"), Some("/"));
    assert_eq!(
        other.activation_too_long.global_administrator_maximum,
        IsoDuration::hours(2)
    );
    let e = Config::from_toml("[[overrides]]\nignore = [\"PIM001\"]", false).unwrap_err();
    assert!(e.to_string().contains("apply everywhere"));
}

#[test]
fn scopes_match_exactly_or_below_with_a_star() {
    let c = config("[[overrides]]\nscopes = [\"/subscriptions/a/*\"]\nignore = [\"PIM001\"]");
    let meta_diag = || {
        vec![Diagnostic::new(
            &crate::rules::structure::missing_rule::MISSING_RULE,
            "x",
            crate::Pointer::root(),
        )]
    };
    let mut d = meta_diag();
    c.apply(&mut d, None, Some("/subscriptions/A/resourceGroups/rg"));
    assert!(d.is_empty());
    let mut d = meta_diag();
    c.apply(&mut d, None, Some("/subscriptions/b"));
    assert_eq!(d.len(), 1);
}

#[test]
fn pyproject_table_and_json_values() {
    let c = Config::from_toml(
        "[project]\nname = \"x\"\n[tool.pimlint]\nignore = [\"PIM001\"]",
        true,
    )
    .unwrap();
    assert!(!enabled(&c, "PIM001"));
    let c = Config::from_value(serde_json::json!({"profile": "strict"})).unwrap();
    assert!(enabled(&c, "PIM108"), "strict turns opt-in rules on");
    assert!(!enabled(&Config::default(), "PIM108"));
    let e = Config::from_value(serde_json::json!({"profil": "strict"})).unwrap_err();
    assert!(e.to_string().contains("did you mean `profile`?"), "{e}");
}

/// Approvers and recipients for fixes are read, and a bad entry is named and located.
#[test]
fn approvers_and_recipients_are_validated_with_their_entry() {
    let c = config(
        "[rules.approval]\napprovers = [\n  { user = \"5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b\", description = \"Alex\" },\n  { group = \"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\" },\n]\n[rules.notification]\nrecipients = [\"pim-alerts@contoso.com\"]\n",
    );
    let approvers = &c.options.approval.approvers;
    assert_eq!(approvers.len(), 2);
    assert_eq!(
        approvers[0].subject(),
        Some((ApproverType::User, "5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b"))
    );
    assert_eq!(approvers[0].description.as_deref(), Some("Alex"));
    assert_eq!(
        approvers[1].subject(),
        Some((ApproverType::Group, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"))
    );
    assert_eq!(
        c.options.notification.recipients,
        ["pim-alerts@contoso.com"]
    );

    let cases = [
        (
            "[rules.approval]\napprovers = [\n  { user = \"5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b\" },\n  { user = \"alex@contoso.com\" },\n]\n",
            "4:3: `rules.approval.approvers[1]`: `user` is \"alex@contoso.com\", which is not an object id",
        ),
        (
            "[rules.approval]\napprovers = [{ description = \"nobody\" }]\n",
            "2:14: `rules.approval.approvers[0]`: names no approver",
        ),
        (
            "[rules.approval]\napprovers = [{ user = \"5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b\", group = \"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\" }]\n",
            "2:14: `rules.approval.approvers[0]`: gives both `user` and `group`",
        ),
        (
            "[rules.notification]\nrecipients = [\"ok@contoso.com\", \"soc@contoso.com; it@contoso.com\"]\n",
            "2:33: `rules.notification.recipients[1]`: \"soc@contoso.com; it@contoso.com\" is not one e-mail address",
        ),
        (
            "[[overrides]]\nroles = [\"Global Administrator\"]\n[overrides.rules.notification]\nrecipients = [\"nobody\"]\n",
            "4:15: `overrides[0].rules.notification.recipients[0]`: \"nobody\" is not one e-mail address",
        ),
    ];
    for (text, expected) in cases {
        let e = Config::from_toml(text, false).unwrap_err().to_string();
        assert!(e.starts_with(expected), "{text}\n{e}");
    }
    let e = Config::from_toml(
        "[tool.pimlint.rules.approval]\napprovers = [{ group = \"admins\" }]\n",
        true,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("2:14: `rules.approval.approvers[0]`: `group` is \"admins\""),
        "{e}"
    );
    let e = Config::from_value(serde_json::json!({
        "rules": { "approval": { "approvers": [{ "user": "not-a-guid" }] } }
    }))
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("`rules.approval.approvers[0]`: `user` is \"not-a-guid\""),
        "{e}"
    );
    let e = Config::from_value(serde_json::json!({
        "rules": { "approval": { "approvers": [{ "usr": "x" }] } }
    }))
    .unwrap_err()
    .to_string();
    assert!(e.contains("did you mean `user`?"), "{e}");
}

/// The default configuration is resolved once and handed out as copies: each is the resolved
/// default, and changing one leaves the next as it was.
#[test]
fn default_is_the_resolved_default_each_time() {
    let resolved = Config::resolve(ConfigFile::default()).unwrap();
    let mut first = Config::default();
    assert_eq!(format!("{first:?}"), format!("{resolved:?}"));
    first.options.activation_too_long.maximum = IsoDuration::hours(1);
    first.enabled.fill(false);
    let second = Config::default();
    assert_eq!(format!("{second:?}"), format!("{resolved:?}"));
    assert!(enabled(&second, "PIM102"));
}
