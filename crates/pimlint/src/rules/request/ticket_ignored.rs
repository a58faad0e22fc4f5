use crate::rules::declare_rule;

declare_rule! {
    /// The request carries ticket information that no ticketing rule asks for.
    ///
    /// ## What it does
    /// Reports `ticketInfo` on a request whose governing enablement rule does not list
    /// `Ticketing`.
    ///
    /// ## Why it matters
    /// The service accepts the request but does not require or check the ticket, so an audit
    /// that relies on it may find requests without one. Usually harmless.
    ///
    /// ## How to fix
    /// Enable `Ticketing` on the enablement rule if tickets matter, or drop `ticketInfo`.
    ///
    /// ## Example
    /// ```json
    /// { "action": "selfActivate", "ticketInfo": { "ticketNumber": "INC1" }, … }
    /// ```
    pub static TICKET_IGNORED = ("PIM512", "ticket-ignored", Request, Info);
}
