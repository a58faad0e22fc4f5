"""``check_tenant()`` and ``validate(..., tenant=...)``: the documents of an export joined."""

import json

import pytest

import pimlint
from conftest import REPO

EXPORT = REPO / "examples" / "tenant-export"
FILES = sorted(EXPORT.glob("*.json"))
REQUEST = REPO / "examples" / "requests" / "activate-user-administrator.json"
NOW = "2026-11-30T12:00:00Z"


def tenant_codes(found):
    return {d.code for diagnostics in found for d in diagnostics if d.code.startswith("PIM6")}


def test_the_export_joined_has_every_tenant_finding():
    found = pimlint.check_tenant([f.read_text() for f in FILES])
    assert len(found) == len(FILES)
    assert tenant_codes(found) == {
        "PIM601", "PIM602", "PIM603", "PIM604", "PIM605", "PIM606", "PIM608", "PIM609", "PIM610", "PIM611",
    }
    # Each finding is in the list of the input it is about, located in that input's text.
    assignments = FILES.index(EXPORT / "role-assignment-schedule-instances.json")
    ends = [d for d in found[assignments] if d.code == "PIM603"]
    assert [d.pointer for d in ends] == ["/value/0/endDateTime"]
    assert ends[0].line is not None


def test_dicts_are_joined_as_text_is():
    as_text = pimlint.check_tenant([f.read_text() for f in FILES])
    as_dicts = pimlint.check_tenant([json.loads(f.read_text()) for f in FILES])
    # Findings in text are ordered by line; the same findings, whatever their order.
    assert [sorted((d.code, d.pointer) for d in ds) for ds in as_dicts] == [
        sorted((d.code, d.pointer) for d in ds) for ds in as_text
    ]
    assert all(d.line is None for ds in as_dicts for d in ds)


def test_a_document_alone_has_no_tenant_to_join():
    # Without the permanent assignment, nine Global Administrators become eight: within bounds.
    found = pimlint.check_tenant([(EXPORT / "role-eligibility-schedule-instances.json").read_text()])
    codes = tenant_codes(found)
    assert "PIM601" not in codes
    assert "PIM605" in codes


def test_the_config_applies_to_tenant_findings():
    config = pimlint.Config.from_dict({"ignore": ["PIM601"]})
    found = pimlint.check_tenant([f.read_text() for f in FILES], config)
    codes = tenant_codes(found)
    assert "PIM601" not in codes
    assert "PIM603" in codes


def test_lint_many_does_not_join():
    found = pimlint.lint_many([f.read_text() for f in FILES])
    assert "PIM601" not in tenant_codes(found)


def test_bad_input_names_its_index():
    with pytest.raises(pimlint.InputError) as raised:
        pimlint.check_tenant([FILES[0].read_text(), "{not json"])
    assert raised.value.index == 1


def test_one_document_is_not_a_run():
    with pytest.raises(TypeError, match="iterable of documents"):
        pimlint.check_tenant(FILES[0].read_text())


def test_validate_answers_eligibility_from_the_tenant():
    policy = (EXPORT / "user-administrator.json").read_text()
    request = REQUEST.read_text()
    tenant = [f.read_text() for f in FILES]
    # Without the tenant, eligibility is a requirement pimlint cannot judge.
    alone = pimlint.validate(request, policy, NOW)
    assert "EligibilityRule" in [r.rule for r in alone.requirements]
    # With it, the principal is eligible: nothing left to say about eligibility.
    eligible = pimlint.validate(request, policy, NOW, tenant=tenant)
    assert eligible.ok, eligible
    assert "EligibilityRule" not in [r.rule for r in eligible.requirements]
    # Another principal is not eligible: rejected as the service rejects it.
    other = request.replace(
        "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8", "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
    )
    rejected = pimlint.validate(other, policy, NOW, tenant=tenant)
    assert rejected.verdict == "rejected"
    assert rejected.failed_rules[0] == "EligibilityRule"
    assert "PIM517" in [d.code for d in rejected.diagnostics]


def test_validate_reads_tenant_documents_as_it_reads_the_rest():
    with pytest.raises(pimlint.InputError):
        pimlint.validate(REQUEST.read_text(), (EXPORT / "user-administrator.json").read_text(),
                         NOW, tenant=["{not json"])
