// pimlint for JavaScript: lint Microsoft Entra PIM policies and pre-validate schedule
// requests, offline, in the browser or in Node. A thin layer over the WebAssembly module:
// objects become JSON text, answers become plain objects, failures become PimlintError.

import initWasm, * as wasm from "./wasm/pimlint_wasm.js";

const wasmUrl = new URL("./wasm/pimlint_wasm_bg.wasm", import.meta.url);
if (typeof process !== "undefined" && process.versions && process.versions.node) {
  const { readFile } = await import("node:fs/promises");
  wasm.initSync({ module: await readFile(wasmUrl) });
} else {
  await initWasm({ module_or_path: wasmUrl });
}

/** Base class of every error pimlint throws. Findings are never errors. */
export class PimlintError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "PimlintError";
  }
}

/** The input is not JSON, or holds a document pimlint cannot read as a PIM document. */
export class InputError extends PimlintError {
  constructor(message, { pointer = null, line = null, column = null, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "InputError";
    this.pointer = pointer;
    this.line = line;
    this.column = column;
  }
}

/** A configuration that cannot be used. */
export class ConfigError extends PimlintError {
  constructor(message, { line = null, column = null } = {}) {
    super(message);
    this.name = "ConfigError";
    this.line = line;
    this.column = column;
  }
}

/** Encodes documents for the module: one native call, where passing a string copies it
 * into the module character by character. */
const utf8 = new TextEncoder();

/** The texts of a call that may take up to this many bytes as UTF-8 (three per UTF-16 unit)
 * are encoded into `scratch`, kept from call to call (1 MiB at most): in Chromium,
 * `encodeInto` a buffer that is already there costs a third of what `encode`, which makes a
 * new one, costs. The module copies its arguments in before it runs. */
const SCRATCH_LIMIT = 1 << 20;
let scratch = new Uint8Array(0);

/** `texts` as UTF-8, one array each, for one call into the module; in `scratch`, one after
 * another, when they fit. */
function encode(texts) {
  const most = texts.reduce((n, t) => n + 3 * t.length, 0);
  if (most > SCRATCH_LIMIT) return texts.map((t) => utf8.encode(t));
  if (scratch.length < most) scratch = new Uint8Array(Math.min(SCRATCH_LIMIT, Math.max(most, 2 * scratch.length)));
  let at = 0;
  return texts.map((t) => {
    const { written } = utf8.encodeInto(t, scratch.subarray(at));
    const bytes = scratch.subarray(at, at + written);
    at += written;
    return bytes;
  });
}

/** The package version. */
export const version = wasm.version();

function call(fn) {
  let raw;
  try {
    raw = fn();
  } catch (e) {
    // A trap in the module (a bug, never bad input) must not take the page down.
    if (e instanceof WebAssembly.RuntimeError) {
      throw new PimlintError(`internal error in pimlint: ${e.message}`, { cause: e });
    }
    throw e;
  }
  const answer = JSON.parse(raw);
  if (answer.error) {
    const { name, message, pointer, line, column } = answer.error;
    if (name === "InputError") throw new InputError(message, { pointer, line, column });
    if (name === "ConfigError") throw new ConfigError(message, { line, column });
    throw new PimlintError(message);
  }
  return answer.ok;
}

/** JSON text for an input: text as given (then findings carry line and column), or an object. */
function toText(input, what) {
  if (typeof input === "string") return [input, true];
  if (input === null || typeof input !== "object") {
    throw new TypeError(`${what} must be JSON text or a plain object or array, got ${input === null ? "null" : typeof input}`);
  }
  try {
    return [JSON.stringify(input), false];
  } catch (e) {
    throw new InputError(`${what} cannot be turned into JSON: ${e.message}`, { pointer: "", cause: e });
  }
}

function configText(config) {
  if (config === undefined || config === null) return [undefined, false];
  if (typeof config === "string") {
    // The TOML parser is left out of the WebAssembly build to keep it small.
    throw new ConfigError(
      'pass the configuration as an object of the pimlint.toml shape (e.g. {"select": ["PIM1"]}), not as TOML text',
    );
  }
  if (typeof config === "object") {
    try {
      return [JSON.stringify(config), false];
    } catch (e) {
      throw new ConfigError(`the configuration cannot be turned into JSON: ${e.message}`);
    }
  }
  throw new TypeError("config must be an object of the pimlint.toml shape");
}

/**
 * Lints a policy, policy assignment, schedule request, list response or array of them.
 * @returns {import("./index.js").Diagnostic[]}
 */
export function lint(input, config, options = {}) {
  const [text, located] = toText(input, "input");
  const [cfg, toml] = configText(config);
  return call(() => wasm.lintText(...encode([text]), located, cfg, toml, options.kind, options.formatIn));
}

/**
 * Applies the safe fixes (and with `options.unsafe` the unsafe ones) of the findings in
 * `input`: text comes back as text edited where the fixes apply, an object as a new object.
 * @returns {{ fixed: unknown, applied: import("./index.js").AppliedFix[] }}
 */
export function fix(input, config, options = {}) {
  const [text, located] = toText(input, "input");
  const [cfg, toml] = configText(config);
  return call(() => wasm.fixText(...encode([text]), located, cfg, toml, options.kind, Boolean(options.unsafe)));
}

/**
 * Applies one finding's `fix` to `input`: text comes back edited at the places the fix names,
 * an object as a new object. Throws if the text changed so that the fix no longer applies.
 */
export function applyFix(input, fix) {
  const [text, located] = toText(input, "input");
  if (!fix || !Array.isArray(fix.edits)) throw new TypeError("fix must be a diagnostic's fix, with edits");
  return call(() => wasm.applyFixText(...encode([text]), located, JSON.stringify(fix)));
}

/** `options.now` as RFC 3339 text: a Date, a string, or the current time. */
function nowOf(given) {
  let now = given ?? new Date();
  if (now instanceof Date) {
    if (Number.isNaN(now.getTime())) throw new InputError("options.now is an invalid Date");
    now = now.toISOString();
  }
  if (typeof now !== "string") throw new TypeError("options.now must be a Date or an RFC 3339 string");
  return now;
}

/** The documents of a tenant export as one JSON array text (`""` when there are none). */
function tenantOf(tenant, name) {
  if (tenant === undefined) return "";
  if (!Array.isArray(tenant)) throw new TypeError(`${name} must be an array of the export's documents`);
  return `[${tenant.map((t, i) => toText(t, `${name}[${i}]`)[0]).join(",")}]`;
}

/** Predicts what the PIM service does with `request` under the policy that governs it. */
export function validate(request, policy, options = {}) {
  const [requestText, located] = toText(request, "request");
  const [policyText] = toText(policy, "policy");
  const now = nowOf(options.now);
  let updatesText = "";
  if (options.updates !== undefined) {
    if (!Array.isArray(options.updates)) throw new TypeError("options.updates must be an array of rule updates");
    updatesText = `[${options.updates.map((u, i) => toText(u, `options.updates[${i}]`)[0]).join(",")}]`;
  }
  const tenantText = tenantOf(options.tenant, "options.tenant");
  const [requestBytes, policyBytes, tenantBytes] = encode([requestText, policyText, tenantText]);
  return call(() =>
    wasm.validateText(requestBytes, located, policyBytes, updatesText, tenantBytes, now, options.scope),
  );
}

/**
 * Lints the documents of a tenant export together and joins them, as `pimlint check` does
 * with the files of a run: one array of findings per document, in order, with the tenant
 * findings (`PIM601`...) in the array of the document they are about.
 * @returns {import("./index.js").Diagnostic[][]}
 */
export function checkTenant(documents, config) {
  if (!Array.isArray(documents)) throw new TypeError("documents must be an array of the export's documents");
  const read = documents.map((d, i) => toText(d, `documents[${i}]`));
  const [cfg, toml] = configText(config);
  // One buffer of UTF-8 for all the texts, and where each ends in it.
  const encoded = encode(read.map(([text]) => text));
  const bytes = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
  const ends = new Uint32Array(encoded.length);
  let at = 0;
  encoded.forEach((e, i) => {
    bytes.set(e, at);
    at += e.length;
    ends[i] = at;
  });
  return call(() =>
    wasm.checkTenantText(
      bytes,
      ends,
      Uint8Array.from(read.map(([, located]) => (located ? 1 : 0))),
      cfg,
      toml,
    ),
  );
}

/**
 * The iteration-3 calls that replace a document of PIM's older APIs (iteration 1 or 2): one
 * entry per legacy document, with `calls` (method, url, body) and `notCarried`.
 */
export function migrate(input) {
  const [text, located] = toText(input, "input");
  return call(() => wasm.migrateText(...encode([text]), located));
}

/** Every rule, in code order. */
export function rules() {
  return call(() => wasm.rulesJson());
}

/** A rule's documentation (Markdown), by code (`PIM102`) or name (`activation-too-long`). */
export function explain(code) {
  if (typeof code !== "string") throw new TypeError("code must be a string");
  return call(() => wasm.explainJson(code));
}

/**
 * What a request of `kind` (`activate`, `assign-eligible`, …) must carry under the policy in
 * `source` that governs `options.role` at `options.scope` (or the one at the JSON pointer
 * `options.policy`): maximum duration, justification, ticket, MFA, authentication context,
 * approval and notifications, each with the pointer of the policy member it comes from.
 */
export function requirements(source, kind, options = {}) {
  const [text, located] = toText(source, "source");
  if (typeof kind !== "string") throw new TypeError("kind must be a string such as \"activate\"");
  if ((options.tenant === undefined) !== (options.principal === undefined)) {
    throw new TypeError("options.tenant and options.principal go together: the principal's eligibility is read from the tenant's schedules");
  }
  if (options.principal !== undefined && typeof options.principal !== "string") throw new TypeError("options.principal must be an object id");
  const tenant = tenantOf(options.tenant, "options.tenant");
  const now = options.principal === undefined ? "" : nowOf(options.now);
  const [bytes, tenantBytes] = encode([text, tenant]);
  return call(() =>
    wasm.requirementsText(
      bytes,
      located,
      kind,
      options.role,
      options.scope,
      options.policy,
      tenantBytes,
      options.principal,
      now,
    ),
  );
}

/**
 * Every principal the documents of a tenant export show holding a role or a group membership
 * (groups left out), for a requester picker.
 */
export function principals(tenant) {
  const text = tenantOf(tenant, "tenant");
  if (text === "") throw new TypeError("tenant must be an array of the export's documents");
  return call(() => wasm.principalsText(...encode([text])));
}

/** Every policy in `source` with the role and scope it governs, for a role picker. */
export function policies(source) {
  const [text, located] = toText(source, "source");
  return call(() => wasm.policiesText(...encode([text]), located));
}
