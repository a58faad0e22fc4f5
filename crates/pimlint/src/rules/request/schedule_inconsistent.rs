use crate::rules::declare_rule;

declare_rule! {
    /// The request's schedule contradicts itself: the expiration type does not match the
    /// members set, the end is before the start, or an ARM assignment request has
    /// `AfterDuration` with a `null` duration.
    ///
    /// ## What it does
    /// Checks `scheduleInfo.expiration`: `afterDuration` needs `duration`, `afterDateTime` needs
    /// `endDateTime`, `noExpiration` takes neither, and no type takes both; the end must come
    /// after the start. With a `now` given, it also flags a schedule that ends before `now`.
    /// An ARM eligibility request with `AfterDuration` and `duration: null` is taken as
    /// permanent by the service; the same on an assignment request is rejected.
    ///
    /// ## Why it matters
    /// The service rejects these requests, some with messages that do not say which member is
    /// wrong (azure-rest-api-specs #24242).
    ///
    /// ## How to fix
    /// Set exactly the member the type needs, and an end after the start.
    ///
    /// ## Example
    /// ```json
    /// "expiration": { "type": "afterDateTime", "duration": "PT2H" }
    /// ```
    pub static SCHEDULE_INCONSISTENT = ("PIM509", "schedule-inconsistent", Request, Error);
}
