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
