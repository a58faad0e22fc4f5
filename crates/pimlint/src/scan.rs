//! Finding bytes eight at a time in a machine word, without a vector unit's set-up cost: the
//! strings and keys of PIM documents are short, and a call into a vector search costs more
//! than their bytes do.

/// A byte in each of the eight lanes of a word.
pub(crate) const LANES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `word` that equals `b`. The lowest bit set is exact (a borrow
/// can only mark bytes above a true match), which is all [`find`] reads.
pub(crate) const fn equal(word: u64, b: u8) -> u64 {
    let x = word ^ (LANES * b as u64);
    x.wrapping_sub(LANES) & !x & (LANES << 7)
}

/// The first offset from `from` of a byte that `hits` marks in a word, as [`equal`] marks
/// them (exact for the lowest marked byte), eight bytes at a time; the last few bytes are
/// tried one by one, each alone in the lowest lane of a word.
#[inline]
pub(crate) fn find(bytes: &[u8], from: usize, hits: impl Fn(u64) -> u64) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let marked = hits(u64::from_le_bytes(word));
        if marked != 0 {
            return Some(i + marked.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|&b| hits(u64::from(b)) & 0x80 != 0)
        .map(|at| i + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote_or_backslash(bytes: &[u8], from: usize) -> Option<usize> {
        find(bytes, from, |w| equal(w, b'"') | equal(w, b'\\'))
    }

    #[test]
    fn finds_the_first_match_in_every_lane_and_in_the_tail() {
        for len in 0..40 {
            for at in 0..len {
                for needle in [b'"', b'\\'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = needle;
                    for from in 0..=at {
                        assert_eq!(
                            quote_or_backslash(&bytes, from),
                            Some(at),
                            "{len} {at} {from}"
                        );
                    }
                }
            }
            assert_eq!(quote_or_backslash(&vec![b'a'; len], 0), None);
        }
    }

    #[test]
    fn agrees_with_a_byte_by_byte_search() {
        // Bytes that borrow in the subtraction (0x00, 0x01), that are one bit from a match
        // (`#`, `!`, `]`, 0xA2, 0xDC) and that match, in a pseudo-random order.
        let alphabet = [0x00, 0x01, b'#', b'!', b']', 0xA2, 0xDC, b'a', b'"', b'\\'];
        let mut state = 0x2545_f491_u32;
        for _ in 0..20_000 {
            let len = (state % 24) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    alphabet[(state >> 16) as usize % alphabet.len()]
                })
                .collect();
            let expected = bytes.iter().position(|&b| b == b'"' || b == b'\\');
            assert_eq!(quote_or_backslash(&bytes, 0), expected, "{bytes:?}");
        }
    }

    #[test]
    fn bytes_above_ascii_never_match() {
        // 0xA2 and 0xDC differ from `"` and `\\` only in the high bit.
        let bytes = "\u{a2}\u{dc}\u{10ffff}\u{a2}\u{dc}\u{10ffff}\"".as_bytes();
        assert_eq!(quote_or_backslash(bytes, 0), Some(bytes.len() - 1));
        let high = [0xA2u8, 0xDC, 0xA2, 0xDC, 0xA2, 0xDC, 0xA2, 0xDC, 0xA2, 0x22];
        assert_eq!(quote_or_backslash(&high, 0), Some(9));
    }

    #[test]
    fn past_the_end_finds_nothing() {
        assert_eq!(quote_or_backslash(b"ab\"", 4), None);
        assert_eq!(quote_or_backslash(b"ab\"", 3), None);
        assert_eq!(quote_or_backslash(b"ab\"", 2), Some(2));
    }
}
