//! IP addresses: IPv4 in dotted decimal without leading zeros, or IPv6 in
//! RFC 4291 text form, without zone index or brackets: exactly what
//! `core::net` parses, which rejects the ambiguous octal-looking `010.0.0.1`.
//!
//! Read and written here rather than with `core::net`'s `FromStr` and
//! `Display`, which cost 2 KB of the WebAssembly package gzipped; a test
//! holds both to `core::net`'s answers on thousands of generated strings.
//!
//! [`is_global`] says whether an address is reachable on the public
//! internet, in any spelling: the one judgement behind webhook hosts and end
//! users' addresses.

use alloc::string::String;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::At;
use crate::message::msg;
use crate::violation::{Code, Violation};

/// Checks an IP address; returns it parsed.
pub fn check(s: &str, at: At<'_>) -> Result<IpAddr, Violation> {
    parse(s).ok_or_else(|| {
        at.violation(
            Code::InvalidIp,
            msg!("`", at.name(), "` must be an IPv4 address such as 203.0.113.42 or an IPv6 address such as 2001:db8::42"),
        )
    })
}

/// Checks the address of an end user, as a server saw it: well formed (see
/// [`check`]) and [globally reachable](is_global). An address on the
/// sender's own network is refused: it is almost always a proxy's or a load
/// balancer's, sent where the client's belongs.
pub fn check_public(s: &str, at: At<'_>) -> Result<IpAddr, Violation> {
    let ip = check(s, at)?;
    let Some(why) = not_global(ip) else {
        return Ok(ip);
    };
    Err(at.violation(
        Code::PrivateAddress,
        msg!(
            "`",
            at.name(),
            "` is ",
            s,
            ", ",
            why,
            ", which no end user has: probably a proxy's or load balancer's, sent for the \
             client's (see X-Forwarded-For)"
        ),
    ))
}

/// A kind of address that is not globally reachable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// `0.0.0.0/8`, "this host on this network", `0.0.0.0` among them.
    ThisNetwork,
    /// `::`.
    Unspecified,
    /// `127.0.0.0/8` or `::1`.
    Loopback,
    /// `10/8`, `172.16/12`, `192.168/16` (RFC 1918).
    PrivateUse,
    /// `100.64.0.0/10`, carrier-grade NAT (RFC 6598).
    Shared,
    /// `169.254.0.0/16` or `fe80::/10`.
    LinkLocal,
    /// `192.0.0.0/24` or `2001::/23`, but for the globally reachable
    /// assignments inside them.
    IetfProtocol,
    /// `198.18.0.0/15` or `2001:2::/48`.
    Benchmarking,
    /// `224.0.0.0/4` or `ff00::/8`.
    Multicast,
    /// `240.0.0.0/4`.
    Reserved,
    /// `255.255.255.255`.
    Broadcast,
    /// `100::/64` (RFC 6666).
    DiscardOnly,
    /// `100:0:0:1::/64`.
    Dummy,
    /// `64:ff9b:1::/48`, NAT64 inside one network (RFC 8215).
    LocalNat64,
    /// `5f00::/16`, segment-routing identifiers (RFC 9602).
    SegmentRouting,
    /// `fc00::/7` (RFC 4193).
    UniqueLocal,
    /// `fec0::/10`, deprecated (RFC 3879) but still meaning "this site".
    SiteLocal,
}

impl Kind {
    /// With its article, before " address".
    fn words(self) -> &'static str {
        match self {
            Kind::ThisNetwork => "a \"this network\"",
            Kind::Unspecified => "the unspecified",
            Kind::Loopback => "a loopback",
            Kind::PrivateUse => "a private-use",
            Kind::Shared => "a carrier-grade NAT",
            Kind::LinkLocal => "a link-local",
            Kind::IetfProtocol => "an IETF protocol",
            Kind::Benchmarking => "a benchmarking",
            Kind::Multicast => "a multicast",
            Kind::Reserved => "a reserved",
            Kind::Broadcast => "the broadcast",
            Kind::DiscardOnly => "a discard-only",
            Kind::Dummy => "a dummy",
            Kind::LocalNat64 => "a local-use NAT64",
            Kind::SegmentRouting => "a segment-routing",
            Kind::UniqueLocal => "a unique-local",
            Kind::SiteLocal => "a site-local",
        }
    }
}

/// An IPv6 address that stands for an IPv4 address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Form {
    /// `::ffff:a.b.c.d`.
    Mapped,
    /// `::a.b.c.d`, deprecated (RFC 4291).
    Compatible,
    /// `2002:AABB:CCDD::/48` (RFC 3056).
    SixToFour,
    /// `64:ff9b::a.b.c.d` (RFC 6052).
    Nat64,
    /// `64:ff9b:1::a.b.c.d` (RFC 8215).
    LocalNat64,
    /// Teredo (`2001::/32`, RFC 4380), its server's address.
    TeredoServer,
    /// Teredo, its client's address.
    TeredoClient,
}

impl Form {
    /// With its article, before " address carrying".
    fn words(self) -> &'static str {
        match self {
            Form::Mapped => "an IPv4-mapped",
            Form::Compatible => "an IPv4-compatible",
            Form::SixToFour => "a 6to4",
            Form::Nat64 => "a NAT64",
            Form::LocalNat64 => "a local-use NAT64",
            Form::TeredoServer | Form::TeredoClient => "a Teredo",
        }
    }
}

/// Why an address is not globally reachable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotGlobal {
    /// It is in a range that is not.
    Range(Kind),
    /// It stands for an IPv4 address that is not.
    Carries(Form, Ipv4Addr, Kind),
}

impl NotGlobal {
    /// The reason in words: "a 6to4 address carrying 127.0.0.1, a loopback
    /// address".
    #[cfg(any(test, feature = "proptest"))]
    pub fn describe(&self) -> String {
        let mut out = String::new();
        crate::message::Piece::push_to(self, &mut out);
        out
    }
}

impl crate::message::Piece for NotGlobal {
    fn push_to(&self, out: &mut String) {
        let kind = match *self {
            NotGlobal::Range(kind) => kind,
            NotGlobal::Carries(form, v4, kind) => {
                out.push_str(form.words());
                out.push_str(" address carrying ");
                write_v4(v4, out);
                out.push_str(", ");
                kind
            }
        };
        out.push_str(kind.words());
        out.push_str(" address");
    }
}

/// Whether `ip` is reachable on the public internet: not in a range the IANA
/// IPv4 and IPv6 Special-Purpose Address Registries mark not globally
/// reachable, nor multicast or site-local, and, for an IPv6 address that
/// stands for an IPv4 address (IPv4-mapped, IPv4-compatible, 6to4, NAT64,
/// Teredo), that IPv4 address is.
///
/// The documentation ranges (`192.0.2.0/24`, `198.51.100.0/24`,
/// `203.0.113.0/24`, `2001:db8::/32`, `3fff::/20`) count as reachable,
/// although the registries say otherwise: providers' documents and examples
/// use them, and nothing answers there.
///
/// Written here rather than taken from `core::net`, whose `is_global` is
/// unstable; a test holds it to the registries and to Python's `ipaddress`
/// (`tests/special_addresses.rs`).
#[cfg(any(test, feature = "proptest"))]
pub fn is_global(ip: IpAddr) -> bool {
    not_global(ip).is_none()
}

/// Why `ip` is not [globally reachable](is_global), if it is not.
pub fn not_global(ip: IpAddr) -> Option<NotGlobal> {
    match ip {
        IpAddr::V4(v4) => kind_v4(v4).map(NotGlobal::Range),
        IpAddr::V6(v6) => not_global_v6(v6),
    }
}

/// A range: its first 64 bits as four groups, its prefix length, and its
/// kind, `None` for a globally reachable assignment inside another range.
/// Every range here is 64 bits long or shorter; the few single addresses
/// are matched in [`not_global_v6`]. 64 bits rather than 128: `u128`
/// arithmetic costs the WebAssembly build more than the table.
type Range = ([u16; 4], u8, Option<Kind>);

/// An IPv4 range, in the first 32 of the 64 bits.
const fn v4(a: u8, b: u8, c: u8, d: u8, len: u8, kind: Option<Kind>) -> Range {
    (
        [u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d]), 0, 0],
        len,
        kind,
    )
}

/// The IPv4 ranges that are not globally reachable, each listed before any
/// range that holds it, so that the first match is the most specific: the
/// IANA IPv4 Special-Purpose Address Registry, with multicast.
const V4_RANGES: &[Range] = &[
    v4(0, 0, 0, 0, 8, Some(Kind::ThisNetwork)),
    v4(10, 0, 0, 0, 8, Some(Kind::PrivateUse)),
    v4(100, 64, 0, 0, 10, Some(Kind::Shared)),
    v4(127, 0, 0, 0, 8, Some(Kind::Loopback)),
    v4(169, 254, 0, 0, 16, Some(Kind::LinkLocal)),
    v4(172, 16, 0, 0, 12, Some(Kind::PrivateUse)),
    // Port Control Protocol and TURN anycast.
    v4(192, 0, 0, 9, 32, None),
    v4(192, 0, 0, 10, 32, None),
    v4(192, 0, 0, 0, 24, Some(Kind::IetfProtocol)),
    v4(192, 168, 0, 0, 16, Some(Kind::PrivateUse)),
    v4(198, 18, 0, 0, 15, Some(Kind::Benchmarking)),
    v4(224, 0, 0, 0, 4, Some(Kind::Multicast)),
    v4(255, 255, 255, 255, 32, Some(Kind::Broadcast)),
    v4(240, 0, 0, 0, 4, Some(Kind::Reserved)),
];

/// As [`V4_RANGES`], from the IANA IPv6 Special-Purpose Address Registry,
/// with multicast and site-local. The forms that carry an IPv4 address, the
/// local-use NAT64 prefix among them, and the single addresses are matched
/// in [`not_global_v6`].
const V6_RANGES: &[Range] = &[
    ([0x100, 0, 0, 0], 64, Some(Kind::DiscardOnly)),
    ([0x100, 0, 0, 1], 64, Some(Kind::Dummy)),
    // AMT, AS112, ORCHIDv2, DRIP.
    ([0x2001, 3, 0, 0], 32, None),
    ([0x2001, 4, 0x112, 0], 48, None),
    ([0x2001, 0x20, 0, 0], 28, None),
    ([0x2001, 0x30, 0, 0], 28, None),
    ([0x2001, 2, 0, 0], 48, Some(Kind::Benchmarking)),
    ([0x2001, 0, 0, 0], 23, Some(Kind::IetfProtocol)),
    ([0x5f00, 0, 0, 0], 16, Some(Kind::SegmentRouting)),
    ([0xfc00, 0, 0, 0], 7, Some(Kind::UniqueLocal)),
    ([0xfe80, 0, 0, 0], 10, Some(Kind::LinkLocal)),
    ([0xfec0, 0, 0, 0], 10, Some(Kind::SiteLocal)),
    ([0xff00, 0, 0, 0], 8, Some(Kind::Multicast)),
];

/// The kind of the first range of `ranges` holding `bits` (the tables list
/// a range before any range that holds it), or `None` when none does or it
/// is globally reachable.
fn kind_in(ranges: &[Range], bits: u64) -> Option<Kind> {
    // Every length is 1 to 64 (a test checks), so the shift is in range.
    ranges
        .iter()
        .find(|&&(start, len, _)| (bits ^ start_bits(start)) >> (64 - u32::from(len)) == 0)
        .and_then(|&(_, _, kind)| kind)
}

fn start_bits([a, b, c, d]: [u16; 4]) -> u64 {
    u64::from(a) << 48 | u64::from(b) << 32 | u64::from(c) << 16 | u64::from(d)
}

fn kind_v4(ip: Ipv4Addr) -> Option<Kind> {
    kind_in(V4_RANGES, u64::from(u32::from(ip)) << 32)
}

fn not_global_v6(ip: Ipv6Addr) -> Option<NotGlobal> {
    let o = ip.octets();
    let high = u64::from_be_bytes([o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]]);
    let low = u64::from_be_bytes([o[8], o[9], o[10], o[11], o[12], o[13], o[14], o[15]]);
    let last = Ipv4Addr::new(o[12], o[13], o[14], o[15]);
    let (form, v4) = match (high, low >> 32) {
        (0, 0) if low == 0 => return Some(NotGlobal::Range(Kind::Unspecified)),
        (0, 0) if low == 1 => return Some(NotGlobal::Range(Kind::Loopback)),
        (0, 0) => (Form::Compatible, last),
        (0, 0xffff) => (Form::Mapped, last),
        (0x0064_ff9b_0000_0000, 0) => (Form::Nat64, last),
        // Port Control Protocol, TURN and DNS-SD anycast.
        (0x2001_0001_0000_0000, 0) if (1..=3).contains(&low) => return None,
        _ if high >> 48 == 0x2002 => (Form::SixToFour, Ipv4Addr::new(o[2], o[3], o[4], o[5])),
        // Teredo carries its server's address, and its client's inverted
        // (to survive NATs that rewrite addresses they find in packets).
        _ if high >> 32 == 0x2001_0000 => {
            let server = Ipv4Addr::new(o[4], o[5], o[6], o[7]);
            if let Some(kind) = kind_v4(server) {
                return Some(NotGlobal::Carries(Form::TeredoServer, server, kind));
            }
            (Form::TeredoClient, !last)
        }
        _ if high >> 16 == 0x0064_ff9b_0001 => (Form::LocalNat64, last),
        _ => return kind_in(V6_RANGES, high).map(NotGlobal::Range),
    };
    match kind_v4(v4) {
        Some(kind) => Some(NotGlobal::Carries(form, v4, kind)),
        // Local-use NAT64 is local whatever it carries.
        None if form == Form::LocalNat64 => Some(NotGlobal::Range(Kind::LocalNat64)),
        None => None,
    }
}

/// An IPv4 or IPv6 address, as `core::net::IpAddr::from_str` reads it.
pub(crate) fn parse(s: &str) -> Option<IpAddr> {
    parse_v4(s)
        .map(IpAddr::V4)
        .or_else(|| parse_v6(s).map(IpAddr::V6))
}

/// An IPv4 address: four decimal parts of one to three digits, no leading
/// zero, each at most 255.
pub(crate) fn parse_v4(s: &str) -> Option<Ipv4Addr> {
    v4_bytes(s.as_bytes())
}

// The readers below are single loops over the bytes: iterator adapters
// (`split`, `windows`) cost the WebAssembly build twice as much.

fn v4_bytes(text: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let (mut part, mut value, mut digits) = (0, 0u32, 0);
    for &b in text {
        if b == b'.' {
            *octets.get_mut(part)? = u8::try_from(value).ok().filter(|_| digits > 0)?;
            (part, value, digits) = (part + 1, 0, 0);
        } else {
            // A leading zero, or over 255 (so over three digits): refused.
            if !b.is_ascii_digit() || (digits > 0 && value == 0) {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
            digits += 1;
            if value > 255 {
                return None;
            }
        }
    }
    if part != 3 || digits == 0 {
        return None;
    }
    octets[3] = u8::try_from(value).ok()?;
    Some(Ipv4Addr::from(octets))
}

/// An IPv6 address, as `core::net::Ipv6Addr::from_str` reads it: eight
/// groups of one to four hex digits separated by `:`, or fewer with one
/// `::` standing for one or more zero groups; the last two groups may be
/// written as an IPv4 address.
pub(crate) fn parse_v6(s: &str) -> Option<Ipv6Addr> {
    let b = s.as_bytes();
    let mut groups = [0u16; 8];
    let (mut count, mut gap, mut i) = (0, None, 0);
    if b.starts_with(b"::") {
        (gap, i) = (Some(0), 2);
    }
    while i < b.len() {
        let start = i;
        let mut value = 0u16;
        while let Some(digit) = b.get(i).and_then(|&c| char::from(c).to_digit(16)) {
            if i - start == 4 {
                return None;
            }
            value = value << 4 | u16::try_from(digit).ok()?;
            i += 1;
        }
        if b.get(i) == Some(&b'.') {
            // An IPv4 address ends the address and is its last two groups.
            let [w, x, y, z] = v4_bytes(b.get(start..)?)?.octets();
            *groups.get_mut(count + 1)? = u16::from_be_bytes([y, z]);
            groups[count] = u16::from_be_bytes([w, x]);
            count += 2;
            break;
        }
        if i == start {
            return None;
        }
        *groups.get_mut(count)? = value;
        count += 1;
        match (b.get(i), b.get(i + 1), b.get(i + 2)) {
            (None, ..) => break,
            (Some(b':'), Some(b':'), next) if gap.is_none() => {
                gap = Some(count);
                i += 2;
                if next.is_none() {
                    break;
                }
            }
            (Some(b':'), Some(_), _) => i += 1,
            _ => return None,
        }
    }
    match gap {
        None if count == 8 => Some(Ipv6Addr::from(groups)),
        // `::` stands for at least one zero group: the groups after it move
        // to the end.
        Some(at) if count < 8 => {
            for j in (at..count).rev() {
                groups[j + 8 - count] = groups[j];
                groups[j] = 0;
            }
            Some(Ipv6Addr::from(groups))
        }
        _ => None,
    }
}

/// The address as `core::net` writes it: dotted decimal, or RFC 5952
/// (lower-case hex, the longest run of two or more zero groups as `::`,
/// an IPv4-mapped address with its IPv4 part dotted).
pub(crate) fn to_text(ip: IpAddr) -> String {
    let mut out = String::new();
    match ip {
        IpAddr::V4(v4) => write_v4(v4, &mut out),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => {
                out.push_str("::ffff:");
                write_v4(v4, &mut out);
            }
            None => write_v6(v6.segments(), &mut out),
        },
    }
    out
}

fn write_v4(v4: Ipv4Addr, out: &mut String) {
    for (i, octet) in v4.octets().into_iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        push_number(out, u32::from(octet), 10);
    }
}

fn write_v6(segments: [u16; 8], out: &mut String) {
    // The first longest run of zero groups, if two or more long.
    let (mut best_start, mut best_len, mut start, mut len) = (0, 0, 0, 0);
    for (i, &segment) in segments.iter().enumerate() {
        if segment == 0 {
            if len == 0 {
                start = i;
            }
            len += 1;
            if len > best_len {
                (best_start, best_len) = (start, len);
            }
        } else {
            len = 0;
        }
    }
    // Groups joined by `:`, the run written as `::`.
    let run = if best_len < 2 {
        9..9
    } else {
        best_start..best_start + best_len
    };
    for (i, &segment) in segments.iter().enumerate() {
        if i == run.start {
            out.push_str("::");
        }
        if run.contains(&i) {
            continue;
        }
        if i > 0 && i != run.end {
            out.push(':');
        }
        push_number(out, u32::from(segment), 16);
    }
}

/// `value` in `radix` (10 or 16), lower case, no leading zeros.
fn push_number(out: &mut String, value: u32, radix: u32) {
    let mut digits = [0u8; 10];
    let (mut at, mut rest) = (digits.len(), value);
    loop {
        at -= 1;
        digits[at] = b"0123456789abcdef"[(rest % radix) as usize];
        rest /= radix;
        if rest == 0 {
            break;
        }
    }
    out.push_str(core::str::from_utf8(&digits[at..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;
    use alloc::vec::Vec;

    /// The example that documented `check`.
    #[test]
    fn the_documented_check() {
        use crate::rules::{At, ip::check};

        assert!(check("203.0.113.42", At::body("/ip")).is_ok());
        assert!(check("2001:db8::42", At::body("/ip")).is_ok());
        assert!(check("010.0.0.1", At::body("/ip")).is_err());
    }

    /// The example that documented `check_public`.
    #[test]
    fn the_documented_check_public() {
        use crate::rules::{At, ip::check_public};

        assert!(check_public("203.0.113.42", At::body("/ip")).is_ok());
        assert!(check_public("10.1.2.3", At::body("/ip")).is_err());
        assert!(check_public("::ffff:127.0.0.1", At::body("/ip")).is_err());
    }

    /// The example that documented `is_global`.
    #[test]
    fn the_documented_is_global() {
        use crate::rules::ip::is_global;

        assert!(is_global("8.8.8.8".parse().unwrap()));
        assert!(is_global("203.0.113.42".parse().unwrap()));
        assert!(!is_global("192.168.1.1".parse().unwrap()));
        assert!(!is_global("2002:7f00:1::".parse().unwrap())); // 6to4 of 127.0.0.1
    }

    #[test]
    fn global_is_what_no_range_holds() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        for public in ["203.0.114.1", "8.8.8.8", "2606:4700::1111"] {
            assert!(is_global(ip(public)), "{public}");
        }
        for internal in ["127.0.0.1", "10.1.2.3", "::1", "fe80::1", "::ffff:10.0.0.1"] {
            assert!(!is_global(ip(internal)), "{internal}");
        }
    }

    /// Strings built from the characters addresses are made of, in every
    /// arrangement up to a length, plus every two-group neighbourhood of the
    /// interesting cases: reading must agree with `core::net` on all.
    fn generated() -> Vec<String> {
        let mut all = Vec::new();
        let alphabet = ['0', '1', '9', 'f', 'F', 'g', ':', '.'];
        let mut current = alloc::vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for s in &current {
                for c in alphabet {
                    let mut t = s.clone();
                    t.push(c);
                    next.push(t);
                }
            }
            all.extend(next.iter().cloned());
            current = next;
        }
        let parts = [
            "",
            "0",
            "00",
            "000",
            "0000",
            "00000",
            "1",
            "01",
            "10",
            "255",
            "256",
            "ffff",
            "FFFF",
            "12345",
            "1.2.3.4",
            "01.2.3.4",
            "255.255.255.255",
            "256.0.0.1",
            "1.2.3",
        ];
        for a in parts {
            for b in parts {
                for sep in [":", "::", "."] {
                    all.push(format!("{a}{sep}{b}"));
                    all.push(format!("1:2:3:4:5:6:{a}{sep}{b}"));
                    all.push(format!("1:2:3:4:5:{a}{sep}{b}"));
                    all.push(format!("::{a}{sep}{b}"));
                    all.push(format!("{a}{sep}{b}::"));
                    all.push(format!("{a}.{b}.1.2"));
                }
            }
        }
        all
    }

    #[test]
    fn reads_what_core_net_reads() {
        let cases = generated();
        assert!(cases.len() > 40_000);
        for s in &cases {
            assert_eq!(parse_v4(s), s.parse::<Ipv4Addr>().ok(), "v4 {s:?}");
            assert_eq!(parse_v6(s), s.parse::<Ipv6Addr>().ok(), "v6 {s:?}");
            assert_eq!(parse(s), s.parse::<IpAddr>().ok(), "ip {s:?}");
        }
    }

    proptest::proptest! {
        /// Random text of the characters addresses are made of, and random
        /// addresses in every spelling: read as `core::net` reads it.
        #[test]
        fn reads_random_text_as_core_net_does(s in "[0-9a-fA-F:.]{0,42}") {
            proptest::prop_assert_eq!(parse_v4(&s), s.parse::<Ipv4Addr>().ok());
            proptest::prop_assert_eq!(parse_v6(&s), s.parse::<Ipv6Addr>().ok());
        }

        #[test]
        fn reads_every_address_as_written(segments: [u16; 8], octets: [u8; 4]) {
            let v6 = Ipv6Addr::from(segments);
            proptest::prop_assert_eq!(parse_v6(&v6.to_string()), Some(v6));
            let v4 = Ipv4Addr::from(octets);
            proptest::prop_assert_eq!(parse_v4(&v4.to_string()), Some(v4));
            let mapped = alloc::format!("{}:{v4}", &v6.to_string());
            proptest::prop_assert_eq!(parse_v6(&mapped), mapped.parse::<Ipv6Addr>().ok());
        }
    }

    #[test]
    fn writes_what_core_net_writes() {
        // Every pattern of zero and non-zero groups, with mapped and
        // IPv4-compatible addresses among them.
        for pattern in 0u16..256 {
            for value in [1u16, 0xffff, 0x1234] {
                let segments: [u16; 8] =
                    core::array::from_fn(|i| if pattern & (1 << i) != 0 { value } else { 0 });
                let ip = IpAddr::V6(Ipv6Addr::from(segments));
                assert_eq!(to_text(ip), ip.to_string(), "{segments:?}");
            }
        }
        for ip in [
            "::ffff:1.2.3.4",
            "::ffff:0.0.0.0",
            "::1.2.3.4",
            "64:ff9b::1.2.3.4",
            "0.0.0.0",
            "203.0.113.42",
            "255.255.255.255",
        ] {
            let ip: IpAddr = ip.parse().unwrap();
            assert_eq!(to_text(ip), ip.to_string());
        }
    }

    fn global(s: &str) -> bool {
        is_global(s.parse().unwrap())
    }

    fn why(s: &str) -> Option<NotGlobal> {
        not_global(s.parse().unwrap())
    }

    /// Each range's first and last address, and the addresses just outside
    /// it, by hand from the registries (the oracle test covers them from
    /// the registry files).
    #[test]
    fn every_range_at_its_boundaries() {
        use Kind::*;
        let ranges: &[(&str, &str, &str, &str, Kind)] = &[
            // (just below, first, last, just above, kind)
            ("", "0.0.0.1", "0.255.255.255", "1.0.0.0", ThisNetwork),
            (
                "9.255.255.255",
                "10.0.0.0",
                "10.255.255.255",
                "11.0.0.0",
                PrivateUse,
            ),
            (
                "100.63.255.255",
                "100.64.0.0",
                "100.127.255.255",
                "100.128.0.0",
                Shared,
            ),
            (
                "126.255.255.255",
                "127.0.0.0",
                "127.255.255.255",
                "128.0.0.0",
                Loopback,
            ),
            (
                "169.253.255.255",
                "169.254.0.0",
                "169.254.255.255",
                "169.255.0.0",
                LinkLocal,
            ),
            (
                "172.15.255.255",
                "172.16.0.0",
                "172.31.255.255",
                "172.32.0.0",
                PrivateUse,
            ),
            (
                "191.255.255.255",
                "192.0.0.0",
                "192.0.0.8",
                "",
                IetfProtocol,
            ),
            ("", "192.0.0.11", "192.0.0.255", "192.0.1.0", IetfProtocol),
            (
                "192.167.255.255",
                "192.168.0.0",
                "192.168.255.255",
                "192.169.0.0",
                PrivateUse,
            ),
            (
                "198.17.255.255",
                "198.18.0.0",
                "198.19.255.255",
                "198.20.0.0",
                Benchmarking,
            ),
            (
                "223.255.255.255",
                "224.0.0.0",
                "239.255.255.255",
                "",
                Multicast,
            ),
            ("", "240.0.0.0", "255.255.255.254", "", Reserved),
            ("", "::", "::", "", Unspecified),
            ("", "::1", "::1", "", Loopback),
            (
                "64:ff9b:0:ffff:ffff:ffff:ffff:ffff",
                "64:ff9b:1::808:808",
                "64:ff9b:1:ffff:ffff:ffff:808:808",
                "64:ff9b:2::",
                LocalNat64,
            ),
            (
                "ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "100::",
                "100::ffff:ffff:ffff:ffff",
                "",
                DiscardOnly,
            ),
            (
                "",
                "100:0:0:1::",
                "100::1:ffff:ffff:ffff:ffff",
                "100:0:0:2::",
                Dummy,
            ),
            (
                "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "2001:1::",
                "2001:1::",
                "",
                IetfProtocol,
            ),
            (
                "",
                "2001:1::4",
                "2001:1:ffff:ffff:ffff:ffff:ffff:ffff",
                "",
                IetfProtocol,
            ),
            (
                "",
                "2001:2::",
                "2001:2:0:ffff:ffff:ffff:ffff:ffff",
                "",
                Benchmarking,
            ),
            (
                "",
                "2001:2:1::",
                "2001:2:ffff:ffff:ffff:ffff:ffff:ffff",
                "2001:3::",
                IetfProtocol,
            ),
            (
                "2001:3:ffff:ffff:ffff:ffff:ffff:ffff",
                "2001:4::",
                "2001:4:111:ffff:ffff:ffff:ffff:ffff",
                "2001:4:112::",
                IetfProtocol,
            ),
            (
                "2001:4:112:ffff:ffff:ffff:ffff:ffff",
                "2001:4:113::",
                "2001:1f:ffff:ffff:ffff:ffff:ffff:ffff",
                "2001:20::",
                IetfProtocol,
            ),
            (
                "2001:3f:ffff:ffff:ffff:ffff:ffff:ffff",
                "2001:40::",
                "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
                "2001:200::",
                IetfProtocol,
            ),
            (
                "5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "5f00::",
                "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "5f01::",
                SegmentRouting,
            ),
            (
                "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "fc00::",
                "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "fe00::",
                UniqueLocal,
            ),
            (
                "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "fe80::",
                "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "",
                LinkLocal,
            ),
            (
                "",
                "fec0::",
                "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "",
                SiteLocal,
            ),
            (
                "",
                "ff00::",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "",
                Multicast,
            ),
        ];
        for &(below, first, last, above, kind) in ranges {
            for inside in [first, last] {
                assert_eq!(why(inside), Some(NotGlobal::Range(kind)), "{inside}");
            }
            for outside in [below, above].into_iter().filter(|s| !s.is_empty()) {
                assert!(global(outside), "{outside}");
            }
        }
        // The single addresses.
        assert_eq!(why("0.0.0.0"), Some(NotGlobal::Range(ThisNetwork)));
        assert_eq!(why("255.255.255.255"), Some(NotGlobal::Range(Broadcast)));
        // Globally reachable assignments inside ranges that are not.
        for ok in [
            "192.0.0.9",
            "192.0.0.10",
            "2001:1::1",
            "2001:1::2",
            "2001:1::3",
            "2001:3::",
            "2001:3:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001:4:112::",
            "2001:4:112:ffff:ffff:ffff:ffff:ffff",
            "2001:20::",
            "2001:3f:ffff:ffff:ffff:ffff:ffff:ffff",
            // Outside every range: the terminated 6to4 relay anycast, AS112.
            "192.88.99.1",
            "192.31.196.1",
            "2620:4f:8000::1",
            "1.1.1.1",
            "2606:4700:4700::1111",
        ] {
            assert!(global(ok), "{ok}");
        }
    }

    /// The first match is the most specific only if no range comes after
    /// one that holds it; the lengths keep the shift in range.
    #[test]
    fn tables_list_each_range_before_the_ranges_holding_it() {
        for table in [V4_RANGES, V6_RANGES] {
            for (i, &(start, len, _)) in table.iter().enumerate() {
                assert!((1..=64).contains(&len), "{start:?}/{len}");
                for &(later, later_len, _) in &table[i + 1..] {
                    let holds = later_len > len
                        && kind_in(&[(start, len, Some(Kind::Reserved))], start_bits(later))
                            .is_some();
                    assert!(!holds, "{later:?}/{later_len} comes after {start:?}/{len}");
                }
            }
        }
    }

    #[test]
    fn documentation_ranges_are_accepted() {
        for doc in [
            "192.0.2.0",
            "192.0.2.255",
            "198.51.100.0",
            "198.51.100.255",
            "203.0.113.0",
            "203.0.113.42",
            "203.0.113.255",
            "2001:db8::",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
            "3fff::",
            "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff",
            "::ffff:203.0.113.42",
        ] {
            assert!(global(doc), "{doc}");
        }
    }

    /// Each IPv6 spelling of an IPv4 address is judged by that address:
    /// refused with a loopback, private or link-local one, accepted with a
    /// public one; the prefixes' own boundaries too.
    #[test]
    fn embedded_ipv4_is_judged_as_ipv4() {
        use Form::*;
        use Kind::*;
        let lo = Ipv4Addr::new(127, 0, 0, 1);
        let private = Ipv4Addr::new(192, 168, 1, 1);
        let metadata = Ipv4Addr::new(169, 254, 169, 254);
        for (s, expected) in [
            (
                "::ffff:127.0.0.1",
                Some(NotGlobal::Carries(Mapped, lo, Loopback)),
            ),
            (
                "::ffff:10.0.0.1",
                Some(NotGlobal::Carries(
                    Mapped,
                    Ipv4Addr::new(10, 0, 0, 1),
                    PrivateUse,
                )),
            ),
            (
                "::ffff:0.0.0.0",
                Some(NotGlobal::Carries(
                    Mapped,
                    Ipv4Addr::UNSPECIFIED,
                    ThisNetwork,
                )),
            ),
            ("::ffff:8.8.8.8", None),
            (
                "::127.0.0.1",
                Some(NotGlobal::Carries(Compatible, lo, Loopback)),
            ),
            (
                "::0.0.0.2",
                Some(NotGlobal::Carries(
                    Compatible,
                    Ipv4Addr::new(0, 0, 0, 2),
                    ThisNetwork,
                )),
            ),
            ("::8.8.8.8", None),
            (
                "::255.255.255.255",
                Some(NotGlobal::Carries(
                    Compatible,
                    Ipv4Addr::BROADCAST,
                    Broadcast,
                )),
            ),
            (
                "2002:7f00:1::",
                Some(NotGlobal::Carries(SixToFour, lo, Loopback)),
            ),
            (
                "2002:c0a8:101::1",
                Some(NotGlobal::Carries(SixToFour, private, PrivateUse)),
            ),
            (
                "2002:0:0::",
                Some(NotGlobal::Carries(
                    SixToFour,
                    Ipv4Addr::UNSPECIFIED,
                    ThisNetwork,
                )),
            ),
            (
                "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                Some(NotGlobal::Carries(
                    SixToFour,
                    Ipv4Addr::BROADCAST,
                    Broadcast,
                )),
            ),
            ("2002:808:808::1", None),
            ("2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", None),
            ("2003::", None),
            (
                "64:ff9b::7f00:1",
                Some(NotGlobal::Carries(Nat64, lo, Loopback)),
            ),
            (
                "64:ff9b::a9fe:a9fe",
                Some(NotGlobal::Carries(Nat64, metadata, LinkLocal)),
            ),
            ("64:ff9b::808:808", None),
            ("64:ff9b::1:0:0", None),
            (
                "64:ff9b:1::a9fe:a9fe",
                Some(NotGlobal::Carries(Form::LocalNat64, metadata, LinkLocal)),
            ),
            (
                "64:ff9b:1::",
                Some(NotGlobal::Carries(
                    Form::LocalNat64,
                    Ipv4Addr::UNSPECIFIED,
                    ThisNetwork,
                )),
            ),
            (
                "64:ff9b:1:ffff:ffff:ffff:ffff:ffff",
                Some(NotGlobal::Carries(
                    Form::LocalNat64,
                    Ipv4Addr::BROADCAST,
                    Broadcast,
                )),
            ),
            // Local-use NAT64 is not globally reachable whatever it carries.
            (
                "64:ff9b:1::808:808",
                Some(NotGlobal::Range(Kind::LocalNat64)),
            ),
            // Teredo: server 65.54.227.120, client 192.168.1.1 inverted.
            (
                "2001:0:4136:e378:8000:63bf:3f57:fefe",
                Some(NotGlobal::Carries(TeredoClient, private, PrivateUse)),
            ),
            // Server 10.0.0.1, client 8.8.8.8.
            (
                "2001:0:a00:1::f7f7:f7f7",
                Some(NotGlobal::Carries(
                    TeredoServer,
                    Ipv4Addr::new(10, 0, 0, 1),
                    PrivateUse,
                )),
            ),
            // Server 65.54.227.120, client 8.8.8.8.
            ("2001:0:4136:e378::f7f7:f7f7", None),
            // Server 0.0.0.0 and client 255.255.255.255 (inverted 0): the
            // server's is named first.
            (
                "2001::",
                Some(NotGlobal::Carries(
                    TeredoServer,
                    Ipv4Addr::UNSPECIFIED,
                    ThisNetwork,
                )),
            ),
            (
                "2001:0:ffff:ffff:ffff:ffff:ffff:ffff",
                Some(NotGlobal::Carries(
                    TeredoServer,
                    Ipv4Addr::BROADCAST,
                    Broadcast,
                )),
            ),
            ("2001:1::4", Some(NotGlobal::Range(IetfProtocol))),
        ] {
            assert_eq!(why(s), expected, "{s}");
        }
    }

    #[test]
    fn reasons_in_words() {
        assert_eq!(
            why("2002:7f00:1::").unwrap().describe(),
            "a 6to4 address carrying 127.0.0.1, a loopback address"
        );
        assert_eq!(
            why("2001:0:a00:1::f7f7:f7f7").unwrap().describe(),
            "a Teredo address carrying 10.0.0.1, a private-use address"
        );
        assert_eq!(why("fec0::1").unwrap().describe(), "a site-local address");
        let v = check_public("169.254.169.254", At::body("/ip")).unwrap_err();
        assert_eq!(v.code, Code::PrivateAddress);
        assert_eq!(
            v.message,
            "`ip` is 169.254.169.254, a link-local address, which no end user has: probably a \
             proxy's or load balancer's, sent for the client's (see X-Forwarded-For)"
        );
        // Malformed text is `invalid_ip` first.
        assert_eq!(
            check_public("10.0.0.256", At::body("/ip"))
                .unwrap_err()
                .code,
            Code::InvalidIp
        );
    }

    #[test]
    fn end_user_addresses() {
        for ok in [
            "203.0.113.42",
            "8.8.8.8",
            "2001:db8::42",
            "2a00:1450::1",
            "::ffff:8.8.8.8",
        ] {
            assert!(check_public(ok, At::body("/ip")).is_ok(), "{ok}");
        }
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.10",
            "169.254.169.254",
            "0.0.0.0",
            "::",
            "::1",
            "fe80::1",
            "::ffff:10.0.0.1",
            "100.64.0.1",
            "2002:c0a8:101::1",
            "64:ff9b::a00:1",
            "fd12:3456::1",
            "ff02::1",
        ] {
            let v = check_public(internal, At::body("/ip")).unwrap_err();
            assert_eq!(v.code, Code::PrivateAddress, "{internal}");
        }
    }

    #[test]
    fn strict_forms() {
        for ok in [
            "0.0.0.0",
            "255.255.255.255",
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "fe80::1",
        ] {
            assert!(check(ok, At::body("/ip")).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "256.0.0.1",
            "1.2.3",
            "1.2.3.4.5",
            "01.2.3.4",
            "1.2.3.4 ",
            " 1.2.3.4",
            "2130706433",
            "0x7f.0.0.1",
            "[::1]",
            "fe80::1%eth0",
            "1:2:3:4:5:6:7:8:9",
            "example.com",
        ] {
            assert!(check(bad, At::body("/ip")).is_err(), "{bad}");
        }
    }
}
