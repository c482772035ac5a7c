//! The JSON front end against JSONTestSuite's parsing cases
//! (`tests/data/JSONTestSuite/test_parsing`): every `y_` file accepted, every
//! `n_` file rejected, every `i_` file as `docs/json.md` documents it, and
//! none of them crashes.

use std::collections::BTreeMap;
use std::fs;

use checkout_rules::Violation;
use checkout_rules::json::{Limits, parse};
use checkout_rules_conformance::repo_root;

/// What the front end does with a file, in the words `docs/json.md` uses:
/// `accepted`, `accepted, reports <code>` or `rejected: <code>`.
fn outcome(bytes: &[u8]) -> String {
    match parse(bytes, &Limits::default()) {
        Ok(doc) if doc.problems.is_empty() => String::from("accepted"),
        Ok(doc) => {
            let mut codes: Vec<&str> = doc
                .problems
                .into_iter()
                .map(|e| Violation::from(e).code.as_str())
                .collect();
            codes.dedup();
            format!("accepted, reports {}", codes.join(", "))
        }
        Err(e) => format!("rejected: {}", Violation::from(e).code),
    }
}

fn cases() -> Vec<(String, Vec<u8>)> {
    let dir = repo_root().join("tests/data/JSONTestSuite/test_parsing");
    let mut cases: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).unwrap())
        })
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 318, "the suite has 318 parsing cases");
    cases
}

/// The rows of a table in `docs/json.md` whose first cell names a file with
/// `prefix`: file name to the outcome column.
fn documented(prefix: &str) -> BTreeMap<String, String> {
    let doc = fs::read_to_string(repo_root().join("docs/json.md")).unwrap();
    doc.lines()
        .filter(|l| l.starts_with(&format!("| `{prefix}")))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_owned(), cells[2].to_owned())
        })
        .collect()
}

#[test]
fn every_y_file_is_accepted() {
    let exceptions = documented("y_");
    for (name, bytes) in cases().iter().filter(|(n, _)| n.starts_with("y_")) {
        let got = outcome(bytes);
        let expected = exceptions.get(name).map_or("accepted", String::as_str);
        assert_eq!(got, expected, "{name}");
        assert!(got.starts_with("accepted"), "{name}");
    }
}

#[test]
fn every_n_file_is_rejected() {
    for (name, bytes) in cases().iter().filter(|(n, _)| n.starts_with("n_")) {
        let got = outcome(bytes);
        assert!(got.starts_with("rejected"), "{name}: {got}");
    }
}

#[test]
fn every_i_file_does_what_the_docs_say() {
    let documented = documented("i_");
    let cases: Vec<_> = cases()
        .into_iter()
        .filter(|(n, _)| n.starts_with("i_"))
        .collect();
    assert_eq!(
        documented.len(),
        cases.len(),
        "docs/json.md documents every i_ file"
    );
    for (name, bytes) in &cases {
        assert_eq!(
            Some(&outcome(bytes)),
            documented.get(name),
            "{name}: docs/json.md says otherwise"
        );
    }
}

/// The implementation-defined numbers as amounts and as metadata, as the
/// `i_` table of `docs/json.md` says: kept as text, then judged exactly.
#[test]
fn implementation_defined_numbers_as_amounts() {
    use checkout_rules::Dialect;
    let judged = |dialect: Dialect, body: String| -> Vec<&'static str> {
        dialect
            .validate(body.as_bytes(), &[])
            .violations()
            .iter()
            .map(|v| v.code.as_str())
            .collect()
    };
    for (name, bytes) in cases() {
        if !name.starts_with("i_number") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let number = text.trim().trim_start_matches('[').trim_end_matches(']');
        let major = judged(
            Dialect::KIOTAPAY,
            format!(r#"{{"amount": {number}, "currency": "KES", "externalReference": "R"}}"#),
        );
        let minor = judged(
            Dialect::NAIROPAY,
            format!(r#"{{"amount": {number}, "currency": "KES", "reference": "R"}}"#),
        );
        let metadata = judged(
            Dialect::PAYVIOX,
            format!(
                r#"{{"amount": 100, "currency": "USD", "customer": "c", "order_id": "o",
                "items": [{{"name": "P", "quantity": 1, "price": 100}}], "metadata": {{"n": {number}}}}}"#
            ),
        );
        let integer = !number.contains(['.', 'e', 'E']);
        let (expected_major, expected_minor) = match () {
            _ if integer => ("out_of_range", "out_of_range"),
            _ if name.contains("neg_exp") || name.contains("underflow") => {
                ("too_many_decimals", "exponent_notation")
            }
            _ => ("out_of_range", "exponent_notation"),
        };
        assert_eq!(major, [expected_major], "{name} in major units");
        assert_eq!(minor, [expected_minor], "{name} in minor units");
        assert_eq!(metadata, ["number_out_of_range"], "{name} as metadata");
    }
}
