//! PowerShell exports of PIM objects (`… | ConvertTo-Json`), read as the JSON the API writes.
//!
//! Three writers are recognised, from the shape of the JSON alone:
//!
//! - the Microsoft Graph PowerShell SDK (`Get-MgPolicyRoleManagementPolicy…`, schedule
//!   requests): PascalCase members, and the members the model class does not declare (a
//!   rule's type and settings) in `AdditionalProperties`;
//! - Az.Resources (`Get-AzRoleManagementPolicy`, `…Assignment`, `Get-AzRole…ScheduleRequest`):
//!   flattened, singular PascalCase members, enum values written as `{}`;
//! - CISA ScubaGear's `ProviderSettingsExport.json` (`privileged_roles[].Rules[]`).
//!
//! The converted document keeps a map back to the file as written, so findings point into
//! the user's file, and lists what the export lost (a member it lost is left out, never
//! guessed).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::pointer::Pointer;

const GRAPH_SDK: &str = "Microsoft Graph PowerShell SDK";
const AZ: &str = "Az PowerShell (Az.Resources)";
const SCUBAGEAR: &str = "ScubaGear";

/// A PowerShell export converted to the shape the API writes.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The document(s) in Graph or ARM shape (a single object, or {"value": [...]} for a list — use the same top-level structure as the input: an array stays an array).
    pub value: Value,
    /// Maps pointers into `value` back to pointers into the original.
    pub pointers: PointerMap,
    /// Which tool wrote it, for messages: "Microsoft Graph PowerShell SDK", "Az PowerShell (Az.Resources)", "ScubaGear".
    pub writer: &'static str,
    /// Members the export lost (e.g. rule settings dropped from nested `AdditionalProperties`, Az enums written as `{}`), each with the ORIGINAL pointer of the object that lost them and a one-line explanation saying what was lost and how to export it whole. Empty when nothing was lost.
    pub lost: Vec<(Pointer, String)>,
}

/// Original pointers for converted ones.
#[derive(Debug, Clone, Default)]
pub struct PointerMap {
    /// Converted pointer (escaped text) → original pointer, for every node the conversion
    /// made, and for members it left out because the export lost them.
    origins: HashMap<String, Pointer>,
}

impl PointerMap {
    /// The pointer in the original file for a pointer into the converted value: the deepest converted node with a known origin, plus the rest of the path.
    pub fn original(&self, converted: &Pointer) -> Pointer {
        let tokens: Vec<String> = converted.tokens().collect();
        let mut prefix = Pointer::root();
        let mut best = self.origins.get("").map(|o| (0, o));
        for (i, token) in tokens.iter().enumerate() {
            prefix = prefix.key(token);
            if let Some(origin) = self.origins.get(prefix.as_str()) {
                best = Some((i + 1, origin));
            }
        }
        let (depth, base) = match best {
            Some((depth, origin)) => (depth, origin.clone()),
            None => (0, Pointer::root()),
        };
        tokens[depth..].iter().fold(base, |p, t| p.key(t))
    }

    pub(crate) fn link(&mut self, converted: &Pointer, original: &Pointer) {
        self.origins
            .insert(converted.as_str().to_owned(), original.clone());
    }
}

/// Why an export cannot be read (e.g. truncated by ConvertTo-Json's default -Depth): the message says what, where (original JSON pointer) and how to export again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExportError {
    /// What is wrong, where, and how to export again.
    pub message: String,
    /// Where in the original file.
    pub pointer: Pointer,
}

/// `None` when `value` is not a PowerShell export (plain Graph/ARM JSON must give None — camelCase `id`/`rules`/`properties` documents are NOT exports); `Some(Ok)` converted; `Some(Err)` recognised as an export but unreadable.
pub fn convert(value: &Value) -> Option<Result<Converted, ExportError>> {
    match value {
        Value::Object(obj) if is_scubagear(obj) => Some(scubagear(obj)),
        Value::Object(obj) => {
            let shape = shape_of(obj)?;
            let mut conv = Conv::new(shape.writer());
            Some(
                check_depth(value, &Pointer::root(), shape.writer()).map(|()| {
                    let value = conv.document(shape, obj, &Pointer::root());
                    conv.finish(value)
                }),
            )
        }
        Value::Array(items) => {
            // One cmdlet's output is homogeneous, so the first item decides; a cheap test.
            let first = items.first()?.as_object().and_then(shape_of)?;
            let mut conv = Conv::new(first.writer());
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let at = Pointer::root().index(i);
                if let Some((obj, shape)) =
                    item.as_object().and_then(|o| shape_of(o).map(|s| (o, s)))
                {
                    if let Err(e) = check_depth(item, &at, shape.writer()) {
                        return Some(Err(e));
                    }
                    out.push(conv.document(shape, obj, &at));
                } else {
                    // Not an export object: kept as written, for the caller to judge.
                    conv.map.link(&at, &at);
                    out.push(item.clone());
                }
            }
            Some(Ok(conv.finish(Value::Array(out))))
        }
        _ => None,
    }
}

/// The export shapes, each recognised by PascalCase members no API document carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    GraphRule,
    GraphPolicy,
    GraphAssignment,
    GraphRequest,
    AzPolicy,
    AzAssignment,
    AzRequest,
    AzRule,
}

impl Shape {
    const fn writer(self) -> &'static str {
        match self {
            Self::GraphRule | Self::GraphPolicy | Self::GraphAssignment | Self::GraphRequest => {
                GRAPH_SDK
            }
            Self::AzPolicy | Self::AzAssignment | Self::AzRequest | Self::AzRule => AZ,
        }
    }
}

fn shape_of(obj: &Map<String, Value>) -> Option<Shape> {
    let has = |key: &str| obj.contains_key(key);
    // API documents are camelCase; one with these members is not an export, whatever else
    // it carries.
    if has("id") || has("properties") || has("rules") || has("@odata.type") {
        return None;
    }
    if has("Name")
        && (has("Rule") || has("EffectiveRule") || (has("Scope") && has("IsOrganizationDefault")))
    {
        return Some(Shape::AzPolicy);
    }
    if has("PolicyAssignmentPropertiesPolicyId") || (has("PolicyId") && has("Name") && has("Scope"))
    {
        return Some(Shape::AzAssignment);
    }
    if has("RequestType")
        && has("PrincipalId")
        && (has("ScheduleInfoStartDateTime") || has("ExpirationType") || has("ExpirationDuration"))
    {
        return Some(Shape::AzRequest);
    }
    if has("Id") && has("RuleType") && (has("Target") || has("TargetCaller")) {
        return Some(Shape::AzRule);
    }
    if has("Id") && has("Target") {
        return Some(Shape::GraphRule);
    }
    if has("Id")
        && (has("Rules")
            || has("EffectiveRules")
            || (has("ScopeType") && has("IsOrganizationDefault")))
    {
        return Some(Shape::GraphPolicy);
    }
    if has("PolicyId") && has("RoleDefinitionId") && (has("Policy") || has("ScopeType")) {
        return Some(Shape::GraphAssignment);
    }
    if has("Action") && has("PrincipalId") && has("ScheduleInfo") {
        return Some(Shape::GraphRequest);
    }
    None
}

fn is_scubagear(obj: &Map<String, Value>) -> bool {
    obj.get("privileged_roles").is_some_and(Value::is_array)
        && (obj.contains_key("baseline_version") || obj.contains_key("module_version"))
}

// ---------------------------------------------------------------------------------------------
// Depth truncation

/// Members that hold arrays in some export shape (Graph, Az singular, ScubaGear); compared
/// case-insensitively. A string there is an array `ConvertTo-Json` joined with spaces.
const ARRAY_MEMBERS: &[&str] = &[
    "operations",
    "enforcedsettings",
    "inheritablesettings",
    "targetobjects",
    "enabledrules",
    "notificationrecipients",
    "approvalstages",
    "primaryapprovers",
    "escalationapprovers",
    "rules",
    "effectiverules",
    "operation",
    "enforcedsetting",
    "inheritablesetting",
    "targetobject",
    "enabledrule",
    "notificationrecipient",
    "settingapprovalstage",
    "primaryapprover",
    "escalationapprover",
    "rule",
    "effectiverule",
    "targetoperation",
    "targetenforcedsetting",
    "targetinheritablesetting",
    "daysofweek",
];

/// Whether `text` is what `ConvertTo-Json` writes for an object below its `-Depth`: the
/// object's type name (models keep `Object.ToString()`) or PowerShell's text of a dictionary
/// or `[pscustomobject]`.
fn is_type_name(text: &str) -> bool {
    let model = |prefix: &str| {
        text.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        })
    };
    model("Microsoft.Graph.PowerShell.Models.")
        || model("Microsoft.Graph.Beta.PowerShell.Models.")
        || (text.starts_with("Microsoft.Azure.PowerShell.Cmdlets.") && text.contains(".Models."))
        || text.starts_with("System.Collections.")
        || text == "System.Object[]"
        || (text.starts_with("@{") && text.ends_with('}'))
}

fn check_depth(value: &Value, at: &Pointer, writer: &str) -> Result<(), ExportError> {
    match find_truncation(value, at, None) {
        None => Ok(()),
        Some((pointer, text, list)) => {
            let what = if list { "list" } else { "object" };
            let place = if pointer.is_root() {
                "at the top".to_owned()
            } else {
                format!("at {pointer}")
            };
            Err(ExportError {
                message: format!(
                    "this {writer} export was cut short by ConvertTo-Json's -Depth limit (2 \
                     unless given): {place} a nested {what} was written as the text {text:?}; \
                     export it again with `ConvertTo-Json -Depth 20`"
                ),
                pointer,
            })
        }
    }
}

fn find_truncation(
    value: &Value,
    at: &Pointer,
    key: Option<&str>,
) -> Option<(Pointer, String, bool)> {
    match value {
        Value::String(s) if is_type_name(s) => Some((at.clone(), s.clone(), false)),
        Value::String(s)
            if key.is_some_and(|k| ARRAY_MEMBERS.contains(&k.to_ascii_lowercase().as_str())) =>
        {
            Some((at.clone(), s.clone(), true))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find_truncation(item, &at.index(i), None)),
        Value::Object(obj) => obj
            .iter()
            .find_map(|(k, v)| find_truncation(v, &at.key(k), Some(k))),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Scalars

/// Lower-cases the first character: PascalCase .NET names (and ScubaGear's upper-cased
/// wire names) back to the wire's camelCase. `@odata.*` annotations are left alone.
fn camel(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(first) if first != '@' => first.to_lowercase().chain(chars).collect(),
        _ => key.to_owned(),
    }
}

/// `/Date(1795166043236)/` (Windows PowerShell 5.1, milliseconds since the epoch, UTC; an
/// offset suffix only says which zone it was shown in) as RFC 3339.
fn net_date(text: &str) -> Option<String> {
    let inner = text.strip_prefix("/Date(")?.strip_suffix(")/")?;
    let digits_end = inner
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && c == '-')))
        .map_or(inner.len(), |(i, _)| i);
    let (ms, offset) = inner.split_at(digits_end);
    let offset_ok = offset.is_empty()
        || (offset.len() == 5
            && offset.starts_with(['+', '-'])
            && offset[1..].chars().all(|c| c.is_ascii_digit()));
    if !offset_ok {
        return None;
    }
    let ms: i64 = ms.parse().ok()?;
    let at = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(ms)?;
    Some(at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

const TICKS_PER_SECOND: i128 = 10_000_000;

/// An ISO 8601 duration for a .NET `TimeSpan` of `ticks` (100 ns units), exact.
fn iso_duration(ticks: i128) -> String {
    let sign = if ticks < 0 { "-" } else { "" };
    let ticks = ticks.abs();
    let fraction = ticks % TICKS_PER_SECOND;
    let seconds = ticks / TICKS_PER_SECOND;
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (hours, minutes, secs) = (rest / 3600, rest % 3600 / 60, rest % 60);
    let mut out = format!("{sign}P");
    if days > 0 {
        let _ = write!(out, "{days}D");
    }
    if hours > 0 || minutes > 0 || secs > 0 || fraction > 0 || days == 0 {
        out.push('T');
        if hours > 0 {
            let _ = write!(out, "{hours}H");
        }
        if minutes > 0 {
            let _ = write!(out, "{minutes}M");
        }
        if secs > 0 || fraction > 0 || (hours == 0 && minutes == 0) {
            out.push_str(&secs.to_string());
            if fraction > 0 {
                let digits = format!("{fraction:07}");
                out.push('.');
                out.push_str(digits.trim_end_matches('0'));
            }
            out.push('S');
        }
    }
    out
}

/// A serialised `TimeSpan` (its public properties, `Ticks` first) as ISO 8601.
fn timespan_object(obj: &Map<String, Value>) -> Option<String> {
    let ticks = obj.get("Ticks")?;
    if !(obj.contains_key("TotalSeconds")
        || (obj.contains_key("Days") && obj.contains_key("Hours")))
    {
        return None;
    }
    let ticks = ticks
        .as_i64()
        .map(i128::from)
        .or_else(|| ticks.as_u64().map(i128::from))?;
    Some(iso_duration(ticks))
}

/// A `TimeSpan` in .NET's text form (`[-][d.]hh:mm:ss[.fffffff]`), which it takes when it
/// lies below the `-Depth` limit, as ISO 8601.
fn timespan_text(text: &str) -> Option<String> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = text.split(':');
    let (head, minutes, rest) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (days, hours) = match head.split_once('.') {
        Some((d, h)) => (d, h),
        None => ("0", head),
    };
    let (seconds, fraction) = match rest.split_once('.') {
        Some((s, f)) => (s, f),
        None => (rest, ""),
    };
    let number = |s: &str| -> Option<i128> {
        (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (days, hours, minutes, seconds) = (
        number(days)?,
        number(hours)?,
        number(minutes)?,
        number(seconds)?,
    );
    if hours > 23 || minutes > 59 || seconds > 59 || fraction.len() > 7 {
        return None;
    }
    let fraction = if fraction.is_empty() {
        0
    } else {
        number(&format!("{fraction:0<7}"))?
    };
    let ticks = (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * TICKS_PER_SECOND + fraction;
    Some(iso_duration(if negative { -ticks } else { ticks }))
}

/// An object whose every leaf is `null`: the Graph SDK's auto-created stub for a member the
/// API sent as `null` or not at all.
fn is_stub(obj: &Map<String, Value>) -> bool {
    !obj.is_empty()
        && obj.values().all(|v| match v {
            Value::Null => true,
            Value::Object(o) => is_stub(o),
            _ => false,
        })
}

fn scalar_text(text: &str) -> Value {
    Value::String(net_date(text).unwrap_or_else(|| text.to_owned()))
}

// ---------------------------------------------------------------------------------------------
// Conversion

/// Messages for what an export lost, with where to get it whole.
fn graph_rule_lost(policy_id: Option<&str>) -> String {
    let id = policy_id.unwrap_or("<policy id>");
    format!(
        "this rule's type and settings (@odata.type and members such as maximumDuration, \
         enabledRules, setting, notificationRecipients) are not in the export: the Microsoft \
         Graph PowerShell SDK keeps them in AdditionalProperties, which ConvertTo-Json writes \
         only for the objects it is handed, not for rules nested in a policy; export the rules \
         with `Get-MgPolicyRoleManagementPolicyRule -UnifiedRoleManagementPolicyId '{id}' | \
         ConvertTo-Json -Depth 20`, or `Invoke-MgGraphRequest -Uri \
         '/v1.0/policies/roleManagementPolicies/{id}?$expand=rules' -OutputType Json`"
    )
}

fn az_lost(members: &[String], resource_id: Option<&str>) -> String {
    let id = resource_id.unwrap_or("<resource id>");
    let (list, verb) = match members {
        [one] => (one.clone(), "is"),
        [init @ .., last] => (format!("{} and {last}", init.join(", ")), "are"),
        [] => (String::new(), "are"),
    };
    format!(
        "Az PowerShell wrote {list} as {{}} (ConvertTo-Json cannot write Az's enum types), so \
         the value{s} {verb} unknown; export the resource whole with `(Invoke-AzRestMethod \
         -Method GET -Path '{id}?api-version=2020-10-01').Content`",
        s = if members.len() == 1 { "" } else { "s" }
    )
}

struct Conv {
    map: PointerMap,
    lost: Vec<(Pointer, String)>,
    writer: &'static str,
    /// The policy (Graph) or resource (Az) being converted, for the export commands the
    /// messages suggest.
    context_id: Option<String>,
}

impl Conv {
    fn new(writer: &'static str) -> Self {
        let mut map = PointerMap::default();
        map.link(&Pointer::root(), &Pointer::root());
        Self {
            map,
            lost: Vec::new(),
            writer,
            context_id: None,
        }
    }

    fn finish(self, value: Value) -> Converted {
        Converted {
            value,
            pointers: self.map,
            writer: self.writer,
            lost: self.lost,
        }
    }

    /// One exported object; converted and original pointers coincide at its root.
    fn document(&mut self, shape: Shape, obj: &Map<String, Value>, at: &Pointer) -> Value {
        let str_of = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_owned);
        self.map.link(at, at);
        match shape {
            Shape::GraphRule => {
                self.context_id = None;
                self.graph_object(obj, at, at, true)
            }
            Shape::GraphPolicy => {
                self.context_id = str_of("Id");
                self.graph_object(obj, at, at, false)
            }
            Shape::GraphAssignment => {
                self.context_id = str_of("PolicyId");
                self.graph_object(obj, at, at, false)
            }
            Shape::GraphRequest => {
                let mut value = self.graph_object(obj, at, at, false);
                if let Value::Object(out) = &mut value {
                    // Lists carry no @odata.context; the model class says which request it
                    // is: only assignment requests have ActivatedUsing.
                    if !out.contains_key("@odata.context") {
                        let group = obj.contains_key("GroupId") || obj.contains_key("AccessId");
                        let assignment = obj.contains_key("ActivatedUsing");
                        let name = match (group, assignment) {
                            (false, true) => "unifiedRoleAssignmentScheduleRequest",
                            (false, false) => "unifiedRoleEligibilityScheduleRequest",
                            (true, true) => "privilegedAccessGroupAssignmentScheduleRequest",
                            (true, false) => "privilegedAccessGroupEligibilityScheduleRequest",
                        };
                        self.map.link(&at.key("@odata.type"), at);
                        out.insert(
                            "@odata.type".to_owned(),
                            Value::String(format!("#microsoft.graph.{name}")),
                        );
                    }
                }
                value
            }
            Shape::AzPolicy => {
                self.context_id = str_of("Id");
                self.az_flat(obj, at, at, AZ_POLICY)
            }
            Shape::AzAssignment => {
                self.context_id = str_of("Id");
                self.az_flat(obj, at, at, AZ_ASSIGNMENT)
            }
            Shape::AzRequest => {
                self.context_id = str_of("Id");
                self.az_flat(obj, at, at, AZ_REQUEST)
            }
            Shape::AzRule => {
                self.context_id = None;
                self.az_rule(obj, at, at)
            }
        }
    }

    // --- Graph SDK (and ScubaGear rules, whose keys only need their first letter lowered)

    fn graph_value(&mut self, value: &Value, key: &str, orig: &Pointer, conv: &Pointer) -> Value {
        self.map.link(conv, orig);
        match value {
            Value::String(s) if key == "Duration" => {
                Value::String(timespan_text(s).unwrap_or_else(|| s.clone()))
            }
            Value::String(s) => scalar_text(s),
            Value::Array(items) => {
                let rules = key == "Rules" || key == "EffectiveRules";
                Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            let (orig, conv) = (orig.index(i), conv.index(i));
                            match item {
                                Value::Object(o) => {
                                    self.map.link(&conv, &orig);
                                    self.graph_object(o, &orig, &conv, rules)
                                }
                                other => self.graph_value(other, "", &orig, &conv),
                            }
                        })
                        .collect(),
                )
            }
            Value::Object(o) => self.graph_object(o, orig, conv, false),
            other => other.clone(),
        }
    }

    fn graph_object(
        &mut self,
        obj: &Map<String, Value>,
        orig: &Pointer,
        conv: &Pointer,
        rule: bool,
    ) -> Value {
        if let Some(iso) = timespan_object(obj) {
            return Value::String(iso);
        }
        if is_stub(obj) {
            return Value::Null;
        }
        let mut out = Map::new();
        for (key, value) in obj {
            // Note properties ScubaGear adds to each rule; not part of the rule.
            if key == "AdditionalProperties"
                || (rule && (key == "RuleSource" || key == "RuleSourceType"))
            {
                continue;
            }
            let name = camel(key);
            let converted = self.graph_value(value, key, &orig.key(key), &conv.key(&name));
            out.insert(name, converted);
        }
        if let Some(Value::Object(extra)) = obj.get("AdditionalProperties") {
            let extra_at = orig.key("AdditionalProperties");
            for (key, value) in extra {
                // Declared members win: the dictionary holds only undeclared ones anyway.
                if out.contains_key(key) {
                    continue;
                }
                self.map.link(&conv.key(key), &extra_at.key(key));
                out.insert(key.clone(), value.clone());
            }
        }
        if rule && !out.contains_key("@odata.type") {
            self.lost
                .push((orig.clone(), graph_rule_lost(self.context_id.as_deref())));
        }
        Value::Object(out)
    }

    // --- Az.Resources

    /// A flattened Az object: each member goes to the path its table gives (or to
    /// `properties.<camelCase>`); nested objects the flattening made are rebuilt.
    fn az_flat(
        &mut self,
        obj: &Map<String, Value>,
        orig: &Pointer,
        conv: &Pointer,
        table: &[(&str, &[&str])],
    ) -> Value {
        let mut out = Value::Object(Map::new());
        let mut lost = Vec::new();
        for (key, value) in obj {
            let fallback = ["properties".to_owned(), camel(key)];
            let path: Vec<String> = match table.iter().find(|(k, _)| k == key) {
                Some((_, [])) => continue,
                Some((_, path)) => path.iter().map(|s| (*s).to_owned()).collect(),
                None => fallback.to_vec(),
            };
            let member_orig = orig.key(key);
            let mut member_conv = conv.clone();
            for step in &path {
                member_conv = member_conv.key(step);
                // The flattening made these containers; point them at the member that
                // first fills them, and `properties` at the object itself.
                if !self.map.origins.contains_key(member_conv.as_str()) {
                    let origin = if step == "properties" {
                        orig
                    } else {
                        &member_orig
                    };
                    self.map.link(&member_conv, origin);
                }
            }
            self.map.link(&member_conv, &member_orig);
            let converted = match key.as_str() {
                "Rule" | "EffectiveRule" => self.az_rules(value, &member_orig, &member_conv),
                _ => self.az_leaf(value, &member_orig, &member_conv),
            };
            match converted {
                Some(v) => put(&mut out, &path, v),
                None => lost.push(
                    path.iter()
                        .skip_while(|s| *s == "properties")
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("."),
                ),
            }
        }
        if !lost.is_empty() {
            self.lost
                .push((orig.clone(), az_lost(&lost, self.context_id.as_deref())));
        }
        collapse_stubs(&mut out, true);
        out
    }

    /// A value with nothing to rename; `None` for an enum written as `{}`.
    fn az_leaf(&mut self, value: &Value, orig: &Pointer, conv: &Pointer) -> Option<Value> {
        self.map.link(conv, orig);
        match value {
            Value::Object(o) if o.is_empty() => None,
            Value::String(s) => Some(scalar_text(s)),
            Value::Object(o) => {
                let mut out = Map::new();
                for (k, v) in o {
                    let name = camel(k);
                    if let Some(v) = self.az_leaf(v, &orig.key(k), &conv.key(&name)) {
                        out.insert(name, v);
                    }
                }
                Some(Value::Object(out))
            }
            Value::Array(items) => Some(Value::Array(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| self.az_leaf(v, &orig.index(i), &conv.index(i)))
                    .collect(),
            )),
            other => Some(other.clone()),
        }
    }

    fn az_rules(&mut self, value: &Value, orig: &Pointer, conv: &Pointer) -> Option<Value> {
        let Value::Array(items) = value else {
            return self.az_leaf(value, orig, conv);
        };
        Some(Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::Object(o) => self.az_rule(o, &orig.index(i), &conv.index(i)),
                    other => other.clone(),
                })
                .collect(),
        ))
    }

    fn az_rule(&mut self, obj: &Map<String, Value>, orig: &Pointer, conv: &Pointer) -> Value {
        self.map.link(conv, orig);
        let mut out = Map::new();
        let mut lost = Vec::new();
        let has_target = obj.get("Target").is_some_and(Value::is_object);
        let mut setting = Map::new();
        for (key, value) in obj {
            let member_orig = orig.key(key);
            match key.as_str() {
                "RuleType" => {
                    let rule_type = match value {
                        Value::String(s) => Some(s.clone()),
                        // The subtype's own members say which class the SDK built from
                        // ruleType, so the value is known even though it was written as {}.
                        _ => az_rule_type(obj).map(str::to_owned),
                    };
                    self.map.link(&conv.key("ruleType"), &member_orig);
                    match rule_type {
                        Some(t) => {
                            out.insert("ruleType".to_owned(), Value::String(t));
                        }
                        None => lost.push("ruleType".to_owned()),
                    }
                }
                "Target" => {
                    let target_conv = conv.key("target");
                    self.map.link(&target_conv, &member_orig);
                    let target = match value {
                        Value::Object(t) => {
                            let mut target = Map::new();
                            for (k, v) in t {
                                let name = az_target_name(k);
                                let c = target_conv.key(&name);
                                match self.az_leaf(v, &member_orig.key(k), &c) {
                                    Some(v) => {
                                        target.insert(name, v);
                                    }
                                    None => lost.push(format!("target.{name}")),
                                }
                            }
                            Value::Object(target)
                        }
                        other => other.clone(),
                    };
                    out.insert("target".to_owned(), target);
                }
                // The flattened copy of Target; read only when Target itself is missing.
                k if k.starts_with("Target") && k.len() > "Target".len() => {
                    if has_target {
                        continue;
                    }
                    let name = az_target_name(&k["Target".len()..]);
                    let c = conv.key("target").key(&name);
                    if !self.map.origins.contains_key(conv.key("target").as_str()) {
                        self.map.link(&conv.key("target"), orig);
                    }
                    match self.az_leaf(value, &member_orig, &c) {
                        Some(v) => {
                            let target = out
                                .entry("target")
                                .or_insert_with(|| Value::Object(Map::new()));
                            if let Value::Object(t) = target {
                                t.insert(name, v);
                            }
                        }
                        None => lost.push(format!("target.{name}")),
                    }
                }
                "EnabledRule" => {
                    let c = conv.key("enabledRules");
                    self.map.link(&c, &member_orig);
                    match value {
                        Value::Array(items) if items.iter().any(|v| !v.is_string()) => {
                            lost.push(format!("enabledRules ({} values)", items.len()));
                        }
                        other => {
                            out.insert("enabledRules".to_owned(), other.clone());
                        }
                    }
                }
                "NotificationRecipient" => {
                    let c = conv.key("notificationRecipients");
                    if let Some(v) = self.az_leaf(value, &member_orig, &c) {
                        out.insert("notificationRecipients".to_owned(), v);
                    }
                }
                k if k.starts_with("Setting") && k.len() > "Setting".len() => {
                    let setting_conv = conv.key("setting");
                    if !self.map.origins.contains_key(setting_conv.as_str()) {
                        self.map.link(&setting_conv, orig);
                    }
                    let name = camel(&k["Setting".len()..]);
                    let c = setting_conv.key(&name);
                    let converted = if name == "approvalStage" {
                        self.map
                            .link(&setting_conv.key("approvalStages"), &member_orig);
                        Some(self.az_stages(
                            value,
                            &member_orig,
                            &setting_conv.key("approvalStages"),
                        ))
                    } else {
                        self.az_leaf(value, &member_orig, &c)
                    };
                    let name = if name == "approvalStage" {
                        "approvalStages".to_owned()
                    } else {
                        name
                    };
                    match converted {
                        Some(v) => {
                            setting.insert(name, v);
                        }
                        None => lost.push(format!("setting.{name}")),
                    }
                }
                _ => {
                    let name = camel(key);
                    match self.az_leaf(value, &member_orig, &conv.key(&name)) {
                        Some(v) => {
                            out.insert(name, v);
                        }
                        None => lost.push(name),
                    }
                }
            }
        }
        if !setting.is_empty() {
            out.insert("setting".to_owned(), Value::Object(setting));
        }
        if !lost.is_empty() {
            self.lost
                .push((orig.clone(), az_lost(&lost, self.context_id.as_deref())));
        }
        Value::Object(out)
    }

    fn az_stages(&mut self, value: &Value, orig: &Pointer, conv: &Pointer) -> Value {
        let Value::Array(stages) = value else {
            return value.clone();
        };
        let mut out = Vec::with_capacity(stages.len());
        for (i, stage) in stages.iter().enumerate() {
            let (stage_orig, stage_conv) = (orig.index(i), conv.index(i));
            self.map.link(&stage_conv, &stage_orig);
            let Value::Object(stage) = stage else {
                out.push(stage.clone());
                continue;
            };
            let mut converted = Map::new();
            for (key, v) in stage {
                let name = match key.as_str() {
                    "TimeOutInDay" => "approvalStageTimeOutInDays".to_owned(),
                    "EscalationTimeInMinute" => "escalationTimeInMinutes".to_owned(),
                    "PrimaryApprover" => "primaryApprovers".to_owned(),
                    "EscalationApprover" => "escalationApprovers".to_owned(),
                    other => camel(other),
                };
                let (o, c) = (stage_orig.key(key), stage_conv.key(&name));
                self.map.link(&c, &o);
                let v = if name.ends_with("Approvers") {
                    self.az_approvers(v, &o, &c)
                } else {
                    self.az_leaf(v, &o, &c).unwrap_or(Value::Null)
                };
                converted.insert(name, v);
            }
            out.push(Value::Object(converted));
        }
        Value::Array(out)
    }

    fn az_approvers(&mut self, value: &Value, orig: &Pointer, conv: &Pointer) -> Value {
        let Value::Array(items) = value else {
            return value.clone();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let (o, c) = (orig.index(i), conv.index(i));
            self.map.link(&c, &o);
            let Value::Object(approver) = item else {
                out.push(item.clone());
                continue;
            };
            let mut converted = Map::new();
            let mut lost = Vec::new();
            for (key, v) in approver {
                let name = camel(key);
                match self.az_leaf(v, &o.key(key), &c.key(&name)) {
                    Some(v) => {
                        converted.insert(name, v);
                    }
                    None => lost.push(name),
                }
            }
            if !lost.is_empty() {
                self.lost
                    .push((o, az_lost(&lost, self.context_id.as_deref())));
            }
            out.push(Value::Object(converted));
        }
        Value::Array(out)
    }
}

/// ARM names of the members of an Az rule target (singular in Az).
fn az_target_name(key: &str) -> String {
    match key {
        "Operation" => "operations".to_owned(),
        "EnforcedSetting" => "enforcedSettings".to_owned(),
        "InheritableSetting" => "inheritableSettings".to_owned(),
        "TargetObject" | "Object" => "targetObjects".to_owned(),
        other => camel(other),
    }
}

/// The ARM rule type of an Az rule, from the members only its subtype declares.
fn az_rule_type(obj: &Map<String, Value>) -> Option<&'static str> {
    let has = |k: &str| obj.contains_key(k);
    if has("IsExpirationRequired") || has("MaximumDuration") {
        Some("RoleManagementPolicyExpirationRule")
    } else if has("EnabledRule") {
        Some("RoleManagementPolicyEnablementRule")
    } else if obj.keys().any(|k| k.starts_with("Setting")) {
        Some("RoleManagementPolicyApprovalRule")
    } else if has("ClaimValue") || has("IsEnabled") {
        Some("RoleManagementPolicyAuthenticationContextRule")
    } else if has("NotificationRecipient")
        || has("IsDefaultRecipientsEnabled")
        || has("NotificationLevel")
        || has("RecipientType")
    {
        Some("RoleManagementPolicyNotificationRule")
    } else {
        None
    }
}

/// Sets `path` in `target`, creating the objects on the way.
fn put(target: &mut Value, path: &[String], value: Value) {
    let Some((last, init)) = path.split_last() else {
        return;
    };
    let mut node = target;
    for step in init {
        let Value::Object(map) = node else {
            return;
        };
        node = map
            .entry(step.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if let Value::Object(map) = node {
        map.insert(last.clone(), value);
    }
}

/// Rebuilt containers whose members were all `null` (Az flattens a `null` object into
/// `null` members) become `null`, as the API wrote them.
fn collapse_stubs(value: &mut Value, top: bool) {
    match value {
        Value::Object(map) => {
            for v in map.values_mut() {
                collapse_stubs(v, false);
            }
            if !top && is_stub(map) {
                *value = Value::Null;
            }
        }
        Value::Array(items) => {
            for v in items {
                collapse_stubs(v, false);
            }
        }
        _ => {}
    }
}

type Table = &'static [(&'static str, &'static [&'static str])];

const AZ_POLICY: Table = &[
    ("Description", &["properties", "description"]),
    ("DisplayName", &["properties", "displayName"]),
    ("EffectiveRule", &["properties", "effectiveRules"]),
    ("Id", &["id"]),
    (
        "IsOrganizationDefault",
        &["properties", "isOrganizationDefault"],
    ),
    (
        "LastModifiedByDisplayName",
        &["properties", "lastModifiedBy", "displayName"],
    ),
    (
        "LastModifiedByEmail",
        &["properties", "lastModifiedBy", "email"],
    ),
    ("LastModifiedById", &["properties", "lastModifiedBy", "id"]),
    (
        "LastModifiedByType",
        &["properties", "lastModifiedBy", "type"],
    ),
    (
        "LastModifiedDateTime",
        &["properties", "lastModifiedDateTime"],
    ),
    ("Name", &["name"]),
    // Computed by the cmdlet from Id; not an API member.
    ("ResourceGroupName", &[]),
    ("Rule", &["properties", "rules"]),
    ("Scope", &["properties", "scope"]),
    (
        "ScopeDisplayName",
        &["properties", "policyProperties", "scope", "displayName"],
    ),
    (
        "ScopeId",
        &["properties", "policyProperties", "scope", "id"],
    ),
    (
        "ScopeType",
        &["properties", "policyProperties", "scope", "type"],
    ),
    ("Type", &["type"]),
];

const AZ_ASSIGNMENT: Table = &[
    ("Id", &["id"]),
    (
        "LastModifiedByDisplayName",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedBy",
            "displayName",
        ],
    ),
    (
        "LastModifiedByEmail",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedBy",
            "email",
        ],
    ),
    (
        "LastModifiedById",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedBy",
            "id",
        ],
    ),
    (
        "LastModifiedByType",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedBy",
            "type",
        ],
    ),
    ("Name", &["name"]),
    (
        "PolicyAssignmentPropertiesPolicyId",
        &["properties", "policyAssignmentProperties", "policy", "id"],
    ),
    (
        "PolicyAssignmentPropertiesRoleDefinitionId",
        &[
            "properties",
            "policyAssignmentProperties",
            "roleDefinition",
            "id",
        ],
    ),
    ("PolicyId", &["properties", "policyId"]),
    (
        "PolicyLastModifiedDateTime",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedDateTime",
        ],
    ),
    ("ResourceGroupName", &[]),
    (
        "RoleDefinitionDisplayName",
        &[
            "properties",
            "policyAssignmentProperties",
            "roleDefinition",
            "displayName",
        ],
    ),
    (
        "RoleDefinitionType",
        &[
            "properties",
            "policyAssignmentProperties",
            "roleDefinition",
            "type",
        ],
    ),
    ("RoleDefinitionId", &["properties", "roleDefinitionId"]),
    ("Scope", &["properties", "scope"]),
    (
        "ScopeDisplayName",
        &[
            "properties",
            "policyAssignmentProperties",
            "scope",
            "displayName",
        ],
    ),
    (
        "ScopeId",
        &["properties", "policyAssignmentProperties", "scope", "id"],
    ),
    (
        "ScopeType",
        &["properties", "policyAssignmentProperties", "scope", "type"],
    ),
    ("Type", &["type"]),
];

/// Eligibility and assignment requests alike; members not listed (`TargetRole…ScheduleId`,
/// `LinkedRoleEligibilityScheduleId`, …) go to `properties` under their camelCase name.
const AZ_REQUEST: Table = &[
    (
        "ExpandedPropertiesPrincipalId",
        &["properties", "expandedProperties", "principal", "id"],
    ),
    (
        "ExpandedPropertiesPrincipalType",
        &["properties", "expandedProperties", "principal", "type"],
    ),
    (
        "ExpandedPropertiesRoleDefinitionId",
        &["properties", "expandedProperties", "roleDefinition", "id"],
    ),
    (
        "ExpirationDuration",
        &["properties", "scheduleInfo", "expiration", "duration"],
    ),
    (
        "ExpirationEndDateTime",
        &["properties", "scheduleInfo", "expiration", "endDateTime"],
    ),
    (
        "ExpirationType",
        &["properties", "scheduleInfo", "expiration", "type"],
    ),
    ("Id", &["id"]),
    ("Name", &["name"]),
    (
        "PrincipalDisplayName",
        &[
            "properties",
            "expandedProperties",
            "principal",
            "displayName",
        ],
    ),
    (
        "PrincipalEmail",
        &["properties", "expandedProperties", "principal", "email"],
    ),
    ("ResourceGroupName", &[]),
    (
        "RoleDefinitionDisplayName",
        &[
            "properties",
            "expandedProperties",
            "roleDefinition",
            "displayName",
        ],
    ),
    (
        "RoleDefinitionType",
        &["properties", "expandedProperties", "roleDefinition", "type"],
    ),
    (
        "ScheduleInfoStartDateTime",
        &["properties", "scheduleInfo", "startDateTime"],
    ),
    (
        "ScopeDisplayName",
        &["properties", "expandedProperties", "scope", "displayName"],
    ),
    (
        "ScopeId",
        &["properties", "expandedProperties", "scope", "id"],
    ),
    (
        "ScopeType",
        &["properties", "expandedProperties", "scope", "type"],
    ),
    (
        "TicketInfoTicketNumber",
        &["properties", "ticketInfo", "ticketNumber"],
    ),
    (
        "TicketInfoTicketSystem",
        &["properties", "ticketInfo", "ticketSystem"],
    ),
    ("Type", &["type"]),
];

// --- ScubaGear

/// `{"value": [...]}`: per privileged role, its own policy's rules as a policy assignment
/// with the policy expanded (the role is known, the policy's id is not), and the rules of
/// each PIM-for-Groups group as a policy of scope type Group.
fn scubagear(obj: &Map<String, Value>) -> Result<Converted, ExportError> {
    let mut conv = Conv::new(SCUBAGEAR);
    let privileged_at = Pointer::root().key("privileged_roles");
    let privileged = obj
        .get("privileged_roles")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    // Other providers' sections may be cut short harmlessly; only the rules matter here.
    for (r, role) in privileged.iter().enumerate() {
        if let Some(rules) = role.get("Rules") {
            check_depth(rules, &privileged_at.index(r).key("Rules"), SCUBAGEAR)?;
        }
    }
    conv.map.link(&Pointer::root().key("value"), &privileged_at);
    let mut docs = Vec::new();
    for (r, role) in privileged.iter().enumerate() {
        let role_at = privileged_at.index(r);
        let Some(role) = role.as_object() else {
            continue;
        };
        let Some(rules) = role.get("Rules").and_then(Value::as_array) else {
            conv.lost.push((
                role_at,
                "ScubaGear exported no PIM rules for this role (it exports them only when the \
                 tenant has a Microsoft Entra ID P2 licence), so there is nothing to check"
                    .to_owned(),
            ));
            continue;
        };
        let rules_at = role_at.key("Rules");
        // (PIM group name or None for the role's own policy, rule indices), in file order.
        let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
        for (j, rule) in rules.iter().enumerate() {
            let group = (rule.get("RuleSourceType").and_then(Value::as_str) == Some("PIM Group"))
                .then(|| rule.get("RuleSource").and_then(Value::as_str).unwrap_or(""));
            match groups.iter_mut().find(|(g, _)| *g == group) {
                Some((_, list)) => list.push(j),
                None => groups.push((group, vec![j])),
            }
        }
        for (group, indices) in groups {
            let doc_at = Pointer::root().key("value").index(docs.len());
            conv.map.link(&doc_at, &role_at);
            let list_at = if group.is_none() {
                doc_at.key("policy").key("rules")
            } else {
                doc_at.key("rules")
            };
            conv.map.link(&list_at, &rules_at);
            let converted: Vec<Value> = indices
                .iter()
                .enumerate()
                .map(|(k, &j)| {
                    let (orig, at) = (rules_at.index(j), list_at.index(k));
                    conv.map.link(&at, &orig);
                    match &rules[j] {
                        Value::Object(o) => conv.graph_object(o, &orig, &at, true),
                        other => other.clone(),
                    }
                })
                .collect();
            let mut doc = Map::new();
            conv.map.link(&doc_at.key("@odata.type"), &role_at);
            if group.is_none() {
                doc.insert(
                    "@odata.type".to_owned(),
                    Value::String(
                        "#microsoft.graph.unifiedRoleManagementPolicyAssignment".to_owned(),
                    ),
                );
                if let Some(id) = role.get("RoleTemplateId").filter(|v| v.is_string()) {
                    conv.map.link(
                        &doc_at.key("roleDefinitionId"),
                        &role_at.key("RoleTemplateId"),
                    );
                    doc.insert("roleDefinitionId".to_owned(), id.clone());
                }
                conv.map.link(&doc_at.key("policy"), &role_at);
                let mut policy = Map::new();
                policy.insert("rules".to_owned(), Value::Array(converted));
                doc.insert("policy".to_owned(), Value::Object(policy));
            } else {
                doc.insert(
                    "@odata.type".to_owned(),
                    Value::String("#microsoft.graph.unifiedRoleManagementPolicy".to_owned()),
                );
                if let Some(&first) = indices.first() {
                    conv.map.link(
                        &doc_at.key("scopeType"),
                        &rules_at.index(first).key("RuleSourceType"),
                    );
                }
                doc.insert("scopeType".to_owned(), Value::String("Group".to_owned()));
                doc.insert("rules".to_owned(), Value::Array(converted));
            }
            docs.push(Value::Object(doc));
        }
    }
    let mut value = Map::new();
    value.insert("value".to_owned(), Value::Array(docs));
    Ok(conv.finish(Value::Object(value)))
}

#[cfg(test)]
#[allow(clippy::many_single_char_names)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Fixture bytes as PowerShell wrote them: UTF-8 (with or without a BOM) or UTF-16LE
    /// with a BOM (Windows PowerShell 5.1 `Out-File`).
    fn parse(bytes: &[u8]) -> Value {
        let text = match bytes {
            [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).unwrap(),
            [0xFF, 0xFE, rest @ ..] => {
                let units: Vec<u16> = rest
                    .chunks(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16(&units).unwrap()
            }
            _ => String::from_utf8(bytes.to_vec()).unwrap(),
        };
        serde_json::from_str(&text).unwrap()
    }

    macro_rules! fixture {
        ($name:literal) => {
            parse(include_bytes!(concat!(
                "../../../tests/fixtures/powershell/",
                $name
            )))
        };
    }

    fn ok(value: &Value) -> Converted {
        convert(value).expect("recognised").expect("converted")
    }

    fn p(text: &str) -> Pointer {
        Pointer::parse(text).unwrap()
    }

    /// The original pointer for `converted`, checked to resolve in the original.
    fn origin<'a>(c: &Converted, original: &'a Value, converted: &str) -> (String, &'a Value) {
        let at = c.pointers.original(&p(converted));
        let found = original
            .pointer(at.as_str())
            .unwrap_or_else(|| panic!("{converted} maps to {at}, which is not in the file"));
        (at.as_str().to_owned(), found)
    }

    /// Every node of the converted value maps to a node that exists in the original, and
    /// every recorded origin exists.
    fn assert_all_pointers_resolve(c: &Converted, original: &Value) {
        fn walk(v: &Value, at: &Pointer, out: &mut Vec<Pointer>) {
            out.push(at.clone());
            match v {
                Value::Object(o) => o.iter().for_each(|(k, v)| walk(v, &at.key(k), out)),
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .for_each(|(i, v)| walk(v, &at.index(i), out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        walk(&c.value, &Pointer::root(), &mut all);
        for at in all {
            let orig = c.pointers.original(&at);
            assert!(
                original.pointer(orig.as_str()).is_some(),
                "{at} maps to {orig}, not in the file"
            );
        }
        for orig in c.pointers.origins.values() {
            assert!(original.pointer(orig.as_str()).is_some(), "{orig}");
        }
        for (at, _) in &c.lost {
            assert!(original.pointer(at.as_str()).is_some(), "lost at {at}");
        }
    }

    fn index_of(rules: &Value, id: &str) -> usize {
        rules
            .as_array()
            .unwrap()
            .iter()
            .position(|r| r.get("id").or_else(|| r.get("Id")) == Some(&json!(id)))
            .unwrap_or_else(|| panic!("no rule {id}"))
    }

    fn check_graph_rule_list(original: &Value, duration: &str) {
        let c = ok(original);
        assert_eq!(c.writer, GRAPH_SDK);
        assert!(c.lost.is_empty(), "{:?}", c.lost);
        let rules = c.value.as_array().unwrap();
        assert_eq!(rules.len(), 17);
        for rule in rules {
            let t = rule["@odata.type"].as_str().unwrap();
            assert!(
                t.starts_with("#microsoft.graph.unifiedRoleManagementPolicy"),
                "{t}"
            );
            assert!(rule["target"]["operations"].is_array());
            assert!(rule.get("Id").is_none() && rule.get("AdditionalProperties").is_none());
        }
        let i = index_of(&c.value, "Expiration_EndUser_Assignment");
        assert_eq!(c.value[i]["maximumDuration"], duration);
        assert_eq!(c.value[i]["isExpirationRequired"], true);
        let (at, v) = origin(&c, original, &format!("/{i}/maximumDuration"));
        assert_eq!(at, format!("/{i}/AdditionalProperties/maximumDuration"));
        assert_eq!(v, duration);
        let (at, _) = origin(&c, original, &format!("/{i}/target/caller"));
        assert_eq!(at, format!("/{i}/Target/Caller"));
        let e = index_of(&c.value, "Enablement_EndUser_Assignment");
        let enabled = &c.value[e]["enabledRules"];
        assert!(
            enabled
                .as_array()
                .unwrap()
                .contains(&json!("MultiFactorAuthentication"))
        );
        assert_eq!(
            enabled,
            &original[e]["AdditionalProperties"]["enabledRules"]
        );
        let a = index_of(&c.value, "Approval_EndUser_Assignment");
        let approver = &c.value[a]["setting"]["approvalStages"][0]["primaryApprovers"][0];
        assert_eq!(
            approver,
            &original[a]["AdditionalProperties"]["setting"]["approvalStages"][0]["primaryApprovers"]
                [0]
        );
        assert!(approver["@odata.type"].is_string());
        let (at, _) = origin(
            &c,
            original,
            &format!("/{a}/setting/approvalStages/0/primaryApprovers/0/id"),
        );
        assert_eq!(
            at,
            format!("/{a}/AdditionalProperties/setting/approvalStages/0/primaryApprovers/0/id")
        );
        assert_all_pointers_resolve(&c, original);
    }

    #[test]
    fn graph_sdk_rule_lists() {
        check_graph_rule_list(&fixture!("graph-sdk-policy-rules-list.json"), "PT8H");
        check_graph_rule_list(&fixture!("graph-sdk-beta-policy-rules-list.json"), "PT4H");
        check_graph_rule_list(&fixture!("graph-sdk-policy-rules-list-ps51.json"), "PT8H");
    }

    #[test]
    fn ps51_rule_list_matches_ps7() {
        let ps7 = ok(&fixture!("graph-sdk-policy-rules-list.json"));
        let ps51 = ok(&fixture!("graph-sdk-policy-rules-list-ps51.json"));
        assert_eq!(ps7.value, ps51.value);
    }

    fn check_expanded_policy(original: &Value, scope_type: &str) {
        let c = ok(original);
        assert_eq!(c.writer, GRAPH_SDK);
        let policy = &c.value;
        assert_eq!(policy["scopeType"], scope_type);
        assert_eq!(policy["isOrganizationDefault"], false);
        assert!(
            policy["@odata.context"]
                .as_str()
                .unwrap()
                .contains("roleManagementPolicies")
        );
        if scope_type == "Group" {
            // All-null stub: the API sent no lastModifiedBy.
            assert!(policy["lastModifiedBy"].is_null());
        } else {
            assert_eq!(policy["lastModifiedBy"]["displayName"], "Megan Bowen");
        }
        assert!(policy["effectiveRules"].is_null());
        let rules = policy["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 17);
        // Only id and target survive; the rest is reported, not guessed.
        for rule in rules {
            let keys: Vec<&str> = rule
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, ["id", "target"]);
        }
        assert_eq!(c.lost.len(), 17);
        let id = original["Id"].as_str().unwrap();
        for (k, (at, message)) in c.lost.iter().enumerate() {
            assert_eq!(at.as_str(), format!("/Rules/{k}"));
            assert!(message.contains("AdditionalProperties"), "{message}");
            assert!(message.contains(id), "{message}");
            assert!(
                message.contains("Get-MgPolicyRoleManagementPolicyRule"),
                "{message}"
            );
        }
        let (at, v) = origin(&c, original, "/rules/3/target/caller");
        assert_eq!(at, "/Rules/3/Target/Caller");
        assert_eq!(v, &policy["rules"][3]["target"]["caller"]);
        // A member the export lost maps to its rule, plus the rest of the path.
        assert_eq!(
            c.pointers.original(&p("/rules/0/maximumDuration")).as_str(),
            "/Rules/0/maximumDuration"
        );
        assert_all_pointers_resolve(&c, original);
    }

    #[test]
    fn graph_sdk_expanded_policies_lose_rule_settings() {
        check_expanded_policy(
            &fixture!("graph-sdk-policy-expand-rules.json"),
            "DirectoryRole",
        );
        check_expanded_policy(&fixture!("graph-sdk-beta-policy.json"), "Group");
    }

    #[test]
    fn graph_sdk_policy_assignment() {
        let original = fixture!("graph-sdk-policy-assignment-expanded.json");
        let c = ok(&original);
        let a = &c.value;
        assert_eq!(
            a["roleDefinitionId"],
            "62e90394-69f5-4237-9190-012177145e10"
        );
        assert_eq!(a["scopeId"], "/");
        assert_eq!(a["policyId"], original["PolicyId"]);
        assert_eq!(a["policy"]["rules"].as_array().unwrap().len(), 17);
        assert_eq!(
            a["policy"]["rules"][0]["id"],
            "Expiration_Admin_Eligibility"
        );
        assert_eq!(c.lost.len(), 17);
        assert_eq!(c.lost[0].0.as_str(), "/Policy/Rules/0");
        let (at, _) = origin(&c, &original, "/policy/rules/5/target/level");
        assert_eq!(at, "/Policy/Rules/5/Target/Level");
        assert_all_pointers_resolve(&c, &original);
    }

    #[test]
    fn truncated_exports_are_errors_with_the_pointer() {
        for original in [
            fixture!("graph-sdk-policy-depth-2-truncated.json"),
            fixture!("graph-sdk-policy-rules-list-depth-2-truncated.json"),
        ] {
            let err = convert(&original).expect("recognised").unwrap_err();
            assert!(err.message.contains("-Depth 20"), "{}", err.message);
            assert!(
                err.message.contains(err.pointer.as_str()),
                "{}",
                err.message
            );
            let found = original.pointer(err.pointer.as_str()).unwrap();
            assert!(found.is_string(), "{found}");
        }
        let err = convert(&fixture!("graph-sdk-policy-depth-2-truncated.json"))
            .unwrap()
            .unwrap_err();
        assert_eq!(err.pointer.as_str(), "/Rules/0/Target");
        assert!(
            err.message
                .contains("MicrosoftGraphUnifiedRoleManagementPolicyRuleTarget")
        );
        let err = convert(&fixture!(
            "graph-sdk-policy-rules-list-depth-2-truncated.json"
        ))
        .unwrap()
        .unwrap_err();
        assert_eq!(err.pointer.as_str(), "/0/Target/EnforcedSettings");
        // Only the setting dictionary, deeper, is a type name.
        let setting = json!([{"Id": "Approval_EndUser_Assignment", "Target": {"Operations": ["All"]},
            "AdditionalProperties": {"setting": "System.Collections.Generic.Dictionary`2[System.String,System.Object]"}}]);
        let err = convert(&setting).unwrap().unwrap_err();
        assert_eq!(err.pointer.as_str(), "/0/AdditionalProperties/setting");
    }

    #[test]
    fn graph_sdk_eligibility_request() {
        let original = fixture!("graph-sdk-eligibility-request.json");
        let c = ok(&original);
        let r = &c.value;
        assert_eq!(r["action"], "adminAssign");
        assert_eq!(r["principalId"], "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8");
        assert_eq!(r["directoryScopeId"], "/");
        assert_eq!(r["scheduleInfo"]["startDateTime"], "2026-12-01T00:00:00Z");
        assert_eq!(r["scheduleInfo"]["expiration"]["type"], "afterDateTime");
        assert_eq!(
            r["scheduleInfo"]["expiration"]["endDateTime"],
            "2027-06-01T00:00:00Z"
        );
        assert!(r["scheduleInfo"]["expiration"]["duration"].is_null());
        // All-null stubs are the SDK's, not the API's.
        assert!(r["scheduleInfo"]["recurrence"].is_null());
        assert!(r["roleDefinition"].is_null());
        assert!(r["createdBy"]["application"].is_null());
        assert_eq!(
            r["createdBy"]["user"]["id"],
            "0e4c6a8b-2d1f-4a3c-9b5e-7f6d8c0a2e4b"
        );
        assert!(
            r["@odata.context"]
                .as_str()
                .unwrap()
                .ends_with("roleEligibilityScheduleRequests/$entity")
        );
        assert!(r.get("@odata.type").is_none());
        let (at, _) = origin(&c, &original, "/scheduleInfo/expiration/endDateTime");
        assert_eq!(at, "/ScheduleInfo/Expiration/EndDateTime");
        assert!(c.lost.is_empty());
        assert_all_pointers_resolve(&c, &original);
    }

    #[test]
    fn graph_sdk_self_activation_timespan() {
        let original = fixture!("graph-sdk-assignment-request-self-activate.json");
        let c = ok(&original);
        let r = &c.value;
        assert_eq!(r["action"], "selfActivate");
        assert_eq!(r["scheduleInfo"]["expiration"]["duration"], "PT4H");
        assert_eq!(r["scheduleInfo"]["expiration"]["type"], "afterDuration");
        assert_eq!(r["ticketInfo"]["ticketNumber"], "INC-20931");
        assert_eq!(r["ticketInfo"]["ticketSystem"], "ServiceNow");
        assert!(r["activatedUsing"].is_null());
        assert!(r["targetSchedule"].is_null());
        let (at, v) = origin(&c, &original, "/scheduleInfo/expiration/duration");
        assert_eq!(at, "/ScheduleInfo/Expiration/Duration");
        assert_eq!(v["Ticks"], 144_000_000_000_u64);
        assert_all_pointers_resolve(&c, &original);
    }

    #[test]
    fn windows_powershell_dates() {
        let original = fixture!("windows-powershell-5.1-dates.json");
        let c = ok(&original);
        let r = &c.value;
        assert_eq!(r["scheduleInfo"]["startDateTime"], "2026-12-01T00:00:00Z");
        assert_eq!(
            r["scheduleInfo"]["expiration"]["endDateTime"],
            "2027-06-01T00:00:00Z"
        );
        assert_eq!(r["createdDateTime"], "2026-11-20T09:14:03.236Z");
        assert_eq!(r["completedDateTime"], "2026-11-20T09:14:04.627Z");
        assert!(r["ticketInfo"].is_null());
        let (at, v) = origin(&c, &original, "/createdDateTime");
        assert_eq!(at, "/CreatedDateTime");
        assert_eq!(v, "/Date(1795166043236)/");
        // Same request as the PowerShell 7 fixture, but for the precision 5.1 drops.
        let ps7 = ok(&fixture!("graph-sdk-eligibility-request.json")).value;
        assert_eq!(r["scheduleInfo"], ps7["scheduleInfo"]);
        assert_eq!(r["justification"], ps7["justification"]);
        assert_all_pointers_resolve(&c, &original);
    }

    #[test]
    fn request_lists_say_which_request_they_are() {
        let list = json!([
            {"Action": "adminAssign", "PrincipalId": "p", "ScheduleInfo": {"StartDateTime": null}, "AdditionalProperties": {}},
            {"Action": "adminAssign", "ActivatedUsing": {"Id": null}, "PrincipalId": "p", "ScheduleInfo": {"StartDateTime": null}, "AdditionalProperties": {}},
            {"Action": "adminAssign", "PrincipalId": "p", "GroupId": "g", "AccessId": "member", "ScheduleInfo": {"StartDateTime": null}}
        ]);
        let c = ok(&list);
        assert_eq!(
            c.value[0]["@odata.type"],
            "#microsoft.graph.unifiedRoleEligibilityScheduleRequest"
        );
        assert_eq!(
            c.value[1]["@odata.type"],
            "#microsoft.graph.unifiedRoleAssignmentScheduleRequest"
        );
        assert_eq!(
            c.value[2]["@odata.type"],
            "#microsoft.graph.privilegedAccessGroupEligibilityScheduleRequest"
        );
        assert_eq!(c.value[2]["groupId"], "g");
        assert!(c.value[0]["scheduleInfo"].is_null());
        assert_all_pointers_resolve(&c, &list);
    }

    #[test]
    fn az_policy() {
        let original = fixture!("az-role-management-policy.json");
        let c = ok(&original);
        assert_eq!(c.writer, AZ);
        let v = &c.value;
        assert_eq!(v["id"], original["Id"]);
        assert_eq!(v["name"], original["Name"]);
        assert_eq!(v["type"], "Microsoft.Authorization/roleManagementPolicies");
        let props = &v["properties"];
        assert_eq!(
            props["scope"],
            "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
        );
        assert_eq!(props["isOrganizationDefault"], false);
        assert_eq!(props["lastModifiedBy"]["displayName"], "Megan Bowen");
        assert_eq!(props["policyProperties"]["scope"]["type"], "subscription");
        assert!(v.get("ResourceGroupName").is_none() && props.get("resourceGroupName").is_none());
        let rules = &props["rules"];
        assert_eq!(rules.as_array().unwrap().len(), 17);
        assert_eq!(props["effectiveRules"].as_array().unwrap().len(), 17);
        for rule in rules.as_array().unwrap() {
            let t = rule["ruleType"].as_str().unwrap();
            let id = rule["id"].as_str().unwrap();
            let prefix = id.split('_').next().unwrap();
            assert_eq!(t, format!("RoleManagementPolicy{prefix}Rule"), "{id}");
            assert!(rule["target"]["operations"].is_array());
            assert!(rule["target"].get("operation").is_none());
            assert!(rule.get("targetCaller").is_none());
        }
        let i = index_of(rules, "Expiration_EndUser_Assignment");
        assert_eq!(rules[i]["maximumDuration"], "PT8H");
        let (at, _) = origin(
            &c,
            &original,
            &format!("/properties/rules/{i}/maximumDuration"),
        );
        assert_eq!(at, format!("/Rule/{i}/MaximumDuration"));
        let (at, _) = origin(
            &c,
            &original,
            &format!("/properties/rules/{i}/target/operations/0"),
        );
        assert_eq!(at, format!("/Rule/{i}/Target/Operation/0"));
        // Enablement: [] is known, [{}, {}] is not.
        let e = index_of(rules, "Enablement_Admin_Eligibility");
        assert_eq!(rules[e]["enabledRules"], json!([]));
        let e = index_of(rules, "Enablement_EndUser_Assignment");
        assert!(rules[e].get("enabledRules").is_none());
        let lost = |at: String| {
            c.lost.iter().find(|(p, _)| p.as_str() == at).map_or_else(
                || panic!("nothing lost at {at}: {:?}", c.lost),
                |(_, m)| m.clone(),
            )
        };
        assert!(lost(format!("/Rule/{e}")).contains("enabledRules (2 values)"));
        let a = index_of(rules, "Approval_EndUser_Assignment");
        let setting = &rules[a]["setting"];
        assert_eq!(setting["isApprovalRequired"], true);
        assert!(setting.get("approvalMode").is_none());
        let stage = &setting["approvalStages"][0];
        assert_eq!(stage["approvalStageTimeOutInDays"], 1);
        assert_eq!(stage["escalationTimeInMinutes"], 0);
        assert!(stage["escalationApprovers"].is_null());
        let approver = &stage["primaryApprovers"][0];
        assert_eq!(approver["id"], "5f1c2d3e-4a5b-4c6d-9e8f-0a1b2c3d4e5f");
        assert_eq!(approver["isBackup"], false);
        assert!(approver.get("userType").is_none());
        assert!(lost(format!("/Rule/{a}")).contains("setting.approvalMode"));
        let m = lost(format!(
            "/Rule/{a}/SettingApprovalStage/0/PrimaryApprover/0"
        ));
        assert!(
            m.contains("userType") && m.contains("Invoke-AzRestMethod"),
            "{m}"
        );
        assert!(m.contains(original["Id"].as_str().unwrap()), "{m}");
        // A finding on a lost member points at the {} the export wrote.
        let (at, v) = origin(
            &c,
            &original,
            &format!("/properties/rules/{a}/setting/approvalMode"),
        );
        assert_eq!(at, format!("/Rule/{a}/SettingApprovalMode"));
        assert_eq!(v, &json!({}));
        let (at, _) = origin(
            &c,
            &original,
            &format!("/properties/rules/{a}/setting/approvalStages/0/approvalStageTimeOutInDays"),
        );
        assert_eq!(at, format!("/Rule/{a}/SettingApprovalStage/0/TimeOutInDay"));
        let n = index_of(rules, "Notification_Admin_Admin_Assignment");
        assert_eq!(
            rules[n]["notificationRecipients"],
            json!(["cloud-ops@contoso.example"])
        );
        assert_eq!(rules[n]["isDefaultRecipientsEnabled"], true);
        assert!(rules[n].get("notificationType").is_none());
        let m = lost(format!("/Rule/{n}"));
        assert!(
            m.contains("notificationLevel, notificationType and recipientType"),
            "{m}"
        );
        assert_all_pointers_resolve(&c, &original);
    }

    #[test]
    fn az_policy_assignment() {
        let original = fixture!("az-role-management-policy-assignment.json");
        let c = ok(&original);
        let props = &c.value["properties"];
        assert_eq!(props["policyId"], original["PolicyId"]);
        assert_eq!(props["roleDefinitionId"], original["RoleDefinitionId"]);
        assert_eq!(props["scope"], original["Scope"]);
        let pap = &props["policyAssignmentProperties"];
        assert_eq!(pap["roleDefinition"]["displayName"], "Contributor");
        assert_eq!(
            pap["policy"]["lastModifiedDateTime"],
            "2026-08-02T07:15:00Z"
        );
        assert_eq!(pap["scope"]["displayName"], "Contoso Production");
        assert!(c.lost.is_empty(), "{:?}", c.lost);
        let (at, _) = origin(
            &c,
            &original,
            "/properties/policyAssignmentProperties/policy/id",
        );
        assert_eq!(at, "/PolicyAssignmentPropertiesPolicyId");
        assert_all_pointers_resolve(&c, &original);
    }

    #[test]
    fn az_eligibility_request() {
        let original = fixture!("az-role-eligibility-schedule-request.json");
        let c = ok(&original);
        let props = &c.value["properties"];
        assert_eq!(props["principalId"], original["PrincipalId"]);
        assert_eq!(props["roleDefinitionId"], original["RoleDefinitionId"]);
        assert_eq!(props["justification"], "New payments engineer");
        assert_eq!(
            props["scheduleInfo"]["startDateTime"],
            "2026-12-01T00:00:00Z"
        );
        assert_eq!(props["scheduleInfo"]["expiration"]["duration"], "P365D");
        assert!(props["scheduleInfo"]["expiration"].get("type").is_none());
        assert!(props.get("requestType").is_none() && props.get("status").is_none());
        assert!(props["ticketInfo"].is_null());
        assert_eq!(
            props["targetRoleEligibilityScheduleId"],
            original["TargetRoleEligibilityScheduleId"]
        );
        assert_eq!(
            c.value["type"],
            "Microsoft.Authorization/RoleEligibilityScheduleRequests"
        );
        assert_eq!(c.lost.len(), 1);
        assert_eq!(c.lost[0].0, Pointer::root());
        let m = &c.lost[0].1;
        assert!(
            m.contains("requestType") && m.contains("scheduleInfo.expiration.type"),
            "{m}"
        );
        let (at, _) = origin(&c, &original, "/properties/requestType");
        assert_eq!(at, "/RequestType");
        let (at, _) = origin(&c, &original, "/properties/scheduleInfo/startDateTime");
        assert_eq!(at, "/ScheduleInfoStartDateTime");
        assert_all_pointers_resolve(&c, &original);
    }

    #[test]
    fn scubagear_v1_6() {
        let original = fixture!("scubagear-privileged-roles.json");
        let c = ok(&original);
        assert_eq!(c.writer, SCUBAGEAR);
        let docs = c.value["value"].as_array().unwrap();
        assert_eq!(docs.len(), 2);
        let role = &docs[0];
        assert_eq!(
            role["@odata.type"],
            "#microsoft.graph.unifiedRoleManagementPolicyAssignment"
        );
        assert_eq!(
            role["roleDefinitionId"],
            "62e90394-69f5-4237-9190-012177145e10"
        );
        let rules = &role["policy"]["rules"];
        assert_eq!(rules.as_array().unwrap().len(), 17);
        let i = index_of(rules, "Expiration_EndUser_Assignment");
        assert_eq!(rules[i]["maximumDuration"], "PT8H");
        assert_eq!(rules[i]["target"]["caller"], "EndUser");
        assert!(rules[i].get("ruleSource").is_none() && rules[i].get("RuleSource").is_none());
        let j = index_of(
            &original["privileged_roles"][0]["Rules"],
            "Expiration_EndUser_Assignment",
        );
        let (at, v) = origin(
            &c,
            &original,
            &format!("/value/0/policy/rules/{i}/maximumDuration"),
        );
        assert_eq!(at, format!("/privileged_roles/0/Rules/{j}/MaximumDuration"));
        assert_eq!(v, "PT8H");
        let a = index_of(rules, "Approval_EndUser_Assignment");
        let stage = &rules[a]["setting"]["approvalStages"][0];
        assert_eq!(stage["approvalStageTimeOutInDays"], 1);
        assert_eq!(
            stage["primaryApprovers"][1]["@odata.type"],
            "#microsoft.graph.groupMembers"
        );
        let group = &docs[1];
        assert_eq!(group["scopeType"], "Group");
        assert_eq!(group["rules"].as_array().unwrap().len(), 17);
        assert!(c.lost.is_empty(), "{:?}", c.lost);
        assert_all_pointers_resolve(&c, &original);
    }

    #[test]
    fn scubagear_v1_5() {
        let original = fixture!("scubagear-privileged-roles-v1.5.json");
        let c = ok(&original);
        let docs = c.value["value"].as_array().unwrap();
        assert_eq!(docs.len(), 1);
        let rules = &docs[0]["policy"]["rules"];
        let i = index_of(rules, "Enablement_EndUser_Assignment");
        assert_eq!(
            rules[i]["enabledRules"],
            json!(["MultiFactorAuthentication", "Justification"])
        );
        let (at, _) = origin(
            &c,
            &original,
            &format!("/value/0/policy/rules/{i}/enabledRules/1"),
        );
        assert_eq!(
            at,
            format!("/privileged_roles/0/Rules/{i}/AdditionalProperties/enabledRules/1")
        );
        assert!(c.lost.is_empty());
        // The same rules as 1.6 writes for the role.
        let v16 = ok(&fixture!("scubagear-privileged-roles.json")).value;
        let by_id = |rules: &Value| {
            let mut r: Vec<Value> = rules.as_array().unwrap().clone();
            for rule in &mut r {
                if let Some(t) = rule.get_mut("target").and_then(Value::as_object_mut) {
                    t.remove("targetObjects");
                }
            }
            r.sort_by_key(|x| x["id"].as_str().unwrap().to_owned());
            r
        };
        assert_eq!(by_id(rules), by_id(&v16["value"][0]["policy"]["rules"]));
        assert_all_pointers_resolve(&c, &original);
    }

    #[test]
    fn api_documents_are_not_exports() {
        let documents = [
            json!({"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "isOrganizationDefault": false, "rules": []}),
            json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/roleManagementPolicies", "value": [{"id": "x", "rules": []}]}),
            json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment",
                   "isExpirationRequired": true, "maximumDuration": "PT8H",
                   "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment"}}),
            json!([{"id": "Expiration_EndUser_Assignment", "target": {"caller": "EndUser"}, "maximumDuration": "PT8H"}]),
            json!({"policyId": "p", "roleDefinitionId": "r", "scopeId": "/", "scopeType": "DirectoryRole"}),
            json!({"action": "selfActivate", "principalId": "p", "roleDefinitionId": "r", "directoryScopeId": "/",
                   "scheduleInfo": {"startDateTime": null, "expiration": {"type": "afterDuration", "duration": "PT4H"}}}),
            json!({"id": "/subscriptions/s/providers/Microsoft.Authorization/roleManagementPolicies/p", "name": "p",
                   "type": "Microsoft.Authorization/roleManagementPolicies",
                   "properties": {"scope": "/subscriptions/s", "rules": [{"id": "Expiration_Admin_Eligibility",
                   "ruleType": "RoleManagementPolicyExpirationRule", "maximumDuration": "P365D"}]}}),
            json!({"properties": {"principalId": "p", "roleDefinitionId": "r", "requestType": "AdminAssign",
                   "scheduleInfo": {"startDateTime": "2026-01-01T00:00:00Z"}}}),
            json!([]),
            json!([1, 2]),
            json!("x"),
            json!({}),
            json!({"value": []}),
        ];
        for document in documents {
            assert!(convert(&document).is_none(), "{document}");
        }
    }

    #[test]
    fn single_objects_stay_objects_and_arrays_stay_arrays() {
        let rule = json!({"Id": "Expiration_EndUser_Assignment", "Target": {"Caller": "EndUser", "Operations": ["All"]},
            "AdditionalProperties": {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "maximumDuration": "PT8H"}});
        let c = ok(&rule);
        assert_eq!(c.value["maximumDuration"], "PT8H");
        assert_eq!(
            c.pointers.original(&p("/maximumDuration")).as_str(),
            "/AdditionalProperties/maximumDuration"
        );
        // A rule whose dictionary is missing keeps id and target, and says so.
        let bare =
            json!([{"Id": "Expiration_EndUser_Assignment", "Target": {"Caller": "EndUser"}}]);
        let c = ok(&bare);
        assert_eq!(
            c.value,
            json!([{"id": "Expiration_EndUser_Assignment", "target": {"caller": "EndUser"}}])
        );
        assert_eq!(c.lost.len(), 1);
        assert_eq!(c.lost[0].0.as_str(), "/0");
        assert!(c.lost[0].1.contains("<policy id>"));
    }

    #[test]
    fn durations_and_dates() {
        assert_eq!(iso_duration(144_000_000_000), "PT4H");
        assert_eq!(iso_duration(288_000_000_000), "PT8H");
        assert_eq!(iso_duration(0), "PT0S");
        assert_eq!(iso_duration(864_000_000_000 * 365), "P365D");
        assert_eq!(
            iso_duration(864_000_000_000 + 18_000_000_000 + 5_000_000),
            "P1DT30M0.5S"
        );
        assert_eq!(iso_duration(-36_000_000_000), "-PT1H");
        assert_eq!(iso_duration(1), "PT0.0000001S");
        assert_eq!(timespan_text("04:00:00").as_deref(), Some("PT4H"));
        assert_eq!(
            timespan_text("1.02:03:04.5000000").as_deref(),
            Some("P1DT2H3M4.5S")
        );
        assert_eq!(timespan_text("PT4H"), None);
        assert_eq!(timespan_text("25:00:00"), None);
        assert_eq!(
            net_date("/Date(1811808000000)/").as_deref(),
            Some("2027-06-01T00:00:00Z")
        );
        assert_eq!(
            net_date("/Date(1795166043236+0100)/").as_deref(),
            Some("2026-11-20T09:14:03.236Z")
        );
        assert_eq!(
            net_date("/Date(-1000)/").as_deref(),
            Some("1969-12-31T23:59:59Z")
        );
        assert_eq!(net_date("/Date(x)/"), None);
        assert_eq!(net_date("2026-01-01T00:00:00Z"), None);
        let ts = json!({"Ticks": 9_000_000_000_i64, "Days": 0, "Hours": 0, "TotalSeconds": 900.0});
        assert_eq!(
            timespan_object(ts.as_object().unwrap()).as_deref(),
            Some("PT15M")
        );
    }

    #[test]
    fn converted_documents_are_the_kinds_pimlint_reads() {
        use crate::kind::{DocumentKind as K, detect};
        let kind = |v: &Value| detect(v, None).unwrap();
        let rules = ok(&fixture!("graph-sdk-policy-rules-list.json")).value;
        assert!(
            rules
                .as_array()
                .unwrap()
                .iter()
                .all(|r| kind(r) == K::GraphPolicyRule)
        );
        let cases = [
            (
                ok(&fixture!("graph-sdk-policy-expand-rules.json")).value,
                K::GraphPolicy,
            ),
            (
                ok(&fixture!("graph-sdk-policy-assignment-expanded.json")).value,
                K::GraphPolicyAssignment,
            ),
            (
                ok(&fixture!("graph-sdk-eligibility-request.json")).value,
                K::GraphRoleEligibilityRequest,
            ),
            (
                ok(&fixture!("graph-sdk-assignment-request-self-activate.json")).value,
                K::GraphRoleAssignmentRequest,
            ),
            (
                ok(&fixture!("windows-powershell-5.1-dates.json")).value,
                K::GraphRoleEligibilityRequest,
            ),
            (
                ok(&fixture!("az-role-management-policy.json")).value,
                K::ArmPolicy,
            ),
            (
                ok(&fixture!("az-role-management-policy-assignment.json")).value,
                K::ArmPolicyAssignment,
            ),
            (
                ok(&fixture!("az-role-eligibility-schedule-request.json")).value,
                K::ArmRoleEligibilityRequest,
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(kind(&value), expected);
        }
        let scuba = ok(&fixture!("scubagear-privileged-roles.json")).value;
        assert_eq!(kind(&scuba["value"][0]), K::GraphPolicyAssignment);
        assert_eq!(kind(&scuba["value"][1]), K::GraphPolicyUpdate);
    }

    #[test]
    fn pointer_map_falls_back_to_the_deepest_known_node() {
        let mut map = PointerMap::default();
        assert_eq!(map.original(&p("/a/b")).as_str(), "/a/b");
        map.link(&p("/rules/2"), &p("/Rules/2"));
        map.link(
            &p("/rules/2/maximumDuration"),
            &p("/Rules/2/AdditionalProperties/maximumDuration"),
        );
        assert_eq!(
            map.original(&p("/rules/2/maximumDuration")).as_str(),
            "/Rules/2/AdditionalProperties/maximumDuration"
        );
        assert_eq!(map.original(&p("/rules/2/x~1y")).as_str(), "/Rules/2/x~1y");
        assert_eq!(map.original(&p("/rules/3")).as_str(), "/rules/3");
    }
}
