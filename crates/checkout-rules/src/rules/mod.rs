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
/// and e-mail addresses. One pass over the bytes, because every URL and
/// address is checked with it.
pub(crate) fn is_domain_name(name: &str) -> bool {
    let mut label_len = 0;
    let mut previous = b'.';
    for &b in name.as_bytes() {
        if b == b'.' {
            if label_len == 0 || previous == b'-' {
                return false;
            }
            label_len = 0;
        } else {
            let allowed = b.is_ascii_alphanumeric() || (b == b'-' && label_len > 0);
            label_len += 1;
            if !allowed || label_len > 63 {
                return false;
            }
        }
        previous = b;
    }
    label_len > 0 && previous != b'-'
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
    }
}
