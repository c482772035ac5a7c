//! The reader: RFC 8259 JSON, strictly.

use alloc::string::String;
use alloc::vec::Vec;

use super::Value;
use super::tape::{Buffers, Kind, Tape, Token};
use crate::json::pointer::Pointer;

/// Size and depth limits for a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest body accepted, in bytes. Default: 1 MiB, the common web
    /// server default; a checkout request with a thousand items is a tenth
    /// of it.
    pub max_bytes: usize,
    /// The deepest nesting of arrays and objects (the body's own object is
    /// level 1). Default: 32, far beyond any provider's documented shape.
    /// Capped at [`Limits::MAX_DEPTH`].
    pub max_depth: usize,
}

impl Limits {
    /// The hard cap on [`Limits::max_depth`], which keeps the reader's
    /// recursion well inside a WebAssembly stack.
    pub const MAX_DEPTH: usize = 512;

    /// The default limits with `max_bytes` as the largest body.
    ///
    /// ```
    /// use checkout_rules::json::Limits;
    ///
    /// let small = Limits::default().with_max_bytes(1024);
    /// assert_eq!((small.max_bytes, small.max_depth), (1024, Limits::default().max_depth));
    /// ```
    pub const fn with_max_bytes(self, max_bytes: usize) -> Limits {
        Limits { max_bytes, ..self }
    }

    /// These limits with `max_depth` as the deepest nesting (capped at
    /// [`Limits::MAX_DEPTH`] when read).
    pub const fn with_max_depth(self, max_depth: usize) -> Limits {
        Limits { max_depth, ..self }
    }

    /// The error for a body of `len` bytes, if it is over the limit: for
    /// readers that stop storing a body once it is.
    ///
    /// ```
    /// use checkout_rules::json::{ErrorKind, Limits};
    ///
    /// assert!(Limits::default().check_size(1 << 20).is_ok());
    /// let error = Limits::default().check_size(5 << 20).unwrap_err();
    /// assert_eq!(error.kind, ErrorKind::TooLarge { len: 5 << 20, max: 1 << 20 });
    /// ```
    pub fn check_size(&self, len: usize) -> Result<(), Error> {
        if len <= self.max_bytes {
            return Ok(());
        }
        Err(Error::at_start(ErrorKind::TooLarge {
            len,
            max: self.max_bytes,
        }))
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 1 << 20,
            max_depth: 32,
        }
    }
}

/// A well-formed document, with the problems that did not stop the reading
/// (duplicate keys, lone surrogates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document<'a> {
    /// The top-level value.
    pub root: Value<'a>,
    /// Problems found while reading, in document order.
    pub problems: Vec<Error>,
}

/// Reads `input` as one JSON value.
///
/// Malformed input, invalid UTF-8, a byte order mark, a body over the size
/// limit or nesting over the depth limit stop the reading: the error says
/// what and where (line and column). Duplicate keys and lone surrogates do
/// not: they are in [`Document::problems`] and the reading goes on, so that
/// every problem is found at once. The reader knows nothing of reports:
/// `Violation::from` words each problem as the library reports it.
///
/// ```
/// use checkout_rules::json::{parse, ErrorKind, Limits, Value};
///
/// let doc = parse(br#"{"amount": 12.340, "amount": 1}"#, &Limits::default()).unwrap();
/// let amount = doc.root.as_object().unwrap().get("amount").unwrap();
/// assert_eq!(amount.as_number(), Some("12.340")); // the exact text
/// assert_eq!(doc.problems[0].kind, ErrorKind::DuplicateKey("amount".into()));
/// assert_eq!(doc.problems[0].pointer, "/amount");
///
/// let err = parse(b"{\n  \"a\": }", &Limits::default()).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::ExpectedValue);
/// assert_eq!((err.line, err.column), (2, 8));
/// ```
pub fn parse<'a>(input: &'a [u8], limits: &Limits) -> Result<Document<'a>, Error> {
    read(input, limits).map(Document::from)
}

impl<'a> From<Tape<'a>> for Document<'a> {
    fn from(tape: Tape<'a>) -> Document<'a> {
        Document {
            root: tape.root().to_value(),
            problems: tape.problems,
        }
    }
}

/// Reads `input` as one JSON value into a tape, as [`parse`] does into a
/// tree.
pub(crate) fn read<'a>(input: &'a [u8], limits: &Limits) -> Result<Tape<'a>, Error> {
    read_with(input, limits, &mut Buffers::default())
}

/// [`read`] into buffers kept from an earlier document (given back with
/// [`Tape::into_buffers`]).
pub(crate) fn read_with<'a>(
    input: &'a [u8],
    limits: &Limits,
    buffers: &mut Buffers,
) -> Result<Tape<'a>, Error> {
    limits.check_size(input.len())?;
    if input.starts_with(b"\xEF\xBB\xBF") {
        return Err(Error::at_start(ErrorKind::ByteOrderMark));
    }
    let text = match core::str::from_utf8(input) {
        Ok(text) => text,
        Err(e) => {
            let valid = core::str::from_utf8(input.get(..e.valid_up_to()).unwrap_or_default())
                .unwrap_or_default();
            return Err(Error::new(ErrorKind::InvalidUtf8, valid.len()).located(valid));
        }
    };
    read_document(text, limits, SCAN_LIMIT, core::mem::take(buffers))
}

fn read_document<'a>(
    text: &'a str,
    limits: &Limits,
    scan_limit: usize,
    buffers: Buffers,
) -> Result<Tape<'a>, Error> {
    // Offsets are held in 32 bits.
    if u32::try_from(text.len()).is_err() {
        return Err(Error::at_start(ErrorKind::TooLarge {
            len: text.len(),
            max: u32::MAX as usize,
        }));
    }
    let Buffers {
        mut tokens,
        unescaped,
    } = buffers;
    // A token for every four bytes: more than any request has but arrays
    // of one-digit numbers, so the tape takes one allocation.
    tokens.reserve(text.len() / 4 + 4);
    let mut reader = Reader {
        bytes: text.as_bytes(),
        pos: 0,
        max_depth: limits.max_depth.min(Limits::MAX_DEPTH),
        tape: Tape {
            text,
            tokens,
            unescaped,
            problems: Vec::new(),
        },
        lines: None,
        scan_limit,
    };
    match reader.document() {
        Ok(()) => Ok(reader.tape),
        Err(e) => Err(e.located(text)),
    }
}

/// A problem found while reading: what, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Error {
    /// What is wrong.
    pub kind: ErrorKind,
    /// The JSON pointer of the member it concerns; empty for the body.
    pub pointer: String,
    /// Where in the body, in bytes.
    pub offset: usize,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// What is wrong with a body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The body is over [`Limits::max_bytes`].
    TooLarge {
        /// The body's size, in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The body starts with a byte order mark.
    ByteOrderMark,
    /// The body is not UTF-8.
    InvalidUtf8,
    /// The body is empty or only white space.
    Empty,
    /// The body ends inside a value.
    UnexpectedEnd,
    /// Something other than a value where one belongs.
    ExpectedValue,
    /// Something other than a key in double quotes.
    ExpectedKey,
    /// No `:` after a key.
    ExpectedColon,
    /// Neither `,` nor `}` after a member.
    ExpectedCommaOrBrace,
    /// Neither `,` nor `]` after an element.
    ExpectedCommaOrBracket,
    /// A control character, unescaped, inside a string.
    ControlInString(u8),
    /// A `\` escape JSON does not define.
    InvalidEscape,
    /// `\u` without four hexadecimal digits.
    InvalidUnicodeEscape,
    /// A number JSON's grammar refuses, and why.
    InvalidNumber(&'static str),
    /// More after the value.
    TrailingData,
    /// Arrays and objects nest deeper than the limit given.
    TooDeep(usize),
    /// A key an object already has (not fatal).
    DuplicateKey(String),
    /// A `\u` escape of half a surrogate pair (not fatal).
    LoneSurrogate,
}

impl Error {
    fn new(kind: ErrorKind, offset: usize) -> Error {
        Error {
            kind,
            pointer: String::new(),
            offset,
            line: 1,
            column: 1,
        }
    }

    fn at_start(kind: ErrorKind) -> Error {
        Error::new(kind, 0)
    }

    /// With the line and column of its offset in `text`.
    fn located(mut self, text: &str) -> Error {
        (self.line, self.column) = line_column(text, self.offset);
        self
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    advance(text.as_bytes(), 0, (1, 1), offset)
}

/// The line and column (both from 1, the column in characters) at byte
/// `to`, from those at byte `from`.
fn advance(
    bytes: &[u8],
    from: usize,
    (mut line, mut column): (usize, usize),
    to: usize,
) -> (usize, usize) {
    for &b in bytes.get(from..to).unwrap_or_default() {
        if b == b'\n' {
            line += 1;
            column = 1;
        } else if crate::utf8::starts_char(b) {
            column += 1;
        }
    }
    (line, column)
}

/// Lines and columns of many offsets: the position every [`Lines::BLOCK`]
/// bytes, built on first use, so that each lookup reads at most one block
/// however many duplicates or lone surrogates a hostile body holds.
struct Lines(Vec<(usize, usize)>);

impl Lines {
    const BLOCK: usize = 1024;

    fn new(bytes: &[u8]) -> Lines {
        let mut checkpoints = Vec::with_capacity(bytes.len() / Lines::BLOCK + 1);
        let mut at = (1, 1);
        for start in (0..=bytes.len()).step_by(Lines::BLOCK) {
            checkpoints.push(at);
            at = advance(bytes, start, at, start + Lines::BLOCK);
        }
        Lines(checkpoints)
    }

    fn at(&self, bytes: &[u8], offset: usize) -> (usize, usize) {
        let block = offset / Lines::BLOCK;
        let start = self.0.get(block).copied().unwrap_or((1, 1));
        advance(bytes, block * Lines::BLOCK, start, offset)
    }
}

/// Where a value sits, as a chain on the reader's stack: pointers are only
/// built for the rare value that has a problem.
enum Segment {
    /// A member, by its key's token.
    Key(usize),
    Index(usize),
}

struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    segment: Option<Segment>,
}

impl Path<'_> {
    const ROOT: Path<'static> = Path {
        parent: None,
        segment: None,
    };

    fn pointer(&self, tape: &Tape<'_>) -> Pointer {
        let mut chain = Vec::new();
        let mut node = Some(self);
        while let Some(n) = node {
            if let Some(segment) = &n.segment {
                chain.push(segment);
            }
            node = n.parent;
        }
        let mut pointer = Pointer::root();
        for segment in chain.into_iter().rev() {
            match segment {
                Segment::Key(k) => pointer.push_key(tape.str_at(*k)),
                Segment::Index(i) => pointer.push_index(*i),
            };
        }
        pointer
    }
}

/// Objects with more members than this find duplicates by sorting when they
/// end instead of by a scan for each member, so that a hostile object with
/// many keys stays n log n.
const SCAN_LIMIT: usize = 16;

/// A member past [`SCAN_LIMIT`]: its key's token, where its key starts, and
/// how many violations there were once its value was read.
struct Unchecked {
    key: usize,
    key_offset: usize,
    problems: usize,
}

/// Sorts `items` by `less`, in place, in n log n at worst. A heap sort by
/// hand: `slice::sort` is several kilobytes of the WebAssembly package, and
/// this one sort is not on the hot path.
fn heap_sort<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let sift_down = |items: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&items[child], &items[child + 1]) {
            child += 1;
        }
        if !less(&items[root], &items[child]) {
            break;
        }
        items.swap(root, child);
        root = child;
    };
    for start in (0..items.len() / 2).rev() {
        sift_down(items, start, items.len());
    }
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        sift_down(items, 0, end);
    }
}

/// One bit of 64 for a key, from its length and first and last bytes:
/// equal keys have the same. The constants give every field of an object
/// of a shipped dialect a bit of its own (a test holds them to it), so the
/// fields of a valid request never run the duplicate scan (free-form
/// members, such as metadata's, may).
fn key_print(key: &[u8]) -> u64 {
    let first = key.first().copied().unwrap_or(0);
    let last = key.last().copied().unwrap_or(0);
    let mix = key.len() + usize::from(first) * 7 + usize::from(last) * 9;
    1 << (mix & 63)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
    tape: Tape<'a>,
    lines: Option<Lines>,
    /// [`SCAN_LIMIT`], but for tests that compare both ways of finding
    /// duplicates.
    scan_limit: usize,
}

/// A token's offset or length: the reader refuses inputs of 4 GiB or more,
/// so every one fits.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'a> Reader<'a> {
    fn document(&mut self) -> Result<(), Error> {
        self.skip_whitespace();
        if self.pos == self.bytes.len() {
            return Err(self.error(ErrorKind::Empty));
        }
        self.value(0, &Path::ROOT)?;
        self.skip_whitespace();
        if self.pos != self.bytes.len() {
            return Err(self.error(ErrorKind::TrailingData));
        }
        Ok(())
    }

    #[cold]
    fn error(&self, kind: ErrorKind) -> Error {
        Error::new(kind, self.pos)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// An error for the byte at the cursor: the end of input, or `kind`.
    #[cold]
    fn unexpected(&self, kind: ErrorKind) -> Error {
        if self.pos >= self.bytes.len() {
            self.error(ErrorKind::UnexpectedEnd)
        } else {
            self.error(kind)
        }
    }

    fn push(&mut self, kind: Kind, start: usize, len: usize) {
        self.tape
            .tokens
            .push(Token::new(kind, offset(start), offset(len)));
    }

    fn value(&mut self, depth: usize, path: &Path<'_>) -> Result<(), Error> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1, path),
            Some(b'[') => self.array(depth + 1, path),
            Some(b'"') => self.string(path),
            Some(b't') => self.literal("true", Kind::True),
            Some(b'f') => self.literal("false", Kind::False),
            Some(b'n') => self.literal("null", Kind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected(ErrorKind::ExpectedValue)),
        }
    }

    fn enter(&self, depth: usize) -> Result<(), Error> {
        if depth > self.max_depth {
            Err(self.error(ErrorKind::TooDeep(self.max_depth)))
        } else {
            Ok(())
        }
    }

    /// Closes the container whose token is at `at`: how many tokens it
    /// holds, and how many elements or members.
    fn close(&mut self, at: usize, count: usize) {
        let len = offset(self.tape.tokens.len() - at - 1);
        if let Some(token) = self.tape.tokens.get_mut(at) {
            token.len = len;
            token.count = offset(count);
        }
    }

    fn object(&mut self, depth: usize, path: &Path<'_>) -> Result<(), Error> {
        self.enter(depth)?;
        let at = self.tape.tokens.len();
        self.push(Kind::Object, self.pos, 0);
        self.pos += 1;
        let mut count = 0;
        // A bit for each key's print (its length and first and last
        // bytes): only a key whose print was seen can be a duplicate.
        let mut prints = 0u64;
        // Members past SCAN_LIMIT, checked for duplicates when the object ends.
        let mut unchecked = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.unexpected(ErrorKind::ExpectedKey));
            }
            let key_offset = self.pos;
            let key = self.tape.tokens.len();
            self.string(path)?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.unexpected(ErrorKind::ExpectedColon));
            }
            self.pos += 1;
            self.skip_whitespace();
            let member_path = Path {
                parent: Some(path),
                segment: Some(Segment::Key(key)),
            };
            self.value(depth, &member_path)?;
            let print = key_print(self.tape.bytes_at(key));
            if count > self.scan_limit {
                unchecked.push(Unchecked {
                    key,
                    key_offset,
                    problems: self.tape.problems.len(),
                });
                count += 1;
            } else if prints & print != 0 && self.seen(at, count, key) {
                let problem = self.duplicate(&member_path, key, key_offset);
                self.tape.problems.push(problem);
                self.tape.tokens.truncate(key);
            } else {
                count += 1;
            }
            prints |= print;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b'}') => {
                    self.pos += 1;
                    if !unchecked.is_empty() {
                        count -= self.remove_duplicates(at, count, &unchecked, path);
                    }
                    self.close(at, count);
                    return Ok(());
                }
                _ => return Err(self.unexpected(ErrorKind::ExpectedCommaOrBrace)),
            }
        }
    }

    /// Whether one of the `count` members of the object at `at` has the
    /// key at `key`.
    fn seen(&self, at: usize, count: usize, key: usize) -> bool {
        let tape = &self.tape;
        let name = tape.bytes_at(key);
        tape.keys_from(at + 1, count)
            .any(|member| tape.key_is(member, name))
    }

    /// Finds the duplicates among an object's members once it has ended: the
    /// first of each key stays, the others go, each reported where a scan
    /// would have found it. Sorting member indices by key keeps a hostile
    /// object of 100,000 keys at n log n. Returns how many went.
    #[cold]
    fn remove_duplicates(
        &mut self,
        at: usize,
        count: usize,
        unchecked: &[Unchecked],
        path: &Path<'_>,
    ) -> usize {
        let tape = &self.tape;
        let keys: Vec<usize> = tape.keys_from(at + 1, count).collect();
        let mut order: Vec<usize> = (0..count).collect();
        heap_sort(&mut order, |&a, &b| {
            (tape.str_at(keys[a]), a) < (tape.str_at(keys[b]), b)
        });
        let mut duplicate = alloc::vec![false; count];
        for pair in order.windows(2) {
            if tape.str_at(keys[pair[0]]) == tape.str_at(keys[pair[1]]) {
                duplicate[pair[1]] = true;
            }
        }
        let mut found = Vec::new();
        for u in unchecked {
            let Some(m) = keys.iter().position(|&k| k == u.key) else {
                continue;
            };
            if duplicate[m] {
                let member_path = Path {
                    parent: Some(path),
                    segment: Some(Segment::Key(u.key)),
                };
                found.push((
                    u.problems,
                    self.duplicate(&member_path, u.key, u.key_offset),
                ));
            }
        }
        // Each in its place among the problems found inside the members.
        if let Some(&(first, _)) = found.first() {
            let later = self.tape.problems.split_off(first);
            let mut found = found.into_iter().peekable();
            for (i, problem) in later.into_iter().enumerate() {
                while let Some((_, duplicate)) = found.next_if(|(at, _)| *at == first + i) {
                    self.tape.problems.push(duplicate);
                }
                self.tape.problems.push(problem);
            }
            self.tape
                .problems
                .extend(found.map(|(_, duplicate)| duplicate));
        }
        // The kept members moved down over the others' tokens.
        let tokens = &mut self.tape.tokens;
        let mut to = at + 1;
        let mut removed = 0;
        for (m, &key) in keys.iter().enumerate() {
            let end = keys.get(m + 1).copied().unwrap_or(tokens.len());
            if duplicate[m] {
                removed += 1;
            } else {
                tokens.copy_within(key..end, to);
                to += end - key;
            }
        }
        tokens.truncate(to);
        removed
    }

    /// The line and column of `offset`, for a violation found while reading.
    fn line_column(&mut self, offset: usize) -> (usize, usize) {
        let bytes = self.bytes;
        self.lines
            .get_or_insert_with(|| Lines::new(bytes))
            .at(bytes, offset)
    }

    #[cold]
    fn duplicate(&mut self, path: &Path<'_>, key: usize, offset: usize) -> Error {
        let name = String::from(self.tape.str_at(key));
        self.located(ErrorKind::DuplicateKey(name), path, offset)
    }

    /// A problem that does not stop the reading, at `path`.
    fn located(&mut self, kind: ErrorKind, path: &Path<'_>, offset: usize) -> Error {
        let (line, column) = self.line_column(offset);
        Error {
            kind,
            pointer: String::from(path.pointer(&self.tape).as_str()),
            offset,
            line,
            column,
        }
    }

    fn array(&mut self, depth: usize, path: &Path<'_>) -> Result<(), Error> {
        self.enter(depth)?;
        let at = self.tape.tokens.len();
        self.push(Kind::Array, self.pos, 0);
        self.pos += 1;
        let mut count = 0;
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            let element_path = Path {
                parent: Some(path),
                segment: Some(Segment::Index(count)),
            };
            self.value(depth, &element_path)?;
            count += 1;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b']') => {
                    self.pos += 1;
                    self.close(at, count);
                    return Ok(());
                }
                _ => return Err(self.unexpected(ErrorKind::ExpectedCommaOrBracket)),
            }
        }
    }

    fn literal(&mut self, word: &'static str, kind: Kind) -> Result<(), Error> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.push(kind, self.pos, word.len());
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error(ErrorKind::ExpectedValue))
        }
    }

    fn number(&mut self) -> Result<(), Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(
                        self.error(ErrorKind::InvalidNumber("leading zeros are not allowed"))
                    );
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => {
                return Err(self.error(ErrorKind::InvalidNumber(
                    "expected a digit after the minus sign",
                )));
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(ErrorKind::InvalidNumber(
                    "expected a digit after the decimal point",
                )));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(
                    self.error(ErrorKind::InvalidNumber("expected a digit in the exponent"))
                );
            }
            self.digits();
        }
        self.push(Kind::Number, start, self.pos - start);
        Ok(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// A string at the cursor (on its opening quote): a span of the input
    /// when it has no escapes, of the tape's own text when it has. Inlined
    /// into both callers (values and keys): as a call it cost a string a
    /// third of its instructions in saving and restoring registers, and
    /// inlined it makes a request about 4% cheaper for 100 B of package.
    #[inline(always)]
    fn string(&mut self, path: &Path<'_>) -> Result<(), Error> {
        self.pos += 1;
        let start = self.pos;
        // The run of plain characters, found in one scan.
        self.pos += super::plain_run(self.bytes.get(start..).unwrap_or_default());
        match self.peek() {
            None => return Err(self.error(ErrorKind::UnexpectedEnd)),
            Some(b'"') => {
                self.push(Kind::Text, start, self.pos - start);
                self.pos += 1;
                return Ok(());
            }
            Some(b) if b < 0x20 => return Err(self.error(ErrorKind::ControlInString(b))),
            Some(_) => {}
        }
        self.escaped_string(start, path)
    }

    /// The rest of a string that has an escape, from its start: unescaped
    /// into the tape's own text. Apart from [`Reader::string`], which most
    /// strings never leave, so that its fast path stays small.
    #[inline(never)]
    fn escaped_string(&mut self, start: usize, path: &Path<'_>) -> Result<(), Error> {
        let text = self.tape.text;
        let from = self.tape.unescaped.len();
        self.tape
            .unescaped
            .push_str(text.get(start..self.pos).unwrap_or_default());
        loop {
            match self.peek() {
                None => return Err(self.error(ErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.pos += 1;
                    let len = self.tape.unescaped.len() - from;
                    self.push(Kind::Unescaped, from, len);
                    return Ok(());
                }
                Some(b'\\') => self.escape(path)?,
                Some(b) if b < 0x20 => return Err(self.error(ErrorKind::ControlInString(b))),
                Some(_) => {
                    // Copy the run up to the next quote, backslash or control.
                    let run_start = self.pos;
                    self.pos += super::plain_run(self.bytes.get(run_start..).unwrap_or_default());
                    self.tape
                        .unescaped
                        .push_str(text.get(run_start..self.pos).unwrap_or_default());
                }
            }
        }
    }

    /// One escape sequence at the cursor (on its backslash).
    fn escape(&mut self, path: &Path<'_>) -> Result<(), Error> {
        let escape_offset = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                let c = match unit {
                    0xD800..=0xDBFF => self.low_surrogate(unit),
                    0xDC00..=0xDFFF => None,
                    _ => char::from_u32(u32::from(unit)),
                };
                match c {
                    Some(c) => self.tape.unescaped.push(c),
                    None => {
                        self.tape.unescaped.push(char::REPLACEMENT_CHARACTER);
                        self.lone_surrogate(path, escape_offset);
                    }
                }
                return Ok(());
            }
            _ => return Err(self.unexpected(ErrorKind::InvalidEscape)),
        };
        self.pos += 1;
        self.tape.unescaped.push(c);
        Ok(())
    }

    /// After a high surrogate: the `\uDC00`–`\uDFFF` that completes it, if
    /// it follows. The cursor only moves past it when it does.
    fn low_surrogate(&mut self, high: u16) -> Option<char> {
        let rest = self.bytes.get(self.pos..)?;
        if !rest.starts_with(b"\\u") {
            return None;
        }
        let low = rest.get(2..6).and_then(hex_value)?;
        if !(0xDC00..=0xDFFF).contains(&low) {
            return None;
        }
        self.pos += 6;
        let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
        char::from_u32(code)
    }

    fn hex4(&mut self) -> Result<u16, Error> {
        let value = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(hex_value)
            .ok_or_else(|| self.unexpected(ErrorKind::InvalidUnicodeEscape))?;
        self.pos += 4;
        Ok(value)
    }

    fn lone_surrogate(&mut self, path: &Path<'_>, offset: usize) {
        let problem = self.located(ErrorKind::LoneSurrogate, path, offset);
        self.tape.problems.push(problem);
    }
}

fn hex_value(digits: &[u8]) -> Option<u16> {
    if digits.len() != 4 {
        return None;
    }
    digits.iter().try_fold(0u16, |acc, &d| {
        let v = char::from(d).to_digit(16)?;
        Some(acc << 4 | u16::try_from(v).ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Node;
    use crate::violation::{Code, Violation};
    use alloc::format;

    /// What the reader gives, as the library reports it.
    #[derive(Debug)]
    struct Read<'a> {
        root: Value<'a>,
        violations: Vec<Violation>,
    }

    fn reported(read: Result<Document<'_>, Error>) -> Result<Read<'_>, Violation> {
        read.map(|doc| Read {
            root: doc.root,
            violations: doc.problems.into_iter().map(Violation::from).collect(),
        })
        .map_err(Violation::from)
    }

    fn parse<'a>(input: &'a [u8], limits: &Limits) -> Result<Read<'a>, Violation> {
        reported(super::parse(input, limits))
    }

    fn read_document<'a>(
        text: &'a str,
        limits: &Limits,
        scan: usize,
    ) -> Result<Read<'a>, Violation> {
        reported(super::read_document(text, limits, scan, Buffers::default()).map(Document::from))
    }

    fn read(s: &str) -> Result<Read<'_>, Violation> {
        parse(s.as_bytes(), &Limits::default())
    }

    #[test]
    fn limits_change_one_at_a_time() {
        let limits = Limits::default().with_max_bytes(10).with_max_depth(2);
        assert_eq!((limits.max_bytes, limits.max_depth), (10, 2));
        assert_eq!(
            Limits::default().with_max_depth(3).max_bytes,
            Limits::default().max_bytes
        );
        assert!(parse(b"[[1]]", &limits).is_ok());
        assert!(parse(b"[[[1]]]", &limits).is_err());
        assert!(parse(b"[1,2,3,4,5]", &limits).is_err());
    }

    #[test]
    fn numbers_keep_their_signs_and_exponents() {
        let doc = read("[-1, -0.5e-3, 1E+2, 0, -0]").unwrap();
        let texts: Vec<&str> = doc
            .root
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_number().unwrap())
            .collect();
        assert_eq!(texts, ["-1", "-0.5e-3", "1E+2", "0", "-0"]);
    }

    /// Objects whose members repeat keys, at every depth, with lone
    /// surrogates inside repeated members: finding duplicates by sorting at
    /// the end of each object must give what a scan gives.
    #[test]
    fn sorting_finds_what_scanning_finds() {
        let mut seed: u32 = 7;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        for _ in 0..300 {
            let mut body = String::from("{");
            let members = next(60);
            for m in 0..members {
                if m > 0 {
                    body.push(',');
                }
                let key = next(12);
                body.push_str(&format!("\"k{key}\":"));
                match next(4) {
                    0 => body.push_str("\"\\ud800\""),
                    1 => body.push_str(&format!("{{\"x\":1,\"x\":{key},\"y\":\"\\udc00\"}}")),
                    2 => body.push_str(&format!("[{key},\"é\"]")),
                    _ => body.push_str(&format!("{key}")),
                }
                if next(5) == 0 {
                    body.push('\n');
                }
            }
            body.push('}');
            let scanned = read_document(&body, &Limits::default(), usize::MAX).unwrap();
            let sorted = read_document(&body, &Limits::default(), 0).unwrap();
            assert_eq!(sorted.root, scanned.root, "{body}");
            assert_eq!(sorted.violations, scanned.violations, "{body}");
        }
    }

    #[test]
    fn positions_from_checkpoints_are_the_positions() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(match i % 7 {
                0 => "\n",
                1 => "é",
                2 => "日本",
                3 => "😀",
                _ => "ab",
            });
        }
        let lines = Lines::new(text.as_bytes());
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            assert_eq!(
                lines.at(text.as_bytes(), offset),
                line_column(&text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn heap_sort_sorts() {
        let mut seed: u32 = 1;
        for len in 0..60 {
            let mut items: Vec<u32> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (seed >> 16) % 10
                })
                .collect();
            let mut expected = items.clone();
            expected.sort();
            heap_sort(&mut items, |a, b| a < b);
            assert_eq!(items, expected);
        }
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        let doc = read(r#"["plain", "t\u00e9\n"]"#).unwrap();
        let a = doc.root.as_array().unwrap();
        assert!(matches!(
            &a[0].0,
            Node::String(alloc::borrow::Cow::Borrowed("plain"))
        ));
        assert_eq!(a[1].as_str(), Some("té\n"));
    }

    #[test]
    fn surrogate_pairs_decode_and_lone_halves_are_reported() {
        let doc = read(r#"{"k": "\ud834\udd1e"}"#).unwrap();
        assert_eq!(
            doc.root.as_object().unwrap().get("k").unwrap().as_str(),
            Some("𝄞")
        );
        assert!(doc.violations.is_empty());

        let doc = read(r#"{"a": {"b": ["\ud800x", "\udc00"]}}"#).unwrap();
        let paths: Vec<_> = doc.violations.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["/a/b/0", "/a/b/1"]);
        assert!(doc.violations.iter().all(|v| v.code == Code::LoneSurrogate));
    }

    #[test]
    fn every_duplicate_is_reported_with_its_pointer() {
        let doc = read(r#"{"a": 1, "m": {"x~y": 1, "x~y": 2}, "\u0061": 3, "a": 4}"#).unwrap();
        let paths: Vec<_> = doc.violations.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["/m/x~0y", "/a", "/a"]);
        // The first occurrence is the one kept.
        assert_eq!(
            doc.root.as_object().unwrap().get("a").unwrap().as_number(),
            Some("1")
        );
    }

    #[test]
    fn duplicates_in_large_objects_are_found() {
        let mut body = String::from("{");
        for i in 0..100 {
            body.push_str(&format!("\"k{i}\": {i},"));
        }
        body.push_str("\"k7\": 0, \"k99\": 0}");
        let doc = read(&body).unwrap();
        let paths: Vec<_> = doc.violations.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["/k7", "/k99"]);
    }

    #[test]
    fn duplicates_are_found_on_both_sides_of_the_index_threshold() {
        for size in [SCAN_LIMIT - 1, SCAN_LIMIT, SCAN_LIMIT + 1, SCAN_LIMIT + 2] {
            let keys: Vec<String> = (0..size).map(|i| format!("\"k{i}\": {i}")).collect();
            let last = size - 1;
            let body = format!("{{{}, \"k0\": 0, \"k{last}\": 0}}", keys.join(","));
            let doc = read(&body).unwrap();
            let paths: Vec<_> = doc.violations.iter().map(|v| v.path.as_str()).collect();
            assert_eq!(
                paths,
                [String::from("/k0"), format!("/k{last}")],
                "{size} keys"
            );
            assert_eq!(doc.root.as_object().unwrap().len(), size);
        }
    }

    /// Keys with the same print are told apart by their bytes; equal
    /// keys have the same print, escaped or not.
    #[test]
    fn keys_alike_in_print_are_compared_whole() {
        assert_eq!(key_print(b"abc"), key_print(b"axc"));
        let doc = read(r#"{"abc": 1, "axc": 2, "a\u0062c": 3, "axc": 4, "": 5, "": 6}"#).unwrap();
        let paths: Vec<_> = doc.violations.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["/abc", "/axc", "/"]);
        let root = doc.root.as_object().unwrap();
        let kept: Vec<_> = root.iter().map(|(k, _)| k).collect();
        assert_eq!(kept, ["abc", "axc", ""]);
    }

    /// The fields of each object of each shipped dialect have prints of
    /// their own: a valid request's keys never run the duplicate scan.
    #[test]
    fn each_object_of_a_shipped_dialect_has_fields_of_distinct_prints() {
        use crate::schema::{ObjectSpec, Rule};
        fn check(spec: &ObjectSpec) {
            let mut prints = 0u64;
            for field in spec.fields {
                let print = key_print(field.name.as_bytes());
                assert_eq!(
                    prints & print,
                    0,
                    "`{}` shares its key print with an earlier field of its object: \
                     choose other constants in key_print",
                    field.name
                );
                prints |= print;
                let rule = match &field.rule {
                    Rule::List { item, .. } => item,
                    rule => rule,
                };
                if let Rule::Object(inner) = rule {
                    check(inner);
                }
            }
        }
        for dialect in crate::Dialect::ALL {
            check(dialect.spec().body);
        }
    }

    #[test]
    fn nested_containers_keep_their_own_members() {
        let doc =
            read(r#"{"a": [1, [2, 3], {"b": {"c": 1}, "d": []}], "e": {}, "f": [[]]}"#).unwrap();
        let root = doc.root.as_object().unwrap();
        let keys: Vec<_> = root.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "e", "f"]);
        let a = root.get("a").unwrap().as_array().unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a[1].as_array().unwrap().len(), 2);
        let inner = a[2].as_object().unwrap();
        assert_eq!(inner.len(), 2);
        assert_eq!(inner.get("b").unwrap().as_object().unwrap().len(), 1);
        assert!(root.get("e").unwrap().as_object().unwrap().is_empty());
        assert_eq!(
            root.get("f").unwrap().as_array().unwrap()[0]
                .as_array()
                .unwrap()
                .len(),
            0
        );
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let err = read("{\n  \"é\": tru\n}").unwrap_err();
        assert_eq!(err.code, Code::MalformedJson);
        assert_eq!(err.param("line"), Some(&crate::violation::Param::Int(2)));
        assert_eq!(err.param("column"), Some(&crate::violation::Param::Int(8)));
    }

    #[test]
    fn fatal_problems() {
        let code = |s: &[u8]| parse(s, &Limits::default()).unwrap_err().code;
        assert_eq!(code(b""), Code::MalformedJson);
        assert_eq!(code(b"  \n"), Code::MalformedJson);
        assert_eq!(code(b"{} {}"), Code::MalformedJson);
        assert_eq!(code(b"\xEF\xBB\xBF{}"), Code::ByteOrderMark);
        assert_eq!(code(b"{\"a\": \"\xff\"}"), Code::InvalidUtf8);
        assert_eq!(code(b"{\"a\": \"x\0\"}"), Code::MalformedJson);
        assert_eq!(code(b"[NaN]"), Code::MalformedJson);
        assert_eq!(code(b"[Infinity]"), Code::MalformedJson);
        assert_eq!(code(b"[1,]"), Code::MalformedJson);
        assert_eq!(code(b"[01]"), Code::MalformedJson);
        assert_eq!(code(b"{\"a\" 1}"), Code::MalformedJson);
        assert_eq!(code(b"\"\\x\""), Code::MalformedJson);
        assert_eq!(code(b"\"\\u12\""), Code::MalformedJson);
    }

    #[test]
    fn depth_and_size_limits() {
        let limits = Limits {
            max_bytes: 10,
            max_depth: 3,
        };
        let err = parse(b"[[[[]]]]", &limits).unwrap_err();
        assert_eq!(err.code, Code::TooDeep);
        assert!(parse(b"[[[]]]", &limits).is_ok());
        let err = parse(b"[1, 2, 3, 4]", &limits).unwrap_err();
        assert_eq!(err.code, Code::BodyTooLarge);
        assert_eq!(err.param("max"), Some(&crate::violation::Param::Int(10)));

        let deep = "[".repeat(100_000);
        let err = parse(deep.as_bytes(), &Limits::default()).unwrap_err();
        assert_eq!(err.code, Code::TooDeep);
        // Objects count towards the depth as arrays do.
        let limits = Limits {
            max_bytes: 100,
            max_depth: 3,
        };
        let err = parse(br#"{"a":{"a":{"a":{}}}}"#, &limits).unwrap_err();
        assert_eq!(err.code, Code::TooDeep);
        assert!(parse(br#"{"a":{"a":{}}}"#, &limits).is_ok());
        assert_eq!(
            parse(br#"{"a":[{"a":{}}]}"#, &limits).unwrap_err().code,
            Code::TooDeep
        );
    }

    #[test]
    fn a_body_that_stops_says_so() {
        for cut in [r#"{"a": "#, r#"{"a": [1, "#, r#"{"a""#, "{"] {
            let err = read(cut).unwrap_err();
            assert!(
                err.message.contains("ends in the middle"),
                "{cut}: {}",
                err.message
            );
        }
        let err = read(r#"{"a": x}"#).unwrap_err();
        assert!(
            !err.message.contains("ends in the middle"),
            "{}",
            err.message
        );
    }

    #[test]
    fn raw_control_characters_in_strings_are_refused() {
        // Before any escape (the borrowed path) and after one (the copy).
        for body in [
            "{\"a\": \"x\u{1}y\"}",
            "{\"a\": \"\\n x\u{1f}y\"}",
            "{\"a\u{0}\": 1}",
        ] {
            let err = read(body).unwrap_err();
            assert_eq!(err.code, Code::MalformedJson, "{body:?}");
            assert!(
                err.message.contains("control character"),
                "{body:?}: {}",
                err.message
            );
        }
        assert!(read("{\"a\": \"x\u{7f}y \u{20}\"}").is_ok());
    }

    #[test]
    fn literals_read_as_their_values() {
        let doc = read("[true, false, null]").unwrap();
        assert_eq!(
            doc.root.as_array().unwrap(),
            &[Value::from(true), Value::from(false), Value::null()][..]
        );
        for body in ["[fals]", "[nul]", "[tru]", "[f]"] {
            assert_eq!(read(body).unwrap_err().code, Code::MalformedJson, "{body}");
        }
    }

    /// Each of JSON's two-character escapes, and the text around escapes
    /// (a space included) kept as it is.
    #[test]
    fn escapes_decode_and_the_text_between_them_is_kept() {
        let doc = read(r#"["\"\\\/\b\f\n\r\t", "\t x y", "a\r\n b ~"]"#).unwrap();
        let strings: Vec<_> = doc
            .root
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(strings, ["\"\\/\u{8}\u{c}\n\r\t", "\t x y", "a\r\n b ~"]);
        assert!(doc.violations.is_empty());
    }

    /// Duplicates and lone surrogates found while reading say where they
    /// are: the key's quote, the escape's backslash.
    #[test]
    fn violations_found_while_reading_give_their_line_and_column() {
        let doc = read("{\"a\": 1,\n  \"a\": 2,\n\"é\": \"x\\udc00\"}").unwrap();
        let at: Vec<_> = doc
            .violations
            .iter()
            .map(|v| (v.code, v.param("line").cloned(), v.param("column").cloned()))
            .collect();
        let int = |n| Some(crate::report::Param::Int(n));
        assert_eq!(
            at,
            [
                (Code::DuplicateKey, int(2), int(3)),
                (Code::LoneSurrogate, int(3), int(8)),
            ]
        );
        assert!(doc.violations[0].message.contains("(line 2, column 3)"));
        assert!(doc.violations[1].message.contains("(line 3, column 8)"));
    }
}
