// A request form built from a PIM policy: pick a policy source and a role; the form asks for
// what the policy requires (requirements), bounds the duration, names the approvers, and the
// submit button is enabled only while the PIM service would take the request (validate).
import { policies, principals, requirements, validate, version, PimlintError } from "../pkg/index.js";
import { place, tenantFiles } from "./tenant-files.js";

const $ = (id) => document.getElementById(id);
$("version").textContent = version;

const ENDUSER = { caller: "EndUser", operations: ["All"], level: "Assignment" };
const rule = (type, id, target, body) => ({
  "@odata.type": `#microsoft.graph.unifiedRoleManagementPolicy${type}Rule`,
  id,
  ...body,
  target,
});

/** An example policy assignment list, as Graph returns it with $expand=policy($expand=rules). */
function examplePolicy(roleId, name, { hours, enabled, approvers }) {
  const policyId = `DirectoryRole_example_${name}`;
  return {
    id: `${policyId}_${roleId}`,
    policyId,
    scopeId: "/",
    scopeType: "DirectoryRole",
    roleDefinitionId: roleId,
    policy: {
      id: policyId,
      scopeId: "/",
      scopeType: "DirectoryRole",
      rules: [
        rule("Expiration", "Expiration_EndUser_Assignment", ENDUSER, {
          isExpirationRequired: true,
          maximumDuration: `PT${hours}H`,
        }),
        rule("Enablement", "Enablement_EndUser_Assignment", ENDUSER, { enabledRules: enabled }),
        rule("Approval", "Approval_EndUser_Assignment", ENDUSER, {
          setting: {
            isApprovalRequired: approvers.length > 0,
            isApprovalRequiredForExtension: false,
            isRequestorJustificationRequired: true,
            approvalMode: "SingleStage",
            approvalStages: [
              {
                approvalStageTimeOutInDays: 1,
                isApproverJustificationRequired: true,
                escalationTimeInMinutes: 0,
                isEscalationEnabled: false,
                primaryApprovers: approvers,
                escalationApprovers: [],
              },
            ],
          },
        }),
        rule("AuthenticationContext", "AuthenticationContext_EndUser_Assignment", ENDUSER, {
          isEnabled: false,
          claimValue: "",
        }),
      ],
    },
  };
}

const EXAMPLE_SOURCE = {
  "@odata.context":
    "https://graph.microsoft.com/v1.0/$metadata#policies/roleManagementPolicyAssignments(policy(rules()))",
  value: [
    examplePolicy("62e90394-69f5-4237-9190-012177145e10", "ga", {
      hours: 8,
      enabled: ["MultiFactorAuthentication", "Justification"],
      approvers: [
        {
          "@odata.type": "#microsoft.graph.groupMembers",
          groupId: "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
          description: "PIM Tier 0 Approvers",
        },
      ],
    }),
    examplePolicy("fe930be7-5e62-47db-91af-98c3a49a38b1", "ua", {
      hours: 4,
      enabled: ["Justification", "Ticketing"],
      approvers: [],
    }),
  ],
};

let source = null; // the policy source text
let listed = []; // its policies
let needs = null; // requirements of the chosen role and kind
let verdict = null;
let tenant = null; // the tenant export's files, [{ name, text }]

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function roleLabel(p) {
  const role = p.role ? (p.role.displayName ?? p.role.id) : "role not named";
  return p.provider === "entra-roles" || !p.scope ? role : `${role} at ${p.scope}`;
}

function loadSource(text, name) {
  source = text;
  $("source-error").hidden = true;
  try {
    listed = policies(text);
  } catch (e) {
    if (!(e instanceof PimlintError)) throw e;
    listed = [];
    $("source-error").textContent = `${name}: ${e.message}`;
    $("source-error").hidden = false;
  }
  if (listed.length === 0 && $("source-error").hidden) {
    $("source-error").textContent = `${name} holds no role management policy: load a policy assignment list (with $expand=policy($expand=rules)), a policy with its rules, or a tenant export`;
    $("source-error").hidden = false;
  }
  const picker = $("role");
  picker.innerHTML = "";
  listed.forEach((p, i) => {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = roleLabel(p);
    picker.append(option);
  });
  picker.disabled = listed.length === 0;
  $("source-status").textContent = listed.length ? `${name}: ${listed.length} ${listed.length === 1 ? "policy" : "policies"}` : "";
  chooseRole();
}

function loadTenant(files) {
  $("tenant-error").hidden = true;
  const picker = $("principal-pick");
  let people = [];
  try {
    people = principals(files.map((f) => f.text));
    tenant = files;
  } catch (e) {
    if (!(e instanceof PimlintError)) throw e;
    tenant = null;
    $("tenant-error").textContent = e.message.replace(/^tenant input (\d+)/, (_, i) => files[Number(i)]?.name ?? _);
    $("tenant-error").hidden = false;
  }
  picker.innerHTML = "";
  const none = document.createElement("option");
  none.value = "";
  none.textContent = `${people.length} principals in the export: pick one`;
  picker.append(none);
  for (const p of people) {
    const option = document.createElement("option");
    option.value = p.id;
    option.textContent = `${p.name ?? p.id}${p.signIn ? ` (${p.signIn})` : ""}`;
    picker.append(option);
  }
  picker.hidden = !tenant;
  $("tenant-status").textContent = tenant ? `${files.length} ${files.length === 1 ? "file" : "files"}: ${files.map((f) => f.name).join(", ")}` : "";
  chooseRole();
}

/** When the request starts (what eligibility is judged at): the start field, or now. */
function startTime() {
  return $("start").value ? new Date($("start").value).toISOString().replace(".000Z", "Z") : new Date().toISOString();
}

function showEligibility() {
  const box = $("eligibility");
  const e = needs?.eligibility;
  box.hidden = !e;
  if (!e) return;
  const window = (w) => {
    const through = w.group ? `through group ${escapeHtml(w.group.name ?? w.group.id)} (${w.group.membership} member)` : "directly";
    const end = w.end ? `until ${escapeHtml(w.end)}` : w.permanent ? "with no end" : "end unknown";
    return `${through}${w.start ? `, from ${escapeHtml(w.start)}` : ""} ${end}<span class="from">from ${escapeHtml(place(tenant, w.source))}</span>`;
  };
  const who = escapeHtml(e.principal.name ?? e.principal.id);
  const lines = [];
  if (e.eligible === true) {
    box.className = "eligible";
    lines.push(`${who} is eligible ${window(e.current)}`);
  } else if (e.eligible === false) {
    box.className = "not-eligible";
    lines.push(`${who} is not eligible for this role at this scope at ${escapeHtml(e.now)}: the service would refuse an activation.`);
  } else {
    box.className = "unknown";
    lines.push(`Whether ${who} is eligible is unknown: ${escapeHtml(e.unknownBecause ?? "the export does not say")}.`);
  }
  for (const w of e.later) lines.push(`Eligible later ${window(w)}`);
  if (e.active) lines.push(`Already active ${window(e.activeAssignment)}`);
  if (e.limitedBy === "eligibility") lines.push(`The longest activation now is ${escapeHtml(e.maximumDuration)}: the eligibility ends first.`);
  box.innerHTML = lines.map((l) => `<div>${l}</div>`).join("");
}

function iso(hours) {
  const minutes = Math.round(hours * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ""}${m || !h ? `${m}M` : ""}`;
}

function from(pointer) {
  return pointer ? `<span class="from">from ${escapeHtml(pointer || "/")}</span>` : "";
}

function notices() {
  const out = [];
  const item = (text, pointer, unknown = false) => out.push(`<li class="${unknown ? "unknown" : ""}">${text}${from(pointer)}</li>`);
  const a = needs.approval;
  if (a.required === true) item(`Approval needed: ${escapeHtml(a.summary ?? "by an approver")}.`, a.pointer);
  else if (a.required === null) item("Whether approval is needed is unknown: the policy source does not say.", a.pointer, true);
  if (needs.mfa.required) item("You must have signed in with multi-factor authentication.", needs.mfa.pointer);
  const ac = needs.authenticationContext;
  if (ac.required) item(`Conditional Access authentication context <code>${escapeHtml(ac.claimValue ?? "?")}</code> is required.`, ac.pointer);
  const e = needs.expiration;
  if (e.required === null) item("The maximum duration is unknown: the policy source does not say.", e.pointer, true);
  const told = needs.notifications.filter((n) => n.level && n.level !== "None");
  if (told.length) {
    const who = told.map((n) => {
      const extra = n.additionalRecipients?.length ? ` + ${n.additionalRecipients.join(", ")}` : "";
      return `${n.recipientType.toLowerCase()}${n.defaultRecipients ? "" : " (not by default)"}${extra}`;
    });
    item(`Notified: ${escapeHtml(who.join("; "))}.`, told[0].pointer);
  }
  $("notices").innerHTML = out.join("");
}

function chooseRole() {
  const chosen = listed[Number($("role").value)];
  needs = null;
  if (chosen) {
    try {
      const principal = $("principal").value.trim();
      const standing = tenant && principal ? { tenant: tenant.map((f) => f.text), principal, now: startTime() } : {};
      needs = requirements(source, $("kind").value, {
        policy: chosen.pointer,
        role: chosen.role?.id,
        scope: chosen.scope ?? undefined,
        ...standing,
      });
    } catch (e) {
      if (!(e instanceof PimlintError)) throw e;
      $("source-error").textContent = e.message;
      $("source-error").hidden = false;
    }
  }
  showEligibility();
  if (!needs) {
    $("notices").innerHTML = "";
    update();
    return;
  }
  const role = needs.policy.role;
  $("role-id-field").hidden = Boolean(role);
  if (role) $("role-id").value = needs.provider === "azure-resources" ? role.id : role.templateId;
  const e = needs.expiration;
  const hours = $("hours");
  // The eligibility's end cuts the policy's maximum short.
  const bound = needs.eligibility?.maximumSeconds ?? null;
  if (bound !== null && needs.eligibility.limitedBy === "eligibility") {
    hours.max = String(bound / 3600);
    $("duration-hint").textContent = `at most ${needs.eligibility.maximumDuration} (${bound / 3600} hours): the eligibility ends then`;
    if (Number(hours.value) > bound / 3600) hours.value = String(bound / 3600);
  } else if (e.required === true && e.maximumSeconds !== null) {
    hours.max = String(e.maximumSeconds / 3600);
    $("duration-hint").textContent = `at most ${e.maximumDuration} (${e.maximumSeconds / 3600} hours)`;
    if (Number(hours.value) > e.maximumSeconds / 3600) hours.value = String(e.maximumSeconds / 3600);
  } else {
    hours.removeAttribute("max");
    $("duration-hint").textContent = e.required === false ? "no limit: the policy does not require an end" : "";
  }
  if (e.minimumDuration) hours.min = "0.0833";
  $("permanent-field").hidden = e.required !== false;
  if (e.required !== false) $("permanent").checked = false;
  $("justification-req").hidden = needs.justification.required !== true;
  $("justification").required = needs.justification.required === true;
  // Ticket fields: asked for when required, and when the policy does not say (they cost nothing).
  $("ticket-field").hidden = needs.ticket.required === false;
  $("ticket-field").querySelector(".req").hidden = needs.ticket.required !== true;
  notices();
  update();
}

/** The request body the form describes, exactly as it is sent, and where it goes. */
function request() {
  const arm = needs.provider === "azure-resources";
  const start = $("start").value ? new Date($("start").value).toISOString().replace(".000Z", "Z") : undefined;
  const permanent = $("permanent").checked;
  const expiration = permanent
    ? { type: arm ? "NoExpiration" : "noExpiration" }
    : { type: arm ? "AfterDuration" : "afterDuration", duration: iso(Number($("hours").value)) };
  const body = {};
  const key = arm ? "requestType" : "action";
  body[key] = needs.request.action;
  body.principalId = $("principal").value.trim();
  const roleId = $("role-id").value.trim();
  if (needs.provider === "groups") {
    body.accessId = needs.policy.role?.id ?? "member";
    body.groupId = needs.policy.scope;
  } else {
    body.roleDefinitionId = roleId;
    if (!arm) body.directoryScopeId = "/";
  }
  const justification = $("justification").value;
  if (justification.trim()) body.justification = justification;
  body.scheduleInfo = { ...(start ? { startDateTime: start } : {}), expiration };
  if (!$("ticket-field").hidden && ($("ticket-number").value || $("ticket-system").value)) {
    body.ticketInfo = { ticketNumber: $("ticket-number").value, ticketSystem: $("ticket-system").value };
  }
  const scope = needs.policy.scope ?? "";
  const url = needs.request.url.replace("{scope}", scope).replace("{requestName}", crypto.randomUUID());
  return { method: needs.request.method, url, body: arm ? { properties: body } : body, scope };
}

function update() {
  const box = $("verdict");
  const submit = $("submit");
  $("submitted").hidden = true;
  if (!needs) {
    submit.disabled = true;
    box.className = "unknown";
    box.textContent = "Load a policy source and pick a role.";
    $("body").textContent = "";
    $("endpoint").textContent = "";
    $("findings").innerHTML = "";
    return;
  }
  const { method, url, body, scope } = request();
  $("endpoint").textContent = `${method} ${url}`;
  $("body").textContent = JSON.stringify(body, null, 2);
  // A body does not say which collection it is sent to (assignment or eligibility requests);
  // its URL does. Tell validate, on a copy: the body shown is the one sent.
  const eligible = needs.request.level === "Eligibility";
  const judged =
    needs.provider === "azure-resources"
      ? { ...body, type: `Microsoft.Authorization/${eligible ? "roleEligibility" : "roleAssignment"}ScheduleRequests` }
      : {
          "@odata.type": `#microsoft.graph.${
            needs.provider === "groups"
              ? `privilegedAccessGroup${eligible ? "Eligibility" : "Assignment"}`
              : `unifiedRole${eligible ? "Eligibility" : "Assignment"}`
          }ScheduleRequest`,
          ...body,
        };
  try {
    verdict = validate(judged, source, { scope: scope || undefined, tenant: tenant?.map((f) => f.text) });
  } catch (e) {
    if (!(e instanceof PimlintError)) throw e;
    verdict = { verdict: "rejected", failedRules: [], diagnostics: [{ severity: "error", code: "", message: e.message, pointer: "" }] };
  }
  const takes = verdict.verdict === "accepted" || verdict.verdict === "pending-approval";
  submit.disabled = !takes;
  box.className = verdict.verdict;
  const words = {
    accepted: "Accepted: the PIM service would grant this request.",
    "pending-approval": "Pending approval: the request would wait for an approver.",
    rejected: `Rejected${verdict.failedRules.length ? ` by ${verdict.failedRules.join(", ")}` : ""}: fix the form to submit it.`,
    unknown: "Unknown: no policy in the source governs this request.",
  };
  box.textContent = words[verdict.verdict] ?? verdict.verdict;
  $("findings").innerHTML = verdict.diagnostics
    .filter((d) => d.severity !== "info" || verdict.verdict === "rejected")
    .map((d) => `<li class="${d.severity}" data-code="${escapeHtml(d.code)}"><span class="code">${escapeHtml(d.code)}</span> ${escapeHtml(d.message)}<span class="from">at ${escapeHtml(d.pointer || "/")}</span></li>`)
    .join("");
}

function localNow() {
  const d = new Date(Date.now() + 5 * 60 * 1000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

$("start").value = localNow();
$("source-file").addEventListener("change", async (event) => {
  const file = event.target.files[0];
  if (file) loadSource(await file.text(), file.name);
});
$("example-source").addEventListener("click", () => loadSource(JSON.stringify(EXAMPLE_SOURCE, null, 2), "example tenant"));
tenantFiles($("tenant-drop"), $("tenant-files"), loadTenant);
$("principal-pick").addEventListener("change", () => {
  if ($("principal-pick").value) $("principal").value = $("principal-pick").value;
  chooseRole();
});
// Who asks, and when, decide the eligibility: read the requirements again.
$("principal").addEventListener("input", chooseRole);
$("start").addEventListener("input", chooseRole);
$("role").addEventListener("change", chooseRole);
$("kind").addEventListener("change", chooseRole);
$("request-form").addEventListener("input", update);
$("request-form").addEventListener("change", update);
$("request-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if ($("submit").disabled) return;
  $("submitted").textContent = `Ready to send: ${$("endpoint").textContent}`;
  $("submitted").hidden = false;
});
$("copy").addEventListener("click", () => navigator.clipboard?.writeText($("body").textContent).catch(() => {}));
window.pimlintPortalReady = true;
