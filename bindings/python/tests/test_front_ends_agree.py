"""The Python package finds what the CLI finds, for every fixture the repository has.

The CLI (`PIMLINT_BIN`, or the one cargo built under target/) checks every fixture in one run
with `--format json`; the package lints each file's text with the configuration the CLI
discovers for it. Each file's findings must be the same: code, rule, severity, message, pointer,
line, column, end, help and note. A file the CLI cannot read must raise `InputError` here.
Tenant findings (PIM6xx) join every document of a run, so a run over all fixtures finds others
than one file alone: they are left out here and compared by the tenant tests.
The WebAssembly package has the same test (bindings/wasm/tests/front-ends.test.mjs).
"""

import json
import os
import pathlib
import subprocess

import pytest

import pimlint
from conftest import REPO

COMPARED = ("code", "rule", "severity", "message", "pointer", "line", "column", "endLine", "endColumn", "help", "note")


def fixtures() -> list[str]:
    paths = [
        *REPO.glob("tests/fixtures/realistic/*.json"),
        *REPO.glob("rules/*/*.json"),
        *REPO.glob("examples/**/*.json"),
    ]
    return sorted(p.relative_to(REPO).as_posix() for p in paths)


def cli() -> pathlib.Path:
    if os.environ.get("PIMLINT_BIN"):
        return pathlib.Path(os.environ["PIMLINT_BIN"])
    for profile in ("debug", "release"):
        exe = REPO / "target" / profile / "pimlint"
        if exe.exists():
            return exe
    pytest.skip("no built pimlint CLI to compare with (set PIMLINT_BIN)")


def findings(diagnostics) -> list[dict]:
    return [{k: d.get(k) for k in COMPARED} for d in diagnostics if not d["code"].startswith("PIM6")]


@pytest.fixture(scope="module")
def cli_report() -> dict:
    names = fixtures()
    out = subprocess.run(
        [str(cli()), "check", "--format", "json", *names], capture_output=True, text=True, cwd=REPO
    )
    assert out.returncode in (0, 1, 2), out.stderr
    report = {}
    for file in json.loads(out.stdout)["files"]:
        errors = [file["error"]] if file["error"] else []
        errors += [d["error"] for d in file["documents"] if d["error"]]
        diagnostics = [x for d in file["documents"] for x in d["diagnostics"]]
        report[file["path"]] = {"error": bool(errors), "findings": findings(diagnostics)}
    assert sorted(report) == names
    return report


def test_there_are_fixtures_to_compare():
    assert len(fixtures()) > 200


@pytest.mark.parametrize("path", fixtures())
def test_python_finds_what_the_cli_finds(path, cli_report):
    expected = cli_report[path]
    text = (REPO / path).read_text(encoding="utf-8")
    config = pimlint.Config.discover(REPO / path)
    try:
        found = pimlint.lint(text, config)
    except pimlint.InputError:
        assert expected["error"], f"{path}: the CLI reads it, the package raises"
        return
    assert not expected["error"], f"{path}: the CLI cannot read it, the package can"
    assert findings(d.to_dict() for d in found) == expected["findings"]


# ------------------------------------------------------------------ requirements

KINDS = (
    "activate",
    "extend-active",
    "extend-eligible",
    "renew-active",
    "renew-eligible",
    "assign-active",
    "assign-eligible",
    "update-active",
    "update-eligible",
    "admin-extend-active",
    "admin-extend-eligible",
    "admin-renew-active",
    "admin-renew-eligible",
)


def policy_fixtures() -> list[tuple[str, str]]:
    """Every policy of every fixture, as (file, pointer)."""
    out = []
    for path in fixtures():
        try:
            listed = pimlint.policies((REPO / path).read_text(encoding="utf-8"))
        except pimlint.InputError:
            continue
        for pointer in dict.fromkeys(p["pointer"] for p in listed):
            out.append((path, pointer))
    return out


def test_there_are_policies_to_compare():
    assert len(policy_fixtures()) > 150


@pytest.mark.parametrize(("path", "pointer"), policy_fixtures())
def test_python_requirements_are_the_clis(path, pointer):
    out = subprocess.run(
        [str(cli()), "requirements", path, "--kind", "all", "--policy-at", pointer, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert out.returncode == 0, out.stderr
    text = (REPO / path).read_text(encoding="utf-8")
    found = [pimlint.requirements(text, kind, policy_at=pointer) for kind in KINDS]
    assert found == json.loads(out.stdout)


# ------------------------------------------------------------- requirements for a principal

TENANT = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "examples" / "tenant-export").glob("*.json"))
PRINCIPALS = (
    ("examples/tenant-export/global-administrator.json", "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8", "2027-05-31T05:30:00Z"),
    ("examples/tenant-export/global-administrator.json", "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8", "2026-11-29T09:00:00Z"),
    ("examples/tenant-export/global-administrator.json", "7a1c0d2e-0021-4c7d-8e9f-0a1b2c3d4e5f", "2026-12-06T08:00:00Z"),
    ("examples/tenant-export/global-administrator.json", "7a1c0d2e-0028-4c7d-8e9f-0a1b2c3d4e5f", "2026-12-06T08:00:00Z"),
    ("examples/tenant-export/user-administrator.json", "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8", "2026-12-06T08:00:00Z"),
)


def named(found: dict) -> dict:
    """The package's answer with each tenant input's file named, as the CLI names them."""
    eligibility = found["eligibility"]
    for window in [eligibility["current"], eligibility["activeAssignment"], *eligibility["later"]]:
        if window:
            for source in [window["source"], (window["group"] or {}).get("source")]:
                if source:
                    source["file"] = TENANT[source["input"]]
    return found


@pytest.mark.parametrize(("path", "principal", "now"), PRINCIPALS)
def test_python_eligibility_is_the_clis(path, principal, now):
    tenant_args = [arg for name in TENANT for arg in ("--tenant", name)]
    out = subprocess.run(
        [str(cli()), "requirements", path, "--kind", "all", "--principal", principal, "--now", now,
         *tenant_args, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert out.returncode == 0, out.stderr
    tenant = [(REPO / name).read_text(encoding="utf-8") for name in TENANT]
    text = (REPO / path).read_text(encoding="utf-8")
    found = [named(pimlint.requirements(text, kind, tenant=tenant, principal=principal, now=now)) for kind in KINDS]
    assert found == json.loads(out.stdout)
    assert found[0]["eligibility"]["principal"]["id"] == principal


# ------------------------------------------------------------------ objects and text

UNPLACED = ("code", "rule", "severity", "message", "pointer", "help", "note")


def unplaced(found) -> list[dict]:
    """Findings without line and column (objects have none), in the order found."""
    return sorted(
        (tuple((k, d.to_dict().get(k)) for k in UNPLACED) for d in found),
        key=repr,
    )


def lint_or_error(doc, config=None):
    try:
        return unplaced(pimlint.lint(doc, config))
    except pimlint.InputError as e:
        return ("error", e.pointer, str(e).split(":")[-1])


def python_flavoured(value):
    """The same JSON data as Python scripts also build it: tuples for lists, dict subclasses,
    and str and int subclasses."""
    from collections import OrderedDict
    from enum import IntEnum

    class Name(str):
        pass

    class Count(IntEnum):
        ZERO = 0
        ONE = 1

    if isinstance(value, dict):
        return OrderedDict((Name(k), python_flavoured(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(python_flavoured(v) for v in value)
    if isinstance(value, str):
        return Name(value)
    if type(value) is int and value in (0, 1):
        return Count(value)
    return value


@pytest.mark.parametrize("path", fixtures())
def test_objects_find_what_their_text_finds(path):
    # Dicts and lists are read with a policy's rules straight into the core's structs; text
    # is parsed. Both must give the same findings, and the same errors.
    text = (REPO / path).read_text(encoding="utf-8")
    try:
        doc = json.loads(text)
    except ValueError:
        return
    config = pimlint.Config.discover(REPO / path)
    by_text = lint_or_error(text, config)
    by_object = lint_or_error(doc, config)
    if by_text and by_text[0] == "error":
        assert by_object[0] == "error", path
        return
    assert by_object == by_text, path
    assert lint_or_error(python_flavoured(doc), config) == by_text, path
    many = pimlint.lint_many([doc, python_flavoured(doc)], config)
    assert [unplaced(f) for f in many] == [by_text, by_text], path


@pytest.mark.parametrize(
    ("member", "value", "pointer", "message"),
    [
        ("id", float("nan"), "/rules/0/id", "not a JSON number"),
        ("id", "\ud800", "/rules/0/id", "not valid Unicode"),
        ("target", {1: "one"}, "/rules/0/target", "a key of type int"),
        ("target", {"caller": {"a", "b"}}, "/rules/0/target/caller", "a value of type set"),
        ("maximumDuration", 10**400, "/rules/0/maximumDuration", "too large"),
    ],
)
def test_faults_inside_a_rule_are_located(member, value, pointer, message):
    policy = json.loads((REPO / "tests/fixtures/realistic/graph-policy-entra-defaults.json").read_text())
    policy["rules"][0][member] = value
    with pytest.raises(pimlint.InputError, match=message) as caught:
        pimlint.lint(policy)
    assert caught.value.pointer == pointer
    with pytest.raises(pimlint.InputError, match=message):
        pimlint.lint_many([policy])
