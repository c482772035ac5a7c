//! An exact JSON number, for typed requests.

use alloc::string::{String, ToString};
use core::fmt;
use core::str::FromStr;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeStruct;
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

#[cfg(feature = "std")]
impl std::error::Error for NotANumber {}

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

/// Writes a number's text exactly: integers as integers, anything else as
/// `serde_json` writes its raw values (which other serde formats see as a
/// string, never as a rounded float).
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
    // What `serde_json::value::RawValue` serialises to, written here
    // because building a `RawValue` parses the text again with serde_json's
    // reader, which the text, already a JSON number, does not need.
    let mut raw = serializer.serialize_struct(RAW_VALUE_TOKEN, 1)?;
    raw.serialize_field(RAW_VALUE_TOKEN, text)?;
    raw.end()
}

/// `serde_json`'s name for raw JSON text, which its writer (with the
/// `raw_value` feature this crate enables) copies as it is.
pub(super) const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_exact(&self.0, serializer)
    }
}

/// `serde_json`'s name for a number's text under its `arbitrary_precision`
/// feature.
pub(super) const ARBITRARY_PRECISION_TOKEN: &str = "$serde_json::private::Number";

/// Why a number cannot be read from a float.
pub(super) const FLOAT_REFUSED: &str = "a number arrived as a float, which may already be rounded; \
     read the JSON with checkout_rules::json, send the number as a string, or enable \
     serde_json's `arbitrary_precision`";

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
                match map.next_key::<String>()? {
                    Some(key) if key == ARBITRARY_PRECISION_TOKEN => {
                        let text: String = map.next_value()?;
                        self.visit_str(&text)
                    }
                    _ => Err(de::Error::custom("expected a number, found an object")),
                }
            }
        }

        deserializer.deserialize_any(NumberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        serde_json::to_string(&Value::Number(text.into())).unwrap()
    }

    #[test]
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
    fn text_that_is_not_a_number_is_written_as_a_string() {
        assert_eq!(written("12,5"), r#""12,5""#);
    }
}
