//! The crate's JSON writer: compact JSON from any `Serialize` value, byte
//! for byte what `serde_json::to_string` writes (a test compares the two on
//! every report of the conformance corpus).
//!
//! Written here rather than calling `serde_json` because the WebAssembly
//! package carries every byte of its writer: this one has no error values to
//! build or format (its error is a unit struct), no float formatting, and
//! one non-generic string escaper. The derived `Serialize` code stays the
//! one description of each output's shape.

use alloc::string::String;
use core::fmt;

use serde::ser::{self, Serialize};

use super::number::NUMBER_TOKEN;
use super::{ESCAPE, plain_run};
use crate::message::push_integer;

/// `value` as one line of JSON, or `None` for what JSON cannot hold here
/// (a float, a map key that is not a string).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    written(value, false)
}

/// [`to_string`] for the crate's own types, whose struct field names are
/// identifiers that need no escaping (a debug assertion checks): they are
/// written without a scan, a fifth of the time of writing a report.
pub(crate) fn own_to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    written(value, true)
}

/// [`append`] for the crate's own types (see [`own_to_string`]).
pub(crate) fn append_own<T: Serialize + ?Sized>(value: &T, out: &mut String) -> Option<()> {
    value.serialize(&mut Writer { out, own: true }).ok()
}

fn written<T: Serialize + ?Sized>(value: &T, own: bool) -> Option<String> {
    // Room for a typical report without growing.
    let mut out = String::with_capacity(1024);
    value.serialize(&mut Writer { out: &mut out, own }).ok()?;
    Some(out)
}

/// Why a value could not be written: a float or a non-string map key.
#[derive(Debug)]
pub struct Unwritable;

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a float or a map key that is not a string cannot be written")
    }
}

impl ser::StdError for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unwritable
    }
}

struct Writer<'o> {
    out: &'o mut String,
    /// Whether the value is one of the crate's own types.
    own: bool,
}

/// Writes `s` as a JSON string, escaped as `serde_json` escapes it: `"`,
/// `\\` and control characters only, short forms where JSON has them.
fn escape(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = plain_run(bytes);
    while let Some(&byte) = bytes.get(i) {
        let escape = ESCAPE[usize::from(byte)];
        out.push_str(&s[start..i]);
        out.push('\\');
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push(char::from(escape));
        }
        start = i + 1;
        i = start + plain_run(&bytes[start..]);
    }
    out.push_str(&s[start..]);
    out.push('"');
}

type Done = Result<(), Unwritable>;

/// The narrower integer methods, each writing through the widest.
macro_rules! widen {
    ($($method:ident($narrow:ty) => $widest:ident),*) => {$(
        fn $method(self, v: $narrow) -> Done {
            self.$widest(v.into())
        }
    )*};
}

impl<'w, 'o> ser::Serializer for &'w mut Writer<'o> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Compound<'w, 'o>;
    type SerializeTuple = Compound<'w, 'o>;
    type SerializeTupleStruct = Compound<'w, 'o>;
    type SerializeTupleVariant = ser::Impossible<(), Unwritable>;
    type SerializeMap = Compound<'w, 'o>;
    type SerializeStruct = Compound<'w, 'o>;
    type SerializeStructVariant = ser::Impossible<(), Unwritable>;

    widen!(
        serialize_i8(i8) => serialize_i64,
        serialize_i16(i16) => serialize_i64,
        serialize_i32(i32) => serialize_i64,
        serialize_u8(u8) => serialize_u64,
        serialize_u16(u16) => serialize_u64,
        serialize_u32(u32) => serialize_u64
    );

    fn serialize_bool(self, v: bool) -> Done {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Done {
        push_integer(self.out, v < 0, v.unsigned_abs());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Done {
        push_integer(self.out, false, v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Done {
        Err(Unwritable)
    }
    fn serialize_f64(self, _: f64) -> Done {
        Err(Unwritable)
    }
    fn serialize_char(self, v: char) -> Done {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Done {
        escape(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Done {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Done {
        if name == NUMBER_TOKEN {
            // A number's exact text, copied as it is.
            return value.serialize(StringWriter {
                writer: self,
                raw: true,
            });
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.out.push('{');
        escape(self.out, variant);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'o>, Unwritable> {
        self.out.push('[');
        Ok(Compound::new(self, ']'))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'o>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w, 'o>, Unwritable> {
        self.out.push('{');
        Ok(Compound::new(self, '}'))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'o>, Unwritable> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(Unwritable)
    }
}

/// An array or object being written; `close` is `None` for raw JSON text,
/// whose one field is copied as it is.
struct Compound<'w, 'o> {
    writer: &'w mut Writer<'o>,
    close: Option<char>,
    first: bool,
}

impl<'w, 'o> Compound<'w, 'o> {
    fn new(writer: &'w mut Writer<'o>, close: char) -> Compound<'w, 'o> {
        Compound {
            writer,
            close: Some(close),
            first: true,
        }
    }

    fn comma(&mut self) {
        if !core::mem::replace(&mut self.first, false) {
            self.writer.out.push(',');
        }
    }

    fn end(self) -> Done {
        if let Some(close) = self.close {
            self.writer.out.push(close);
        }
        Ok(())
    }
}

/// The element-writing traits of arrays, tuples and tuple structs, which
/// all write a JSON array.
macro_rules! array {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Unwritable;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                self.comma();
                value.serialize(&mut *self.writer)
            }
            fn end(self) -> Done {
                Compound::end(self)
            }
        }
    )*};
}

array!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        self.comma();
        key.serialize(StringWriter {
            writer: &mut *self.writer,
            raw: false,
        })?;
        self.writer.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Done {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        if self.close.is_none() {
            // Raw JSON text: its one field is the text itself.
            return value.serialize(StringWriter {
                writer: &mut *self.writer,
                raw: true,
            });
        }
        self.comma();
        let out = &mut *self.writer.out;
        if self.writer.own {
            debug_assert_eq!(plain_run(key.as_bytes()), key.len());
            out.push('"');
            out.push_str(key);
            out.push_str("\":");
        } else {
            escape(out, key);
            out.push(':');
        }
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Done {
        Compound::end(self)
    }
}

/// Writes a string only: a map key (JSON has no other keys), or raw JSON
/// text copied as it is.
struct StringWriter<'w, 'o> {
    writer: &'w mut Writer<'o>,
    raw: bool,
}

impl<'w, 'o> ser::Serializer for StringWriter<'w, 'o> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = ser::Impossible<(), Unwritable>;
    type SerializeTuple = ser::Impossible<(), Unwritable>;
    type SerializeTupleStruct = ser::Impossible<(), Unwritable>;
    type SerializeTupleVariant = ser::Impossible<(), Unwritable>;
    type SerializeMap = ser::Impossible<(), Unwritable>;
    type SerializeStruct = Compound<'w, 'o>;
    type SerializeStructVariant = ser::Impossible<(), Unwritable>;

    fn serialize_str(self, s: &str) -> Done {
        if self.raw {
            self.writer.out.push_str(s);
        } else {
            escape(self.writer.out, s);
        }
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Done {
        self.serialize_str(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Done {
        Err(Unwritable)
    }
    fn serialize_i8(self, _: i8) -> Done {
        Err(Unwritable)
    }
    fn serialize_i16(self, _: i16) -> Done {
        Err(Unwritable)
    }
    fn serialize_i32(self, _: i32) -> Done {
        Err(Unwritable)
    }
    fn serialize_i64(self, _: i64) -> Done {
        Err(Unwritable)
    }
    fn serialize_u8(self, _: u8) -> Done {
        Err(Unwritable)
    }
    fn serialize_u16(self, _: u16) -> Done {
        Err(Unwritable)
    }
    fn serialize_u32(self, _: u32) -> Done {
        Err(Unwritable)
    }
    fn serialize_u64(self, _: u64) -> Done {
        Err(Unwritable)
    }
    fn serialize_f32(self, _: f32) -> Done {
        Err(Unwritable)
    }
    fn serialize_f64(self, _: f64) -> Done {
        Err(Unwritable)
    }
    fn serialize_char(self, _: char) -> Done {
        Err(Unwritable)
    }
    fn serialize_bytes(self, _: &[u8]) -> Done {
        Err(Unwritable)
    }
    fn serialize_none(self) -> Done {
        Err(Unwritable)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Done {
        Err(Unwritable)
    }
    fn serialize_unit(self) -> Done {
        Err(Unwritable)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        Err(Unwritable)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Done {
        Err(Unwritable)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'o>, Unwritable> {
        if !self.raw {
            return Err(Unwritable);
        }
        // Raw JSON text in the wrapper `serde_json` writes it from: a
        // struct whose one field is the text.
        Ok(Compound {
            writer: self.writer,
            close: None,
            first: true,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(Unwritable)
    }
}

#[cfg(test)]
mod tests {
    use alloc::collections::BTreeMap;
    use alloc::vec;

    use super::*;

    #[test]
    fn what_cannot_be_written_says_why() {
        assert_eq!(
            alloc::format!("{Unwritable}"),
            "a float or a map key that is not a string cannot be written"
        );
        let mut out = String::from("[");
        assert_eq!(append_own(&1u8, &mut out), Some(()));
        assert_eq!(out, "[1");
        // A float cannot be written exactly, so nothing is.
        assert_eq!(append_own(&1.5f64, &mut String::new()), None);
    }

    /// The crate's own types, written without the scan of field names, come
    /// out as `serde_json` writes them.
    #[test]
    fn own_types_are_written_as_serde_json_writes_them() {
        use crate::report::{Code, Violation};
        let violation = Violation::body("/items/0/name", Code::TooLong, "a \"name\"\n")
            .with("max", 5u32)
            .with("actual", 7u32);
        let expected = serde_json::to_string(&violation).unwrap();
        assert!(expected.starts_with('{'), "{expected}");
        assert_eq!(
            own_to_string(&violation).as_deref(),
            Some(expected.as_str())
        );
        assert_eq!(to_string(&violation).as_deref(), Some(expected.as_str()));
        let mut out = String::from("[");
        append_own(&violation, &mut out).unwrap();
        assert_eq!(out, alloc::format!("[{expected}"));
    }

    #[test]
    fn field_names_of_other_types_are_escaped() {
        #[derive(serde::Serialize)]
        struct Odd {
            #[serde(rename = "a\"b")]
            x: u8,
        }
        assert_eq!(to_string(&Odd { x: 1 }).unwrap(), r#"{"a\"b":1}"#);
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all_controls: String = (0u8..0x20).map(char::from).collect();
        for s in [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "tab\tline\nreturn\r",
            all_controls.as_str(),
            "\u{7f}\u{80}é€😀",
        ] {
            assert_eq!(to_string(s), serde_json::to_string(s).ok(), "{s:?}");
        }
    }

    #[test]
    fn an_escape_is_found_at_every_position_of_a_word() {
        for special in ['"', '\\', '\n', '\u{0}', '\u{1f}', '\u{7f}', 'é', ' '] {
            for len in 0..20 {
                for at in 0..len {
                    let s: String = (0..len)
                        .map(|i| if i == at { special } else { 'a' })
                        .collect();
                    assert_eq!(to_string(&s), serde_json::to_string(&s).ok(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn numbers_sequences_maps_and_options() {
        let mut map = BTreeMap::new();
        map.insert("b\"", vec![Some(i64::MIN), None, Some(0)]);
        map.insert("a", vec![Some(i64::MAX)]);
        assert_eq!(to_string(&map), serde_json::to_string(&map).ok());
        assert_eq!(
            to_string(&(u64::MAX, true, ())),
            serde_json::to_string(&(u64::MAX, true, ())).ok()
        );
    }

    #[test]
    fn what_json_cannot_hold_is_refused_not_approximated() {
        assert_eq!(to_string(&1.5f64), None);
        let mut map = BTreeMap::new();
        map.insert(1, 2);
        assert_eq!(to_string(&map), None);
    }
}
