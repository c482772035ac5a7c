//! Prints the conformance corpus ([`checkout_rules_conformance::corpus`]),
//! one case per line as JSON:
//! `{"dialect": …, "headers": {…}, "body": "<request body text>"}`.
//!
//! The native CLI and the npm package must give byte-identical reports for
//! every case (`bindings/npm/test/conformance.test.mjs`).

use std::io::Write as _;

fn main() {
    let mut out = std::io::stdout().lock();
    for case in checkout_rules_conformance::corpus() {
        let headers: serde_json::Map<String, serde_json::Value> = case
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), serde_json::Value::from(v.as_str())))
            .collect();
        let line = serde_json::json!({"dialect": case.dialect.name(), "headers": headers, "body": case.body});
        // A closed pipe ends the listing; nothing else can fail here.
        let _ = writeln!(out, "{line}");
    }
}
