//! An exact JSON number, for typed requests.

use alloc::string::{String, ToString};
use core::fmt;
use core::str::FromStr;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::message::msg;
use crate::number::{self as literal, Form};

/// A JSON number kept as its exact text: what a typed request uses for
/// amounts in major units, where a float would round.
///
/// ```
/// use checkout_rules::json::Number;
///
/// let n: Number = "12.340".parse().unwrap();
/// assert_eq!(n.as_str(), "12.340");
/// assert!("1,5".parse::<Number>().is_err());
/// assert_eq!(serde_json::to_string(&n).unwrap(), "12.340");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number(String);

impl Number {
    /// The number's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Text known to be a JSON number (the amounts' constructors in
    /// `rules::amount`).
    pub(crate) fn from_number_text(text: String) -> Number {
        Number(text)
    }
}

/// The text is not a JSON number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotANumber;

impl fmt::Display for NotANumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a JSON number")
    }
}

impl core::error::Error for NotANumber {}

impl FromStr for Number {
    type Err = NotANumber;

    fn from_str(s: &str) -> Result<Number, NotANumber> {
        match literal::form(s) {
            Form::Invalid => Err(NotANumber),
            _ => Ok(Number(String::from(s))),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Writes a number's text exactly, never as a rounded float: integers as
/// integers, anything else as its text, which the crate's own writer copies;
/// with the `serde_json` feature other serializers get it as
/// `serde_json::value::RawValue` (raw JSON text, which `serde_json` writes as
/// it is), without it as a string.
pub(super) fn serialize_exact<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    // `-0` reads as the integer 0, which would be written without its sign.
    if text != "-0"
        && let Ok(i) = crate::number::parse_safe_integer(text)
    {
        return serializer.serialize_i64(i);
    }
    if literal::form(text) == Form::Invalid {
        return serializer.serialize_str(text);
    }
    // The name tells the crate's own writer to copy the text; any other
    // serializer sees the newtype's content.
    serializer.serialize_newtype_struct(NUMBER_TOKEN, &RawText(text))
}

/// A number's text, for serializers other than the crate's own writer.
struct RawText<'a>(&'a str);

#[cfg(feature = "serde_json")]
impl Serialize for RawText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match serde_json::value::RawValue::from_string(String::from(self.0)) {
            Ok(raw) => raw.serialize(serializer),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
    }
}

#[cfg(not(feature = "serde_json"))]
impl Serialize for RawText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

/// The crate's own name for a number's exact text: the newtype the number
/// serialises as, and the one key of the map a [`Value`](super::Value) hands
/// a number that is not an integer over as (the convention of `serde_json`'s
/// `arbitrary_precision`, under a name of this crate's).
pub(super) const NUMBER_TOKEN: &str = "$checkout_rules::private::Number";

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_exact(&self.0, serializer)
    }
}

/// The text of a number `serde_json` hands over under its
/// `arbitrary_precision` feature: a map of one member, read with
/// `serde_json::Number`'s own reader, which knows the member's name.
#[cfg(feature = "serde_json")]
pub(super) fn arbitrary_precision(key: &str, value: &super::Value<'_>) -> Option<String> {
    let text = value.as_str()?;
    let member = core::iter::once((key, text));
    serde_json::Number::deserialize(de::value::MapDeserializer::<_, de::value::Error>::new(
        member,
    ))
    .ok()
    .map(|n| n.to_string())
}

/// Without the `serde_json` feature, no map is a number.
#[cfg(not(feature = "serde_json"))]
pub(super) fn arbitrary_precision(_: &str, _: &super::Value<'_>) -> Option<String> {
    None
}

/// Why a number cannot be read from a float.
#[cfg(feature = "serde_json")]
pub(super) const FLOAT_REFUSED: &str = "a number arrived as a float, which may already be rounded; \
     read the JSON with checkout_rules::json, send the number as a string, or enable \
     serde_json's `arbitrary_precision`";
/// Why a number cannot be read from a float, where `serde_json`'s exact
/// numbers are not read.
#[cfg(not(feature = "serde_json"))]
pub(super) const FLOAT_REFUSED: &str = "a number arrived as a float, which may already be rounded; \
     read the JSON with checkout_rules::json, send the number as a string, or enable \
     serde_json's `arbitrary_precision` and checkout-rules' `serde_json` feature";

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Number, D::Error> {
        struct NumberVisitor;

        impl<'de> Visitor<'de> for NumberVisitor {
            type Value = Number;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an exact number (an integer, or decimal text)")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Number, E> {
                Err(E::custom(FLOAT_REFUSED))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                v.parse()
                    .map_err(|_| E::custom(msg!("`", v, "` is not a JSON number")))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Number, A::Error> {
                if let Some(key) = map.next_key::<String>()? {
                    if key == NUMBER_TOKEN {
                        let text: String = map.next_value()?;
                        return self.visit_str(&text);
                    }
                    let value: super::Value<'static> = map.next_value()?;
                    if let Some(text) = arbitrary_precision(&key, &value) {
                        return self.visit_str(&text);
                    }
                }
                Err(de::Error::custom("expected a number, found an object"))
            }
        }

        deserializer.deserialize_any(NumberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_its_text() {
        let n: Number = "-0.50".parse().unwrap();
        assert_eq!(n.as_str(), "-0.50");
        assert_eq!("1E+2".parse::<Number>().unwrap().as_str(), "1E+2");
    }

    #[test]
    fn numbers_and_errors_read_in_words() {
        let n: Number = "-0.50".parse().unwrap();
        assert_eq!(alloc::format!("{n}"), "-0.50");
        assert_eq!(
            alloc::format!("{}", "x".parse::<Number>().unwrap_err()),
            "not a JSON number"
        );
        let e = serde_json::from_str::<Number>("true")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("an exact number (an integer, or decimal text)"),
            "{e}"
        );
    }
    use crate::json::Value;

    fn written(text: &'static str) -> String {
        serde_json::to_string(&Value::number_text(text)).unwrap()
    }

    #[test]
    #[cfg(feature = "serde_json")]
    fn numbers_are_written_exactly() {
        assert_eq!(written("42"), "42");
        assert_eq!(written("-0.10"), "-0.10");
        assert_eq!(written("-0"), "-0");
        assert_eq!(written("0"), "0");
        assert_eq!(written("1e400"), "1e400");
        assert_eq!(
            written("123456789012345678901234567890"),
            "123456789012345678901234567890"
        );
    }

    #[test]
    #[cfg(not(feature = "serde_json"))]
    fn without_serde_json_a_decimal_is_its_text_in_a_string() {
        assert_eq!(written("42"), "42");
        assert_eq!(written("-0.10"), r#""-0.10""#);
        assert_eq!(written("1e400"), r#""1e400""#);
    }

    #[test]
    fn the_crates_own_writer_copies_a_number_whatever_the_features() {
        for text in [
            "42",
            "-0",
            "-0.10",
            "1e400",
            "123456789012345678901234567890",
        ] {
            let value = Value::number_text(text);
            assert_eq!(crate::json::write::to_string(&value).as_deref(), Some(text));
        }
    }

    #[test]
    fn text_that_is_not_a_number_is_written_as_a_string() {
        assert_eq!(written("12,5"), r#""12,5""#);
    }
}
