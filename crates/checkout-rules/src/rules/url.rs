//! URLs: absolute `https` or `http` URLs, written as the WHATWG URL
//! standard's "valid URL string", with an ASCII host.
//!
//! A WHATWG parser repairs a lot silently: it drops tabs and newlines, turns
//! `\` into `/`, adds a missing `//`, trims spaces, reads `2130706433` as
//! `127.0.0.1`. Each repair is a place where two systems can read the same
//! text as different URLs, so each is refused here, naming it. Other schemes
//! (`javascript:`, `data:`…), relative URLs and a user name or password are
//! refused too.
//!
//! Written here rather than with the `url` crate: checking that text is
//! already a valid URL string needs no parser that repairs, and the `url`
//! crate's international-domain tables would triple the WebAssembly build.
//! The price is that hosts must be ASCII: an international domain name is
//! written in its `xn--` form, which is how it travels in HTTP anyway, and
//! each `xn--` label must be one browsers accept (`rules/idna`).

use alloc::borrow::Cow;
use alloc::string::String;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::At;
use crate::message::msg;
use crate::violation::{Code, Violation};

/// The longest URL accepted, in characters. Browsers and servers differ
/// beyond about 2,000; a checkout URL longer than that is a bug.
pub const MAX_CHARS: usize = 2048;

/// Why text is not an accepted URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// No `scheme:` at the start.
    Relative,
    /// A scheme other than `https` or `http`.
    Scheme,
    /// The scheme is not followed by `//`.
    NoDoubleSlash,
    /// A `\`, which parsers read as `/`.
    Backslash,
    /// White space or a control character at the start or the end.
    SurroundingWhitespace,
    /// A tab or a line break, which parsers drop.
    TabOrNewline,
    /// A user name or password before the host.
    Credentials,
    /// No host.
    EmptyHost,
    /// A host that is not an ASCII domain name, IPv4 or `[IPv6]` address.
    InvalidHost,
    /// An `xn--` label that is not Punycode.
    InvalidPunycode,
    /// An `xn--` label whose text is not an international name browsers
    /// accept.
    InvalidInternationalName,
    /// Right-to-left text in a host whose labels break the bidi rule.
    BidiHost,
    /// A numeric host in a form other than four decimal parts.
    NumericHost,
    /// A port that is not a number up to 65535.
    InvalidPort,
    /// A character URLs do not allow unencoded (space, `<`, `"`…).
    InvalidCharacter,
    /// `%` not followed by two hexadecimal digits.
    BadPercentEncoding,
}

impl Problem {
    /// The problem in words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Problem::Relative => "it is relative; start it with https://",
            Problem::Scheme => "only https and http are accepted",
            Problem::NoDoubleSlash => "the scheme must be followed by `//`",
            Problem::Backslash => "it contains `\\`; use `/`",
            Problem::SurroundingWhitespace => {
                "it starts or ends with white space or a control character"
            }
            Problem::TabOrNewline => "it contains a tab or a line break",
            Problem::Credentials => {
                "it contains a user name or password before the host; remove the `…@` part"
            }
            Problem::EmptyHost => "it has no host",
            Problem::InvalidHost => {
                "the host is not a domain name of ASCII letters, digits and hyphens (international \
                 names in their xn-- form), an IPv4 address or an [IPv6] address"
            }
            Problem::InvalidPunycode => "the host has an xn-- label that is not valid Punycode",
            Problem::InvalidInternationalName => {
                "the host has an xn-- label that is not an international name browsers accept: \
                 it decodes to ASCII only, to a character domain names may not hold, to text not \
                 in Unicode normal form C, or to a misplaced joiner"
            }
            Problem::BidiHost => {
                "the host has right-to-left text, and a label that breaks the bidi rule for \
                 such names (RFC 5893): each label must be wholly right to left or left to \
                 right, and start with a letter"
            }
            Problem::NumericHost => {
                "the host is a number in a form URL parsers rewrite (such as 2130706433 for \
                 127.0.0.1); write the address as four decimal parts"
            }
            Problem::InvalidPort => "the port is not a number from 0 to 65535",
            Problem::InvalidCharacter => {
                "it contains a character URLs do not allow (such as a space); percent-encode it"
            }
            Problem::BadPercentEncoding => "`%` must be followed by two hexadecimal digits",
        }
    }
}

/// The host of an accepted URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host<'a> {
    /// A domain name, in lower case: borrowed from the URL unless it had to
    /// be lowered.
    Domain(Cow<'a, str>),
    /// An IPv4 address.
    Ipv4(Ipv4Addr),
    /// An IPv6 address.
    Ipv6(Ipv6Addr),
}

/// An accepted URL's parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parts<'a> {
    /// `true` for `https`.
    pub https: bool,
    /// The host.
    pub host: Host<'a>,
    /// The port, when written.
    pub port: Option<u16>,
}

/// Reads `s` as an absolute http(s) URL, refusing anything a WHATWG parser
/// would have to repair.
pub fn parse(s: &str) -> Result<Parts<'_>, Problem> {
    if s.starts_with(|c: char| c <= ' ') || s.ends_with(|c: char| c <= ' ') {
        return Err(Problem::SurroundingWhitespace);
    }
    parse_parts(s).map_err(|problem| {
        // A tab, a line break or `\` fails some step of the reading
        // wherever it is; what to say is what a parser would have
        // repaired, so they are looked for only then. Bytes, not
        // `str::contains(char)`: the char search brings a substring
        // searcher (a kilobyte) into the WebAssembly build.
        if s.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
            Problem::TabOrNewline
        } else if s.as_bytes().contains(&b'\\') {
            Problem::Backslash
        } else {
            problem
        }
    })
}

/// [`parse`], after the text's ends.
fn parse_parts(s: &str) -> Result<Parts<'_>, Problem> {
    let colon = s.bytes().position(|b| b == b':').ok_or(Problem::Relative)?;
    let (scheme, rest) = (
        s.get(..colon).unwrap_or_default(),
        s.get(colon + 1..).unwrap_or_default(),
    );
    let https = if scheme.eq_ignore_ascii_case("https") {
        true
    } else if scheme.eq_ignore_ascii_case("http") {
        false
    } else if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return Err(Problem::Scheme);
    } else {
        return Err(Problem::Relative);
    };
    let rest = rest.strip_prefix("//").ok_or(Problem::NoDoubleSlash)?;
    // One pass over the authority: where it ends, whether it has an `@`,
    // and its last `:` with no `]` after it (the colons of `[IPv6]` are
    // not the port's).
    let mut authority_end = rest.len();
    let mut credentials = false;
    let mut port_colon = None;
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        match b {
            b'/' | b'?' | b'#' => {
                authority_end = i;
                break;
            }
            b'@' => credentials = true,
            b':' => port_colon = Some(i),
            b']' => port_colon = None,
            _ => {}
        }
    }
    if credentials {
        return Err(Problem::Credentials);
    }
    let (authority, tail) = rest.split_at(authority_end);
    let (host, port) = split_port(authority, port_colon)?;
    let host = parse_host(host)?;
    check_tail(tail)?;
    Ok(Parts { https, host, port })
}

/// `host[:port]`, split at the port's colon if there is one.
fn split_port(authority: &str, colon: Option<usize>) -> Result<(&str, Option<u16>), Problem> {
    let Some(i) = colon else {
        return Ok((authority, None));
    };
    let (host, port) = (&authority[..i], &authority[i + 1..]);
    if port.is_empty() {
        return Ok((host, None));
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::InvalidPort);
    }
    // Leading zeros are valid and read as the same number.
    let digits = port.trim_start_matches('0');
    let value = if digits.is_empty() {
        Some(0)
    } else if digits.len() > 5 {
        None
    } else {
        crate::number::digits_value(digits).and_then(|p| u16::try_from(p).ok())
    };
    value.map(|p| (host, Some(p))).ok_or(Problem::InvalidPort)
}

fn parse_host(host: &str) -> Result<Host<'_>, Problem> {
    if host.is_empty() {
        return Err(Problem::EmptyHost);
    }
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner.strip_suffix(']').ok_or(Problem::InvalidHost)?;
        return super::ip::parse_v6(inner)
            .map(Host::Ipv6)
            .ok_or(Problem::InvalidHost);
    }
    let name = super::HostName::scan(host.as_bytes());
    if name.non_ascii {
        return Err(Problem::InvalidHost);
    }
    // WHATWG reads a host whose last label is a number as an IPv4 address,
    // in decimal, octal or hex parts; only the plain dotted quad is accepted.
    let last = host.as_bytes().get(name.last_label).unwrap_or_default();
    let numeric = match last {
        [] => false,
        [b'0', b'x' | b'X', hex @ ..] => hex.iter().all(u8::is_ascii_hexdigit),
        digits => digits.iter().all(u8::is_ascii_digit),
    };
    if numeric {
        return super::ip::parse_v4(host)
            .map(Host::Ipv4)
            .ok_or(Problem::NumericHost);
    }
    if host.len() > 253 || !name.valid {
        return Err(Problem::InvalidHost);
    }
    // Only `xn--` labels can hold right-to-left text, which the bidi rule
    // judges the other labels by.
    if name.international {
        super::idna::check_host(host).map_err(|problem| match problem {
            super::idna::Problem::Punycode => Problem::InvalidPunycode,
            super::idna::Problem::Label => Problem::InvalidInternationalName,
            super::idna::Problem::Bidi => Problem::BidiHost,
        })?;
    }
    Ok(Host::Domain(if name.upper {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    }))
}

/// The path, query and fragment: URL code points and `%XX` escapes only,
/// one `#` at most.
fn check_tail(tail: &str) -> Result<(), Problem> {
    let bytes = tail.as_bytes();
    let mut in_fragment = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if super::byte_class(b) & super::URL_CODE_POINT != 0 {
            continue;
        }
        match b {
            b'%' => {
                let hex = |i| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
                if !(hex(i) && hex(i + 1)) {
                    return Err(Problem::BadPercentEncoding);
                }
                i += 2;
            }
            b'#' if !in_fragment => in_fragment = true,
            // The other URL code points: from U+00A0, not noncharacters.
            0x80.. => {
                let c = tail.get(i - 1..).and_then(|rest| rest.chars().next());
                match c {
                    Some(c) if c >= '\u{A0}' && !is_noncharacter(c) => i += c.len_utf8() - 1,
                    _ => return Err(Problem::InvalidCharacter),
                }
            }
            _ => return Err(Problem::InvalidCharacter),
        }
    }
    Ok(())
}

fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE
}

/// What else a URL must be, besides well written.
///
/// A URL a server will fetch (a webhook) can be pointed at the server's own
/// network: `http://127.0.0.1:8080/admin`, `https://[::ffff:10.0.0.1]/`.
/// [`Policy::PublicHttps`] refuses that (OWASP's advice against server-side
/// request forgery): `https` only, and no host that is not on the public
/// internet: an address that is not globally reachable in any spelling, or
/// a special-use name. Names are judged as
/// written: a name that resolves to a private address can only be caught
/// when it is resolved, at fetch time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Policy {
    /// Any well-written http(s) URL.
    #[default]
    Any,
    /// `https`, with a host on the public internet.
    PublicHttps,
}

/// Which URL fields get which [`Policy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrlPolicy {
    /// URLs the customer's browser is sent to. Default: [`Policy::Any`],
    /// since a browser fetching `http://localhost` harms no server.
    pub redirects: Policy,
    /// URLs a server fetches (webhooks). Default: [`Policy::PublicHttps`].
    pub webhooks: Policy,
}

impl Default for UrlPolicy {
    fn default() -> UrlPolicy {
        UrlPolicy {
            redirects: Policy::Any,
            webhooks: Policy::PublicHttps,
        }
    }
}

impl Host<'_> {
    /// Whether the host is on the public internet: an address that is
    /// [globally reachable](super::ip::is_global), or a name that is not
    /// special-use (see [`Host::not_public`]).
    #[cfg(test)]
    pub fn is_public(&self) -> bool {
        self.not_public().is_none()
    }

    /// Why the host is not on the public internet, if it is not.
    ///
    /// Special-use names: `localhost` and names under it, `.local`
    /// (multicast DNS, RFC 6762), `.home.arpa` (RFC 8375), `.internal`
    /// (ICANN's, for private networks: `metadata.google.internal`),
    /// `.invalid` and `.test` (RFC 6761), `.onion` (RFC 7686), `.alt`
    /// (RFC 9476), and names of one label, which resolvers complete with the
    /// server's own search domains. Compared without regard to case, with or
    /// without a final dot. `.example` and `example.com` stay public, as
    /// the documentation ranges do.
    pub fn not_public(&self) -> Option<NotPublic> {
        match self {
            Host::Domain(name) => special_use_name(name),
            Host::Ipv4(ip) => super::ip::not_global(IpAddr::V4(*ip)).map(NotPublic::Address),
            Host::Ipv6(ip) => super::ip::not_global(IpAddr::V6(*ip)).map(NotPublic::Address),
        }
    }
}

/// Why a host is not on the public internet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotPublic {
    /// An address that is not globally reachable.
    Address(super::ip::NotGlobal),
    /// A special-use name: the suffix it is or is under (`local`,
    /// `internal`…).
    Name(&'static str),
    /// A name of one label, which resolvers complete with the server's own
    /// search domains.
    OneLabel,
}

impl NotPublic {
    /// The reason in words: "a special-use name (.internal)".
    #[cfg(test)]
    pub fn describe(&self) -> String {
        let mut out = String::new();
        crate::message::Piece::push_to(self, &mut out);
        out
    }
}

impl crate::message::Piece for NotPublic {
    fn push_to(&self, out: &mut String) {
        match *self {
            NotPublic::Address(why) => why.push_to(out),
            NotPublic::Name(suffix) => {
                out.push_str("a special-use name (.");
                out.push_str(suffix);
                out.push(')');
            }
            NotPublic::OneLabel => {
                out.push_str("a one-label name, completed by the server's search domains");
            }
        }
    }
}

/// The special-use suffix `name` is or is under: `localhost` (RFC 6761),
/// `local` (RFC 6762), `home.arpa` (RFC 8375), `internal` (ICANN's, for
/// private networks), `invalid` and `test` (RFC 6761), `onion` (RFC 7686),
/// `alt` (RFC 9476).
fn special_use_name(name: &str) -> Option<NotPublic> {
    const SUFFIXES: &[&str] = &[
        "localhost",
        "local",
        "home.arpa",
        "internal",
        "invalid",
        "test",
        "onion",
        "alt",
    ];
    let name = name.strip_suffix('.').unwrap_or(name);
    let found = SUFFIXES.iter().find(|suffix| {
        let head = name.len().wrapping_sub(suffix.len());
        name.get(head..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix))
            && (head == 0 || name.as_bytes().get(head.wrapping_sub(1)) == Some(&b'.'))
    });
    match found {
        Some(suffix) => Some(NotPublic::Name(suffix)),
        None => (!name.as_bytes().contains(&b'.')).then_some(NotPublic::OneLabel),
    }
}

/// Applies `policy` to a URL's parts.
pub fn check_policy(parts: &Parts<'_>, policy: Policy, at: At<'_>) -> Result<(), Violation> {
    if policy == Policy::Any {
        return Ok(());
    }
    let name = at.name();
    if !parts.https {
        return Err(at.violation(
            Code::InsecureUrl,
            msg!(
                "`",
                name,
                "` must use https: a server fetches it, and http can be read and changed on the way"
            ),
        ));
    }
    if let Some(why) = parts.host.not_public() {
        return Err(at.violation(
            Code::PrivateAddress,
            msg!(
                "`",
                name,
                "`'s host is ",
                why,
                "; a server fetches it, so it must be on the public internet"
            ),
        ));
    }
    Ok(())
}

/// Checks that `s` is an absolute http(s) URL; returns its parts.
pub fn check<'s>(s: &'s str, at: At<'_>) -> Result<Parts<'s>, Violation> {
    let name = at.name();
    // A character is at least a byte: a URL of at most MAX_CHARS bytes is
    // not counted.
    let chars = if s.len() > MAX_CHARS {
        crate::utf8::char_count(s)
    } else {
        s.len()
    };
    if chars > MAX_CHARS {
        return Err(at
            .violation(
                Code::TooLong,
                msg!(
                    "`",
                    name,
                    "` must be at most ",
                    MAX_CHARS,
                    " characters; it has ",
                    chars
                ),
            )
            .with("max", MAX_CHARS)
            .with("actual", chars));
    }
    parse(s).map_err(|problem| {
        let reason = match problem {
            Problem::Scheme => {
                let scheme = s.split(':').next().unwrap_or_default();
                msg!("the scheme is `", scheme, ":`; ", problem.describe())
            }
            other => String::from(other.describe()),
        };
        at.violation(
            Code::InvalidUrl,
            msg!(
                "`",
                name,
                "` must be an absolute https or http URL: ",
                reason
            ),
        )
        .with("reason", reason)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    /// The example that documented `check`.
    #[test]
    fn the_documented_check() {
        use crate::rules::{At, url::check};

        assert!(check("https://merchant.example/return?order=1", At::body("/u")).is_ok());
        assert!(check("javascript:alert(1)", At::body("/u")).is_err());
        assert!(check("https://user@evil.example/", At::body("/u")).is_err());
        assert!(check("https://exa\tmple.com/", At::body("/u")).is_err());
    }

    fn problem(s: &str) -> Option<Problem> {
        parse(s).err()
    }

    #[test]
    fn host_names_are_borrowed_unless_lowered() {
        let lower = parse("https://shop.example/pay").unwrap();
        assert!(matches!(
            lower.host,
            Host::Domain(Cow::Borrowed("shop.example"))
        ));
        let upper = parse("https://Shop.Example/pay").unwrap();
        assert_eq!(upper.host, Host::Domain(Cow::Owned("shop.example".into())));
    }

    #[test]
    fn accepted() {
        for s in [
            "https://merchant-website.com/payment-complete",
            "http://localhost:8080/cb",
            "https://merchant.example/return?order=ORD-1&x=%20#top",
            "https://xn--bcher-kva.example/",
            "https://[2001:db8::1]/",
            "https://[2001:db8::1]:8443/x",
            "https://203.0.113.7/",
            "HTTPS://EXAMPLE.COM",
            "https://example.com:/",
            "https://example.com:0443/",
            "https://example.com?q",
            "https://example.com#f",
            "https://example.com/caf\u{e9}/\u{1f600}",
            "https://example.com/a?b=c/d?e#f?g/h",
        ] {
            assert_eq!(problem(s), None, "{s}");
        }
    }

    #[test]
    fn refused() {
        for (s, expected) in [
            ("", Problem::Relative),
            ("/relative/path", Problem::Relative),
            ("example.com/path", Problem::Relative),
            ("javascript:alert(1)", Problem::Scheme),
            ("data:text/html,hi", Problem::Scheme),
            ("ftp://example.com/", Problem::Scheme),
            ("mailto:a@example.com", Problem::Scheme),
            ("https://user:pass@example.com/", Problem::Credentials),
            ("https://good.example@evil.example/", Problem::Credentials),
            ("https://exa\tmple.com/", Problem::TabOrNewline),
            ("https://example.com/a\nb", Problem::TabOrNewline),
            (" https://example.com/", Problem::SurroundingWhitespace),
            ("https://example.com/\u{0}", Problem::SurroundingWhitespace),
            ("https:\\\\example.com\\", Problem::Backslash),
            ("https:example.com", Problem::NoDoubleSlash),
            ("https:/example.com", Problem::NoDoubleSlash),
            ("https://example.com/a b", Problem::InvalidCharacter),
            ("https://example.com/<x>", Problem::InvalidCharacter),
            ("https://example.com/a#b#c", Problem::InvalidCharacter),
            ("https://example.com/%zz", Problem::BadPercentEncoding),
            ("https://example.com/%4", Problem::BadPercentEncoding),
            // What follows an escape or a longer character is read too.
            ("https://example.com/ab%41<", Problem::InvalidCharacter),
            ("https://example.com/%20%zz", Problem::BadPercentEncoding),
            ("https://example.com/caf\u{e9}<", Problem::InvalidCharacter),
            ("https://example.com/\u{1f600} x", Problem::InvalidCharacter),
            ("https://", Problem::EmptyHost),
            ("https:///path", Problem::EmptyHost),
            ("https://exa mple.com/", Problem::InvalidHost),
            ("https://bücher.example/", Problem::InvalidHost),
            ("https://-bad.example/", Problem::InvalidHost),
            ("https://a..b/", Problem::InvalidHost),
            ("https://under_score.example/", Problem::InvalidHost),
            ("https://[::1/", Problem::InvalidHost),
            ("https://[fe80::1%25eth0]/", Problem::InvalidHost),
            ("https://2130706433/", Problem::NumericHost),
            ("https://0x7f.0.0.1/", Problem::NumericHost),
            ("https://a.0x1/", Problem::NumericHost),
            ("https://shop.0x/", Problem::NumericHost),
            ("https://127.1/", Problem::NumericHost),
            ("https://010.0.0.1/", Problem::NumericHost),
            ("https://256.0.0.1/", Problem::NumericHost),
            ("https://example.com:99999/", Problem::InvalidPort),
            ("https://example.com:65536/", Problem::InvalidPort),
            ("https://example.com:8a/", Problem::InvalidPort),
        ] {
            assert_eq!(problem(s), Some(expected), "{s:?}");
        }
        let long = format!("https://example.com/{}", "a".repeat(MAX_CHARS));
        assert_eq!(
            check(&long, At::body("/u")).unwrap_err().code,
            Code::TooLong
        );
        // At the limits: 2,048 characters, a host of 253.
        let head = "https://example.com/";
        let longest = format!("{head}{}", "a".repeat(MAX_CHARS - head.len()));
        assert!(check(&longest, At::body("/u")).is_ok());
        assert!(check(&format!("{longest}a"), At::body("/u")).is_err());
        // Characters, not bytes: 2,048 of them in more bytes are accepted.
        let wide = format!("{head}{}", "\u{e9}".repeat(MAX_CHARS - head.len()));
        assert!(wide.len() > MAX_CHARS);
        assert!(check(&wide, At::body("/u")).is_ok());
        let too_long = check(&format!("{wide}\u{e9}"), At::body("/u")).unwrap_err();
        assert_eq!(too_long.code, Code::TooLong);
        assert!(
            too_long.message.ends_with("it has 2049"),
            "{}",
            too_long.message
        );
        let host = |len: usize| {
            let labels = "a".repeat(63) + ".";
            let mut name = labels.repeat(4);
            name.truncate(len);
            name.push('b');
            format!("https://{name}/")
        };
        assert_eq!(problem(&host(252)), None);
        assert_eq!(problem(&host(253)), Some(Problem::InvalidHost));
        assert_eq!(problem("1https://example.com/"), Some(Problem::Relative));
        // Noncharacters are not URL code points; their neighbours are.
        for c in [
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert_eq!(
                problem(&format!("https://example.com/{c}")),
                Some(Problem::InvalidCharacter),
                "{c:?}"
            );
        }
        for c in ['\u{fdcf}', '\u{fdf0}', '\u{fffd}', '\u{1fffd}'] {
            assert_eq!(problem(&format!("https://example.com/{c}")), None, "{c:?}");
        }
    }

    /// A tab, a line break or `\` is named wherever it is, before any
    /// other problem (they are looked for only once the reading failed,
    /// so this holds only if each fails some step of it).
    #[test]
    fn repaired_bytes_are_named_wherever_they_are() {
        for url in [
            "https://merchant.example:8443/return?order=1#top",
            "http://[2001:db8::1]:80/a",
            "https://203.0.113.7./x",
            "https://xn--bcher-kva.example/%20",
            "ftp://user@example.com:99999/a b",
        ] {
            for (i, _) in url.char_indices().skip(1) {
                for (byte, expected) in [
                    ('\t', Problem::TabOrNewline),
                    ('\n', Problem::TabOrNewline),
                    ('\r', Problem::TabOrNewline),
                    ('\\', Problem::Backslash),
                ] {
                    let mut s = String::from(url);
                    s.insert(i, byte);
                    assert_eq!(problem(&s), Some(expected), "{s:?}");
                    s.insert(0, '\\');
                    assert_eq!(problem(&s), Some(expected), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn each_problem_is_described_in_the_violation() {
        let at = At::body("/u");
        for (s, problem) in [
            ("/x", Problem::Relative),
            ("https://user@example.com/", Problem::Credentials),
            ("https://xn--b.example/", Problem::InvalidPunycode),
        ] {
            let v = check(s, at).unwrap_err();
            let reason = problem.describe();
            assert!(!reason.is_empty());
            assert_eq!(
                v.param("reason"),
                Some(&crate::violation::Param::Text(reason.into()))
            );
            assert!(v.message.ends_with(reason), "{}", v.message);
        }
        assert_eq!(
            Problem::Relative.describe(),
            "it is relative; start it with https://"
        );
        assert!(
            check("/x", at)
                .unwrap_err()
                .message
                .ends_with("it is relative; start it with https://")
        );
    }

    #[test]
    fn public_hosts() {
        let public = |s: &str| parse(s).unwrap().host.is_public();
        for ok in [
            "https://merchant.example/",
            "https://8.8.8.8/",
            "https://[2001:4860::8888]/",
            "https://203.0.113.7/",
        ] {
            assert!(public(ok), "{ok}");
        }
        for internal in [
            "https://localhost/",
            "https://api.localhost/",
            "https://127.0.0.1/",
            "https://10.1.2.3/",
            "https://172.16.0.1/",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data/",
            "https://0.0.0.0/",
            "https://100.64.0.1/",
            "https://255.255.255.255/",
            "https://224.0.0.1/",
            "https://[::1]/",
            "https://[::]/",
            "https://[fe80::1]/",
            "https://[fd00::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:10.0.0.1]/",
            "https://[64:ff9b::7f00:1]/",
            "https://[::127.0.0.1]/",
            "https://[2002:7f00:1::]/",
            "https://[2002:c0a8:101::1]/",
            "https://[64:ff9b:1::a9fe:a9fe]/",
            "https://[fec0::1]/",
            "https://[2001:0:4136:e378:8000:63bf:3f57:fefe]/",
            "https://192.0.0.8/",
            "https://198.18.0.1/",
            "https://240.0.0.1/",
            "https://[100::1]/",
            "https://[2001:2::1]/",
            "https://printer.local/",
            "https://metadata.google.internal/computeMetadata/v1/",
            "https://router.home.arpa/",
            "https://intranet/",
        ] {
            assert!(!public(internal), "{internal}");
        }
        let at = At::body("/callbackUrl");
        let code =
            |s: &str| check_policy(&parse(s).unwrap(), Policy::PublicHttps, at).map_err(|v| v.code);
        assert_eq!(code("https://merchant.example/hook"), Ok(()));
        assert_eq!(code("http://merchant.example/hook"), Err(Code::InsecureUrl));
        assert_eq!(code("https://127.0.0.1/hook"), Err(Code::PrivateAddress));
        let refused = check_policy(
            &parse("https://[2002:7f00:1::]/").unwrap(),
            Policy::PublicHttps,
            at,
        )
        .unwrap_err();
        assert_eq!(
            refused.message,
            "`callbackUrl`'s host is a 6to4 address carrying 127.0.0.1, a loopback address; a \
             server fetches it, so it must be on the public internet"
        );
        let refused = check_policy(
            &parse("https://Metadata.Google.Internal/").unwrap(),
            Policy::PublicHttps,
            at,
        )
        .unwrap_err();
        assert_eq!(
            refused.message,
            "`callbackUrl`'s host is a special-use name (.internal); a server fetches it, so it \
             must be on the public internet"
        );
        let refused = check_policy(
            &parse("https://intranet/").unwrap(),
            Policy::PublicHttps,
            at,
        )
        .unwrap_err();
        assert_eq!(
            refused.message,
            "`callbackUrl`'s host is a one-label name, completed by the server's search domains; \
             a server fetches it, so it must be on the public internet"
        );
        assert_eq!(
            check_policy(&parse("http://127.0.0.1/").unwrap(), Policy::Any, at),
            Ok(())
        );
    }

    /// Special-use names, at every edge: the name itself, a name under it,
    /// any case, a final dot, and look-alikes that are public.
    #[test]
    fn special_use_names() {
        let domain = |name: &'static str| Host::Domain(Cow::Borrowed(name)).not_public();
        for (name, suffix) in [
            ("localhost", "localhost"),
            ("LOCALHOST.", "localhost"),
            ("api.localhost", "localhost"),
            ("printer.local", "local"),
            ("Printer.LOCAL.", "local"),
            ("router.home.arpa", "home.arpa"),
            ("home.arpa", "home.arpa"),
            ("metadata.google.internal", "internal"),
            ("a.b.internal.", "internal"),
            ("x.invalid", "invalid"),
            ("shop.test", "test"),
            (
                "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion",
                "onion",
            ),
            ("name.alt", "alt"),
        ] {
            assert_eq!(domain(name), Some(NotPublic::Name(suffix)), "{name}");
        }
        for one_label in ["intranet", "metadata", "intranet.", "ai."] {
            assert_eq!(domain(one_label), Some(NotPublic::OneLabel), "{one_label}");
        }
        assert_eq!(
            domain("metadata.google.internal").unwrap().describe(),
            "a special-use name (.internal)"
        );
        assert_eq!(
            NotPublic::OneLabel.describe(),
            "a one-label name, completed by the server's search domains"
        );
        for public in [
            "merchant.example",
            "example.com",
            "example.net",
            "example.org",
            "www.example",
            "notlocalhost.com",
            "localhost.example.com",
            "local.example",
            "mylocal.example",
            "internal.example.com",
            "testing.com",
            "test.com",
            "alt.com",
            "onion.com",
            "myhome.arpa",
            "arpa.example",
            "shop.example.",
        ] {
            assert_eq!(domain(public), None, "{public}");
        }
    }

    #[test]
    fn parts() {
        let p = parse("https://[::ffff:127.0.0.1]:8443/").unwrap();
        assert_eq!(p.port, Some(8443));
        assert!(matches!(p.host, Host::Ipv6(_)));
        let p = parse("http://Merchant.EXAMPLE").unwrap();
        assert_eq!(p.host, Host::Domain("merchant.example".into()));
        assert!(!p.https);
        assert_eq!(
            parse("https://example.com:65535").unwrap().port,
            Some(65535)
        );
    }
}
