// The pre-submit widget: lint what is pasted, or validate a request against a policy, live,
// and highlight the lines the findings point at.
import { applyFix, lint, validate, version, PimlintError } from "../pkg/index.js";
import { tenantFiles } from "./tenant-files.js";

const $ = (id) => document.getElementById(id);
const doc = $("doc");
const policy = $("policy");
const highlights = $("highlights");
const list = $("diagnostics");
const summary = $("summary");
const verdictBox = $("verdict");
const kindPicker = $("kind");
$("version").textContent = version;

const EXAMPLE_POLICY = {
  id: "Directory_example_policy",
  displayName: "Directory",
  scopeId: "/",
  scopeType: "DirectoryRole",
  rules: [
    {
      "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
      id: "Expiration_EndUser_Assignment",
      isExpirationRequired: true,
      maximumDuration: "PT36H",
      target: { caller: "EndUser", operations: ["All"], level: "Assignment" },
    },
    {
      "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule",
      id: "Enablement_EndUser_Assignment",
      enabledRules: ["Justification"],
      target: { caller: "EndUser", operations: ["All"], level: "Assignment" },
    },
  ],
};

const EXAMPLE_REQUEST = {
  "@odata.type": "#microsoft.graph.unifiedRoleAssignmentScheduleRequest",
  action: "selfActivate",
  principalId: "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8",
  roleDefinitionId: "62e90394-69f5-4237-9190-012177145e10",
  directoryScopeId: "/",
  justification: "",
  scheduleInfo: { expiration: { type: "afterDuration", duration: "PT10H" } },
};

function escapeHtml(text) {
  return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
}

/** Escaped text with Markdown's `code spans` (as messages write member names) set as code. */
function markdown(text) {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/**
 * Messages tell command-line and API users how to name a document's kind; this page has a
 * picker for that instead.
 */
function forThisPage(message) {
  return message
    .replace(/\(`--kind`, or the `kind` option of the Python and JavaScript APIs\)/, "(pick it under “Kind”)")
    .replace(/pass --kind (\S+) \/ --kind (\S+)/, "pick $1 or $2 under “Kind”");
}

const RANK = { error: 3, warning: 2, info: 1 };

function paintLines(diagnostics) {
  const worst = new Map();
  for (const d of diagnostics) {
    if (d.line == null) continue;
    const last = d.endLine && d.endLine - d.line < 3 ? d.endLine : d.line;
    for (let l = d.line; l <= last; l++) {
      if ((RANK[d.severity] ?? 0) > (RANK[worst.get(l)] ?? 0)) worst.set(l, d.severity);
    }
  }
  const lines = doc.value.split("\n");
  highlights.innerHTML = lines
    .map((text, i) => {
      const severity = worst.get(i + 1);
      const cls = severity ? ` has-${severity}` : "";
      return `<span class="line${cls}" data-line="${i + 1}">${escapeHtml(text) || " "}</span>`;
    })
    .join("");
  highlights.scrollTop = doc.scrollTop;
  highlights.scrollLeft = doc.scrollLeft;
}

function select(d) {
  if (d.line == null) return;
  const lines = doc.value.split("\n");
  let start = 0;
  for (let i = 0; i < d.line - 1; i++) start += lines[i].length + 1;
  start += d.column - 1;
  let end = start + 1;
  if (d.endLine === d.line && d.endColumn) end = start + (d.endColumn - d.column);
  doc.focus();
  doc.setSelectionRange(start, end);
  for (const el of highlights.querySelectorAll(".selected")) el.classList.remove("selected");
  highlights.querySelector(`[data-line="${d.line}"]`)?.classList.add("selected");
  scrollToLine(d.line);
}

/** Scrolls the editor so that `line` shows, a few lines below the top. */
function scrollToLine(line) {
  const lineHeight = parseFloat(getComputedStyle(doc).lineHeight) || 19;
  doc.scrollTop = Math.max(0, (line - 5) * lineHeight);
  highlights.scrollTop = doc.scrollTop;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

function show(diagnostics, empty = "No findings.") {
  list.replaceChildren(
    ...diagnostics.map((d) => {
      const li = document.createElement("li");
      li.className = `diagnostic ${d.severity}`;
      li.dataset.code = d.code;
      const where = d.line != null ? `line ${d.line}, column ${d.column}` : d.pointer || "/";
      li.innerHTML =
        `<div><span class="code">${d.code}</span> ${escapeHtml(d.rule)} · ${d.severity}</div>` +
        `<div class="message">${markdown(d.message)}</div>` +
        `<div class="where">${escapeHtml(where)} · ${escapeHtml(d.pointer || "/")}</div>` +
        (d.help ? `<div class="help">${markdown(d.help)}</div>` : "");
      li.addEventListener("click", () => select(d));
      if (d.fix) li.append(fixButton(d));
      return li;
    }),
  );
  const count = (s) => diagnostics.filter((d) => d.severity === s).length;
  summary.textContent = diagnostics.length
    ? `${plural(diagnostics.length, "finding")}: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${plural(count("info"), "info")}`
    : empty;
  paintLines(diagnostics);
}

/**
 * “Apply fix”: edits the text where the finding's fix says, then checks it again. An unsafe
 * fix changes a setting, so its button says so.
 */
function fixButton(d) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = `apply-fix ${d.fix.applicability}`;
  button.textContent = d.fix.applicability === "safe" ? "Apply fix" : "Apply fix (changes a setting)";
  button.title = d.fix.message;
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    try {
      doc.value = applyFix(doc.value, d.fix);
    } catch (e) {
      if (e instanceof PimlintError) failure(e);
      else throw e;
      return;
    }
    run();
  });
  return button;
}

function failure(e) {
  const where = e.line != null ? ` (line ${e.line}, column ${e.column})` : "";
  summary.innerHTML = `<div class="failure">${markdown(forThisPage(e.message))}${escapeHtml(where)}</div>`;
  list.replaceChildren();
  verdictBox.hidden = true;
  paintLines(e.line != null ? [{ line: e.line, endLine: e.line, severity: "error" }] : []);
  // The error may be far down a pasted export: bring it into view.
  if (e.line != null) scrollToLine(e.line);
  kindPicker.classList.toggle("attention", /under “Kind”/.test(forThisPage(e.message)));
}

/** The kind the picker names, if any: otherwise pimlint detects it. */
const options = () => (kindPicker.value ? { kind: kindPicker.value } : {});

/** Whether the text is a schedule request (Graph `action`, ARM `properties.requestType`). */
function isRequest(text) {
  try {
    const value = JSON.parse(text);
    return Boolean(value && (value.action || value.properties?.requestType));
  } catch {
    return false;
  }
}

function run() {
  const text = doc.value;
  if (!text.trim()) {
    summary.textContent = "Paste a policy or a request to check it.";
    list.replaceChildren();
    verdictBox.hidden = true;
    paintLines([]);
    return;
  }
  try {
    if (policy.value.trim() && isRequest(text)) {
      const verdict = validate(text, policy.value, tenant ? { tenant: tenant.map((f) => f.text) } : {});
      verdictBox.hidden = false;
      verdictBox.className = verdict.verdict;
      verdictBox.textContent =
        verdict.verdict === "unknown"
          ? "No verdict: the policy loaded does not govern this request (another role or scope)."
          : `Verdict: ${verdict.verdict}` +
            (verdict.failedRules.length ? ` — fails ${verdict.failedRules.join(", ")}` : "");
      show(verdict.diagnostics);
    } else if (isRequest(text)) {
      // Without its policy nothing can be said of whether the service accepts a request: a
      // clean lint only means the request is well formed.
      verdictBox.hidden = false;
      verdictBox.className = "needs-policy";
      verdictBox.textContent =
        "No verdict yet: whether the service accepts this request depends on its policy. " +
        "Paste the policy under “Policy”, or load the example pair.";
      show(lint(text, undefined, options()), "No problems in the request itself; the verdict needs a policy.");
    } else {
      verdictBox.hidden = true;
      show(lint(text, undefined, options()));
    }
    kindPicker.classList.remove("attention");
  } catch (e) {
    if (e instanceof PimlintError) failure(e);
    else throw e;
  }
}

let timer;
const soon = () => {
  clearTimeout(timer);
  timer = setTimeout(run, 120);
};
doc.addEventListener("input", () => {
  paintLines([]);
  soon();
});
policy.addEventListener("input", soon);
kindPicker.addEventListener("change", run);
doc.addEventListener("scroll", () => {
  highlights.scrollTop = doc.scrollTop;
  highlights.scrollLeft = doc.scrollLeft;
});

async function load(input, target) {
  const file = input.files?.[0];
  if (!file) return;
  target.value = await file.text();
  if (target === policy) $("policy-pane").open = true;
  run();
}
// A tenant export makes eligibility a verdict: an activation by a principal the export shows
// no eligibility for is rejected (PIM517).
let tenant = null;
tenantFiles($("tenant-drop"), $("tenant-files"), (files) => {
  tenant = files;
  $("tenant-status").textContent = `tenant export: ${files.map((f) => f.name).join(", ")}`;
  $("policy-pane").open = true;
  run();
});
$("load-doc").addEventListener("change", (e) => load(e.target, doc));
$("load-policy").addEventListener("change", (e) => load(e.target, policy));
// The example policy is linted on its own; the policy pane keeps what it holds.
$("example-policy").addEventListener("click", () => {
  doc.value = JSON.stringify(EXAMPLE_POLICY, null, 2);
  run();
});
// The example request comes with the policy that governs it, so it gets a verdict.
$("example-request").addEventListener("click", () => {
  doc.value = JSON.stringify(EXAMPLE_REQUEST, null, 2);
  policy.value = JSON.stringify(EXAMPLE_POLICY, null, 2);
  $("policy-pane").open = true;
  run();
});

run();
window.pimlintDemoReady = true;
