//! The strict JSON front end.
//!
//! The reader is the crate's own rather than `serde_json`'s, because a
//! payments validator needs what `serde_json` does not give without changing
//! itself for every crate in a build: numbers kept as their exact text
//! (`arbitrary_precision` is a workspace-wide Cargo feature), every duplicate
//! key at every depth reported with its pointer and position instead of the
//! first error only or a silent last-one-wins, lone surrogates reported
//! rather than refused with the rest of the document, and a depth limit that
//! fails cleanly. It also keeps the WebAssembly build small, as does the
//! crate's own writer ([`to_string`]).

mod de;
mod number;
mod parse;
pub(crate) mod pointer;
pub(crate) mod tape;
pub(crate) mod write;

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

pub use de::{DeError, from_value};
pub use number::{NotANumber, Number};
pub use parse::{Document, Error, ErrorKind, Limits, parse};
pub(crate) use parse::{read, read_with};
pub(crate) use tape::Json;
pub use write::to_string;

/// A JSON value: what a session's metadata, a line item's extra members
/// and a converted body hold. Strings borrow from the input where they have
/// no escapes; numbers are always their exact text.
///
/// The representation is private, so it can change without breaking users:
/// values are read with the `as_*` accessors and built with the
/// constructors and `From` conversions.
///
/// ```
/// use checkout_rules::json::{Object, Value};
///
/// let mut meta = Object::default();
/// meta.set("order", Value::string("A-17"));
/// meta.set("attempt", Value::from(2u64));
/// meta.set("amount", Value::number("12.340").unwrap());
/// meta.set("tags", ["gift", "eu"].into_iter().map(Value::string).collect());
/// let meta = Value::from(meta);
/// let object = meta.as_object().unwrap();
/// assert_eq!(object.get("order").and_then(Value::as_str), Some("A-17"));
/// assert_eq!(object.get("amount").and_then(Value::as_number), Some("12.340"));
/// assert_eq!(object.get("tags").and_then(Value::as_array).map(<[_]>::len), Some(2));
/// assert!(Value::number("1,5").is_err());
/// assert_eq!(
///     checkout_rules::json::to_string(&meta).as_deref(),
///     Some(r#"{"order":"A-17","attempt":2,"amount":12.340,"tags":["gift","eu"]}"#)
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Value<'a>(pub(crate) Node<'a>);

/// What a [`Value`] is, for the crate's own code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    /// A number, exactly as written.
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Object<'a>),
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'a> Value<'a> {
    /// `null`.
    pub const fn null() -> Value<'a> {
        Value(Node::Null)
    }

    /// A string.
    pub fn string(text: impl Into<Cow<'a, str>>) -> Value<'a> {
        Value(Node::String(text.into()))
    }

    /// A number, from its exact text, which must be a JSON number.
    pub fn number(text: impl Into<Cow<'a, str>>) -> Result<Value<'a>, NotANumber> {
        let text = text.into();
        match crate::number::form(&text) {
            crate::number::Form::Invalid => Err(NotANumber),
            _ => Ok(Value(Node::Number(text))),
        }
    }

    /// A number from text the crate knows to be a JSON number (the
    /// reader's, or written by the crate).
    pub(crate) fn number_text(text: impl Into<Cow<'a, str>>) -> Value<'a> {
        Value(Node::Number(text.into()))
    }

    /// The JSON type's name, as messages use it: `"string"`, `"number"`…
    pub fn type_name(&self) -> &'static str {
        match self.0 {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Number(_) => "number",
            Node::String(_) => "string",
            Node::Array(_) => "array",
            Node::Object(_) => "object",
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.0, Node::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.0 {
            Node::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number's text, if this is a number.
    pub fn as_number(&self) -> Option<&str> {
        match &self.0 {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match &self.0 {
            Node::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The object, if this is one, to change it.
    pub fn as_object_mut(&mut self) -> Option<&mut Object<'a>> {
        match &mut self.0 {
            Node::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match &self.0 {
            Node::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The elements, if this is an array, to change them.
    pub fn as_array_mut(&mut self) -> Option<&mut [Value<'a>]> {
        match &mut self.0 {
            Node::Array(a) => Some(a),
            _ => None,
        }
    }

    /// A copy that owns all its text, made in one step (not a clone that
    /// borrows, then a copy of that).
    pub fn to_static(&self) -> Value<'static> {
        Value(match &self.0 {
            Node::Null => Node::Null,
            Node::Bool(b) => Node::Bool(*b),
            Node::Number(n) => Node::Number(Cow::Owned(String::from(n.as_ref()))),
            Node::String(s) => Node::String(Cow::Owned(String::from(s.as_ref()))),
            Node::Array(a) => Node::Array(a.iter().map(Value::to_static).collect()),
            Node::Object(o) => Node::Object(o.to_static()),
        })
    }
}

impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value(Node::Bool(b))
    }
}

impl From<u64> for Value<'_> {
    fn from(n: u64) -> Self {
        Value::number_text(n.to_string())
    }
}

impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::number_text(n.to_string())
    }
}

impl<'a> From<Object<'a>> for Value<'a> {
    fn from(object: Object<'a>) -> Self {
        Value(Node::Object(object))
    }
}

impl<'a> From<Vec<Value<'a>>> for Value<'a> {
    fn from(elements: Vec<Value<'a>>) -> Self {
        Value(Node::Array(elements))
    }
}

/// An array of the values, in order.
impl<'a> FromIterator<Value<'a>> for Value<'a> {
    fn from_iter<I: IntoIterator<Item = Value<'a>>>(iter: I) -> Self {
        Value(Node::Array(iter.into_iter().collect()))
    }
}

/// A JSON object: members in document order, keys unique.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Object<'a> {
    members: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Object<'a> {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value<'a>> {
        self.members
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The members in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.members.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Sets `key` to `value`, in place if it is present, at the end if not.
    ///
    /// ```
    /// use checkout_rules::json::{Object, Value};
    ///
    /// let mut o = Object::default();
    /// o.set("a", Value::null());
    /// o.set("b", Value::from(true));
    /// o.set("a", Value::from(false));
    /// assert_eq!(o.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b"]);
    /// assert_eq!(o.remove("a"), Some(Value::from(false)));
    /// assert_eq!(o.len(), 1);
    /// ```
    pub fn set(&mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) {
        let key = key.into();
        match self.members.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.members.push((key, value)),
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<Value<'a>> {
        let at = self.members.iter().position(|(k, _)| k == key)?;
        Some(self.members.remove(at).1)
    }

    /// A copy that owns all its text.
    pub fn to_static(&self) -> Object<'static> {
        Object {
            members: self
                .members
                .iter()
                .map(|(k, v)| (Cow::Owned(String::from(k.as_ref())), v.to_static()))
                .collect(),
        }
    }
}

/// Numbers are written back exactly as they were read, never as a rounded
/// float: integers as integers, anything else as its text (see the
/// `serde_json` feature).
impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Number(n) => number::serialize_exact(n, serializer),
            Node::String(s) => serializer.serialize_str(s),
            Node::Array(a) => {
                let mut seq = serializer.serialize_seq(Some(a.len()))?;
                for v in a {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Node::Object(o) => o.serialize(serializer),
        }
    }
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.members.len()))?;
        for (k, v) in &self.members {
            map.serialize_entry(k.as_ref(), v)?;
        }
        map.end()
    }
}

/// How each byte is written inside a JSON string: `0` as itself, `u` as
/// `\u00XX`, anything else as `\` and that letter (the escapes serde_json
/// writes). A table, as serde_json has, because the reader and the writer
/// look up every byte of every string in it.
pub(crate) static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// The length of the leading run of bytes a JSON string holds as they are:
/// no `"`, no `\\`, no control character. Eight bytes at a time
/// ([`crate::words`]), because the reader and the writer scan every
/// string with it.
pub(crate) fn plain_run(bytes: &[u8]) -> usize {
    use crate::words::{below, equal, first, word};
    let specials = |x: u64| below(x, 0x20) | equal(x, b'"') | equal(x, b'\\');
    let (chunks, _) = bytes.as_chunks::<8>();
    let mut run = 0;
    for chunk in chunks {
        let marks = specials(word(chunk));
        if marks != 0 {
            return run + first(marks);
        }
        run += 8;
    }
    // The last bytes: as the last eight, whose first ones were just found
    // plain, when there are eight; one by one when there are fewer.
    match bytes.last_chunk::<8>() {
        Some(last) => match specials(word(last)) {
            0 => bytes.len(),
            marks => bytes.len() - 8 + first(marks),
        },
        None => bytes
            .iter()
            .position(|&b| ESCAPE[usize::from(b)] != 0)
            .unwrap_or(bytes.len()),
    }
}

/// Whether two keys are the same bytes. Keys are short, and for them the
/// call to `memcmp` that `==` makes costs more than the comparison: two
/// overlapping words compare any key of up to sixteen bytes.
pub(crate) fn same_key(a: &[u8], b: &[u8]) -> bool {
    fn word<const N: usize>(s: &[u8], at: usize) -> Option<[u8; N]> {
        s.get(at..at + N)?.try_into().ok()
    }
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        4..=8 => word::<4>(a, 0) == word(b, 0) && word::<4>(a, n - 4) == word(b, n - 4),
        9..=16 => word::<8>(a, 0) == word(b, 0) && word::<8>(a, n - 8) == word(b, n - 8),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_takes_the_member_out() {
        let mut o = Object::default();
        o.set("a", Value::null());
        o.set("b", Value::from(true));
        assert_eq!(o.remove("b"), Some(Value::from(true)));
        assert_eq!(o.remove("b"), None);
        assert_eq!(o.remove("z"), None);
        assert_eq!(o.len(), 1);
        assert!(o.get("a").is_some());
    }

    #[test]
    fn values_are_built_and_read_through_their_accessors() {
        assert!(Value::null().is_null());
        assert!(!Value::from(false).is_null());
        assert_eq!(Value::from(true).as_bool(), Some(true));
        assert_eq!(Value::null().as_bool(), None);
        assert_eq!(Value::from(-7i64).as_number(), Some("-7"));
        assert_eq!(
            Value::from(u64::MAX).as_number(),
            Some("18446744073709551615")
        );
        for text in ["0", "-0", "1e400", "12.340", "-1.5E-3"] {
            assert_eq!(Value::number(text).unwrap().as_number(), Some(text));
        }
        for text in ["", "1,5", "01", "+1", "1.", ".5", "NaN", " 1"] {
            assert_eq!(Value::number(text), Err(NotANumber), "{text:?}");
        }
        assert_eq!(Value::string("x").as_number(), None);
        assert_eq!(Value::from(1u64).as_str(), None);
        let names = [
            (Value::null(), "null"),
            (Value::from(true), "boolean"),
            (Value::from(1u64), "number"),
            (Value::string("1"), "string"),
            (Value::from(Vec::new()), "array"),
            (Value::from(Object::default()), "object"),
        ];
        for (value, name) in names {
            assert_eq!(value.type_name(), name);
            assert_eq!(value.as_array().is_some(), name == "array");
            assert_eq!(value.as_object().is_some(), name == "object");
        }
        assert_eq!(alloc::format!("{:?}", Value::string("a")), r#"String("a")"#);
    }

    #[test]
    fn values_change_in_place_through_their_mutable_accessors() {
        let mut list: Value<'_> = [Value::from(1u64), Value::from(2u64)].into_iter().collect();
        list.as_array_mut().unwrap()[1] = Value::string("two");
        assert_eq!(list.as_array().unwrap()[1].as_str(), Some("two"));
        assert!(list.as_object_mut().is_none());
        let mut object = Value::from(Object::default());
        assert!(object.as_array_mut().is_none());
        object.as_object_mut().unwrap().set("k", list);
        assert_eq!(to_string(&object).as_deref(), Some(r#"{"k":[1,"two"]}"#));
    }

    /// Words of eight bytes from the bytes around each special one (and
    /// those that borrow across a byte in the word test), each then a
    /// quote: the word test and the byte scan agree on every run.
    #[test]
    fn plain_run_agrees_with_the_byte_definition_on_words() {
        const BYTES: &[u8] = &[
            0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x61, 0x7f, 0x80, 0xa2,
            0xdc, 0xff,
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut bytes = [b'"'; 17];
            for (i, b) in bytes.iter_mut().take(16).enumerate() {
                *b = BYTES[usize::try_from((seed >> (i * 4)) & 0xf).unwrap()];
            }
            let expected = bytes
                .iter()
                .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
                .unwrap();
            assert_eq!(plain_run(&bytes), expected, "{bytes:02x?}");
        }
    }

    #[test]
    fn objects_find_change_and_copy_their_members() {
        let mut o = Object::default();
        assert!(o.is_empty());
        o.set("a", Value::null());
        o.set("b", Value::from(true));
        assert!(!o.is_empty());
        *o.get_mut("b").unwrap() = Value::from(false);
        assert_eq!(o.get("b"), Some(&Value::from(false)));
        assert_eq!(o.get("a"), Some(&Value::null()));
        assert!(o.get_mut("c").is_none());
        let copy = o.to_static();
        assert_eq!(
            copy.iter().map(|(k, _)| k).collect::<alloc::vec::Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(copy.get("b"), Some(&Value::from(false)));
    }

    /// Keys of every length up to past the last word size, equal and
    /// differing at each byte: `same_key` says what `==` says.
    #[test]
    fn same_key_agrees_with_slice_equality() {
        for len in 0..=20 {
            let a: Vec<u8> = (b'a'..).take(len).collect();
            assert!(same_key(&a, &a.clone()), "{len}");
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_key(&a, &b), "{len} {at}");
            }
            let mut longer = a.clone();
            longer.push(b'z');
            assert!(!same_key(&a, &longer) && !same_key(&longer, &a), "{len}");
        }
    }

    proptest::proptest! {
        #[test]
        fn same_key_is_slice_equality(
            a in proptest::collection::vec(0u8..4, 0..20),
            b in proptest::collection::vec(0u8..4, 0..20),
        ) {
            proptest::prop_assert_eq!(same_key(&a, &b), a == b);
        }

        /// The word-at-a-time scan against the byte-at-a-time definition.
        #[test]
        fn plain_run_is_the_run_without_quote_backslash_or_control(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => 0x20u8..0x7f,
                    1 => proptest::prelude::Just(b'"'),
                    1 => proptest::prelude::Just(b'\\'),
                    1 => 0u8..0x20,
                    2 => 0x80u8..=0xff,
                ],
                0..40,
            )
        ) {
            let expected = bytes
                .iter()
                .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
                .unwrap_or(bytes.len());
            proptest::prop_assert_eq!(plain_run(&bytes), expected);
        }
    }
}
