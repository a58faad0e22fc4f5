// checkTenant() and validate(..., { tenant }) of the built npm package, under Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import * as pimlint from "../pkg/index.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const EXPORT = `${repo}examples/tenant-export/`;
const NAMES = readdirSync(EXPORT).filter((n) => n.endsWith(".json")).sort();
const TEXTS = NAMES.map((n) => readFileSync(EXPORT + n, "utf8"));
const REQUEST = readFileSync(`${repo}examples/requests/activate-user-administrator.json`, "utf8");
const POLICY = readFileSync(`${EXPORT}user-administrator.json`, "utf8");
const NOW = "2026-11-30T12:00:00Z";

const tenantCodes = (found) =>
  [...new Set(found.flat().map((d) => d.code).filter((c) => c.startsWith("PIM6")))].sort();

test("the export joined has every tenant finding, in the document it is about", () => {
  const found = pimlint.checkTenant(TEXTS);
  assert.equal(found.length, NAMES.length);
  assert.deepEqual(tenantCodes(found), [
    "PIM601", "PIM602", "PIM603", "PIM604", "PIM605", "PIM606", "PIM608", "PIM609", "PIM610", "PIM611",
  ]);
  const ends = found[NAMES.indexOf("role-assignment-schedule-instances.json")].filter((d) => d.code === "PIM603");
  assert.deepEqual(ends.map((d) => d.pointer), ["/value/0/endDateTime"]);
  assert.equal(typeof ends[0].line, "number");
});

test("texts outside ASCII are split where each ends, in bytes", () => {
  // The policies' descriptions hold characters of two, three and four UTF-8 bytes: each
  // later document still starts where it should, and is found the same.
  const marked = TEXTS.map((t) => t.replaceAll('"description": "Directory"', '"description": "Zoë — 🔐"'));
  assert.ok(marked.filter((t, i) => t !== TEXTS[i]).length >= 3);
  const keys = (found) => found.map((ds) => ds.map((d) => `${d.code} ${d.pointer} ${d.line}`).sort());
  assert.deepEqual(keys(pimlint.checkTenant(marked)), keys(pimlint.checkTenant(TEXTS)));
  assert.throws(() => pimlint.checkTenant([marked[0], "{not json"]), (e) => e.message.startsWith("documents[1]: "));
});

test("objects are joined as text is, without lines", () => {
  // Findings in text are ordered by line; the same findings, whatever their order.
  const keys = (ds) => ds.map((d) => `${d.code} ${d.pointer}`).sort();
  const asText = pimlint.checkTenant(TEXTS).map(keys);
  const objects = pimlint.checkTenant(TEXTS.map((t) => JSON.parse(t)));
  assert.deepEqual(objects.map(keys), asText);
  assert.ok(objects.flat().every((d) => d.line === null || d.line === undefined));
});

test("a document alone has no tenant to join; the config applies", () => {
  const alone = tenantCodes(pimlint.checkTenant([readFileSync(`${EXPORT}role-eligibility-schedule-instances.json`, "utf8")]));
  assert.ok(!alone.includes("PIM601"));
  assert.ok(alone.includes("PIM605"));
  const ignored = tenantCodes(pimlint.checkTenant(TEXTS, { ignore: ["PIM601"] }));
  assert.ok(!ignored.includes("PIM601"));
  assert.ok(ignored.includes("PIM603"));
});

test("bad documents are errors naming the document", () => {
  assert.throws(() => pimlint.checkTenant([TEXTS[0], "{not json"]), (e) => e instanceof pimlint.InputError && e.message.startsWith("documents[1]: "));
  assert.throws(() => pimlint.checkTenant(TEXTS[0]), TypeError);
});

test("validate answers eligibility from the tenant", () => {
  const rules = (v) => v.requirements.map((r) => r.rule);
  assert.ok(rules(pimlint.validate(REQUEST, POLICY, { now: NOW })).includes("EligibilityRule"));
  const eligible = pimlint.validate(REQUEST, POLICY, { now: NOW, tenant: TEXTS });
  assert.notEqual(eligible.verdict, "rejected");
  assert.ok(!rules(eligible).includes("EligibilityRule"));
  const other = REQUEST.replace("3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8", "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
  const rejected = pimlint.validate(other, POLICY, { now: NOW, tenant: TEXTS.map((t) => JSON.parse(t)) });
  assert.equal(rejected.verdict, "rejected");
  assert.equal(rejected.failedRules[0], "EligibilityRule");
  assert.ok(rejected.diagnostics.some((d) => d.code === "PIM517"));
  assert.throws(() => pimlint.validate(REQUEST, POLICY, { now: NOW, tenant: "{}" }), TypeError);
});

test("a group's member policy is checked with the role the group holds, across inputs", () => {
  const run = JSON.parse(
    readFileSync(
      `${repo}tests/baselines/cisa-scuba/MS.AAD.7.6v1-groups/fail-group-eligible-for-global-administrator-no-approval.json`,
      "utf8",
    ),
  );
  const [instances, policy] = run.map((part) => JSON.stringify(part));
  const alone = pimlint.checkTenant([policy], { profile: "cisa-scuba" });
  assert.ok(!alone[0].some((d) => d.code === "PIM201"));
  const joined = pimlint.checkTenant([policy, instances], { profile: "cisa-scuba" });
  const approval = joined[0].filter((d) => d.code === "PIM201");
  assert.equal(approval.length, 1);
  assert.match(approval[0].message, /group PIM Tier 0 Admins \(which holds Global Administrator\).*\(MS\.AAD\.7\.6\)/);
  assert.equal(approval[0].severity, "error");
});

test("the maester profile names Maester's test ids", () => {
  const found = pimlint.lint(readFileSync(`${EXPORT}global-administrator.json`, "utf8"), { profile: "maester" });
  const approval = found.filter((d) => d.code === "PIM201");
  assert.equal(approval.length, 1);
  assert.ok(approval[0].message.endsWith("(CISA.MS.AAD.7.6)"), approval[0].message);
});

test("requirements() for a principal: eligibility from the export, the activation bounded by its end", () => {
  const ga = readFileSync(`${EXPORT}global-administrator.json`, "utf8");
  const adele = "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8";
  const needs = pimlint.requirements(ga, "activate", { tenant: TEXTS, principal: adele, now: new Date("2027-05-31T05:30:00Z") });
  const e = needs.eligibility;
  assert.equal(e.principal.name, "Adele Vance");
  assert.equal(e.eligible, true);
  assert.deepEqual(e.current.source, { input: NAMES.indexOf("role-eligibility-schedule-instances.json"), file: null, pointer: "/value/0" });
  assert.deepEqual([e.maximumDuration, e.maximumSeconds, e.limitedBy], ["PT3H30M", 12600, "eligibility"]);
  // Without eligibilities in the export, eligibility is unknown, never false.
  const unknown = pimlint.requirements(ga, "activate", {
    tenant: [TEXTS[NAMES.indexOf("role-assignment-schedule-instances.json")]],
    principal: adele,
    now: NOW,
  }).eligibility;
  assert.equal(unknown.eligible, null);
  assert.match(unknown.unknownBecause, /no eligibilities/);
  assert.equal(pimlint.requirements(ga, "activate").eligibility, undefined);
  assert.throws(() => pimlint.requirements(ga, "activate", { principal: adele }), TypeError);
});

test("principals() lists the export's requesters, groups left out", () => {
  const found = pimlint.principals(TEXTS);
  const adele = found.find((p) => p.id === "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8");
  assert.deepEqual(adele, { id: adele.id, name: "Adele Vance", signIn: "adele.vance@contoso.example", kind: "user" });
  assert.ok(found.every((p) => p.kind !== "group"));
  assert.throws(() => pimlint.principals("{}"), TypeError);
});
