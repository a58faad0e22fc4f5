// The package README, followed as a new project would: pack the built package, install the
// tarball into an empty project (`npm install path/to/pimlint-0.1.0.tgz`), and run each ```js
// block of the README there, alone, as a file of its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
// The repository README shows the same flow; its js blocks run here too.
const rootReadme = readFileSync(join(root, "..", "..", "README.md"), "utf8");
const rootBlocks = [...rootReadme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test("every js block of the README runs alone in a project that installed the package", (t) => {
  assert.ok(blocks.length >= 1);
  const project = mkdtempSync(join(tmpdir(), "pimlint-readme-"));
  t.after(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "readme-check", private: true, type: "module" }));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", project], { cwd: join(root, "pkg") });
  const tarball = readdirSync(project).find((f) => f.endsWith(".tgz"));
  assert.ok(tarball, "npm pack wrote no tarball");
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", `./${tarball}`], {
    cwd: project,
  });
  blocks.forEach((block, i) => {
    const file = join(project, `block${i + 1}.mjs`);
    writeFileSync(file, block);
    const out = execFileSync(process.execPath, [file], { cwd: project, encoding: "utf8" });
    if (block.includes("validate(")) assert.match(out, /the service will refuse it/);
  });
  assert.ok(rootBlocks.some((block) => block.includes("requirements(")));
  rootBlocks.forEach((block, i) => {
    const file = join(project, `root-block${i + 1}.mjs`);
    writeFileSync(file, block);
    // Throws (and fails the test) when the request built from the requirements is refused.
    execFileSync(process.execPath, [file], { cwd: project, encoding: "utf8" });
  });
});
