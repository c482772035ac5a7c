//! IP addresses: IPv4 in dotted decimal without leading zeros, or IPv6 in
//! RFC 4291 text form, without zone index or brackets: exactly what
//! `core::net` parses, which rejects the ambiguous octal-looking `010.0.0.1`.

use alloc::format;
use core::net::IpAddr;

use super::At;
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
    s.parse::<IpAddr>().map_err(|_| {
        at.violation(
            Code::InvalidIp,
            format!(
                "`{}` must be an IPv4 address such as 203.0.113.42 or an IPv6 address such as 2001:db8::42",
                at.name()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
