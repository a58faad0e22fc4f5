"""Models of Microsoft's Python SDKs passed as they are: read in the JSON the SDK sends.

scripts/test-python.sh installs msgraph-sdk and azure-mgmt-authorization into the test
environment; pimlint itself never imports them.
"""

import datetime
import json

import kiota_serialization_json.json_parse_node as kiota_json
from azure.mgmt.authorization import models
from msgraph.generated.models.expiration_pattern import ExpirationPattern
from msgraph.generated.models.expiration_pattern_type import ExpirationPatternType
from msgraph.generated.models.request_schedule import RequestSchedule
from msgraph.generated.models.unified_role_assignment_schedule_request import (
    UnifiedRoleAssignmentScheduleRequest,
)
from msgraph.generated.models.unified_role_management_policy import UnifiedRoleManagementPolicy
from msgraph.generated.models.unified_role_schedule_request_actions import (
    UnifiedRoleScheduleRequestActions,
)

import pimlint
from conftest import REPO

EXPORT = REPO / "examples" / "tenant-export"
NOW = "2026-12-01T08:00:00Z"
GRAPH_SOURCE = "serialized msgraph-sdk model (UnifiedRoleAssignmentScheduleRequest)"


def graph_policy() -> UnifiedRoleManagementPolicy:
    """The policy as msgraph-sdk returns it from GET …/roleManagementPolicies/{id}?$expand=rules."""
    body = json.loads((EXPORT / "global-administrator.json").read_text())["policy"]
    node = kiota_json.JsonParseNode(body)
    return node.get_object_value(UnifiedRoleManagementPolicy)


def graph_request(duration) -> UnifiedRoleAssignmentScheduleRequest:
    return UnifiedRoleAssignmentScheduleRequest(
        action=UnifiedRoleScheduleRequestActions.SelfActivate,
        principal_id="3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
        role_definition_id="62e90394-69f5-4237-9190-012177145e10",
        directory_scope_id="/",
        justification="Quarterly access review",
        schedule_info=RequestSchedule(
            start_date_time=datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.timezone.utc),
            expiration=ExpirationPattern(type=ExpirationPatternType.AfterDuration, duration=duration),
        ),
    )


def test_msgraph_request_and_policy_models_validate_unchanged():
    verdict = pimlint.validate(graph_request("PT2H"), graph_policy(), now=NOW)
    assert verdict.verdict == "accepted", [str(d) for d in verdict.diagnostics]


def test_msgraph_findings_point_into_the_serialized_form_and_say_so():
    # msgraph-sdk writes a timedelta as str(timedelta), "10:00:00", which Graph rejects
    # (msgraph-sdk-python#1262): the finding is at the member the SDK would send.
    verdict = pimlint.validate(graph_request(datetime.timedelta(hours=10)), graph_policy(), now=NOW)
    assert verdict.verdict == "rejected"
    invalid = [d for d in verdict.diagnostics if d.code == "PIM008"]
    assert [d.pointer for d in invalid] == ["/scheduleInfo/expiration/duration"]
    assert '"10:00:00"' in invalid[0].message
    assert invalid[0].note.startswith(GRAPH_SOURCE)
    assert "not into the Python object" in invalid[0].note
    assert invalid[0].line is None


def test_msgraph_request_over_the_maximum_is_rejected_by_the_expiration_rule():
    verdict = pimlint.validate(graph_request("PT10H"), graph_policy(), now=NOW)
    assert verdict.failed_rules == ("ExpirationRule",)
    assert verdict.diagnostics[0].pointer == "/scheduleInfo/expiration/duration"


def test_msgraph_policy_model_lints_and_gives_requirements():
    found = pimlint.lint(graph_policy())
    assert [d.code for d in found] == [d.code for d in pimlint.lint(
        json.loads((EXPORT / "global-administrator.json").read_text())["policy"])]
    assert all("serialized msgraph-sdk model (UnifiedRoleManagementPolicy)" in d.note for d in found)
    needs = pimlint.requirements(graph_policy(), "activate")
    # The policy's durations, parsed into timedelta by the SDK, are read as Graph returned them.
    assert needs["expiration"]["maximumDuration"] == "PT8H"
    assert needs["justification"]["required"] is True
    assert needs["mfa"]["pointer"] == "/rules/5/enabledRules/0"


def test_a_list_of_msgraph_models_is_a_list():
    found = pimlint.lint([graph_policy(), graph_policy()])
    pointers = {d.pointer.split("/")[1] for d in found}
    assert pointers == {"0", "1"}


def test_azure_mgmt_authorization_models():
    rule = models.RoleManagementPolicyExpirationRule(
        id="Expiration_EndUser_Assignment",
        is_expiration_required=True,
        maximum_duration="PT8H",
        target=models.RoleManagementPolicyRuleTarget(caller="EndUser", level="Assignment", operations=["All"]),
    )
    enablement = models.RoleManagementPolicyEnablementRule(
        id="Enablement_EndUser_Assignment",
        enabled_rules=["Justification"],
        target=models.RoleManagementPolicyRuleTarget(caller="EndUser", level="Assignment", operations=["All"]),
    )
    scope = "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
    policy = models.RoleManagementPolicy(scope=scope, rules=[rule, enablement])
    needs = pimlint.requirements(policy, "activate")
    assert needs["expiration"]["maximumDurationPointer"] == "/properties/rules/0/maximumDuration"
    assert needs["justification"]["pointer"] == "/properties/rules/1/enabledRules/0"
    request = models.RoleAssignmentScheduleRequest(
        principal_id="3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
        role_definition_id=f"{scope}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
        request_type="SelfActivate",
        schedule_info=models.RoleAssignmentScheduleRequestPropertiesScheduleInfo(
            start_date_time=datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.timezone.utc),
            expiration=models.RoleAssignmentScheduleRequestPropertiesScheduleInfoExpiration(
                type="AfterDuration", duration="PT9H"
            ),
        ),
    )
    verdict = pimlint.validate(request, policy, now=NOW, scope=scope)
    assert verdict.failed_rules == ("ExpirationRule", "JustificationRule")
    assert {d.pointer for d in verdict.diagnostics if d.severity == "error"} == {
        "/properties/scheduleInfo/expiration/duration",
        "/properties",
    }
    assert all("serialized azure-mgmt-authorization model (RoleAssignmentScheduleRequest)" in d.note
               for d in verdict.diagnostics)
