use crate::rules::declare_rule;

declare_rule! {
    /// The request starts more than a day before the time it is validated at.
    ///
    /// ## What it does
    /// Compares `scheduleInfo.startDateTime` with `now` (given by the caller, never read from
    /// the clock).
    ///
    /// ## Why it matters
    /// The schedule runs from its start, so part of it has already passed: an activation asked
    /// for yesterday at 09:00 for eight hours is over. It usually means a stale template or a
    /// time zone mistake.
    ///
    /// ## How to fix
    /// Leave `startDateTime` out to start now, or set it to the intended time with its offset.
    ///
    /// ## Example
    /// ```json
    /// "scheduleInfo": { "startDateTime": "2020-01-01T00:00:00Z", … }
    /// ```
    pub static START_IN_THE_PAST = ("PIM513", "start-in-the-past", Request, Warning);
}
