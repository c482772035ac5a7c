//! The golden conformance outputs: every answer the library gives to the
//! conformance corpus, committed under `tests/golden/`, so that a change of
//! shape that changes an answer fails here, and a change of behaviour shows
//! as a reviewed diff of these files.
//!
//! - `corpus.ndjson`: the requests, `{"dialect", "headers": [[name, value],
//!   …], "body"}` a line; headers are an ordered list, repeats included, as
//!   the CLI's `--header` and the npm package take them.
//! - `validate.ndjson`: the report on each request (`Report::to_json`), a line
//!   each, in the corpus's order.
//! - `convert.ndjson`: each bundled example and each valid request,
//!   converted to every other dialect: `{"case", "to", "outcome",
//!   "bodyText"}`.
//! - `fields.ndjson`: `validate_field` and `validate_input` on each field's
//!   path with every value the corpus tries, with and without a currency.
//! - `constraints.ndjson`: each dialect's form constraints, without a
//!   currency and with each of a few.
//!
//! `bindings/npm/test/conformance.test.mjs` holds the CLI and both
//! WebAssembly builds to the same files. After a deliberate change, rewrite
//! them with `GOLDEN=write cargo test -p checkout-rules-conformance --test
//! golden`, and commit them on their own with the reason.

use std::fmt::Write as _;
use std::path::PathBuf;

use checkout_rules::json::to_string;
use checkout_rules::{Currency, Dialect, Part};
use checkout_rules_conformance::{Case, VALUES, bundled_examples, corpus, repo_root};

fn golden_dir() -> PathBuf {
    repo_root().join("tests").join("golden")
}

/// A JSON string literal.
fn quoted(text: &str) -> String {
    to_string(text).expect("a string is written")
}

fn optional(text: Option<&str>) -> String {
    text.map_or_else(|| String::from("null"), quoted)
}

fn corpus_lines(cases: &[Case]) -> String {
    let mut out = String::new();
    for case in cases {
        let headers: Vec<String> = case
            .headers
            .iter()
            .map(|(n, v)| format!("[{},{}]", quoted(n), quoted(v)))
            .collect();
        writeln!(
            out,
            r#"{{"dialect":{},"headers":[{}],"body":{}}}"#,
            quoted(case.dialect.name()),
            headers.join(","),
            quoted(&case.body)
        )
        .expect("writing to a String");
    }
    out
}

fn validate_lines(cases: &[Case]) -> String {
    let mut out = String::new();
    for case in cases {
        out.push_str(
            &case
                .dialect
                .validate(case.body.as_bytes(), &case.header_refs())
                .to_json(),
        );
        out.push('\n');
    }
    out
}

fn convert_lines(cases: &[Case]) -> String {
    let examples = bundled_examples().len();
    let mut out = String::new();
    for (i, case) in cases.iter().enumerate() {
        // The bundled examples, valid or not, and every valid request: an
        // invalid one converts to its own violations, which validate.ndjson
        // holds already.
        let valid = || {
            case.dialect
                .validate(case.body.as_bytes(), &case.header_refs())
                .is_valid()
        };
        if i >= examples && !valid() {
            continue;
        }
        for &to in Dialect::ALL {
            if to == case.dialect {
                continue;
            }
            let conversion = case
                .dialect
                .convert(to, case.body.as_bytes(), &case.header_refs());
            writeln!(
                out,
                r#"{{"case":{i},"to":{},"outcome":{},"bodyText":{}}}"#,
                quoted(to.name()),
                conversion.to_json(),
                optional(conversion.body_json().as_deref())
            )
            .expect("writing to a String");
        }
    }
    out
}

/// Raw form inputs, as a person types them.
const INPUTS: &[&str] = &[
    "",
    " ",
    "12.34",
    "12,34",
    "1e3",
    "abc",
    "KES",
    "+254712345678",
];

/// Currencies the field and constraint outputs are asked with.
const CURRENCIES: &[&str] = &["KES", "BHD", "JPY", "USD"];

fn fields_lines() -> String {
    let mut out = String::new();
    for &dialect in Dialect::ALL {
        for c in dialect.constraints(None) {
            let path = match c.part {
                Part::Body => c.path.replace('*', "0"),
                _ => c.path.clone(),
            };
            for currency in [None, Some("KES")] {
                let values = VALUES.iter().map(|v| Some(*v)).chain([None]);
                for value in values {
                    let answer = dialect.validate_field(&path, value, currency);
                    line(&mut out, dialect, "field", &path, value, currency, answer);
                }
                for input in INPUTS.iter().map(|v| Some(*v)) {
                    let answer = dialect.validate_input(&path, input, currency);
                    line(&mut out, dialect, "input", &path, input, currency, answer);
                }
            }
        }
        let answer = dialect.validate_field("/no_such_field", Some("1"), None);
        line(
            &mut out,
            dialect,
            "field",
            "/no_such_field",
            Some("1"),
            None,
            answer,
        );
    }
    out
}

fn line(
    out: &mut String,
    dialect: Dialect,
    call: &str,
    path: &str,
    value: Option<&str>,
    currency: Option<&str>,
    answer: Result<Vec<checkout_rules::Violation>, checkout_rules::form::UnknownFieldPath>,
) {
    let answer = match answer {
        Ok(violations) => format!(r#"{{"ok":{}}}"#, to_string(&violations).expect("written")),
        Err(e) => format!(r#"{{"err":{}}}"#, quoted(&e.message())),
    };
    writeln!(
        out,
        r#"{{"dialect":{},"call":{},"path":{},"value":{},"currency":{},"answer":{answer}}}"#,
        quoted(dialect.name()),
        quoted(call),
        quoted(path),
        optional(value),
        optional(currency),
    )
    .expect("writing to a String");
}

fn constraints_lines() -> String {
    let mut out = String::new();
    for &dialect in Dialect::ALL {
        let currencies = [None]
            .into_iter()
            .chain(CURRENCIES.iter().map(|c| Some(*c)));
        for code in currencies {
            let currency = code.and_then(Currency::from_code);
            writeln!(
                out,
                r#"{{"dialect":{},"currency":{},"constraints":{}}}"#,
                quoted(dialect.name()),
                optional(code),
                to_string(&dialect.constraints(currency)).expect("written")
            )
            .expect("writing to a String");
        }
    }
    out
}

/// Compares `actual` with the committed file, or writes it when `GOLDEN` is
/// `write`; names the first line that differs.
fn compare(file: &str, actual: &str) {
    let path = golden_dir().join(file);
    if std::env::var("GOLDEN").as_deref() == Ok("write") {
        std::fs::create_dir_all(golden_dir()).expect("tests/golden");
        std::fs::write(&path, actual).expect("a golden file is written");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with GOLDEN=write", path.display()));
    if expected == actual {
        return;
    }
    let (mut want, mut got) = (expected.lines(), actual.lines());
    for n in 1.. {
        let (w, g) = (want.next(), got.next());
        assert_eq!(
            g, w,
            "tests/golden/{file} line {n} differs (GOLDEN=write rewrites it after a deliberate change)"
        );
        if w.is_none() {
            break;
        }
    }
}

#[test]
fn validate_and_convert_give_the_golden_answers() {
    let cases = corpus();
    assert!(cases.len() >= 3000, "{} cases", cases.len());
    // Repeated headers are part of the corpus: each dialect's valid
    // example is sent with a second `Authorization` or `Idempotency-Key`.
    assert!(cases.iter().any(|c| {
        let mut names: Vec<String> = c
            .headers
            .iter()
            .map(|(n, _)| n.to_ascii_lowercase())
            .collect();
        names.sort();
        names.windows(2).any(|w| w[0] == w[1])
    }));
    compare("corpus.ndjson", &corpus_lines(&cases));
    compare("validate.ndjson", &validate_lines(&cases));
    compare("convert.ndjson", &convert_lines(&cases));
}

#[test]
fn fields_and_constraints_give_the_golden_answers() {
    compare("fields.ndjson", &fields_lines());
    compare("constraints.ndjson", &constraints_lines());
}
