//! RFC 6901 JSON pointers: where in the input document a value came from.
//!
//! A document's model holds a pointer for every value it keeps, several hundred per policy,
//! and nearly all of them go through member names the code knows (`rules`, `target`,
//! `isExpirationRequired`…) and small array indices. Such a pointer is kept as its path, a
//! byte per name and two to four per index, in place inside the pointer: building one copies
//! its parent's path and adds a token, with no allocation. Its RFC 6901 text is written only
//! when it is shown. Any other pointer (a member name the code does not know, a path too
//! long for the place) is kept as its escaped text.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::num::NonZeroU8;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::scan::{equal, find};

/// The member names a pointer holds as one byte each: every name written with
/// [`member!`](crate::member), and the members of the Graph and ARM objects that pointers
/// often go through. A name's byte is its place in this list, which is sorted (checked when
/// compiled) so that a name read at run time is found by a binary search.
const NAMES: &[&str] = &[
    "@odata.context",
    "@odata.type",
    "AdditionalProperties",
    "DisplayName",
    "Policies",
    "Policy",
    "PolicyTemplates",
    "Principal",
    "Recipients",
    "RoleName",
    "RoleTemplateId",
    "RuleSource",
    "RuleSourceType",
    "Rules",
    "accessId",
    "action",
    "additional_recipients",
    "after",
    "alertDefinitionId",
    "appScopeId",
    "approvalMode",
    "approvalStageTimeOutInDays",
    "approvalStages",
    "assignmentType",
    "body",
    "caller",
    "change",
    "child_modules",
    "claimValue",
    "condition",
    "conditionVersion",
    "createdDateTime",
    "createdUsing",
    "default_recipients",
    "description",
    "directoryScopeId",
    "displayName",
    "duration",
    "effectiveRules",
    "enabledRules",
    "endDateTime",
    "enforcedSettings",
    "escalationApprovers",
    "escalationTimeInMinutes",
    "expandedProperties",
    "expiration",
    "expiration_required",
    "expire_after",
    "groupId",
    "id",
    "incidentCount",
    "inheritableSettings",
    "isActive",
    "isApprovalRequired",
    "isApprovalRequiredForExtension",
    "isApproverJustificationRequired",
    "isBackup",
    "isBuiltIn",
    "isDefaultRecipientEnabled",
    "isDefaultRecipientsEnabled",
    "isEnabled",
    "isEscalationEnabled",
    "isExpirationRequired",
    "isOrganizationDefault",
    "isPrivileged",
    "isRequestorJustificationRequired",
    "isValidationOnly",
    "justification",
    "lastModifiedBy",
    "lastModifiedDateTime",
    "level",
    "maximumDuration",
    "maximum_duration",
    "memberType",
    "name",
    "notificationLevel",
    "notificationRecipients",
    "notificationType",
    "notification_level",
    "object_id",
    "onPremisesSyncEnabled",
    "operations",
    "policy",
    "policyAssignmentProperties",
    "policyId",
    "policyProperties",
    "primaryApprovers",
    "primary_approver",
    "principal",
    "principalDisplayName",
    "principalId",
    "principalType",
    "privileged_roles",
    "properties",
    "recipientType",
    "requestType",
    "require_approval",
    "required_conditional_access_authentication_context",
    "resourceId",
    "resource_changes",
    "resources",
    "roleDefinition",
    "roleDefinitionDisplayName",
    "roleDefinitionId",
    "roleName",
    "root_module",
    "ruleType",
    "rules",
    "scheduleInfo",
    "scope",
    "scopeId",
    "scopeType",
    "setting",
    "startDateTime",
    "status",
    "target",
    "targetObjects",
    "targetScheduleId",
    "template",
    "templateId",
    "ticketInfo",
    "ticketNumber",
    "ticketSystem",
    "type",
    "url",
    "userId",
    "userPrincipalName",
    "userType",
    "value",
    "values",
];

/// How many bytes of path a pointer holds in place.
const PLACE: usize = 20;

/// The first byte of an index token, by how many bytes of the index follow (1, 2 or 3, little
/// endian); a byte below [`INDEX`] is a name's place in [`NAMES`].
const INDEX: u8 = 0xFC;

/// The largest index a pointer holds in place.
const MAX_INDEX: usize = 0xFF_FFFF;

const _: () = assert!(NAMES.len() < INDEX as usize);
const _: () = assert!(sorted(NAMES));
const _: () = assert!(size_of::<Pointer>() == 24);

/// The [`Member`] of `name`, when it is in [`NAMES`].
fn known(name: &str) -> Option<Member> {
    let place = NAMES.binary_search(&name).ok()?;
    Some(Member {
        name: NAMES[place],
        code: u8::try_from(place).ok()?,
    })
}

/// Whether `names` are in strictly increasing byte order, in a `const` context.
const fn sorted(names: &[&str]) -> bool {
    let mut i = 1;
    while i < names.len() {
        if !matches!(compare(names[i - 1], names[i]), Ordering::Less) {
            return false;
        }
        i += 1;
    }
    true
}

/// `a` against `b` in byte order, in a `const` context.
const fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        i += 1;
    }
    if a.len() < b.len() {
        Ordering::Less
    } else if a.len() > b.len() {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// An RFC 6901 JSON pointer (`/rules/0/target`).
///
/// The empty pointer designates the whole document. Two pointers are equal, and ordered, as
/// their texts are.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Pointer(Repr);

/// A pointer's path in place, or its escaped text. A pointer whose tokens all fit in place is
/// always held there, so that equal pointers are held the same way.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Path(Path),
    Text(Box<str>),
}

/// The bytes of a path, [`PLACE`] at most, as one little-endian number in three words (the
/// bytes past its length are zero). A token is added with shifts in registers: a path built
/// a byte at a time in memory and then copied whole would make each copy wait for the byte.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Path {
    low: u64,
    high: u64,
    top: u32,
    /// The length plus one (so that a pointer held as text needs no room of its own).
    end: NonZeroU8,
}

impl Path {
    const EMPTY: Self = Self {
        low: 0,
        high: 0,
        top: 0,
        end: NonZeroU8::MIN,
    };

    const fn len(self) -> usize {
        self.end.get() as usize - 1
    }

    /// The bytes, the first [`Self::len`] of which are the path.
    fn bytes(self) -> [u8; PLACE] {
        let mut out = [0; PLACE];
        out[..8].copy_from_slice(&self.low.to_le_bytes());
        out[8..16].copy_from_slice(&self.high.to_le_bytes());
        out[16..].copy_from_slice(&self.top.to_le_bytes());
        out
    }

    /// The path of `bytes`, when they fit.
    fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut all = [0; PLACE];
        all.get_mut(..bytes.len())?.copy_from_slice(bytes);
        let (low, rest) = all.split_first_chunk::<8>()?;
        let (high, top) = rest.split_first_chunk::<8>()?;
        Some(Self {
            low: u64::from_le_bytes(*low),
            high: u64::from_le_bytes(*high),
            top: u32::from_le_bytes(*top.first_chunk::<4>()?),
            end: NonZeroU8::new(u8::try_from(bytes.len() + 1).ok()?)?,
        })
    }

    /// This path with the token bytes `code` (`width` of them, little endian, four at most)
    /// added, when they fit.
    fn with(self, code: u32, width: usize) -> Option<Self> {
        let len = self.len();
        let end = len + width;
        if end > PLACE {
            return None;
        }
        let code = u64::from(code);
        let bit = 8 * len;
        let mut out = self;
        match len {
            0..8 => {
                out.low |= code << bit;
                if bit > 32 {
                    out.high |= code >> (64 - bit);
                }
            }
            8..16 => {
                let bit = bit - 64;
                out.high |= code << bit;
                if bit > 32 {
                    out.top |= u32::try_from(code >> (64 - bit)).unwrap_or(0);
                }
            }
            _ => out.top |= u32::try_from((code << (bit - 128)) & 0xFFFF_FFFF).unwrap_or(0),
        }
        out.end = NonZeroU8::new(u8::try_from(end + 1).ok()?)?;
        Some(out)
    }
}

/// One reference token of a pointer, as its text writes it.
#[derive(Clone, Copy)]
enum Token<'a> {
    /// An escaped token.
    Text(&'a str),
    /// An array index (or a member name that is a number as an index is written).
    Index(usize),
}

impl Token<'_> {
    /// Calls `f` with the token's escaped text.
    fn with_text<R>(self, f: impl FnOnce(&str) -> R) -> R {
        match self {
            Token::Text(t) => f(t),
            Token::Index(i) => f(itoa::Buffer::new().format(i)),
        }
    }
}

/// `token` unescaped (`~1` is `/`, `~0` is `~`, in that order).
fn unescape(token: &str) -> Cow<'_, str> {
    if token.as_bytes().contains(&b'~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The index an escaped token writes, when it is written as RFC 6901 writes an array index
/// (digits, no leading zero) and small enough to hold in place.
fn as_index(token: &str) -> Option<usize> {
    let bytes = token.as_bytes();
    if bytes.is_empty() || bytes.len() > 8 || (bytes.len() > 1 && bytes[0] == b'0') {
        return None;
    }
    let mut n = 0usize;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + usize::from(b - b'0');
    }
    (n <= MAX_INDEX).then_some(n)
}

/// How many bytes the token that starts with `first` takes in a path.
const fn width(first: u8) -> usize {
    if first < INDEX {
        1
    } else {
        (first - INDEX) as usize + 2
    }
}

/// The bytes of the token of array index `index` in a path (little endian), and how many
/// there are: [`INDEX`] plus the index's width less one, then the index in 1 to 3 bytes.
fn index_code(index: usize) -> Option<(u32, usize)> {
    let index = u32::try_from(index)
        .ok()
        .filter(|i| *i as usize <= MAX_INDEX)?;
    let width = match index {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        _ => 3,
    };
    Some((
        (u32::from(INDEX) + width - 1) | (index << 8),
        width as usize + 1,
    ))
}

/// A member name written in the code that needs no escape in a pointer (no `~`, no `/`):
/// made by [`member!`](crate::member), which checks it when the code is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    name: &'static str,
    /// Its byte in a pointer's path.
    code: u8,
}

impl Member {
    /// Checks `name`; in a `const` context (as [`member!`](crate::member) puts it) a name with
    /// `~` or `/`, or one missing from the pointer's list of names, does not compile.
    ///
    /// # Panics
    ///
    /// Outside a `const` context, when `name` holds `~` or `/` or is not in the list.
    #[must_use]
    pub const fn new(name: &'static str) -> Self {
        let bytes = name.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            assert!(
                bytes[i] != b'~' && bytes[i] != b'/',
                "a member name with `~` or `/` needs Pointer::key"
            );
            i += 1;
        }
        let mut code = 0;
        while code < NAMES.len() {
            if matches!(compare(NAMES[code], name), Ordering::Equal) {
                #[allow(
                    clippy::cast_possible_truncation,
                    reason = "NAMES has fewer than INDEX names, checked when compiled"
                )]
                let code = code as u8;
                return Self { name, code };
            }
            code += 1;
        }
        #[allow(clippy::panic, reason = "in a const context it is a compile error")]
        {
            panic!("a member! name must be in pointer::NAMES")
        }
    }
}

/// A [`Member`] name checked when the code is compiled: `at.member(member!("id"))`.
#[macro_export]
macro_rules! member {
    ($name:literal) => {
        const { $crate::pointer::Member::new($name) }
    };
}

/// A pointer string that is not valid RFC 6901.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid JSON pointer {pointer:?}: {reason}")]
pub struct PointerError {
    /// The text that was given.
    pub pointer: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Default for Pointer {
    fn default() -> Self {
        Self::root()
    }
}

impl Pointer {
    /// The pointer to the whole document.
    #[must_use]
    pub const fn root() -> Self {
        Self(Repr::Path(Path::EMPTY))
    }

    /// Parses an escaped pointer such as `/value/0/rules/~1x`.
    pub fn parse(text: &str) -> Result<Self, PointerError> {
        if !text.is_empty() && !text.starts_with('/') {
            return Err(PointerError {
                pointer: text.to_owned(),
                reason: "a non-empty pointer must start with '/'",
            });
        }
        let bytes = text.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'~' && !matches!(bytes.get(i + 1), Some(b'0' | b'1')) {
                return Err(PointerError {
                    pointer: text.to_owned(),
                    reason: "'~' must be followed by '0' or '1'",
                });
            }
        }
        Ok(Self::from_escaped(text))
    }

    /// The pointer whose escaped text is `text` (valid RFC 6901), held in place when it can be.
    fn from_escaped(text: &str) -> Self {
        let mut path = Path::EMPTY;
        for token in text.split('/').skip(1) {
            let code = match as_index(token) {
                Some(index) => index_code(index),
                None => known(token).map(|name| (u32::from(name.code), 1)),
            };
            match code.and_then(|(code, width)| path.with(code, width)) {
                Some(longer) => path = longer,
                None => return Self(Repr::Text(text.into())),
            }
        }
        Self(Repr::Path(path))
    }

    /// This pointer with the escaped token `token` added, as text.
    fn with_text(&self, token: &str) -> Self {
        let mut out = String::with_capacity(token.len() + 32);
        self.push_to(&mut out);
        out.push('/');
        out.push_str(token);
        Self(Repr::Text(out.into()))
    }

    /// The tokens, each as written.
    fn raw_tokens(&self) -> impl Iterator<Item = Token<'_>> + Clone {
        let (path, text) = match &self.0 {
            Repr::Path(path) => (*path, None),
            Repr::Text(text) => (Path::EMPTY, Some(text)),
        };
        let (bytes, len) = (path.bytes(), path.len());
        let mut at = 0;
        let from_path = std::iter::from_fn(move || {
            let rest = bytes.get(at..len)?;
            let (&first, tail) = rest.split_first()?;
            at += width(first);
            if first < INDEX {
                return Some(Token::Text(NAMES.get(usize::from(first)).copied()?));
            }
            let digits = tail.get(..width(first) - 1)?;
            let mut index = [0u8; 8];
            index[..digits.len()].copy_from_slice(digits);
            Some(Token::Index(
                usize::try_from(u64::from_le_bytes(index)).unwrap_or(usize::MAX),
            ))
        });
        let from_text = text
            .into_iter()
            .flat_map(|t| t.split('/').skip(1).map(Token::Text));
        from_path.chain(from_text)
    }

    /// Appends the escaped text to `out`.
    fn push_to(&self, out: &mut String) {
        // Writing to a `String` does not fail.
        let _ = self.write(out);
    }

    /// Writes the escaped text to `out`.
    fn write(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match &self.0 {
            Repr::Text(text) => out.write_str(text),
            Repr::Path(_) => self.raw_tokens().try_for_each(|token| {
                out.write_char('/')?;
                token.with_text(|t| out.write_str(t))
            }),
        }
    }

    /// The escaped text of the pointer, as RFC 6901 writes it.
    #[must_use]
    pub fn text(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Text(text) => Cow::Borrowed(text),
            Repr::Path(path) if path.len() == 0 => Cow::Borrowed(""),
            Repr::Path(_) => {
                let mut out = String::with_capacity(48);
                self.push_to(&mut out);
                Cow::Owned(out)
            }
        }
    }

    /// Whether this is the pointer to the whole document.
    #[must_use]
    pub fn is_root(&self) -> bool {
        matches!(&self.0, Repr::Path(path) if path.len() == 0)
    }

    /// A new pointer to the member `key` of the object this pointer designates.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        if let Some(index) = as_index(key) {
            return self.index(index);
        }
        if let Some(name) = known(key) {
            return self.member(name);
        }
        // Most keys need no escape: copy them whole.
        let mut escaped = String::with_capacity(key.len() + 2);
        let mut rest = key;
        while let Some(i) = find(rest.as_bytes(), 0, |w| equal(w, b'~') | equal(w, b'/')) {
            escaped.push_str(&rest[..i]);
            escaped.push_str(if rest.as_bytes()[i] == b'~' {
                "~0"
            } else {
                "~1"
            });
            rest = &rest[i + 1..];
        }
        escaped.push_str(rest);
        self.with_text(&escaped)
    }

    /// A new pointer to the member `name` of the object this pointer designates, for a name
    /// written in the code ([`member!`](crate::member)): it was checked when compiled to be
    /// one of the names a path holds as a byte.
    #[must_use]
    pub fn member(&self, name: Member) -> Self {
        if let Repr::Path(path) = &self.0 {
            if let Some(path) = path.with(u32::from(name.code), 1) {
                return Self(Repr::Path(path));
            }
        }
        self.with_text(name.name)
    }

    /// A new pointer to element `index` of the array this pointer designates.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        if let (Repr::Path(path), Some((code, width))) = (&self.0, index_code(index)) {
            if let Some(path) = path.with(code, width) {
                return Self(Repr::Path(path));
            }
        }
        self.with_text(itoa::Buffer::new().format(index))
    }

    /// Appends `other` (relative to this pointer's target) to this pointer.
    #[must_use]
    pub fn join(&self, other: &Pointer) -> Self {
        if let (Repr::Path(head), Repr::Path(tail)) = (&self.0, &other.0) {
            let mut bytes = head.bytes()[..head.len()].to_vec();
            bytes.extend_from_slice(&tail.bytes()[..tail.len()]);
            if let Some(path) = Path::from_bytes(&bytes) {
                return Self(Repr::Path(path));
            }
        }
        let mut text = String::new();
        self.push_to(&mut text);
        other.push_to(&mut text);
        Self::from_escaped(&text)
    }

    /// The unescaped reference tokens, in order.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.borrowed_tokens().map(Cow::into_owned)
    }

    /// [`Self::tokens`], borrowed from the pointer where they need no unescaping.
    pub(crate) fn borrowed_tokens(&self) -> impl Iterator<Item = Cow<'_, str>> {
        self.raw_tokens().map(|token| match token {
            Token::Text(t) => unescape(t),
            Token::Index(i) => Cow::Owned(i.to_string()),
        })
    }

    /// The pointer one level up, or `None` for the root.
    #[must_use]
    pub fn parent(&self) -> Option<Self> {
        match &self.0 {
            Repr::Path(path) if path.len() == 0 => None,
            Repr::Path(path) => {
                let bytes = path.bytes();
                // Where the last token starts.
                let mut start = 0;
                let mut at = 0;
                while at < path.len() {
                    start = at;
                    at += width(bytes[at]);
                }
                Path::from_bytes(&bytes[..start]).map(|path| Self(Repr::Path(path)))
            }
            Repr::Text(text) => text.rfind('/').map(|i| Self::from_escaped(&text[..i])),
        }
    }

    /// The last unescaped token, or `None` for the root.
    #[must_use]
    pub fn last(&self) -> Option<String> {
        self.tokens().last()
    }
}

/// Orders two pointers as their texts, token by token, without writing them.
impl Ord for Pointer {
    fn cmp(&self, other: &Self) -> Ordering {
        let mut left = self.raw_tokens();
        let mut right = other.raw_tokens();
        loop {
            match (left.next(), right.next()) {
                (None, None) => return Ordering::Equal,
                (None, Some(_)) => return Ordering::Less,
                (Some(_), None) => return Ordering::Greater,
                (Some(a), Some(b)) => {
                    let (a_more, b_more) = (
                        left.clone().next().is_some(),
                        right.clone().next().is_some(),
                    );
                    let order = a.with_text(|a| {
                        b.with_text(|b| compare_tokens(a.as_bytes(), a_more, b.as_bytes(), b_more))
                    });
                    if order != Ordering::Equal {
                        return order;
                    }
                }
            }
        }
    }
}

/// Orders the text from token `a` on (a `/` follows it when `a_more`) against the text from
/// token `b` on: the first byte that differs decides, and a token that is a prefix of the
/// other meets the `/` that follows it, or the end.
fn compare_tokens(a: &[u8], a_more: bool, b: &[u8], b_more: bool) -> Ordering {
    let common = a.len().min(b.len());
    match a[..common].cmp(&b[..common]) {
        Ordering::Equal => {}
        order => return order,
    }
    let next = |t: &[u8], more: bool| t.get(common).copied().or(more.then_some(b'/'));
    match (next(a, a_more), next(b, b_more)) {
        (Some(x), Some(y)) if a.len() != b.len() => x.cmp(&y),
        _ => a.len().cmp(&b.len()),
    }
}

impl PartialOrd for Pointer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f)
    }
}

impl fmt::Debug for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pointer({:?})", self.text())
    }
}

impl Serialize for Pointer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for Pointer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts that exercise each way a pointer is held: names the path holds, names it does
    /// not, escapes, indices of each width and past the widest, numbers an index is not
    /// written as, and paths too long to hold in place.
    const TEXTS: [&str; 18] = [
        "",
        "/",
        "/rules",
        "/rules/0/target/operations/12",
        "/value/300/policy/rules/7/setting/approvalStages/0/primaryApprovers/65536",
        "/value/16777216",
        "/value/16777215",
        "/value/01",
        "/value/-",
        "/unknownMember/3",
        "/rules/3/a~1b/m~0n",
        "/@odata.type",
        "/rules/0/target/operations/0/rules/0/target/operations/0/rules/0/target/operations/0/rules/0/target/operations/0/rules/0/target/operations/0/rules/0/target",
        "/rules//id",
        "/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id",
        "/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id/id",
        "/policy/3",
        "/policy/3.5",
    ];

    /// `text`'s pointer built token by token, as the readers build them.
    fn built(text: &str) -> Pointer {
        text.split('/').skip(1).fold(Pointer::root(), |p, t| {
            p.key(&t.replace("~1", "/").replace("~0", "~"))
        })
    }

    #[test]
    fn a_pointer_parsed_or_built_writes_its_text_back() {
        for text in TEXTS {
            let parsed = Pointer::parse(text).unwrap();
            assert_eq!(parsed.text(), text);
            assert_eq!(parsed.to_string(), text);
            assert_eq!(built(text), parsed, "{text}");
            assert_eq!(built(text).text(), text);
        }
    }

    #[test]
    fn a_path_is_held_in_place_until_it_does_not_fit() {
        let held = |p: &Pointer| matches!(p.0, Repr::Path(_));
        assert!(held(&Pointer::parse(TEXTS[4]).unwrap()));
        assert!(held(&Pointer::parse(TEXTS[14]).unwrap()));
        assert!(!held(&Pointer::parse(TEXTS[15]).unwrap()));
        assert!(!held(&Pointer::parse("/value/16777216").unwrap()));
        assert!(!held(&Pointer::parse("/unknownMember").unwrap()));
        // One level up from a path too long to hold is held again, as its text parses.
        let long = Pointer::parse(TEXTS[15]).unwrap();
        let parent = long.parent().unwrap();
        assert!(held(&parent));
        assert_eq!(parent, Pointer::parse(TEXTS[14]).unwrap());
        assert_eq!(
            Pointer::parse("/unknownMember").unwrap().parent(),
            Some(Pointer::root())
        );
    }

    #[test]
    fn a_member_named_as_an_index_is_written_is_that_index() {
        let root = Pointer::root();
        assert_eq!(root.key("3"), root.index(3));
        assert_ne!(root.key("03"), root.index(3));
        assert_eq!(root.key("03").text(), "/03");
        assert_eq!(root.index(70_000).key("-").text(), "/70000/-");
    }

    #[test]
    fn parent_last_and_join_over_every_kind() {
        for a in TEXTS {
            let p = Pointer::parse(a).unwrap();
            let expected_parent = a.rfind('/').map(|i| Pointer::parse(&a[..i]).unwrap());
            assert_eq!(p.parent(), expected_parent, "{a}");
            assert_eq!(
                p.last(),
                a.rsplit('/')
                    .next()
                    .filter(|_| !a.is_empty())
                    .map(|t| t.replace("~1", "/").replace("~0", "~"))
            );
            for b in TEXTS {
                let q = Pointer::parse(b).unwrap();
                let joined = format!("{a}{b}");
                assert_eq!(p.join(&q), Pointer::parse(&joined).unwrap(), "{a} + {b}");
                assert_eq!(p.join(&q).text(), joined);
            }
        }
    }

    /// A token from names the path holds, names it does not, numbers, and bytes that sort
    /// just below and above `/`.
    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "id",
                "rules",
                "target",
                "@odata.type",
                "value",
                "a",
                "ab",
                "a.b",
                "a-b",
                "a0",
                "",
                "~",
                "a/b",
                "00",
                "-"
            ])
            .prop_map(str::to_owned),
            (0usize..20_000_000).prop_map(|i| i.to_string()),
            "[-./0a~]{0,3}",
        ]
    }

    proptest! {
        #[test]
        fn order_equality_and_hash_follow_the_text(
            a in prop::collection::vec(token(), 0..12),
            b in prop::collection::vec(token(), 0..12),
        ) {
            let build = |tokens: &[String]| tokens.iter().fold(Pointer::root(), |p, t| p.key(t));
            let (p, q) = (build(&a), build(&b));
            let written: String = a
                .iter()
                .flat_map(|t| ["/".to_owned(), t.replace('~', "~0").replace('/', "~1")])
                .collect();
            prop_assert_eq!(p.text(), written.as_str());
            prop_assert_eq!(p.cmp(&q), p.text().cmp(&q.text()));
            prop_assert_eq!(p == q, p.text() == q.text());
            prop_assert_eq!(Pointer::parse(&p.text()).unwrap(), p.clone());
            if p == q {
                use std::hash::BuildHasher;
                let state = std::collections::hash_map::RandomState::new();
                prop_assert_eq!(state.hash_one(&p), state.hash_one(&q));
            }
        }
    }

    #[test]
    fn a_member_written_in_the_code_is_a_key_that_needs_no_escape() {
        let at = Pointer::root().key("rules").index(3);
        assert_eq!(at.member(crate::member!("isEnabled")), at.key("isEnabled"));
        assert_eq!(
            at.member(crate::member!("@odata.type")).text(),
            "/rules/3/@odata.type"
        );
    }

    #[test]
    #[should_panic(expected = "needs Pointer::key")]
    fn a_member_name_that_needs_an_escape_is_refused() {
        let _ = Member::new(std::hint::black_box("a/b"));
    }

    #[test]
    fn escapes_tilde_and_slash_in_keys() {
        let p = Pointer::root().key("a/b").key("m~n").index(3);
        assert_eq!(p.text(), "/a~1b/m~0n/3");
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["a/b", "m~n", "3"]);
    }

    #[test]
    fn unescapes_in_the_rfc_order() {
        // RFC 6901 §4: "~01" is "~1" literally, not "/".
        let p = Pointer::parse("/~01").unwrap();
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["~1"]);
        assert_eq!(Pointer::root().key("~1").text(), "/~01");
    }

    #[test]
    fn empty_key_and_root() {
        assert!(Pointer::root().is_root());
        assert_eq!(Pointer::root().key("").text(), "/");
        assert_eq!(
            Pointer::parse("/").unwrap().tokens().collect::<Vec<_>>(),
            [""]
        );
        assert_eq!(Pointer::root().tokens().count(), 0);
    }

    #[test]
    fn rejects_invalid_pointers() {
        assert!(Pointer::parse("a/b").is_err());
        assert!(Pointer::parse("/a~2").is_err());
        assert!(Pointer::parse("/a~").is_err());
    }

    #[test]
    fn parent_last_and_join() {
        let p = Pointer::parse("/rules/2/target").unwrap();
        assert_eq!(p.parent().unwrap().text(), "/rules/2");
        assert_eq!(p.last().as_deref(), Some("target"));
        let base = Pointer::parse("/value/4").unwrap();
        assert_eq!(base.join(&p).text(), "/value/4/rules/2/target");
        assert_eq!(Pointer::root().parent(), None);
    }

    #[test]
    fn serde_round_trip() {
        let p = Pointer::root().key("a/b");
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#""/a~1b""#);
        let back: Pointer = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        assert!(serde_json::from_str::<Pointer>(r#""x""#).is_err());
    }
}
