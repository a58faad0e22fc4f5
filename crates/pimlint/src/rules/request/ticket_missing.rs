use crate::rules::declare_rule;

declare_rule! {
    /// The policy requires ticket information and the request has no ticket number (the
    /// service's `TicketingRule`).
    ///
    /// ## What it does
    /// Checks `ticketInfo.ticketNumber` when the governing enablement rule lists `Ticketing`.
    ///
    /// ## Why it matters
    /// The service rejects the request with `TicketingRule`; activation tools without ticket
    /// parameters cannot activate such roles at all (PIMTools #4).
    ///
    /// ## How to fix
    /// Add `"ticketInfo": { "ticketNumber": "…", "ticketSystem": "…" }`.
    ///
    /// ## Example
    /// ```json
    /// { "action": "selfActivate", "justification": "Incident", … }
    /// ```
    pub static TICKET_MISSING = ("PIM504", "ticket-missing", Request, Error);
}
