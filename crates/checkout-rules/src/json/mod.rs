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
pub(crate) mod write;

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

pub use de::{DeError, from_value};
pub use number::{NotANumber, Number};
pub use parse::{Document, Error, ErrorKind, Limits, parse};
pub use write::to_string;

/// A JSON value. Strings borrow from the input where they have no escapes;
/// numbers are always their exact text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, exactly as written.
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object.
    Object(Object<'a>),
}

impl<'a> Value<'a> {
    /// The JSON type's name, as messages use it: `"string"`, `"number"`…
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number's text, if this is a number.
    pub fn as_number(&self) -> Option<&str> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// A copy that owns all its text, made in one step (not a clone that
    /// borrows, then a copy of that).
    pub fn to_static(&self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Number(Cow::Owned(String::from(n.as_ref()))),
            Value::String(s) => Value::String(Cow::Owned(String::from(s.as_ref()))),
            Value::Array(a) => Value::Array(a.iter().map(Value::to_static).collect()),
            Value::Object(o) => Value::Object(o.to_static()),
        }
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
    /// o.set("a", Value::Null);
    /// o.set("b", Value::Bool(true));
    /// o.set("a", Value::Bool(false));
    /// assert_eq!(o.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b"]);
    /// assert_eq!(o.remove("a"), Some(Value::Bool(false)));
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
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => number::serialize_exact(n, serializer),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(a) => {
                let mut seq = serializer.serialize_seq(Some(a.len()))?;
                for v in a {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Value::Object(o) => o.serialize(serializer),
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
/// no `"`, no `\\`, no control character. Eight bytes at a time with the
/// classic "has a zero byte" and "has a byte less than n" word tests,
/// because the reader and the writer scan every string with it.
pub(crate) fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let special = |b: u8| ESCAPE[usize::from(b)] != 0;
    let mut run = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word);
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let quote = has_zero(x ^ (ONES * u64::from(b'"')));
        let backslash = has_zero(x ^ (ONES * u64::from(b'\\')));
        if control | quote | backslash != 0 {
            break;
        }
        run += 8;
    }
    let rest = bytes.get(run..).unwrap_or_default();
    run + rest.iter().position(|&b| special(b)).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_takes_the_member_out() {
        let mut o = Object::default();
        o.set("a", Value::Null);
        o.set("b", Value::Bool(true));
        assert_eq!(o.remove("b"), Some(Value::Bool(true)));
        assert_eq!(o.remove("b"), None);
        assert_eq!(o.remove("z"), None);
        assert_eq!(o.len(), 1);
        assert!(o.get("a").is_some());
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
        o.set("a", Value::Null);
        o.set("b", Value::Bool(true));
        assert!(!o.is_empty());
        *o.get_mut("b").unwrap() = Value::Bool(false);
        assert_eq!(o.get("b"), Some(&Value::Bool(false)));
        assert_eq!(o.get("a"), Some(&Value::Null));
        assert!(o.get_mut("c").is_none());
        let copy = o.to_static();
        assert_eq!(
            copy.iter().map(|(k, _)| k).collect::<alloc::vec::Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(copy.get("b"), Some(&Value::Bool(false)));
    }

    proptest::proptest! {
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
