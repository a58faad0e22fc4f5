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
    /// Maester's own PIM and privileged access tests (its CISA and CIS tests follow those
    /// baselines).
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
            Self::Maester => "maester365/maester `powershell/public/**/Test-Mt*.ps1`",
        }
    }

    /// The profile that runs the baseline's rules with its semantics.
    #[must_use]
    pub const fn profile(self) -> Profile {
        match self {
            Self::CisaScuba | Self::Maester => Profile::CisaScuba,
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
const GROUPS: &str = "ScubaGear applies it to the `member` policy of each PIM for Groups group \
    that holds the role; a group's policy names the group only, so the link between group and \
    role has to come from the tenant's role assignments";

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
        roles: Roles::None,
        semantics: "the group's `member` policy must require approval",
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
        roles: Roles::None,
        semantics: "the group's `member` policy must alert on assignments",
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
        roles: Roles::None,
        semantics: "the group's `member` policy must alert on activation",
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
        roles: Roles::None,
        semantics: "the group's `member` policy must alert on activation",
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
        rules: &["PIM401"],
        roles: Roles::Only(GA),
        semantics: "reads `Notification_Requestor_EndUser_Assignment` of Global Administrator and passes when it has default recipients on or any address; it fails only when the rule notifies nobody, which is PIM401 (PIM401 reads all nine notification rules, so the report may fail this control for another rule of the Global Administrator policy)",
        status: Status::Implemented,
        reason: "",
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

const MAESTER: &[Control] = &[
    Control {
        id: "Test-MtCisaGlobalAdminCount",
        title: "CISA MS.AAD.7.1: two to eight Global Administrators",
        level: "SHALL",
        rules: &["PIM601"],
        roles: Roles::None,
        semantics: "counts eligible and active Global Administrators",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "Test-MtCisaGlobalAdminRatio",
        title: "CISA MS.AAD.7.2: finer-grained roles rather than Global Administrator",
        level: "SHALL",
        rules: &["PIM602"],
        roles: Roles::None,
        semantics: "Global Administrators are no more than the other privileged users",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "Test-MtCisaCloudGlobalAdmin",
        title: "CISA MS.AAD.7.3: privileged users are cloud-only",
        level: "SHALL",
        rules: &["PIM606"],
        roles: Roles::None,
        semantics: "fails a synchronised privileged user",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "Test-MtCisaPermanentRoleAssignment",
        title: "CISA MS.AAD.7.4: no permanent active assignment to highly privileged roles",
        level: "SHALL",
        rules: &["PIM302", "PIM603"],
        roles: Roles::Privileged,
        semantics: "as MS.AAD.7.4 over the CISA roles",
        status: Status::Implemented,
        reason: "the policy half is implemented (PIM302); the assignments need a tenant export (PIM603)",
    },
    Control {
        id: "Test-MtCisaUnmanagedRoleAssignment",
        title: "CISA MS.AAD.7.5: no assignment outside PIM",
        level: "SHALL",
        rules: &["PIM604"],
        roles: Roles::None,
        semantics: "fails active assignments with no start time",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "Test-MtCisaRequireActivationApproval",
        title: "CISA MS.AAD.7.6: Global Administrator activation requires approval",
        level: "SHALL",
        rules: &["PIM201"],
        roles: Roles::Only(GA),
        semantics: "`isApprovalRequired` of the approval rule on the Global Administrator policy",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "Test-MtCisaAssignmentNotification",
        title: "CISA MS.AAD.7.7: assignments to highly privileged roles alert",
        level: "SHALL",
        rules: &["PIM409"],
        roles: Roles::Privileged,
        semantics: "`Notification_Admin_Admin_Eligibility` and `Notification_Admin_Admin_Assignment` have `notificationRecipients`, for the CISA roles",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "Test-MtCisaActivationNotification -GlobalAdminOnly",
        title: "CISA MS.AAD.7.8: Global Administrator activation alerts",
        level: "SHALL",
        rules: &["PIM404"],
        roles: Roles::Only(GA),
        semantics: "`Notification_Admin_EndUser_Assignment` has `notificationRecipients`",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "Test-MtCisaActivationNotification",
        title: "CISA MS.AAD.7.9: other highly privileged role activations alert",
        level: "SHOULD",
        rules: &["PIM410"],
        roles: Roles::PrivilegedExceptGlobalAdministrator,
        semantics: "`Notification_Admin_EndUser_Assignment` has `notificationRecipients`, for the CISA roles other than Global Administrator",
        status: Status::Implemented,
        reason: "",
    },
    Control {
        id: "Test-MtCisGlobalAdminCount",
        title: "CIS 1.1.3: two to four Global Administrators",
        level: "L1",
        rules: &["PIM601"],
        roles: Roles::None,
        semantics: "counts Global Administrators; passes for 2 to 4 (run with the `cis-m365` profile)",
        status: Status::NeedsTenantData,
        reason: TENANT,
    },
    Control {
        id: "Test-MtPimAlertsExists",
        title: "PIM alerts (too many Global Administrators, roles assigned outside PIM, stale sign-ins, redundant assignments, …) have no open incidents",
        level: "Medium",
        rules: &["PIM610"],
        roles: Roles::None,
        semantics: "reads the tenant's PIM alerts",
        status: Status::NeedsTenantData,
        reason: "reads the tenant's PIM alerts: run it over an export that has them",
    },
    Control {
        id: "Test-MtPrivPermanentDirectoryRole",
        title: "No permanent assignments to control-plane or management-plane Entra roles, by principal kind (users, guests, synchronised users, service principals)",
        level: "High",
        rules: &["PIM603", "PIM605", "PIM606", "PIM607"],
        roles: Roles::None,
        semantics: "fails permanent assignments, filtered by principal kind",
        status: Status::NeedsTenantData,
        reason: TENANT,
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
