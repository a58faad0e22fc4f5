// fix() and applyFix() of the built npm package, under Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import * as pimlint from "../pkg/index.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const HELPDESK = readFileSync(`${repo}examples/policy-as-code/helpdesk-administrator.json`, "utf8");
const GLOBAL_ADMIN = readFileSync(`${repo}examples/tenant-export/global-administrator.json`, "utf8");

test("fix text: safe fixes applied where they point, the rest as written", () => {
  const { fixed, applied } = pimlint.fix(HELPDESK);
  assert.deepEqual(applied.map((a) => a.code), ["PIM007", "PIM008"]);
  const changed = HELPDESK.split("\n")
    .map((line, i) => [line, fixed.split("\n")[i]])
    .filter(([a, b]) => a !== b);
  assert.deepEqual(changed, [
    ['        "isExpirationRequired": "true",', '        "isExpirationRequired": true,'],
    ['        "maximumDuration": "P8H",', '        "maximumDuration": "PT8H",'],
  ]);
  assert.deepEqual(pimlint.fix(fixed).applied, []);
});

test("fix an object: a new object; unsafe fixes only when asked", () => {
  const doc = JSON.parse(GLOBAL_ADMIN);
  assert.deepEqual(pimlint.fix(doc).applied, []);
  const { fixed, applied } = pimlint.fix(doc, undefined, { unsafe: true });
  assert.ok(applied.every((a) => a.fix.applicability === "unsafe"));
  assert.equal(fixed.policy.rules[4].maximumDuration, "PT2H");
  assert.equal(doc.policy.rules[4].maximumDuration, "PT8H");
});

test("applyFix applies one finding's fix, and refuses a stale one", () => {
  const d = pimlint.lint(HELPDESK).find((x) => x.code === "PIM008");
  assert.deepEqual(d.fix, {
    applicability: "safe",
    message: 'write "PT8H"',
    edits: [{ op: "replace", path: "/policy/rules/4/maximumDuration", value: "PT8H" }],
  });
  const once = pimlint.applyFix(HELPDESK, d.fix);
  assert.ok(once.includes('"maximumDuration": "PT8H"'));
  assert.ok(!pimlint.lint(once).some((x) => x.code === "PIM008"));
  assert.throws(() => pimlint.applyFix("{}", d.fix), pimlint.PimlintError);
  assert.throws(() => pimlint.applyFix(HELPDESK, {}), TypeError);
});

test("approvers and recipients from a configuration object", () => {
  const config = {
    rules: {
      approval: {
        approvers: [
          { user: "5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b", description: "Security on-call lead" },
          { group: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
        ],
      },
      notification: { recipients: ["pim-alerts@contoso.example"] },
    },
  };
  const doc = JSON.parse(GLOBAL_ADMIN);
  const { fixed, applied } = pimlint.fix(doc, config, { unsafe: true });
  assert.ok(applied.some((a) => a.code === "PIM201"));
  const rule = fixed.policy.rules.find((r) => r.id === "Approval_EndUser_Assignment");
  assert.equal(rule.setting.isApprovalRequired, true);
  assert.deepEqual(rule.setting.approvalStages[0].primaryApprovers, [
    { "@odata.type": "#microsoft.graph.singleUser", userId: "5f2c8a1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b" },
    { "@odata.type": "#microsoft.graph.groupMembers", groupId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
  ]);
  assert.throws(
    () => pimlint.lint(GLOBAL_ADMIN, { rules: { approval: { approvers: [{ group: "admins" }] } } }),
    (e) => {
      assert.ok(e instanceof pimlint.ConfigError);
      assert.match(e.message, /`rules\.approval\.approvers\[0\]`: `group` is "admins"/);
      return true;
    },
  );
});

test("a converted input is fixed at its literals, and says why not elsewhere", () => {
  const text = readFileSync(`${repo}tests/fixtures/fix-source/easypim-shared-template.json`, "utf8");
  const { fixed, applied } = pimlint.fix(text, undefined, { unsafe: true });
  assert.equal(fixed, readFileSync(`${repo}tests/fixtures/fix-source/fixed/easypim-shared-template.json`, "utf8"));
  assert.deepEqual([...new Set(applied.map((a) => a.code))].sort(), ["PIM102", "PIM303"]);
  const why = pimlint.lint(fixed).find((d) => d.code === "PIM102" && d.fixNotApplied);
  assert.match(why.fixNotApplied, /^the value is set by EasyPIM policy template `Standard`/);
});
