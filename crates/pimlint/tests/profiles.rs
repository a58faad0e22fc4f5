//! What each baseline profile sets beyond severities: opt-in rules it turns on, severities for
//! some roles only, rule options its source uses, and per-role limits; and that the
//! configuration still wins over the profile.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use pimlint::config::{Config, GroupApprovers, Profile};
use pimlint::{Diagnostic, Options, Severity};
use serde_json::json;

fn config(value: serde_json::Value) -> Config {
    Config::from_value(value).unwrap()
}

fn findings(path: &str, config: &Config) -> Vec<Diagnostic> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../").to_owned() + path)
            .unwrap();
    let options = Options {
        config: config.clone(),
        ..Options::default()
    };
    pimlint::check_str(&text, &options)
        .unwrap()
        .into_iter()
        .flat_map(|r| r.diagnostics)
        .collect()
}

fn of<'a>(found: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    found.iter().filter(|d| d.code == code).collect()
}

const ONE_GROUP_GA: &str =
    "tests/baselines/cis-m365/5.3.4/fail-global-administrator-one-group-approver.json";
const ONE_USER_PRA: &str =
    "tests/baselines/cis-m365/5.3.5/fail-privileged-role-administrator-one-approver.json";
const INTUNE_8H: &str =
    "tests/baselines/zero-trust/51016/pass-intune-administrator-eight-hours.json";

#[test]
fn alert_rules_are_opt_in_and_profiles_turn_them_on() {
    let rule = |code| pimlint::rules::lookup(code).unwrap().meta;
    let recommended = Config::default();
    for code in ["PIM409", "PIM410", "PIM411"] {
        assert!(!recommended.is_enabled(rule(code)), "{code} is opt-in");
    }
    let cisa = config(json!({ "profile": "cisa-scuba" }));
    assert!(cisa.is_enabled(rule("PIM409")) && cisa.is_enabled(rule("PIM410")));
    assert!(!cisa.is_enabled(rule("PIM411")));
    let zero_trust = config(json!({ "profile": "zero-trust" }));
    assert!(zero_trust.is_enabled(rule("PIM410")) && zero_trust.is_enabled(rule("PIM411")));
    assert!(!zero_trust.is_enabled(rule("PIM409")));
    let strict = config(json!({ "profile": "strict" }));
    for code in ["PIM409", "PIM410", "PIM411", "PIM412"] {
        assert!(strict.is_enabled(rule(code)));
    }
    // Zero Trust 21819 alone reads the Global Administrator activation alert reaching nobody.
    assert!(!recommended.is_enabled(rule("PIM412")) && !cisa.is_enabled(rule("PIM412")));
    assert!(zero_trust.is_enabled(rule("PIM412")));
    // Maester's CISA tests read what ScubaGear reads, on the same eight roles.
    let maester = config(json!({ "profile": "maester" }));
    assert_eq!(maester.profile, Profile::Maester);
    for code in ["PIM409", "PIM410"] {
        assert!(maester.is_enabled(rule(code)));
    }
    assert!(!maester.is_enabled(rule("PIM411")) && !maester.is_enabled(rule("PIM412")));
    let user_administrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    assert!(maester.is_privileged(user_administrator, None));
    assert!(!maester.is_privileged("f2ef992c-3afb-46b9-b7cf-a126ee74c451", Some(true)));
}

#[test]
fn maester_names_its_test_ids_with_cisa_severities() {
    let maester = config(json!({ "profile": "maester" }));
    let found = findings("examples/tenant-export/global-administrator.json", &maester);
    let pim201 = of(&found, "PIM201");
    assert_eq!(pim201.len(), 1);
    assert_eq!(pim201[0].severity, Severity::Error);
    assert!(
        pim201[0].message.ends_with("(CISA.MS.AAD.7.6)"),
        "{}",
        pim201[0].message
    );
}

/// A group that holds a role is checked with that role's own settings: an override for the
/// role reaches the group's member policy.
#[test]
fn group_member_policy_takes_the_settings_of_the_role_it_holds() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/baselines/cisa-scuba/MS.AAD.7.6v1-groups/fail-group-eligible-for-global-administrator-no-approval.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let run = |config: &Config| {
        let options = Options {
            config: config.clone(),
            ..Options::default()
        };
        let mut reports = pimlint::check_str(&text, &options).unwrap();
        pimlint::tenant::check_run(&mut [&mut reports], config);
        reports
            .into_iter()
            .flat_map(|r| r.diagnostics)
            .filter(|d| d.code == "PIM201")
            .collect::<Vec<_>>()
    };
    let cisa = config(json!({ "profile": "cisa-scuba" }));
    let found = run(&cisa);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(found[0].note.as_deref().unwrap().contains("an eligibility"));
    let waived = config(json!({
        "profile": "cisa-scuba",
        "overrides": [{ "roles": ["Global Administrator"], "severity": { "PIM201": "info" } }]
    }));
    assert_eq!(run(&waived)[0].severity, Severity::Info);
    let ignored = config(json!({
        "profile": "cisa-scuba",
        "overrides": [{ "roles": ["Global Administrator"], "ignore": ["PIM201"] }]
    }));
    assert!(run(&ignored).is_empty());
}

#[test]
fn cis_counts_a_group_as_one_approver_and_errs_on_ga_and_pra() {
    let cis = config(json!({ "profile": "cis-m365" }));
    assert_eq!(
        cis.options.approval_single_approver.groups,
        GroupApprovers::One
    );
    let found = findings(ONE_GROUP_GA, &cis);
    let pim204 = of(&found, "PIM204");
    assert_eq!(pim204.len(), 1);
    assert_eq!(pim204[0].severity, Severity::Error);
    assert!(
        pim204[0].message.ends_with("(CIS 5.3.4)"),
        "{}",
        pim204[0].message
    );
    // The default counts a group as enough.
    assert!(of(&findings(ONE_GROUP_GA, &Config::default()), "PIM204").is_empty());
    // Only users count, as M365SAT counts.
    let users_only = config(json!({
        "profile": "cis-m365",
        "rules": { "approval-single-approver": { "groups": "none" } }
    }));
    let found = findings(ONE_GROUP_GA, &users_only);
    assert!(
        of(&found, "PIM204")[0]
            .message
            .starts_with("approval rests on 0 approvers (only users count)")
    );
    let found = findings(ONE_USER_PRA, &cis);
    assert_eq!(of(&found, "PIM204")[0].severity, Severity::Error);
}

#[test]
fn configured_severity_wins_over_the_profile_role_severity() {
    let cis = config(json!({ "profile": "cis-m365", "severity": { "PIM204": "warning" } }));
    let found = findings(ONE_GROUP_GA, &cis);
    assert_eq!(of(&found, "PIM204")[0].severity, Severity::Warning);
    // The same role severity does not reach other roles: the one-approver policy of
    // Privileged Role Administrator, given to Helpdesk Administrator.
    let text = std::fs::read_to_string(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../").to_owned() + ONE_USER_PRA,
    )
    .unwrap()
    .replace(
        "e8611ab8-c189-46e8-94e1-60213ab1f814",
        "729827e3-9c14-49f7-bb1b-9608f156bbb8",
    );
    let options = Options {
        config: config(json!({ "profile": "cis-m365" })),
        ..Options::default()
    };
    let other: Vec<Diagnostic> = pimlint::check_str(&text, &options)
        .unwrap()
        .into_iter()
        .flat_map(|r| r.diagnostics)
        .collect();
    let pim204 = of(&other, "PIM204");
    assert_eq!(pim204.len(), 1);
    assert_eq!(
        pim204[0].severity,
        Severity::Warning,
        "{}",
        pim204[0].message
    );
    assert!(!pim204[0].message.contains("CIS"), "{}", pim204[0].message);
}

#[test]
fn zero_trust_allows_intune_administrator_eight_hours() {
    let zero_trust = config(json!({ "profile": "zero-trust" }));
    assert!(of(&findings(INTUNE_8H, &zero_trust), "PIM102").is_empty());
    // Other profiles keep the privileged limit.
    assert_eq!(
        of(&findings(INTUNE_8H, &Config::default()), "PIM102").len(),
        1
    );
    // The configuration's own override wins.
    let stricter = config(json!({
        "profile": "zero-trust",
        "overrides": [{
            "roles": ["Intune Administrator"],
            "rules": { "activation-too-long": { "privileged-maximum": "PT2H" } }
        }]
    }));
    let found = findings(INTUNE_8H, &stricter);
    assert_eq!(of(&found, "PIM102").len(), 1);
    assert!(
        !of(&found, "PIM102")[0].message.contains("51016"),
        "cited only above PT8H"
    );
    assert_eq!(zero_trust.profile, Profile::ZeroTrust);
}
