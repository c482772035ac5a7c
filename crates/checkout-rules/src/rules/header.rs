//! Header values: what HTTP allows, bearer tokens, the JSON content type.

use super::At;
use crate::message::{CodePoint, join, msg};
use crate::report::{Code, Violation};

/// Checks that a header value is something HTTP can carry unchanged: visible
/// ASCII, spaces and tabs (RFC 9110, section 5.5). CR and LF would split the
/// header (response splitting); other control characters and non-ASCII
/// bytes are read differently by different servers.
pub fn check_value(value: &str, at: At<'_>) -> Result<(), Violation> {
    match value
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c == ' ' || c == '\t' || c.is_ascii_graphic()))
    {
        None => Ok(()),
        Some((i, c)) => Err(at
            .violation(
                Code::InvalidHeaderValue,
                msg!(
                    "the `",
                    at.name(),
                    "` header contains ",
                    CodePoint(u32::from(c)),
                    " at character ",
                    i + 1,
                    "; header values are visible ASCII, spaces and tabs (no CR, LF or other control \
                     characters)"
                ),
            )
            .with("position", i + 1)),
    }
}

/// Checks an `Authorization` value: `Bearer <token>` (the scheme is
/// case-insensitive, RFC 9110), the token in RFC 6750's `b64token` syntax
/// and, when `prefixes` is not empty, starting with one of them and going on
/// after it. Returns the token.
///
/// ```
/// use checkout_rules::rules::{header::check_bearer, At};
///
/// let at = At::header("Authorization");
/// assert_eq!(check_bearer("Bearer sk_live_abc", &["pk_", "sk_"], at).unwrap(), "sk_live_abc");
/// assert!(check_bearer("Basic dXNlcjpwYXNz", &[], at).is_err());
/// assert!(check_bearer("Bearer live_abc", &["pk_", "sk_"], at).is_err());
/// assert!(check_bearer("Bearer sk_", &["pk_", "sk_"], at).is_err()); // a prefix is not a key
/// ```
pub fn check_bearer<'v>(
    value: &'v str,
    prefixes: &[&str],
    at: At<'_>,
) -> Result<&'v str, Violation> {
    let invalid = |why: &str| {
        at.violation(
            Code::InvalidAuthorization,
            msg!(
                "the `",
                at.name(),
                "` header must be `Bearer <API key>`: ",
                why
            ),
        )
    };
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(invalid("the scheme is not Bearer"));
    }
    let token = token.trim_start_matches(' ');
    if token.is_empty() {
        return Err(invalid("the key is missing"));
    }
    let body = token.trim_end_matches('=');
    let b64token = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b));
    if !b64token {
        return Err(invalid(
            "the key may only contain letters, digits and - . _ ~ + / (then = padding)",
        ));
    }
    if prefixes.is_empty() {
        return Ok(token);
    }
    match prefixes
        .iter()
        .find_map(|p| Some((*p, body.strip_prefix(p)?)))
    {
        None => Err(invalid(&msg!(
            "the key must start with ",
            join(prefixes, " or ")
        ))),
        // A prefix says which kind of key follows; it is not a key.
        Some((prefix, "")) => Err(invalid(&msg!(
            "the key is only its prefix `",
            prefix,
            "`; send the whole API key (",
            prefix,
            "…) as your dashboard shows it"
        ))),
        Some(_) => Ok(token),
    }
}

/// Checks a `Content-Type` value: `application/json`, in any case, with no
/// parameter but an optional `charset=utf-8` (JSON is UTF-8, RFC 8259).
pub fn check_json_content_type(value: &str, at: At<'_>) -> Result<(), Violation> {
    let mut parts = value.split(';').map(|p| p.trim_matches([' ', '\t']));
    let media_type = parts.next().unwrap_or_default();
    let params_ok = parts.all(|p| {
        p.split_once('=').is_some_and(|(k, v)| {
            k.trim().eq_ignore_ascii_case("charset")
                && v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        })
    });
    if media_type.eq_ignore_ascii_case("application/json") && params_ok {
        Ok(())
    } else {
        Err(at.violation(
            Code::UnsupportedContentType,
            msg!(
                "the `",
                at.name(),
                "` header is `",
                value,
                "`; the body must be sent as `application/json`"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        let at = At::header("X-Trace-Id");
        assert!(check_value("abc-123 \tdef", at).is_ok());
        for bad in ["a\r\nSet-Cookie: x", "a\nb", "a\0", "caf\u{e9}", "\u{7f}"] {
            assert_eq!(
                check_value(bad, at).unwrap_err().code,
                Code::InvalidHeaderValue,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn bearer() {
        let at = At::header("Authorization");
        assert_eq!(
            check_bearer("bearer  pk_test_1==", &[], at).unwrap(),
            "pk_test_1=="
        );
        for bad in [
            "Bearer",
            "Bearer ",
            "Token abc",
            "Bearer a b",
            "Bearer ===",
            "Bearer é",
        ] {
            assert!(check_bearer(bad, &[], at).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_prefix_alone_is_no_key() {
        let at = At::header("Authorization");
        let prefixes = &["pk_", "sk_"];
        for ok in ["Bearer pk_x", "Bearer sk_live_1", "Bearer sk_1=="] {
            assert!(check_bearer(ok, prefixes, at).is_ok(), "{ok}");
        }
        for (bad, prefix) in [
            ("Bearer pk_", "pk_"),
            ("Bearer sk_", "sk_"),
            ("Bearer sk_==", "sk_"),
            ("bearer   pk_", "pk_"),
        ] {
            let v = check_bearer(bad, prefixes, at).unwrap_err();
            assert_eq!(v.code, Code::InvalidAuthorization, "{bad}");
            assert!(
                v.message
                    .contains(&alloc::format!("the key is only its prefix `{prefix}`")),
                "{}",
                v.message
            );
        }
        // Without prefixes to go by, any token is a key.
        assert!(check_bearer("Bearer sk_", &[], at).is_ok());
    }

    #[test]
    fn content_type() {
        let at = At::header("Content-Type");
        for ok in [
            "application/json",
            "Application/JSON",
            "application/json; charset=utf-8",
            "application/json;charset=\"UTF-8\"",
        ] {
            assert!(check_json_content_type(ok, at).is_ok(), "{ok}");
        }
        for bad in [
            "text/plain",
            "application/json; charset=latin1",
            "application/jsonx",
            "application/x-www-form-urlencoded",
        ] {
            assert_eq!(
                check_json_content_type(bad, at).unwrap_err().code,
                Code::UnsupportedContentType,
                "{bad}"
            );
        }
    }
}
