//! A form's view of a dialect: constraints per field, and single-field
//! verdicts that are message for message those of full validation.

use checkout_rules::{Currency, Dialect, Part};
use checkout_rules_conformance::{try_with, valid_example};

/// Values to try in every field: each dialect's rules find some wrong.
const VALUES: &[&str] = &[
    "null",
    "\"\"",
    "\" x\"",
    "\"x\"",
    "\"ORDER_1\"",
    "\"a\\u0000b\"",
    "0",
    "-1",
    "1",
    "12.345",
    "1e3",
    "100.0",
    "\"12.34\"",
    "[]",
    "{}",
    "[\"CARD\", \"X\"]",
    "\"+254712345678\"",
    "\"0712\"",
    "\"https://m.example/x\"",
    "\"javascript:x\"",
    "\"a@b.example\"",
    "\"en-AU\"",
    "\"UK\"",
    "true",
    "9007199254740992",
    "{\"a\": 1e400}",
];

#[test]
fn single_field_verdicts_equal_full_validation() {
    let mut compared = 0;
    for &dialect in Dialect::ALL {
        let (body, headers) = valid_example(dialect);
        let currency = dialect
            .validate(body.as_bytes(), headers)
            .normalized()
            .unwrap()
            .amount
            .currency();
        for c in dialect.constraints(None) {
            if c.part != Part::Body || c.path.contains('*') {
                continue;
            }
            for value in VALUES.iter().map(|v| Some(*v)).chain([None]) {
                let Some(full_body) = try_with(&body, &c.path, value) else {
                    continue; // the parent is absent in this example
                };
                let full = dialect.validate(full_body.as_bytes(), headers);
                let expected: Vec<_> = full
                    .violations()
                    .iter()
                    .filter(|v| {
                        v.part == Part::Body
                            && (v.path == c.path || v.path.starts_with(&format!("{}/", c.path)))
                    })
                    // Rules across fields are not a single field's verdict.
                    .filter(|v| {
                        !matches!(
                            v.code.as_str(),
                            "amount_mismatch" | "arithmetic_overflow" | "ip_requires_secret_key"
                        )
                    })
                    .cloned()
                    .collect();
                let got = dialect
                    .validate_field(&c.path, value, Some(currency.code()))
                    .unwrap();
                assert_eq!(got, expected, "{dialect} {} = {value:?}", c.path);
                compared += 1;
            }
        }
    }
    assert!(compared > 1000, "{compared}");
}

#[test]
fn headers_and_items_by_index() {
    let v = Dialect::ORCHESTRATOR
        .validate_field("idempotency-key", None, None)
        .unwrap();
    assert_eq!(v[0].code.as_str(), "required");
    assert_eq!(v[0].path, "Idempotency-Key");
    let v = Dialect::PAYVIOX
        .validate_field("/items/3/price", Some("0"), Some("USD"))
        .unwrap();
    assert_eq!(
        (v[0].path.as_str(), v[0].code.as_str()),
        ("/items/3/price", "below_minimum")
    );
    let v = Dialect::KIOTAPAY
        .validate_field("/paymentMethods", Some(r#"["CARD", "PAYPAL"]"#), None)
        .unwrap();
    assert_eq!(v[0].path, "/paymentMethods/1");
    for bad in [
        "/items/x/price",
        "/items/0/nope",
        "amount",
        "/amount/total",
        "/",
        "/a~2",
    ] {
        assert!(
            Dialect::PAYVIOX
                .validate_field(bad, Some("1"), None)
                .is_err(),
            "{bad}"
        );
    }
    // Problems found while reading the value are reported at the field.
    let v = Dialect::PAYVIOX
        .validate_field("/metadata", Some(r#"{"k": 1, "k": 2}"#), None)
        .unwrap();
    assert_eq!(
        (v[0].path.as_str(), v[0].code.as_str()),
        ("/metadata/k", "duplicate_key")
    );
    let v = Dialect::PAYVIOX
        .validate_field("/description", Some(r#""\ud800""#), None)
        .unwrap();
    assert_eq!(
        (v[0].path.as_str(), v[0].code.as_str()),
        ("/description", "lone_surrogate")
    );
    let v = Dialect::PAYVIOX
        .validate_field("/amount", Some("{"), None)
        .unwrap();
    assert_eq!(
        (v[0].path.as_str(), v[0].code.as_str()),
        ("/amount", "malformed_json")
    );
}

#[test]
fn constraints_describe_inputs() {
    let kes = Currency::from_code("KES");
    let find = |d: Dialect, p: &str, cur| {
        d.constraints(cur)
            .into_iter()
            .find(|c| c.path == p)
            .unwrap()
    };
    let amount = find(Dialect::KIOTAPAY, "/amount", kes);
    assert_eq!(
        (
            amount.input_type,
            amount.min.as_deref(),
            amount.step.as_deref(),
            amount.max.as_deref()
        ),
        (
            Some("number"),
            Some("0.01"),
            Some("0.01"),
            Some("90071992547409.91")
        )
    );
    let amount = find(Dialect::KIOTAPAY, "/amount", Currency::from_code("JPY"));
    assert_eq!(
        (amount.min.as_deref(), amount.step.as_deref()),
        (Some("1"), Some("1"))
    );
    let amount = find(Dialect::PAYVIOX, "/amount", None);
    assert_eq!(
        (amount.min.as_deref(), amount.step.as_deref()),
        (Some("100"), Some("1"))
    );
    let price = find(Dialect::PAYVIOX, "/items/*/price", None);
    assert!(price.required);
    let methods = find(Dialect::KIOTAPAY, "/paymentMethods", None);
    assert_eq!(methods.min_length, Some(1));
    let email = find(Dialect::NAIROPAY, "/email", None);
    assert_eq!(email.input_type, Some("email"));
    let phone = find(Dialect::KIOTAPAY, "/phone", None);
    assert_eq!(phone.input_type, Some("tel"));
    let currency = find(Dialect::FLUTTERWAVE, "/currency", None);
    assert_eq!(currency.allowed.as_ref().map(Vec::len), Some(160));
    let trace = find(Dialect::FLUTTERWAVE, "X-Trace-Id", None);
    assert_eq!(
        (trace.part, trace.min_length, trace.max_length),
        (Part::Header, Some(12), Some(255))
    );
    let json = serde_json::to_value(&trace).unwrap();
    assert_eq!(json["in"], "header");
    assert_eq!(json["minLength"], 12);
}
