//! RFC 6901 JSON pointers: where in the input document a value came from.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::scan::{equal, find};

/// An RFC 6901 JSON pointer, kept in its escaped string form (`/rules/0/target`).
///
/// The empty pointer designates the whole document.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

/// A member name written in the code that needs no escape in a pointer (no `~`, no `/`):
/// made by [`member!`](crate::member), which checks it when the code is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member(&'static str);

impl Member {
    /// Checks `name`; in a `const` context (as [`member!`](crate::member) puts it) a name with
    /// `~` or `/` does not compile.
    ///
    /// # Panics
    ///
    /// Outside a `const` context, when `name` holds `~` or `/`.
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
        Self(name)
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

impl Pointer {
    /// The pointer to the whole document.
    #[must_use]
    pub const fn root() -> Self {
        Self(String::new())
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
        Ok(Self(text.to_owned()))
    }

    /// The escaped text of the pointer.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the pointer to the whole document.
    #[must_use]
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// A new pointer to the member `key` of the object this pointer designates.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut out = String::with_capacity(self.0.len() + key.len() + 1);
        out.push_str(&self.0);
        out.push('/');
        // Most keys need no escape: copy them whole.
        let mut rest = key;
        while let Some(i) = find(rest.as_bytes(), 0, |w| equal(w, b'~') | equal(w, b'/')) {
            out.push_str(&rest[..i]);
            out.push_str(if rest.as_bytes()[i] == b'~' {
                "~0"
            } else {
                "~1"
            });
            rest = &rest[i + 1..];
        }
        out.push_str(rest);
        Self(out)
    }

    /// A new pointer to the member `name` of the object this pointer designates, for a name
    /// written in the code ([`member!`](crate::member)): it was checked when compiled to need
    /// no escape, so it is copied without a look.
    #[must_use]
    pub fn member(&self, name: Member) -> Self {
        let mut out = String::with_capacity(self.0.len() + name.0.len() + 1);
        out.push_str(&self.0);
        out.push('/');
        out.push_str(name.0);
        Self(out)
    }

    /// A new pointer to element `index` of the array this pointer designates.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        // The decimal digits of `index`, written from the end.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = index;
        loop {
            at -= 1;
            digits[at] = b'0' + u8::try_from(n % 10).unwrap_or(0);
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let mut out = String::with_capacity(self.0.len() + 1 + digits.len() - at);
        out.push_str(&self.0);
        out.push('/');
        for &d in &digits[at..] {
            out.push(char::from(d));
        }
        Self(out)
    }

    /// Appends `other` (relative to this pointer's target) to this pointer.
    #[must_use]
    pub fn join(&self, other: &Pointer) -> Self {
        let mut out = String::with_capacity(self.0.len() + other.0.len());
        out.push_str(&self.0);
        out.push_str(&other.0);
        Self(out)
    }

    /// The unescaped reference tokens, in order.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.borrowed_tokens().map(Cow::into_owned)
    }

    /// [`Self::tokens`], borrowed from the pointer where they need no unescaping.
    pub(crate) fn borrowed_tokens(&self) -> impl Iterator<Item = Cow<'_, str>> {
        self.0.split('/').skip(1).map(|t| {
            if t.as_bytes().contains(&b'~') {
                Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(t)
            }
        })
    }

    /// The pointer one level up, or `None` for the root.
    #[must_use]
    pub fn parent(&self) -> Option<Self> {
        self.0.rfind('/').map(|i| Self(self.0[..i].to_owned()))
    }

    /// The last unescaped token, or `None` for the root.
    #[must_use]
    pub fn last(&self) -> Option<String> {
        self.tokens().last()
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pointer({:?})", self.0)
    }
}

impl Serialize for Pointer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Pointer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_written_in_the_code_is_a_key_that_needs_no_escape() {
        let at = Pointer::root().key("rules").index(3);
        assert_eq!(at.member(crate::member!("isEnabled")), at.key("isEnabled"));
        assert_eq!(
            at.member(crate::member!("@odata.type")).as_str(),
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
        assert_eq!(p.as_str(), "/a~1b/m~0n/3");
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["a/b", "m~n", "3"]);
    }

    #[test]
    fn unescapes_in_the_rfc_order() {
        // RFC 6901 §4: "~01" is "~1" literally, not "/".
        let p = Pointer::parse("/~01").unwrap();
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["~1"]);
        assert_eq!(Pointer::root().key("~1").as_str(), "/~01");
    }

    #[test]
    fn empty_key_and_root() {
        assert!(Pointer::root().is_root());
        assert_eq!(Pointer::root().key("").as_str(), "/");
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
        assert_eq!(p.parent().unwrap().as_str(), "/rules/2");
        assert_eq!(p.last().as_deref(), Some("target"));
        let base = Pointer::parse("/value/4").unwrap();
        assert_eq!(base.join(&p).as_str(), "/value/4/rules/2/target");
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
