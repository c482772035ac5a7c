//! Which addresses are globally reachable, against the IANA special-purpose
//! registries (committed under `data/iana/`) and Python's `ipaddress`
//! (`is_global`) as the oracle: the first, middle and last address of every
//! block, the addresses just outside it, and every IPv6 spelling of each
//! IPv4 one. The library's verdict is `rules::ip::is_global`, and the same
//! through Payviox's `ip` and Kiotapay's `callbackUrl`. Every difference
//! must be one of the kinds docs/robustness.md lists; the counts are
//! printed.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::net::IpAddr;
use std::process::{Command, Stdio};

use checkout_rules::Dialect;
use checkout_rules::testing::addresses::{Form, Kind, NotGlobal, is_global, not_global};
use checkout_rules_conformance::iana::{self, Row};

/// Python's verdicts, and its version.
fn python_is_global(addresses: &[IpAddr]) -> (String, Vec<bool>) {
    let script = "import ipaddress, sys\n\
                  print(sys.version.split()[0])\n\
                  for line in sys.stdin:\n    \
                      print(int(ipaddress.ip_address(line.strip()).is_global))\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let input: String = addresses.iter().map(|a| format!("{a}\n")).collect();
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("python3 reads");
    let output = child.wait_with_output().expect("python3 answers");
    assert!(output.status.success(), "python3 failed");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let mut lines = text.lines();
    let version = lines.next().unwrap_or_default().to_owned();
    let verdicts: Vec<bool> = lines.map(|l| l == "1").collect();
    assert_eq!(verdicts.len(), addresses.len());
    (version, verdicts)
}

/// The IPv4 address an IPv4-mapped address carries.
fn mapped(ip: IpAddr) -> Option<IpAddr> {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4),
        IpAddr::V4(_) => None,
    }
}

/// Why the registry and Python disagree on a row: Python's lists predate
/// the row, or its fix (CPython gh-113171, in 3.12.4 and 3.13).
fn stale(row: Option<&Row>) -> &'static str {
    if row.is_some_and(|r| r.later) {
        "a registry row newer than Python's lists"
    } else {
        "Python 3.11.7's lists, before CPython gh-113171"
    }
}

/// Why the library and Python differ on `ip`, if the difference is one of
/// the justified kinds.
fn justified(rows: &[Row], ip: IpAddr, ours: bool) -> Option<&'static str> {
    let row = iana::row_of(rows, ip);
    let reachable = row.and_then(|r| r.globally_reachable);
    let documentation = iana::is_documentation(rows, ip)
        || mapped(ip).is_some_and(|v4| iana::is_documentation(rows, v4));
    if ours {
        if documentation {
            return Some("documentation ranges, accepted on purpose");
        }
        if reachable == Some(true) {
            return Some(stale(row));
        }
        if row.is_some_and(|r| r.name == "TEREDO") {
            return Some("Teredo judged by the IPv4 addresses it carries");
        }
        return None;
    }
    match not_global(ip)? {
        NotGlobal::Range(Kind::Multicast) => Some("multicast, refused on purpose"),
        NotGlobal::Range(Kind::SiteLocal) => Some("site-local, refused on purpose"),
        NotGlobal::Range(Kind::LocalNat64)
        | NotGlobal::Carries(
            Form::Compatible | Form::SixToFour | Form::Nat64 | Form::LocalNat64,
            ..,
        ) => Some("an IPv4 address carried in a form Python does not read"),
        NotGlobal::Carries(Form::Mapped, ..) => {
            Some("IPv4-mapped: Python 3.11.7 asks is_private, not is_global")
        }
        NotGlobal::Range(_) if reachable == Some(false) => Some(stale(row)),
        _ => None,
    }
}

#[test]
fn globally_reachable_as_the_registries_and_python_say() {
    let rows = iana::rows();
    let samples = iana::samples(&rows);
    assert!(samples.len() > 800, "{} samples", samples.len());
    let (version, python) = python_is_global(&samples);

    let mut agreements = 0;
    let mut differences: BTreeMap<&str, usize> = BTreeMap::new();
    let mut registry_checked = 0;
    for (&ip, &oracle) in samples.iter().zip(&python) {
        let ours = is_global(ip);

        // The registry itself, where its row decides alone: not for the
        // forms that carry an IPv4 address, nor documentation.
        let row = iana::row_of(&rows, ip);
        let carries = matches!(not_global(ip), Some(NotGlobal::Carries(..)))
            || row.is_some_and(|r| {
                [
                    "IPv4-mapped Address",
                    "IPv4-IPv6 Translat.",
                    "TEREDO",
                    "6to4",
                ]
                .contains(&r.name.as_str())
            });
        if let Some(reachable) = row.and_then(|r| r.globally_reachable)
            && !carries
            && !iana::is_documentation(&rows, ip)
        {
            assert_eq!(
                ours,
                reachable,
                "{ip}: the registry's {:?}",
                row.map(|r| &r.name)
            );
            registry_checked += 1;
        }

        if ours == oracle {
            agreements += 1;
            continue;
        }
        let Some(why) = justified(&rows, ip, ours) else {
            panic!("{ip}: ours {ours}, Python {version} {oracle}");
        };
        *differences.entry(why).or_default() += 1;
    }
    assert!(registry_checked > 100, "{registry_checked}");
    println!(
        "special-purpose addresses: {} samples, Python {version}: {agreements} agreements, \
         {} justified differences {differences:?}; {registry_checked} checked against the \
         registries' own column",
        samples.len(),
        samples.len() - agreements
    );
}

/// Every sample gets the same verdict through the dialects: Payviox's `ip`
/// and Kiotapay's `callbackUrl`.
#[test]
fn the_dialects_give_the_same_verdict() {
    let rows = iana::rows();
    for ip in iana::samples(&rows) {
        let refused = |report: checkout_rules::Report<'_>| -> Vec<(String, &'static str)> {
            report
                .violations()
                .iter()
                .map(|v| (v.path.clone(), v.code.as_str()))
                .collect()
        };
        let expected = |path: &str| {
            if is_global(ip) {
                vec![]
            } else {
                vec![(path.to_owned(), "private_address")]
            }
        };
        let payviox = format!(
            r#"{{"amount": 100, "currency": "USD", "customer": "c", "order_id": "o", "items": [{{"name": "P", "quantity": 1, "price": 100}}], "ip": "{ip}"}}"#
        );
        assert_eq!(
            refused(Dialect::PAYVIOX.validate(payviox.as_bytes(), &[])),
            expected("/ip"),
            "{ip}"
        );
        let host = match ip {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("[{v6}]"),
        };
        let kiotapay = format!(
            r#"{{"amount": 1, "currency": "KES", "externalReference": "R", "callbackUrl": "https://{host}/hook"}}"#
        );
        assert_eq!(
            refused(Dialect::KIOTAPAY.validate(kiotapay.as_bytes(), &[])),
            expected("/callbackUrl"),
            "{ip}"
        );
    }
}
