//! UTF-16 with a byte order mark, read as UTF-8 while it streams: the text a file read whole
//! gives, and the same fault where it has one (an unpaired surrogate, or an odd byte at the
//! end), never a replacement character in its place.

use std::io::{self, BufRead, Read};

use encoding_rs::{DecoderResult, Encoding};

/// The bytes of a UTF-16 source (its byte order mark included) as UTF-8 text.
pub struct Utf16Reader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    /// Bytes of the source the decoder has taken, the mark included.
    taken: usize,
    /// A fault found after some text was given: told by the next read.
    fault: Option<usize>,
    /// The source has ended or failed: nothing more is decoded.
    done: bool,
    /// A character decoded for a read too short to take it whole (the decoder needs room for
    /// four bytes): `spill[given..held]` comes first in the next reads.
    spill: [u8; 4],
    given: usize,
    held: usize,
}

impl<R: BufRead> Utf16Reader<R> {
    /// Reads `inner`, whose first bytes are the mark of `encoding` (UTF-16LE or UTF-16BE).
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Self {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            taken: 0,
            fault: None,
            done: false,
            spill: [0; 4],
            given: 0,
            held: 0,
        }
    }
}

fn fault(offset: usize) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        pimlint::InputError::NotUtf16 { offset }.to_string(),
    )
}

impl<R: BufRead> Read for Utf16Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.given < self.held {
            let n = (self.held - self.given).min(out.len());
            out[..n].copy_from_slice(&self.spill[self.given..self.given + n]);
            self.given += n;
            return Ok(n);
        }
        if out.is_empty() || out.len() >= self.spill.len() {
            return self.decode(out);
        }
        let mut spill = [0; 4];
        let held = self.decode(&mut spill)?;
        let n = held.min(out.len());
        out[..n].copy_from_slice(&spill[..n]);
        (self.spill, self.given, self.held) = (spill, n, held);
        Ok(n)
    }
}

impl<R: BufRead> Utf16Reader<R> {
    /// Decodes into `out`, which has room for four bytes at least (or none).
    fn decode(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if let Some(offset) = self.fault.take() {
            return Err(fault(offset));
        }
        // Nothing after the end or the fault: the source is not read on past it.
        if self.done || out.is_empty() {
            return Ok(0);
        }
        loop {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let (result, read, written) = self
                .decoder
                .decode_to_utf8_without_replacement(input, out, last);
            self.inner.consume(read);
            self.taken += read;
            match result {
                DecoderResult::Malformed(bad, more) => {
                    let offset = self.taken - usize::from(bad) - usize::from(more);
                    self.done = true;
                    if written == 0 {
                        return Err(fault(offset));
                    }
                    self.fault = Some(offset);
                    return Ok(written);
                }
                DecoderResult::OutputFull => return Ok(written),
                DecoderResult::InputEmpty if last => {
                    self.done = true;
                    return Ok(written);
                }
                DecoderResult::InputEmpty if written > 0 => return Ok(written),
                DecoderResult::InputEmpty => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Read};

    use super::Utf16Reader;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mark: [u8; 2] = if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        };
        mark.into_iter()
            .chain(text.encode_utf16().flat_map(move |u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            }))
            .collect()
    }

    fn read_all(bytes: &[u8], big_endian: bool) -> (String, Option<String>) {
        let encoding = if big_endian {
            encoding_rs::UTF_16BE
        } else {
            encoding_rs::UTF_16LE
        };
        // Reads of one to seven bytes: shorter than a character, and longer.
        let mut reader = Utf16Reader::new(BufReader::with_capacity(3, bytes), encoding);
        let mut text = Vec::new();
        let mut buffer = [0u8; 7];
        let error = (1..)
            .find_map(|i| match reader.read(&mut buffer[..=(i % 7)]) {
                Ok(0) => Some(None),
                Ok(n) => {
                    text.extend_from_slice(&buffer[..n]);
                    None
                }
                Err(e) => Some(Some(e.to_string())),
            })
            .flatten();
        // Past the end or the fault, nothing more.
        assert_eq!(reader.read(&mut buffer).ok(), Some(0));
        // `read_to_end` reads into what is left of its buffer's capacity, however short.
        let mut whole = Vec::new();
        let streamed =
            Utf16Reader::new(BufReader::with_capacity(3, bytes), encoding).read_to_end(&mut whole);
        assert_eq!(streamed.err().map(|e| e.to_string()), error);
        assert_eq!(whole, text);
        (String::from_utf8(text).unwrap_or_default(), error)
    }

    #[test]
    fn text_is_what_a_whole_read_gives() {
        let text = "{\"note\": \"é🔐\", \"n\": [1, 2]}\n";
        for big_endian in [false, true] {
            let bytes = utf16(text, big_endian);
            assert_eq!(read_all(&bytes, big_endian), (text.to_owned(), None));
            assert_eq!(pimlint::decode(&bytes).as_deref(), Ok(text));
        }
    }

    #[test]
    fn a_fault_is_the_one_a_whole_read_gives_after_the_text_before_it() {
        let unit = |u: u16, big_endian: bool| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        };
        for big_endian in [false, true] {
            let mut faulty = Vec::new();
            // A lone low surrogate, and a high one followed by another character.
            for lone in [0xDC00u16, 0xD800] {
                let mut bytes = utf16("{\"a\": \"🔐?\"}\n", big_endian);
                let at = bytes.len() - 8;
                bytes[at..at + 2].copy_from_slice(&unit(lone, big_endian));
                faulty.push(bytes);
            }
            // An odd byte at the end, alone or after a high surrogate (cut short inside a
            // pair, whatever the byte).
            for high in [None, Some(0xD83D)] {
                for last in [0x00, 0xDE] {
                    let mut bytes = utf16("{}\n", big_endian);
                    bytes.extend(high.map(|h| unit(h, big_endian)).into_iter().flatten());
                    bytes.push(last);
                    faulty.push(bytes);
                }
            }
            for bytes in faulty {
                let Err(whole) = pimlint::decode(&bytes) else {
                    panic!("decoded");
                };
                let (text, error) = read_all(&bytes, big_endian);
                assert_eq!(error, Some(whole.to_string()), "{bytes:?}");
                let before = whole.offset().unwrap_or(0);
                assert_eq!(text, pimlint::decode(&bytes[..before]).unwrap_or_default());
            }
        }
    }
}
