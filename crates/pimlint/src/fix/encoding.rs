//! Writing fixed text back in the encoding the file was read in.

/// How a file's bytes encode its text, as [`crate::decode`] reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    /// UTF-16, little endian, with a byte order mark (Windows PowerShell 5.1).
    Utf16Le,
    /// UTF-16, big endian, with a byte order mark.
    Utf16Be,
}

impl Encoding {
    /// The encoding of `bytes`, from its byte order mark.
    #[must_use]
    pub const fn detect(bytes: &[u8]) -> Self {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => Self::Utf8Bom,
            [0xFF, 0xFE, ..] => Self::Utf16Le,
            [0xFE, 0xFF, ..] => Self::Utf16Be,
            _ => Self::Utf8,
        }
    }

    /// `text` in this encoding, byte order mark included.
    #[must_use]
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Self::Utf8 => text.as_bytes().to_vec(),
            Self::Utf8Bom => {
                let mut out = Vec::with_capacity(text.len() + 3);
                out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
                out.extend_from_slice(text.as_bytes());
                out
            }
            Self::Utf16Le | Self::Utf16Be => {
                let mut out = Vec::with_capacity(text.len() * 2 + 2);
                let big = self == Self::Utf16Be;
                out.extend_from_slice(if big { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
                for unit in text.encode_utf16() {
                    out.extend_from_slice(&if big {
                        unit.to_be_bytes()
                    } else {
                        unit.to_le_bytes()
                    });
                }
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_encoding_round_trips_through_decode() {
        let text = "{\"a\": \"Zoë ✓\"}";
        for encoding in [
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
        ] {
            let bytes = encoding.encode(text);
            assert_eq!(Encoding::detect(&bytes), encoding);
            assert_eq!(crate::decode(&bytes).unwrap(), text);
        }
    }
}
