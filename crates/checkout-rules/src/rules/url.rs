//! URLs: absolute `https` or `http` URLs with a host, parsed by the WHATWG URL
//! standard (the `url` crate), and written as the standard's "valid URL
//! string".
//!
//! A WHATWG parser repairs a lot silently: it drops tabs and newlines, turns
//! `\` into `/`, adds a missing `//`, trims spaces. Each repair is a place where
//! two systems can read the same text as different URLs, so each is refused
//! here, naming the repair. `javascript:`, `data:` and other schemes, relative
//! URLs and user names or passwords in the URL are refused too.

use alloc::format;
use core::cell::Cell;

use url::{SyntaxViolation, Url};

use super::At;
use crate::report::{Code, Violation};

/// The longest URL accepted, in characters. Browsers and servers differ
/// beyond about 2,000; a checkout URL longer than that is a bug.
pub const MAX_CHARS: usize = 2048;

/// Checks that `s` is an absolute http(s) URL; returns it parsed.
///
/// ```
/// use checkout_rules::rules::{url::check, At};
///
/// assert!(check("https://merchant.example/return?order=1", At::body("/u")).is_ok());
/// assert!(check("javascript:alert(1)", At::body("/u")).is_err());
/// assert!(check("https://user@evil.example/", At::body("/u")).is_err());
/// assert!(check("https://exa\tmple.com/", At::body("/u")).is_err());
/// ```
pub fn check(s: &str, at: At<'_>) -> Result<Url, Violation> {
    let name = at.name();
    let invalid = |reason: &str| {
        at.violation(
            Code::InvalidUrl,
            format!("`{name}` must be an absolute https or http URL: {reason}"),
        )
        .with("reason", alloc::string::String::from(reason))
    };
    let chars = s.chars().count();
    if chars > MAX_CHARS {
        return Err(at
            .violation(
                Code::TooLong,
                format!("`{name}` must be at most {MAX_CHARS} characters; it has {chars}"),
            )
            .with("max", MAX_CHARS)
            .with("actual", chars));
    }
    let repaired = Cell::new(None);
    let record = |v: SyntaxViolation| {
        if repaired.get().is_none() {
            repaired.set(Some(v));
        }
    };
    let url = Url::options()
        .syntax_violation_callback(Some(&record))
        .parse(s)
        .map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => {
                invalid("it is relative; start it with https://")
            }
            other => invalid(&format!("{other}")),
        })?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(invalid(&format!(
            "the scheme is `{}:`; only https and http are accepted",
            url.scheme()
        )));
    }
    if let Some(violation) = repaired.get() {
        return Err(invalid(repair_reason(violation)));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "it contains a user name or password before the host; remove the `…@` part",
        ));
    }
    Ok(url)
}

fn repair_reason(v: SyntaxViolation) -> &'static str {
    match v {
        SyntaxViolation::Backslash => "it contains `\\`; use `/`",
        SyntaxViolation::C0SpaceIgnored => {
            "it starts or ends with white space or a control character"
        }
        SyntaxViolation::EmbeddedCredentials | SyntaxViolation::UnencodedAtSign => {
            "it contains a user name or password before the host; remove the `…@` part"
        }
        SyntaxViolation::ExpectedDoubleSlash => "the scheme must be followed by `//`",
        SyntaxViolation::NonUrlCodePoint => {
            "it contains a character URLs do not allow (such as a space); percent-encode it"
        }
        SyntaxViolation::PercentDecode => "`%` must be followed by two hexadecimal digits",
        SyntaxViolation::TabOrNewlineIgnored => "it contains a tab or a line break",
        SyntaxViolation::NullInFragment => "it contains a NUL character",
        _ => "it is not written as a valid URL",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        check(s, At::body("/u")).is_ok()
    }

    #[test]
    fn accepted() {
        for s in [
            "https://merchant-website.com/payment-complete",
            "http://localhost:8080/cb",
            "https://merchant.example/return?order=ORD-1&x=%20#top",
            "https://bücher.example/", // international domain names are fine
            "https://[2001:db8::1]/",
            "https://203.0.113.7/",
            "HTTPS://EXAMPLE.COM",
        ] {
            assert!(ok(s), "{s}");
        }
    }

    #[test]
    fn refused() {
        for s in [
            "",
            "/relative/path",
            "example.com/path",
            "javascript:alert(1)",
            "data:text/html,hi",
            "ftp://example.com/",
            "mailto:a@example.com",
            "https://user:pass@example.com/",
            "https://good.example@evil.example/",
            "https://exa\tmple.com/",
            "https://example.com/a\nb",
            " https://example.com/",
            "https:\\\\example.com\\",
            "https:example.com",
            "https://example.com/a b",
            "https://example.com/%zz",
            "https://",
            "https://exa mple.com/",
            "https://example.com:99999/",
        ] {
            assert!(!ok(s), "{s:?}");
        }
        let long = format!("https://example.com/{}", "a".repeat(MAX_CHARS));
        assert_eq!(
            check(&long, At::body("/u")).unwrap_err().code,
            Code::TooLong
        );
    }
}
