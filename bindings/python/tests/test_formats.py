"""Policy as code and PowerShell exports through the package: told from their shape, or named
with ``format_in=`` as the CLI's ``--format-in`` names them."""

import pytest

import pimlint
from conftest import REPO, load

PLAN = "tests/fixtures/terraform/plan.json"
MSGRAPH_PLAN = "tests/fixtures/terraform/msgraph-plan.json"
TEMPLATE = "tests/fixtures/arm-template/policy.json"
EASYPIM = "tests/fixtures/easypim/pim-config.json"
EXPORT = "tests/fixtures/powershell/az-role-management-policy.json"


def codes(found):
    return sorted(d.code for d in found)


@pytest.mark.parametrize(
    ("path", "format_in"),
    [
        (PLAN, "terraform"),
        (MSGRAPH_PLAN, "terraform"),
        (TEMPLATE, "arm-template"),
        (EASYPIM, "easypim"),
        (EXPORT, "powershell"),
    ],
)
def test_format_in_reads_what_detection_reads(path, format_in):
    text = (REPO / path).read_text(encoding="utf-8")
    detected = pimlint.lint(text)
    assert detected, "every fixture has findings"
    assert pimlint.lint(text, format_in=format_in) == detected
    # A dict reads the same, without lines (so not in the order of the text's lines).
    as_dict = pimlint.lint(load(path), format_in=format_in)
    assert sorted((d.code, d.pointer) for d in as_dict) == sorted(
        (d.code, d.pointer) for d in detected
    )


def test_findings_point_into_the_plan_and_name_the_resource():
    found = pimlint.lint((REPO / MSGRAPH_PLAN).read_text(encoding="utf-8"), format_in="terraform")
    assert codes(d for d in found if d.code != "PIM018") == ["PIM102", "PIM203", "PIM211", "PIM301"]
    for d in found:
        assert d.pointer.startswith("/resource_changes/"), d.pointer
        assert d.line is not None
        assert "in Terraform resource `" in d.note


def test_a_forced_format_that_does_not_fit_is_an_input_error():
    policy = load("examples/tenant-export/global-administrator.json")
    with pytest.raises(pimlint.InputError, match="terraform show -json"):
        pimlint.lint(policy, format_in="terraform")


def test_an_unknown_format_is_a_value_error_with_a_suggestion():
    with pytest.raises(ValueError, match="did you mean terraform"):
        pimlint.lint({}, format_in="terrafrom")


def test_lint_many_takes_format_in():
    docs = [load(PLAN), load(MSGRAPH_PLAN)]
    many = pimlint.lint_many(docs, format_in="terraform")
    assert many == [pimlint.lint(d, format_in="terraform") for d in docs]


def test_a_role_named_in_easypim_puts_its_limits_in_force():
    config = {"EntraRoles": {"Policies": {
        "Global Administrator": {"ActivationDuration": "PT8H", "ApprovalRequired": False},
        "Contoso Custom Role": {"ActivationDuration": "PT8H", "ApprovalRequired": False},
    }}}
    found = pimlint.lint(config, format_in="easypim")
    assert {d.pointer for d in found if d.code in ("PIM102", "PIM201")} == {
        "/EntraRoles/Policies/Global Administrator/ActivationDuration",
        "/EntraRoles/Policies/Global Administrator/ApprovalRequired",
    }
