//! Streaming input: the documents of a large export one at a time, from NDJSON, a top-level
//! array, Graph/ARM list responses (`{"value": [...]}`) and concatenated pages of those,
//! each with its exact place in the file. Only one document is held in memory at a time.

use std::io::{self, BufRead};

use pimlint::Pointer;

/// One document's text and where it starts in the file.
#[derive(Debug)]
pub struct RawDocument {
    /// The document's JSON text.
    pub text: String,
    /// Where it is in its page: `/3`, `/value/3`, or `""` (an NDJSON line, a lone document).
    pub pointer: Pointer,
    /// 1-based line of its first byte.
    pub line: usize,
    /// 1-based column (in characters) of its first byte.
    pub column: usize,
}

/// A fault in the file's structure, with where it is.
#[derive(Debug)]
pub struct StreamError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

pub type Item = Result<RawDocument, StreamError>;

/// Documents of an NDJSON stream: one per non-blank line.
pub struct NdJson<R> {
    reader: R,
    line: usize,
    buffer: Vec<u8>,
}

impl<R: BufRead> NdJson<R> {
    pub const fn new(reader: R) -> Self {
        Self {
            reader,
            line: 0,
            buffer: Vec::new(),
        }
    }
}

impl<R: BufRead> Iterator for NdJson<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            self.buffer.clear();
            match self.reader.read_until(b'\n', &mut self.buffer) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(StreamError {
                        message: format!("cannot read: {e}"),
                        line: self.line + 1,
                        column: 1,
                    }));
                }
            }
            self.line += 1;
            let mut bytes = self.buffer.as_slice();
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            // The line's own buffer becomes the document's text, not a copy of it. The next
            // line is read into a buffer as large, unless this line used little of it: one
            // long line does not leave every later text as large.
            let skip = self.buffer.len() - bytes.len();
            let capacity = self.buffer.capacity().min(2 * self.buffer.len() + 4096);
            let mut line = std::mem::replace(&mut self.buffer, Vec::with_capacity(capacity));
            line.drain(..skip);
            return Some(match String::from_utf8(line) {
                Ok(mut text) => {
                    text.truncate(text.trim_end().len());
                    if text.capacity() > 2 * text.len() + 4096 {
                        text.shrink_to_fit();
                    }
                    Ok(RawDocument {
                        text,
                        pointer: Pointer::default(),
                        line: self.line,
                        column: 1,
                    })
                }
                Err(e) => Err(StreamError {
                    message: format!(
                        "the line is not valid UTF-8 (invalid byte at column {})",
                        e.utf8_error().valid_up_to() + 1
                    ),
                    line: self.line,
                    column: e.utf8_error().valid_up_to() + 1,
                }),
            });
        }
    }
}

/// Moves a 1-based place (line, column in characters) past the byte `b` of UTF-8 text.
fn advance(line: &mut usize, column: &mut usize, b: u8) {
    if b == b'\n' {
        *line += 1;
        *column = 1;
    } else if b & 0xC0 != 0x80 {
        *column += 1;
    }
}

/// Where the splitter is in the top-level value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Top {
    /// Between top-level values.
    Between,
    /// Inside a top-level array: its elements are the documents.
    Array,
    /// Inside a top-level object, which is kept whole unless it has a `value` array.
    Object,
}

/// What the splitter last met among a document array's elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// The array's `[`.
    Open,
    /// A document.
    Document,
    /// A `,` after a document.
    Comma,
}

/// Documents of a JSON file holding an array of documents, list responses, or pages of them,
/// read in chunks.
#[allow(
    clippy::struct_excessive_bools,
    reason = "the flags are a lexer's state"
)]
pub struct JsonSplitter<R> {
    reader: R,
    done: bool,
    // Position of the next byte.
    line: usize,
    column: usize,
    // Lexical state.
    depth: usize,
    in_string: bool,
    escaped: bool,
    top: Top,
    // Depth at which the current document array's elements sit (1 in a top-level array, 2 in a
    // list response's `value`), and its pointer prefix.
    elements_at: Option<usize>,
    separator: Separator,
    prefix: &'static str,
    index: usize,
    // Object keys at depth 1.
    expect_key: bool,
    key: Vec<u8>,
    last_key: Vec<u8>,
    saw_value_array: bool,
    // The document being captured, and where it started.
    current: Option<(Vec<u8>, usize, usize)>,
    // The top-level object, without what is inside its `value` array, and where it starts.
    outer: Vec<u8>,
    outer_start: (usize, usize),
    // Where the `value` array's `]` is in `outer` and in the file: the bytes after it follow it
    // in the file again.
    outer_resume: Option<(usize, usize, usize)>,
    ready: std::collections::VecDeque<Item>,
    first_chunk: bool,
    // Whether a top-level value has begun: a file with none is empty, as when read whole.
    seen_value: bool,
}

impl<R: BufRead> JsonSplitter<R> {
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            done: false,
            line: 1,
            column: 1,
            depth: 0,
            in_string: false,
            escaped: false,
            top: Top::Between,
            elements_at: None,
            separator: Separator::Open,
            prefix: "",
            index: 0,
            expect_key: false,
            key: Vec::new(),
            last_key: Vec::new(),
            saw_value_array: false,
            current: None,
            outer: Vec::new(),
            outer_start: (1, 1),
            outer_resume: None,
            ready: std::collections::VecDeque::new(),
            first_chunk: true,
            seen_value: false,
        }
    }

    fn error(&mut self, message: impl Into<String>) {
        self.error_at(message, self.line, self.column);
    }

    fn error_at(&mut self, message: impl Into<String>, line: usize, column: usize) {
        self.ready.push_back(Err(StreamError {
            message: message.into(),
            line,
            column,
        }));
        self.done = true;
    }

    /// Where a byte of `outer` is in the file.
    fn outer_place(&self, offset: usize) -> (usize, usize) {
        let (from, mut line, mut column) = match self.outer_resume {
            Some((at, line, column)) if offset >= at => (at, line, column),
            _ => (0, self.outer_start.0, self.outer_start.1),
        };
        for &b in &self.outer[from.min(self.outer.len())..offset.min(self.outer.len())] {
            advance(&mut line, &mut column, b);
        }
        (line, column)
    }

    /// Checks a list response's own members, around its `value` array, as the whole file's
    /// parser would: `outer` with `closing` after it (the array's elements are checked as they
    /// are split). An error is placed where it is in the file.
    fn check_outer(&mut self, closing: &[u8]) {
        let mut bytes = self.outer.clone();
        bytes.extend_from_slice(closing);
        let fault = match std::str::from_utf8(&bytes) {
            Err(e) => Some((
                "the list response is not valid UTF-8".to_owned(),
                e.valid_up_to(),
            )),
            Ok(text) => match pimlint::parse_json(text) {
                Ok(_) => None,
                Err(pimlint::InputError::Json {
                    message, offset, ..
                }) => Some((message, offset)),
                Err(other) => Some((other.to_string(), 0)),
            },
        };
        if let Some((message, offset)) = fault {
            let (line, column) = self.outer_place(offset);
            self.error_at(message, line, column);
        }
    }

    fn finish_document(&mut self) {
        if let Some((bytes, line, column)) = self.current.take() {
            let pointer =
                Pointer::parse(&format!("{}/{}", self.prefix, self.index)).unwrap_or_default();
            self.index += 1;
            self.push(bytes, pointer, line, column);
        }
    }

    fn push(&mut self, bytes: Vec<u8>, pointer: Pointer, line: usize, column: usize) {
        match String::from_utf8(bytes) {
            Ok(text) => self.ready.push_back(Ok(RawDocument {
                text,
                pointer,
                line,
                column,
            })),
            Err(e) => self.ready.push_back(Err(StreamError {
                message: format!(
                    "the document is not valid UTF-8 (invalid byte {} bytes into it)",
                    e.utf8_error().valid_up_to()
                ),
                line,
                column,
            })),
        }
    }

    /// Feeds one byte; the lexical state is updated after the byte is routed.
    fn feed(&mut self, b: u8) {
        if self.done {
            return;
        }
        let at_elements = self.elements_at == Some(self.depth);
        if at_elements
            && !self.in_string
            && self.current.is_some()
            && matches!(b, b',' | b']' | b' ' | b'\t' | b'\r' | b'\n')
        {
            // A number or literal element ends at the first delimiter.
            self.finish_document();
        }
        // Route the byte: the current document, or the outer object. Between documents, the
        // separators are checked as a JSON parser checks them.
        if self.current.is_none() && at_elements && !self.in_string {
            match (b, self.separator) {
                (b' ' | b'\t' | b'\r' | b'\n', _)
                | (b']', Separator::Open | Separator::Document) => {}
                (b',', Separator::Document) => self.separator = Separator::Comma,
                (b',', _) => {
                    self.error("invalid JSON: a `,` with no document before it");
                    return;
                }
                (b']', Separator::Comma) => {
                    self.error("invalid JSON: trailing comma");
                    return;
                }
                (_, Separator::Document) => {
                    self.error("invalid JSON: expected `,` or `]` after a document");
                    return;
                }
                _ => {
                    self.current = Some((Vec::new(), self.line, self.column));
                    self.separator = Separator::Document;
                }
            }
        }
        if let Some((bytes, _, _)) = &mut self.current {
            bytes.push(b);
        } else if self.top == Top::Object && self.elements_at.is_none() {
            self.outer.push(b);
        }
        // Lexical state.
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                if self.top == Top::Object && self.depth == 1 && self.expect_key {
                    self.last_key = std::mem::take(&mut self.key);
                    self.expect_key = false;
                }
                if at_elements {
                    // A string element ends with its closing quote.
                    self.finish_document();
                }
            } else if self.top == Top::Object && self.depth == 1 && self.expect_key {
                self.key.push(b);
            }
            return;
        }
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => {
                if self.depth == 0 {
                    self.seen_value = true;
                    if b == b'[' {
                        self.top = Top::Array;
                        self.elements_at = Some(1);
                        self.separator = Separator::Open;
                        self.prefix = "";
                    } else {
                        self.top = Top::Object;
                        self.outer.clear();
                        self.outer.push(b'{');
                        self.outer_start = (self.line, self.column);
                        self.outer_resume = None;
                        self.expect_key = true;
                        self.saw_value_array = false;
                    }
                    self.index = 0;
                } else if self.top == Top::Object
                    && self.depth == 1
                    && b == b'['
                    && self.last_key == b"value"
                    && !self.saw_value_array
                {
                    self.elements_at = Some(2);
                    self.separator = Separator::Open;
                    self.prefix = "/value";
                    self.saw_value_array = true;
                    self.index = 0;
                    // The members before the array are checked before any document is read.
                    self.check_outer(b"]}");
                    if self.done {
                        return;
                    }
                }
                self.depth += 1;
            }
            b'}' | b']' => {
                if self.depth == 0 {
                    self.error(format!("unexpected `{}`", b as char));
                    return;
                }
                self.depth -= 1;
                if self.elements_at == Some(self.depth + 1) && b == b']' {
                    // The document array closes.
                    self.finish_document();
                    self.elements_at = None;
                    if self.top == Top::Object {
                        self.outer_resume = Some((self.outer.len(), self.line, self.column));
                        self.outer.push(b']');
                    }
                } else if self.elements_at == Some(self.depth) {
                    self.finish_document();
                }
                if self.depth == 0 {
                    if self.top == Top::Object && !self.saw_value_array {
                        let outer = std::mem::take(&mut self.outer);
                        let (line, column) = self.outer_start;
                        self.push(outer, Pointer::default(), line, column);
                    } else if self.top == Top::Object {
                        self.check_outer(b"");
                        if self.done {
                            return;
                        }
                    }
                    self.outer.clear();
                    self.top = Top::Between;
                }
            }
            b',' if self.depth == 1 && self.top == Top::Object => self.expect_key = true,
            b',' if self.depth == 0 => {
                self.error("invalid JSON: a `,` between top-level values");
            }
            b' ' | b'\t' | b'\r' | b'\n' | b':' | b',' => {}
            _ if self.depth == 0 => {
                self.error(
                    "expected a JSON array of documents, a list response ({\"value\": [...]}) or a document",
                );
            }
            _ => {}
        }
    }
}

impl<R: BufRead> Iterator for JsonSplitter<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            let chunk = match self.reader.fill_buf() {
                Ok(chunk) => chunk.to_vec(),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.error(format!("cannot read: {e}"));
                    continue;
                }
            };
            if chunk.is_empty() {
                self.done = true;
                if self.depth > 0 || self.in_string {
                    self.error("the file ends inside a value (truncated?)");
                } else if !self.seen_value {
                    self.error_at(pimlint::InputError::Empty.to_string(), 1, 1);
                }
                continue;
            }
            self.reader.consume(chunk.len());
            let mut bytes = chunk.as_slice();
            if self.first_chunk {
                self.first_chunk = false;
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            for &b in bytes {
                self.feed(b);
                advance(&mut self.line, &mut self.column, b);
                if self.done {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<(String, String, usize, usize)> {
        JsonSplitter::new(text.as_bytes())
            .map(|item| {
                let d = item.expect("no error");
                (d.text, d.pointer.to_string(), d.line, d.column)
            })
            .collect()
    }

    #[test]
    fn splits_arrays_lists_and_pages() {
        assert_eq!(
            split("[{\"a\": [1, {\"b\": \"]\"}]},\n  {\"c\": 2}]"),
            vec![
                (
                    "{\"a\": [1, {\"b\": \"]\"}]}".to_owned(),
                    "/0".to_owned(),
                    1,
                    2
                ),
                ("{\"c\": 2}".to_owned(), "/1".to_owned(), 2, 3),
            ]
        );
        let pages = "{\"@odata.context\": \"x\", \"value\": [{\"id\": \"é\"}, {\"id\": 2}], \"@odata.nextLink\": \"y\"}\n{\"value\": [{\"id\": 3}]}";
        let docs = split(pages);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].1, "/value/0");
        assert_eq!((docs[1].2, docs[1].3), (1, 48));
        assert_eq!(
            (docs[2].0.as_str(), docs[2].1.as_str(), docs[2].2),
            ("{\"id\": 3}", "/value/0", 2)
        );
    }

    #[test]
    fn a_lone_object_is_one_document() {
        let docs = split("  {\"rules\": [], \"values\": [1]}  ");
        assert_eq!(
            docs,
            vec![(
                "{\"rules\": [], \"values\": [1]}".to_owned(),
                String::new(),
                1,
                3
            )]
        );
    }

    #[test]
    fn scalars_in_an_array_are_documents_too() {
        let docs = split("[1, \"x\" ,true]");
        assert_eq!(
            docs.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(),
            ["1", "\"x\"", "true"]
        );
    }

    #[test]
    fn an_empty_file_is_an_error_as_when_read_whole() {
        for text in ["", "   \n\t", "\u{feff}\n"] {
            let (documents, error) = split_to_error(text);
            assert_eq!(documents, 0, "{text:?}");
            let expected = pimlint::parse_json(text.trim_start_matches('\u{feff}'))
                .expect_err("empty")
                .to_string();
            assert_eq!(error, Some((expected, 1, 1)), "{text:?}");
        }
        // An empty array is a file of no documents, not an empty file.
        assert!(split("[]").is_empty());
        assert!(JsonSplitter::new(&b"[]"[..]).all(|i| i.is_ok()));
    }

    #[test]
    fn truncated_and_stray_input_are_errors() {
        let items: Vec<_> = JsonSplitter::new(&b"[{\"a\": 1}, {\"b\""[..]).collect();
        assert!(items[0].is_ok());
        assert!(items.last().is_some_and(Result::is_err));
        let stray: Vec<_> = JsonSplitter::new(&b"nope"[..]).collect();
        assert!(stray[0].is_err());
    }

    /// The documents before the first error, and the error's message and place.
    fn split_to_error(text: &str) -> (usize, Option<(String, usize, usize)>) {
        let items: Vec<Item> = JsonSplitter::new(text.as_bytes()).collect();
        let documents = items.iter().take_while(|i| i.is_ok()).count();
        let error = items
            .iter()
            .find_map(|i| i.as_ref().err())
            .map(|e| (e.message.clone(), e.line, e.column));
        (documents, error)
    }

    #[test]
    fn separators_between_documents_are_checked() {
        let cases = [
            ("[{\"a\": 1} {\"b\": 2}]", 1, "expected `,` or `]`", 11),
            ("[1 2]", 1, "expected `,` or `]`", 4),
            ("[\"x\"\"y\"]", 1, "expected `,` or `]`", 5),
            ("[{\"a\": 1},,{\"b\": 2}]", 1, "no document before it", 11),
            ("[,{\"a\": 1}]", 0, "no document before it", 2),
            ("[{\"a\": 1},]", 1, "trailing comma", 11),
            ("[{\"a\": 1},\n]", 1, "trailing comma", 1),
            (
                "{\"value\": [{\"a\": 1} {\"b\": 2}]}",
                1,
                "expected `,` or `]`",
                21,
            ),
            ("{\"value\": [{\"a\": 1},]}", 1, "trailing comma", 21),
            ("{\"a\": 1},\n{\"b\": 2}", 1, "between top-level values", 9),
        ];
        for (text, documents, message, column) in cases {
            let (read, error) = split_to_error(text);
            assert_eq!(read, documents, "{text}");
            let (found, _, at) = error.unwrap_or_default();
            assert!(
                found.starts_with("invalid JSON: ") && found.contains(message),
                "{text}: {found}"
            );
            assert_eq!(at, column, "{text}");
        }
        // What is well formed still reads: empty arrays, pages one after another, nested commas.
        for text in [
            "[]",
            "[ ]",
            "{\"value\": []}",
            "[[1, 2], {\"a\": [3,4]}]",
            "{\"value\": [1]}\n{\"value\": [2]}",
        ] {
            assert!(
                JsonSplitter::new(text.as_bytes()).all(|i| i.is_ok()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_list_response_s_own_members_are_checked_as_when_read_whole() {
        // (text, documents split before the error, line, column)
        let cases = [
            // Faults before `value`: found before any document is read.
            ("{\"é\": 1, \"value\" [{\"a\": 1}]}", 0, 1, 18),
            ("{\"é\" 1, \"value\": [{\"a\": 1}]}", 0, 1, 6),
            ("{\"x\": {\"a\" 1}, \"value\": [1]}", 0, 1, 12),
            // After the array: found where it is, once the documents before it are read.
            (
                "{\"value\": [{\"a\": 1}] \"@odata.nextLink\": \"y\"}",
                1,
                1,
                22,
            ),
            (
                "{\"value\": [\n{\"a\": 1},\n{\"b\": 2}\n],\n\"x\": 1,\n}",
                2,
                6,
                1,
            ),
            ("{\"value\": [], \"meta\": {\"a\" 1}}", 0, 1, 28),
            ("{\"value\": [1], \"n\": tru}", 1, 1, 24),
        ];
        for (text, documents, line, column) in cases {
            let (read, error) = split_to_error(text);
            assert_eq!(read, documents, "{text}");
            let Err(pimlint::InputError::Json {
                message,
                line: whole_line,
                column: whole_column,
                ..
            }) = pimlint::parse_json(text)
            else {
                panic!("{text} is invalid JSON");
            };
            assert_eq!((whole_line, whole_column), (line, column), "{text}");
            assert_eq!(error, Some((message, line, column)), "{text}");
        }
        // Where the fault hides the `value` key, the object is one document, which the
        // document's parser judges.
        let text = "{\"@odata.context\": \"x\" \"value\": [{\"a\": 1}]}";
        assert_eq!(split(text), vec![(text.to_owned(), String::new(), 1, 1)]);
        for text in [
            "{\"@odata.context\": \"x\", \"value\": [1], \"@odata.nextLink\": \"y\"}",
            "{\"value\": [{\"a\": [1, {\"b\": \"],\"}]}], \"x\": {\"value\": [2]}}\n{\"value\": []}",
        ] {
            assert!(
                JsonSplitter::new(text.as_bytes()).all(|i| i.is_ok()),
                "{text}"
            );
        }
    }

    #[test]
    fn ndjson_lines() {
        let items: Vec<_> = NdJson::new(&b"{\"a\": 1}\n\n  {\"b\": 2}\r\n"[..])
            .map(|i| i.map(|d| (d.text, d.line)).map_err(|e| e.message))
            .collect();
        assert_eq!(
            items,
            vec![
                Ok(("{\"a\": 1}".to_owned(), 1)),
                Ok(("  {\"b\": 2}".to_owned(), 3))
            ]
        );
    }

    #[test]
    fn ndjson_lines_drop_the_bom_and_name_the_column_of_a_bad_byte() {
        let input = b"\xef\xbb\xbf{\"a\": 1} \t\n{\"b\": \"\xff\"}\n\xef\xbb\xbf{}\n";
        let items: Vec<_> = NdJson::new(&input[..])
            .map(|i| i.map(|d| (d.text, d.line)).map_err(|e| (e.line, e.column)))
            .collect();
        assert_eq!(
            items,
            vec![
                Ok(("{\"a\": 1}".to_owned(), 1)),
                Err((2, 8)),
                // A BOM past the first line is not one: the line is not JSON text.
                Ok(("\u{feff}{}".to_owned(), 3)),
            ]
        );
    }
}
