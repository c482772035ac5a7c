//! The vocabulary of violations: where, what, and the numbers that explain
//! it.
//!
//! A [`Violation`] says where (`in` body or header, an RFC 6901 `path` in the
//! provider's own field names, or the header's documented name), what (a
//! stable snake_case [`Code`] and the parameters that explain it) and, in
//! English, what to do about it.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// Which part of the request a violation is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The JSON body; `path` is a JSON pointer into it.
    Body,
    /// A header; `path` is the header's documented name.
    Header,
}

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $text:literal,)*) => {
        /// A violation's stable, machine-readable code.
        ///
        /// The snake_case text ([`Code::as_str`]) is part of the public
        /// contract: it never changes meaning once released.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The snake_case text of the code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    /// The body exceeds the size limit.
    BodyTooLarge => "body_too_large",
    /// The body is not valid UTF-8.
    InvalidUtf8 => "invalid_utf8",
    /// The body starts with a byte order mark.
    ByteOrderMark => "byte_order_mark",
    /// The body is not well-formed JSON (or is empty).
    MalformedJson => "malformed_json",
    /// Arrays and objects nest deeper than the limit.
    TooDeep => "too_deep",
    /// An object has the same key twice.
    DuplicateKey => "duplicate_key",
    /// A `\u` escape encodes half of a surrogate pair.
    LoneSurrogate => "lone_surrogate",
    /// A number that JSON readers would not all read as the same value.
    NumberOutOfRange => "number_out_of_range",
    /// A required field or header is missing.
    Required => "required",
    /// A field the provider does not define.
    UnknownField => "unknown_field",
    /// A value of the wrong JSON type.
    InvalidType => "invalid_type",
    /// Shorter than the minimum length.
    TooShort => "too_short",
    /// Longer than the maximum length.
    TooLong => "too_long",
    /// A list with fewer items than required.
    TooFewItems => "too_few_items",
    /// A control character in text.
    ControlCharacter => "control_character",
    /// Leading or trailing white space in an identifier.
    SurroundingWhitespace => "surrounding_whitespace",
    /// Text with no visible character: only white space or invisible
    /// characters.
    Blank => "blank",
    /// An identifier that starts or ends with an invisible character (a
    /// zero-width space, a byte order mark…).
    InvisibleCharacter => "invisible_character",
    /// Characters outside the allowed set.
    PatternMismatch => "pattern_mismatch",
    /// Not one of the allowed values.
    NotAllowed => "not_allowed",
    /// Not a valid e-mail address.
    InvalidEmail => "invalid_email",
    /// Not a valid absolute http(s) URL.
    InvalidUrl => "invalid_url",
    /// An http URL where https is required.
    InsecureUrl => "insecure_url",
    /// A URL whose host is loopback, private or otherwise internal.
    PrivateAddress => "private_address",
    /// Not a valid IPv4 or IPv6 address.
    InvalidIp => "invalid_ip",
    /// Not a phone number in E.164 form.
    InvalidPhone => "invalid_phone",
    /// Not an assigned ISO 3166-1 alpha-2 country code.
    UnknownCountry => "unknown_country",
    /// Not a locale of the form `en_AU`.
    InvalidLocale => "invalid_locale",
    /// Not an ISO 4217 code.
    UnknownCurrency => "unknown_currency",
    /// A known currency the provider does not accept.
    CurrencyNotAccepted => "currency_not_accepted",
    /// A number where an integer literal is required.
    NotInteger => "not_integer",
    /// A number written with an exponent where the digits must be written out.
    ExponentNotation => "exponent_notation",
    /// More decimal places than the currency has.
    TooManyDecimals => "too_many_decimals",
    /// Outside the range an amount or count may take.
    OutOfRange => "out_of_range",
    /// Below the minimum.
    BelowMinimum => "below_minimum",
    /// Above the maximum.
    AboveMaximum => "above_maximum",
    /// A total that is not the sum of its parts.
    AmountMismatch => "amount_mismatch",
    /// Arithmetic on amounts would overflow.
    ArithmeticOverflow => "arithmetic_overflow",
    /// A value the target dialect of a conversion cannot hold.
    CannotConvert => "cannot_convert",
    /// `ip` sent with a public key.
    IpRequiresSecretKey => "ip_requires_secret_key",
    /// An `Authorization` header that is not a bearer token of the right kind.
    InvalidAuthorization => "invalid_authorization",
    /// A `Content-Type` other than JSON.
    UnsupportedContentType => "unsupported_content_type",
    /// A header value HTTP does not allow.
    InvalidHeaderValue => "invalid_header_value",
    /// The same header twice.
    DuplicateHeader => "duplicate_header",
    /// The library disagrees with itself: a request its rules accept could
    /// not be normalised or read as its typed body. A bug, never the
    /// request's fault; the report says so rather than pass it as valid.
    Internal => "internal_error",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A parameter that explains a violation (`min`, `max`, `expected`,
/// `actual`…).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Param {
    /// An integer, e.g. a length or an amount in minor units.
    Int(i64),
    /// Text, e.g. an exact decimal amount or a suggested field name.
    Text(Cow<'static, str>),
    /// A list, e.g. the allowed values.
    List(Vec<Cow<'static, str>>),
}

impl From<i64> for Param {
    fn from(v: i64) -> Param {
        Param::Int(v)
    }
}

impl From<usize> for Param {
    fn from(v: usize) -> Param {
        Param::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Param {
    fn from(v: u32) -> Param {
        Param::Int(i64::from(v))
    }
}

impl From<&'static str> for Param {
    fn from(v: &'static str) -> Param {
        Param::Text(Cow::Borrowed(v))
    }
}

impl From<String> for Param {
    fn from(v: String) -> Param {
        Param::Text(Cow::Owned(v))
    }
}

/// One problem with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// Body or header.
    pub part: Part,
    /// An RFC 6901 JSON pointer into the body (`""` is the whole body), or the
    /// header's documented name.
    pub path: String,
    /// What is wrong, as a stable code.
    pub code: Code,
    /// English, saying what to do about it.
    pub message: String,
    /// The numbers and names that explain it, in a fixed order.
    pub params: Vec<(&'static str, Param)>,
}

impl Violation {
    /// A violation in the body at `path`.
    pub fn body(path: impl Into<String>, code: Code, message: impl Into<String>) -> Violation {
        Violation {
            part: Part::Body,
            path: path.into(),
            code,
            message: message.into(),
            params: Vec::new(),
        }
    }

    /// A violation of the header `name`.
    pub fn header(name: impl Into<String>, code: Code, message: impl Into<String>) -> Violation {
        Violation {
            part: Part::Header,
            path: name.into(),
            code,
            message: message.into(),
            params: Vec::new(),
        }
    }

    /// Adds a parameter.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<Param>) -> Violation {
        self.params.push((name, value.into()));
        self
    }

    /// The parameter `name`, if present.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// `{"in": …, "path": …, "code": …, "message": …, <params>…}`
impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4 + self.params.len()))?;
        map.serialize_entry("in", &self.part)?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("message", &self.message)?;
        for (name, value) in &self.params {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Something a conversion did that changes the request without making it
/// wrong: a field the target has no place for, left out; a value the target
/// requires and has only one of, filled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Notice {
    /// The canonical field concerned (`metadata`, `payment_methods`).
    pub field: String,
    /// What was done.
    pub code: NoticeCode,
    /// In English.
    pub message: String,
}

/// What a conversion did to a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NoticeCode {
    /// Left out: the target has no place for it.
    Dropped,
    /// Filled in with the only value the target allows.
    Filled,
}

impl NoticeCode {
    /// The snake_case text of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeCode::Dropped => "dropped",
            NoticeCode::Filled => "filled",
        }
    }
}
