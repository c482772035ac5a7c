//! The rules, each written once.
//!
//! A rule checks one value and, when it is valid, returns it in exact, typed
//! form. Dialects never check a value themselves: they say which rule
//! applies to which field (see [`crate::schema`]).

pub mod amount;
pub mod currency;
pub mod email;
pub mod free_form;
pub mod header;
mod idna;
pub mod integer;
pub mod ip;
pub mod phone;
mod phone_lengths;
mod reading;
pub mod region;
pub mod suggest;
pub mod text;
pub mod url;

use alloc::string::String;

use crate::json::pointer::Place;
use crate::violation::{Code, Part, Violation};

/// Where a rule is applied: the part of the request, the path of the value
/// and the name messages call it by. The walker's paths are steps, written
/// out only for a violation.
#[derive(Clone, Copy, Debug)]
pub struct At<'p> {
    /// Body or header.
    pub part: Part,
    /// The JSON pointer, or the header's name (as `base`).
    path: Place<'p>,
}

impl<'p> At<'p> {
    /// A value in the body at `path`.
    pub fn body(path: &'p str) -> At<'p> {
        At::place(Place {
            base: path,
            steps: &[],
        })
    }

    /// A value in the body at `place`.
    pub(crate) fn place(place: Place<'p>) -> At<'p> {
        At {
            part: Part::Body,
            path: place,
        }
    }

    /// The header `name`.
    pub fn header(name: &'p str) -> At<'p> {
        At {
            part: Part::Header,
            path: Place {
                base: name,
                steps: &[],
            },
        }
    }

    /// Whether it is the body as a whole.
    pub fn is_body(&self) -> bool {
        self.part == Part::Body && self.path.is_root()
    }

    /// The name messages use: `amount`, `items.0.price`, a header's name, or
    /// `the body`. Formatted only when a message is written.
    pub fn name(&self) -> Name<'p> {
        Name(*self)
    }

    /// A violation here.
    pub fn violation(&self, code: Code, message: impl Into<String>) -> Violation {
        Violation {
            part: self.part,
            path: self.path.to_pointer(),
            code,
            message: message.into(),
            params: alloc::vec::Vec::new(),
        }
    }
}

impl crate::message::Piece for Name<'_> {
    fn push_to(&self, out: &mut String) {
        match self.0.part {
            Part::Header => out.push_str(self.0.path.base),
            Part::Body if self.0.path.is_root() => out.push_str("the body"),
            // Written as a pointer first: a violation's path is, and one
            // way of writing steps is smaller than two.
            Part::Body => {
                let _ = crate::json::pointer::write_dotted(&self.0.path.to_pointer(), out);
            }
        }
    }
}

/// A value's name in messages (see [`At::name`]).
#[derive(Clone, Copy, Debug)]
pub struct Name<'p>(At<'p>);

/// Whether `name` is dot-separated labels of 1–63 ASCII letters, digits and
/// hyphens, none starting or ending with a hyphen: the host names of URLs
/// and e-mail addresses.
pub(crate) fn is_domain_name(name: &str) -> bool {
    HostName::scan(name.as_bytes()).valid
}

/// What one pass over a host name finds: every URL and e-mail address is
/// read with it, so each byte costs a table load, and the checks that
/// need more than that run only where it says they apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HostName {
    /// Whether it is a domain name ([`is_domain_name`]).
    pub valid: bool,
    /// Whether a byte is not ASCII.
    pub non_ascii: bool,
    /// Whether a letter is upper case.
    pub upper: bool,
    /// Whether a label starts with `xn--`, in any case.
    pub international: bool,
    /// Where the last label that is not empty starts and ends (`0..0` if
    /// none is).
    pub last_label: core::ops::Range<usize>,
}

// Bytes by the classes the rules for host names, URLs and e-mail
// addresses test for: one load a byte, as each runs over every byte of
// every URL or address it reads. The other bytes of names (lower-case
// letters, digits, `-`) need no class of their own.
const UPPER: u8 = 1;
const DOT: u8 = 1 << 1;
/// Not in a host name: ASCII other than letters, digits, `-` and `.`.
const NOT_NAME: u8 = 1 << 2;
const NON_ASCII: u8 = 1 << 3;
/// The ASCII bytes among WHATWG's "URL code points" (with `?` and `/`,
/// which separate parts): letters, digits and `!$&'()*+,-./:;=?@_~`.
pub(crate) const URL_CODE_POINT: u8 = 1 << 4;
/// The bytes WHATWG HTML's valid e-mail address allows before the `@`:
/// letters, digits and ``.!#$%&'*+/=?^_`{|}~-``.
pub(crate) const EMAIL_LOCAL: u8 = 1 << 5;

const BYTE_CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0u8;
    loop {
        let mut class = match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => 0,
            b'A'..=b'Z' => UPPER,
            b'.' => DOT,
            0x80.. => NON_ASCII,
            _ => NOT_NAME,
        };
        if b.is_ascii_alphanumeric() {
            class |= URL_CODE_POINT | EMAIL_LOCAL;
        }
        if matches!(
            b,
            b'!' | b'$' | b'&'..=b'/' | b':' | b';' | b'=' | b'?' | b'@' | b'_' | b'~'
        ) {
            class |= URL_CODE_POINT;
        }
        if matches!(b, b'.' | b'!' | b'#'..=b'\'' | b'*' | b'+' | b'/' | b'=' | b'?' | b'^'..=b'`'
            | b'{'..=b'~' | b'-')
        {
            class |= EMAIL_LOCAL;
        }
        classes[b as usize] = class;
        if b == u8::MAX {
            break classes;
        }
        b += 1;
    }
};

/// The classes of `b` (the constants above).
pub(crate) fn byte_class(b: u8) -> u8 {
    BYTE_CLASSES[usize::from(b)]
}

impl HostName {
    pub(crate) fn scan(name: &[u8]) -> HostName {
        let mut seen = 0;
        let mut labels_valid = true;
        let mut international = false;
        let mut last_label = 0..0;
        let mut start = 0;
        loop {
            // One label, to the next dot or the end.
            let mut end = start;
            while let Some(&b) = name.get(end) {
                let class = byte_class(b);
                seen |= class;
                if class & DOT != 0 {
                    break;
                }
                end += 1;
            }
            let label = name.get(start..end).unwrap_or_default();
            labels_valid &= label.len() <= 63
                && matches!(label, [first, .., last] | [first @ last]
                    if *first != b'-' && *last != b'-');
            if !label.is_empty() {
                international |= idna::punycode_of(label).is_some();
                last_label = start..end;
            }
            if end == name.len() {
                break;
            }
            start = end + 1;
        }
        HostName {
            valid: labels_valid && seen & (NOT_NAME | NON_ASCII) == 0,
            non_ascii: seen & NON_ASCII != 0,
            upper: seen & UPPER != 0,
            international,
            last_label,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names and pointers are the same whether the path is text or a
    /// base and steps below it.
    #[test]
    fn names_and_pointers_of_text_and_of_steps() {
        use crate::json::pointer::Step;
        use crate::message::Piece;
        let steps = [Step::Field("items"), Step::Index(10), Step::Field("name")];
        let below = [Step::Index(0), Step::Field("price")];
        for (at, name, pointer) in [
            (
                At::body("/items/10/name"),
                "items.10.name",
                "/items/10/name",
            ),
            (
                At::place(Place {
                    base: "",
                    steps: &steps,
                }),
                "items.10.name",
                "/items/10/name",
            ),
            (
                At::place(Place {
                    base: "/a~1b",
                    steps: &below,
                }),
                "a/b.0.price",
                "/a~1b/0/price",
            ),
            (At::body(""), "the body", ""),
            (
                At::place(Place {
                    base: "",
                    steps: &[],
                }),
                "the body",
                "",
            ),
            (
                At::header("Idempotency-Key"),
                "Idempotency-Key",
                "Idempotency-Key",
            ),
        ] {
            let mut pushed = String::new();
            at.name().push_to(&mut pushed);
            assert_eq!(pushed, name);
            assert_eq!(at.violation(Code::Required, "").path, pointer);
            assert_eq!(at.is_body(), name == "the body");
        }
    }
    use proptest::prelude::*;

    /// The definition, label by label.
    fn labels_each_valid(name: &str) -> bool {
        name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
    }

    #[test]
    fn domain_names() {
        let long = "a".repeat(63);
        for ok in ["example.com", "xn--bcher-kva.de", "a-b.c", "1.2", &long] {
            assert!(is_domain_name(ok), "{ok}");
        }
        let too_long = "a".repeat(64);
        for bad in [
            "", ".", "a.", ".a", "a..b", "-a.b", "a-.b", "a.b-", "a_b", "é.b", &too_long,
        ] {
            assert!(!is_domain_name(bad), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn domain_names_are_labels_each_valid(name in "[a-c0-9.\\-_]{0,8}|[a-b.\\-]{60,70}") {
            prop_assert_eq!(is_domain_name(&name), labels_each_valid(&name));
        }

        /// Everything the one pass finds, against its definition.
        #[test]
        fn a_host_name_scan_finds_what_each_test_would(
            name in "[a-cA-Cx-zX-Z0-9.\\-_é]{0,12}|([xX][nN]--[a-z]{0,3}\\.){1,3}[a-z]{0,3}"
        ) {
            let scan = HostName::scan(name.as_bytes());
            prop_assert_eq!(scan.valid, labels_each_valid(&name));
            prop_assert_eq!(scan.non_ascii, !name.is_ascii());
            prop_assert_eq!(scan.upper, name.bytes().any(|b| b.is_ascii_uppercase()));
            prop_assert_eq!(
                scan.international,
                name.split('.').any(|label| label.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--")))
            );
            let last = name.split('.').rfind(|label| !label.is_empty()).unwrap_or_default();
            prop_assert_eq!(name.get(scan.last_label).unwrap_or_default(), last);
        }
    }

    #[test]
    fn byte_classes_hold_what_their_names_say() {
        for b in 0..=u8::MAX {
            let class = byte_class(b);
            let url = b.is_ascii_alphanumeric() || b"!$&'()*+,-./:;=?@_~".contains(&b);
            let local = b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b);
            assert_eq!(class & URL_CODE_POINT != 0, url, "{b:#x}");
            assert_eq!(class & EMAIL_LOCAL != 0, local, "{b:#x}");
            assert_eq!(class & NON_ASCII != 0, !b.is_ascii(), "{b:#x}");
            let name = b.is_ascii_alphanumeric() || b == b'-' || b == b'.';
            assert_eq!(class & NOT_NAME != 0, b.is_ascii() && !name, "{b:#x}");
            assert_eq!(class & UPPER != 0, b.is_ascii_uppercase(), "{b:#x}");
            assert_eq!(class & DOT != 0, b == b'.', "{b:#x}");
        }
    }
}
