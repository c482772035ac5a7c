//! Every Nairopay rule at its boundaries.

use checkout_rules::{Dialect, MAX_SAFE_INTEGER};
use checkout_rules_conformance::{check, found, found_with, one, with};

const VALID: &str = r#"{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}"#;

fn codes_with(pointer: &str, value: Option<&str>) -> Vec<(String, &'static str)> {
    found_with(Dialect::NAIROPAY, VALID, pointer, value)
}

#[test]
fn the_base_request_is_valid_and_normalises() {
    let report = check(Dialect::NAIROPAY, VALID, &[]);
    assert!(report.is_valid());
    let session = report.normalized().unwrap();
    assert_eq!(session.amount.minor(), 2500);
    assert_eq!(session.amount.to_major_string(), "25.00");
    assert_eq!(
        session.merchant_reference.as_deref(),
        Some("ORDER_2025_001")
    );
    assert!(session.customer.is_none());
}

#[test]
fn the_session_borrows_plain_text_and_an_owned_copy_outlives_the_body() {
    use std::borrow::Cow;
    let kept = {
        let body = String::from(
            r#"{"amount": 2500, "currency": "KES", "reference": "ORDER\u005f1", "email": "a@b.co"}"#,
        );
        let report = Dialect::NAIROPAY.validate(body.as_bytes(), &[]);
        let session = report.normalized().unwrap();
        let email = &session.customer.as_ref().unwrap().email;
        assert!(matches!(email, Some(Cow::Borrowed("a@b.co"))), "{email:?}");
        // An escape can only be read into a string of its own.
        let reference = &session.merchant_reference;
        assert!(
            matches!(reference, Some(Cow::Owned(r)) if r == "ORDER_1"),
            "{reference:?}"
        );
        report.into_owned()
    };
    let session = kept.into_normalized().unwrap();
    assert_eq!(session.merchant_reference.as_deref(), Some("ORDER_1"));
    assert_eq!(session.customer.unwrap().email.as_deref(), Some("a@b.co"));
}

#[test]
fn amount_is_a_positive_integer_in_minor_units() {
    assert!(codes_with("/amount", Some("1")).is_empty());
    assert_eq!(
        codes_with("/amount", Some("0")),
        one("/amount", "below_minimum")
    );
    assert_eq!(
        codes_with("/amount", Some("-1")),
        one("/amount", "below_minimum")
    );
    assert_eq!(
        codes_with("/amount", Some("25.00")),
        one("/amount", "not_integer")
    );
    assert_eq!(
        codes_with("/amount", Some("2.5e3")),
        one("/amount", "exponent_notation")
    );
    assert!(codes_with("/amount", Some(&MAX_SAFE_INTEGER.to_string())).is_empty());
    assert_eq!(
        codes_with("/amount", Some(&(MAX_SAFE_INTEGER + 1).to_string())),
        one("/amount", "out_of_range")
    );
    assert_eq!(codes_with("/amount", None), one("/amount", "required"));
}

#[test]
fn zero_decimal_and_three_decimal_currencies() {
    let jpy = with(VALID, "/currency", Some("\"JPY\""));
    let session = check(Dialect::NAIROPAY, &jpy, &[])
        .into_normalized()
        .unwrap();
    assert_eq!(session.amount.to_major_string(), "2500");
    let bhd = with(VALID, "/currency", Some("\"BHD\""));
    let session = check(Dialect::NAIROPAY, &bhd, &[])
        .into_normalized()
        .unwrap();
    assert_eq!(session.amount.to_major_string(), "2.500");
}

#[test]
fn currency_and_reference_are_required() {
    assert_eq!(codes_with("/currency", None), one("/currency", "required"));
    assert_eq!(
        codes_with("/currency", Some("\"KSH\"")),
        one("/currency", "unknown_currency")
    );
    assert_eq!(
        codes_with("/reference", None),
        one("/reference", "required")
    );
    assert_eq!(
        codes_with("/reference", Some("\"\"")),
        one("/reference", "too_short")
    );
    assert!(codes_with("/reference", Some("\"R\"")).is_empty());
    assert_eq!(
        codes_with("/reference", Some("\"R \"")),
        one("/reference", "surrounding_whitespace")
    );
}

#[test]
fn email_is_optional_and_whatwg_valid() {
    assert!(codes_with("/email", Some("\"customer@example.com\"")).is_empty());
    assert!(codes_with("/email", Some("\"a@b\"")).is_empty());
    assert_eq!(
        codes_with("/email", Some("\"a@b.\"")),
        one("/email", "invalid_email")
    );
    assert_eq!(
        codes_with("/email", Some("\"customer@\"")),
        one("/email", "invalid_email")
    );
    assert_eq!(
        codes_with("/email", Some("\"\"")),
        one("/email", "invalid_email")
    );
    let report = check(
        Dialect::NAIROPAY,
        &with(VALID, "/email", Some("\"c@example.com\"")),
        &[],
    );
    let customer = report.into_normalized().unwrap().customer.unwrap();
    assert_eq!(customer.email.as_deref(), Some("c@example.com"));
}

#[test]
fn callback_url_is_optional_absolute_https_or_http() {
    assert!(
        codes_with(
            "/callback_url",
            Some("\"https://merchant-website.com/payment-complete\"")
        )
        .is_empty()
    );
    assert!(codes_with("/callback_url", Some("\"http://localhost:3000/done\"")).is_empty());
    for bad in [
        "\"/payment-complete\"",
        "\"javascript:alert(1)\"",
        "\"data:text/html,x\"",
        "\"https://user:pw@merchant.example/\"",
        "\"https://merchant.example/\\tx\"",
        "\"\"",
    ] {
        assert_eq!(
            codes_with("/callback_url", Some(bad)),
            one("/callback_url", "invalid_url"),
            "{bad}"
        );
    }
    let report = check(
        Dialect::NAIROPAY,
        &with(VALID, "/callback_url", Some("\"https://m.example/done\"")),
        &[],
    );
    assert_eq!(
        report.normalized().unwrap().urls.redirect.as_deref(),
        Some("https://m.example/done")
    );
}

#[test]
fn misspelt_fields_get_a_suggestion() {
    let report = check(
        Dialect::NAIROPAY,
        &with(VALID, "/callbackUrl", Some("\"https://m.example/\"")),
        &[],
    );
    assert_eq!(found(&report), one("/callbackUrl", "unknown_field"));
    assert!(
        report.violations()[0]
            .message
            .contains("did you mean `callback_url`?")
    );
}

#[test]
fn headers_when_given() {
    assert!(
        check(
            Dialect::NAIROPAY,
            VALID,
            &[("Authorization", "Bearer sk_live_yourSecretKeyHere")]
        )
        .is_valid()
    );
    assert_eq!(
        found(&check(
            Dialect::NAIROPAY,
            VALID,
            &[("Authorization", "sk_live_x")]
        )),
        one("Authorization", "invalid_authorization")
    );
}

#[test]
fn the_body_must_be_an_object() {
    for body in ["[]", "\"x\"", "2500", "null"] {
        assert_eq!(
            found(&check(Dialect::NAIROPAY, body, &[])),
            one("", "invalid_type"),
            "{body}"
        );
    }
}

#[test]
fn malformed_and_oversized_bodies() {
    let report = check(Dialect::NAIROPAY, "{\"amount\": 2500,}", &[]);
    assert_eq!(found(&report), one("", "malformed_json"));
    assert!(report.violations()[0].message.contains("line 1, column 17"));
    let big = format!("{{\"reference\": \"{}\"}}", "x".repeat(10 << 20));
    assert_eq!(
        found(&check(Dialect::NAIROPAY, &big, &[])),
        one("", "body_too_large")
    );
    assert_eq!(
        found(&check(Dialect::NAIROPAY, "", &[])),
        one("", "malformed_json")
    );
}

#[test]
fn a_blank_reference_or_one_with_an_invisible_end_is_refused() {
    for blank in [r#""   ""#, r#""\u200b""#, r#""\ufeff \u3000""#] {
        assert_eq!(
            codes_with("/reference", Some(blank)),
            one("/reference", "blank"),
            "{blank}"
        );
    }
    for edge in [
        r#""\u200bORDER_1""#,
        r#""\ufeffORDER_1""#,
        r#""ORDER_1\u00ad""#,
    ] {
        assert_eq!(
            codes_with("/reference", Some(edge)),
            one("/reference", "invisible_character"),
            "{edge}"
        );
    }
    assert!(codes_with("/reference", Some(r#""ORDER 2025 001""#)).is_empty());
}

#[test]
fn both_venezuelan_bolivares_are_current() {
    // ISO 4217 list one carries VES (928) and VED (926).
    for code in ["\"VES\"", "\"VED\""] {
        assert!(codes_with("/currency", Some(code)).is_empty(), "{code}");
    }
}

#[test]
fn minor_units_refuse_exponents_as_openapi_integers_do() {
    for amount in ["2.5E3", "2500E0", "25e2", "1e400"] {
        assert_eq!(
            codes_with("/amount", Some(amount)),
            one("/amount", "exponent_notation"),
            "{amount}"
        );
    }
    let report = check(
        Dialect::NAIROPAY,
        &checkout_rules_conformance::with(VALID, "/amount", Some("2.5E3")),
        &[],
    );
    assert!(
        report.violations()[0].message.contains("is in minor units"),
        "{}",
        report.violations()[0].message
    );
}

#[test]
fn content_type_is_read_by_rfc_9110s_grammar() {
    checkout_rules_conformance::assert_content_type_rule(Dialect::NAIROPAY);
}
