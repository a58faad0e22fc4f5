"""The public API of the installed package, against the shipped examples."""

import datetime
import json
import os
import pathlib
import subprocess
import sys

import pytest

import pimlint
from conftest import REPO, load

NOW = "2026-11-30T12:00:00Z"
REQUEST = "examples/requests/activate-global-administrator.json"


def cli_json(*args: str) -> dict:
    """The CLI's answer, when a built CLI is at hand (`PIMLINT_BIN`, which the test script
    sets to the CLI it just built, else one under target/)."""
    candidates = [REPO / "target" / profile / "pimlint" for profile in ("release", "debug")]
    if os.environ.get("PIMLINT_BIN"):
        candidates.insert(0, pathlib.Path(os.environ["PIMLINT_BIN"]))
    for exe in candidates:
        if exe.exists():
            out = subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=REPO)
            return json.loads(out.stdout)
    pytest.skip("no built pimlint CLI to compare with")


def test_version_matches_the_package_metadata():
    from importlib.metadata import version

    assert pimlint.__version__ == version("pimlint")


def test_public_names_are_exported():
    for name in pimlint.__all__:
        assert hasattr(pimlint, name), name


def test_lint_a_dict_gives_pointers_without_lines(global_admin):
    found = pimlint.lint(global_admin)
    assert [d.code for d in found] == ["PIM102", "PIM201", "PIM301", "PIM302", "PIM307", "PIM404"]
    first = found[0]
    assert first.rule == "activation-too-long"
    assert first.severity == "warning"
    assert first.pointer == "/policy/rules/4/maximumDuration"
    assert "PT8H" in first.message and "PT2H" in first.message
    assert first.line is None and first.column is None
    assert first.help


def test_text_input_matches_the_cli_json_contract(global_admin_text):
    found = pimlint.lint(global_admin_text)
    cli = cli_json("check", "--format", "json", "examples/tenant-export/global-administrator.json")
    expected = [d for doc in cli["files"][0]["documents"] for d in doc["diagnostics"]]
    assert [d.to_dict() for d in found] == expected


def test_bytes_and_utf16_input(global_admin_text):
    as_str = pimlint.lint(global_admin_text)
    assert pimlint.lint(global_admin_text.encode()) == as_str
    assert pimlint.lint(b"\xef\xbb\xbf" + global_admin_text.encode()) == as_str
    assert pimlint.lint(global_admin_text.encode("utf-16")) == as_str


def test_diagnostics_are_frozen_and_readable(global_admin):
    d = pimlint.lint(global_admin)[0]
    with pytest.raises(AttributeError):
        d.code = "X"  # type: ignore[misc]
    assert repr(d).startswith("Diagnostic(code='PIM102', severity='warning'")
    assert str(d).startswith("/policy/rules/4/maximumDuration: warning PIM102")
    assert d == pimlint.lint(global_admin)[0]
    assert isinstance(d.labels, tuple)


def test_list_responses_and_arrays_are_split():
    listing = load("tests/fixtures/realistic/graph-policy-list.json")
    found = pimlint.lint(listing)
    assert found and all(d.pointer.startswith("/value/") for d in found)
    as_array = pimlint.lint(listing["value"])
    assert [d.pointer.replace("/value", "", 1) for d in found] == [d.pointer for d in as_array]


def test_kind_override():
    request = load(REQUEST)
    del request["@odata.type"]
    assert pimlint.lint(request, kind="graph-role-assignment-request") is not None
    with pytest.raises(ValueError):
        pimlint.lint(request, kind="no-such-kind")


def test_lint_many_matches_lint_in_order(global_admin):
    helpdesk = load("examples/policy-as-code/helpdesk-administrator.json")
    docs = [global_admin, helpdesk] * 50
    results = pimlint.lint_many(docs)
    assert len(results) == 100
    assert results[0] == pimlint.lint(global_admin)
    assert results[1] == pimlint.lint(helpdesk)
    assert results[0] != results[1]
    assert pimlint.lint_many(iter([])) == []
    assert pimlint.lint_many(d for d in docs[:3]) == results[:3]


def test_lint_many_names_the_bad_document(global_admin):
    with pytest.raises(pimlint.InputError) as caught:
        pimlint.lint_many([global_admin, "{", global_admin])
    assert caught.value.index == 1
    assert str(caught.value).startswith("docs[1]: ")
    with pytest.raises(TypeError):
        pimlint.lint_many(global_admin)


def test_lint_many_reads_a_long_iterable_in_chunks_in_order(global_admin):
    # More documents than one chunk (256), from a generator: every result in input order,
    # and a bad document past the first chunks named by its own index.
    helpdesk = load("examples/policy-as-code/helpdesk-administrator.json")
    expected = [pimlint.lint(global_admin), pimlint.lint(helpdesk)]
    results = pimlint.lint_many(global_admin if i % 3 else helpdesk for i in range(700))
    assert len(results) == 700
    assert all(r == expected[0 if i % 3 else 1] for i, r in enumerate(results))
    docs = [global_admin] * 700
    docs[600] = {"rules": {1, 2}}
    with pytest.raises(pimlint.InputError) as caught:
        pimlint.lint_many(docs)
    assert caught.value.index == 600
    docs[600] = "{"
    with pytest.raises(pimlint.InputError) as caught:
        pimlint.lint_many(docs)
    assert caught.value.index == 600


def test_lint_many_builds_its_results_without_collections(global_admin):
    # Thousands of findings, each an object the collector tracks: without the pause,
    # collections (of the young objects and the middle generation) would start while they
    # are built.
    import gc

    docs = [global_admin] * 1200
    expected = pimlint.lint(global_admin)
    assert len(expected) * len(docs) > 10 * 700
    started = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        results = pimlint.lint_many(docs)
        # Counted without making an object the collector tracks, which would start the
        # collection that the results' objects have made due.
        during = len(started)
    finally:
        gc.callbacks.remove(count)
    assert during == 0
    assert results == [expected] * len(docs)
    # The collector is left as it was found: on, or off.
    assert gc.isenabled()
    gc.disable()
    try:
        assert pimlint.lint_many(docs[:2]) == [expected] * 2
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_validate_rejects_with_the_service_rule_names(global_admin):
    verdict = pimlint.validate(load(REQUEST), global_admin, now=NOW)
    assert verdict.verdict == "rejected"
    assert not verdict.ok
    assert verdict.failed_rules == ("ExpirationRule", "JustificationRule")
    assert [r.rule for r in verdict.requirements] == ["MfaRule", "EligibilityRule"]
    assert [d.code for d in verdict.diagnostics] == ["PIM501", "PIM503", "PIM505"]
    assert verdict.to_dict()["failedRules"] == ["ExpirationRule", "JustificationRule"]
    assert "rejected" in repr(verdict)


def test_validate_matches_the_cli(global_admin):
    request_text = (REPO / REQUEST).read_text()
    verdict = pimlint.validate(request_text, global_admin, now=NOW)
    cli = cli_json(
        "validate", "--format", "json", "--now", NOW,
        "--policy", "examples/tenant-export/global-administrator.json", REQUEST,
    )
    expected = dict(cli["results"][0])
    expected.pop("request")
    got = verdict.to_dict()
    assert got["verdict"] == expected["verdict"]
    assert got["failedRules"] == expected["failedRules"]
    assert got["requirements"] == expected["requirements"]
    assert got["diagnostics"] == expected["diagnostics"]


def test_validate_accepts_a_fitting_request(global_admin):
    request = load(REQUEST)
    request["justification"] = "Break-glass: tenant-wide outage INC0042"
    request["scheduleInfo"]["expiration"]["duration"] = "PT1H"
    verdict = pimlint.validate(request, global_admin, now=NOW)
    assert verdict.ok
    assert verdict.failed_rules == ()


def test_validate_now_forms(global_admin):
    request = load(REQUEST)
    aware = datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.timezone.utc)
    assert pimlint.validate(request, global_admin, now=aware).to_dict() == (
        pimlint.validate(request, global_admin, now=NOW).to_dict()
    )
    assert pimlint.validate(request, global_admin).verdict == "rejected"
    with pytest.raises(pimlint.InputError, match="timezone-aware"):
        pimlint.validate(request, global_admin, now=datetime.datetime(2026, 11, 30))
    with pytest.raises(pimlint.InputError, match="RFC 3339"):
        pimlint.validate(request, global_admin, now="yesterday")
    with pytest.raises(TypeError):
        pimlint.validate(request, global_admin, now=12)  # type: ignore[arg-type]


def test_validate_without_a_governing_policy():
    request = load(REQUEST)
    other = load("examples/tenant-export/user-administrator.json")
    verdict = pimlint.validate(request, other, now=NOW)
    # The service would not refuse it for that: without its policy the verdict is unknown.
    assert verdict.verdict == "unknown"
    assert not verdict.ok
    assert "PIM516" in [d.code for d in verdict.diagnostics]


def test_validate_needs_a_request(global_admin):
    with pytest.raises(pimlint.InputError, match="expected a schedule request"):
        pimlint.validate(global_admin, global_admin, now=NOW)


def test_rules_and_explain():
    rules = pimlint.rules()
    codes = [r.code for r in rules]
    assert codes == sorted(codes) and len(codes) >= 30
    first = rules[0]
    assert (first.code, first.name, first.category) == ("PIM001", "missing-rule", "structure")
    assert first.default_severity in {"error", "warning", "info"}
    assert pimlint.explain("PIM102").startswith("# PIM102 activation-too-long")
    assert pimlint.explain("activation-too-long") == pimlint.explain("PIM102")
    with pytest.raises(KeyError, match="did you mean"):
        pimlint.explain("PIM1O2")


def test_config_from_toml_dict_path_and_discover(tmp_path: pathlib.Path, global_admin):
    quiet = pimlint.Config.from_toml('ignore = ["PIM3"]')
    assert not any(d.code.startswith("PIM3") for d in pimlint.lint(global_admin, quiet))
    only = pimlint.Config.from_dict({"select": ["PIM102"]})
    assert [d.code for d in pimlint.lint(global_admin, only)] == ["PIM102"]
    loose = pimlint.Config.from_dict(
        {"rules": {"activation-too-long": {"global-administrator-maximum": "PT8H"}}}
    )
    assert "PIM102" not in [d.code for d in pimlint.lint(global_admin, loose)]

    (tmp_path / "pyproject.toml").write_text('[tool.pimlint]\nprofile = "strict"\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    found = pimlint.Config.discover(nested)
    assert found is not None and found.profile == "strict"
    assert found.source == str(tmp_path / "pyproject.toml")
    assert pimlint.Config.from_path(tmp_path / "pyproject.toml").profile == "strict"
    assert pimlint.Config.from_toml('[tool.pimlint]\nprofile = "strict"', pyproject=True).profile == "strict"
    assert "profile" in pimlint.Config().show()
    assert repr(pimlint.Config()) == "Config(profile='recommended')"


def test_config_errors_say_where_and_suggest():
    with pytest.raises(pimlint.ConfigError, match="did you mean `select`") as caught:
        pimlint.Config.from_toml('\n\nselct = ["PIM1"]')
    assert isinstance(caught.value, pimlint.PimlintError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.line == 3
    with pytest.raises(pimlint.ConfigError, match="PIM102"):
        pimlint.Config.from_dict({"select": ["PIM1O2"]})
    with pytest.raises(pimlint.ConfigError):
        pimlint.Config.from_toml("profile = ")
    with pytest.raises(pimlint.ConfigError):
        pimlint.Config.from_path("/no/such/pimlint.toml")
    with pytest.raises(TypeError):
        pimlint.Config.from_dict(["select"])  # type: ignore[arg-type]


def test_a_fresh_interpreter_imports_quickly():
    out = subprocess.run(
        [sys.executable, "-c", "import pimlint; print(pimlint.__version__)"],
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == pimlint.__version__


@pytest.mark.parametrize(
    "profile", ["recommended", "strict", "cisa-scuba", "cis-m365", "zero-trust", "maester"]
)
def test_every_profile_name_loads(profile: str):
    assert pimlint.Config.from_toml(f'profile = "{profile}"').profile == profile
    assert pimlint.Config.from_dict({"profile": profile}).profile == profile


def test_maester_names_its_test_ids(global_admin):
    found = pimlint.lint(global_admin, pimlint.Config.from_dict({"profile": "maester"}))
    approval = [d for d in found if d.code == "PIM201"]
    assert approval and approval[0].message.endswith("(CISA.MS.AAD.7.6)")
    assert approval[0].severity == "error"
