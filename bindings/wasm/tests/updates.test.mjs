// Validating against a policy as a rule update (a PATCH body) will leave it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import * as pimlint from "../pkg/index.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path) => readFileSync(`${repo}${path}`, "utf8");
const NOW = "2026-11-29T10:00:00Z";
const POLICY = read("tests/fixtures/realistic/graph-policy-assignment-expanded-privileged-role-admin.json");
const UPDATE = read("tests/upstream/graph/v1.0-rule-update-expiration-request.json");
const REQUEST = {
  action: "selfActivate",
  principalId: "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
  roleDefinitionId: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  directoryScopeId: "/",
  justification: "incident 42",
  scheduleInfo: { startDateTime: NOW, expiration: { type: "afterDuration", duration: "PT4H" } },
};

test("a rule update changes the verdict", () => {
  assert.equal(pimlint.validate(REQUEST, POLICY, { now: NOW }).verdict, "accepted");
  const after = pimlint.validate(REQUEST, POLICY, { now: NOW, updates: [UPDATE] });
  assert.equal(after.verdict, "rejected");
  assert.deepEqual(after.failedRules, ["ExpirationRule"]);
});

test("a request no policy governs is unknown, not rejected", () => {
  const request = { ...REQUEST, roleDefinitionId: "62e90394-69f5-4237-9190-012177145e10" };
  assert.equal(pimlint.validate(request, POLICY, { now: NOW }).verdict, "unknown");
});

test("updates must be an array", () => {
  assert.throws(() => pimlint.validate(REQUEST, POLICY, { now: NOW, updates: UPDATE }), TypeError);
});
