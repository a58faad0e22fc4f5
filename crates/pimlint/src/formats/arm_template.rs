//! ARM templates and Bicep build output (`az bicep build`, `bicep build`).
//!
//! Reads `Microsoft.Authorization/roleManagementPolicies` and
//! `…/roleManagementPolicyAssignments` resources from `resources` (an array, or the object
//! keyed by symbolic name that `languageVersion` 2.0 writes), in nested deployments
//! (`Microsoft.Resources/deployments` with `properties.template`) too. A deployment of a
//! policy changes the rules it carries, so a policy resource is read as an update.
//!
//! A template expression (`"[parameters('maxActivation')]"`) is unknown, and left out; a
//! plain `[parameters('x')]` is resolved when a parameters file gives `x` (or, with a
//! parameters file, from the parameter's `defaultValue`). `"[[…"` is a literal `[…`.

use serde_json::{Map, Value};

use super::Adapted;
use crate::pointer::Pointer;
use crate::powershell::{Converted, PointerMap};

const WRITER: &str = "ARM template";
const POLICY: &str = "Microsoft.Authorization/roleManagementPolicies";
const ASSIGNMENT: &str = "Microsoft.Authorization/roleManagementPolicyAssignments";
const DEPLOYMENT: &str = "Microsoft.Resources/deployments";

/// Whether `value` is an ARM template.
#[must_use]
pub fn is_template(value: &Value) -> bool {
    let Some(obj) = value.as_object() else {
        return false;
    };
    let schema = obj
        .get("$schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("deploymentTemplate"));
    let resources = obj
        .get("resources")
        .is_some_and(|r| r.is_array() || r.is_object());
    resources && (schema || obj.contains_key("contentVersion"))
}

/// Values the template's parameters take.
struct Parameters<'v> {
    given: Option<&'v Map<String, Value>>,
    declared: Option<&'v Map<String, Value>>,
}

impl Parameters<'_> {
    fn value(&self, name: &str) -> Option<Value> {
        let given = self.given?;
        let find = |map: &Map<String, Value>| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        if let Some(v) = find(given) {
            return v.get("value").cloned();
        }
        self.declared
            .and_then(find)
            .and_then(|p| p.get("defaultValue").cloned())
    }
}

/// Converts a template; `None` when `value` is not one. `parameters` is a deployment
/// parameters file (`{"parameters": {"x": {"value": …}}}`).
#[must_use]
pub fn convert(value: &Value, parameters: Option<&Value>) -> Option<Adapted> {
    if !is_template(value) {
        return None;
    }
    let mut cx = Cx {
        map: PointerMap::default(),
        docs: Vec::new(),
        lost: Vec::new(),
        names: Vec::new(),
    };
    let given = parameters.map(|p| {
        p.get("parameters")
            .and_then(Value::as_object)
            .or_else(|| p.as_object())
    });
    cx.template(
        value,
        &Pointer::root(),
        &Parameters {
            given: given.flatten(),
            declared: value.get("parameters").and_then(Value::as_object),
        },
    );
    Some(Adapted {
        converted: Converted {
            value: Value::Array(cx.docs),
            pointers: cx.map,
            writer: WRITER,
            lost: cx.lost,
        },
        names: cx.names,
        given: Vec::new(),
    })
}

struct Cx {
    map: PointerMap,
    docs: Vec<Value>,
    lost: Vec<(Pointer, String)>,
    names: Vec<(Pointer, String)>,
}

impl Cx {
    fn template(&mut self, template: &Value, at: &Pointer, params: &Parameters<'_>) {
        let resources: Vec<(Pointer, String, &Value)> = match template.get("resources") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let name = r
                        .get("name")
                        .and_then(Value::as_str)
                        .filter(|n| !n.starts_with('['))
                        .map_or_else(|| format!("resources[{i}]"), str::to_owned);
                    (at.key("resources").index(i), name, r)
                })
                .collect(),
            Some(Value::Object(map)) => map
                .iter()
                .map(|(k, r)| (at.key("resources").key(k), k.clone(), r))
                .collect(),
            _ => Vec::new(),
        };
        for (at, name, resource) in resources {
            let kind = resource.get("type").and_then(Value::as_str).unwrap_or("");
            if resource.get("existing").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            if kind.eq_ignore_ascii_case(DEPLOYMENT) {
                if let Some(inner) = resource.pointer("/properties/template") {
                    let passed = resource
                        .pointer("/properties/parameters")
                        .and_then(Value::as_object);
                    // Values passed in are literal only when they are not expressions.
                    let literal: Option<Map<String, Value>> = passed.map(|p| {
                        p.iter()
                            .filter(|(_, v)| {
                                v.get("value").is_some_and(|v| resolve(v, params).is_some())
                            })
                            .map(|(k, v)| {
                                let value = resolve(&v["value"], params).unwrap_or(Value::Null);
                                (k.clone(), serde_json::json!({ "value": value }))
                            })
                            .collect()
                    });
                    let inner_params = Parameters {
                        given: literal.as_ref(),
                        declared: inner.get("parameters").and_then(Value::as_object),
                    };
                    self.template(inner, &at.key("properties").key("template"), &inner_params);
                }
                continue;
            }
            let is_policy = kind.eq_ignore_ascii_case(POLICY);
            if !(is_policy || kind.eq_ignore_ascii_case(ASSIGNMENT)) {
                continue;
            }
            let doc_at = Pointer::root().index(self.docs.len());
            let mut unknown = Vec::new();
            let props = resource
                .get("properties")
                .map(|p| resolve_members(p, params, "properties", &mut unknown))
                .unwrap_or_default();
            let mut props = match props {
                Value::Object(map) => map,
                _ => Map::new(),
            };
            let mut doc = Map::new();
            if is_policy {
                // Deploying a policy changes the rules it carries: an update.
                props.remove("scope");
                props
                    .entry("rules")
                    .or_insert_with(|| Value::Array(Vec::new()));
            } else if let Some(n) = resource.get("name").and_then(|n| resolve(n, params)) {
                doc.insert("name".into(), n);
            }
            doc.insert("properties".into(), Value::Object(props));
            self.map.link(&doc_at, &at);
            self.map
                .link(&doc_at.key("properties"), &at.key("properties"));
            if !unknown.is_empty() {
                self.lost.push((
                    at.clone(),
                    format!(
                        "template expressions are unknown without their values ({}); give the \
                         deployment's parameters with `--parameters`",
                        unknown.join(", ")
                    ),
                ));
            }
            self.names
                .push((at.clone(), format!("in template resource `{name}`")));
            self.docs.push(Value::Object(doc));
        }
    }
}

/// A value with its expressions resolved; members that stay unknown are left out.
fn resolve_members(
    value: &Value,
    params: &Parameters<'_>,
    path: &str,
    unknown: &mut Vec<String>,
) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter_map(|(k, v)| {
                    let p = format!("{path}.{k}");
                    if let Value::Object(_) = v {
                        return Some((k.clone(), resolve_members(v, params, &p, unknown)));
                    }
                    if let Value::Array(items) = v {
                        if items.iter().any(Value::is_object) {
                            let items = items
                                .iter()
                                .enumerate()
                                .map(|(i, item)| {
                                    resolve_members(item, params, &format!("{p}[{i}]"), unknown)
                                })
                                .collect();
                            return Some((k.clone(), Value::Array(items)));
                        }
                    }
                    let resolved = resolve(v, params);
                    if resolved.is_none() {
                        unknown.push(format!("`{p}`"));
                    }
                    resolved.map(|r| (k.clone(), r))
                })
                .collect(),
        ),
        other => resolve(other, params).unwrap_or(Value::Null),
    }
}

/// A value without expressions; `None` when it is (or holds) one that cannot be resolved.
fn resolve(value: &Value, params: &Parameters<'_>) -> Option<Value> {
    match value {
        Value::String(s) if s.starts_with("[[") => Some(Value::from(&s[1..])),
        Value::String(s) if s.starts_with('[') && s.ends_with(']') => {
            let inner = s[1..s.len() - 1].trim();
            let name = inner
                .strip_prefix("parameters(")?
                .strip_suffix(')')?
                .trim()
                .strip_prefix('\'')?
                .strip_suffix('\'')?;
            // A parameter's value is data; one that is itself an expression stays unknown.
            params
                .value(name)
                .filter(|v| !v.as_str().is_some_and(|s| s.starts_with('[')))
        }
        Value::Array(items) => items.iter().map(|v| resolve(v, params)).collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| resolve(v, params).map(|v| (k.clone(), v)))
            .collect::<Option<Map<_, _>>>()
            .map(Value::Object),
        other => Some(other.clone()),
    }
}
