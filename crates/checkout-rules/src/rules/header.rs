//! Header values: what HTTP allows, bearer tokens, the JSON content type.

use super::At;
use crate::message::{CodePoint, join, msg};
use crate::violation::{Code, Violation};

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
    let prefix = prefixes.iter().find(|p| body.starts_with(**p));
    match prefix {
        None if !prefixes.is_empty() => Err(invalid(&msg!(
            "the key must start with ",
            join(prefixes, " or ")
        ))),
        // A prefix says which kind of key follows; it is not a key.
        Some(prefix) if body.len() == prefix.len() => {
            Err(invalid(&msg!("the key is only its prefix `", prefix, "`")))
        }
        _ => Ok(token),
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
/// 5.5). The message says which of the three failed, and for the grammar
/// from which character.
pub fn check_json_content_type(value: &str, at: At<'_>) -> Result<(), Violation> {
    let found = media_type(value);
    let why = match found {
        MediaType::Json => return Ok(()),
        MediaType::Other => "the body must be sent as `application/json`",
        MediaType::Charset => "JSON is UTF-8, so charset=utf-8 or none",
        MediaType::Syntax(_) => "not a media type from character ",
    };
    let mut message = msg!("the `", at.name(), "` header is `", value, "`; ", why);
    if let MediaType::Syntax(byte) = found {
        // Every byte before it is ASCII, so bytes count characters.
        crate::message::Piece::push_to(&(byte + 1), &mut message);
    }
    Err(at.violation(Code::UnsupportedContentType, message))
}

/// What a `Content-Type` value is.
#[derive(Clone, Copy)]
enum MediaType {
    /// `application/json`, UTF-8 if it says.
    Json,
    /// Another media type.
    Other,
    /// `application/json` with another charset.
    Charset,
    /// Not a media type from this byte on.
    Syntax(usize),
}

/// Reads `value` by RFC 9110's media-type grammar, as a machine over its
/// bytes. Written here rather than with a crate: the grammar is a few
/// lines, and the WebAssembly package carries every byte.
fn media_type(value: &str) -> MediaType {
    /// What the machine has just read.
    #[derive(Clone, Copy)]
    enum Read {
        Lead,
        Type,
        Slash,
        Subtype,
        Space,
        Semicolon,
        Name,
        Equals,
        Token,
        Quoted,
        Escape,
        Closed,
    }
    let b = value.as_bytes();
    let (mut read, mut mark) = (Read::Lead, 0);
    let (mut json, mut utf8, mut charset) = (false, true, false);
    // The value unquoted against `utf-8`: characters matched, and read.
    let mut progress = (0, 0);
    let compare = |(matched, count): &mut (usize, usize), c: u8| {
        if b"utf-8"
            .get(*count)
            .is_some_and(|e| e.eq_ignore_ascii_case(&c))
        {
            *matched += 1;
        }
        *count += 1;
    };
    for (i, &c) in b.iter().enumerate() {
        let token = is_tchar(c);
        // White space around the value is not part of it (RFC 9110, 5.5)
        // and may come around each `;`.
        let space = c == b' ' || c == b'\t';
        read = match read {
            Read::Lead if space => Read::Lead,
            Read::Lead | Read::Type if token => {
                if let Read::Lead = read {
                    mark = i;
                }
                Read::Type
            }
            Read::Type if c == b'/' => Read::Slash,
            Read::Slash | Read::Subtype if token => Read::Subtype,
            Read::Subtype | Read::Token | Read::Closed | Read::Space if space || c == b';' => {
                if let Read::Subtype = read {
                    json = value
                        .get(mark..i)
                        .is_some_and(|t| t.eq_ignore_ascii_case("application/json"));
                }
                if let Read::Token | Read::Closed = read {
                    utf8 &= !charset || progress == (5, 5);
                }
                if c == b';' {
                    Read::Semicolon
                } else {
                    Read::Space
                }
            }
            Read::Semicolon if space || c == b';' => Read::Semicolon,
            Read::Semicolon | Read::Name if token => {
                if let Read::Semicolon = read {
                    mark = i;
                }
                Read::Name
            }
            Read::Name if c == b'=' => {
                charset = value
                    .get(mark..i)
                    .is_some_and(|n| n.eq_ignore_ascii_case("charset"));
                progress = (0, 0);
                Read::Equals
            }
            Read::Equals if c == b'"' => Read::Quoted,
            Read::Equals | Read::Token if token => {
                compare(&mut progress, c);
                Read::Token
            }
            Read::Quoted if c == b'"' => Read::Closed,
            Read::Quoted if c == b'\\' => Read::Escape,
            // qdtext, or the character a `\` quotes.
            Read::Quoted | Read::Escape if c == b'\t' || (b' '..=b'~').contains(&c) => {
                compare(&mut progress, c);
                Read::Quoted
            }
            _ => return MediaType::Syntax(i),
        };
    }
    match read {
        Read::Subtype => {
            json = value
                .get(mark..)
                .is_some_and(|t| t.eq_ignore_ascii_case("application/json"));
        }
        Read::Token | Read::Closed => utf8 &= !charset || progress == (5, 5),
        Read::Space | Read::Semicolon => {}
        _ => return MediaType::Syntax(b.len()),
    }
    match (json, utf8) {
        (false, _) => MediaType::Other,
        (true, false) => MediaType::Charset,
        (true, true) => MediaType::Json,
    }
}

/// RFC 9110's `tchar`: the characters of a token.
fn is_tchar(c: u8) -> bool {
    matches!(c, b'!' | b'#'..=b'\'' | b'*' | b'+' | b'-' | b'.' | b'0'..=b'9' | b'A'..=b'Z' | b'^'..=b'z' | b'|' | b'~')
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    /// The example that documented `check_bearer`.
    #[test]
    fn the_documented_check_bearer() {
        use crate::rules::{At, header::check_bearer};

        let at = At::header("Authorization");
        assert_eq!(
            check_bearer("Bearer sk_live_abc", &["pk_", "sk_"], at).unwrap(),
            "sk_live_abc"
        );
        assert!(check_bearer("Basic dXNlcjpwYXNz", &[], at).is_err());
        assert!(check_bearer("Bearer live_abc", &["pk_", "sk_"], at).is_err());
        assert!(check_bearer("Bearer sk_", &["pk_", "sk_"], at).is_err()); // a prefix is not a key
    }

    /// The example that documented `check_json_content_type`.
    #[test]
    fn the_documented_check_json_content_type() {
        use crate::rules::{At, header::check_json_content_type};

        let at = At::header("Content-Type");
        assert!(check_json_content_type("application/json;", at).is_ok());
        assert!(check_json_content_type("Application/JSON ; charset=\"UTF-8\"", at).is_ok());
        assert!(check_json_content_type("application/json; charset=latin1", at).is_err());
        assert!(check_json_content_type("application/json; charset", at).is_err());
    }

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
        // With them, a key without one is refused, and the message says
        // which it must start with.
        let v = check_bearer("Bearer live_abc", prefixes, at).unwrap_err();
        assert_eq!(v.code, Code::InvalidAuthorization);
        assert!(
            v.message.contains("the key must start with pk_ or sk_"),
            "{}",
            v.message
        );
    }

    #[test]
    fn a_control_character_in_a_header_is_named_with_its_position() {
        let v = check_value("abc\u{7}", At::header("X-Trace-Id")).unwrap_err();
        assert!(v.message.contains("at character 4"), "{}", v.message);
        assert_eq!(v.param("position"), Some(&crate::violation::Param::Int(4)));
    }

    /// Which part of the rule a value fails, from its message.
    fn reason(value: &str) -> Option<String> {
        check_json_content_type(value, At::header("Content-Type"))
            .err()
            .map(|v| {
                assert_eq!(v.code, Code::UnsupportedContentType, "{value}");
                let m = &v.message;
                String::from(
                    if m.ends_with("; the body must be sent as `application/json`") {
                        "media_type"
                    } else if m.ends_with("; JSON is UTF-8, so charset=utf-8 or none") {
                        "charset"
                    } else if m.contains("; not a media type from character ") {
                        "syntax"
                    } else {
                        panic!("{value}: {m}")
                    },
                )
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
            ("application/json; charset=latin1; q=1", "charset"),
            ("application/json; charset=\"utf-16\" ;", "charset"),
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
            // A type is a token, then `/`.
            ("application@json", "syntax"),
            ("application json", "syntax"),
            // A parameter's name is a token, then `=`.
            ("application/json; x@y", "syntax"),
            ("application/json; charset:utf-8", "syntax"),
            // A quoted string holds tabs and visible ASCII, and a `\`
            // quotes only those.
            ("application/json; x=\"a\u{1}\"", "syntax"),
            ("application/json; x=\"\u{7f}\"", "syntax"),
            ("application/json; x=\"\n\"", "syntax"),
            ("application/json; x=\"caf\u{e9}\"", "syntax"),
            ("application/json; x=\"\\\u{1}\"", "syntax"),
            ("application/json; x=\"\\\u{e9}\"", "syntax"),
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
        let message = |value| check_json_content_type(value, at).unwrap_err().message;
        assert_eq!(
            message("application/json; charset"),
            "the `Content-Type` header is `application/json; charset`; not a media type from \
             character 26"
        );
        assert_eq!(
            message("application/json; charset=latin1"),
            "the `Content-Type` header is `application/json; charset=latin1`; JSON is UTF-8, so \
             charset=utf-8 or none"
        );
        assert_eq!(
            message("text/plain"),
            "the `Content-Type` header is `text/plain`; the body must be sent as `application/json`"
        );
        // A non-ASCII value (which the header rule refuses first) is no
        // media type either.
        assert!(message("é/json").ends_with("from character 1"));
        assert!(message("").ends_with("from character 1"));
        assert!(message("application/json; a=\"b").ends_with("from character 23"));
        assert!(message("application/json; charset =utf-8").ends_with("from character 26"));
        assert!(message("application /json").ends_with("from character 12"));
        assert!(message("application/json; a=\"b\u{7f}\"").ends_with("from character 23"));
    }
}
