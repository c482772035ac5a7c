//! Reading JSON values from other serde formats, exactly or not at all.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::number::{FLOAT_REFUSED, NUMBER_TOKEN, arbitrary_precision};
use super::{Node, Object, Value};

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value<'static>, E> {
        Ok(Value::null())
    }

    fn visit_none<E: de::Error>(self) -> Result<Value<'static>, E> {
        Ok(Value::null())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'static>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value<'static>, E> {
        Ok(Value::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value<'static>, E> {
        Ok(Value::number_text(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value<'static>, E> {
        Ok(Value::number_text(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value<'static>, E> {
        Err(E::custom(FLOAT_REFUSED))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value<'static>, E> {
        Ok(Value::string(String::from(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value<'static>, E> {
        Ok(Value::string(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'static>, A::Error> {
        let mut elements = Vec::new();
        while let Some(v) = seq.next_element()? {
            elements.push(v);
        }
        Ok(Value::from(elements))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'static>, A::Error> {
        let mut object = Object::default();
        while let Some(key) = map.next_key::<String>()? {
            if key == NUMBER_TOKEN && object.is_empty() {
                let text: String = map.next_value()?;
                return Ok(Value::number_text(text));
            }
            let value: Value<'static> = map.next_value()?;
            if object.is_empty()
                && let Some(text) = arbitrary_precision(&key, &value)
            {
                return Ok(Value::number_text(text));
            }
            if object.get(&key).is_some() {
                return Err(de::Error::custom(alloc::format!(
                    "`{key}` appears more than once in the same object"
                )));
            }
            object.set(key, value);
        }
        Ok(Value::from(object))
    }
}

impl<'de> Deserialize<'de> for Value<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value<'static>, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

impl<'de> Deserialize<'de> for Object<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Object<'static>, D::Error> {
        let value = deserializer.deserialize_map(ValueVisitor)?;
        match value.0 {
            Node::Object(o) => Ok(o),
            other => Err(de::Error::custom(alloc::format!(
                "expected an object, found {}",
                Value(other).type_name()
            ))),
        }
    }
}

/// Why a value could not be read into a type.
pub type DeError = serde::de::value::Error;

/// Reads a typed value (a typed body, say) from a JSON value exactly:
/// integers as integers, other numbers as their text (which
/// [`Number`](super::Number) understands), never as a float.
///
/// ```
/// use checkout_rules::body::Kiotapay;
/// use checkout_rules::json::{from_value, parse, Limits};
///
/// let doc = parse(br#"{"amount": 1500.00, "currency": "KES", "externalReference": "R-1"}"#, &Limits::default()).unwrap();
/// let body: Kiotapay = from_value(doc.root).unwrap();
/// assert_eq!(body.amount.as_str(), "1500.00");
/// ```
pub fn from_value<'de, T: Deserialize<'de>>(value: Value<'de>) -> Result<T, DeError> {
    T::deserialize(value)
}

impl<'de> de::IntoDeserializer<'de, DeError> for Value<'de> {
    type Deserializer = Value<'de>;

    fn into_deserializer(self) -> Value<'de> {
        self
    }
}

/// An integer type asks for an integer, for which `-0` is 0; anything else
/// reads as `deserialize_any` gives it.
macro_rules! integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match self.0 {
                Node::Number(n) if n == "-0" => visitor.visit_i64(0),
                other => Value(other).deserialize_any(visitor),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for Value<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        use serde::de::value::{MapDeserializer, SeqDeserializer};
        match self.0 {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Number(n) => {
                // `-0` parses as 0: it goes as text, which keeps its sign
                // (an integer field reads it through `deserialize_i64`).
                if n != "-0"
                    && let Ok(i) = n.parse::<i64>()
                {
                    visitor.visit_i64(i)
                } else if let Ok(u) = n.parse::<u64>() {
                    visitor.visit_u64(u)
                } else {
                    let token = [(NUMBER_TOKEN, n)];
                    visitor.visit_map(MapDeserializer::new(token.into_iter()))
                }
            }
            Node::String(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Node::String(Cow::Owned(s)) => visitor.visit_string(s),
            Node::Array(elements) => visitor.visit_seq(SeqDeserializer::new(elements.into_iter())),
            Node::Object(object) => {
                visitor.visit_map(MapDeserializer::new(object.members.into_iter()))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Node::Null => visitor.visit_none(),
            other => visitor.visit_some(Value(other)),
        }
    }

    integers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    serde::forward_to_deserialize_any! {
        bool f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_json_is_refused_in_words() {
        use serde::de::IntoDeserializer;
        let bytes: serde::de::value::BytesDeserializer<'_, serde::de::value::Error> =
            b"x".as_slice().into_deserializer();
        let e = Value::deserialize(bytes).unwrap_err().to_string();
        assert!(e.ends_with("expected any JSON value"), "{e}");
    }

    #[test]
    fn a_value_is_any_json_value() {
        let e = serde_json::from_str::<Object<'static>>("[1]")
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected"), "{e}");
        let o: Object<'static> = serde_json::from_str(r#"{"a": 1, "b": [true, null]}"#).unwrap();
        assert_eq!(o.len(), 2);
        assert!(!o.is_empty());
    }
    use crate::json::Number;

    fn number(text: &str) -> Value<'_> {
        Value::number_text(text)
    }

    #[test]
    fn negative_zero_keeps_its_sign_as_text_and_is_zero_as_an_integer() {
        assert_eq!(from_value::<Value>(number("-0")), Ok(number("-0")));
        assert_eq!(from_value::<Value>(number("0")), Ok(number("0")));
        assert_eq!(
            from_value::<Number>(number("-0")),
            Ok("-0".parse().unwrap())
        );
        assert_eq!(from_value::<i64>(number("-0")), Ok(0));
        assert_eq!(from_value::<u8>(number("-0")), Ok(0));
        assert_eq!(from_value::<i64>(number("-7")), Ok(-7));
        assert!(from_value::<i64>(number("1.0")).is_err());
    }
}
