//! Every orchestrator rule at its boundaries.

use checkout_rules::Dialect;
use checkout_rules::report::Param;
use checkout_rules_conformance::{check, found, one, repo_root, with};

const KEY: (&str, &str) = ("Idempotency-Key", "4f1c2b0e-7d1a-4c55-9a61-0d3c2f9e8b71");

fn valid() -> String {
    std::fs::read_to_string(repo_root().join("examples/orchestrator/wireless-headphones.json"))
        .unwrap()
}

fn codes_with(pointer: &str, value: Option<&str>) -> Vec<(String, &'static str)> {
    found(&check(
        Dialect::ORCHESTRATOR,
        &with(&valid(), pointer, value),
        &[KEY],
    ))
}

#[test]
fn the_documented_request_is_valid_and_normalises() {
    let report = check(Dialect::ORCHESTRATOR, &valid(), &[KEY]);
    assert!(report.is_valid(), "{:?}", report.violations());
    let s = report.into_normalized().unwrap();
    assert_eq!(s.amount.minor(), 14076);
    assert_eq!(s.shipping_amount.unwrap().minor(), 995);
    assert_eq!(s.tax_amount.unwrap().minor(), 1181);
    assert_eq!(s.items[0].unit_price.to_major_string(), "119.00");
    assert_eq!(s.items[0].sku.as_deref(), Some("WH-100"));
    let customer = s.customer.unwrap();
    assert_eq!(customer.last_name.as_deref(), Some("Smith"));
    assert_eq!(
        customer.billing_address.unwrap().country.as_deref(),
        Some("AU")
    );
    assert_eq!(s.locale.as_deref(), Some("en_AU"));
    assert_eq!(
        s.urls.failure.as_deref(),
        Some("https://merchant.example.com/checkout/failure")
    );
    assert_eq!(s.idempotency_key.as_deref(), Some(KEY.1));
    assert_eq!(s.shipping.unwrap().method.as_deref(), Some("aus_post"));
    assert!(s.metadata.unwrap().get("campaignId").is_some());
}

#[test]
fn idempotency_key_is_required_1_to_255_without_control_characters() {
    let body = valid();
    let headers = |v: &str| {
        found(&check(
            Dialect::ORCHESTRATOR,
            &body,
            &[("Idempotency-Key", v)],
        ))
    };
    assert!(headers("k").is_empty());
    assert!(headers(&"k".repeat(255)).is_empty());
    assert_eq!(
        headers(&"k".repeat(256)),
        one("Idempotency-Key", "too_long")
    );
    assert_eq!(headers(""), one("Idempotency-Key", "too_short"));
    assert_eq!(
        headers("a\u{1}b"),
        one("Idempotency-Key", "invalid_header_value")
    );
    assert_eq!(
        found(&check(Dialect::ORCHESTRATOR, &body, &[])),
        one("Idempotency-Key", "required")
    );
}

#[test]
fn total_is_items_plus_shipping_plus_tax_exactly() {
    let report = check(
        Dialect::ORCHESTRATOR,
        &with(&valid(), "/amount/total", Some("140.75")),
        &[KEY],
    );
    assert_eq!(found(&report), one("/amount/total", "amount_mismatch"));
    let v = &report.violations()[0];
    assert_eq!(v.param("expected"), Some(&Param::Text("140.76".into())));
    assert_eq!(v.param("actual"), Some(&Param::Text("140.75".into())));
    // Written differently, the same amount is the same amount.
    assert!(codes_with("/amount/total", Some("140.760")).is_empty());
    // Without shipping and tax the total is the items alone.
    let body = with(
        &with(
            &with(&valid(), "/amount/shipping", None),
            "/amount/tax",
            None,
        ),
        "/amount/total",
        Some("119"),
    );
    assert!(found(&check(Dialect::ORCHESTRATOR, &body, &[KEY])).is_empty());
    // Two of an item count twice.
    let body = with(
        &with(&valid(), "/orderItems/0/quantity", Some("2")),
        "/amount/total",
        Some("259.76"),
    );
    assert!(found(&check(Dialect::ORCHESTRATOR, &body, &[KEY])).is_empty());
}

#[test]
fn amounts_follow_the_currency() {
    assert_eq!(
        codes_with("/amount/tax", Some("11.811")),
        one("/amount/tax", "too_many_decimals")
    );
    assert_eq!(
        codes_with("/amount/total", Some("0")),
        one("/amount/total", "below_minimum")
    );
    assert_eq!(
        codes_with("/amount/shipping", Some("-1")),
        one("/amount/shipping", "below_minimum")
    );
    assert_eq!(
        codes_with("/orderItems/0/unitPrice", Some("0")),
        one("/orderItems/0/unitPrice", "below_minimum")
    );
    assert_eq!(
        codes_with("/amount/total", None),
        one("/amount/total", "required")
    );
    assert_eq!(
        codes_with("/amount/discount", Some("1")),
        one("/amount/discount", "unknown_field")
    );
    // Free shipping and no tax are fine.
    let body = with(
        &with(
            &with(&valid(), "/amount/shipping", Some("0")),
            "/amount/tax",
            Some("0.00"),
        ),
        "/amount/total",
        Some("119"),
    );
    assert!(found(&check(Dialect::ORCHESTRATOR, &body, &[KEY])).is_empty());
}

#[test]
fn items() {
    assert_eq!(
        codes_with("/orderItems", Some("[]")),
        one("/orderItems", "too_few_items")
    );
    assert_eq!(
        codes_with("/orderItems/0/sku", None),
        one("/orderItems/0/sku", "required")
    );
    assert_eq!(
        codes_with("/orderItems/0/quantity", Some("0")),
        one("/orderItems/0/quantity", "below_minimum")
    );
    assert_eq!(
        codes_with("/orderItems/0/name", Some("\"\"")),
        one("/orderItems/0/name", "too_short")
    );
    assert_eq!(
        codes_with("/orderItems/0/colour", Some("\"red\"")),
        one("/orderItems/0/colour", "unknown_field")
    );
}

#[test]
fn top_level_fields() {
    assert_eq!(
        codes_with("/orderReference", None),
        one("/orderReference", "required")
    );
    assert_eq!(
        codes_with("/paymentMethod", Some("\"CARD\"")),
        one("/paymentMethod", "not_allowed")
    );
    assert_eq!(
        codes_with("/currency", Some("\"AUS\"")),
        one("/currency", "unknown_currency")
    );
    assert!(codes_with("/locale", None).is_empty());
    assert!(codes_with("/locale", Some("\"sw_KE\"")).is_empty());
    for bad in ["\"en-AU\"", "\"en\"", "\"EN_au\"", "\"xx_AU\"", "\"en_XX\""] {
        assert_eq!(
            codes_with("/locale", Some(bad)),
            one("/locale", "invalid_locale"),
            "{bad}"
        );
    }
    assert_eq!(
        codes_with("/shipping/type", Some("\"\"")),
        one("/shipping/type", "too_short")
    );
    assert_eq!(
        codes_with("/additionalInformation", Some("[]")),
        one("/additionalInformation", "invalid_type")
    );
    assert!(
        codes_with(
            "/additionalInformation/nested",
            Some(r#"{"any": [1, true, null]}"#)
        )
        .is_empty()
    );
    assert_eq!(
        codes_with("/redirectUrls/success", Some("\"javascript:alert(1)\"")),
        one("/redirectUrls/success", "invalid_url")
    );
    assert!(codes_with("/redirectUrls", None).is_empty());
}

#[test]
fn customer() {
    for field in ["firstName", "lastName", "email", "phone"] {
        let p = format!("/customer/{field}");
        assert_eq!(codes_with(&p, None), one(&p, "required"), "{p}");
    }
    assert!(codes_with("/customer/billingAddress", None).is_empty());
    assert_eq!(
        codes_with("/customer/email", Some("\"jane\"")),
        one("/customer/email", "invalid_email")
    );
    assert_eq!(
        codes_with("/customer/phone", Some("\"0412345678\"")),
        one("/customer/phone", "invalid_phone")
    );
    assert_eq!(
        codes_with("/customer/phone", Some("\"+61 412 345 678\"")),
        one("/customer/phone", "invalid_phone")
    );
    assert_eq!(
        codes_with("/customer/shippingAddress/country", Some("\"UK\"")),
        one("/customer/shippingAddress/country", "unknown_country")
    );
    assert_eq!(
        codes_with("/customer/shippingAddress/country", Some("\"au\"")),
        one("/customer/shippingAddress/country", "unknown_country")
    );
    assert!(codes_with("/customer/shippingAddress/country", Some("\"GB\"")).is_empty());
    assert_eq!(
        codes_with("/customer/billingAddress/line1", None),
        one("/customer/billingAddress/line1", "required")
    );
    assert!(codes_with("/customer/billingAddress/state", None).is_empty());
}

#[test]
fn blank_text_and_invisible_ends_are_refused() {
    for field in [
        "/orderItems/0/name",
        "/customer/firstName",
        "/customer/lastName",
        "/customer/billingAddress/line1",
        "/customer/billingAddress/city",
    ] {
        assert_eq!(
            codes_with(field, Some(r#""   ""#)),
            one(field, "blank"),
            "{field}"
        );
        assert_eq!(
            codes_with(field, Some(r#""\u2060""#)),
            one(field, "blank"),
            "{field}"
        );
    }
    for field in ["/orderReference", "/orderItems/0/sku", "/shipping/method"] {
        assert_eq!(
            codes_with(field, Some(r#""\u200bX-1""#)),
            one(field, "invisible_character"),
            "{field}"
        );
    }
    // Names in any script, with inner spaces.
    for name in [r#""Mary Ann""#, r#""Nguyễn Thị""#, r#""عبد الله""#] {
        assert!(
            codes_with("/customer/firstName", Some(name)).is_empty(),
            "{name}"
        );
    }
    let blank_key = found(&check(
        Dialect::ORCHESTRATOR,
        &valid(),
        &[("Idempotency-Key", "   ")],
    ));
    assert_eq!(blank_key, one("Idempotency-Key", "blank"));
}

#[test]
fn both_venezuelan_bolivares_are_current() {
    for code in ["\"VES\"", "\"VED\""] {
        assert!(codes_with("/currency", Some(code)).is_empty(), "{code}");
    }
}

#[test]
fn amounts_in_exponent_notation_are_exact_and_add_up() {
    // The documented amounts (119 + 9.95 + 11.81 = 140.76), spelt as Java
    // writes doubles.
    let body = with(
        &with(
            &with(&valid(), "/amount/total", Some("1.4076E2")),
            "/amount/shipping",
            Some("9.95E0"),
        ),
        "/orderItems/0/unitPrice",
        Some("1.19E2"),
    );
    let report = check(Dialect::ORCHESTRATOR, &body, &[KEY]);
    assert!(report.is_valid(), "{:?}", report.violations());
    assert_eq!(report.normalized().unwrap().amount.minor(), 14076);
    assert_eq!(
        codes_with("/amount/total", Some("1.40761E2")),
        one("/amount/total", "too_many_decimals")
    );
    assert_eq!(
        codes_with("/amount/total", Some("1.4077E2")),
        one("/amount/total", "amount_mismatch")
    );
    // Quantities stay integers written out.
    assert_eq!(
        codes_with("/orderItems/0/quantity", Some("1E0")),
        one("/orderItems/0/quantity", "exponent_notation")
    );
}

#[test]
fn content_type_is_read_by_rfc_9110s_grammar() {
    checkout_rules_conformance::assert_content_type_rule(Dialect::ORCHESTRATOR);
}

#[test]
fn amount_violations_give_their_numbers_in_major_units() {
    let param = |pointer: &str, value: &str, name: &str| {
        let report = check(
            Dialect::ORCHESTRATOR,
            &with(&valid(), pointer, Some(value)),
            &[KEY],
        );
        let v = report
            .violations()
            .iter()
            .find(|v| v.path == pointer || v.path.starts_with(&format!("{pointer}/")))
            .unwrap_or_else(|| panic!("{pointer} = {value}: {:?}", report.violations()));
        (v.code.as_str(), v.param(name).cloned())
    };
    let text = |t: &str| Some(Param::Text(t.to_owned().into()));
    assert_eq!(
        param("/amount/total", "0", "min"),
        ("below_minimum", text("0.01"))
    );
    assert_eq!(
        param("/amount/total", "0", "actual"),
        ("below_minimum", text("0"))
    );
    assert_eq!(
        param("/amount/shipping", "-1", "min"),
        ("below_minimum", text("0.00"))
    );
    assert_eq!(
        param("/orderItems/0/unitPrice", "0.00", "min"),
        ("below_minimum", text("0.01"))
    );
    assert_eq!(
        param("/amount/tax", "1e400", "max"),
        ("out_of_range", text("90071992547409.91"))
    );
    // A sum that overflows, at the item that makes it overflow.
    let items = r#"[{"name": "A", "sku": "A-1", "quantity": 9007199254740991, "unitPrice": 119}]"#;
    assert_eq!(
        param("/orderItems", items, "max"),
        ("arithmetic_overflow", text("90071992547409.91"))
    );
}
