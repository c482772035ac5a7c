//! IP addresses: IPv4 in dotted decimal without leading zeros, or IPv6 in
//! RFC 4291 text form, without zone index or brackets: exactly what
//! `core::net` parses, which rejects the ambiguous octal-looking `010.0.0.1`.
//!
//! Read and written here rather than with `core::net`'s `FromStr` and
//! `Display`, which cost 2 KB of the WebAssembly package gzipped; a test
//! holds both to `core::net`'s answers on thousands of generated strings.

use alloc::string::String;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::At;
use crate::message::msg;
use crate::report::{Code, Violation};

/// Checks an IP address; returns it parsed.
///
/// ```
/// use checkout_rules::rules::{ip::check, At};
///
/// assert!(check("203.0.113.42", At::body("/ip")).is_ok());
/// assert!(check("2001:db8::42", At::body("/ip")).is_ok());
/// assert!(check("010.0.0.1", At::body("/ip")).is_err());
/// ```
pub fn check(s: &str, at: At<'_>) -> Result<IpAddr, Violation> {
    parse(s).ok_or_else(|| {
        at.violation(
            Code::InvalidIp,
            msg!("`", at.name(), "` must be an IPv4 address such as 203.0.113.42 or an IPv6 address such as 2001:db8::42"),
        )
    })
}

/// An IPv4 or IPv6 address, as `core::net::IpAddr::from_str` reads it.
pub(crate) fn parse(s: &str) -> Option<IpAddr> {
    parse_v4(s)
        .map(IpAddr::V4)
        .or_else(|| parse_v6(s).map(IpAddr::V6))
}

/// An IPv4 address: four decimal parts of at most three digits, no leading
/// zero, each at most 255.
pub(crate) fn parse_v4(s: &str) -> Option<Ipv4Addr> {
    let mut reader = Reader(s.as_bytes());
    let address = reader.v4()?;
    reader.0.is_empty().then_some(address)
}

/// An IPv6 address, as `core::net::Ipv6Addr::from_str` reads it.
pub(crate) fn parse_v6(s: &str) -> Option<Ipv6Addr> {
    let mut reader = Reader(s.as_bytes());
    let address = reader.v6()?;
    reader.0.is_empty().then_some(address)
}

/// The unread rest of the text. Each read either succeeds and moves on or
/// fails and leaves the rest as it was, as `core::net`'s parser does.
struct Reader<'s>(&'s [u8]);

impl Reader<'_> {
    fn attempt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let rest = self.0;
        let result = read(self);
        if result.is_none() {
            self.0 = rest;
        }
        result
    }

    fn byte(&mut self, wanted: u8) -> Option<()> {
        let (&first, rest) = self.0.split_first()?;
        (first == wanted).then(|| self.0 = rest)
    }

    /// A number of one to `max_digits` digits in `radix` that fits `max`;
    /// more digits fail the whole number.
    fn number(
        &mut self,
        radix: u32,
        max_digits: usize,
        max: u32,
        zero_prefix: bool,
    ) -> Option<u32> {
        self.attempt(|r| {
            let leading_zero = r.0.first() == Some(&b'0');
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(digit) = r.0.first().and_then(|&b| char::from(b).to_digit(radix)) {
                r.0 = &r.0[1..];
                value = value * radix + digit;
                digits += 1;
                if digits > max_digits || value > max {
                    return None;
                }
            }
            let refused = digits == 0 || (!zero_prefix && leading_zero && digits > 1);
            (!refused).then_some(value)
        })
    }

    fn v4(&mut self) -> Option<Ipv4Addr> {
        self.attempt(|r| {
            let mut octets = [0u8; 4];
            for (i, octet) in octets.iter_mut().enumerate() {
                if i > 0 {
                    r.byte(b'.')?;
                }
                *octet = u8::try_from(r.number(10, 3, 255, false)?).ok()?;
            }
            Some(Ipv4Addr::from(octets))
        })
    }

    /// Up to `groups.len()` groups separated by `:`, the last two of which
    /// may be an embedded IPv4 address; how many were read and whether the
    /// last were IPv4.
    fn groups(&mut self, groups: &mut [u16]) -> (usize, bool) {
        let limit = groups.len();
        let mut i = 0;
        while i < limit {
            if i + 1 < limit {
                let v4 = self.attempt(|r| {
                    if i > 0 {
                        r.byte(b':')?;
                    }
                    r.v4()
                });
                if let Some(v4) = v4 {
                    let [a, b, c, d] = v4.octets();
                    groups[i] = u16::from_be_bytes([a, b]);
                    groups[i + 1] = u16::from_be_bytes([c, d]);
                    return (i + 2, true);
                }
            }
            let group = self.attempt(|r| {
                if i > 0 {
                    r.byte(b':')?;
                }
                r.number(16, 4, 0xffff, true)
            });
            match group.and_then(|g| u16::try_from(g).ok()) {
                Some(g) => groups[i] = g,
                None => return (i, false),
            }
            i += 1;
        }
        (i, false)
    }

    fn v6(&mut self) -> Option<Ipv6Addr> {
        self.attempt(|r| {
            let mut head = [0u16; 8];
            let (head_size, head_v4) = r.groups(&mut head);
            if head_size == 8 {
                return Some(Ipv6Addr::from(head));
            }
            // An embedded IPv4 address ends the address; `::` cannot follow.
            if head_v4 {
                return None;
            }
            r.byte(b':')?;
            r.byte(b':')?;
            let mut tail = [0u16; 7];
            let limit = 8 - (head_size + 1);
            let (tail_size, _) = r.groups(&mut tail[..limit]);
            head[8 - tail_size..].copy_from_slice(&tail[..tail_size]);
            Some(Ipv6Addr::from(head))
        })
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
    let groups = |out: &mut String, part: &[u16]| {
        for (i, &segment) in part.iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            push_number(out, u32::from(segment), 16);
        }
    };
    if best_len < 2 {
        groups(out, &segments);
        return;
    }
    groups(out, &segments[..best_start]);
    out.push_str("::");
    groups(out, &segments[best_start + best_len..]);
}

/// `value` in `radix` (10 or 16), lower case, no leading zeros.
fn push_number(out: &mut String, value: u32, radix: u32) {
    let mut digits = [0u8; 10];
    let (mut at, mut rest) = (digits.len(), value);
    loop {
        at -= 1;
        digits[at] = char::from_digit(rest % radix, radix).map_or(b'0', |c| c as u8);
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
