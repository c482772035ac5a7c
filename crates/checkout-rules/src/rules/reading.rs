//! The JSON reader's problems as violations: the reader says what and
//! where; this says it as the library reports it, with a code, the numbers
//! and words a person can act on.

use alloc::borrow::Cow;

use crate::json::{Error, ErrorKind};
use crate::message::{CodePoint, msg};
use crate::violation::{Code, Violation};

impl From<Error> for Violation {
    fn from(e: Error) -> Violation {
        let what = match e.kind {
            ErrorKind::TooLarge { len, max } => {
                return Violation::body(
                    "",
                    Code::BodyTooLarge,
                    msg!("the body is ", len, " bytes; the limit is ", max, " bytes"),
                )
                .with("max", max)
                .with("actual", len);
            }
            ErrorKind::ByteOrderMark => {
                return positioned(
                    Code::ByteOrderMark,
                    "the body starts with a UTF-8 byte order mark; JSON must not (RFC 8259, section 8.1): remove it",
                    &e,
                );
            }
            ErrorKind::InvalidUtf8 => {
                return positioned(
                    Code::InvalidUtf8,
                    "the body is not valid UTF-8; send it encoded as UTF-8",
                    &e,
                );
            }
            ErrorKind::Empty => {
                return positioned(
                    Code::MalformedJson,
                    "the body is empty; send a JSON object",
                    &e,
                );
            }
            ErrorKind::TooDeep(max) => {
                return positioned(
                    Code::TooDeep,
                    &msg!("arrays and objects nest deeper than ", max, " levels"),
                    &e,
                )
                .with("max", max);
            }
            ErrorKind::DuplicateKey(ref key) => {
                return Violation::body(
                    e.pointer.as_str(),
                    Code::DuplicateKey,
                    msg!(
                        "`",
                        key,
                        "` appears more than once in the same object (line ",
                        e.line,
                        ", column ",
                        e.column,
                        "); \
                         JSON readers disagree on which one counts, so send each key once"
                    ),
                )
                .with("line", e.line)
                .with("column", e.column);
            }
            ErrorKind::LoneSurrogate => {
                return Violation::body(
                    e.pointer.as_str(),
                    Code::LoneSurrogate,
                    msg!("a \\u escape encodes half of a UTF-16 surrogate pair, which is not a character \
                         (line ", e.line, ", column ", e.column, "); escape the whole pair or send the character as UTF-8"),
                )
                .with("line", e.line)
                .with("column", e.column);
            }
            ErrorKind::UnexpectedEnd => Cow::Borrowed("the body ends in the middle of a value"),
            ErrorKind::ExpectedValue => Cow::Borrowed("expected a JSON value"),
            ErrorKind::ExpectedKey => Cow::Borrowed("expected a key in double quotes"),
            ErrorKind::ExpectedColon => Cow::Borrowed("expected `:` after the key"),
            ErrorKind::ExpectedCommaOrBrace => Cow::Borrowed("expected `,` or `}` after a member"),
            ErrorKind::ExpectedCommaOrBracket => {
                Cow::Borrowed("expected `,` or `]` after an element")
            }
            ErrorKind::ControlInString(b) => Cow::Owned(msg!(
                "control character ",
                CodePoint(u32::from(b)),
                " must be escaped inside a string"
            )),
            ErrorKind::InvalidEscape => Cow::Borrowed(
                "invalid escape; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
            ),
            ErrorKind::InvalidUnicodeEscape => {
                Cow::Borrowed("\\u must be followed by four hexadecimal digits")
            }
            ErrorKind::InvalidNumber(why) => Cow::Owned(msg!("invalid number: ", why)),
            ErrorKind::TrailingData => Cow::Borrowed("unexpected data after the JSON value"),
        };
        positioned(Code::MalformedJson, &msg!("malformed JSON: ", what), &e)
    }
}

/// A violation at the body's root that names a line and a column.
fn positioned(code: Code, what: &str, e: &Error) -> Violation {
    Violation::body(
        "",
        code,
        msg!(what, " (line ", e.line, ", column ", e.column, ")"),
    )
    .with("line", e.line)
    .with("column", e.column)
}
