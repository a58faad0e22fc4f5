//! Writes policy rules in the Graph or ARM shape, remembering where each member came from.

use serde_json::{Map, Value, json};

use crate::pointer::Pointer;
use crate::powershell::PointerMap;

/// Which API's shape to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// Microsoft Graph (PIM for Entra roles and for Groups).
    Graph,
    /// Azure Resource Manager (PIM for Azure resources).
    Arm,
}

impl Api {
    /// An enum value as this API spells it (`Email` / `email`).
    pub fn word(self, pascal: &str) -> Value {
        match self {
            Self::Arm => Value::from(pascal),
            Self::Graph => Value::from(pascal.to_ascii_lowercase()),
        }
    }
}

type Links = Vec<(Vec<String>, Pointer)>;

/// A policy update being written: the rules the source sets, each with its origins.
#[derive(Debug)]
pub struct PolicyWriter {
    api: Api,
    rules: Vec<(Map<String, Value>, Links)>,
}

impl PolicyWriter {
    pub const fn new(api: Api) -> Self {
        Self {
            api,
            rules: Vec::new(),
        }
    }

    pub const fn api(&self) -> Api {
        self.api
    }

    /// Adds (or finds) the rule `id` (e.g. `Expiration_EndUser_Assignment`), written from the
    /// block at `origin`.
    pub fn rule(&mut self, id: &str, origin: &Pointer) -> usize {
        if let Some(i) = self.rules.iter().position(|(r, _)| r["id"] == id) {
            return i;
        }
        let parts: Vec<&str> = id.split('_').collect();
        let (kind, caller, level) = (parts[0], parts[parts.len() - 2], parts[parts.len() - 1]);
        let mut rule = Map::new();
        rule.insert("id".into(), id.into());
        match self.api {
            Api::Arm => {
                rule.insert(
                    "ruleType".into(),
                    format!("RoleManagementPolicy{kind}Rule").into(),
                );
                rule.insert(
                    "target".into(),
                    json!({"caller": caller, "operations": ["All"], "level": level}),
                );
            }
            Api::Graph => {
                rule.insert(
                    "@odata.type".into(),
                    format!("#microsoft.graph.unifiedRoleManagementPolicy{kind}Rule").into(),
                );
                rule.insert(
                    "target".into(),
                    json!({"caller": caller, "operations": ["all"], "level": level.to_ascii_lowercase()}),
                );
            }
        }
        self.rules.push((rule, vec![(Vec::new(), origin.clone())]));
        self.rules.len() - 1
    }

    /// Sets the member at `path` in rule `rule` to `value`, read at `origin`.
    pub fn set(&mut self, rule: usize, path: &[&str], value: Value, origin: &Pointer) {
        let (obj, links) = &mut self.rules[rule];
        let mut at = obj;
        for key in &path[..path.len() - 1] {
            let slot = at
                .entry((*key).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            let Value::Object(inner) = slot else {
                return;
            };
            at = inner;
        }
        at.insert(path[path.len() - 1].to_owned(), value);
        links.push((
            path.iter().map(|s| (*s).to_owned()).collect(),
            origin.clone(),
        ));
    }

    /// Says that the member at `path` in rule `rule` (set as part of a larger value) was read
    /// at `origin`.
    pub fn link(&mut self, rule: usize, path: &[&str], origin: &Pointer) {
        self.rules[rule].1.push((
            path.iter().map(|s| (*s).to_owned()).collect(),
            origin.clone(),
        ));
    }

    /// The rules, written at `rules_at` in the converted value, linked back to their origins.
    pub fn finish(self, rules_at: &Pointer, map: &mut PointerMap) -> Value {
        let mut out = Vec::with_capacity(self.rules.len());
        for (i, (rule, links)) in self.rules.into_iter().enumerate() {
            let base = rules_at.index(i);
            for (path, origin) in links {
                let at = path.iter().fold(base.clone(), |p, k| p.key(k));
                map.link(&at, &origin);
            }
            out.push(Value::Object(rule));
        }
        Value::Array(out)
    }
}
