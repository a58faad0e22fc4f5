//! The baselines: every PIM control of each source has a row, the coverage pages under
//! `docs/baselines/` are current, and each policy-level control passes and fails on its own
//! fixtures under `tests/baselines/<baseline>/<control>/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pimlint::baselines::{Baseline, RESERVED_TENANT_RULES, Roles, Status, rule_exists, rule_name};
use pimlint::config::{Config, ConfigFile};
use pimlint::report::{Input, Verdict, assess};
use pimlint::rules::REGISTRY;
use pimlint::{DocumentReport, Options};

/// The controls each source defines that concern PIM, as read in its own code: ScubaGear
/// `AADConfig.rego` MS.AAD.7, the CIS benchmark as Monkey365 and M365SAT check it, the Zero
/// Trust Assessment's tests on privileged roles, Maester's PIM and privileged access tests.
const KNOWN: &[(Baseline, &[&str])] = &[
    (
        Baseline::CisaScuba,
        &[
            "MS.AAD.7.1v1",
            "MS.AAD.7.2v1",
            "MS.AAD.7.3v1",
            "MS.AAD.7.4v1",
            "MS.AAD.7.5v1",
            "MS.AAD.7.6v1",
            "MS.AAD.7.6v1 (groups)",
            "MS.AAD.7.7v1",
            "MS.AAD.7.7v1 (groups)",
            "MS.AAD.7.8v1",
            "MS.AAD.7.8v1 (groups)",
            "MS.AAD.7.9v1",
            "MS.AAD.7.9v1 (groups)",
        ],
    ),
    (
        Baseline::CisM365,
        &[
            "1.1.1", "1.1.3", "5.3.1", "5.3.2", "5.3.3", "5.3.4", "5.3.5",
        ],
    ),
    (
        Baseline::ZeroTrust,
        &[
            "21812", "21813", "21814", "21815", "21816", "21817", "21818", "21819", "21820",
            "51016",
        ],
    ),
    (
        Baseline::Maester,
        &[
            "Test-MtCisaGlobalAdminCount",
            "Test-MtCisaGlobalAdminRatio",
            "Test-MtCisaCloudGlobalAdmin",
            "Test-MtCisaPermanentRoleAssignment",
            "Test-MtCisaUnmanagedRoleAssignment",
            "Test-MtCisaRequireActivationApproval",
            "Test-MtCisaAssignmentNotification",
            "Test-MtCisaActivationNotification -GlobalAdminOnly",
            "Test-MtCisaActivationNotification",
            "Test-MtCisGlobalAdminCount",
            "Test-MtPimAlertsExists",
            "Test-MtPrivPermanentDirectoryRole",
        ],
    ),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn every_known_control_has_a_row() {
    for (baseline, ids) in KNOWN {
        let rows: Vec<&str> = baseline.controls().iter().map(|c| c.id).collect();
        for id in *ids {
            assert!(
                rows.contains(id),
                "{}: control {id} has no row",
                baseline.as_str()
            );
        }
        for row in &rows {
            assert!(
                ids.contains(row),
                "{}: row {row} is not a known control; add it to KNOWN",
                baseline.as_str()
            );
        }
    }
}

#[test]
fn rows_name_real_rules_and_say_why() {
    for code in RESERVED_TENANT_RULES.iter().map(|(c, _)| *c) {
        assert!(code.starts_with("PIM6"), "{code} is not a tenant code");
    }
    for baseline in Baseline::ALL {
        for c in baseline.controls() {
            for code in c.rules {
                assert!(
                    rule_name(code).is_some(),
                    "{} {}: {code} is neither a rule nor a reserved tenant code",
                    baseline.as_str(),
                    c.id
                );
            }
            match c.status {
                Status::Implemented => {
                    assert!(
                        c.roles != Roles::None,
                        "{} {}: implemented controls read policies",
                        baseline.as_str(),
                        c.id
                    );
                    assert!(
                        c.rules.iter().any(|r| rule_exists(r)),
                        "{} {}: implemented by no existing rule",
                        baseline.as_str(),
                        c.id
                    );
                }
                Status::NeedsTenantData | Status::NotApplicableOffline => assert!(
                    !c.reason.is_empty(),
                    "{} {}: say why it is not implemented",
                    baseline.as_str(),
                    c.id
                ),
            }
            // Every existing rule a profile relies on runs with that profile.
            let config = config(baseline);
            for code in c.rules.iter().filter(|r| rule_exists(r)) {
                let rule = REGISTRY.iter().find(|r| r.meta.code == *code).unwrap();
                let runs = !matches!(rule.check, pimlint::rules::Check::Policy(_))
                    || config.is_enabled(rule.meta);
                assert!(
                    runs,
                    "{} {}: {code} is off in the {} profile",
                    baseline.as_str(),
                    c.id,
                    baseline.profile().as_str()
                );
            }
        }
    }
}

/// `docs/baselines/<name>.md` is generated from the code.
#[test]
fn baseline_docs_are_current() {
    let update = std::env::var_os("PIMLINT_UPDATE_DOCS").is_some();
    let dir = root().join("docs/baselines");
    let mut stale = Vec::new();
    for baseline in Baseline::ALL {
        let path = dir.join(format!("{}.md", baseline.as_str()));
        let expected = pimlint::baselines::markdown(baseline);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, expected).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale baseline docs (run `just docs`): {stale:#?}"
    );
}

fn config(baseline: Baseline) -> Config {
    Config::resolve(ConfigFile {
        profile: Some(baseline.profile()),
        ..ConfigFile::default()
    })
    .unwrap()
}

fn control_dir(baseline: Baseline, id: &str) -> PathBuf {
    root()
        .join("tests/baselines")
        .join(baseline.as_str())
        .join(id)
}

/// Each policy-level control of CISA, CIS and Zero Trust has a passing and a failing
/// document; Maester's rows reuse the CISA fixtures of the control with the same rules.
#[test]
fn per_control_fixtures_pass_and_fail() {
    let mut snapshot = String::new();
    for baseline in [Baseline::CisaScuba, Baseline::CisM365, Baseline::ZeroTrust] {
        let config = config(baseline);
        let options = Options {
            config: config.clone(),
            ..Options::default()
        };
        for control in baseline
            .controls()
            .iter()
            .filter(|c| c.status == Status::Implemented)
        {
            let dir = control_dir(baseline, control.id);
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap_or_else(|_| panic!("{} has no fixtures", dir.display()))
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            files.sort();
            let name = |p: &Path| p.file_name().unwrap().to_str().unwrap().to_owned();
            assert!(
                files.iter().any(|p| name(p).starts_with("pass-")),
                "{}: no pass-*.json",
                dir.display()
            );
            assert!(
                files.iter().any(|p| name(p).starts_with("fail-")),
                "{}: no fail-*.json",
                dir.display()
            );
            for path in files {
                let text = std::fs::read_to_string(&path).unwrap();
                let reports: Vec<DocumentReport> = pimlint::check_str(&text, &options).unwrap();
                let file = name(&path);
                let input = [Input {
                    path: &file,
                    documents: &reports,
                }];
                let assessment = assess(baseline, &config, &input);
                let result = assessment
                    .controls
                    .iter()
                    .find(|r| r.control.id == control.id)
                    .unwrap();
                let expected = if file.starts_with("pass-") {
                    Verdict::Pass
                } else {
                    Verdict::Fail
                };
                assert_eq!(
                    result.verdict,
                    expected,
                    "{} {} on {file}: {:?}",
                    baseline.as_str(),
                    control.id,
                    result.failures
                );
                if expected == Verdict::Fail {
                    let _ = writeln!(snapshot, "{} {} {file}", baseline.as_str(), control.id);
                    for f in &result.failures {
                        let d = &f.diagnostic;
                        let _ = writeln!(
                            snapshot,
                            "  {} {} {} at {}: {}",
                            d.code, d.severity, f.role, d.pointer, d.message
                        );
                    }
                }
            }
        }
    }
    insta::assert_snapshot!(snapshot);
    // Maester's implemented rows are the CISA controls with the same rules.
    for c in Baseline::Maester
        .controls()
        .iter()
        .filter(|c| c.status == Status::Implemented)
    {
        assert!(
            Baseline::CisaScuba
                .controls()
                .iter()
                .any(|k| k.rules == c.rules && k.roles == c.roles && k.status == c.status),
            "{} has no CISA control with the same rules and roles",
            c.id
        );
    }
}
