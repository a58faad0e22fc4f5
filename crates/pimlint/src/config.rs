//! Configuration: which rules run, at what severity, with which options, for which roles.
//!
//! Read from `pimlint.toml` (or `.pimlint.toml`, or `[tool.pimlint]` in `pyproject.toml`),
//! found by walking up from the input, or given as a dictionary by the bindings. Selection
//! works like ruff's: `select` (or the profile's default set), then `extend-select`, then
//! `ignore`, each a code, a code prefix or a rule name, and for each rule the most specific
//! selector wins. Unknown keys, codes and names are errors that suggest the nearest valid one.

use std::collections::BTreeMap;
#[cfg(feature = "toml")]
use std::path::Path;
use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::roles::{self, RoleSet};
use crate::rules::{REGISTRY, RuleMeta};
use crate::suggest::nearest;

pub use crate::rules::options::{
    ActivationLimits, ApprovalOptions, Approver, ApproverCount, ApproverType, ExpiryLimits,
    GroupApprovers, KeyPart, NotificationOptions, OptionError, RuleOptions, TicketRoles, key_path,
};

/// A severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Reported, never fails a run.
    Info,
    /// Fails a run.
    Warning,
    /// Fails a run.
    Error,
}

/// Which roles count as highly privileged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PrivilegedRolesFile {
    /// The named set (default: the profile's).
    pub set: Option<RoleSet>,
    /// More roles (names or ids), e.g. custom roles.
    #[serde(default)]
    pub extend: Vec<String>,
    /// Roles to leave out.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// Settings for some roles or scopes only.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct OverrideFile {
    /// Roles (names, template ids, Azure role definition GUIDs, or `member` / `owner`).
    #[serde(default)]
    pub roles: Vec<String>,
    /// Scopes (`/`, a group id, an ARM scope; a trailing `/*` matches child scopes).
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Rules to turn off there.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severities there.
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
    /// Rule options there, on top of the top-level ones.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    #[schemars(with = "RuleOptions")]
    pub rules: Value,
}

/// The configuration as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ConfigFile {
    /// The preset to start from.
    pub profile: Option<Profile>,
    /// Rules to run instead of the profile's default set.
    pub select: Option<Vec<String>>,
    /// Rules to run in addition.
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Rules not to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per code, prefix or name (`off` turns a rule off).
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
    /// Which roles are highly privileged.
    #[serde(default)]
    pub privileged_roles: PrivilegedRolesFile,
    /// Typed rule options, by rule name.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    #[schemars(with = "RuleOptions")]
    pub rules: Value,
    /// Settings for some roles or scopes.
    #[serde(default)]
    pub overrides: Vec<OverrideFile>,
    /// Files a directory search reads (gitignore-style globs relative to this file; default:
    /// `["*.json", "*.ndjson", "*.jsonl"]`). Read by the command line only.
    pub include: Option<Vec<String>>,
    /// Files and folders a directory search skips, replacing the default list
    /// (`node_modules`, `dist`, `.venv`, …). Read by the command line only.
    pub exclude: Option<Vec<String>>,
    /// Files and folders a directory search skips, in addition to `exclude`. Read by the
    /// command line only.
    #[serde(default)]
    pub extend_exclude: Vec<String>,
    /// Whether a directory search honours `.gitignore` files (default: true). Read by the
    /// command line only.
    pub respect_gitignore: Option<bool>,
}

/// A configuration that cannot be used; says where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
    /// Not valid TOML, or a key or value that does not fit.
    #[error("{}{message}", location(.path.as_ref(), *.line, *.column))]
    Invalid {
        /// The file, when there is one.
        path: Option<String>,
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
        /// What is wrong, with a suggestion where there is one.
        message: String,
    },
}

fn location(path: Option<&String>, line: Option<usize>, column: Option<usize>) -> String {
    match (path, line, column) {
        (Some(p), Some(l), Some(c)) => format!("{p}:{l}:{c}: "),
        (Some(p), _, _) => format!("{p}: "),
        (None, Some(l), Some(c)) => format!("{l}:{c}: "),
        _ => String::new(),
    }
}

impl ConfigError {
    fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid {
            path: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    #[cfg(feature = "toml")]
    fn with_path(self, file: &Path) -> Self {
        match self {
            Self::Invalid {
                line,
                column,
                message,
                ..
            } => Self::Invalid {
                path: Some(file.display().to_string()),
                line,
                column,
                message,
            },
            other @ Self::Io { .. } => other,
        }
    }
}

/// "unknown field `x`, expected one of `a`, `b`" → the same, plus "did you mean `a`?".
fn suggest_field(message: &str) -> String {
    let Some(rest) = message.split("unknown field `").nth(1) else {
        return message.to_owned();
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return message.to_owned();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match nearest(field, candidates.iter().copied()) {
        Some(best) => format!("{message}; did you mean `{best}`?"),
        None => message.to_owned(),
    }
}

/// A role reference from the configuration, as the id policies carry.
fn role_id(reference: &str) -> String {
    roles::find(reference).map_or_else(|| reference.to_ascii_lowercase(), |r| r.id.to_owned())
}

fn rule_index(meta: &RuleMeta) -> usize {
    REGISTRY
        .iter()
        .position(|r| std::ptr::eq(r.meta, meta))
        .unwrap_or(0)
}

/// How specific a selector is for a rule: `None` when it does not match it.
fn specificity(selector: &str, meta: &RuleMeta) -> Option<usize> {
    if selector.eq_ignore_ascii_case("ALL") {
        return Some(0);
    }
    if selector == meta.name {
        return Some(10);
    }
    let upper = selector.to_ascii_uppercase();
    meta.code.starts_with(&upper).then_some(upper.len())
}

/// Checks a selector names at least one rule.
fn check_selector(selector: &str, key: &str) -> Result<(), ConfigError> {
    if REGISTRY
        .iter()
        .any(|r| specificity(selector, r.meta).is_some())
    {
        return Ok(());
    }
    let names = REGISTRY.iter().flat_map(|r| [r.meta.code, r.meta.name]);
    let hint = nearest(selector, names)
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default();
    Err(ConfigError::invalid(format!(
        "`{key}`: {selector:?} is not a rule code, code prefix or rule name{hint}"
    )))
}

/// One override, resolved.
#[derive(Debug, Clone)]
struct Override {
    roles: Vec<String>,
    scopes: Vec<String>,
    ignore: Vec<String>,
    severity: BTreeMap<String, Level>,
    options: RuleOptions,
}

impl Override {
    fn matches(&self, role: Option<&str>, scope: Option<&str>) -> bool {
        let role_ok = self.roles.is_empty()
            || role.is_some_and(|r| {
                let r = r.rsplit('/').next().unwrap_or(r).to_ascii_lowercase();
                self.roles.contains(&r)
            });
        let scope_ok = self.scopes.is_empty()
            || scope.is_some_and(|s| {
                let s = s.trim_end_matches('/').to_ascii_lowercase();
                self.scopes.iter().any(|x| match x.strip_suffix("/*") {
                    Some(parent) => s == parent || s.starts_with(&format!("{parent}/")),
                    None => *x == s,
                })
            });
        role_ok && scope_ok
    }
}

/// A resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The profile.
    pub profile: Profile,
    /// The configuration as written (for `config --show`).
    pub file: ConfigFile,
    /// Where it was read from, if from a file.
    pub source: Option<PathBuf>,
    /// Typed rule options (top level).
    pub options: RuleOptions,
    enabled: Vec<bool>,
    severity: Vec<Option<Severity>>,
    role_set: RoleSet,
    privileged_extend: Vec<String>,
    privileged_exclude: Vec<String>,
    overrides: Vec<Override>,
    /// Severities the profile sets for some roles: rule index, role ids, severity.
    role_severity: Vec<(usize, &'static [&'static str], Severity)>,
}

impl Default for Config {
    /// The default configuration, resolved once per process: resolving reads every rule's
    /// options through JSON, which would otherwise be paid by each call that lints with the
    /// defaults (each `lint()` of the bindings).
    fn default() -> Self {
        static DEFAULT: std::sync::LazyLock<Config> = std::sync::LazyLock::new(|| {
            Config::resolve(ConfigFile::default()).unwrap_or_else(|_| unreachable_default())
        });
        DEFAULT.clone()
    }
}

/// The default configuration always resolves; this only satisfies the type.
fn unreachable_default() -> Config {
    Config {
        profile: Profile::Recommended,
        file: ConfigFile::default(),
        source: None,
        options: RuleOptions::default(),
        enabled: vec![true; REGISTRY.len()],
        severity: vec![None; REGISTRY.len()],
        role_set: RoleSet::MicrosoftPrivileged,
        privileged_extend: Vec::new(),
        privileged_exclude: Vec::new(),
        overrides: Vec::new(),
        role_severity: Vec::new(),
    }
}

/// Rules off unless a profile or the configuration turns them on.
const OPT_IN: &[&str] = &[
    "PIM017", "PIM108", "PIM110", "PIM202", "PIM409", "PIM410", "PIM411", "PIM412",
];

/// Severities a profile sets for some roles only (by template id), as its source asks.
fn profile_role_severities(
    profile: Profile,
) -> &'static [(&'static str, &'static [&'static str], Severity)] {
    match profile {
        // CIS 5.3.4 and 5.3.5: at least two approvers for these two roles.
        Profile::CisM365 => &[(
            "PIM204",
            &[
                roles::GLOBAL_ADMINISTRATOR,
                roles::PRIVILEGED_ROLE_ADMINISTRATOR,
            ],
            Severity::Error,
        )],
        _ => &[],
    }
}

fn profile_defaults(profile: Profile) -> (Vec<&'static str>, Vec<(&'static str, Severity)>) {
    match profile {
        Profile::Recommended => (Vec::new(), Vec::new()),
        Profile::Strict => (OPT_IN.to_vec(), Vec::new()),
        // Maester's CISA tests read the same rules of the same eight roles.
        Profile::CisaScuba | Profile::Maester => (
            vec!["PIM409", "PIM410"],
            vec![
                ("PIM201", Severity::Error),
                ("PIM302", Severity::Error),
                ("PIM404", Severity::Error),
                ("PIM409", Severity::Error),
            ],
        ),
        Profile::CisM365 => (Vec::new(), vec![("PIM201", Severity::Error)]),
        Profile::ZeroTrust => (
            vec!["PIM410", "PIM411", "PIM412"],
            vec![
                ("PIM401", Severity::Error),
                ("PIM411", Severity::Warning),
                ("PIM412", Severity::Error),
            ],
        ),
    }
}

/// Per-role settings a profile's source sets, before the configuration's own overrides (which
/// win where both match).
fn profile_overrides(profile: Profile, rules: &Value) -> Result<Vec<Override>, ConfigError> {
    if profile != Profile::ZeroTrust {
        return Ok(Vec::new());
    }
    // Zero Trust 51016 allows Intune Administrator activations of up to eight hours.
    let mut options = if rules.is_null() {
        Value::Object(serde_json::Map::new())
    } else {
        rules.clone()
    };
    merge(
        &mut options,
        &serde_json::json!({ "activation-too-long": { "privileged-maximum": "PT8H" } }),
    );
    Ok(vec![Override {
        roles: vec![roles::INTUNE_ADMINISTRATOR.to_owned()],
        scopes: Vec::new(),
        ignore: Vec::new(),
        severity: BTreeMap::new(),
        options: typed_options(&options, "rules", profile)?,
    }])
}

/// Deep-merges `overlay` onto `base` (objects member by member, anything else replaced).
fn merge(base: &mut Value, overlay: &Value) {
    match (base, overlay) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// The rule options a profile starts from, where its source sets other values than the
/// defaults.
fn profile_options(profile: Profile) -> RuleOptions {
    let mut options = RuleOptions::default();
    if profile == Profile::CisM365 {
        // Monkey365 counts the entries of primaryApprovers for CIS 5.3.4/5.3.5.
        options.approval_single_approver.groups = GroupApprovers::One;
    }
    options
}

fn typed_options(rules: &Value, key: &str, profile: Profile) -> Result<RuleOptions, ConfigError> {
    let mut value = serde_json::to_value(profile_options(profile))
        .unwrap_or_else(|_| Value::Object(serde_json::Map::new()));
    if !rules.is_null() {
        merge(&mut value, rules);
    }
    let options: RuleOptions = serde_json::from_value(value)
        .map_err(|e| ConfigError::invalid(format!("`{key}`: {}", suggest_field(&e.to_string()))))?;
    options.validate().map_err(|e| {
        ConfigError::invalid(format!("`{key}.{}`: {}", key_path(&e.path), e.message))
    })?;
    Ok(options)
}

/// The first rule option that does not validate, with its path from the top of the file
/// (`rules`, `overrides[1].rules`), to point at it in the text.
#[cfg(feature = "toml")]
fn invalid_option(file: &ConfigFile) -> Option<(Vec<KeyPart>, String)> {
    let check = |rules: &Value, base: Vec<KeyPart>| -> Option<(Vec<KeyPart>, String)> {
        let options: RuleOptions = serde_json::from_value(rules.clone()).ok()?;
        let e = options.validate().err()?;
        let mut path = base;
        path.extend(e.path);
        Some((path, e.message))
    };
    let rules = KeyPart::Key("rules".to_owned());
    if !file.rules.is_null() {
        if let Some(found) = check(&file.rules, vec![rules.clone()]) {
            return Some(found);
        }
    }
    file.overrides.iter().enumerate().find_map(|(i, o)| {
        (!o.rules.is_null()).then_some(())?;
        check(
            &o.rules,
            vec![
                KeyPart::Key("overrides".to_owned()),
                KeyPart::Index(i),
                rules.clone(),
            ],
        )
    })
}

/// Where `path` (below `[tool.pimlint]` in a `pyproject.toml`) is written in `text`: the
/// 1-based line and column of its value.
#[cfg(feature = "toml")]
fn toml_position(text: &str, pyproject: bool, path: &[KeyPart]) -> Option<(usize, usize)> {
    use toml::de::{DeTable, DeValue};
    let document = DeTable::parse(text).ok()?;
    let mut table: &DeTable<'_> = document.get_ref();
    let mut prefix = Vec::new();
    if pyproject {
        prefix = vec![
            KeyPart::Key("tool".to_owned()),
            KeyPart::Key("pimlint".to_owned()),
        ];
    }
    let mut current: Option<&toml::Spanned<DeValue<'_>>> = None;
    for part in prefix.iter().chain(path) {
        let next = match (part, current.map(toml::Spanned::get_ref)) {
            (KeyPart::Key(key), None) => table
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == key.as_str())
                .map(|(_, v)| v),
            (KeyPart::Key(key), Some(DeValue::Table(t))) => {
                table = t;
                table
                    .iter()
                    .find(|(k, _)| k.get_ref().as_ref() == key.as_str())
                    .map(|(_, v)| v)
            }
            (KeyPart::Index(i), Some(DeValue::Array(items))) => items.get(*i),
            _ => None,
        }?;
        current = Some(next);
    }
    let span = current?.span();
    let at = crate::Locator::new(text).line_col(span.start);
    Some((at.line, at.column))
}

/// The JSON Schema of `pimlint.toml` (and `[tool.pimlint]`), generated from the types above.
#[must_use]
pub fn json_schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(ConfigFile)).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut schema {
        map.insert("title".into(), Value::from("pimlint configuration"));
    }
    schema
}

impl Config {
    /// Resolves a configuration as written.
    pub fn resolve(file: ConfigFile) -> Result<Self, ConfigError> {
        let profile = file.profile.unwrap_or_default();
        let (extra, profile_severity) = profile_defaults(profile);
        for selector in file.select.iter().flatten() {
            check_selector(selector, "select")?;
        }
        for selector in &file.extend_select {
            check_selector(selector, "extend-select")?;
        }
        for selector in &file.ignore {
            check_selector(selector, "ignore")?;
        }
        for selector in file.severity.keys() {
            check_selector(selector, "severity")?;
        }
        let mut enabled = Vec::with_capacity(REGISTRY.len());
        let mut severity = Vec::with_capacity(REGISTRY.len());
        let mut role_severity = Vec::new();
        for (index, rule) in REGISTRY.iter().enumerate() {
            let meta = rule.meta;
            let default_on = !OPT_IN.contains(&meta.code) || extra.contains(&meta.code);
            // The most specific selector decides; on a tie, ignore wins.
            let mut best: Option<(usize, bool)> = None;
            let mut consider = |selector: &str, on: bool| {
                if let Some(s) = specificity(selector, meta) {
                    if best.is_none_or(|(b, _)| s > b || (s == b && !on)) {
                        best = Some((s, on));
                    }
                }
            };
            match &file.select {
                Some(select) => select.iter().for_each(|s| consider(s, true)),
                None if default_on => consider("ALL", true),
                None => {}
            }
            file.extend_select.iter().for_each(|s| consider(s, true));
            file.ignore.iter().for_each(|s| consider(s, false));
            let mut on = best.is_some_and(|(_, on)| on);
            let mut level = profile_severity
                .iter()
                .find(|(code, _)| *code == meta.code)
                .map(|(_, s)| *s);
            let configured = file
                .severity
                .iter()
                .filter_map(|(k, v)| specificity(k, meta).map(|s| (s, *v)))
                .max_by_key(|(s, _)| *s);
            if configured.is_none() {
                role_severity.extend(
                    profile_role_severities(profile)
                        .iter()
                        .filter(|(code, _, _)| *code == meta.code)
                        .map(|(_, roles, level)| (index, *roles, *level)),
                );
            }
            match configured.map(|(_, v)| v) {
                Some(Level::Off) => on = false,
                Some(Level::Info) => level = Some(Severity::Info),
                Some(Level::Warning) => level = Some(Severity::Warning),
                Some(Level::Error) => level = Some(Severity::Error),
                None => {}
            }
            enabled.push(on);
            severity.push(level);
        }
        let options = typed_options(&file.rules, "rules", profile)?;
        let mut overrides = profile_overrides(profile, &file.rules)?;
        for (i, o) in file.overrides.iter().enumerate() {
            let key = format!("overrides[{i}]");
            for selector in o.ignore.iter().chain(o.severity.keys()) {
                check_selector(selector, &key)?;
            }
            if o.roles.is_empty() && o.scopes.is_empty() {
                return Err(ConfigError::invalid(format!(
                    "`{key}` names no `roles` and no `scopes`; it would apply everywhere"
                )));
            }
            let mut rules = if file.rules.is_null() {
                Value::Object(serde_json::Map::new())
            } else {
                file.rules.clone()
            };
            if !o.rules.is_null() {
                merge(&mut rules, &o.rules);
            }
            overrides.push(Override {
                roles: o.roles.iter().map(|r| role_id(r)).collect(),
                scopes: o
                    .scopes
                    .iter()
                    .map(|s| s.trim_end_matches('/').to_ascii_lowercase())
                    .map(|s| if s.is_empty() { "/".to_owned() } else { s })
                    .collect(),
                ignore: o.ignore.clone(),
                severity: o.severity.clone(),
                options: typed_options(&rules, &format!("{key}.rules"), profile)?,
            });
        }
        Ok(Self {
            profile,
            role_set: file
                .privileged_roles
                .set
                .unwrap_or_else(|| profile.role_set()),
            privileged_extend: file
                .privileged_roles
                .extend
                .iter()
                .map(|r| role_id(r))
                .collect(),
            privileged_exclude: file
                .privileged_roles
                .exclude
                .iter()
                .map(|r| role_id(r))
                .collect(),
            file,
            source: None,
            options,
            enabled,
            severity,
            overrides,
            role_severity,
        })
    }

    #[cfg(feature = "toml")]
    /// Parses TOML: a `pimlint.toml` (top-level keys), or a `pyproject.toml` (its
    /// `[tool.pimlint]` table).
    pub fn from_toml(text: &str, pyproject: bool) -> Result<Self, ConfigError> {
        /// `pyproject.toml`, of which only `[tool.pimlint]` is read.
        #[derive(Deserialize)]
        struct PyProject {
            tool: Option<Tool>,
        }
        #[derive(Deserialize)]
        struct Tool {
            pimlint: Option<ConfigFile>,
        }
        // Deserializing straight from TOML keeps the location of a bad key or value.
        let file = if pyproject {
            toml::from_str::<PyProject>(text)
                .map(|p| p.tool.and_then(|t| t.pimlint).unwrap_or_default())
        } else {
            toml::from_str::<ConfigFile>(text)
        }
        .map_err(|e| {
            let mut error = toml_error(text, &e);
            if let ConfigError::Invalid { message, .. } = &mut error {
                *message = suggest_field(message);
            }
            error
        })?;
        let invalid = invalid_option(&file);
        Self::resolve(file).map_err(|e| {
            typed_rules_error(text, pyproject)
                .or_else(|| {
                    let (path, message) = invalid?;
                    let (line, column) = toml_position(text, pyproject, &path)
                        .map_or((None, None), |(l, c)| (Some(l), Some(c)));
                    Some(ConfigError::Invalid {
                        path: None,
                        line,
                        column,
                        message: format!("`{}`: {message}", key_path(&path)),
                    })
                })
                .unwrap_or(e)
        })
    }

    /// Reads the same structure from JSON data (a Python dict, a JS object).
    pub fn from_value(value: Value) -> Result<Self, ConfigError> {
        let file: ConfigFile = serde_json::from_value(value)
            .map_err(|e| ConfigError::invalid(suggest_field(&e.to_string())))?;
        Self::resolve(file)
    }

    #[cfg(feature = "toml")]
    /// Reads a configuration file (`pyproject.toml` by its name).
    pub fn from_path(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
        let mut config = Self::from_toml(&text, pyproject).map_err(|e| e.with_path(path))?;
        config.source = Some(path.to_path_buf());
        Ok(config)
    }

    #[cfg(feature = "toml")]
    /// The nearest configuration at or above `start` (a file or directory): `pimlint.toml`,
    /// `.pimlint.toml`, or a `pyproject.toml` with a `[tool.pimlint]` table.
    pub fn discover(start: &Path) -> Result<Option<Self>, ConfigError> {
        let start = if start.is_file() {
            start.parent().unwrap_or(start)
        } else {
            start
        };
        let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        for dir in absolute.ancestors() {
            for name in ["pimlint.toml", ".pimlint.toml"] {
                let candidate = dir.join(name);
                if candidate.is_file() {
                    return Self::from_path(&candidate).map(Some);
                }
            }
            let pyproject = dir.join("pyproject.toml");
            if pyproject.is_file() {
                let text = std::fs::read_to_string(&pyproject).unwrap_or_default();
                if text.contains("[tool.pimlint") {
                    return Self::from_path(&pyproject).map(Some);
                }
            }
        }
        Ok(None)
    }

    /// Whether `template_id` (or an Azure role definition) is highly privileged, by the
    /// configured set; `is_privileged` is Graph's own label when the input carries it.
    #[must_use]
    pub fn is_privileged(&self, template_id: &str, is_privileged: Option<bool>) -> bool {
        let id = template_id
            .rsplit('/')
            .next()
            .unwrap_or(template_id)
            .to_ascii_lowercase();
        if self.privileged_exclude.contains(&id) {
            return false;
        }
        self.privileged_extend.contains(&id)
            || roles::azure_privileged(&id)
            || self.role_set.contains(&id)
            || (self.role_set != RoleSet::Cisa && is_privileged == Some(true))
    }

    /// The rule options in force for a role at a scope.
    #[must_use]
    pub fn options_for(&self, role: Option<&str>, scope: Option<&str>) -> &RuleOptions {
        self.overrides
            .iter()
            .rev()
            .find(|o| o.matches(role, scope))
            .map_or(&self.options, |o| &o.options)
    }

    /// Whether a rule runs at all (before overrides).
    #[must_use]
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        self.enabled[rule_index(meta)]
    }

    /// Drops the findings of rules that are off for this role and scope, and sets configured
    /// severities.
    pub fn apply(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        role: Option<&str>,
        scope: Option<&str>,
    ) {
        let matching: Vec<&Override> = self
            .overrides
            .iter()
            .filter(|o| o.matches(role, scope))
            .collect();
        diagnostics.retain_mut(|d| {
            // A finding's code is its rule's own `&'static str`: found by address, without a
            // string comparison per rule; by value otherwise.
            let index = REGISTRY
                .iter()
                .position(|r| std::ptr::eq(r.meta.code, d.code))
                .or_else(|| REGISTRY.iter().position(|r| r.meta.code == d.code));
            let Some(index) = index else {
                return true;
            };
            let meta = REGISTRY[index].meta;
            if !self.enabled[index] {
                return false;
            }
            if let Some(level) = self.severity[index] {
                d.severity = level;
            }
            if let Some(role) = role {
                let role = role.rsplit('/').next().unwrap_or(role);
                if let Some((_, _, level)) = self.role_severity.iter().find(|(i, roles, _)| {
                    *i == index && roles.iter().any(|r| r.eq_ignore_ascii_case(role))
                }) {
                    d.severity = *level;
                }
            }
            for o in &matching {
                if o.ignore.iter().any(|s| specificity(s, meta).is_some()) {
                    return false;
                }
                let configured = o
                    .severity
                    .iter()
                    .filter_map(|(k, v)| specificity(k, meta).map(|s| (s, *v)))
                    .max_by_key(|(s, _)| *s)
                    .map(|(_, v)| v);
                match configured {
                    Some(Level::Off) => return false,
                    Some(Level::Info) => d.severity = Severity::Info,
                    Some(Level::Warning) => d.severity = Severity::Warning,
                    Some(Level::Error) => d.severity = Severity::Error,
                    None => {}
                }
            }
            true
        });
    }

    /// The effective settings as a configuration file that means the same: the profile, every
    /// rule that runs (`select`), each severity that is not the rule's default, the privileged
    /// roles, every rule option and the overrides as written.
    #[must_use]
    pub fn effective_file(&self) -> ConfigFile {
        let (_, profile_severity) = profile_defaults(self.profile);
        let mut file = self.file.clone();
        file.profile = Some(self.profile);
        file.select = Some(
            REGISTRY
                .iter()
                .enumerate()
                .filter(|(i, _)| self.enabled[*i])
                .map(|(_, r)| r.meta.code.to_owned())
                .collect(),
        );
        file.extend_select = Vec::new();
        file.ignore = Vec::new();
        file.severity = REGISTRY
            .iter()
            .enumerate()
            .filter(|(i, _)| self.enabled[*i])
            .filter_map(|(i, r)| {
                let effective = self.severity[i].unwrap_or(r.meta.default_severity);
                let by_profile = profile_severity.iter().any(|(c, _)| *c == r.meta.code);
                (by_profile || effective != r.meta.default_severity).then(|| {
                    let level = match effective {
                        Severity::Info => Level::Info,
                        Severity::Warning => Level::Warning,
                        Severity::Error => Level::Error,
                    };
                    (r.meta.code.to_owned(), level)
                })
            })
            .collect();
        file.privileged_roles.set = Some(self.role_set);
        file.rules = serde_json::to_value(&self.options).unwrap_or(Value::Null);
        file
    }

    #[cfg(feature = "toml")]
    /// The effective settings, as a `pimlint.toml` that means the same
    /// (`pimlint config --show`).
    #[must_use]
    pub fn show(&self) -> String {
        let header = match &self.source {
            Some(source) => format!(
                "# The settings in force, from {}, with every default written out.\n",
                source.display()
            ),
            None => "# No configuration file found: these are the defaults.\n".to_owned(),
        };
        let body = toml::to_string_pretty(&self.effective_file())
            .unwrap_or_else(|e| format!("# cannot write the settings as TOML: {e}\n"));
        format!("{header}{body}")
    }

    #[cfg(feature = "toml")]
    /// The configuration file as written (`pimlint config`).
    #[must_use]
    pub fn written(&self) -> String {
        let header = match &self.source {
            Some(source) => format!("# {}\n", source.display()),
            None => "# No configuration file found; pimlint uses the defaults \
                     (`pimlint config --show` prints them).\n"
                .to_owned(),
        };
        let body = toml::to_string_pretty(&self.file)
            .unwrap_or_else(|e| format!("# cannot write the settings as TOML: {e}\n"));
        format!("{header}{body}")
    }
}

#[cfg(feature = "toml")]
fn typed_rules_error(text: &str, pyproject: bool) -> Option<ConfigError> {
    #[derive(Deserialize)]
    struct Rules {
        #[serde(default)]
        #[allow(dead_code, reason = "read only for its errors")]
        rules: RuleOptions,
    }
    #[derive(Deserialize)]
    struct PyProject {
        #[allow(dead_code, reason = "read only for its errors")]
        tool: Option<Tool>,
    }
    #[derive(Deserialize)]
    struct Tool {
        #[allow(dead_code, reason = "read only for its errors")]
        pimlint: Option<Rules>,
    }
    let result = if pyproject {
        toml::from_str::<PyProject>(text).map(|_| ())
    } else {
        toml::from_str::<Rules>(text).map(|_| ())
    };
    let e = result.err()?;
    let mut error = toml_error(text, &e);
    if let ConfigError::Invalid { message, .. } = &mut error {
        *message = format!("`rules`: {}", suggest_field(message));
    }
    Some(error)
}

#[cfg(feature = "toml")]
fn toml_error(text: &str, e: &toml::de::Error) -> ConfigError {
    let (line, column) = e.span().map_or((None, None), |span| {
        let locator = crate::Locator::new(text);
        let at = locator.line_col(span.start);
        (Some(at.line), Some(at.column))
    });
    ConfigError::Invalid {
        path: None,
        line,
        column,
        message: e.message().to_owned(),
    }
}

pub use crate::rules::context::{Profile, RuleContext, Settings, Tier};
pub use crate::rules::options::{
    GlobalAdminCount, GlobalAdminShare, ShareLimit, StandingAccessExclusions,
};

#[cfg(test)]
mod tests;

impl Settings for Config {
    fn profile(&self) -> Profile {
        self.profile
    }

    fn options(&self) -> &RuleOptions {
        &self.options
    }

    fn options_for(&self, role: Option<&str>, scope: Option<&str>) -> &RuleOptions {
        Config::options_for(self, role, scope)
    }

    fn is_privileged(&self, template_id: &str, is_privileged: Option<bool>) -> bool {
        Config::is_privileged(self, template_id, is_privileged)
    }

    fn is_enabled(&self, meta: &RuleMeta) -> bool {
        Config::is_enabled(self, meta)
    }
}
