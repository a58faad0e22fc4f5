"""Validating against a policy as a rule update (a PATCH body) will leave it."""

import json

import pytest

import pimlint
from conftest import REPO

NOW = "2026-11-29T10:00:00Z"
POLICY = REPO / "tests/fixtures/realistic/graph-policy-assignment-expanded-privileged-role-admin.json"
RULE_UPDATE = REPO / "tests/upstream/graph/v1.0-rule-update-expiration-request.json"
REQUEST = {
    "action": "selfActivate",
    "principalId": "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
    "roleDefinitionId": "e8611ab8-c189-46e8-94e1-60213ab1f814",
    "directoryScopeId": "/",
    "justification": "incident 42",
    "scheduleInfo": {
        "startDateTime": NOW,
        "expiration": {"type": "afterDuration", "duration": "PT4H"},
    },
}


def test_an_update_changes_the_verdict():
    policy = json.loads(POLICY.read_text())
    assert pimlint.validate(REQUEST, policy, NOW).verdict == "accepted"
    update = json.loads(RULE_UPDATE.read_text())
    verdict = pimlint.validate(REQUEST, policy, NOW, updates=[update])
    assert verdict.verdict == "rejected"
    assert verdict.failed_rules == ("ExpirationRule",)
    assert not verdict.ok


def test_updates_need_one_policy():
    update = json.loads(RULE_UPDATE.read_text())
    request = dict(REQUEST)
    with pytest.raises(pimlint.InputError, match="one policy"):
        pimlint.validate(request, {"value": []}, NOW, updates=[update])


def test_no_governing_policy_is_unknown_not_rejected():
    policy = json.loads(POLICY.read_text())
    request = dict(REQUEST, roleDefinitionId="62e90394-69f5-4237-9190-012177145e10")
    verdict = pimlint.validate(request, policy, NOW)
    assert verdict.verdict == "unknown"
    assert not verdict.ok
    assert "Global Administrator" in verdict.diagnostics[-1].message
