// Type-checked by `tsc --noEmit` in the tests: what a portal writes against the package.
import { policies, requirements, checkTenant } from "../pkg/index.js";
import type { GovernedPolicy, Requirements } from "../pkg/index.js";
import { lint, validate, rules, explain, version, fix, applyFix, InputError, ConfigError, PimlintError } from "../pkg/index.js";
import type { Diagnostic, Verdict, RuleInfo, Config, AppliedFix } from "../pkg/index.js";

const config: Config = { profile: "strict", ignore: ["PIM001"], severity: { PIM102: "error" } };
const found: Diagnostic[] = lint('{"rules": []}', config, { kind: "graph-policy" });
const lines: (number | null)[] = found.map((d) => d.line);
const verdict: Verdict = validate({ action: "selfActivate" }, [{ rules: [] }], { now: new Date(), scope: "/" });
const outcome: "accepted" | "pending-approval" | "rejected" | "unknown" = verdict.verdict;
const names: string[] = verdict.failedRules;
const joined: Diagnostic[][] = checkTenant(['{"value": []}', { value: [] }], { ignore: ["PIM601"] });
const judged: Verdict = validate("{}", "{}", { now: "2026-11-30T12:00:00Z", tenant: [joined.length ? "{}" : {}] });
const all: RuleInfo[] = rules();
const doc: string = explain(all[0].code) + version;

try {
  lint("{");
} catch (e) {
  if (e instanceof InputError) {
    const where: [string | null, number | null, number | null] = [e.pointer, e.line, e.column];
    console.log(where);
  } else if (e instanceof ConfigError || e instanceof PimlintError) {
    console.log(e.message);
  }
}

// @ts-expect-error: severity is a closed set
const wrong: Diagnostic["severity"] = "fatal";
// @ts-expect-error: options.now is a Date or a string
validate("{}", "{}", { now: 12 });

// A request form: the role picker, then what the form must ask for.
const listed: GovernedPolicy[] = policies({ value: [] });
const needs: Requirements = requirements({ rules: [] }, "activate", { policy: listed[0]?.pointer });
const maxSeconds: number | null = needs.expiration.maximumSeconds;
const ticketRequired: boolean | null = needs.ticket.required;
const approvers: string[] = (needs.approval.stages ?? []).flatMap((s) => s.approvers.map((a) => a.id ?? "?"));
// @ts-expect-error: the request kinds are a closed set
requirements("{}", "activation");

export { lines, outcome, names, doc, wrong, maxSeconds, ticketRequired, approvers };

// Fixes: text in, text out; each applied fix names its finding.
const fixedText: { fixed: string; applied: AppliedFix[] } = fix("{}", undefined, { unsafe: true });
const firstFix = lint(fixedText.fixed).find((d: Diagnostic) => d.fix !== undefined)?.fix;
if (firstFix !== undefined) {
  const once: string = applyFix(fixedText.fixed, firstFix);
  console.log(once.length, firstFix.applicability === "safe" || firstFix.applicability === "unsafe");
}

// A requester's eligibility from a tenant export: the picker of principals, then the bound.
import { principals } from "../pkg/index.js";
import type { Eligibility, Principal } from "../pkg/index.js";
const people: Principal[] = principals(['{"value": []}']);
const forOne: Requirements = requirements("{}", "activate", { tenant: ["{}"], principal: people[0]?.id ?? "x", now: new Date() });
const standing: Eligibility | undefined = forOne.eligibility;
const eligible: boolean | null | undefined = standing?.eligible;
const bound: number | null | undefined = standing?.maximumSeconds;
const from: string | undefined = standing?.current?.source.pointer;
console.log(eligible, bound, from);
