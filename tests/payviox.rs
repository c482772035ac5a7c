//! Every Payviox rule at its boundaries: just valid, just invalid.

use checkout_rules::report::Param;
use checkout_rules::{Dialect, MAX_SAFE_INTEGER};
use checkout_rules_conformance::{check, found, found_with, one, with};

const VALID: &str = r#"{
    "amount": 10000,
    "currency": "USD",
    "customer": "customer_abc123",
    "order_id": "order_12345",
    "items": [{"name": "Premium Plan", "quantity": 1, "price": 10000}]
}"#;

fn codes_with(pointer: &str, value: Option<&str>) -> Vec<(String, &'static str)> {
    found_with(Dialect::PAYVIOX, VALID, pointer, value)
}

#[test]
fn the_base_request_is_valid() {
    let report = check(Dialect::PAYVIOX, VALID, &[]);
    assert!(report.is_valid(), "{:?}", report.violations());
}

#[test]
fn amount_minimum_is_100_minor_units() {
    let body = with(
        &with(VALID, "/amount", Some("100")),
        "/items/0/price",
        Some("100"),
    );
    assert!(check(Dialect::PAYVIOX, &body, &[]).is_valid());
    let body = with(
        &with(VALID, "/amount", Some("99")),
        "/items/0/price",
        Some("99"),
    );
    let report = check(Dialect::PAYVIOX, &body, &[]);
    assert_eq!(found(&report), one("/amount", "below_minimum"));
    assert_eq!(report.violations()[0].param("min"), Some(&Param::Int(100)));
    assert_eq!(
        report.violations()[0].param("actual"),
        Some(&Param::Int(99))
    );
}

#[test]
fn amount_is_an_integer_in_minor_units() {
    assert_eq!(
        codes_with("/amount", Some("10000.0")),
        one("/amount", "not_integer")
    );
    assert_eq!(
        codes_with("/amount", Some("100.00")),
        one("/amount", "not_integer")
    );
    assert_eq!(
        codes_with("/amount", Some("1e4")),
        one("/amount", "exponent_notation")
    );
    assert_eq!(
        codes_with("/amount", Some("\"10000\"")),
        one("/amount", "invalid_type")
    );
    assert_eq!(
        codes_with("/amount", Some("null")),
        one("/amount", "invalid_type")
    );
    assert_eq!(
        codes_with("/amount", Some("-10000")),
        one("/amount", "below_minimum")
    );
    assert_eq!(codes_with("/amount", None), one("/amount", "required"));
    assert_eq!(
        codes_with("/amount", Some(&"9".repeat(100))),
        one("/amount", "out_of_range")
    );
}

#[test]
fn amount_at_the_safe_integer_limit() {
    let max = MAX_SAFE_INTEGER.to_string();
    let body = with(
        &with(VALID, "/amount", Some(&max)),
        "/items/0/price",
        Some(&max),
    );
    let report = check(Dialect::PAYVIOX, &body, &[]);
    assert!(report.is_valid(), "{:?}", report.violations());
    assert_eq!(
        report.normalized().unwrap().amount.minor(),
        MAX_SAFE_INTEGER
    );
    let over = (MAX_SAFE_INTEGER + 1).to_string();
    let body = with(
        &with(VALID, "/amount", Some(&over)),
        "/items/0/price",
        Some(&over),
    );
    assert_eq!(
        found(&check(Dialect::PAYVIOX, &body, &[])),
        vec![
            ("/amount".to_owned(), "out_of_range"),
            ("/items/0/price".to_owned(), "out_of_range")
        ]
    );
}

#[test]
fn items_must_sum_to_the_amount_exactly() {
    let body = with(
        VALID,
        "/items",
        Some(
            r#"[{"name": "A", "quantity": 3, "price": 2500}, {"name": "B", "quantity": 1, "price": 2500}]"#,
        ),
    );
    assert!(check(Dialect::PAYVIOX, &body, &[]).is_valid());

    let off_by_one = with(&body, "/amount", Some("10001"));
    let report = check(Dialect::PAYVIOX, &off_by_one, &[]);
    assert_eq!(found(&report), one("/amount", "amount_mismatch"));
    let v = &report.violations()[0];
    assert_eq!(v.param("expected"), Some(&Param::Int(10000)));
    assert_eq!(v.param("actual"), Some(&Param::Int(10001)));
}

#[test]
fn a_sum_that_overflows_is_reported_at_the_item() {
    let max = MAX_SAFE_INTEGER.to_string();
    let items = format!(
        r#"[{{"name": "A", "quantity": 1, "price": {max}}}, {{"name": "B", "quantity": 1, "price": 1}}]"#
    );
    let body = with(&with(VALID, "/amount", Some(&max)), "/items", Some(&items));
    assert_eq!(
        found(&check(Dialect::PAYVIOX, &body, &[])),
        one("/items/1", "arithmetic_overflow")
    );
    let items = format!(r#"[{{"name": "A", "quantity": {max}, "price": 2}}]"#);
    let body = with(VALID, "/items", Some(&items));
    assert_eq!(
        found(&check(Dialect::PAYVIOX, &body, &[])),
        one("/items/0", "arithmetic_overflow")
    );
}

#[test]
fn an_invalid_item_leaves_the_sum_unjudged() {
    assert_eq!(
        codes_with("/items/0/price", Some("0")),
        one("/items/0/price", "below_minimum")
    );
}

#[test]
fn items_rules() {
    assert_eq!(
        codes_with("/items", Some("[]")),
        one("/items", "too_few_items")
    );
    assert_eq!(
        codes_with("/items", Some("{}")),
        one("/items", "invalid_type")
    );
    assert_eq!(codes_with("/items", None), one("/items", "required"));
    assert_eq!(
        codes_with("/items/0", Some("1")),
        one("/items/0", "invalid_type")
    );
    assert_eq!(
        codes_with("/items/0/name", Some("\"\"")),
        one("/items/0/name", "too_short")
    );
    assert_eq!(
        codes_with("/items/0/name", None),
        one("/items/0/name", "required")
    );
    assert_eq!(
        codes_with("/items/0/quantity", Some("0")),
        one("/items/0/quantity", "below_minimum")
    );
    assert_eq!(
        codes_with("/items/0/quantity", Some("1.5")),
        one("/items/0/quantity", "not_integer")
    );
    assert_eq!(
        codes_with("/items/0/price", Some("0")),
        one("/items/0/price", "below_minimum")
    );
    assert_eq!(
        codes_with("/items/0/price", Some("99.5")),
        one("/items/0/price", "not_integer")
    );
    // Items may carry extra properties, checked only for interoperability.
    let extra = with(VALID, "/items/0/sku", Some("\"PP-1\""));
    let report = check(Dialect::PAYVIOX, &extra, &[]);
    assert!(report.is_valid());
    let item = &report.normalized().unwrap().items[0];
    assert_eq!(
        item.extra
            .as_ref()
            .and_then(|e| e.get("sku"))
            .and_then(|v| v.as_str()),
        Some("PP-1")
    );
    assert_eq!(
        codes_with("/items/0/weight", Some("1e400")),
        one("/items/0/weight", "number_out_of_range")
    );
}

#[test]
fn quantity_one_and_price_one_are_the_smallest() {
    let body = with(
        &with(VALID, "/amount", Some("100")),
        "/items",
        Some(
            r#"[{"name": "Sticker", "quantity": 1, "price": 1}, {"name": "Pack", "quantity": 99, "price": 1}]"#,
        ),
    );
    assert!(check(Dialect::PAYVIOX, &body, &[]).is_valid());
}

#[test]
fn required_text_fields() {
    for field in ["/customer", "/order_id"] {
        assert_eq!(codes_with(field, None), one(field, "required"));
        assert_eq!(codes_with(field, Some("\"\"")), one(field, "too_short"));
        assert_eq!(
            codes_with(field, Some("\" x\"")),
            one(field, "surrounding_whitespace")
        );
        assert_eq!(
            codes_with(field, Some("\"a\\u0000b\"")),
            one(field, "control_character")
        );
        assert_eq!(codes_with(field, Some("42")), one(field, "invalid_type"));
        assert!(codes_with(field, Some("\"x\"")).is_empty());
    }
}

#[test]
fn currency_rules() {
    assert!(codes_with("/currency", Some("\"JPY\"")).is_empty());
    assert_eq!(
        codes_with("/currency", Some("\"usd\"")),
        one("/currency", "unknown_currency")
    );
    assert_eq!(
        codes_with("/currency", Some("\"US\"")),
        one("/currency", "unknown_currency")
    );
    assert_eq!(
        codes_with("/currency", Some("\"HRK\"")),
        one("/currency", "currency_not_accepted")
    );
    assert_eq!(
        codes_with("/currency", Some("\"XAU\"")),
        one("/currency", "currency_not_accepted")
    );
    assert_eq!(codes_with("/currency", None), one("/currency", "required"));
}

#[test]
fn optional_fields() {
    assert!(codes_with("/description", Some("\"Premium subscription\"")).is_empty());
    assert_eq!(
        codes_with("/description", Some("\"\"")),
        one("/description", "too_short")
    );
    assert_eq!(
        codes_with("/description", Some("null")),
        one("/description", "invalid_type")
    );
    assert!(codes_with("/paymentMethodId", Some("\"zen_card\"")).is_empty());
    assert_eq!(
        codes_with("/paymentMethodId", Some("\"\"")),
        one("/paymentMethodId", "too_short")
    );
    assert!(
        codes_with(
            "/metadata",
            Some(r#"{"user_id": "usr_123", "n": [1, {"deep": true}]}"#)
        )
        .is_empty()
    );
    assert_eq!(
        codes_with("/metadata", Some("[]")),
        one("/metadata", "invalid_type")
    );
    assert_eq!(
        codes_with("/metadata", Some(r#"{"big": 9007199254740993}"#)),
        one("/metadata/big", "number_out_of_range")
    );
}

#[test]
fn ip_is_an_address_and_needs_a_secret_key() {
    let body = with(VALID, "/ip", Some("\"203.0.113.42\""));
    assert!(check(Dialect::PAYVIOX, &body, &[]).is_valid());
    assert!(
        check(
            Dialect::PAYVIOX,
            &body,
            &[("Authorization", "Bearer sk_live_x")]
        )
        .is_valid()
    );
    let report = check(
        Dialect::PAYVIOX,
        &body,
        &[("authorization", "Bearer pk_live_x")],
    );
    assert_eq!(found(&report), one("/ip", "ip_requires_secret_key"));
    // Without `ip`, a public key is fine.
    assert!(
        check(
            Dialect::PAYVIOX,
            VALID,
            &[("Authorization", "Bearer pk_live_x")]
        )
        .is_valid()
    );

    for bad in ["\"203.0.113\"", "\"010.0.0.1\"", "\"::1%lo\"", "\"\""] {
        assert_eq!(
            codes_with("/ip", Some(bad)),
            one("/ip", "invalid_ip"),
            "{bad}"
        );
    }
    assert!(codes_with("/ip", Some("\"2001:db8::42\"")).is_empty());
}

#[test]
fn ip_must_be_an_address_an_end_user_can_have() {
    // Matched at payment time against the address the payment comes from:
    // an address of the merchant's own network would fail with a 403.
    for internal in [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.10",
        "169.254.169.254",
        "0.0.0.0",
        "::",
        "::1",
        "fe80::1",
        "::ffff:10.0.0.1",
        "100.64.0.1",
        "172.31.255.255",
        "::127.0.0.1",
        "2002:c0a8:101::1",
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::808:808",
        "2001:0:4136:e378:8000:63bf:3f57:fefe",
        "fd00::1",
        "fec0::1",
        "ff02::1",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
    ] {
        let report = check(
            Dialect::PAYVIOX,
            &with(VALID, "/ip", Some(&format!("\"{internal}\""))),
            &[("Authorization", "Bearer sk_live_x")],
        );
        assert_eq!(found(&report), one("/ip", "private_address"), "{internal}");
        let message = &report.violations()[0].message;
        assert!(
            message.starts_with(&format!("`ip` is {internal}, "))
                && message.contains("X-Forwarded-For"),
            "{message}"
        );
    }
    // The document's own example, any public address, a public IPv4 address
    // as a dual-stack server writes it.
    for public in [
        "203.0.113.42",
        "198.51.100.7",
        "8.8.8.8",
        "100.63.255.255",
        "100.128.0.0",
        "172.32.0.0",
        "2001:db8::42",
        "2a00:1450:4001::1",
        "::ffff:203.0.113.42",
        "2002:cb00:712a::1",
    ] {
        assert!(
            codes_with("/ip", Some(&format!("\"{public}\""))).is_empty(),
            "{public}"
        );
    }
    let report = check(
        Dialect::PAYVIOX,
        &with(VALID, "/ip", Some("\"2002:7f00:1::\"")),
        &[],
    );
    assert!(
        report.violations()[0].message.starts_with(
            "`ip` is 2002:7f00:1::, a 6to4 address carrying 127.0.0.1, a loopback address, "
        ),
        "{}",
        report.violations()[0].message
    );
}

#[test]
fn headers() {
    let headers = |h: &[(&str, &str)]| found(&check(Dialect::PAYVIOX, VALID, h));
    assert!(
        headers(&[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer sk_test_1")
        ])
        .is_empty()
    );
    assert_eq!(
        headers(&[("Authorization", "Bearer live_1")]),
        one("Authorization", "invalid_authorization")
    );
    assert_eq!(
        headers(&[("Authorization", "Basic dXNlcg==")]),
        one("Authorization", "invalid_authorization")
    );
    assert_eq!(
        headers(&[("Content-Type", "text/plain")]),
        one("Content-Type", "unsupported_content_type")
    );
    assert_eq!(
        headers(&[
            ("Authorization", "Bearer sk_1"),
            ("AUTHORIZATION", "Bearer sk_2")
        ]),
        one("Authorization", "duplicate_header")
    );
    assert_eq!(
        headers(&[("Authorization", "Bearer sk_1\r\nX-Evil: 1")]),
        one("Authorization", "invalid_header_value")
    );
    let report = check(Dialect::PAYVIOX, VALID, &[("Content-Type", "text/plain")]);
    assert_eq!(report.violations()[0].part, checkout_rules::Part::Header);
}

#[test]
fn unknown_fields_are_refused_with_a_suggestion() {
    let report = check(
        Dialect::PAYVIOX,
        &with(VALID, "/orderId", Some("\"x\"")),
        &[],
    );
    assert_eq!(found(&report), one("/orderId", "unknown_field"));
    assert_eq!(
        report.violations()[0].param("suggestion"),
        Some(&Param::Text("order_id".into()))
    );
    let report = check(
        Dialect::PAYVIOX,
        &with(VALID, "/colour", Some("\"red\"")),
        &[],
    );
    assert_eq!(found(&report), one("/colour", "unknown_field"));
    assert_eq!(report.violations()[0].param("suggestion"), None);
}

#[test]
fn every_problem_at_once() {
    let body = r#"{"amount": 50, "currency": "usd", "order_id": "", "items": [{"quantity": 0, "price": 1.5}], "ammount": 1}"#;
    let report = check(Dialect::PAYVIOX, body, &[("Authorization", "Token x")]);
    assert_eq!(
        found(&report),
        [
            ("/amount", "below_minimum"),
            ("/currency", "unknown_currency"),
            ("/customer", "required"),
            ("/order_id", "too_short"),
            ("/items/0/name", "required"),
            ("/items/0/quantity", "below_minimum"),
            ("/items/0/price", "not_integer"),
            ("/ammount", "unknown_field"),
            ("Authorization", "invalid_authorization"),
        ]
        .map(|(p, c)| (p.to_owned(), c))
    );
}

#[test]
fn duplicate_keys_anywhere_are_refused() {
    for body in [
        r#"{"amount": 10000, "amount": 1, "currency": "USD", "customer": "c", "order_id": "o", "items": [{"name": "P", "quantity": 1, "price": 10000}]}"#,
        r#"{"amount": 10000, "\u0061mount": 1, "currency": "USD", "customer": "c", "order_id": "o", "items": [{"name": "P", "quantity": 1, "price": 10000}]}"#,
    ] {
        assert_eq!(
            found(&check(Dialect::PAYVIOX, body, &[])),
            one("/amount", "duplicate_key")
        );
    }
    let in_item = r#"{"amount": 10000, "currency": "USD", "customer": "c", "order_id": "o", "items": [{"name": "P", "quantity": 1, "price": 10000, "price": 1}]}"#;
    assert_eq!(
        found(&check(Dialect::PAYVIOX, in_item, &[])),
        one("/items/0/price", "duplicate_key")
    );
    let in_metadata = with(VALID, "/metadata", Some("{}"))
        .replace(r#""metadata":{}"#, r#""metadata":{"a":{"b":1,"b":2}}"#);
    assert_eq!(
        found(&check(Dialect::PAYVIOX, &in_metadata, &[])),
        one("/metadata/a/b", "duplicate_key")
    );
}

#[test]
fn normalised_form() {
    let body = r#"{
        "amount": 12500, "currency": "USD", "customer": "customer_abc123", "order_id": "order_1",
        "description": "Two things", "paymentMethodId": "zen_card", "ip": "2001:db8::42",
        "metadata": {"ratio": 0.30000000000000001, "n": 1},
        "items": [{"name": "A", "quantity": 2, "price": 5000, "color": "red"}, {"name": "B", "quantity": 1, "price": 2500}]
    }"#;
    let report = check(
        Dialect::PAYVIOX,
        body,
        &[("Authorization", "Bearer sk_live_1")],
    );
    assert!(report.is_valid(), "{:?}", report.violations());
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    let n = &json["normalized"];
    assert_eq!(
        n["amount"],
        serde_json::json!({"minor": 12500, "currency": "USD", "decimal": "125.00"})
    );
    assert_eq!(n["items"][0]["unit_price"]["decimal"], "50.00");
    assert_eq!(n["items"][0]["quantity"], 2);
    assert_eq!(n["items"][0]["extra"]["color"], "red");
    assert_eq!(n["merchant_reference"], "order_1");
    assert_eq!(n["customer"]["id"], "customer_abc123");
    assert_eq!(n["payment_methods"][0]["provider_specific"], "zen_card");
    assert_eq!(n["client_ip"], "2001:db8::42");
    // Metadata numbers are written back exactly as they were sent.
    assert!(report.to_json().contains(r#""ratio":0.30000000000000001"#));
}

#[test]
fn payviox_error_body_shape() {
    let body = r#"{"currency": "USD", "customer": "c", "order_id": "o", "items": [{"name": "", "quantity": 1, "price": 1}]}"#;
    let report = check(Dialect::PAYVIOX, body, &[("Content-Type", "text/html")]);
    let errors: serde_json::Value = serde_json::from_str(&report.to_payviox_errors()).unwrap();
    assert_eq!(
        errors,
        serde_json::json!({
            "amount": ["The amount field is required."],
            "items.0.name": ["`items.0.name` must not be empty"],
            "Content-Type": ["the `Content-Type` header is `text/html`; the body must be sent as `application/json`"],
        })
    );
    let malformed = check(Dialect::PAYVIOX, "{", &[]);
    let errors: serde_json::Value = serde_json::from_str(&malformed.to_payviox_errors()).unwrap();
    assert!(
        errors["body"][0]
            .as_str()
            .unwrap()
            .starts_with("malformed JSON")
    );
}

#[test]
fn blank_text_and_invisible_ends_are_refused() {
    // "Each item must have a name": white space is no name.
    for blank in [
        r#""   ""#,
        r#""\u200b""#,
        r#""\ufeff""#,
        r#""\u00ad\u2060""#,
    ] {
        assert_eq!(
            codes_with("/items/0/name", Some(blank)),
            one("/items/0/name", "blank"),
            "{blank}"
        );
        assert_eq!(
            codes_with("/description", Some(blank)),
            one("/description", "blank"),
            "{blank}"
        );
        for field in ["/customer", "/order_id", "/paymentMethodId"] {
            assert_eq!(
                codes_with(field, Some(blank)),
                one(field, "blank"),
                "{blank}"
            );
        }
    }
    for field in ["/customer", "/order_id", "/paymentMethodId"] {
        for edge in [r#""\u200bcus_1""#, r#""\ufeffcus_1""#, r#""cus_1\u2060""#] {
            assert_eq!(
                codes_with(field, Some(edge)),
                one(field, "invisible_character"),
                "{field} {edge}"
            );
        }
    }
    let report = check(
        Dialect::PAYVIOX,
        &with(VALID, "/customer", Some(r#""\u200bcustomer_abc123""#)),
        &[],
    );
    let v = &report.violations()[0];
    assert_eq!(v.param("position"), Some(&Param::Int(1)));
    assert!(v.message.contains("U+200B"), "{}", v.message);
    // Names in any script, with inner spaces and joiners, stay valid.
    for name in [
        r#""Premium Plan""#,
        r#""Ελένη Παπαδοπούλου""#,
        r#""می\u200cخواهم""#,
        r#""张 伟""#,
        r#""Gift ❤\ufe0f""#,
    ] {
        assert!(codes_with("/items/0/name", Some(name)).is_empty(), "{name}");
        assert!(codes_with("/customer", Some(name)).is_empty(), "{name}");
    }
}

#[test]
fn a_key_prefix_alone_is_refused() {
    let headers = |h: &[(&str, &str)]| found(&check(Dialect::PAYVIOX, VALID, h));
    for key in ["Bearer pk_", "Bearer sk_", "Bearer sk_=="] {
        assert_eq!(
            headers(&[("Authorization", key)]),
            one("Authorization", "invalid_authorization"),
            "{key}"
        );
    }
    let report = check(Dialect::PAYVIOX, VALID, &[("Authorization", "Bearer sk_")]);
    assert!(
        report.violations()[0]
            .message
            .contains("must be `Bearer <API key>`: the key is only its prefix `sk_`"),
        "{}",
        report.violations()[0].message
    );
    for key in ["Bearer pk_1", "Bearer sk_x"] {
        assert!(headers(&[("Authorization", key)]).is_empty(), "{key}");
    }
}

#[test]
fn both_venezuelan_bolivares_are_current() {
    for code in ["\"VES\"", "\"VED\""] {
        assert!(codes_with("/currency", Some(code)).is_empty(), "{code}");
    }
}

#[test]
fn minor_units_refuse_exponents_as_openapi_integers_do() {
    for (field, value) in [("/amount", "1E4"), ("/items/0/price", "1.0E4")] {
        let body = with(VALID, field, Some(value));
        let codes = found(&check(Dialect::PAYVIOX, &body, &[]));
        assert_eq!(codes, one(field, "exponent_notation"), "{field}");
    }
    assert_eq!(
        codes_with("/items/0/quantity", Some("1e0")),
        one("/items/0/quantity", "exponent_notation")
    );
}

#[test]
fn content_type_is_read_by_rfc_9110s_grammar() {
    checkout_rules_conformance::assert_content_type_rule(Dialect::PAYVIOX);
}

#[test]
fn amount_violations_give_their_numbers_in_minor_units() {
    let max = MAX_SAFE_INTEGER.to_string();
    let items = format!(r#"[{{"name": "A", "quantity": {max}, "price": 2}}]"#);
    let report = check(Dialect::PAYVIOX, &with(VALID, "/items", Some(&items)), &[]);
    assert_eq!(
        report.violations()[0].param("max"),
        Some(&Param::Int(MAX_SAFE_INTEGER))
    );
    let report = check(
        Dialect::PAYVIOX,
        &with(VALID, "/amount", Some("9007199254740992")),
        &[],
    );
    assert_eq!(found(&report), one("/amount", "out_of_range"));
    assert_eq!(
        report.violations()[0].param("max"),
        Some(&Param::Int(MAX_SAFE_INTEGER))
    );
}
