//! Free-form values (metadata, extra item properties): any JSON, as long as
//! every reader reads it the same and it can be stored anywhere.

use alloc::vec::Vec;

use crate::json::Json;
use crate::json::pointer::Pointer;
use crate::message::msg;
use crate::number;
use crate::violation::{Code, Violation};

/// Checks a free-form value at `pointer`: numbers must be interoperable
/// (no overflow to infinity, no underflow to zero, integers within
/// ±(2^53 − 1)); keys and strings must not contain NUL, which databases such
/// as PostgreSQL cannot store in text.
pub fn check(value: Json<'_, '_>, pointer: &mut Pointer, out: &mut Vec<Violation>) {
    match problem(value) {
        Some(Problem::Number(n)) => out.push(Violation::body(
            pointer.as_str(),
            Code::NumberOutOfRange,
            msg!(
                "`",
                n,
                "` is a number other JSON readers would change (overflow, underflow or an integer \
                 beyond ±",
                number::MAX_SAFE_INTEGER,
                "); send it as a string"
            ),
        )),
        Some(Problem::Nul) => out.push(nul(pointer)),
        None => {}
    }
    if let Some(elements) = value.as_array() {
        for (i, element) in elements.enumerate() {
            let mark = pointer.push_index(i);
            check(element, pointer, out);
            pointer.truncate(mark);
        }
    } else if let Some(object) = value.as_object() {
        for (key, member) in object {
            let mark = pointer.push_key(key);
            if has_nul(key) {
                out.push(nul(pointer));
            }
            check(member, pointer, out);
            pointer.truncate(mark);
        }
    }
}

/// Whether [`check`] would find nothing: the same rules, over the tokens
/// in one pass (object keys are string tokens) and without pointers, so
/// that a walker writes a pointer only for a violation.
pub fn is_valid(value: Json<'_, '_>) -> bool {
    value.flattened().all(|v| problem(v).is_none())
}

/// What is wrong with a number or a string, if anything.
enum Problem<'a> {
    /// A number other readers would change.
    Number(&'a str),
    /// Text with NUL in it.
    Nul,
}

fn problem<'a>(value: Json<'_, 'a>) -> Option<Problem<'a>> {
    if let Some(n) = value.as_number() {
        (!number::is_interoperable(n)).then_some(Problem::Number(n))
    } else {
        // A NUL can only be escaped (`\u0000`): plain strings hold none.
        value
            .unescaped()
            .filter(|s| has_nul(s))
            .map(|_| Problem::Nul)
    }
}

fn has_nul(text: &str) -> bool {
    text.as_bytes().contains(&0)
}

fn nul(pointer: &Pointer) -> Violation {
    Violation::body(
        pointer.as_str(),
        Code::ControlCharacter,
        "contains the NUL character (U+0000), which many systems cannot store; remove it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{Limits, read};

    #[test]
    fn finds_every_problem_with_its_pointer() {
        let tape = read(
            br#"{"ok": [1, 2.5, "x"], "big": 1e400, "deep": {"n": [9007199254740993]}, "s": "a\u0000", "k\u0000": 1}"#,
            &Limits::default(),
        )
        .unwrap();
        let mut out = Vec::new();
        check(tape.root(), &mut Pointer::root(), &mut out);
        let found: Vec<_> = out
            .iter()
            .map(|v| (v.path.as_str(), v.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("/big", "number_out_of_range"),
                ("/deep/n/0", "number_out_of_range"),
                ("/s", "control_character"),
                ("/k\u{0}", "control_character"),
            ]
        );
    }

    /// `is_valid` is `check` finding nothing, problem by problem and at
    /// every depth.
    /// Only an escape can put a NUL into a string or a key: the reader
    /// refuses one written as it is, so plain strings are not searched.
    #[test]
    fn a_nul_is_only_ever_escaped() {
        for raw in [&b"[\"a\0b\"]"[..], b"{\"k\0\": 1}", b"\"\0\""] {
            assert!(read(raw, &Limits::default()).is_err(), "{raw:?}");
        }
        let tape = read(br#"["a\u0000b", "plain"]"#, &Limits::default()).unwrap();
        let texts: Vec<_> = tape
            .root()
            .as_array()
            .unwrap()
            .map(|v| v.unescaped())
            .collect();
        assert_eq!(texts, [Some("a\0b"), None]);
    }

    #[test]
    fn is_valid_when_check_finds_nothing() {
        for text in [
            r#"{"a": [1, 2.5, "x", null, true, {"b": {}}], "c": "y"}"#,
            "[]",
            "12",
            r#""plain""#,
            r#"{"big": 1e400}"#,
            r#"[[9007199254740993]]"#,
            r#"{"m": ["a\u0000"]}"#,
            r#"{"m": {"k\u0000": 1}}"#,
            r#""\u0000""#,
            "1e-400",
            r#"{"ok": 9007199254740991, "x": [{"y": -1.5e300}]}"#,
        ] {
            let tape = read(text.as_bytes(), &Limits::default()).unwrap();
            let mut out = Vec::new();
            check(tape.root(), &mut Pointer::root(), &mut out);
            assert_eq!(is_valid(tape.root()), out.is_empty(), "{text}");
        }
    }
}
