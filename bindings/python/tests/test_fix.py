"""pimlint.fix: the fixes findings carry, applied to text or to a dict."""

import json

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
