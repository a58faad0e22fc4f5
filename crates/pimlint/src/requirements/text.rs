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
