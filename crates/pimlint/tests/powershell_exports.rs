//! PowerShell exports are read end to end: every finding points at a place that exists in the
//! file as written, what an export lost is said, and a truncated export is a located error.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::Path;

use pimlint::{Locator, Options};

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/powershell");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let text = pimlint::decode(&bytes).unwrap().into_owned();
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_finding_points_into_the_export_as_written() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 10);
    for (name, text) in &fixtures {
        let mut reports = pimlint::check_str(text, &Options::default()).unwrap();
        // The tenant findings too, joined over the file.
        pimlint::tenant::check_run(&mut [&mut reports], &Options::default().config);
        let locator = Locator::new(text);
        if name.contains("truncated") {
            let error = reports[0]
                .error
                .as_deref()
                .expect("a truncated export is an error");
            assert!(error.contains("-Depth"), "{name}: {error}");
            assert!(locator.locate(&reports[0].pointer).unwrap().exact, "{name}");
            continue;
        }
        for report in &reports {
            assert!(report.error.is_none(), "{name}: {:?}", report.error);
            for d in &report.diagnostics {
                let at = locator.locate(&d.pointer).unwrap();
                assert!(at.exact, "{name}: {} {} not in the file", d.code, d.pointer);
                assert!(
                    !(d.code.starts_with("PIM0") && d.severity >= pimlint::Severity::Warning),
                    "{name}: structural finding {} at {}: {}",
                    d.code,
                    d.pointer,
                    d.message
                );
            }
        }
    }
}

#[test]
fn a_finding_on_a_graph_sdk_export_names_the_member_as_written() {
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n == "scubagear-privileged-roles.json")
        .unwrap();
    let reports = pimlint::check_str(&text, &Options::default()).unwrap();
    let pointers: Vec<String> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.code == "PIM102")
        .map(|d| d.pointer.to_string())
        .collect();
    assert_eq!(pointers, ["/privileged_roles/0/Rules/10/MaximumDuration"]);
}

#[test]
fn what_an_export_lost_is_unknown_and_said() {
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n == "graph-sdk-policy-expand-rules.json")
        .unwrap();
    let reports = pimlint::check_str(&text, &Options::default()).unwrap();
    let codes: Vec<&str> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| d.code)
        .collect();
    // Every rule lost its settings: nothing can be judged, and nothing is guessed.
    assert!(codes.iter().all(|c| *c == "PIM018"), "{codes:?}");
    assert_eq!(codes.len(), 17);
}

#[test]
fn what_an_export_lost_follows_the_configuration() {
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n == "graph-sdk-policy-expand-rules.json")
        .unwrap();
    let options = Options {
        config: pimlint::config::Config::from_toml(r#"ignore = ["partial-read"]"#, false).unwrap(),
        ..Options::default()
    };
    let reports = pimlint::check_str(&text, &options).unwrap();
    assert!(reports.iter().all(|r| r.diagnostics.is_empty()));
}

/// The findings of one export, joined over the file as a run of its own, for review.
fn tenant_run(text: &str) -> serde_json::Value {
    let mut reports = pimlint::check_str(text, &Options::default()).unwrap();
    pimlint::tenant::check_run(&mut [&mut reports], &Options::default().config);
    let locator = Locator::new(text);
    serde_json::Value::Array(
        reports
            .iter()
            .map(|r| {
                serde_json::json!({
                    "pointer": r.pointer,
                    "kind": r.kind,
                    "error": r.error,
                    "diagnostics": r.diagnostics.iter().map(|d| {
                        let at = locator.locate(&d.pointer).map(|f| locator.line_col(f.span.start));
                        serde_json::json!({
                            "code": d.code,
                            "pointer": d.pointer,
                            "line": at.map(|a| a.line),
                            "message": d.message,
                            "labels": d.labels.iter().map(|l| l.pointer.to_string()).collect::<Vec<_>>(),
                        })
                    }).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

#[test]
fn tenant_exports_as_reviewed() {
    insta::glob!(
        "../../../tests/fixtures/powershell",
        "{graph-sdk-role-assignment*,graph-sdk-role-eligibility*,graph-sdk-role-definition*,graph-sdk-group-*,az-role-*-schedules.json,az-role-*-schedule-instances.json,az-role-assignments.json}",
        |path| {
            let text = pimlint::decode(&std::fs::read(path).unwrap())
                .unwrap()
                .into_owned();
            insta::assert_yaml_snapshot!(tenant_run(&text));
        }
    );
}

fn fixture_text(name: &str) -> String {
    fixtures()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .1
}

/// (code, pointer) of every finding of an export joined over itself.
fn found(name: &str) -> Vec<(String, String)> {
    let text = fixture_text(name);
    let mut reports = pimlint::check_str(&text, &Options::default()).unwrap();
    pimlint::tenant::check_run(&mut [&mut reports], &Options::default().config);
    reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| (d.code.to_owned(), d.pointer.to_string()))
        .collect()
}

#[test]
fn tenant_findings_on_exports_point_at_the_member_as_written() {
    let has = |name: &str, code: &str, pointer: &str| {
        let all = found(name);
        assert!(
            all.iter().any(|(c, p)| c == code && p == pointer),
            "{name}: no {code} at {pointer} in {all:?}"
        );
    };
    // A standing Global Administrator: no end, no start, as the Graph SDK wrote them.
    has(
        "graph-sdk-role-assignment-schedule-instances.json",
        "PIM603",
        "/0/EndDateTime",
    );
    has(
        "graph-sdk-role-assignment-schedule-instances.json",
        "PIM604",
        "/0/StartDateTime",
    );
    has(
        "graph-sdk-role-assignment-schedules.json",
        "PIM604",
        "/0/CreatedUsing",
    );
    has(
        "graph-sdk-role-assignment-schedules.json",
        "PIM603",
        "/0/ScheduleInfo/Expiration/Type",
    );
    // Windows PowerShell 5.1 dates read as the API's.
    has(
        "graph-sdk-role-eligibility-schedules-ps51.json",
        "PIM608",
        "/0/ScheduleInfo/Expiration/Type",
    );
    // Az: the flattened member.
    has(
        "az-role-assignment-schedule-instances.json",
        "PIM603",
        "/0/EndDateTime",
    );
    has(
        "az-role-eligibility-schedules.json",
        "PIM608",
        "/0/EndDateTime",
    );
    has("az-role-assignments.json", "PIM603", "/0");
}

#[test]
fn what_a_tenant_export_lost_is_said_at_the_member() {
    // Each enum Az wrote as `{}` is unknown, and said where it is.
    let lost: Vec<String> = found("az-role-assignment-schedule-instances.json")
        .into_iter()
        .filter(|(c, _)| c == "PIM018")
        .map(|(_, p)| p)
        .collect();
    assert_eq!(
        lost,
        [
            "/0/AssignmentType",
            "/0/MemberType",
            "/0/PrincipalType",
            "/0/Status"
        ]
    );
    // The Graph SDK keeps an expanded principal's kind in AdditionalProperties, which a
    // nested object loses: unknown, so no guest, synced-user or service-principal finding.
    let graph = found("graph-sdk-role-assignment-schedule-instances.json");
    assert!(graph.contains(&("PIM018".to_owned(), "/0/Principal".to_owned())));
    assert!(
        !graph
            .iter()
            .any(|(c, _)| ["PIM605", "PIM606", "PIM607"].contains(&c.as_str())),
        "{graph:?}"
    );
    // Get-AzRoleAssignment's `Unknown` object type is no kind of principal.
    let text = fixture_text("az-role-assignments.json");
    let reports = pimlint::check_str(&text, &Options::default()).unwrap();
    let Some(pimlint::Document::Schedule(s)) = &reports[2].document else {
        panic!("a role assignment");
    };
    assert!(s.principal.is_none(), "{:?}", s.principal);
}

#[test]
fn tenant_joins_across_exports_point_into_each_file() {
    // An Az policy, its assignment and Az eligibility schedules, as one run: the policy now
    // requires an end that a Contributor eligibility lacks.
    let mut runs: Vec<Vec<pimlint::DocumentReport>> = [
        "az-role-management-policy.json",
        "az-role-management-policy-assignment.json",
        "az-role-eligibility-schedules.json",
    ]
    .iter()
    .map(|name| pimlint::check_str(&fixture_text(name), &Options::default()).unwrap())
    .collect();
    let mut joined: Vec<&mut Vec<pimlint::DocumentReport>> = runs.iter_mut().collect();
    pimlint::tenant::check_run(&mut joined, &Options::default().config);
    let found: Vec<&pimlint::Diagnostic> = runs[2]
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.code == "PIM611")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].pointer.text(), "/1/EndDateTime");
    // The policy's member, as the policy export has it.
    let note = found[0].note.as_deref().unwrap();
    assert!(note.ends_with("at /Rule/0/IsExpirationRequired"), "{note}");
}
