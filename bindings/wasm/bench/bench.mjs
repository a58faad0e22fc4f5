// Size of the WebAssembly module, and the time to lint one full policy (17 rules) in Node and
// in headless Chromium. Run with `node bench/bench.mjs` in bindings/wasm
// after `bash scripts/build-wasm.sh` and `npm ci`.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { lint } from "../pkg/index.js";
import { serve, CHROMIUM } from "../tests/server.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const wasm = readFileSync(`${root}pkg/wasm/pimlint_wasm_bg.wasm`);
const policyText = readFileSync(`${repo}examples/policy-as-code/global-administrator-recommended.json`, "utf8");
const COUNT = 2000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms * 1000).toFixed(1)} µs`;

console.log(`module: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzipped (-9)`);
console.log(`policy: examples/policy-as-code/global-administrator-recommended.json (${policyText.length} bytes, 17 rules)`);

function nodeTimes(input) {
  for (let i = 0; i < 200; i++) lint(input);
  const times = [];
  for (let round = 0; round < 10; round++) {
    const start = performance.now();
    for (let i = 0; i < COUNT; i++) lint(input);
    times.push((performance.now() - start) / COUNT);
  }
  return times;
}

console.log(`Node ${process.version}:      text ${fmt(median(nodeTimes(policyText)))}   object ${fmt(median(nodeTimes(JSON.parse(policyText))))}   per lint() (median of 10 × ${COUNT})`);

const server = await serve(root);
const browser = await chromium.launch(CHROMIUM);
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/bench/bench.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const text = await page.evaluate(([t, n]) => window.measure(t, false, n), [policyText, COUNT]);
  const object = await page.evaluate(([t, n]) => window.measure(t, true, n), [policyText, COUNT]);
  console.log(`Chromium ${browser.version()}: text ${fmt(median(text))}   object ${fmt(median(object))}   per lint() (median of 10 × ${COUNT})`);
} finally {
  await browser.close();
  await server.close();
}
