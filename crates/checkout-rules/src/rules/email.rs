//! E-mail addresses: the WHATWG HTML "valid e-mail address", which is what a
//! browser's `<input type=email>` accepts, so a checkout form and the server
//! agree.
//!
//! The standard gives it as a regular expression:
//!
//! ```text
//! ^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$
//! ```
//!
//! It is matched here by hand: it is a few lines, and a regex engine would
//! cost more than the rest of the WebAssembly build.

use super::At;
use crate::message::msg;
use crate::violation::{Code, Violation};

/// The pattern, for documents and for HTML forms.
pub const PATTERN: &str = r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

/// Whether `s` is a WHATWG valid e-mail address.
pub fn is_valid(s: &str) -> bool {
    // A byte search, not `split_once`, whose char searcher costs more than
    // the rest of the check.
    let Some(at) = s.bytes().position(|b| b == b'@') else {
        return false;
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    !local.is_empty() && local.bytes().all(is_local_byte) && super::is_domain_name(domain)
}

fn is_local_byte(b: u8) -> bool {
    super::byte_class(b) & super::EMAIL_LOCAL != 0
}

/// Checks an e-mail address.
pub fn check(s: &str, at: At<'_>) -> Result<(), Violation> {
    if is_valid(s) {
        return Ok(());
    }
    Err(at
        .violation(
            Code::InvalidEmail,
            msg!("`", at.name(), "` is not a valid e-mail address (name@example.com; ASCII letters, digits and \
                 the punctuation browsers accept before the @, a domain of dot-separated labels after it)"),
        )
        .with("pattern", PATTERN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    /// The example that documented `is_valid`.
    #[test]
    fn the_documented_is_valid() {
        use crate::rules::email::is_valid;

        assert!(is_valid("customer@example.com"));
        assert!(is_valid("a.b+tag@localhost"));
        assert!(!is_valid("customer@example..com"));
        assert!(!is_valid("\"quoted\"@example.com")); // RFC 5322 allows it; browsers do not
    }

    #[test]
    fn a_refused_address_is_reported_with_the_pattern() {
        let at = At::body("/customer/email");
        assert_eq!(check("customer@example.com", at), Ok(()));
        let e = check("customer@", at).unwrap_err();
        assert_eq!(e.code, Code::InvalidEmail);
        assert!(
            e.message
                .starts_with("`customer.email` is not a valid e-mail address"),
            "{}",
            e.message
        );
        assert!(e.param("pattern").is_some());
    }

    #[test]
    fn accepted() {
        for ok in [
            "customer@example.com",
            "x@y",
            "first.last@sub.example.co.ke",
            "a..b@example.com", // the WHATWG syntax does not forbid it
            ".a@example.com",
            "!#$%&'*+/=?^_`{|}~-@example.com",
            "a@1.2.3.4",
            &format!("a@{}", "b".repeat(63)),
            "a@xn--bcher-kva.de",
        ] {
            assert!(is_valid(ok), "{ok}");
        }
    }

    #[test]
    fn refused() {
        for bad in [
            "",
            "@example.com",
            "customer@",
            "customer",
            "a@b@c",
            "a@-example.com",
            "a@example-.com",
            "a@example..com",
            "a@.example.com",
            "a@example.com.",
            "a b@example.com",
            "a@exa mple.com",
            "ü@example.com",
            "a@bücher.de",
            "a@[127.0.0.1]",
            "\"a\"@example.com",
            &format!("a@{}", "b".repeat(64)),
            " a@example.com",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
    }
}
