//! Every Flutterwave rule at its boundaries.

use checkout_rules::Dialect;
use checkout_rules_conformance::{check, found, found_with, one, with};

const VALID: &str = r#"{"amount": 12.34, "currency": "NGN", "reference": "ORDER-2025-0001"}"#;

fn codes_with(pointer: &str, value: Option<&str>) -> Vec<(String, &'static str)> {
    found_with(Dialect::FLUTTERWAVE, VALID, pointer, value)
}

#[test]
fn the_smallest_request_is_valid() {
    let report = check(Dialect::FLUTTERWAVE, VALID, &[]);
    assert!(report.is_valid(), "{:?}", report.violations());
    assert_eq!(report.normalized().unwrap().amount.minor(), 1234);
}

#[test]
fn amount_is_at_least_one_hundredth() {
    assert!(codes_with("/amount", Some("0.01")).is_empty());
    assert_eq!(
        codes_with("/amount", Some("0.009")),
        one("/amount", "too_many_decimals")
    );
    assert_eq!(
        codes_with("/amount", Some("0.00")),
        one("/amount", "below_minimum")
    );
    assert_eq!(
        codes_with("/amount", Some("0")),
        one("/amount", "below_minimum")
    );
    assert_eq!(codes_with("/amount", None), one("/amount", "required"));
    // In a three-decimal currency, 0.009 is an amount, and below 0.01.
    let kwd = with(VALID, "/currency", Some("\"KWD\""));
    assert_eq!(
        found_with(Dialect::FLUTTERWAVE, &kwd, "/amount", Some("0.009")),
        one("/amount", "below_minimum")
    );
    assert!(found_with(Dialect::FLUTTERWAVE, &kwd, "/amount", Some("0.010")).is_empty());
    // In a zero-decimal currency, the smallest amount is 1.
    let jpy = with(VALID, "/currency", Some("\"JPY\""));
    assert!(found_with(Dialect::FLUTTERWAVE, &jpy, "/amount", Some("1")).is_empty());
    assert_eq!(
        found_with(Dialect::FLUTTERWAVE, &jpy, "/amount", Some("0.5")),
        one("/amount", "too_many_decimals")
    );
}

#[test]
fn currency_is_the_documents_list() {
    let whole = with(VALID, "/amount", Some("12"));
    for ok in [
        "\"NGN\"", "\"ZMK\"", "\"VEF\"", "\"BYR\"", "\"LTL\"", "\"EEK\"", "\"GGP\"", "\"HRK\"",
    ] {
        assert!(
            found_with(Dialect::FLUTTERWAVE, &whole, "/currency", Some(ok)).is_empty(),
            "{ok}"
        );
    }
    for refused in ["\"SLE\"", "\"MRU\"", "\"VED\"", "\"XAU\""] {
        assert_eq!(
            codes_with("/currency", Some(refused)),
            one("/currency", "currency_not_accepted"),
            "{refused}"
        );
    }
    assert_eq!(
        codes_with("/currency", Some("\"ngn\"")),
        one("/currency", "unknown_currency")
    );
    // A withdrawn code keeps its own exponent: BYR had no decimals.
    let byr = with(VALID, "/currency", Some("\"BYR\""));
    assert_eq!(
        found_with(Dialect::FLUTTERWAVE, &byr, "/amount", Some("12.34")),
        one("/amount", "too_many_decimals")
    );
    let report = check(
        Dialect::FLUTTERWAVE,
        &with(&byr, "/amount", Some("1234")),
        &[],
    );
    assert_eq!(
        report.normalized().unwrap().amount.to_major_string(),
        "1234"
    );
}

#[test]
fn reference_is_6_to_42_letters_digits_and_dashes() {
    assert!(codes_with("/reference", Some("\"ABC-12\"")).is_empty());
    assert_eq!(
        codes_with("/reference", Some("\"ABC-1\"")),
        one("/reference", "too_short")
    );
    assert!(codes_with("/reference", Some(&format!("\"{}\"", "a".repeat(42)))).is_empty());
    assert_eq!(
        codes_with("/reference", Some(&format!("\"{}\"", "a".repeat(43)))),
        one("/reference", "too_long")
    );
    assert_eq!(
        codes_with("/reference", Some("\"ORDER_2025_001\"")),
        one("/reference", "pattern_mismatch")
    );
    assert_eq!(
        codes_with("/reference", Some("\"<string>\"")),
        one("/reference", "pattern_mismatch")
    );
    assert_eq!(
        codes_with("/reference", Some("\"ORDÉR-2025\"")),
        one("/reference", "pattern_mismatch")
    );
    assert_eq!(
        codes_with("/reference", None),
        one("/reference", "required")
    );
}

#[test]
fn retries_and_duration() {
    for ok in ["0", "3", "10"] {
        assert!(codes_with("/max_retry_attempts", Some(ok)).is_empty());
    }
    assert_eq!(
        codes_with("/max_retry_attempts", Some("11")),
        one("/max_retry_attempts", "above_maximum")
    );
    assert_eq!(
        codes_with("/max_retry_attempts", Some("-1")),
        one("/max_retry_attempts", "below_minimum")
    );
    assert_eq!(
        codes_with("/max_retry_attempts", Some("3.0")),
        one("/max_retry_attempts", "not_integer")
    );
    for ok in ["5", "1442", "2880"] {
        assert!(codes_with("/session_duration", Some(ok)).is_empty());
    }
    assert_eq!(
        codes_with("/session_duration", Some("4")),
        one("/session_duration", "below_minimum")
    );
    assert_eq!(
        codes_with("/session_duration", Some("2881")),
        one("/session_duration", "above_maximum")
    );
    // The default is not invented into the canonical form.
    assert_eq!(
        check(Dialect::FLUTTERWAVE, VALID, &[])
            .normalized()
            .unwrap()
            .max_retry_attempts,
        None
    );
    let body = with(
        &with(VALID, "/max_retry_attempts", Some("0")),
        "/session_duration",
        Some("30"),
    );
    let session = check(Dialect::FLUTTERWAVE, &body, &[])
        .into_normalized()
        .unwrap();
    assert_eq!(session.max_retry_attempts, Some(0));
    assert_eq!(session.session_duration_minutes, Some(30));
}

#[test]
fn headers() {
    let twelve = "abcdefghijkl";
    let ok = |h: &[(&str, &str)]| found(&check(Dialect::FLUTTERWAVE, VALID, h));
    assert!(
        ok(&[
            ("X-Trace-Id", twelve),
            ("X-Idempotency-Key", twelve),
            ("X-Scenario-Key", "x")
        ])
        .is_empty()
    );
    assert_eq!(
        ok(&[("X-Trace-Id", "abcdefghijk")]),
        one("X-Trace-Id", "too_short")
    );
    assert_eq!(
        ok(&[("x-idempotency-key", "short")]),
        one("X-Idempotency-Key", "too_short")
    );
    assert_eq!(
        ok(&[("X-Idempotency-Key", &"k".repeat(256))]),
        one("X-Idempotency-Key", "too_long")
    );
    assert!(ok(&[("X-Idempotency-Key", &"k".repeat(255))]).is_empty());
    assert_eq!(
        ok(&[("X-Scenario-Key", "")]),
        one("X-Scenario-Key", "too_short")
    );
    assert!(ok(&[("X-Scenario-Key", &"s".repeat(1000))]).is_empty());
    assert_eq!(
        ok(&[("X-Scenario-Key", &"s".repeat(1001))]),
        one("X-Scenario-Key", "too_long")
    );
    assert_eq!(
        ok(&[("X-Trace-Id", "abcdefghijk\r\nl")]),
        one("X-Trace-Id", "invalid_header_value")
    );
    let session = check(
        Dialect::FLUTTERWAVE,
        VALID,
        &[
            ("X-Trace-Id", twelve),
            ("X-Idempotency-Key", "idem-key-0001"),
            ("X-Scenario-Key", "scenario:x"),
        ],
    )
    .into_normalized()
    .unwrap();
    assert_eq!(session.trace_id.as_deref(), Some(twelve));
    assert_eq!(session.idempotency_key.as_deref(), Some("idem-key-0001"));
    assert_eq!(session.test_scenario.as_deref(), Some("scenario:x"));
}

#[test]
fn optional_identifiers_and_urls() {
    assert!(codes_with("/customer_id", Some("\"cus_1\"")).is_empty());
    assert_eq!(
        codes_with("/customer_id", Some("\"\"")),
        one("/customer_id", "too_short")
    );
    assert_eq!(
        codes_with("/redirect_url", Some("\"<string>\"")),
        one("/redirect_url", "invalid_url")
    );
    assert_eq!(
        codes_with("/customerId", Some("\"cus_1\"")),
        one("/customerId", "unknown_field")
    );
}

#[test]
fn blank_text_and_invisible_ends_are_refused() {
    assert_eq!(
        codes_with("/customer_id", Some(r#""\u00a0""#)),
        one("/customer_id", "blank")
    );
    assert_eq!(
        codes_with("/customer_id", Some(r#""cus_1\u200b""#)),
        one("/customer_id", "invisible_character")
    );
    // The reference's own pattern refuses blank text too: both are said.
    assert_eq!(
        codes_with("/reference", Some(r#""      ""#)),
        vec![
            ("/reference".to_owned(), "blank"),
            ("/reference".to_owned(), "pattern_mismatch")
        ]
    );
    let headers = |h: &[(&str, &str)]| found(&check(Dialect::FLUTTERWAVE, VALID, h));
    assert_eq!(
        headers(&[("X-Trace-Id", &" ".repeat(12))]),
        one("X-Trace-Id", "blank")
    );
    assert_eq!(
        headers(&[("X-Scenario-Key", " ")]),
        one("X-Scenario-Key", "blank")
    );
}

#[test]
fn the_bolivar_soberano_is_not_in_flutterwaves_list() {
    // Flutterwave lists VEF, withdrawn in 2018, and neither current code.
    for code in ["\"VES\"", "\"VED\""] {
        assert_eq!(
            codes_with("/currency", Some(code)),
            one("/currency", "currency_not_accepted"),
            "{code}"
        );
    }
}

#[test]
fn amounts_in_exponent_notation_are_exact() {
    let minor = |amount: &str| {
        check(
            Dialect::FLUTTERWAVE,
            &with(VALID, "/amount", Some(amount)),
            &[],
        )
        .normalized()
        .map(|s| s.amount.minor())
    };
    assert_eq!(minor("1.234E1"), Some(1234));
    assert_eq!(minor("1E-2"), Some(1));
    assert_eq!(
        codes_with("/amount", Some("1E-3")),
        one("/amount", "too_many_decimals")
    );
    assert_eq!(
        codes_with("/amount", Some("0.0E0")),
        one("/amount", "below_minimum")
    );
    let kwd = with(VALID, "/currency", Some("\"KWD\""));
    assert_eq!(
        found_with(Dialect::FLUTTERWAVE, &kwd, "/amount", Some("9E-3")),
        one("/amount", "below_minimum")
    );
    assert!(found_with(Dialect::FLUTTERWAVE, &kwd, "/amount", Some("1.0E-2")).is_empty());
}

#[test]
fn content_type_is_read_by_rfc_9110s_grammar() {
    checkout_rules_conformance::assert_content_type_rule(Dialect::FLUTTERWAVE);
}

#[test]
fn amount_violations_give_their_numbers_in_major_units() {
    use checkout_rules::report::Param;
    let text = |t: &str| Some(Param::Text(t.to_owned().into()));
    let report = check(
        Dialect::FLUTTERWAVE,
        &with(VALID, "/amount", Some("0")),
        &[],
    );
    assert_eq!(report.violations()[0].param("min"), text("0.01").as_ref());
    let report = check(
        Dialect::FLUTTERWAVE,
        &with(VALID, "/amount", Some("1e400")),
        &[],
    );
    assert_eq!(found(&report), one("/amount", "out_of_range"));
    assert_eq!(
        report.violations()[0].param("max"),
        text("90071992547409.91").as_ref()
    );
}
