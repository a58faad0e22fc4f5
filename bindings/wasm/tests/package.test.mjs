// The built npm package (bindings/wasm/pkg), imported as a user would, under Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import * as pimlint from "../pkg/index.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path) => readFileSync(`${repo}${path}`, "utf8");
const GLOBAL_ADMIN = read("examples/tenant-export/global-administrator.json");
const REQUEST = read("examples/requests/activate-global-administrator.json");
const NOW = "2026-11-30T12:00:00Z";

test("lint text: diagnostics in the CLI's JSON shape, with line and column", () => {
  const found = pimlint.lint(GLOBAL_ADMIN);
  assert.deepEqual(
    found.map((d) => d.code).sort(),
    ["PIM102", "PIM201", "PIM301", "PIM302", "PIM307", "PIM404"],
  );
  const lines = found.map((d) => d.line);
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b), "sorted by position, as the CLI prints");
  const first = found.find((d) => d.code === "PIM102");
  assert.equal(first.rule, "activation-too-long");
  assert.equal(first.severity, "warning");
  assert.equal(first.pointer, "/policy/rules/4/maximumDuration");
  assert.equal(first.line, 85);
  assert.equal(first.column, 28);
  assert.match(first.message, /PT8H.*PT2H/);
  assert.equal(typeof first.help, "string");
});

test("text outside ASCII: columns count characters, a lone surrogate reads as U+FFFD", () => {
  // The text reaches the module as UTF-8 from a TextEncoder: "é" is two bytes, "🔐" four bytes
  // and two UTF-16 units, and the lone surrogate becomes U+FFFD; each is one character.
  const lines = GLOBAL_ADMIN.split("\n");
  assert.match(lines[84], /^ {8}"maximumDuration": "PT8H",$/);
  lines[84] = `        "note": "é🔐\uD800", ${lines[84].trimStart()}`;
  const found = pimlint.lint(lines.join("\n")).find((d) => d.code === "PIM102");
  assert.equal(found.line, 85);
  assert.equal(found.column, 28 + [...'"note": "é🔐?", '].length);
  assert.equal(found.pointer, "/policy/rules/4/maximumDuration");
});

test("texts one after another, long and short, small and past the scratch buffer", () => {
  // Short texts are encoded into one buffer kept between calls; a text that may take more
  // than 1 MiB of UTF-8 is encoded on its own. Each answer is its own text's, whatever came
  // before it.
  const places = (text) =>
    pimlint.lint(text).map((d) => `${d.code} ${d.line}:${d.column} ${d.pointer}`).sort();
  const lines = GLOBAL_ADMIN.split("\n");
  assert.match(lines[84], /^ {8}"maximumDuration": "PT8H",$/);
  const noted = (note) => {
    const copy = [...lines];
    copy[84] = `        "note": "${note}", ${copy[84].trimStart()}`;
    return copy.join("\n");
  };
  const long = noted("é".repeat(400_000)); // 2.4 MB at most as UTF-8: encoded on its own
  const short = noted("🔐".repeat(100)); // into the scratch buffer
  const first = { long: places(long), short: places(short), plain: places(GLOBAL_ADMIN) };
  assert.ok(first.long.includes("PIM102 85:400040 /policy/rules/4/maximumDuration"), first.long.join("\n"));
  assert.ok(first.short.includes("PIM102 85:140 /policy/rules/4/maximumDuration"), first.short.join("\n"));
  for (const [name, text] of [["plain", GLOBAL_ADMIN], ["long", long], ["short", short], ["plain", GLOBAL_ADMIN], ["short", short]]) {
    assert.deepEqual(places(text), first[name], name);
  }
  // A short text after a longer one sees none of its bytes: this one ends too early.
  assert.throws(() => pimlint.lint('{"a": 1'), pimlint.InputError);
});

test("lint an object: the same findings, with pointers and no lines", () => {
  const fromText = pimlint.lint(GLOBAL_ADMIN);
  const fromObject = pimlint.lint(JSON.parse(GLOBAL_ADMIN));
  assert.deepEqual(
    fromObject.map((d) => d.code).sort(),
    fromText.map((d) => d.code).sort(),
  );
  assert.ok(fromObject.every((d) => d.line === null && d.pointer.startsWith("/policy")));
});

test("configuration as an object", () => {
  assert.deepEqual(pimlint.lint(GLOBAL_ADMIN, { select: ["PIM102"] }).map((d) => d.code), ["PIM102"]);
  const loose = pimlint.lint(GLOBAL_ADMIN, {
    rules: { "activation-too-long": { "global-administrator-maximum": "PT8H" } },
  });
  assert.ok(!loose.some((d) => d.code === "PIM102"));
  assert.throws(() => pimlint.lint(GLOBAL_ADMIN, { selct: ["PIM1"] }), (e) => {
    assert.ok(e instanceof pimlint.ConfigError && e instanceof pimlint.PimlintError && e instanceof Error);
    assert.match(e.message, /did you mean `select`/);
    return true;
  });
  assert.throws(() => pimlint.lint(GLOBAL_ADMIN, 'select = ["PIM1"]'), pimlint.ConfigError);
  assert.throws(() => pimlint.lint(GLOBAL_ADMIN, 42), TypeError);
});

test("bad input throws InputError with a place, and later calls still work", () => {
  assert.throws(() => pimlint.lint('{\n  "rules": [}'), (e) => {
    assert.ok(e instanceof pimlint.InputError);
    assert.equal(e.name, "InputError");
    assert.equal(e.line, 2);
    assert.equal(e.column, 13);
    return true;
  });
  assert.throws(() => pimlint.lint("[".repeat(100000)), pimlint.InputError);
  assert.throws(() => pimlint.lint({ hello: "world" }), (e) => e instanceof pimlint.InputError && e.pointer === "");
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => pimlint.lint(cyclic), pimlint.InputError);
  assert.throws(() => pimlint.lint({ n: 10n }), pimlint.InputError);
  assert.throws(() => pimlint.lint(42), TypeError);
  assert.throws(() => pimlint.lint(null), TypeError);
  assert.ok(pimlint.lint(GLOBAL_ADMIN).length > 0);
});

test("kind override", () => {
  const request = JSON.parse(REQUEST);
  delete request["@odata.type"];
  assert.ok(Array.isArray(pimlint.lint(request, undefined, { kind: "graph-role-assignment-request" })));
  assert.throws(() => pimlint.lint(request, undefined, { kind: "nope" }), pimlint.InputError);
});

test("validate: rejected with the service's rule names", () => {
  const verdict = pimlint.validate(REQUEST, GLOBAL_ADMIN, { now: NOW });
  assert.equal(verdict.verdict, "rejected");
  assert.deepEqual(verdict.failedRules, ["ExpirationRule", "JustificationRule"]);
  assert.deepEqual(verdict.requirements.map((r) => r.rule), ["MfaRule", "EligibilityRule"]);
  const expiry = verdict.diagnostics.find((d) => d.code === "PIM501");
  assert.equal(expiry.line, 12);
  assert.equal(pimlint.validate(REQUEST, GLOBAL_ADMIN, { now: new Date(NOW) }).verdict, "rejected");
  assert.equal(pimlint.validate(REQUEST, GLOBAL_ADMIN).verdict, "rejected");
});

test("validate: accepted when the request fits", () => {
  const request = JSON.parse(REQUEST);
  request.justification = "Tenant-wide outage INC0042";
  request.scheduleInfo.expiration.duration = "PT1H";
  const verdict = pimlint.validate(request, JSON.parse(GLOBAL_ADMIN), { now: NOW });
  assert.equal(verdict.verdict, "accepted");
  assert.deepEqual(verdict.failedRules, []);
  assert.throws(() => pimlint.validate(request, GLOBAL_ADMIN, { now: "soon" }), pimlint.InputError);
  assert.throws(() => pimlint.validate(request, GLOBAL_ADMIN, { now: new Date("x") }), pimlint.InputError);
  assert.throws(() => pimlint.validate(GLOBAL_ADMIN, GLOBAL_ADMIN, { now: NOW }), /expected a schedule request/);
});

test("rules, explain, version", () => {
  const rules = pimlint.rules();
  assert.ok(rules.length >= 30);
  assert.deepEqual(Object.keys(rules[0]).sort(), ["category", "code", "defaultSeverity", "enabledByDefault", "name", "summary"]);
  assert.match(pimlint.explain("PIM102"), /^# PIM102 activation-too-long/);
  assert.throws(() => pimlint.explain("PIM1O2"), /did you mean/);
  const pkg = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"));
  assert.equal(pimlint.version, pkg.version);
});

test("migrate: a legacy setting becomes Graph rule PATCH bodies, and what is not carried", () => {
  const [doc] = pimlint.migrate(read("tests/fixtures/legacy/iteration2-aadroles-role-setting.json"));
  assert.equal(doc.api, "iteration2Settings");
  assert.ok(doc.calls.every((c) => c.method === "PATCH"));
  assert.ok(doc.notCarried.some((n) => n.setting === "userMemberSettings/NotificationRule"));
  assert.throws(() => pimlint.migrate({ id: "Directory_x", rules: [] }), pimlint.InputError);
});
