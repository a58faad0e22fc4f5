// The portal demo in headless Chromium (Debian's, driven by playwright-core): a request form built
// from a policy's requirements, whose submit button is enabled only while the PIM service would
// take the request. Screenshots go to target/test-artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { serve, CHROMIUM } from "./server.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const shots = `${repo}target/test-artifacts`;
let server;
let browser;

before(async () => {
  server = await serve(root);
  browser = await chromium.launch(CHROMIUM);
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPortal() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  await page.goto(`${server.url}/demo/portal.html`);
  await page.waitForFunction(() => window.pimlintPortalReady === true);
  await page.fill("#start", "2030-06-03T09:00");
  return { page, errors };
}

const verdict = (page) => page.getAttribute("#verdict", "class");
const body = async (page) => JSON.parse(await page.textContent("#body"));

test("Global Administrator from a policy assignment file: rejected until the form meets the policy", async () => {
  const { page, errors } = await openPortal();
  await page.setInputFiles("#source-file", `${repo}examples/tenant-export/global-administrator.json`);
  await page.waitForFunction(() => !document.getElementById("role").disabled);
  assert.equal(await page.textContent("#role option"), "Global Administrator");
  // The duration picker is bounded by the policy, and says where the bound comes from.
  assert.equal(await page.getAttribute("#hours", "max"), "8");
  assert.match(await page.textContent("#duration-hint"), /at most PT8H/);
  assert.equal(await page.isVisible("#justification-req"), true);
  assert.equal(await page.isVisible("#ticket-field"), false);
  assert.equal(await page.isVisible("#permanent-field"), false);
  assert.equal(await page.isVisible("#role-id-field"), false);
  assert.match(await page.textContent("#notices"), /multi-factor authentication/);
  assert.match(await page.textContent("#notices"), /from \/policy\/rules\/5\/enabledRules\/0/);

  // Too long and no justification: rejected, and nothing can be submitted.
  await page.fill("#hours", "10");
  await page.fill("#justification", "");
  assert.equal(await verdict(page), "rejected");
  assert.match(await page.textContent("#verdict"), /ExpirationRule, JustificationRule/);
  assert.equal(await page.isDisabled("#submit"), true);
  assert.equal((await body(page)).scheduleInfo.expiration.duration, "PT10H");
  await page.screenshot({ path: `${shots}/portal-rejected.png`, fullPage: true });

  // Within the policy: accepted, the exact Graph body is shown, and it can be submitted.
  await page.fill("#hours", "2.5");
  await page.fill("#justification", "Quarterly access review");
  assert.equal(await verdict(page), "accepted");
  assert.equal(await page.isDisabled("#submit"), false);
  assert.equal(
    await page.textContent("#endpoint"),
    "POST https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentScheduleRequests",
  );
  assert.deepEqual(await body(page), {
    action: "selfActivate",
    principalId: "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
    roleDefinitionId: "62e90394-69f5-4237-9190-012177145e10",
    directoryScopeId: "/",
    justification: "Quarterly access review",
    scheduleInfo: {
      startDateTime: await page.evaluate(() => new Date("2030-06-03T09:00").toISOString().replace(".000Z", "Z")),
      expiration: { type: "afterDuration", duration: "PT2H30M" },
    },
  });
  await page.click("#submit");
  assert.match(await page.textContent("#submitted"), /Ready to send: POST/);
  await page.screenshot({ path: `${shots}/portal-accepted.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test("the example tenant: ticket fields only where required, approval names the approvers", async () => {
  const { page, errors } = await openPortal();
  await page.click("#example-source");
  await page.waitForFunction(() => document.getElementById("role").options.length === 2);
  await page.selectOption("#role", { label: "User Administrator" });
  assert.equal(await page.isVisible("#ticket-field"), true);
  await page.fill("#hours", "1");
  await page.fill("#justification", "Reset a locked-out account");
  assert.equal(await verdict(page), "rejected");
  assert.match(await page.textContent("#verdict"), /TicketingRule/);
  assert.equal(await page.isDisabled("#submit"), true);
  await page.fill("#ticket-number", "INC-4711");
  await page.fill("#ticket-system", "ServiceNow");
  assert.equal(await verdict(page), "accepted");
  assert.deepEqual((await body(page)).ticketInfo, { ticketNumber: "INC-4711", ticketSystem: "ServiceNow" });

  await page.selectOption("#role", { label: "Global Administrator" });
  assert.equal(await page.isVisible("#ticket-field"), false);
  assert.match(await page.textContent("#notices"), /Approval needed: approval by members of group 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d \(PIM Tier 0 Approvers\)/);
  assert.equal(await verdict(page), "pending-approval");
  assert.equal(await page.isDisabled("#submit"), false);
  // Self-service extension always waits for an administrator.
  await page.selectOption("#kind", "extend-active");
  assert.equal((await body(page)).action, "selfExtend");
  assert.equal(await verdict(page), "pending-approval");
  assert.match(await page.textContent("#notices"), /an administrator must approve every self-service extension/);
  await page.selectOption("#kind", "assign-eligible");
  assert.equal(
    await page.textContent("#endpoint"),
    "POST https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests",
  );
  assert.equal((await body(page)).action, "adminAssign");
  assert.notEqual(await verdict(page), "unknown");
  await page.screenshot({ path: `${shots}/portal-approval.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test("an Azure resource policy: the ARM body and URL, and the role the policy does not name", async () => {
  const { page, errors } = await openPortal();
  await page.setInputFiles("#source-file", `${repo}tests/fixtures/realistic/arm-policy-subscription.json`);
  await page.waitForFunction(() => !document.getElementById("role").disabled);
  assert.equal(await page.isVisible("#role-id-field"), true);
  const scope = "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
  await page.fill("#role-id", `${scope}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`);
  await page.fill("#hours", "4");
  await page.fill("#justification", "Deploy payments hotfix");
  assert.match(
    await page.textContent("#endpoint"),
    /^PUT https:\/\/management\.azure\.com\/subscriptions\/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\/providers\/Microsoft\.Authorization\/roleAssignmentScheduleRequests\/[0-9a-f-]{36}\?api-version=2020-10-01$/,
  );
  const sent = await body(page);
  assert.equal(sent.properties.requestType, "SelfActivate");
  assert.deepEqual(sent.properties.scheduleInfo.expiration, { type: "AfterDuration", duration: "PT4H" });
  assert.equal(await verdict(page), "pending-approval");
  await page.fill("#hours", "9");
  assert.equal(await verdict(page), "rejected");
  assert.equal(await page.isDisabled("#submit"), true);
  assert.deepEqual(errors, []);
});

test("a file that holds no policy says so, and nothing can be submitted", async () => {
  const { page, errors } = await openPortal();
  await page.setInputFiles("#source-file", `${repo}examples/requests/activate-global-administrator.json`);
  await page.locator("#source-error:not([hidden])").waitFor();
  assert.match(await page.textContent("#source-error"), /holds no role management policy/);
  assert.equal(await page.isDisabled("#submit"), true);
  assert.deepEqual(errors, []);
});

// The example tenant export, every file of it: loaded several at once.
const EXPORT = `${repo}examples/tenant-export/`;
const TENANT = readdirSync(EXPORT)
  .filter((n) => n.endsWith(".json"))
  .sort()
  .map((n) => `${EXPORT}${n}`);
const ADELE = "Adele Vance (adele.vance@contoso.example)";
const GRADY = "Grady Archie (grady.archie@contoso.example)";

/** The portal with the page's clock fixed at `now` and its time zone UTC. */
async function openPortalAt(now) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 }, timezoneId: "UTC" });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  await page.clock.setFixedTime(new Date(now));
  await page.goto(`${server.url}/demo/portal.html`);
  await page.waitForFunction(() => window.pimlintPortalReady === true);
  return { page, errors };
}

test("a tenant export: the principal's eligibility bounds the duration, and without one the activation is refused (PIM517)", async () => {
  const { page, errors } = await openPortalAt("2027-05-31T05:00:00Z");
  await page.fill("#start", "2027-05-31T05:30");
  await page.setInputFiles("#source-file", `${EXPORT}global-administrator.json`);
  await page.waitForFunction(() => !document.getElementById("role").disabled);
  assert.equal(await page.isVisible("#eligibility"), false, "no tenant, no eligibility");
  await page.setInputFiles("#tenant-files", TENANT);
  await page.locator("#principal-pick:not([hidden])").waitFor();
  assert.match(await page.textContent("#tenant-status"), new RegExp(`^${TENANT.length} files: `));
  const listed = await page.$$eval("#principal-pick option", (options) => options.map((o) => o.textContent));
  assert.ok(listed.includes(ADELE) && listed.includes(GRADY), listed.join(" | "));
  assert.ok(!listed.some((l) => l.startsWith("Tier 0 Operators")), "groups do not request");

  // Eligible directly until 09:00: the policy's PT8H is cut to 3.5 hours from a 05:30 start.
  await page.selectOption("#principal-pick", { label: ADELE });
  assert.equal(await page.inputValue("#principal"), "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8");
  assert.equal(await page.getAttribute("#eligibility", "class"), "eligible");
  const standing = await page.textContent("#eligibility");
  assert.match(standing, /Adele Vance is eligible directly, from 2026-06-01T09:00:00Z until 2027-05-31T09:00:00Z/);
  assert.match(standing, /from role-eligibility-schedule-instances\.json \/value\/0/);
  assert.match(standing, /The longest activation now is PT3H30M: the eligibility ends first/);
  assert.equal(await page.getAttribute("#hours", "max"), "3.5");
  assert.match(await page.textContent("#duration-hint"), /at most PT3H30M \(3\.5 hours\): the eligibility ends then/);
  await page.fill("#hours", "3.5");
  await page.fill("#justification", "Quarterly access review");
  assert.equal(await verdict(page), "accepted");
  assert.equal(await page.isDisabled("#submit"), false);
  assert.deepEqual((await body(page)).scheduleInfo, {
    startDateTime: "2027-05-31T05:30:00Z",
    expiration: { type: "afterDuration", duration: "PT3H30M" },
  });
  await page.screenshot({ path: `${shots}/portal-tenant-eligible.png`, fullPage: true });

  // Not eligible for this role (only, through a group, for another): refused, nothing to submit.
  await page.selectOption("#principal-pick", { label: GRADY });
  assert.equal(await page.getAttribute("#eligibility", "class"), "not-eligible");
  assert.match(await page.textContent("#eligibility"), /Grady Archie is not eligible for this role/);
  assert.equal(await verdict(page), "rejected");
  assert.match(await page.textContent("#verdict"), /EligibilityRule/);
  assert.equal(await page.isVisible('#findings li[data-code="PIM517"]'), true);
  assert.equal(await page.isDisabled("#submit"), true);
  await page.screenshot({ path: `${shots}/portal-tenant-not-eligible.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test("tenant files dropped on the page; an export without eligibilities leaves eligibility unknown", async () => {
  const { page, errors } = await openPortalAt("2026-12-06T08:00:00Z");
  await page.fill("#start", "2026-12-06T08:30");
  await page.setInputFiles("#source-file", `${EXPORT}global-administrator.json`);
  await page.waitForFunction(() => !document.getElementById("role").disabled);
  const drop = async (names) => {
    const files = names.map((name) => ({ name, text: readFileSync(`${EXPORT}${name}`, "utf8") }));
    const dataTransfer = await page.evaluateHandle((files) => {
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(new File([f.text], f.name, { type: "application/json" }));
      return transfer;
    }, files);
    await page.dispatchEvent("#tenant-drop", "drop", { dataTransfer });
  };
  await drop(["role-assignment-schedule-instances.json"]);
  await page.locator("#principal-pick:not([hidden])").waitFor();
  assert.equal(await page.textContent("#tenant-status"), "1 file: role-assignment-schedule-instances.json");
  await page.selectOption("#principal-pick", { label: ADELE });
  assert.equal(await page.getAttribute("#eligibility", "class"), "unknown");
  assert.match(await page.textContent("#eligibility"), /unknown: the tenant export lists no eligibilities of Microsoft Entra roles/);
  await page.fill("#hours", "2");
  await page.fill("#justification", "Quarterly access review");
  assert.equal(await verdict(page), "accepted", "unknown is not refused");

  await drop([
    "role-eligibility-schedule-instances.json",
    "role-assignment-schedule-instances.json",
    "group-eligibility-schedule-instances.json",
  ]);
  await page.waitForFunction(() => document.getElementById("tenant-status").textContent.startsWith("3 files"));
  await page.selectOption("#principal-pick", { label: GRADY });
  assert.equal(await page.getAttribute("#eligibility", "class"), "not-eligible");
  assert.equal(await verdict(page), "rejected");
  assert.equal(await page.isDisabled("#submit"), true);
  assert.deepEqual(errors, []);
});
