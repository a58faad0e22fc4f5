"""``requirements()`` and ``policies()``: what a request must carry, read from a policy."""

import json

import pytest

import pimlint
from conftest import REPO

EXPORT = REPO / "examples" / "tenant-export"


def test_activation_of_global_administrator():
    needs = pimlint.requirements((EXPORT / "global-administrator.json").read_text(), "activate")
    assert needs["kind"] == "activate"
    assert needs["policy"]["role"]["displayName"] == "Global Administrator"
    assert needs["expiration"]["maximumDuration"] == "PT8H"
    assert needs["expiration"]["maximumSeconds"] == 8 * 3600
    assert needs["expiration"]["maximumDurationPointer"] == "/policy/rules/4/maximumDuration"
    assert needs["justification"] == {
        "required": True,
        "rule": "Enablement_EndUser_Assignment",
        "pointer": "/policy/rules/5/enabledRules/1",
    }
    assert needs["ticket"]["required"] is False
    assert needs["mfa"]["required"] is True
    assert needs["request"]["action"] == "selfActivate"


def test_unknown_stays_unknown():
    # A policy read without its rules says nothing: every item is None, never a default.
    policy = {"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "rules": []}
    needs = pimlint.requirements(policy, "activate")
    assert needs["expiration"]["maximumDuration"] is None
    assert needs["justification"]["required"] is None
    assert needs["approval"]["required"] is None


def test_choosing_among_policies():
    source = (EXPORT / "group-oncall-admins.json").read_text()
    listed = pimlint.policies(source)
    assert [p["role"]["id"] for p in listed] == ["member", "owner"]
    with pytest.raises(pimlint.InputError, match="holds 2 policies"):
        pimlint.requirements(source, "activate")
    owner = pimlint.requirements(source, "activate", role="owner")
    assert owner["policy"]["pointer"] == listed[1]["pointer"]
    at = pimlint.requirements(source, "activate", policy_at=listed[1]["pointer"])
    assert at == owner


def test_bad_kind_and_bad_input():
    with pytest.raises(ValueError, match="did you mean activate"):
        pimlint.requirements({"id": "x", "rules": []}, "activat")  # type: ignore[arg-type]
    with pytest.raises(pimlint.InputError, match="line 1 column"):
        pimlint.requirements('{"id": ', "activate")


def test_a_request_built_from_the_requirements_is_accepted():
    policy = (EXPORT / "global-administrator.json").read_text()
    needs = pimlint.requirements(policy, "activate")
    request = {
        "action": needs["request"]["action"],
        "principalId": "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
        "roleDefinitionId": needs["policy"]["role"]["templateId"],
        "directoryScopeId": "/",
        "scheduleInfo": {
            "startDateTime": "2026-12-01T09:00:00Z",
            "expiration": {"type": "afterDuration", "duration": needs["expiration"]["maximumDuration"]},
        },
    }
    if needs["justification"]["required"]:
        request["justification"] = "Quarterly access review"
    verdict = pimlint.validate(request, policy, now="2026-12-01T08:00:00Z")
    assert verdict.ok, verdict.diagnostics
    del request["justification"]
    assert pimlint.validate(request, policy, now="2026-12-01T08:00:00Z").failed_rules == ("JustificationRule",)
    json.dumps(needs)  # plain data
