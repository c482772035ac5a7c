//! The IANA IPv4 and IPv6 Special-Purpose Address Registries as committed
//! under `data/iana/` (see its README), and the addresses the address tests
//! take from them: the first, middle and last address of every block, the
//! addresses just outside it, and every IPv6 spelling of each IPv4 one.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::repo_root;

/// One row of a registry.
#[derive(Clone, Debug)]
pub struct Row {
    /// Its address blocks, as first and last address (IPv4 ones as
    /// `u32` values).
    pub blocks: Vec<(u128, u128)>,
    /// 4 or 6.
    pub family: u8,
    /// The registry's name for it.
    pub name: String,
    /// "Globally Reachable": `None` for "N/A" (6to4, Teredo: it depends on
    /// the IPv4 address carried) and for terminated rows, which have none.
    pub globally_reachable: Option<bool>,
    /// Whether the row has no termination date.
    pub in_force: bool,
    /// Whether it is one of [`LATER_ROWS`], not in the committed copy.
    pub later: bool,
}

impl Row {
    /// Whether `bits` (of an address of the row's family) is in it.
    pub fn holds(&self, family: u8, bits: u128) -> bool {
        self.family == family && self.blocks.iter().any(|&(a, b)| (a..=b).contains(&bits))
    }

    /// The size of its smallest block holding `bits`, for "most specific".
    fn size_at(&self, bits: u128) -> u128 {
        self.blocks
            .iter()
            .filter(|&&(a, b)| (a..=b).contains(&bits))
            .map(|&(a, b)| b - a)
            .min()
            .unwrap_or(u128::MAX)
    }
}

/// Rows added to the registries after the committed copy was taken, with
/// the RFC that made each, and the ranges the library refuses beyond the
/// registries (multicast, from IANA's multicast registries; site-local,
/// deprecated by RFC 3879). Listed by hand: they are tested by hand too.
pub const LATER_ROWS: &[(&str, &str, Option<bool>)] = &[
    (
        "2001:1::3/128",
        "DNS-SD Service Registration Protocol Anycast (RFC 9665)",
        Some(true),
    ),
    (
        "2001:30::/28",
        "Drone Remote ID Protocol Entity Tags (RFC 9374)",
        Some(true),
    ),
    ("3fff::/20", "Documentation (RFC 9637)", Some(false)),
    (
        "5f00::/16",
        "Segment Routing (SRv6) SIDs (RFC 9602)",
        Some(false),
    ),
    ("100:0:0:1::/64", "Dummy IPv6 Prefix", Some(false)),
    (
        "224.0.0.0/4",
        "Multicast (not in the registry)",
        Some(false),
    ),
    ("ff00::/8", "Multicast (not in the registry)", Some(false)),
    (
        "fec0::/10",
        "Site-local, deprecated (not in the registry)",
        Some(false),
    ),
];

/// Every row of both registries, then [`LATER_ROWS`].
pub fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for (family, file) in [
        (4, "iana-ipv4-special-registry.csv"),
        (6, "iana-ipv6-special-registry.csv"),
    ] {
        let path = repo_root().join("tests/data/iana").join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let records = csv(&text);
        assert_eq!(
            records[0][..9],
            [
                "Address Block",
                "Name",
                "RFC",
                "Allocation Date",
                "Termination Date",
                "Source",
                "Destination",
                "Forwardable",
                "Globally Reachable"
            ]
        );
        for record in &records[1..] {
            let reachable = without_footnote(&record[8]);
            rows.push(Row {
                blocks: record[0].split(',').map(|b| block(family, b)).collect(),
                family,
                name: record[1].clone(),
                globally_reachable: match reachable {
                    "True" => Some(true),
                    "False" => Some(false),
                    "N/A" | "" => None,
                    other => panic!("{file}: Globally Reachable {other:?}"),
                },
                in_force: without_footnote(&record[4]) == "N/A",
                later: false,
            });
        }
    }
    assert!(rows.len() > 40, "{} rows", rows.len());
    for &(block_text, name, reachable) in LATER_ROWS {
        let family = if block_text.contains(':') { 6 } else { 4 };
        rows.push(Row {
            blocks: vec![block(family, block_text)],
            family,
            name: name.to_owned(),
            globally_reachable: reachable,
            in_force: true,
            later: true,
        });
    }
    rows
}

/// The most specific row in force that holds `ip`.
pub fn row_of(rows: &[Row], ip: IpAddr) -> Option<&Row> {
    let (family, bits) = family_bits(ip);
    rows.iter()
        .filter(|r| r.in_force && r.holds(family, bits))
        .min_by_key(|r| r.size_at(bits))
}

/// Whether `ip` is in a documentation block.
pub fn is_documentation(rows: &[Row], ip: IpAddr) -> bool {
    let (family, bits) = family_bits(ip);
    rows.iter()
        .any(|r| r.name.starts_with("Documentation") && r.holds(family, bits))
}

pub fn family_bits(ip: IpAddr) -> (u8, u128) {
    match ip {
        IpAddr::V4(v4) => (4, u128::from(u32::from(v4))),
        IpAddr::V6(v6) => (6, u128::from(v6)),
    }
}

/// The sampled addresses: for every block of every row (terminated ones
/// too, whose addresses fall back to the rows around them), its first,
/// middle and last address and the addresses just before and after it;
/// then every IPv6 spelling of each IPv4 one ([`spellings`]). No address
/// twice.
pub fn samples(rows: &[Row]) -> Vec<IpAddr> {
    let mut v4 = Vec::new();
    let mut v6 = Vec::new();
    for row in rows {
        for &(first, last) in &row.blocks {
            let max = if row.family == 4 {
                u128::from(u32::MAX)
            } else {
                u128::MAX
            };
            let mut points = vec![first, first + (last - first) / 2, last];
            points.extend(first.checked_sub(1));
            points.extend(last.checked_add(1).filter(|&n| n <= max));
            for p in points {
                if row.family == 4 {
                    v4.push(Ipv4Addr::from(u32::try_from(p).unwrap_or(u32::MAX)));
                } else {
                    v6.push(Ipv6Addr::from(p));
                }
            }
        }
    }
    let mut all: Vec<IpAddr> = Vec::new();
    let mut push = |ip: IpAddr| {
        if !all.contains(&ip) {
            all.push(ip);
        }
    };
    for &a in &v4 {
        push(IpAddr::V4(a));
    }
    for &a in &v6 {
        push(IpAddr::V6(a));
    }
    for &a in &v4 {
        for (_, s) in spellings(a) {
            push(IpAddr::V6(s));
        }
    }
    all
}

/// A globally reachable IPv4 address to pair with the sampled one in a
/// Teredo address (a Teredo server's).
const TEREDO_PEER: Ipv4Addr = Ipv4Addr::new(65, 54, 227, 120);

/// The IPv6 addresses that stand for `v4`, by name: IPv4-mapped,
/// IPv4-compatible, 6to4, NAT64 (well-known and local-use prefixes), and
/// Teredo with `v4` as the server's and as the client's address.
pub fn spellings(v4: Ipv4Addr) -> Vec<(&'static str, Ipv6Addr)> {
    let bits = u128::from(u32::from(v4));
    let peer = u128::from(u32::from(TEREDO_PEER));
    vec![
        ("IPv4-mapped", Ipv6Addr::from((0xffff_u128 << 32) | bits)),
        ("IPv4-compatible", Ipv6Addr::from(bits)),
        (
            "6to4",
            Ipv6Addr::from((0x2002_u128 << 112) | (bits << 80) | 1),
        ),
        ("NAT64", Ipv6Addr::from((0x0064_ff9b_u128 << 96) | bits)),
        (
            "local-use NAT64",
            Ipv6Addr::from((0x0064_ff9b_0001_u128 << 80) | bits),
        ),
        (
            "Teredo server",
            Ipv6Addr::from((0x2001_0000_u128 << 96) | (bits << 64) | (peer ^ 0xffff_ffff)),
        ),
        (
            "Teredo client",
            Ipv6Addr::from((0x2001_0000_u128 << 96) | (peer << 64) | (bits ^ 0xffff_ffff)),
        ),
    ]
}

fn without_footnote(cell: &str) -> &str {
    cell.split(" [").next().unwrap_or_default().trim()
}

/// `a.b.c.d/n` or `x::/n`, with a footnote or not, as first and last
/// address.
fn block(family: u8, text: &str) -> (u128, u128) {
    let text = without_footnote(text);
    let (address, len) = text
        .split_once('/')
        .unwrap_or_else(|| panic!("block {text:?}"));
    let len: u32 = len.parse().unwrap_or_else(|_| panic!("block {text:?}"));
    let (bits, width) = match family {
        4 => (
            u128::from(u32::from(address.parse::<Ipv4Addr>().unwrap())),
            32,
        ),
        _ => (u128::from(address.parse::<Ipv6Addr>().unwrap()), 128),
    };
    let host_bits = width - len;
    let mask = if host_bits == 128 {
        u128::MAX
    } else {
        (1u128 << host_bits) - 1
    };
    assert_eq!(bits & mask, 0, "block {text:?} is not aligned");
    (bits, bits | mask)
}

/// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line
/// breaks; records end with CRLF or LF.
fn csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records.retain(|r| r.iter().any(|f| !f.is_empty()));
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_reads_quotes_commas_and_line_breaks() {
        let records = csv("a,\"b, c\",\"d \"\"e\"\"\"\r\n\"f\n g\",,h\r\n");
        assert_eq!(
            records,
            vec![vec!["a", "b, c", "d \"e\""], vec!["f\n g", "", "h"]]
        );
    }
}
