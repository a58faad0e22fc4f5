/** A JSON document: text (findings then carry line and column) or a parsed object/array. */
export type Json = string | Record<string, unknown> | unknown[];

export type Severity = "error" | "warning" | "info";

/** A secondary place of a finding. */
export interface Label {
  pointer: string;
  message: string;
  line: number | null;
  column: number | null;
}

/** One finding, in the shape of `pimlint check --format json`. */
export interface Diagnostic {
  /** Stable code, e.g. `PIM102`. */
  code: string;
  /** Kebab-case rule name, e.g. `activation-too-long`. */
  rule: string;
  severity: Severity;
  message: string;
  /** RFC 6901 JSON pointer into the input. */
  pointer: string;
  /** 1-based; null when the input was an object rather than text. */
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  help?: string;
  note?: string;
  labels?: Label[];
  /** The edits that resolve the finding, when the rule knows them. */
  fix?: Fix;
  /**
   * Why the rule's fix is not made in this file (a converted input whose value is not a
   * literal at one place of it), when it is not.
   */
  fixNotApplied?: string;
}

/** One RFC 6902 JSON Patch operation; `path` is a pointer into the input. */
export type Edit =
  | { op: "replace"; path: string; value: unknown }
  | { op: "add"; path: string; value: unknown }
  | { op: "remove"; path: string };

/** What a finding proposes to change: `safe` repairs a spelling, `unsafe` changes a setting. */
export interface Fix {
  applicability: "safe" | "unsafe";
  message: string;
  edits: Edit[];
}

/** A fix `fix()` applied, and the finding it answered. */
export interface AppliedFix {
  code: string;
  rule: string;
  message: string;
  /** Where the finding was, in the document as it was before this fix. */
  pointer: string;
  fix: Fix;
}

export interface FixOptions extends LintOptions {
  /** Apply unsafe fixes too (they change settings: shorten an activation, require MFA). */
  unsafe?: boolean;
}

/** Something the service will demand that cannot be checked offline. */
export interface Requirement {
  /** The service's name, e.g. `MfaRule`, `EligibilityRule`, `ApprovalRule`. */
  rule: string;
  message: string;
}

/** What the PIM service will do with a schedule request (`pimlint validate --format json`). */
export interface Verdict {
  verdict: "accepted" | "pending-approval" | "rejected" | "unknown";
  /** The service's names of the policy rules the request fails, e.g. `ExpirationRule`. */
  failedRules: string[];
  requirements: Requirement[];
  diagnostics: Diagnostic[];
}

export interface RuleInfo {
  code: string;
  name: string;
  category: "structure" | "activation" | "approval" | "assignment" | "notification" | "request";
  defaultSeverity: Severity;
  enabledByDefault: boolean;
  summary: string;
}

/** The settings of `pimlint.toml`, as an object of the same shape (keys as in the file). */
export type Config = {
  profile?: "recommended" | "strict" | "cisa-scuba" | "cis-m365" | "zero-trust" | "maester";
  select?: string[];
  "extend-select"?: string[];
  ignore?: string[];
  severity?: Record<string, "off" | "info" | "warning" | "error">;
  rules?: Record<string, Record<string, unknown>>;
  "privileged-roles"?: Record<string, unknown>;
  overrides?: Array<Record<string, unknown>>;
};

export interface LintOptions {
  /** Take every document as this kind instead of detecting it (see `pimlint schema --list`). */
  kind?: string;
  /**
   * Read the input in this format instead of telling it from its shape: a Terraform plan
   * (`terraform show -json`), an ARM template or Bicep build output, an EasyPIM
   * configuration, a PowerShell export.
   */
  formatIn?: "terraform" | "arm-template" | "easypim" | "powershell";
}

export interface ValidateOptions {
  /** The time to validate at; default: now. */
  now?: Date | string;
  /** An ARM request's scope, when its body does not carry it. */
  scope?: string;
  /**
   * Rule updates (a `PATCH …/rules/{id}` body, a list of rules, a partial policy body) applied
   * to the policy first: the request is judged against the policy as the `PATCH` leaves it.
   */
  updates?: Json[];
  /**
   * The tenant's schedules and instances (the documents of an export): eligibility becomes a
   * verdict (`PIM517` not eligible, `PIM518` beyond the eligibility...).
   */
  tenant?: Json[];
}

export class PimlintError extends Error {}
export class InputError extends PimlintError {
  /** JSON pointer of the fault, when inside a parsed document. */
  readonly pointer: string | null;
  readonly line: number | null;
  readonly column: number | null;
}
export class ConfigError extends PimlintError {
  readonly line: number | null;
  readonly column: number | null;
}

export const version: string;
export function lint(input: Json, config?: Config, options?: LintOptions): Diagnostic[];
export function validate(request: Json, policy: Json, options?: ValidateOptions): Verdict;
/**
 * Lints the documents of a tenant export together and joins them: one array of findings per
 * document, in order, with the tenant findings (`PIM601`...) in the array of the document they
 * are about.
 */
export function checkTenant(documents: Json[], config?: Config): Diagnostic[][];
/** Applies one finding's fix: text comes back as text, an object as a new object. */
export function applyFix<T extends Json>(input: T, fix: Fix): T extends string ? string : unknown;
/** Applies the fixes of the findings: text comes back as text, an object as a new object. */
export function fix<T extends Json>(
  input: T,
  config?: Config,
  options?: FixOptions,
): { fixed: T extends string ? string : unknown; applied: AppliedFix[] };
export function rules(): RuleInfo[];
/** A call of today's API that replaces (part of) a legacy document. */
export interface MigrationCall {
  method: "PATCH" | "POST" | "PUT";
  /** With `{placeholders}` for what the legacy document does not say. */
  url: string;
  body: unknown;
}
/** What replaces one document of PIM's older APIs. */
export interface Migration {
  pointer: string;
  api: "iteration1Settings" | "iteration1Request" | "iteration2Settings" | "iteration2Request";
  provider: "entraRoles" | "azureResources";
  source: string;
  note: string;
  calls: MigrationCall[];
  notCarried: { pointer: string; setting: string; why: string }[];
}
export function migrate(input: Json): Migration[];
export function explain(code: string): string;

/** A kind of request: what a principal asks for themselves, or what an administrator does. */
export type RequestKind =
  | "activate"
  | "extend-active"
  | "extend-eligible"
  | "renew-active"
  | "renew-eligible"
  | "assign-active"
  | "assign-eligible"
  | "update-active"
  | "update-eligible"
  | "admin-extend-active"
  | "admin-extend-eligible"
  | "admin-renew-active"
  | "admin-renew-eligible";

export type Provider = "entra-roles" | "groups" | "azure-resources";

/** A role as a policy assignment names it. */
export interface Role {
  id: string;
  templateId: string;
  displayName: string | null;
}

/** One thing a request must carry: `required` is `null` when the policy does not say. */
export interface RequirementItem {
  required: boolean | null;
  /** The policy rule that decides; `null` when no rule governs it for this kind. */
  rule: string | null;
  /** The policy member that decides. */
  pointer: string | null;
}

export interface Approver {
  kind: string | null;
  id: string | null;
  description: string | null;
  isBackup: boolean | null;
  pointer: string;
}

/** What a request of one kind must carry under one policy. */
export interface Requirements {
  kind: RequestKind;
  provider: Provider;
  policy: {
    pointer: string;
    id: string | null;
    extent: "whole" | "update" | "projection";
    role: Role | null;
    scope: string | null;
  };
  /** Where the request goes; an ARM URL holds `{scope}` and `{requestName}` to fill in. */
  request: { method: "POST" | "PUT"; url: string; action: string; level: "Assignment" | "Eligibility" };
  expiration: {
    rule: string;
    pointer: string | null;
    /** When `false`, a request without an end is accepted and no maximum applies. */
    required: boolean | null;
    requiredPointer: string | null;
    maximumDuration: string | null;
    maximumDurationPointer: string | null;
    /** The maximum in seconds, when it has no years or months. */
    maximumSeconds: number | null;
    minimumDuration: string | null;
  };
  justification: RequirementItem;
  /** `ticketInfo.ticketNumber` and `ticketInfo.ticketSystem`. */
  ticket: RequirementItem;
  mfa: RequirementItem;
  authenticationContext: RequirementItem & { claimValue: string | null; claimValuePointer: string | null };
  approval: RequirementItem & {
    mode: string | null;
    stages: { pointer: string; timeoutDays: number | null; approvers: Approver[]; escalationApprovers: Approver[] }[] | null;
    defaultApprovers: string | null;
    extensionRequired: boolean | null;
    extensionPointer: string | null;
    /** Who approves, in words. */
    summary: string | null;
  };
  notifications: {
    rule: string;
    recipientType: "Requestor" | "Approver" | "Admin";
    pointer: string | null;
    level: "All" | "Critical" | "None" | null;
    defaultRecipients: boolean | null;
    additionalRecipients: string[] | null;
  }[];
  /** With `options.tenant` and `options.principal`: the principal's standing; absent otherwise. */
  eligibility?: Eligibility;
}

/** A principal of a tenant export. */
export interface Principal {
  id: string;
  name: string | null;
  signIn: string | null;
  kind: "user" | "group" | "service-principal" | "other" | null;
}

/** Where an object of the tenant export is: the index of `options.tenant`, and a pointer. */
export interface TenantSource {
  input: number;
  /** The file, from the CLI; `null` here. */
  file: string | null;
  pointer: string;
}

/** One grant of the role to the principal. */
export interface EligibilityWindow {
  start: string | null;
  /** The grant's end, or its group membership's when that comes first; `null`: none or unknown. */
  end: string | null;
  permanent: boolean;
  through: "direct" | "group";
  group: { id: string; name: string | null; membership: "active" | "eligible"; membershipEnd: string | null; source: TenantSource } | null;
  memberType: string | null;
  object: "schedule" | "instance" | "role-assignment";
  source: TenantSource;
}

/** Whether the principal can make the request, from the tenant's schedules and instances. */
export interface Eligibility {
  principal: Principal;
  now: string;
  /** `null`: the export lists no eligibilities where the request acts (see `unknownBecause`). */
  eligible: boolean | null;
  unknownBecause?: string;
  current: EligibilityWindow | null;
  later: EligibilityWindow[];
  active: boolean | null;
  activeAssignment: EligibilityWindow | null;
  /** Activations: the longest that can start at `now`, the policy's maximum cut short by the eligibility's end. */
  maximumSeconds: number | null;
  maximumDuration: string | null;
  limitedBy: "policy" | "eligibility" | null;
}

export interface RequirementsOptions {
  /** Role template id, role definition id, display name, or `member`/`owner`. */
  role?: string;
  /** The scope, for groups and Azure resources. */
  scope?: string;
  /** The policy's JSON pointer in the source, as `policies()` gives it. */
  policy?: string;
  /** The tenant export's documents (schedules, instances): with `principal`, adds `eligibility`. */
  tenant?: Json[];
  /** The requester's object id; needs `tenant`. */
  principal?: string;
  /** When to judge eligibility (default: now). */
  now?: Date | string;
}

/** A policy of a source and the role and scope it governs. */
export interface GovernedPolicy {
  pointer: string;
  provider: Provider;
  policyId: string | null;
  role: Role | null;
  scope: string | null;
}

export function requirements(source: Json, kind: RequestKind, options?: RequirementsOptions): Requirements;
export function policies(source: Json): GovernedPolicy[];
export function principals(tenant: Json[]): Principal[];
