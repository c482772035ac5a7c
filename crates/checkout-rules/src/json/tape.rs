//! A read document as a flat list of tokens with spans into the input: what
//! the reader writes and the walker reads. One vector per document instead
//! of a tree of vectors and strings per object and member; the tree
//! ([`Value`]) is built from it only where a caller asks for one.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Node, Object, Value};
use crate::json::parse::Error;

/// What a token is. Containers are followed by their contents: an object by
/// key and value tokens in turn, an array by its elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Null,
    True,
    False,
    /// A number: its text is `start..start + len` of the input.
    Number,
    /// A string without escapes: `start..start + len` of the input.
    Text,
    /// A string with escapes, unescaped: `start..start + len` of the
    /// tape's own text.
    Unescaped,
    /// An array of `count` elements, `len` tokens long after this one.
    Array,
    /// An object of `count` members, `len` tokens long after this one.
    Object,
}

/// One token: 16 bytes, offsets in 32 bits (the reader refuses inputs of
/// 4 GiB or more).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: u32,
    pub len: u32,
    pub count: u32,
}

impl Token {
    pub const fn new(kind: Kind, start: u32, len: u32) -> Token {
        Token {
            kind,
            start,
            len,
            count: 0,
        }
    }

    /// How many tokens this value takes, itself included.
    fn width(self) -> usize {
        match self.kind {
            Kind::Array | Kind::Object => 1 + self.len as usize,
            _ => 1,
        }
    }
}

/// A document's tokens, the unescaped text of its strings that had escapes,
/// and the problems that did not stop the reading.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tape<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub unescaped: String,
    pub problems: Vec<Error>,
}

impl<'a> Tape<'a> {
    /// The top-level value.
    pub fn root(&self) -> Json<'_, 'a> {
        Json { tape: self, at: 0 }
    }

    /// The text of a string or number token.
    pub(crate) fn str_at(&self, at: usize) -> &str {
        let Some(token) = self.tokens.get(at) else {
            return "";
        };
        let span = token.start as usize..(token.start + token.len) as usize;
        match token.kind {
            Kind::Unescaped => self.unescaped.get(span),
            _ => self.text.get(span),
        }
        .unwrap_or_default()
    }

    /// The bytes of a string or number token: what keys are compared by,
    /// as bytes are equal exactly when the strings are, and slicing bytes
    /// skips the two character-boundary checks of slicing a `str`.
    pub(crate) fn bytes_at(&self, at: usize) -> &[u8] {
        let Some(token) = self.tokens.get(at) else {
            return &[];
        };
        let span = token.start as usize..(token.start + token.len) as usize;
        match token.kind {
            Kind::Unescaped => self.unescaped.as_bytes().get(span),
            _ => self.text.as_bytes().get(span),
        }
        .unwrap_or_default()
    }

    /// Whether the string at `at` is `key`: lengths first, as most keys
    /// differ in length.
    pub(crate) fn key_is(&self, at: usize, key: &[u8]) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|t| t.len as usize == key.len())
            && super::same_key(self.bytes_at(at), key)
    }

    /// The key tokens of `count` members, the first of whose keys is at
    /// `first`: each member is its key, then its value's tokens.
    pub(crate) fn keys_from(&self, first: usize, count: usize) -> impl Iterator<Item = usize> + '_ {
        let mut key = first;
        (0..count).map(move |_| {
            let this = key;
            key += 1 + self.width_at(key + 1);
            this
        })
    }

    /// How many tokens the value at `at` takes, itself included.
    pub(crate) fn width_at(&self, at: usize) -> usize {
        self.tokens.get(at).map_or(1, |t| t.width())
    }
}

/// The buffers a tape is written into, kept between documents by a
/// [`Validator`](crate::Validator) so that reading allocates only for a
/// document larger than those before.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    pub tokens: Vec<Token>,
    pub unescaped: String,
}

impl Tape<'_> {
    /// The tape's buffers, emptied, for the next document.
    pub fn into_buffers(mut self) -> Buffers {
        self.tokens.clear();
        self.unescaped.clear();
        Buffers {
            tokens: self.tokens,
            unescaped: self.unescaped,
        }
    }
}

/// A value in a tape: what the walker reads, as it read a [`Value`] before.
#[derive(Clone, Copy)]
pub(crate) struct Json<'t, 'a> {
    tape: &'t Tape<'a>,
    at: usize,
}

impl core::fmt::Debug for Json<'_, '_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.to_value().fmt(f)
    }
}

impl<'t, 'a> Json<'t, 'a> {
    fn token(self) -> Token {
        self.tape
            .tokens
            .get(self.at)
            .copied()
            .unwrap_or(Token::new(Kind::Null, 0, 0))
    }

    /// Its token's index in the tape, at most `u32::MAX` as the tape's
    /// offsets are.
    pub fn index(self) -> u32 {
        u32::try_from(self.at).unwrap_or(u32::MAX)
    }

    /// The value whose token is at `index` in the same tape.
    pub fn at(self, index: u32) -> Json<'t, 'a> {
        Json {
            tape: self.tape,
            at: index as usize,
        }
    }

    /// The value and everything in it, object keys included (as strings),
    /// in document order: its tokens, which the tape keeps together.
    pub fn flattened(self) -> impl Iterator<Item = Json<'t, 'a>> {
        let end = self.at + self.tape.width_at(self.at);
        (self.at..end).map(move |at| Json {
            tape: self.tape,
            at,
        })
    }

    /// The JSON type's name, as messages use it.
    pub fn type_name(self) -> &'static str {
        match self.token().kind {
            Kind::Null => "null",
            Kind::True | Kind::False => "boolean",
            Kind::Number => "number",
            Kind::Text | Kind::Unescaped => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }

    pub fn is_null(self) -> bool {
        self.token().kind == Kind::Null
    }

    /// The string, if this is one.
    pub fn as_str(self) -> Option<&'t str> {
        match self.token().kind {
            Kind::Text | Kind::Unescaped => Some(self.tape.str_at(self.at)),
            _ => None,
        }
    }

    /// The string's text if it had escapes: only an escape can put a
    /// control character (NUL among them) into a string, as the reader
    /// refuses them written as they are.
    pub(crate) fn unescaped(self) -> Option<&'t str> {
        (self.token().kind == Kind::Unescaped).then(|| self.tape.str_at(self.at))
    }

    /// The string, borrowed from the input where it had no escapes.
    pub fn text(self) -> Option<Cow<'a, str>> {
        let token = self.token();
        match token.kind {
            Kind::Text => Some(Cow::Borrowed(self.input_span(token))),
            Kind::Unescaped => Some(Cow::Owned(self.owned_text())),
            _ => None,
        }
    }

    /// The text of a string that had escapes, copied out of the tape. Apart
    /// from [`Json::text`], whose borrowed case is the usual one, so that it
    /// stays small enough to need no stack frame of its own.
    #[cold]
    #[inline(never)]
    fn owned_text(self) -> String {
        String::from(self.tape.str_at(self.at))
    }

    /// The number's text, if this is a number.
    pub fn as_number(self) -> Option<&'a str> {
        let token = self.token();
        (token.kind == Kind::Number).then(|| self.input_span(token))
    }

    fn input_span(self, token: Token) -> &'a str {
        let text: &'a str = self.tape.text;
        text.get(token.start as usize..(token.start + token.len) as usize)
            .unwrap_or_default()
    }

    /// The members, if this is an object.
    pub fn as_object(self) -> Option<Members<'t, 'a>> {
        let token = self.token();
        (token.kind == Kind::Object).then_some(Members {
            tape: self.tape,
            at: self.at + 1,
            left: token.count as usize,
        })
    }

    /// The elements, if this is an array.
    pub fn as_array(self) -> Option<Elements<'t, 'a>> {
        let token = self.token();
        (token.kind == Kind::Array).then_some(Elements {
            tape: self.tape,
            at: self.at + 1,
            left: token.count as usize,
        })
    }

    /// The value of member `key`, if this is an object that has it.
    pub fn get(self, key: &str) -> Option<Json<'t, 'a>> {
        let tape = self.tape;
        let (_, value) = self
            .as_object()?
            .keys()
            .find(|&(at, _)| tape.key_is(at, key.as_bytes()))?;
        Some(value)
    }

    /// The value as a tree, borrowing what it can from the input.
    pub fn to_value(self) -> Value<'a> {
        let token = self.token();
        Value(match token.kind {
            Kind::Null => Node::Null,
            Kind::True => Node::Bool(true),
            Kind::False => Node::Bool(false),
            Kind::Number => Node::Number(Cow::Borrowed(self.input_span(token))),
            Kind::Text | Kind::Unescaped => Node::String(self.text().unwrap_or_default()),
            Kind::Array => Node::Array(
                self.as_array()
                    .into_iter()
                    .flatten()
                    .map(Json::to_value)
                    .collect(),
            ),
            Kind::Object => Node::Object(self.to_object().unwrap_or_default()),
        })
    }

    /// The members, if this is an object, with keys borrowed from the
    /// input where they had no escapes.
    pub fn members(self) -> Option<impl Iterator<Item = (Cow<'a, str>, Json<'t, 'a>)>> {
        let tape = self.tape;
        let keys = self.as_object()?.keys();
        Some(keys.map(move |(at, value)| (Json { tape, at }.text().unwrap_or_default(), value)))
    }

    /// The object as a tree, if this is one.
    pub fn to_object(self) -> Option<Object<'a>> {
        Some(Object {
            members: self.members()?.map(|(k, v)| (k, v.to_value())).collect(),
        })
    }
}

/// An object's members in document order: key and value.
#[derive(Clone, Debug)]
pub(crate) struct Members<'t, 'a> {
    tape: &'t Tape<'a>,
    /// The next member's key token.
    at: usize,
    left: usize,
}

impl<'t, 'a> Members<'t, 'a> {
    /// The members with their keys' token indices.
    fn keys(self) -> impl Iterator<Item = (usize, Json<'t, 'a>)> {
        let tape = self.tape;
        tape.keys_from(self.at, self.left)
            .map(move |key| (key, Json { tape, at: key + 1 }))
    }

    /// The members with their keys' bytes, for matching keys to names.
    pub(crate) fn by_key_bytes(self) -> impl Iterator<Item = (&'t [u8], Json<'t, 'a>)> {
        let tape = self.tape;
        self.keys()
            .map(move |(key, value)| (tape.bytes_at(key), value))
    }
}

impl<'t, 'a> Iterator for Members<'t, 'a> {
    type Item = (&'t str, Json<'t, 'a>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let key = self.tape.str_at(self.at);
        let value = Json {
            tape: self.tape,
            at: self.at + 1,
        };
        self.at += 1 + self.tape.width_at(self.at + 1);
        Some((key, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Members<'_, '_> {}

/// An array's elements in order.
#[derive(Clone, Debug)]
pub(crate) struct Elements<'t, 'a> {
    tape: &'t Tape<'a>,
    at: usize,
    left: usize,
}

impl<'t, 'a> Iterator for Elements<'t, 'a> {
    type Item = Json<'t, 'a>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let element = Json {
            tape: self.tape,
            at: self.at,
        };
        self.at += self.tape.width_at(self.at);
        Some(element)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Elements<'_, '_> {}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::*;
    use crate::json::{Limits, parse, read};

    const DOCUMENT: &[u8] = br#"{"s": "plain", "e": "a\"b\\nc d\u00e9f", "n": -1.50e3, "t": true, "f": false, "z": null, "a": [1, [2, 3], {"k": "v"}], "o": {"x\ty": 0}}"#;

    #[test]
    fn every_kind_reads_as_the_tree_does() {
        let tape = read(DOCUMENT, &Limits::default()).unwrap();
        let root = tape.root();
        assert_eq!(
            root.to_value(),
            parse(DOCUMENT, &Limits::default()).unwrap().root
        );
        let kinds: Vec<(&str, &str)> = root
            .as_object()
            .unwrap()
            .map(|(k, v)| (k, v.type_name()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("s", "string"),
                ("e", "string"),
                ("n", "number"),
                ("t", "boolean"),
                ("f", "boolean"),
                ("z", "null"),
                ("a", "array"),
                ("o", "object"),
            ]
        );
        let get = |key| root.get(key).unwrap();
        assert_eq!(get("s").as_str(), Some("plain"));
        assert!(matches!(get("s").text(), Some(Cow::Borrowed("plain"))));
        assert_eq!(get("e").as_str(), Some("a\"b\\nc déf"));
        assert!(matches!(get("e").text(), Some(Cow::Owned(s)) if s == "a\"b\\nc déf"));
        assert_eq!(get("n").as_number(), Some("-1.50e3"));
        assert_eq!((get("n").as_str(), get("s").as_number()), (None, None));
        assert!(get("z").is_null() && !get("f").is_null());
        assert!(root.get("missing").is_none() && get("s").get("s").is_none());
        assert!(get("s").as_object().is_none() && get("s").as_array().is_none());
        assert_eq!(get("o").get("x\ty").and_then(Json::as_number), Some("0"));
        assert_eq!(format!("{:?}", get("t")), "Bool(true)");
    }

    #[test]
    fn arrays_and_objects_count_and_skip_their_contents() {
        let tape = read(DOCUMENT, &Limits::default()).unwrap();
        let root = tape.root();
        assert_eq!(root.as_object().unwrap().len(), 8);
        let array = root.get("a").unwrap().as_array().unwrap();
        assert_eq!(array.len(), 3);
        let elements: Vec<&str> = array.map(Json::type_name).collect();
        assert_eq!(elements, ["number", "array", "object"]);
        let nested = root.get("a").unwrap().as_array().unwrap().nth(1).unwrap();
        assert_eq!(nested.as_array().unwrap().len(), 2);
        let mut members = root.as_object().unwrap();
        members.nth(6);
        assert_eq!(members.len(), 1);
        assert_eq!(members.next().map(|(k, _)| k), Some("o"));
        assert_eq!((members.len(), members.next().is_none()), (0, true));
        // A value found again from its index is the same value.
        let o = root.get("o").unwrap();
        assert_eq!(root.at(o.index()).to_value(), o.to_value());
        assert_eq!(o.to_object().unwrap().len(), 1);
        assert!(root.get("a").unwrap().to_object().is_none());
    }

    /// A value's flattening holds it, then its keys and values in document
    /// order, and stops at its end, not at the document's.
    #[test]
    fn flattened_lists_a_value_and_its_contents_in_order() {
        let tape = read(DOCUMENT, &Limits::default()).unwrap();
        let root = tape.root();
        let kinds = |v: Json<'_, '_>| -> Vec<String> {
            v.flattened()
                .map(|t| t.as_str().or(t.as_number()).unwrap_or(t.type_name()).into())
                .collect()
        };
        let a = root.get("a").unwrap();
        assert_eq!(
            kinds(a),
            ["array", "1", "array", "2", "3", "object", "k", "v"]
        );
        assert_eq!(kinds(root.get("n").unwrap()), ["-1.50e3"]);
        assert_eq!(kinds(root.get("o").unwrap()), ["object", "x\ty", "0"]);
        assert_eq!(root.flattened().count(), 26);
    }

    /// Escapes between runs of plain text, at both ends and in a row.
    #[test]
    fn escaped_strings_keep_the_text_around_their_escapes() {
        let body = br#"["ab\ncd", "\tx", "y\u00e9", "\"\\\/", "a\u00e9b\u00e9c", "\ud83d\ude00!"]"#;
        let tape = read(body, &Limits::default()).unwrap();
        let texts: Vec<&str> = tape
            .root()
            .as_array()
            .unwrap()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(texts, ["ab\ncd", "\tx", "yé", "\"\\/", "aébéc", "😀!"]);
    }

    #[test]
    fn buffers_come_back_empty_with_their_room() {
        let tape = read(DOCUMENT, &Limits::default()).unwrap();
        let buffers = tape.into_buffers();
        assert!(buffers.tokens.is_empty() && buffers.unescaped.is_empty());
        assert!(buffers.tokens.capacity() >= DOCUMENT.len() / 4);
        assert!(buffers.unescaped.capacity() > 0);
    }
}
