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


# ------------------------------------------------------------------- a principal's eligibility

ADELE = "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8"


def tenant_files() -> list[str]:
    return [(EXPORT / name).read_text() for name in (
        "role-eligibility-schedule-instances.json",
        "role-assignment-schedule-instances.json",
        "group-eligibility-schedule-instances.json",
    )]


def test_a_principals_eligibility_caps_the_activation():
    import datetime

    now = datetime.datetime(2027, 5, 31, 5, 30, tzinfo=datetime.timezone.utc)
    needs = pimlint.requirements(
        (EXPORT / "global-administrator.json").read_text(), "activate", tenant=tenant_files(), principal=ADELE, now=now
    )
    e = needs["eligibility"]
    assert e["principal"]["name"] == "Adele Vance"
    assert e["eligible"] is True
    assert e["current"]["end"] == "2027-05-31T09:00:00Z"
    assert e["current"]["source"] == {"input": 0, "file": None, "pointer": "/value/0"}
    assert (e["maximumDuration"], e["maximumSeconds"], e["limitedBy"]) == ("PT3H30M", 12600, "eligibility")
    assert e["active"] is False


def test_without_eligibilities_the_answer_is_unknown():
    needs = pimlint.requirements(
        (EXPORT / "global-administrator.json").read_text(),
        "activate",
        tenant=[(EXPORT / "role-assignment-schedule-instances.json").read_text()],
        principal=ADELE,
        now="2026-11-29T09:00:00Z",
    )
    assert needs["eligibility"]["eligible"] is None
    assert "no eligibilities" in needs["eligibility"]["unknownBecause"]
    # Without a principal there is no eligibility member at all.
    assert "eligibility" not in pimlint.requirements((EXPORT / "global-administrator.json").read_text(), "activate")


def test_tenant_and_principal_go_together():
    with pytest.raises(ValueError, match="tenant and principal"):
        pimlint.requirements((EXPORT / "global-administrator.json").read_text(), "activate", principal=ADELE)


def test_principals_of_an_export():
    found = pimlint.principals(tenant_files())
    adele = next(p for p in found if p["id"] == ADELE)
    assert adele == {"id": ADELE, "name": "Adele Vance", "signIn": "adele.vance@contoso.example", "kind": "user"}
    assert all(p["kind"] != "group" for p in found)
