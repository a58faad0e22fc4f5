//! The baselines pimlint's profiles stand for, control by control.
//!
//! Each baseline lists the controls of its source that concern PIM: the control's id, what it
//! asks, the pimlint rules that check it and on which roles, and whether an offline run can
//! assess it. The coverage tables (`pimlint baselines`, `docs/baselines/`) and the assessment
//! report are generated from these lists; rules do not name controls.

use serde::Serialize;

use crate::config::Profile;
use crate::roles::{GLOBAL_ADMINISTRATOR, INTUNE_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR};
use crate::rules::REGISTRY;

/// Codes of the tenant rules the baselines refer to that pimlint does not have yet, with their
/// names. Once every one of them is in the registry this list can go.
pub const RESERVED_TENANT_RULES: &[(&str, &str)] = &[];

/// A baseline pimlint maps control by control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Baseline {
    /// CISA SCuBA, Microsoft Entra ID baseline, section MS.AAD.7 (ScubaGear `AADConfig.rego`).
    CisaScuba,
    /// CIS Microsoft 365 Foundations Benchmark (sections 1.1 and 5.3), as Monkey365, M365SAT
    /// and Maester check it.
    CisM365,
    /// Microsoft's Zero Trust Assessment, identity and device tests on PIM.
    ZeroTrust,
    /// Maester's CISA (`CISA.MS.AAD.7.x`), CIS (`CIS.M365.1.1.x`) and privileged access
    /// (`MT.10xx`) tests on PIM, as its own code checks them.
    Maester,
}

impl Baseline {
    /// Every baseline, in the order the docs list them.
    pub const ALL: [Self; 4] = [
        Self::CisaScuba,
        Self::CisM365,
        Self::ZeroTrust,
        Self::Maester,
    ];

    /// The kebab-case name (the profile's name where there is one).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CisaScuba => "cisa-scuba",
            Self::CisM365 => "cis-m365",
            Self::ZeroTrust => "zero-trust",
            Self::Maester => "maester",
        }
    }

    /// The baseline by name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == name)
    }

    /// The title.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::CisaScuba => "CISA SCuBA — Microsoft Entra ID (MS.AAD.7)",
            Self::CisM365 => "CIS Microsoft 365 Foundations Benchmark",
            Self::ZeroTrust => "Microsoft Zero Trust Assessment",
            Self::Maester => "Maester",
        }
    }

    /// The peer code that checks the baseline, which the semantics below follow.
    #[must_use]
    pub const fn source(self) -> &'static str {
        match self {
            Self::CisaScuba => {
                "cisagov/ScubaGear `PowerShell/ScubaGear/Rego/AADConfig.rego` (MS.AAD.7.1v1–7.9v1); \
                 Maester `Test-MtCisa*` checks the same controls"
            }
            Self::CisM365 => {
                "the benchmark's recommendations as silverhack/monkey365 and M365SAT (`CISMAz5xx`) \
                 check them; Maester `Test-MtCis*`"
            }
            Self::ZeroTrust => {
                "microsoft/zerotrustassessment `src/powershell/tests/Test-Assessment.<id>.ps1`"
            }
            Self::Maester => {
                "maester365/maester `powershell/public/**/Test-Mt*.ps1` (`Test-MtCisa*`, \
                 `Test-MtCis*`, `Test-MtPrivPermanentDirectoryRole`, `Test-MtPimAlertsExists`) and \
                 the tests that call them (`tests/cisa/entra`, `tests/cis`, \
                 `tests/Maester/Entra/Test-PrivilegedAssignments.Tests.ps1`)"
            }
        }
    }

    /// The profile that runs the baseline's rules with its semantics.
    #[must_use]
    pub const fn profile(self) -> Profile {
        match self {
            Self::CisaScuba => Profile::CisaScuba,
            Self::Maester => Profile::Maester,
            Self::CisM365 => Profile::CisM365,
            Self::ZeroTrust => Profile::ZeroTrust,
        }
    }

    /// The baseline a profile stands for, if any.
    #[must_use]
    pub const fn of_profile(profile: Profile) -> Option<Self> {
        match profile {
            Profile::CisaScuba => Some(Self::CisaScuba),
            Profile::CisM365 => Some(Self::CisM365),
            Profile::ZeroTrust => Some(Self::ZeroTrust),
            Profile::Maester => Some(Self::Maester),
            Profile::Recommended | Profile::Strict => None,
        }
    }

    /// The baseline's PIM controls.
    #[must_use]
    pub const fn controls(self) -> &'static [Control] {
        match self {
            Self::CisaScuba => CISA,
            Self::CisM365 => CIS,
            Self::ZeroTrust => ZERO_TRUST,
            Self::Maester => MAESTER,
        }
    }
}

/// Whether an offline run can assess a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The rules read policy documents; a run over the role's policy assesses it.
    Implemented,
    /// It needs the tenant's assignments, principals, alerts or group links, which a run over
    /// policies alone does not have.
    NeedsTenantData,
    /// Nothing in PIM's documents can show it.
    NotApplicableOffline,
}

impl Status {
    /// The words the tables use.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Implemented => "implemented",
            Self::NeedsTenantData => "needs tenant data",
            Self::NotApplicableOffline => "not applicable offline",
        }
    }
}

/// Which policies a control reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "roles")]
pub enum Roles {
    /// These roles (template ids).
    Only(&'static [&'static str]),
    /// The highly privileged roles of the profile's set, Global Administrator included.
    Privileged,
    /// The highly privileged roles of the profile's set other than Global Administrator.
    PrivilegedExceptGlobalAdministrator,
    /// The `member` policies of PIM for Groups groups that hold one of these roles (active or
    /// eligible), each checked with the role's tier; the run must link groups to roles.
    Groups(&'static Roles),
    /// No policy (the control is about assignments or the tenant).
    None,
}

/// One control of a baseline.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Control {
    /// The id in its source (`MS.AAD.7.7v1`, `5.3.4`, `21820`, `MT.1020`).
    pub id: &'static str,
    /// What it asks, in a line.
    pub title: &'static str,
    /// Its weight in the source (SHALL / SHOULD, L1 / L2, the risk level).
    pub level: &'static str,
    /// The pimlint rules that check it.
    pub rules: &'static [&'static str],
    /// The policies it reads.
    pub roles: Roles,
    /// How the source decides, and where pimlint differs.
    pub semantics: &'static str,
    /// Whether an offline run can assess it.
    pub status: Status,
    /// Why, when it is not implemented.
    pub reason: &'static str,
}

const GA: &[&str] = &[GLOBAL_ADMINISTRATOR];
const PRA: &[&str] = &[PRIVILEGED_ROLE_ADMINISTRATOR];
const INTUNE: &[&str] = &[INTUNE_ADMINISTRATOR];

const TENANT: &str = "reads role assignments, schedules or principals: run it over a tenant \
    export that has them";
const GROUPS: &str = "a group's policy names the group only, so the link between group and role \
    comes from the tenant's role assignment or eligibility schedules or instances whose principal \
    is the group, with the group's `member` policy and its policy assignment (any input of the \
    run), or from a ScubaGear export, which files the group's rules under the role";

const CISA: &[Control] = &[
    Control {
        id: "MS.AAD.7.1v1",
        title: "A minimum of two users and a maximum of eight users SHALL be provisioned with the Global Administrator role",
        level: "SHALL",
        rules: &["PIM601"],
        roles: Roles::None,
        semantics: "counts the users holding Global Administrator (ScubaGear counts privileged users, eligible and active, with groups expanded); passes for 2 to 8",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "MS.AAD.7.2v1",
        title: "Privileged users SHALL be provisioned with finer-grained roles instead of Global Administrator",
        level: "SHALL",
        rules: &["PIM602"],
        roles: Roles::None,
        semantics: "passes when 7.1 passes and Global Administrators are no more than the other privileged users",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "MS.AAD.7.3v1",
        title: "Privileged users SHALL be provisioned cloud-only accounts separate from an on-premises directory",
        level: "SHALL",
        rules: &["PIM606"],
        roles: Roles::None,
        semantics: "fails any privileged user with an `onPremisesImmutableId`",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "MS.AAD.7.4v1",
        title: "Permanent active role assignments SHALL NOT be allowed for highly privileged roles",
        level: "SHALL",
        rules: &["PIM302", "PIM603"],
        roles: Roles::Privileged,
        semantics: "ScubaGear fails a role with an active assignment that has no end date, minus the principals in its RoleExclusions; PIM302 adds the policy-level prevention (`Expiration_Admin_Assignment.isExpirationRequired`), PIM603 the assignments",
        status: Status::Implemented,
        reason: "the policy half is implemented (PIM302); the assignments need a tenant export (PIM603)",
    },
    Control {
        id: "MS.AAD.7.5v1",
        title: "Provisioning users to highly privileged roles SHALL NOT occur outside of a PAM system",
        level: "SHALL",
        rules: &["PIM604"],
        roles: Roles::None,
        semantics: "fails a role with an assignment whose start date is null (made outside PIM)",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "MS.AAD.7.6v1",
        title: "Activation of the Global Administrator role SHALL require approval",
        level: "SHALL",
        rules: &["PIM201"],
        roles: Roles::Only(GA),
        semantics: "`Approval_EndUser_Assignment.setting.isApprovalRequired` is not false on the Global Administrator policy; approvers are not counted",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "MS.AAD.7.6v1 (groups)",
        title: "The same, on PIM for Groups groups that hold Global Administrator",
        level: "SHALL",
        rules: &["PIM201"],
        roles: Roles::Groups(&Roles::Only(GA)),
        semantics: "ScubaGear appends the rules of the `member` policy of each PIM for Groups group that holds Global Administrator (active or eligible role assignment schedule instance, any directory scope) to the role's rules: `Approval_EndUser_Assignment.setting.isApprovalRequired` must not be false there either. pimlint checks the group's member policy with PIM201 as if it were the role's, once per group",
        status: Status::NeedsTenantData,
        reason: GROUPS,
    },
    Control {
        id: "MS.AAD.7.7v1",
        title: "Eligible and active highly privileged role assignments SHALL trigger an alert",
        level: "SHALL",
        rules: &["PIM409"],
        roles: Roles::Privileged,
        semantics: "`Notification_Admin_Admin_Eligibility` and `Notification_Admin_Admin_Assignment` each list at least one `notificationRecipients` entry, for each of the eight CISA roles; default recipients do not count (pimlint does not count blank entries either)",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "MS.AAD.7.7v1 (groups)",
        title: "The same, on PIM for Groups groups that hold a highly privileged role",
        level: "SHALL",
        rules: &["PIM409"],
        roles: Roles::Groups(&Roles::Privileged),
        semantics: "the `member` policy of each group that holds one of the eight roles must list a recipient in `Notification_Admin_Admin_Eligibility` and `Notification_Admin_Admin_Assignment`; pimlint checks it once per role the group holds (ScubaGear lists the group once per role too)",
        status: Status::NeedsTenantData,
        reason: GROUPS,
    },
    Control {
        id: "MS.AAD.7.8v1",
        title: "User activation of the Global Administrator role SHALL trigger an alert",
        level: "SHALL",
        rules: &["PIM404"],
        roles: Roles::Only(GA),
        semantics: "`Notification_Admin_EndUser_Assignment` (type Email) lists at least one `notificationRecipients` entry on the Global Administrator policy",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "MS.AAD.7.8v1 (groups)",
        title: "The same, on PIM for Groups groups that hold Global Administrator",
        level: "SHALL",
        rules: &["PIM404"],
        roles: Roles::Groups(&Roles::Only(GA)),
        semantics: "the `member` policy of each group that holds Global Administrator must list a recipient in `Notification_Admin_EndUser_Assignment` (an activation of the membership is an activation of the role)",
        status: Status::NeedsTenantData,
        reason: GROUPS,
    },
    Control {
        id: "MS.AAD.7.9v1",
        title: "User activation of other highly privileged roles SHOULD trigger an alert",
        level: "SHOULD",
        rules: &["PIM410"],
        roles: Roles::PrivilegedExceptGlobalAdministrator,
        semantics: "`Notification_Admin_EndUser_Assignment` (type Email) lists at least one `notificationRecipients` entry on the policies of the seven CISA roles other than Global Administrator",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "MS.AAD.7.9v1 (groups)",
        title: "The same, on PIM for Groups groups that hold one of those roles",
        level: "SHOULD",
        rules: &["PIM410"],
        roles: Roles::Groups(&Roles::PrivilegedExceptGlobalAdministrator),
        semantics: "the `member` policy of each group that holds one of the seven other roles must list a recipient in `Notification_Admin_EndUser_Assignment`; a group that holds Global Administrator and another role is checked for both",
        status: Status::NeedsTenantData,
        reason: GROUPS,
    },
];

const CIS: &[Control] = &[
    Control {
        id: "1.1.1",
        title: "Ensure Administrative accounts are cloud-only",
        level: "L1",
        rules: &["PIM606"],
        roles: Roles::None,
        semantics: "fails a privileged account synchronised from on-premises",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "1.1.3",
        title: "Ensure that between two and four global admins are designated",
        level: "L1",
        rules: &["PIM601"],
        roles: Roles::None,
        semantics: "counts Global Administrators; passes for 2 to 4",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "5.3.1",
        title: "Ensure 'Privileged Identity Management' is used to manage roles",
        level: "L2",
        rules: &["PIM302", "PIM603", "PIM604"],
        roles: Roles::Privileged,
        semantics: "no permanent active assignment to a privileged role (the CIS set: CISA's roles, Microsoft's PRIVILEGED ones and the workload administrators); PIM302 checks that the policy prevents them",
        status: Status::Implemented,
        reason: "the policy half is implemented (PIM302); the assignments need a tenant export (PIM603, PIM604)",
    },
    Control {
        id: "5.3.2",
        title: "Ensure 'Access reviews' for Guest Users are configured",
        level: "L1",
        rules: &[],
        roles: Roles::None,
        semantics: "an access review definition over guests exists",
        status: Status::NotApplicableOffline,
        reason: "access reviews are not part of PIM's policies, assignments or requests",
    },
    Control {
        id: "5.3.3",
        title: "Ensure 'Access reviews' for privileged roles are configured",
        level: "L1",
        rules: &[],
        roles: Roles::None,
        semantics: "an access review definition over the privileged roles exists",
        status: Status::NotApplicableOffline,
        reason: "access reviews are not part of PIM's policies, assignments or requests",
    },
    Control {
        id: "5.3.4",
        title: "Ensure approval is required for Global Administrator role activation",
        level: "L1",
        rules: &["PIM201", "PIM203", "PIM204"],
        roles: Roles::Only(GA),
        semantics: "approval required on the Global Administrator policy with at least two primary approvers: Monkey365 counts the entries (one group is one approver), M365SAT counts users only; the `cis-m365` profile counts entries and makes PIM204 an error here",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "5.3.5",
        title: "Ensure approval is required for Privileged Role Administrator activation",
        level: "L1",
        rules: &["PIM201", "PIM203", "PIM204"],
        roles: Roles::Only(PRA),
        semantics: "as 5.3.4, on the Privileged Role Administrator policy",
        status: Status::Implemented,
        reason: "",
    },
];

const ZERO_TRUST: &[Control] = &[
    Control {
        id: "21812",
        title: "Maximum number of Global Administrators doesn't exceed eight users",
        level: "Low",
        rules: &["PIM601"],
        roles: Roles::None,
        semantics: "at most eight Global Administrators (users and service principals); no minimum",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "21813",
        title: "High Global Administrator to privileged user ratio",
        level: "High",
        rules: &["PIM602"],
        roles: Roles::None,
        semantics: "share of Global Administrators among privileged users: below 30 % passes, 30–50 % warns, 50 % or more fails",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "21814",
        title: "Privileged accounts are cloud native identities",
        level: "High",
        rules: &["PIM606"],
        roles: Roles::None,
        semantics: "fails a privileged user synchronised from on-premises",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "21815",
        title: "All privileged role assignments are activated just in time and not permanently active",
        level: "High",
        rules: &["PIM603"],
        roles: Roles::None,
        semantics: "fails a permanent active assignment to a privileged role",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "21816",
        title: "All Microsoft Entra privileged role assignments are managed with PIM",
        level: "High",
        rules: &["PIM603", "PIM604"],
        roles: Roles::None,
        semantics: "fails privileged assignments made outside PIM or held permanently",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "21817",
        title: "Global Administrator role activation triggers an approval workflow",
        level: "High",
        rules: &["PIM201", "PIM203"],
        roles: Roles::Only(GA),
        semantics: "approval required on the Global Administrator policy with at least one primary approver (any kind); no policy assignment at all also fails (PIM609)",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "21818",
        title: "Privileged role activations have monitoring and alerting configured",
        level: "High",
        rules: &["PIM411"],
        roles: Roles::Privileged,
        semantics: "for every role Microsoft labels privileged, each of the nine notification rules fails when default recipients are on and no address is listed (a rule with default recipients off and no address passes there; pimlint reports it as PIM401)",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "21819",
        title: "Activation alert for Global Administrator role assignments",
        level: "Medium",
        rules: &["PIM412", "PIM609"],
        roles: Roles::Only(GA),
        semantics: "reads `Notification_Admin_EndUser_Assignment` of Global Administrator (the test read `Notification_Requestor_EndUser_Assignment` before March 2026) and passes when it has default recipients on or any address: it fails only when the alert reaches nobody (PIM412; its notification level and type are not read). No policy assignment for Global Administrator also fails (PIM609, tenant data)",
        status: Status::Implemented,
        reason: "the policy half is implemented (PIM412); a Global Administrator role without any policy assignment needs the tenant's assignments (PIM609)",
    },
    Control {
        id: "21820",
        title: "Activation alert for all privileged role assignments",
        level: "Low",
        rules: &["PIM404", "PIM410", "PIM609"],
        roles: Roles::Privileged,
        semantics: "for every role Microsoft labels privileged: `Notification_Admin_EndUser_Assignment` fails with default recipients on and no address (PIM404 for Global Administrator, PIM410 for the others; pimlint also fails default recipients off with no address), and a role with no policy assignment fails (PIM609, tenant data)",
        status: Status::Implemented,
        reason: "the policy half is implemented; a role without any policy assignment needs the tenant's role definitions (PIM609)",
    },
    Control {
        id: "51016",
        title: "Privileged Identity Management is enforced for Intune Administrator role assignments",
        level: "High",
        rules: &["PIM102", "PIM103", "PIM107", "PIM109", "PIM603"],
        roles: Roles::Only(INTUNE),
        semantics: "on the Intune Administrator policy only: `MultiFactorAuthentication` and `Justification` in `Enablement_EndUser_Assignment`, `isExpirationRequired` true and `maximumDuration` above zero and at most PT8H; no enabled member user with a permanent active assignment (PIM603). The test does not count an authentication context as MFA; pimlint (PIM103) does. PIM102 cites 51016 only above PT8H",
        status: Status::Implemented,
        reason: "the policy half is implemented; standing assignments need a tenant export (PIM603)",
    },
];

const ALERTS: &str = "reads the tenant's PIM alerts: run it over an export that has them";

const MAESTER: &[Control] = &[
    Control {
        id: "CISA.MS.AAD.7.1",
        title: "A minimum of two users and a maximum of eight users SHALL be provisioned with the Global Administrator role",
        level: "SHALL",
        rules: &["PIM601"],
        roles: Roles::None,
        semantics: "`Test-MtCisaGlobalAdminCount`: the users among the eligible and active members of Global Administrator, groups expanded; passes for 2 to 8. ScubaGear also expands the eligible members of PIM for Groups groups, Maester only the group's current members",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "CISA.MS.AAD.7.2",
        title: "Privileged users SHALL be provisioned with finer-grained roles instead of Global Administrator",
        level: "SHALL",
        rules: &["PIM602"],
        roles: Roles::None,
        semantics: "`Test-MtCisaGlobalAdminRatio`: users holding Global Administrator divided by the user assignments of the other CISA roles is at most 1 (assignments, not distinct users, are counted); unlike ScubaGear it does not first require 7.1 to pass",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "CISA.MS.AAD.7.3",
        title: "Privileged users SHALL be provisioned cloud-only accounts separate from an on-premises directory",
        level: "SHALL",
        rules: &["PIM606"],
        roles: Roles::None,
        semantics: "`Test-MtCisaCloudGlobalAdmin`: fails a Global Administrator user with `onPremisesSyncEnabled` true. Maester reads Global Administrator only and the sync flag; ScubaGear reads every CISA role and `onPremisesImmutableId`; PIM606 reads every privileged role",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "CISA.MS.AAD.7.4",
        title: "Permanent active role assignments SHALL NOT be allowed for highly privileged roles",
        level: "SHALL",
        rules: &["PIM302", "PIM603"],
        roles: Roles::Privileged,
        semantics: "`Test-MtCisaPermanentRoleAssignment`: fails an `Assigned` role assignment schedule of a CISA role whose expiration type is `noExpiration`; no exclusions (ScubaGear honours its RoleExclusions); PIM302 adds the policy-level prevention",
        status: Status::Implemented,
        reason: "the policy half is implemented (PIM302); the schedules need a tenant export (PIM603)",
    },
    Control {
        id: "CISA.MS.AAD.7.5",
        title: "Provisioning users to highly privileged roles SHALL NOT occur outside of a PAM system",
        level: "SHALL",
        rules: &["PIM604"],
        roles: Roles::None,
        semantics: "`Test-MtCisaUnmanagedRoleAssignment`: fails an `Assigned` role assignment schedule of a CISA role with `createdUsing` null or no `scheduleInfo.startDateTime` (ScubaGear reads the start date only)",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "CISA.MS.AAD.7.6",
        title: "Activation of the Global Administrator role SHALL require approval",
        level: "SHALL",
        rules: &["PIM201"],
        roles: Roles::Only(GA),
        semantics: "`Test-MtCisaRequireActivationApproval`: `setting.isApprovalRequired` of the approval rule of the Global Administrator policy is true. Maester reads the role's own policy only; ScubaGear also reads the `member` policy of PIM for Groups groups holding the role",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "CISA.MS.AAD.7.7",
        title: "Eligible and active highly privileged role assignments SHALL trigger an alert",
        level: "SHALL",
        rules: &["PIM409"],
        roles: Roles::Privileged,
        semantics: "`Test-MtCisaAssignmentNotification`: `Notification_Admin_Admin_Eligibility` and `Notification_Admin_Admin_Assignment` each have `notificationRecipients`, for the eight CISA roles; default recipients do not count; the roles' own policies only (no groups)",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "CISA.MS.AAD.7.8",
        title: "User activation of the Global Administrator role SHALL trigger an alert",
        level: "SHALL",
        rules: &["PIM404"],
        roles: Roles::Only(GA),
        semantics: "`Test-MtCisaActivationNotification -GlobalAdminOnly`: `Notification_Admin_EndUser_Assignment` has `notificationRecipients`; unlike ScubaGear, the notification type is not read and groups are not followed",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "CISA.MS.AAD.7.9",
        title: "User activation of other highly privileged roles SHOULD trigger an alert",
        level: "SHOULD",
        rules: &["PIM410"],
        roles: Roles::PrivilegedExceptGlobalAdministrator,
        semantics: "`Test-MtCisaActivationNotification`: `Notification_Admin_EndUser_Assignment` has `notificationRecipients`, for the seven CISA roles other than Global Administrator; the notification type is not read and groups are not followed",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "CIS.M365.1.1.1",
        title: "Ensure Administrative accounts are cloud-only",
        level: "L1",
        rules: &["PIM606"],
        roles: Roles::None,
        semantics: "`Test-MtCisCloudAdmin`: fails a Global Administrator user (eligible or active, groups expanded) with `onPremisesSyncEnabled` true; Global Administrator only, where the benchmark speaks of every administrative account",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "CIS.M365.1.1.3",
        title: "Ensure that between two and four global admins are designated",
        level: "L1",
        rules: &["PIM601"],
        roles: Roles::None,
        semantics: "`Test-MtCisGlobalAdminCount`: 2 to 4 users among the members of Global Administrator. The `maester` profile counts with CISA's 2 to 8 (CISA.MS.AAD.7.1); set `[rules.global-admin-count] maximum = 4` or use `cis-m365` for this limit",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "MT.1025",
        title: "No external user with permanent role assignment on Control Plane",
        level: "High",
        rules: &["PIM605"],
        roles: Roles::None,
        semantics: "`Test-MtPrivPermanentDirectoryRole -FilterPrincipal ExternalUser`: fails a guest (`userType` Guest) with a directory role assignment to a Control Plane role of the Enterprise Access Model classification, which Maester downloads at run time; pimlint reads the profile's privileged roles (CISA's eight) instead",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "MT.1026",
        title: "No hybrid user with permanent role assignment on Control Plane",
        level: "High",
        rules: &["PIM606"],
        roles: Roles::None,
        semantics: "as MT.1025 for users with `onPremisesImmutableId` set and `onPremisesSyncEnabled` true; pimlint reads the sync flag of the profile's privileged roles",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "MT.1027",
        title: "No Service Principal with Client Secret and permanent role assignment on Control Plane",
        level: "High",
        rules: &["PIM607"],
        roles: Roles::None,
        semantics: "as MT.1025 for the tenant's own application service principals with a client secret; credentials are not in PIM's documents, so PIM607 reports every service principal that holds a privileged role, secret or not",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "MT.1028",
        title: "No user with mailbox and permanent role assignment on Control Plane",
        level: "High",
        rules: &[],
        roles: Roles::None,
        semantics: "as MT.1025 for users with an enabled Exchange plan in `provisionedPlans`",
        status: Status::NotApplicableOffline,
        reason: "whether a user has a mailbox (`provisionedPlans`) is not part of PIM's policies, assignments or principals",
    },
    Control {
        id: "MT.1029",
        title: "Stale accounts are not assigned to privileged roles",
        level: "High",
        rules: &["PIM610"],
        roles: Roles::None,
        semantics: "`Test-MtPimAlertsExists -AlertId StaleSignInAlert`: the PIM alert is inactive or has no affected items; pimlint reports the alert turned off or missing from the alert configurations",
        status: Status::NeedsTenantData,
        reason: ALERTS,
    },
    Control {
        id: "MT.1030",
        title: "Eligible role assignments on Control Plane are in use by administrators",
        level: "High",
        rules: &["PIM610"],
        roles: Roles::None,
        semantics: "`Test-MtPimAlertsExists -AlertId RedundantAssignmentAlert` on Control Plane roles: inactive or no affected items; pimlint reports the alert turned off or missing",
        status: Status::NeedsTenantData,
        reason: ALERTS,
    },
    Control {
        id: "MT.1031",
        title: "Privileged role on Control Plane are managed by PIM only",
        level: "High",
        rules: &["PIM604", "PIM610"],
        roles: Roles::None,
        semantics: "`Test-MtPimAlertsExists -AlertId RolesAssignedOutsidePimAlert` on Control Plane roles: inactive or no affected items; pimlint reports the alert turned off or missing (PIM610) and finds the assignments made outside PIM itself (PIM604)",
        status: Status::NeedsTenantData,
        reason: ALERTS,
    },
    Control {
        id: "MT.1032",
        title: "Limited number of Global Admins are assigned",
        level: "High",
        rules: &["PIM601", "PIM610"],
        roles: Roles::None,
        semantics: "`Test-MtPimAlertsExists -AlertId TooManyGlobalAdminsAssignedToTenantAlert`: inactive or no affected items (the alert's own threshold); pimlint reports the alert turned off or missing (PIM610) and counts the Global Administrators itself (PIM601, 2 to 8)",
        status: Status::NeedsTenantData,
        reason: ALERTS,
    },
];

/// Whether pimlint has the rule (the reserved tenant codes may not exist yet).
#[must_use]
pub fn rule_exists(code: &str) -> bool {
    REGISTRY.iter().any(|r| r.meta.code == code)
}

/// The rule's name, from the registry or the reserved list.
#[must_use]
pub fn rule_name(code: &str) -> Option<&'static str> {
    REGISTRY
        .iter()
        .find(|r| r.meta.code == code)
        .map(|r| r.meta.name)
        .or_else(|| {
            RESERVED_TENANT_RULES
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, n)| *n)
        })
}

/// The coverage table of a baseline as Markdown (the pages under `docs/baselines/`).
#[must_use]
pub fn markdown(baseline: Baseline) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", baseline.title());
    let _ = writeln!(
        out,
        "<!-- Generated from crates/pimlint/src/baselines.rs by \
         `PIMLINT_UPDATE_DOCS=1 cargo test -p pimlint --test baselines`. -->\n"
    );
    let _ = writeln!(out, "Semantics follow {}.\n", baseline.source());
    let _ = writeln!(
        out,
        "Checked with the `{}` profile (`profile = \"{0}\"` in pimlint.toml); \
         `pimlint report --profile {} PATH --out report.html` assesses documents against it.\n",
        baseline.profile().as_str(),
        baseline.as_str()
    );
    let _ = writeln!(
        out,
        "| Control | Level | pimlint rules | Semantics | Status |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for c in baseline.controls() {
        let rules = if c.rules.is_empty() {
            "—".to_owned()
        } else {
            c.rules
                .iter()
                .map(|code| match rule_name(code) {
                    Some(name) if rule_exists(code) => {
                        format!("[{code}](../../rules/{code}-{name}/README.md) {name}")
                    }
                    Some(name) => format!("{code} {name}"),
                    None => (*code).to_owned(),
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let status = if c.reason.is_empty() {
            format!("**{}**", c.status.as_str())
        } else {
            format!("**{}**: {}", c.status.as_str(), c.reason)
        };
        let _ = writeln!(
            out,
            "| {} — {} | {} | {} | {} | {} |",
            c.id,
            c.title.replace('|', "\\|"),
            c.level,
            rules,
            c.semantics.replace('|', "\\|"),
            status.replace('|', "\\|")
        );
    }
    out
}
