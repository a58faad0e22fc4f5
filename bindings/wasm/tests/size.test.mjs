// The module's download size, gzipped as a server sends it: reported, and held under a budget
// so that a change that makes it much larger is seen in review.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

// 440 KiB: the module is built with a little more inlining than opt-level "z" does
// (scripts/build-wasm.sh), about 10 KB for a lint about a quarter faster.
const BUDGET = 440 * 1024;

test("the WebAssembly module stays within its gzipped size budget", () => {
  const wasm = readFileSync(new URL("../pkg/wasm/pimlint_wasm_bg.wasm", import.meta.url));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  console.log(`pimlint_wasm_bg.wasm: ${wasm.length} bytes, ${gzipped} bytes gzipped`);
  assert.ok(gzipped <= BUDGET, `${gzipped} bytes gzipped, over the ${BUDGET}-byte budget`);
});
