"""pimlint.fix: the fixes findings carry, applied to text or to a dict."""

import json

import pytest

import pimlint
from conftest import REPO

HELPDESK = REPO / "examples/policy-as-code/helpdesk-administrator.json"


def test_text_is_edited_in_place_and_the_rest_kept():
    text = HELPDESK.read_text(encoding="utf-8")
    fixed, applied = pimlint.fix(text)
    assert [a["code"] for a in applied] == ["PIM007", "PIM008"]
    assert all(a["fix"]["applicability"] == "safe" for a in applied)
    changed = [(a, b) for a, b in zip(text.splitlines(), fixed.splitlines()) if a != b]
    assert changed == [
        ('        "isExpirationRequired": "true",', '        "isExpirationRequired": true,'),
        ('        "maximumDuration": "P8H",', '        "maximumDuration": "PT8H",'),
    ]
    # A second pass has nothing left to do.
    again, applied = pimlint.fix(fixed)
    assert again == fixed and applied == []


def test_a_dict_comes_back_as_a_new_dict():
    doc = json.loads(HELPDESK.read_text(encoding="utf-8"))
    fixed, applied = pimlint.fix(doc)
    assert fixed["policy"]["rules"][4]["maximumDuration"] == "PT8H"
    assert doc["policy"]["rules"][4]["maximumDuration"] == "P8H"
    assert {a["code"] for a in applied} == {"PIM007", "PIM008"}


def test_unsafe_fixes_change_settings_only_when_asked():
    doc = json.loads((REPO / "examples/tenant-export/global-administrator.json").read_text())
    same, applied = pimlint.fix(doc)
    assert same == doc and applied == []
    fixed, applied = pimlint.fix(doc, unsafe=True)
    assert {a["fix"]["applicability"] for a in applied} == {"unsafe"}
    assert "PIM102" in {a["code"] for a in applied}
    assert not [d for d in pimlint.lint(fixed) if d.fix is not None]


def test_diagnostics_carry_their_fix():
    [d] = [d for d in pimlint.lint(HELPDESK.read_text()) if d.code == "PIM008"]
    assert d.fix == {
        "applicability": "safe",
        "message": 'write "PT8H"',
        "edits": [{"op": "replace", "path": "/policy/rules/4/maximumDuration", "value": "PT8H"}],
    }
    assert d.to_dict()["fix"] == d.fix


def test_bytes_keep_working():
    fixed, applied = pimlint.fix(HELPDESK.read_bytes())
    assert isinstance(fixed, str) and len(applied) == 2


APPROVERS = {
    "rules": {
        "approval": {
            "approvers": [
                {"user": "5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b", "description": "Security on-call lead"},
                {"group": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"},
            ]
        },
        "notification": {"recipients": ["pim-alerts@contoso.example"]},
    }
}


def test_configured_approvers_are_written_by_the_unsafe_fixes():
    doc = json.loads((REPO / "examples/tenant-export/global-administrator.json").read_text())
    config = pimlint.Config.from_dict(APPROVERS)
    fixed, applied = pimlint.fix(doc, config, unsafe=True)
    assert {"PIM201", "PIM211"} <= {a["code"] for a in applied}
    [rule] = [r for r in fixed["policy"]["rules"] if r["id"] == "Approval_EndUser_Assignment"]
    assert rule["setting"]["isApprovalRequired"] is True
    assert rule["setting"]["approvalStages"][0]["primaryApprovers"] == [
        {"@odata.type": "#microsoft.graph.singleUser", "userId": "5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b"},
        {"@odata.type": "#microsoft.graph.groupMembers", "groupId": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"},
    ]
    # Without approvers in the configuration, approval is not turned on.
    fixed, applied = pimlint.fix(doc, unsafe=True)
    assert "PIM201" not in {a["code"] for a in applied}


def test_a_bad_approver_or_recipient_is_named():
    with pytest.raises(pimlint.ConfigError, match=r"`rules\.approval\.approvers\[0\]`: `user` is \"alex\""):
        pimlint.Config.from_dict({"rules": {"approval": {"approvers": [{"user": "alex"}]}}})
    with pytest.raises(pimlint.ConfigError, match=r"`rules\.notification\.recipients\[1\]`"):
        pimlint.Config.from_dict({"rules": {"notification": {"recipients": ["a@contoso.example", "soc"]}}})


def test_a_converted_input_is_fixed_at_its_literals_and_says_why_not_elsewhere():
    text = (REPO / "tests/fixtures/fix-source/easypim-shared-template.json").read_text()
    fixed, applied = pimlint.fix(text, unsafe=True)
    assert fixed == (REPO / "tests/fixtures/fix-source/fixed/easypim-shared-template.json").read_text()
    assert {a["code"] for a in applied} == {"PIM102", "PIM303"}
    reasons = {d.code: d.fix_not_applied for d in pimlint.lint(fixed) if d.fix_not_applied}
    assert reasons["PIM102"].startswith("the value is set by EasyPIM policy template `Standard`")
