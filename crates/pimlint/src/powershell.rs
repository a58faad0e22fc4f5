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

use crate::kind::DocumentKind;
use crate::pointer::Pointer;

mod az;
mod graph_sdk;
mod scubagear;
mod tenant;

use az::{AZ_ASSIGNMENT, AZ_EXPANDED, AZ_POLICY, AZ_REQUEST};
use scubagear::scubagear;

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
            if let Some(origin) = self.origins.get(&*prefix.text()) {
                best = Some((i + 1, origin));
            }
        }
        let (depth, base) = match best {
            Some((depth, origin)) => (depth, origin.clone()),
            None => (0, Pointer::root()),
        };
        tokens[depth..].iter().fold(base, |p, t| p.key(t))
    }

    /// How many converted documents take the node at `converted` from the same place of the
    /// original (an EasyPIM policy template inherited by several policies): more than one
    /// means an edit there changes them all.
    #[must_use]
    pub fn documents_sharing(&self, converted: &Pointer) -> usize {
        let tokens: Vec<String> = converted.tokens().collect();
        let mut prefix = Pointer::root();
        let mut best = None;
        for token in &tokens {
            prefix = prefix.key(token);
            if let Some(origin) = self.origins.get(&*prefix.text()) {
                best = Some(origin);
            }
        }
        let Some(origin) = best else {
            return 1;
        };
        let mut documents: Vec<&str> = self
            .origins
            .iter()
            .filter(|(_, o)| *o == origin)
            .map(|(c, _)| c.split('/').nth(1).unwrap_or(""))
            .collect();
        documents.sort_unstable();
        documents.dedup();
        documents.len().max(1)
    }

    pub(crate) fn link(&mut self, converted: &Pointer, original: &Pointer) {
        self.origins
            .insert(converted.text().into_owned(), original.clone());
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
    /// A schedule, instance, role assignment or role definition of the Graph SDK, with the
    /// `@odata.type` its members say.
    GraphTenant(DocumentKind),
    /// An Az schedule or instance, with its ARM resource type.
    AzSchedule(DocumentKind),
    /// `Get-AzRoleAssignment`'s `PSRoleAssignment`.
    AzRoleAssignment,
}

impl Shape {
    const fn writer(self) -> &'static str {
        match self {
            Self::GraphRule
            | Self::GraphPolicy
            | Self::GraphAssignment
            | Self::GraphRequest
            | Self::GraphTenant(_) => GRAPH_SDK,
            Self::AzPolicy
            | Self::AzAssignment
            | Self::AzRequest
            | Self::AzRule
            | Self::AzSchedule(_)
            | Self::AzRoleAssignment => AZ,
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
    tenant::shape_of(obj)
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

struct Conv {
    map: PointerMap,
    lost: Vec<(Pointer, String)>,
    writer: &'static str,
    /// The policy (Graph) or resource (Az) being converted, for the export commands the
    /// messages suggest.
    context_id: Option<String>,
    /// Whether each member an Az object lost is said on its own, at the member (the tenant
    /// view's objects), rather than once for the object.
    lost_each: bool,
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
            lost_each: false,
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
                self.az_flat(obj, at, at, &[AZ_POLICY])
            }
            Shape::AzAssignment => {
                self.context_id = str_of("Id");
                self.az_flat(obj, at, at, &[AZ_ASSIGNMENT])
            }
            Shape::AzRequest => {
                self.context_id = str_of("Id");
                self.az_flat(obj, at, at, &[AZ_EXPANDED, AZ_REQUEST])
            }
            Shape::AzRule => {
                self.context_id = None;
                self.az_rule(obj, at, at)
            }
            Shape::GraphTenant(kind) => self.graph_tenant(obj, at, kind),
            Shape::AzSchedule(kind) => self.az_schedule(obj, at, kind),
            Shape::AzRoleAssignment => self.az_role_assignment(obj, at),
        }
    }
}

#[cfg(test)]
mod tests;
