// Policy as code and PowerShell exports through the npm package: told from their shape, or
// named with `formatIn`, as the CLI's `--format-in` names them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import * as pimlint from "../pkg/index.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path) => readFileSync(`${repo}${path}`, "utf8");

const FIXTURES = [
  ["tests/fixtures/terraform/plan.json", "terraform"],
  ["tests/fixtures/terraform/msgraph-plan.json", "terraform"],
  ["tests/fixtures/arm-template/policy.json", "arm-template"],
  ["tests/fixtures/easypim/pim-config.json", "easypim"],
  ["tests/fixtures/powershell/az-role-management-policy.json", "powershell"],
];

for (const [path, formatIn] of FIXTURES) {
  test(`formatIn ${formatIn} reads ${path} as detection does`, () => {
    const text = read(path);
    const detected = pimlint.lint(text);
    assert.ok(detected.length > 0, "every fixture has findings");
    assert.deepEqual(pimlint.lint(text, undefined, { formatIn }), detected);
    const asObject = pimlint.lint(JSON.parse(text), undefined, { formatIn });
    // Without lines, so not in the order of the text's lines.
    const pairs = (found) => found.map((d) => `${d.code} ${d.pointer}`).sort();
    assert.deepEqual(pairs(asObject), pairs(detected));
  });
}

test("findings point into the plan and name the Terraform resource", () => {
  const found = pimlint.lint(read("tests/fixtures/terraform/msgraph-plan.json"), undefined, {
    formatIn: "terraform",
  });
  assert.deepEqual(
    found.filter((d) => d.code !== "PIM018").map((d) => d.code).sort(),
    ["PIM102", "PIM203", "PIM211", "PIM301"],
  );
  for (const d of found) {
    assert.match(d.pointer, /^\/resource_changes\//);
    assert.equal(typeof d.line, "number");
    assert.match(d.note, /in Terraform resource `/);
  }
});

test("a forced format that does not fit, and an unknown one, throw InputError", () => {
  const policy = read("examples/tenant-export/global-administrator.json");
  assert.throws(() => pimlint.lint(policy, undefined, { formatIn: "terraform" }), {
    name: "InputError",
    message: /terraform show -json/,
  });
  assert.throws(() => pimlint.lint(policy, undefined, { formatIn: "terrafrom" }), {
    name: "InputError",
    message: /did you mean terraform/,
  });
});
