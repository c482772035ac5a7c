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

/// Checks a `Content-Type` value: `application/json` by RFC 9110's
/// media-type grammar (section 8.3.1), type and subtype in any case:
///
/// ```text
/// media-type = type "/" subtype *( OWS ";" OWS [ parameter ] )
/// parameter  = token "=" ( token / quoted-string )
/// ```
///
/// so empty and repeated parameters and white space around `;` are fine. A
/// `charset` (name and value in any case, quoted or not) must be UTF-8,
/// which JSON is (RFC 8259, section 8.1); other parameters are ignored.
/// White space around the whole value is not part of it (RFC 9110, section
/// 5.5). The violation's `reason` is `media_type`, `charset` or `syntax`.
///
/// ```
/// use checkout_rules::rules::{header::check_json_content_type, At};
///
/// let at = At::header("Content-Type");
/// assert!(check_json_content_type("application/json;", at).is_ok());
/// assert!(check_json_content_type("Application/JSON ; charset=\"UTF-8\"", at).is_ok());
/// assert!(check_json_content_type("application/json; charset=latin1", at).is_err());
/// assert!(check_json_content_type("application/json; charset", at).is_err());
/// ```
pub fn check_json_content_type(value: &str, at: At<'_>) -> Result<(), Violation> {
    let refuse = |reason: &'static str, why: &str| {
        at.violation(
            Code::UnsupportedContentType,
            msg!("the `", at.name(), "` header is `", value, "`; ", why),
        )
        .with("reason", reason)
    };
    let syntax = |error: MediaTypeError| {
        let position = value
            .get(..error.at)
            .map_or(error.at, crate::rules::text::char_count)
            + 1;
        refuse(
            "syntax",
            &msg!(
                "it is not a media type (RFC 9110): ",
                error.expected,
                " at character ",
                position,
                "; send `application/json`"
            ),
        )
        .with("position", position)
    };
    let mut reader = MediaType::new(value);
    let (kind, subtype) = reader.essence().map_err(syntax)?;
    if !kind.eq_ignore_ascii_case("application") || !subtype.eq_ignore_ascii_case("json") {
        return Err(refuse(
            "media_type",
            "the body must be sent as `application/json`",
        ));
    }
    while let Some((name, parameter)) = reader.parameter().map_err(syntax)? {
        if name.eq_ignore_ascii_case("charset") && !parameter.is_utf8() {
            return Err(refuse(
                "charset",
                &msg!(
                    "JSON is UTF-8 (RFC 8259), so the charset, `",
                    parameter.text,
                    "`, must be `utf-8`: send `application/json` or `application/json; \
                     charset=utf-8`"
                ),
            ));
        }
    }
    Ok(())
}

/// Where a media type leaves RFC 9110's grammar, and what it needed there.
#[derive(Debug)]
struct MediaTypeError {
    at: usize,
    expected: &'static str,
}

/// A parameter's value: a token, or a quoted string as written (its
/// `\` escapes still in).
#[derive(Debug)]
struct ParameterValue<'v> {
    text: &'v str,
    quoted: bool,
}

impl ParameterValue<'_> {
    /// Whether the value, unquoted, is `utf-8` in any case.
    fn is_utf8(&self) -> bool {
        if !self.quoted {
            return self.text.eq_ignore_ascii_case("utf-8");
        }
        let inner = self.text.get(1..self.text.len() - 1).unwrap_or_default();
        let mut bytes = inner.bytes();
        let mut expected = b"utf-8".iter();
        loop {
            // A quoted pair stands for its second character.
            let got = match bytes.next() {
                Some(b'\\') => bytes.next(),
                other => other,
            };
            match (got, expected.next()) {
                (None, None) => return true,
                (Some(b), Some(e)) if b.eq_ignore_ascii_case(e) => {}
                _ => return false,
            }
        }
    }
}

/// Reads a media type by RFC 9110's grammar, one part at a time. Written
/// here rather than with a crate: the grammar is ten lines, and the
/// WebAssembly package carries every byte.
struct MediaType<'v> {
    text: &'v str,
    at: usize,
    /// Where the value ends, white space after it left out.
    end: usize,
}

/// RFC 9110's `tchar`: the characters of a token.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

impl<'v> MediaType<'v> {
    fn new(text: &'v str) -> MediaType<'v> {
        let ows = |c: char| c == ' ' || c == '\t';
        MediaType {
            text,
            at: text.len() - text.trim_start_matches(ows).len(),
            end: text.trim_end_matches(ows).len(),
        }
    }

    fn peek(&self) -> Option<u8> {
        let b = self.text.as_bytes().get(self.at).copied();
        b.filter(|_| self.at < self.end)
    }

    fn error(&self, expected: &'static str) -> MediaTypeError {
        MediaTypeError {
            at: self.at,
            expected,
        }
    }

    fn token(&mut self, expected: &'static str) -> Result<&'v str, MediaTypeError> {
        let start = self.at;
        while self.peek().is_some_and(is_tchar) {
            self.at += 1;
        }
        if self.at == start {
            return Err(self.error(expected));
        }
        Ok(self.text.get(start..self.at).unwrap_or_default())
    }

    fn skip_ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// `type "/" subtype`.
    fn essence(&mut self) -> Result<(&'v str, &'v str), MediaTypeError> {
        let kind = self.token("a type such as `application`")?;
        if self.peek() != Some(b'/') {
            return Err(self.error("`/` after the type"));
        }
        self.at += 1;
        let subtype = self.token("a subtype such as `json`")?;
        match self.peek() {
            None | Some(b' ' | b'\t' | b';') => Ok((kind, subtype)),
            Some(_) => Err(self.error("a subtype of token characters only")),
        }
    }

    /// The next `OWS ";" OWS [ parameter ]`, skipping empty ones; `None` at
    /// the end.
    fn parameter(&mut self) -> Result<Option<(&'v str, ParameterValue<'v>)>, MediaTypeError> {
        loop {
            self.skip_ows();
            match self.peek() {
                None => return Ok(None),
                Some(b';') => self.at += 1,
                Some(_) => return Err(self.error("`;` before a parameter")),
            }
            self.skip_ows();
            if matches!(self.peek(), None | Some(b';')) {
                continue; // an empty parameter
            }
            let name = self.token("a parameter name")?;
            if self.peek() != Some(b'=') {
                return Err(self.error("`=` after the parameter name"));
            }
            self.at += 1;
            let value = if self.peek() == Some(b'"') {
                self.quoted_string()?
            } else {
                ParameterValue {
                    text: self.token("a parameter value (a token or a quoted string)")?,
                    quoted: false,
                }
            };
            return Ok(Some((name, value)));
        }
    }

    /// `DQUOTE *( qdtext / quoted-pair ) DQUOTE`, at the opening quote.
    fn quoted_string(&mut self) -> Result<ParameterValue<'v>, MediaTypeError> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.peek() {
                Some(b'"') => break,
                Some(b'\\') => {
                    self.at += 1;
                    match self.peek() {
                        Some(b'\t' | b' '..=b'~') => self.at += 1,
                        _ => return Err(self.error("a character after `\\`")),
                    }
                }
                Some(b'\t' | b' '..=b'~') => self.at += 1,
                _ => return Err(self.error("the closing `\"` of the quoted value")),
            }
        }
        self.at += 1;
        Ok(ParameterValue {
            text: self.text.get(start..self.at).unwrap_or_default(),
            quoted: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

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

    fn reason(value: &str) -> Option<String> {
        check_json_content_type(value, At::header("Content-Type"))
            .err()
            .map(|v| {
                assert_eq!(v.code, Code::UnsupportedContentType, "{value}");
                match v.param("reason") {
                    Some(crate::report::Param::Text(r)) => String::from(r.as_ref()),
                    other => panic!("{value}: {other:?}"),
                }
            })
    }

    #[test]
    fn content_type_follows_rfc_9110s_grammar() {
        for ok in [
            "application/json",
            "Application/JSON",
            "APPLICATION/json",
            "application/json;",
            "application/json;;",
            "application/json ;",
            "application/json\t;\t",
            "application/json; ",
            "application/json; charset=utf-8",
            "application/json;charset=UTF-8",
            "application/json; CHARSET=Utf-8",
            "application/json;charset=\"UTF-8\"",
            "application/json; charset=\"utf\\-8\"",
            "application/json; charset=utf-8; charset=UTF-8",
            "application/json; ; charset=utf-8 ;",
            "application/json; version=2",
            "application/json; q=\"a \\\" b; c=d\"",
            "application/json; x=\"\"",
            "application/json; x!#$%&'*+-.^_`|~=y!#$%&'*+-.^_`|~",
            " application/json ",
        ] {
            assert_eq!(reason(ok), None, "{ok:?}");
        }
        for (bad, why) in [
            ("text/plain", "media_type"),
            ("application/jsonx", "media_type"),
            ("application/problem+json", "media_type"),
            ("application/x-www-form-urlencoded", "media_type"),
            ("json/application", "media_type"),
            ("application/json; charset=latin1", "charset"),
            ("application/json; charset=utf8", "charset"),
            ("application/json; charset=\"utf-16\"", "charset"),
            ("application/json; charset=\"\"", "charset"),
            (
                "application/json; charset=utf-8; charset=iso-8859-1",
                "charset",
            ),
            ("application/json; charset=\"utf-8 \"", "charset"),
            ("", "syntax"),
            ("   ", "syntax"),
            ("application", "syntax"),
            ("application/", "syntax"),
            ("/json", "syntax"),
            ("application /json", "syntax"),
            ("application/ json", "syntax"),
            ("application/json charset=utf-8", "syntax"),
            ("application/json; charset", "syntax"),
            ("application/json; charset =utf-8", "syntax"),
            ("application/json; charset= utf-8", "syntax"),
            ("application/json; charset=", "syntax"),
            ("application/json; =utf-8", "syntax"),
            ("application/json; charset=\"utf-8", "syntax"),
            ("application/json; charset=\"utf-8\\", "syntax"),
            ("application/json; charset=utf-8\"", "syntax"),
            ("application/json; a=b c", "syntax"),
            ("application/json, text/plain", "syntax"),
            ("application/json; x=(y)", "syntax"),
            ("application/j@son", "syntax"),
        ] {
            assert_eq!(reason(bad).as_deref(), Some(why), "{bad:?}");
        }
    }

    proptest::proptest! {
        /// Every spelling the grammar allows, with `application/json` in
        /// any case and parameters other than a charset, is accepted.
        #[test]
        fn every_grammatical_json_media_type_is_accepted(
            value in "[ \t]{0,2}[aA][pP][pP][lL][iI][cC][aA][tT][iI][oO][nN]/[jJ][sS][oO][nN]([ \t]{0,2};[ \t]{0,2}(x[!#$%&'*+.^_`|~a-z0-9-]{0,4}=([!#a-z0-9-]{1,4}|\"([\t !#-\\[\\]-~]|\\\\[\t -~]){0,6}\"))?){0,4}[ \t]{0,2}"
        ) {
            proptest::prop_assert_eq!(reason(&value), None, "{:?}", value);
        }
    }

    #[test]
    fn content_type_messages_say_what_and_where() {
        let at = At::header("Content-Type");
        let v = check_json_content_type("application/json; charset", at).unwrap_err();
        assert_eq!(
            v.message,
            "the `Content-Type` header is `application/json; charset`; it is not a media type \
             (RFC 9110): `=` after the parameter name at character 26; send `application/json`"
        );
        assert_eq!(v.param("position"), Some(&crate::report::Param::Int(26)));
        let v = check_json_content_type("application/json; charset=latin1", at).unwrap_err();
        assert_eq!(
            v.message,
            "the `Content-Type` header is `application/json; charset=latin1`; JSON is UTF-8 \
             (RFC 8259), so the charset, `latin1`, must be `utf-8`: send `application/json` or \
             `application/json; charset=utf-8`"
        );
        let v = check_json_content_type("text/plain", at).unwrap_err();
        assert_eq!(
            v.message,
            "the `Content-Type` header is `text/plain`; the body must be sent as `application/json`"
        );
        // A non-ASCII value (which the header rule refuses first) is no
        // media type either, and its position counts characters.
        let v = check_json_content_type("é/json", at).unwrap_err();
        assert_eq!(v.param("position"), Some(&crate::report::Param::Int(1)));
    }
}
