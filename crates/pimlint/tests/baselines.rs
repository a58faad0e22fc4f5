//! The baselines: every PIM control of each source has a row, the coverage pages under
//! `docs/baselines/` are current, and each policy-level control passes and fails on its own
//! fixtures under `tests/baselines/<baseline>/<control>/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pimlint::baselines::{Baseline, RESERVED_TENANT_RULES, Roles, Status, rule_exists, rule_name};
use pimlint::config::{Config, ConfigFile};
use pimlint::report::{Input, Verdict, assess};
use pimlint::rules::REGISTRY;
use pimlint::{DocumentReport, Options};

use support::workspace;

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
            "CISA.MS.AAD.7.1",
            "CISA.MS.AAD.7.2",
            "CISA.MS.AAD.7.3",
            "CISA.MS.AAD.7.4",
            "CISA.MS.AAD.7.5",
            "CISA.MS.AAD.7.6",
            "CISA.MS.AAD.7.7",
            "CISA.MS.AAD.7.8",
            "CISA.MS.AAD.7.9",
            "CIS.M365.1.1.1",
            "CIS.M365.1.1.3",
            "MT.1025",
            "MT.1026",
            "MT.1027",
            "MT.1028",
            "MT.1029",
            "MT.1030",
            "MT.1031",
            "MT.1032",
        ],
    ),
];

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
    let dir = workspace().join("docs/baselines");
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

/// The fixtures of a control: `tests/baselines/<baseline>/<control>/`, with ` (groups)` rows in
/// `<control>-groups/`. Maester's CISA tests (`CISA.MS.AAD.7.6`) run the CISA control's
/// fixtures (`cisa-scuba/MS.AAD.7.6v1/`) under the `maester` profile.
fn control_dir(baseline: Baseline, id: &str) -> PathBuf {
    let base = workspace().join("tests/baselines");
    if let (Baseline::Maester, Some(cisa)) = (baseline, id.strip_prefix("CISA.")) {
        return base
            .join(Baseline::CisaScuba.as_str())
            .join(format!("{cisa}v1"));
    }
    base.join(baseline.as_str())
        .join(id.replace(" (groups)", "-groups"))
}

/// Each policy-level control, and each control over the member policies of groups, has a
/// passing and a failing document; Maester's rows run the CISA fixtures of the same control.
/// A fixture is one run: its documents are joined as the tenant view joins a run's inputs.
#[test]
fn per_control_fixtures_pass_and_fail() {
    let mut snapshot = String::new();
    for baseline in Baseline::ALL {
        let config = config(baseline);
        let options = Options {
            config: config.clone(),
            ..Options::default()
        };
        for control in baseline
            .controls()
            .iter()
            .filter(|c| c.status == Status::Implemented || matches!(c.roles, Roles::Groups(_)))
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
                let mut reports: Vec<DocumentReport> = pimlint::check_str(&text, &options).unwrap();
                pimlint::tenant::check_run(&mut [&mut reports], &config);
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

/// The group controls read a link between group and role: without one they are not
/// assessable (not passed), and the link may come from another input of the run.
#[test]
fn group_controls_need_a_link_which_may_come_from_another_input() {
    let config = config(Baseline::CisaScuba);
    let options = Options {
        config: config.clone(),
        ..Options::default()
    };
    let dir = control_dir(Baseline::CisaScuba, "MS.AAD.7.6v1 (groups)");
    let text = std::fs::read_to_string(
        dir.join("fail-group-eligible-for-global-administrator-no-approval.json"),
    )
    .unwrap();
    let run: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (instances, policy) = (run[0].to_string(), run[1].to_string());
    let verdict = |inputs: &[(&str, &str)]| {
        let mut reports: Vec<Vec<DocumentReport>> = inputs
            .iter()
            .map(|(_, text)| pimlint::check_str(text, &options).unwrap())
            .collect();
        let mut joined: Vec<&mut Vec<DocumentReport>> = reports.iter_mut().collect();
        pimlint::tenant::check_run(&mut joined, &config);
        let inputs: Vec<Input<'_>> = inputs
            .iter()
            .zip(&reports)
            .map(|((path, _), documents)| Input { path, documents })
            .collect();
        let assessment = assess(Baseline::CisaScuba, &config, &inputs);
        ["MS.AAD.7.6v1 (groups)", "MS.AAD.7.9v1 (groups)"].map(|id| {
            let c = assessment
                .controls
                .iter()
                .find(|c| c.control.id == id)
                .unwrap();
            (
                c.verdict,
                c.failures
                    .iter()
                    .map(|f| f.path.clone())
                    .collect::<Vec<_>>(),
            )
        })
    };
    // The group's member policy alone: no role is known to be held through it.
    let alone = verdict(&[("member-policy.json", &policy)]);
    assert_eq!(alone[0].0, Verdict::NotAssessable);
    assert_eq!(alone[1].0, Verdict::NotAssessable);
    // With the eligibility of the group for Global Administrator in another file.
    let joined = verdict(&[
        ("member-policy.json", &policy),
        ("eligibility-instances.json", &instances),
    ]);
    assert_eq!(joined[0].0, Verdict::Fail);
    assert_eq!(joined[0].1, ["member-policy.json"]);
    // The group holds no role other than Global Administrator: 7.9 has nothing to read.
    assert_eq!(joined[1].0, Verdict::NotAssessable);
}
