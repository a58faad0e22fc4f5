//! Requirements as text, and their pointers rewritten for converted input.

use std::fmt::Write as _;

use super::Requirements;
use crate::duration::describe;
use crate::model::{ApiEnum, Extent, NotificationLevel, Provider, RecipientType};
use crate::pointer::Pointer;

impl Requirements {
    /// Rewrites every pointer, for input that was converted before it was read (a PowerShell
    /// export, policy as code, a document of the older APIs).
    pub fn map_pointers(&mut self, f: impl Fn(&Pointer) -> Pointer) {
        let map = |p: &mut Option<Pointer>| {
            if let Some(at) = p {
                *at = f(at);
            }
        };
        self.policy.pointer = f(&self.policy.pointer);
        map(&mut self.expiration.pointer);
        map(&mut self.expiration.required_pointer);
        map(&mut self.expiration.maximum_duration_pointer);
        for item in [&mut self.justification, &mut self.ticket, &mut self.mfa] {
            map(&mut item.pointer);
        }
        map(&mut self.authentication_context.pointer);
        map(&mut self.authentication_context.claim_value_pointer);
        map(&mut self.approval.pointer);
        map(&mut self.approval.extension_pointer);
        for stage in self.approval.stages.iter_mut().flatten() {
            stage.pointer = f(&stage.pointer);
            for a in stage
                .approvers
                .iter_mut()
                .chain(stage.escalation_approvers.iter_mut())
            {
                a.pointer = f(&a.pointer);
            }
        }
        for notice in &mut self.notifications {
            map(&mut notice.pointer);
        }
    }

    /// A plain-text account, one line per item with the pointer it comes from, as
    /// `pimlint requirements` prints it.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let role = self.policy.role.as_ref().map_or_else(
            || "a role the input does not name".to_owned(),
            |r| match &r.display_name {
                Some(name) => format!("{name} ({})", r.template_id),
                None => r.id.clone(),
            },
        );
        let scope = self
            .policy
            .scope
            .as_deref()
            .map(|s| format!(" at scope {s}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {role}{scope} ({}, policy at {})",
            self.kind,
            self.provider.describe(),
            shown(Some(&self.policy.pointer))
        );
        if self.policy.extent != Extent::Whole {
            let _ = writeln!(
                out,
                "  note: the input is {} of the policy; what it does not carry is unknown",
                match self.policy.extent {
                    Extent::Update => "an update",
                    _ => "a partial read",
                }
            );
        }
        let line = |out: &mut String, what: &str, text: String, at: Option<&Pointer>| {
            let _ = writeln!(out, "  {what:<15} {text:<56} {}", shown(at));
        };
        let e = &self.expiration;
        let duration = match (e.required, &e.maximum_duration) {
            (Some(true), Some(max)) => format!("end required, at most {max} ({})", describe(max)),
            (Some(true), None) => "end required, maximum unknown".to_owned(),
            (Some(false), _) => "no end required (permanent allowed)".to_owned(),
            (None, Some(max)) => format!("at most {max} if an end is required (unknown)"),
            (None, None) => "unknown".to_owned(),
        };
        let decides = if e.required == Some(false) {
            e.required_pointer.as_ref()
        } else {
            e.maximum_duration_pointer
                .as_ref()
                .or(e.required_pointer.as_ref())
        };
        line(
            &mut out,
            "duration",
            duration,
            decides.or(e.pointer.as_ref()),
        );
        for (what, item) in [
            ("justification", &self.justification),
            ("ticket", &self.ticket),
            ("mfa", &self.mfa),
        ] {
            line(
                &mut out,
                what,
                required(item.required),
                item.pointer.as_ref(),
            );
        }
        let ac = &self.authentication_context;
        let text = match (ac.required, &ac.claim_value) {
            (Some(true), Some(claim)) => format!("required: {claim} (acrs claim)"),
            (Some(true), None) => "required, with no claim value set".to_owned(),
            (other, _) => required(other),
        };
        line(&mut out, "auth context", text, ac.pointer.as_ref());
        let a = &self.approval;
        let mut text = match (&a.summary, a.required) {
            (Some(s), _) => format!("required: {s}"),
            (None, other) => required(other),
        };
        if let Some(ext) = a.extension_required {
            let _ = write!(
                text,
                "; extension {}",
                if ext { "needs approval" } else { "does not" }
            );
        }
        line(&mut out, "approval", text, a.pointer.as_ref());
        for n in &self.notifications {
            let who = match n.recipient_type {
                RecipientType::Requestor => "tell requestor",
                RecipientType::Approver => "tell approvers",
                RecipientType::Admin => "tell admins",
            };
            let text = if n.pointer.is_none() {
                "unknown".to_owned()
            } else {
                let level = n.level.map_or("level unknown", NotificationLevel::as_str);
                let default = match n.default_recipients {
                    Some(true) => "default recipients",
                    Some(false) => "no default recipients",
                    None => "default recipients unknown",
                };
                let extra = match &n.additional_recipients {
                    Some(list) if !list.is_empty() => format!(" + {}", list.join(", ")),
                    Some(_) => String::new(),
                    None => " + unknown others".to_owned(),
                };
                format!("{level}: {default}{extra}")
            };
            line(&mut out, who, text, n.pointer.as_ref());
        }
        if let Some(e) = &self.eligibility {
            e.write_text(&mut out);
        }
        let _ = writeln!(
            out,
            "  request         {} {} ({} {})",
            self.request.method,
            self.request.url,
            if self.provider == Provider::AzureResources {
                "requestType"
            } else {
                "action"
            },
            self.request.action
        );
        out
    }
}

fn required(value: Option<bool>) -> String {
    match value {
        Some(true) => "required",
        Some(false) => "not required",
        None => "unknown",
    }
    .to_owned()
}

pub(super) fn shown(at: Option<&Pointer>) -> String {
    match at {
        Some(p) if p.is_root() => "(root)".to_owned(),
        Some(p) => p.to_string(),
        None => "-".to_owned(),
    }
}

impl super::Eligibility {
    /// The eligibility lines of [`Requirements::to_text`].
    fn write_text(&self, out: &mut String) {
        use super::{Source, Window};
        let place = |s: &Source| match &s.file {
            Some(file) => format!("{file} {}", shown(Some(&s.pointer))),
            None => format!("tenant input {} {}", s.input, shown(Some(&s.pointer))),
        };
        // The places are files and pointers of the tenant export, too long for the column
        // the policy's pointers take: each goes on a line of its own.
        let line = |out: &mut String, what: &str, text: String, at: String| {
            let _ = writeln!(out, "  {what:<15} {text}");
            if !at.is_empty() {
                let _ = writeln!(out, "  {:<15} at {at}", "");
            }
        };
        let window = |w: &Window| {
            let through = match &w.group {
                Some(g) => format!(
                    "through group {} ({} member)",
                    g.name.as_deref().unwrap_or(&g.id),
                    match g.membership {
                        crate::tenant::model::Holding::Active => "active",
                        crate::tenant::model::Holding::Eligible => "eligible",
                    }
                ),
                None => "directly".to_owned(),
            };
            let end = match (&w.end, w.permanent) {
                (Some(end), _) => format!("until {end}"),
                (None, true) => "with no end".to_owned(),
                (None, false) => "end unknown".to_owned(),
            };
            match &w.start {
                Some(start) => format!("{through}, from {start} {end}"),
                None => format!("{through}, {end}"),
            }
        };
        let who = match &self.principal.name {
            Some(name) => format!("{name} ({})", self.principal.id),
            None => self.principal.id.clone(),
        };
        let _ = writeln!(out, "  principal       {who} at {}", self.now);
        match (self.eligible, &self.current) {
            (Some(true), Some(w)) => {
                line(
                    out,
                    "eligible",
                    format!("yes, {}", window(w)),
                    place(&w.source),
                );
            }
            (Some(_), _) => line(out, "eligible", "no".to_owned(), String::new()),
            (None, _) => line(
                out,
                "eligible",
                format!(
                    "unknown: {}",
                    self.unknown_because.as_deref().unwrap_or("not shown")
                ),
                String::new(),
            ),
        }
        for w in &self.later {
            line(out, "eligible later", window(w), place(&w.source));
        }
        match (self.active, &self.active_assignment) {
            (Some(true), Some(w)) => line(
                out,
                "already active",
                format!("yes, {}", window(w)),
                place(&w.source),
            ),
            (Some(_), _) => line(out, "already active", "no".to_owned(), String::new()),
            (None, _) => line(out, "already active", "unknown".to_owned(), String::new()),
        }
        if let (Some(max), Some(by)) = (&self.maximum_duration, self.limited_by) {
            let why = if by == "eligibility" {
                "the eligibility ends first"
            } else {
                "the policy's maximum"
            };
            line(
                out,
                "longest now",
                format!("{max} ({}): {why}", describe(max)),
                String::new(),
            );
        }
    }
}
