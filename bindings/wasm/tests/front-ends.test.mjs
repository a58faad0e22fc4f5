// The npm package finds what the CLI finds, for every fixture the repository has.
//
// The CLI (PIMLINT_BIN, or the one cargo built under target/) checks every fixture in one run
// with `--format json`, with the defaults (an empty `--config`, so the rule folders' own
// pimlint.toml files do not apply, as the package is given no configuration) and
// `--no-schema` (this build leaves out the JSON Schema check, PIM016). The package lints each
// file's text; each file's findings must be the same: code, rule, severity, message, pointer,
// line, column, end, help and note. A file the CLI cannot read must throw InputError here.
// The Python package has the same test (bindings/python/tests/test_front_ends_agree.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import * as pimlint from "../pkg/index.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const COMPARED = ["code", "rule", "severity", "message", "pointer", "line", "column", "endLine", "endColumn", "help", "note"];

function jsonFiles(dir, deep) {
  const out = [];
  for (const name of readdirSync(join(repo, dir))) {
    const path = `${dir}/${name}`;
    if (statSync(join(repo, path)).isDirectory()) {
      if (deep) out.push(...jsonFiles(path, deep));
    } else if (name.endsWith(".json")) {
      out.push(path);
    }
  }
  return out;
}

function fixtures() {
  const rules = readdirSync(join(repo, "rules")).filter((d) => statSync(join(repo, "rules", d)).isDirectory());
  return [
    ...jsonFiles("tests/fixtures/realistic", false),
    ...rules.flatMap((d) => jsonFiles(`rules/${d}`, false)),
    ...jsonFiles("examples", true),
  ].sort();
}

function cli() {
  if (process.env.PIMLINT_BIN) return process.env.PIMLINT_BIN;
  for (const profile of ["debug", "release"]) {
    const exe = join(repo, "target", profile, "pimlint");
    if (existsSync(exe)) return exe;
  }
  return null;
}

// Tenant findings (PIM6xx) join every document of a run, so a run over all fixtures finds others
// than one file alone: they are left out here and compared by the tenant tests.
const findings = (diagnostics) =>
  diagnostics
    .filter((d) => !d.code.startsWith("PIM6"))
    .map((d) => Object.fromEntries(COMPARED.map((k) => [k, d[k] ?? null])));

function cliReport(names) {
  const dir = mkdtempSync(join(tmpdir(), "pimlint-"));
  const config = join(dir, "pimlint.toml");
  writeFileSync(config, "");
  const out = spawnSync(cli(), ["check", "--format", "json", "--no-schema", "--config", config, ...names], {
    cwd: repo,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  rmSync(dir, { recursive: true, force: true });
  assert.ok([0, 1, 2].includes(out.status), out.stderr);
  const report = new Map();
  for (const file of JSON.parse(out.stdout).files) {
    const errors = [file.error, ...file.documents.map((d) => d.error)].filter(Boolean);
    report.set(file.path, {
      error: errors.length > 0,
      findings: findings(file.documents.flatMap((d) => d.diagnostics)),
    });
  }
  return report;
}

test("the npm package finds what the CLI finds in every fixture", { skip: cli() ? false : "no built pimlint CLI (set PIMLINT_BIN)" }, () => {
  const names = fixtures();
  assert.ok(names.length > 200, `only ${names.length} fixtures`);
  const report = cliReport(names);
  assert.deepEqual([...report.keys()].sort(), names);
  const disagreements = [];
  for (const path of names) {
    const expected = report.get(path);
    let found;
    try {
      found = findings(pimlint.lint(readFileSync(join(repo, path), "utf8")));
    } catch (e) {
      if (!(e instanceof pimlint.InputError)) throw e;
      if (!expected.error) disagreements.push(`${path}: the CLI reads it, the package throws ${e.message}`);
      continue;
    }
    if (expected.error) {
      disagreements.push(`${path}: the CLI cannot read it, the package can`);
    } else {
      try {
        assert.deepEqual(found, expected.findings);
      } catch (e) {
        disagreements.push(`${path}: ${e.message}`);
      }
    }
  }
  assert.deepEqual(disagreements, []);
});

// requirements(): for every policy of every fixture and every request kind, the package answers
// what `pimlint requirements --kind all --policy-at POINTER --format json` answers.
const KINDS = [
  "activate",
  "extend-active",
  "extend-eligible",
  "renew-active",
  "renew-eligible",
  "assign-active",
  "assign-eligible",
  "update-active",
  "update-eligible",
  "admin-extend-active",
  "admin-extend-eligible",
  "admin-renew-active",
  "admin-renew-eligible",
];

test("the npm package's requirements are the CLI's, for every fixture policy", { skip: cli() ? false : "no built pimlint CLI (set PIMLINT_BIN)" }, () => {
  let compared = 0;
  const disagreements = [];
  for (const path of fixtures()) {
    const text = readFileSync(join(repo, path), "utf8");
    let listed;
    try {
      listed = pimlint.policies(text);
    } catch (e) {
      if (!(e instanceof pimlint.InputError)) throw e;
      continue;
    }
    for (const pointer of new Set(listed.map((p) => p.pointer))) {
      const out = spawnSync(cli(), ["requirements", path, "--kind", "all", "--policy-at", pointer, "--format", "json"], {
        cwd: repo,
        encoding: "utf8",
      });
      if (out.status !== 0) {
        disagreements.push(`${path} ${pointer}: the CLI fails: ${out.stderr}`);
        continue;
      }
      const found = KINDS.map((kind) => pimlint.requirements(text, kind, { policy: pointer }));
      try {
        assert.deepEqual(found, JSON.parse(out.stdout));
      } catch (e) {
        disagreements.push(`${path} ${pointer}: ${e.message}`);
      }
      compared += 1;
    }
  }
  assert.ok(compared > 150, `only ${compared} policies compared`);
  assert.deepEqual(disagreements, []);
});

// requirements() for a principal: with the example export's files as options.tenant, the
// package answers what `pimlint requirements … --tenant FILE… --principal ID --now T` answers
// (the CLI names each tenant input's file; the package gives its index).
const TENANT = readdirSync(join(repo, "examples/tenant-export"))
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => `examples/tenant-export/${name}`);
const PRINCIPALS = [
  ["examples/tenant-export/global-administrator.json", "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8", "2027-05-31T05:30:00Z"],
  ["examples/tenant-export/global-administrator.json", "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8", "2026-11-29T09:00:00Z"],
  ["examples/tenant-export/global-administrator.json", "7a1c0d2e-0021-4c7d-8e9f-0a1b2c3d4e5f", "2026-12-06T08:00:00Z"],
  ["examples/tenant-export/global-administrator.json", "7a1c0d2e-0028-4c7d-8e9f-0a1b2c3d4e5f", "2026-12-06T08:00:00Z"],
  ["examples/tenant-export/user-administrator.json", "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8", "2026-12-06T08:00:00Z"],
];

function named(found) {
  const e = found.eligibility;
  for (const w of [e.current, e.activeAssignment, ...e.later]) {
    if (!w) continue;
    w.source.file = TENANT[w.source.input];
    if (w.group) w.group.source.file = TENANT[w.group.source.input];
  }
  return found;
}

test("the npm package's eligibility is the CLI's, for principals of the example export", { skip: cli() ? false : "no built pimlint CLI (set PIMLINT_BIN)" }, () => {
  const tenant = TENANT.map((name) => readFileSync(join(repo, name), "utf8"));
  for (const [path, principal, now] of PRINCIPALS) {
    const out = spawnSync(
      cli(),
      ["requirements", path, "--kind", "all", "--principal", principal, "--now", now, ...TENANT.flatMap((t) => ["--tenant", t]), "--format", "json"],
      { cwd: repo, encoding: "utf8" },
    );
    assert.equal(out.status, 0, out.stderr);
    const text = readFileSync(join(repo, path), "utf8");
    const found = KINDS.map((kind) => named(pimlint.requirements(text, kind, { tenant, principal, now })));
    assert.deepEqual(found, JSON.parse(out.stdout), `${path} ${principal} ${now}`);
    assert.equal(found[0].eligibility.principal.id, principal);
  }
});
