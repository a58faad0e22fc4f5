// The demo page in headless Chromium (Debian's, driven by playwright-core): paste a bad
// policy, see the diagnostics and the highlighted line; validate a request against a policy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { serve, CHROMIUM } from "./server.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const shots = `${repo}target/wasm-demo`;
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

async function openDemo() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${server.url}/demo/index.html`);
  await page.waitForFunction(() => window.pimlintDemoReady === true);
  return { page, errors };
}

test("pasting a bad policy shows its diagnostics and highlights the line", async () => {
  const { page, errors } = await openDemo();
  const bad = readFileSync(`${repo}examples/tenant-export/global-administrator.json`, "utf8")
    .replace('"maximumDuration": "PT8H"', '"maximumDuration": "PT36H"');
  await page.fill("#doc", bad);
  const item = page.locator('.diagnostic[data-code="PIM101"]');
  await item.waitFor();
  assert.match(await item.textContent(), /PT36H/);
  assert.match(await item.textContent(), /line 85, column 28/);
  const line = page.locator('#highlights .line[data-line="85"]');
  assert.match(await line.getAttribute("class"), /has-error/);
  assert.match(await page.textContent("#summary"), /errors/);
  await item.click();
  assert.match(await line.getAttribute("class"), /selected/);
  const selected = await page.evaluate(() => {
    const t = document.getElementById("doc");
    return t.value.slice(t.selectionStart, t.selectionEnd);
  });
  assert.equal(selected, '"PT36H"');
  await page.screenshot({ path: `${shots}/bad-policy.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test("broken JSON is reported with its place, and fixing it recovers", async () => {
  const { page, errors } = await openDemo();
  await page.fill("#doc", '{\n  "rules": [\n    {"id": }\n  ]\n}');
  await page.locator(".failure").waitFor();
  assert.match(await page.textContent(".failure"), /line 3/);
  assert.match(await page.locator('#highlights .line[data-line="3"]').getAttribute("class"), /has-error/);
  await page.click("#example-policy");
  await page.locator('.diagnostic[data-code="PIM101"]').waitFor();
  assert.equal(await page.locator(".failure").count(), 0);
  assert.deepEqual(errors, []);
});

test("a request without a policy says the verdict needs one; the example pair gets one", async () => {
  const { page, errors } = await openDemo();
  const request = readFileSync(`${repo}examples/requests/activate-global-administrator.json`, "utf8");
  // The policy pane is closed (its textarea hidden, so not fillable): empty it directly.
  await page.evaluate(() => {
    document.getElementById("policy").value = "";
  });
  await page.fill("#doc", request);
  await page.locator("#verdict.needs-policy").waitFor();
  assert.match(await page.textContent("#verdict"), /depends on its policy/);
  assert.doesNotMatch(await page.textContent("#summary"), /^No findings\.$/);
  await page.click("#example-request");
  await page.locator("#verdict.rejected").waitFor();
  assert.match(await page.textContent("#verdict"), /JustificationRule/);
  // "Example policy" lints the policy and leaves the policy pane as it was.
  const before = await page.inputValue("#policy");
  await page.click("#example-policy");
  await page.locator('.diagnostic[data-code="PIM101"]').waitFor();
  assert.equal(await page.inputValue("#policy"), before);
  assert.doesNotMatch(await page.textContent("#summary"), /\b1 (errors|warnings|infos|findings)\b/);
  assert.deepEqual(errors, []);
});

test("a request with its policy shows the verdict and the failed rules", async () => {
  const { page, errors } = await openDemo();
  const policy = readFileSync(`${repo}examples/tenant-export/global-administrator.json`, "utf8");
  const request = readFileSync(`${repo}examples/requests/activate-global-administrator.json`, "utf8");
  await page.click("#policy-pane summary");
  await page.fill("#policy", policy);
  await page.fill("#doc", request);
  await page.locator("#verdict.rejected").waitFor();
  const verdict = await page.textContent("#verdict");
  assert.match(verdict, /rejected/);
  assert.match(verdict, /ExpirationRule, JustificationRule/);
  assert.match(await page.locator('#highlights .line[data-line="12"]').getAttribute("class"), /has-error/);
  await page.screenshot({ path: `${shots}/request-verdict.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test("an admin request of no stated kind offers the kind picker, not --kind", async () => {
  const { page, errors } = await openDemo();
  const body = {
    action: "adminAssign",
    principalId: "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
    roleDefinitionId: "62e90394-69f5-4237-9190-012177145e10",
    directoryScopeId: "/",
    justification: "on-call rota",
    scheduleInfo: { startDateTime: "2026-11-30T18:00:00Z", expiration: { type: "noExpiration" } },
  };
  // The policy pane is closed (its textarea hidden, so not fillable): empty it directly.
  await page.evaluate(() => {
    document.getElementById("policy").value = "";
  });
  await page.fill("#doc", JSON.stringify(body, null, 2));
  await page.locator(".failure").waitFor();
  const failure = await page.textContent(".failure");
  assert.doesNotMatch(failure, /--kind/);
  assert.match(failure, /under “Kind”/);
  assert.match(await page.getAttribute("#kind", "class"), /attention/);
  await page.selectOption("#kind", "graph-role-eligibility-request");
  await page.waitForFunction(() => document.querySelector(".failure") === null);
  assert.doesNotMatch((await page.getAttribute("#kind", "class")) ?? "", /attention/);
  assert.deepEqual(errors, []);
});

test("messages show their `code` as code, and the editor scrolls to a far error", async () => {
  const { page, errors } = await openDemo();
  const policy = readFileSync(`${repo}examples/policy-as-code/helpdesk-administrator.json`, "utf8");
  await page.fill("#doc", policy);
  const misplaced = page.locator('.diagnostic[data-code="PIM006"]');
  await misplaced.waitFor();
  assert.equal(await misplaced.locator(".message code").first().textContent(), "level");
  assert.doesNotMatch(await misplaced.locator(".message").textContent(), /`/);
  // Broken at the end of a long document: the editor shows the broken line.
  await page.evaluate(() => {
    document.getElementById("doc").scrollTop = 0;
  });
  await page.fill("#doc", policy.replace(/\}\s*$/, ",}"));
  await page.locator(".failure").waitFor();
  const scrolled = await page.evaluate(() => document.getElementById("doc").scrollTop);
  assert.ok(scrolled > 1000, `scrollTop ${scrolled}`);
  assert.deepEqual(errors, []);
});

test("“Apply fix” edits the text where the finding points, and the finding goes", async () => {
  const { page, errors } = await openDemo();
  const policy = readFileSync(`${repo}examples/policy-as-code/helpdesk-administrator.json`, "utf8");
  await page.fill("#doc", policy);
  const item = page.locator('.diagnostic[data-code="PIM008"]');
  await item.waitFor();
  const button = item.locator("button.apply-fix");
  assert.equal(await button.textContent(), "Apply fix");
  await button.click();
  await page.locator('.diagnostic[data-code="PIM008"]').waitFor({ state: "detached" });
  const text = await page.inputValue("#doc");
  assert.match(text, /"maximumDuration": "PT8H"/);
  assert.equal(text.split("\n").length, policy.split("\n").length);
  // Unsafe fixes say that they change a setting.
  const unsafe = page.locator('.diagnostic[data-code="PIM302"] button.apply-fix');
  assert.equal(await unsafe.textContent(), "Apply fix (changes a setting)");
  assert.deepEqual(errors, []);
});

test("with a tenant export, an activation by a principal who is not eligible is rejected (PIM517)", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, timezoneId: "UTC" });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.clock.setFixedTime(new Date("2026-12-06T08:00:00Z"));
  await page.goto(`${server.url}/demo/index.html`);
  await page.waitForFunction(() => window.pimlintDemoReady === true);
  const exportDir = `${repo}examples/tenant-export/`;
  await page.click("#policy-pane summary");
  await page.fill("#policy", readFileSync(`${exportDir}global-administrator.json`, "utf8"));
  await page.setInputFiles("#tenant-files", [
    `${exportDir}role-eligibility-schedule-instances.json`,
    `${exportDir}role-assignment-schedule-instances.json`,
  ]);
  await page.waitForFunction(() => document.getElementById("tenant-status").textContent !== "");
  assert.match(await page.textContent("#tenant-status"), /role-eligibility-schedule-instances\.json, role-assignment-schedule-instances\.json/);
  const request = (principalId) =>
    JSON.stringify(
      {
        action: "selfActivate",
        principalId,
        roleDefinitionId: "62e90394-69f5-4237-9190-012177145e10",
        directoryScopeId: "/",
        justification: "Quarterly access review",
        scheduleInfo: { startDateTime: "2026-12-06T08:30:00Z", expiration: { type: "afterDuration", duration: "PT2H" } },
      },
      null,
      2,
    );
  await page.fill("#doc", request("7a1c0d2e-0028-4c7d-8e9f-0a1b2c3d4e5f"));
  await page.locator("#verdict.rejected").waitFor();
  assert.match(await page.textContent("#verdict"), /EligibilityRule/);
  await page.locator('.diagnostic[data-code="PIM517"]').waitFor();
  await page.screenshot({ path: `${shots}/request-not-eligible.png`, fullPage: true });
  await page.fill("#doc", request("3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8"));
  await page.locator("#verdict.accepted").waitFor();
  assert.equal(await page.locator('.diagnostic[data-code="PIM517"]').count(), 0);
  assert.deepEqual(errors, []);
});
