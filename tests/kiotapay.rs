//! Every Kiotapay rule at its boundaries.

use checkout_rules::Dialect;
use checkout_rules::canonical::PaymentMethod;
use checkout_rules_conformance::{check, found, found_with, one};

const VALID: &str = r#"{"amount": 1500, "currency": "KES", "externalReference": "ORDER-12345"}"#;

fn codes_with(pointer: &str, value: Option<&str>) -> Vec<(String, &'static str)> {
    found_with(Dialect::KIOTAPAY, VALID, pointer, value)
}

#[test]
fn the_smallest_request_is_valid() {
    let report = check(Dialect::KIOTAPAY, VALID, &[]);
    assert!(report.is_valid(), "{:?}", report.violations());
    let session = report.normalized().unwrap();
    assert_eq!(session.amount.minor(), 150_000);
    assert_eq!(session.merchant_reference.as_deref(), Some("ORDER-12345"));
}

#[test]
fn required_fields() {
    for field in ["/amount", "/currency", "/externalReference"] {
        assert_eq!(codes_with(field, None), one(field, "required"), "{field}");
    }
    for field in [
        "/description",
        "/successUrl",
        "/cancelUrl",
        "/paymentMethods",
        "/email",
        "/phone",
        "/reference",
        "/callbackUrl",
    ] {
        assert!(codes_with(field, None).is_empty(), "{field}");
    }
}

#[test]
fn amount_is_a_positive_decimal_in_major_units() {
    assert!(codes_with("/amount", Some("0.01")).is_empty());
    assert!(codes_with("/amount", Some("12.340")).is_empty());
    assert_eq!(
        codes_with("/amount", Some("0")),
        one("/amount", "below_minimum")
    );
    assert_eq!(
        codes_with("/amount", Some("0.00")),
        one("/amount", "below_minimum")
    );
    assert_eq!(
        codes_with("/amount", Some("-5")),
        one("/amount", "below_minimum")
    );
    assert_eq!(
        codes_with("/amount", Some("0.001")),
        one("/amount", "too_many_decimals")
    );
    // Exponent notation is an exact JSON number: 1.5e3 is 1500.00.
    assert!(codes_with("/amount", Some("1.5e3")).is_empty());
    assert_eq!(
        codes_with("/amount", Some("\"15.00\"")),
        one("/amount", "invalid_type")
    );
    assert_eq!(
        codes_with("/amount", Some("90071992547409.92")),
        one("/amount", "out_of_range")
    );
    assert!(codes_with("/amount", Some("90071992547409.91")).is_empty());
    // JPY has no decimals, BHD three.
    let jpy = checkout_rules_conformance::with(VALID, "/currency", Some("\"JPY\""));
    assert_eq!(
        found_with(Dialect::KIOTAPAY, &jpy, "/amount", Some("1500.5")),
        one("/amount", "too_many_decimals")
    );
    let bhd = checkout_rules_conformance::with(VALID, "/currency", Some("\"BHD\""));
    assert!(found_with(Dialect::KIOTAPAY, &bhd, "/amount", Some("1.005")).is_empty());
}

#[test]
fn payment_methods() {
    assert!(codes_with("/paymentMethods", Some(r#"["CARD"]"#)).is_empty());
    assert!(codes_with("/paymentMethods", Some(r#"["MPESA_STK", "CARD"]"#)).is_empty());
    assert_eq!(
        codes_with("/paymentMethods", Some("[]")),
        one("/paymentMethods", "too_few_items")
    );
    assert_eq!(
        codes_with("/paymentMethods", Some(r#"["CARD", "PAYPAL"]"#)),
        one("/paymentMethods/1", "not_allowed")
    );
    assert_eq!(
        codes_with("/paymentMethods", Some(r#"["card"]"#)),
        one("/paymentMethods/0", "not_allowed")
    );
    assert_eq!(
        codes_with("/paymentMethods", Some(r#""CARD""#)),
        one("/paymentMethods", "invalid_type")
    );
    let body = checkout_rules_conformance::with(
        VALID,
        "/paymentMethods",
        Some(r#"["MPESA_STK", "CARD"]"#),
    );
    let session = check(Dialect::KIOTAPAY, &body, &[])
        .into_normalized()
        .unwrap();
    assert_eq!(
        session.payment_methods,
        [PaymentMethod::MpesaStk, PaymentMethod::Card]
    );
}

#[test]
fn phone_is_e164() {
    assert!(codes_with("/phone", Some("\"+237612345678\"")).is_empty());
    assert!(codes_with("/phone", Some("\"+254712345678\"")).is_empty());
    for bad in [
        "\"0712345678\"",
        "\"+254 712 345678\"",
        "\"+2547123\"",
        "\"+0712345678\"",
        "\"+999712345678\"",
    ] {
        assert_eq!(
            codes_with("/phone", Some(bad)),
            one("/phone", "invalid_phone"),
            "{bad}"
        );
    }
}

#[test]
fn urls_email_and_texts() {
    for field in ["/successUrl", "/cancelUrl", "/callbackUrl"] {
        assert!(codes_with(field, Some("\"https://merchant.example/x\"")).is_empty());
        assert_eq!(
            codes_with(field, Some("\"merchant.example/x\"")),
            one(field, "invalid_url")
        );
    }
    assert_eq!(
        codes_with("/email", Some("\"nobody\"")),
        one("/email", "invalid_email")
    );
    assert_eq!(
        codes_with("/reference", Some("\"\"")),
        one("/reference", "too_short")
    );
    assert_eq!(
        codes_with("/description", Some("\"a\\nb\"")),
        one("/description", "control_character")
    );
    assert_eq!(
        codes_with("/callback_url", Some("\"https://x.example\"")),
        one("/callback_url", "unknown_field")
    );
}

#[test]
fn normalised_urls_keep_their_purpose() {
    let body = r#"{"amount": 10, "currency": "KES", "externalReference": "R1",
        "successUrl": "https://m.example/ok", "cancelUrl": "https://m.example/cancel",
        "callbackUrl": "https://m.example/hook", "reference": "INV-1", "email": "a@b.example"}"#;
    let session = check(Dialect::KIOTAPAY, body, &[])
        .into_normalized()
        .unwrap();
    assert_eq!(
        session.urls.success.as_deref(),
        Some("https://m.example/ok")
    );
    assert_eq!(
        session.urls.cancel.as_deref(),
        Some("https://m.example/cancel")
    );
    assert_eq!(
        session.urls.webhook.as_deref(),
        Some("https://m.example/hook")
    );
    assert_eq!(session.urls.redirect, None);
    assert_eq!(session.display_reference.as_deref(), Some("INV-1"));
    assert_eq!(
        session.customer.unwrap().email.as_deref(),
        Some("a@b.example")
    );
}

#[test]
fn idempotency_key_is_carried_when_given() {
    let report = check(Dialect::KIOTAPAY, VALID, &[("Idempotency-Key", "k-1")]);
    assert_eq!(
        report.into_normalized().unwrap().idempotency_key.as_deref(),
        Some("k-1")
    );
    let report = check(
        Dialect::KIOTAPAY,
        VALID,
        &[("Idempotency-Key", &"k".repeat(256))],
    );
    assert_eq!(found(&report), one("Idempotency-Key", "too_long"));
}

#[test]
fn the_webhook_must_be_public_https_by_default() {
    assert!(codes_with("/callbackUrl", Some("\"https://merchant.example/hook\"")).is_empty());
    assert_eq!(
        codes_with("/callbackUrl", Some("\"http://merchant.example/hook\"")),
        one("/callbackUrl", "insecure_url")
    );
    for internal in [
        "\"https://127.0.0.1/hook\"",
        "\"https://localhost:8443/hook\"",
        "\"https://169.254.169.254/latest/meta-data\"",
        "\"https://[::ffff:127.0.0.1]/\"",
        "\"https://10.0.0.7/hook\"",
        "\"https://[::127.0.0.1]/\"",
        "\"https://[2002:7f00:1::]/\"",
        "\"https://[2002:c0a8:101::1]/\"",
        "\"https://[64:ff9b:1::a9fe:a9fe]/\"",
        "\"https://[fec0::1]/\"",
        "\"https://[2001:0:4136:e378:8000:63bf:3f57:fefe]/\"",
        "\"https://192.0.0.8/\"",
        "\"https://198.18.0.1/\"",
        "\"https://[2001:2::1]/\"",
        "\"https://[100::1]/\"",
        "\"https://printer.local/hook\"",
        "\"https://metadata.google.internal/computeMetadata/v1/\"",
        "\"https://router.home.arpa/\"",
        "\"https://api.localhost/\"",
        "\"https://shop.test/\"",
        "\"https://x.invalid/\"",
        "\"https://abc.onion/\"",
        "\"https://name.alt/\"",
        "\"https://intranet/hook\"",
    ] {
        assert_eq!(
            codes_with("/callbackUrl", Some(internal)),
            one("/callbackUrl", "private_address"),
            "{internal}"
        );
    }
    // Documentation addresses and names stay public: the providers' own
    // documents use them.
    for public in [
        "\"https://203.0.113.42/hook\"",
        "\"https://[2001:db8::1]/hook\"",
        "\"https://hooks.example/\"",
        "\"https://example.com/hook\"",
        "\"https://[2002:808:808::1]/\"",
        "\"https://[::ffff:8.8.8.8]/\"",
    ] {
        assert!(
            codes_with("/callbackUrl", Some(public)).is_empty(),
            "{public}"
        );
    }
    // Redirects are the browser's business: any http(s) URL.
    assert!(codes_with("/successUrl", Some("\"http://localhost:3000/done\"")).is_empty());
    // The policy is an option.
    let body = checkout_rules_conformance::with(
        VALID,
        "/callbackUrl",
        Some("\"http://localhost:3000/hook\""),
    );
    let mut options = checkout_rules::Options::default();
    options.url_policy.webhooks = checkout_rules::schema::Policy::Any;
    assert!(
        Dialect::KIOTAPAY
            .validate_with(body.as_bytes(), &[], &options)
            .is_valid()
    );
}

#[test]
fn blank_text_and_invisible_ends_are_refused() {
    assert_eq!(
        codes_with("/description", Some(r#"" \u200b ""#)),
        one("/description", "blank")
    );
    assert!(codes_with("/description", Some(r#""Order 12345, two items""#)).is_empty());
    for field in ["/externalReference", "/reference"] {
        assert_eq!(
            codes_with(field, Some(r#""\t""#)),
            one(field, "control_character"),
            "{field}"
        );
        assert_eq!(
            codes_with(field, Some(r#""  ""#)),
            one(field, "blank"),
            "{field}"
        );
        assert_eq!(
            codes_with(field, Some(r#""\ufeffORDER-12345""#)),
            one(field, "invisible_character"),
            "{field}"
        );
    }
}

#[test]
fn both_venezuelan_bolivares_are_current() {
    for code in ["\"VES\"", "\"VED\""] {
        assert!(codes_with("/currency", Some(code)).is_empty(), "{code}");
    }
}

#[test]
fn amounts_in_exponent_notation_are_exact() {
    let minor = |amount: &str| {
        let report = check(
            Dialect::KIOTAPAY,
            &checkout_rules_conformance::with(VALID, "/amount", Some(amount)),
            &[],
        );
        match &report.normalized() {
            Some(session) => Ok(session.amount.minor()),
            None => Err(found(&report)),
        }
    };
    // How Java's Jackson writes doubles of ten and fifteen million.
    assert_eq!(minor("1.0E7"), Ok(1_000_000_000));
    assert_eq!(minor("1.5E7"), Ok(1_500_000_000));
    assert_eq!(minor("1E-2"), Ok(1));
    assert_eq!(minor("12.34e0"), Ok(1234));
    assert_eq!(minor("1.2345E1"), Err(one("/amount", "too_many_decimals")));
    assert_eq!(minor("1E-3"), Err(one("/amount", "too_many_decimals")));
    assert_eq!(minor("0E5"), Err(one("/amount", "below_minimum")));
    assert_eq!(minor("-1E2"), Err(one("/amount", "below_minimum")));
    assert_eq!(minor("9.007199254740991E13"), Ok(9_007_199_254_740_991));
    assert_eq!(
        minor("9.007199254740992E13"),
        Err(one("/amount", "out_of_range"))
    );
    // Huge exponents are decided at once, from the digits.
    assert_eq!(minor("1e400"), Err(one("/amount", "out_of_range")));
    assert_eq!(minor("1e-400"), Err(one("/amount", "too_many_decimals")));
    assert_eq!(
        minor("1e-99999999999999999999"),
        Err(one("/amount", "too_many_decimals"))
    );
    // Without a valid currency the form and range are still judged.
    let no_currency = checkout_rules_conformance::with(VALID, "/currency", Some("\"KSH\""));
    assert_eq!(
        found_with(Dialect::KIOTAPAY, &no_currency, "/amount", Some("1.5E7")),
        one("/currency", "unknown_currency")
    );
    assert_eq!(
        found_with(Dialect::KIOTAPAY, &no_currency, "/amount", Some("1e400")),
        [
            one("/amount", "out_of_range"),
            one("/currency", "unknown_currency")
        ]
        .concat()
    );
}

#[test]
fn an_exponent_amount_converts_exactly() {
    let body = br#"{"amount": 1.5E7, "currency": "KES", "externalReference": "ORDER-1"}"#;
    let c = Dialect::KIOTAPAY.convert(Dialect::NAIROPAY, body, &[]);
    assert_eq!(
        c.body_json().as_deref(),
        Some(r#"{"amount":1500000000,"currency":"KES","reference":"ORDER-1"}"#)
    );
    let c = Dialect::KIOTAPAY.convert(Dialect::KIOTAPAY, body, &[]);
    assert_eq!(
        c.body_json().as_deref(),
        Some(r#"{"amount":15000000.00,"currency":"KES","externalReference":"ORDER-1"}"#)
    );
}

#[test]
fn content_type_is_read_by_rfc_9110s_grammar() {
    checkout_rules_conformance::assert_content_type_rule(Dialect::KIOTAPAY);
}

#[test]
fn amount_violations_give_their_numbers_in_major_units() {
    use checkout_rules::report::Param;
    let violation = |currency: &str, amount: &str| {
        let body = checkout_rules_conformance::with(
            &checkout_rules_conformance::with(VALID, "/currency", Some(currency)),
            "/amount",
            Some(amount),
        );
        check(Dialect::KIOTAPAY, &body, &[])
            .into_violations()
            .remove(0)
    };
    let text = |t: &str| Some(Param::Text(t.to_owned().into()));
    let v = violation("\"KES\"", "0");
    assert_eq!(v.code.as_str(), "below_minimum");
    assert_eq!(v.param("min"), text("0.01").as_ref());
    assert_eq!(v.param("actual"), text("0").as_ref());
    assert_eq!(v.message, "`amount` must be at least 0.01; it is 0");
    assert_eq!(violation("\"JPY\"", "0").param("min"), text("1").as_ref());
    assert_eq!(
        violation("\"BHD\"", "-1").param("min"),
        text("0.001").as_ref()
    );
    let v = violation("\"KES\"", "90071992547409.92");
    assert_eq!(v.code.as_str(), "out_of_range");
    assert_eq!(v.param("max"), text("90071992547409.91").as_ref());
    // Without a currency, the bounds that depend on its decimals are not
    // given rather than given in minor units.
    let v = violation("\"KSH\"", "-5");
    assert_eq!(v.code.as_str(), "below_minimum");
    assert_eq!(v.param("min"), None);
    assert_eq!(v.param("actual"), text("-5").as_ref());
    assert!(
        v.message.contains("one minor unit of its currency"),
        "{}",
        v.message
    );
    let v = violation("\"KSH\"", "1e400");
    assert_eq!(v.code.as_str(), "out_of_range");
    assert_eq!(v.param("max"), None);
}
