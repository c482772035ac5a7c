//! Prints the conformance corpus, one case per line as JSON:
//! `{"dialect": …, "headers": {…}, "body": "<request body text>"}`.
//!
//! The native CLI and the npm package must give byte-identical reports for
//! every case (`bindings/npm/test/conformance.test.mjs`). The cases are
//! every bundled example, then, per dialect, its valid example with each
//! field in turn set to each of a list of values (or removed), truncated at
//! many points, and sent with varied headers. Deterministic: the same corpus
//! every run.

use std::io::Write as _;

use checkout_rules::{Dialect, Part};
use checkout_rules_conformance::{bundled_examples, try_with};

/// Values every field is tried with: right and wrong types, boundaries,
/// hostile text.
const VALUES: &[&str] = &[
    "null",
    "true",
    "\"\"",
    "\" x\"",
    "\"x\"",
    "\"ORDER-2025-0001\"",
    "\"ORDER_1\"",
    "\"a\\u0000b\"",
    "\"\\ud83d\\ude00\"",
    "0",
    "-0",
    "-1",
    "1",
    "99",
    "100",
    "0.01",
    "12.34",
    "12.345",
    "1e3",
    "100.0",
    "1e400",
    "9007199254740991",
    "9007199254740992",
    "\"12.34\"",
    "[]",
    "{}",
    "[\"CARD\", \"X\"]",
    "[{\"name\": \"A\", \"quantity\": 1, \"price\": 1}]",
    "\"+254712345678\"",
    "\"0712345678\"",
    "\"https://m.example/x\"",
    "\"javascript:alert(1)\"",
    "\"https://2130706433/\"",
    "\"a@b.example\"",
    "\"en-AU\"",
    "\"sw_KE\"",
    "\"UK\"",
    "\"KE\"",
    "\"usd\"",
    "\"ZMK\"",
    "\"203.0.113.42\"",
];

fn main() {
    let mut out = std::io::stdout().lock();
    let mut case = |dialect: Dialect, headers: &[(String, String)], body: &str| {
        let headers: serde_json::Map<String, serde_json::Value> = headers
            .iter()
            .map(|(n, v)| (n.clone(), serde_json::Value::from(v.as_str())))
            .collect();
        let line = serde_json::json!({"dialect": dialect.name(), "headers": headers, "body": body});
        // A closed pipe ends the listing; nothing else can fail here.
        let _ = writeln!(out, "{line}");
    };
    let examples = bundled_examples();
    for (dialect, path, headers) in &examples {
        case(
            *dialect,
            headers,
            &std::fs::read_to_string(path).expect("example"),
        );
    }
    for &dialect in Dialect::ALL {
        let Some((_, path, headers)) = examples
            .iter()
            .find(|(d, p, _)| *d == dialect && !p.to_string_lossy().contains("invalid-"))
        else {
            continue;
        };
        let base = std::fs::read_to_string(path).expect("example");
        for c in dialect.constraints(None) {
            if c.part != Part::Body {
                continue;
            }
            let pointer = c.path.replace('*', "0");
            for value in VALUES.iter().copied().map(Some).chain([None]) {
                if let Some(body) = try_with(&base, &pointer, value) {
                    case(dialect, headers, &body);
                }
            }
        }
        for end in (0..base.len()).step_by(9) {
            if base.is_char_boundary(end) {
                case(dialect, headers, &base[..end]);
            }
        }
        for extra in [
            ("Authorization", "Bearer sk_live_1"),
            ("Authorization", "Bearer pk_live_1"),
            ("Authorization", "Basic x"),
            ("Content-Type", "text/plain"),
            ("Idempotency-Key", ""),
            ("X-Trace-Id", "short"),
            ("X-Idempotency-Key", "idempotency-key-1"),
        ] {
            let mut h = headers.clone();
            h.push((extra.0.to_owned(), extra.1.to_owned()));
            case(dialect, &h, &base);
        }
    }
}
