//! Typed bodies read and write each dialect's wire format exactly, and are
//! judged by the same rules as bytes.

use checkout_rules::Dialect;
use checkout_rules::body::{
    Flutterwave, Kiotapay, Nairopay, Orchestrator, Payviox, ReadError, TypedBody, from_slice,
};
use checkout_rules::json::Number;
use checkout_rules_conformance::repo_root;

fn example(path: &str) -> String {
    std::fs::read_to_string(repo_root().join("examples").join(path)).unwrap()
}

/// Reading an example into its typed body and writing it back gives the
/// same JSON, and the same verdict.
fn round_trip<T: TypedBody + serde::de::DeserializeOwned>(path: &str) {
    let text = example(path);
    let typed: T = from_slice(text.as_bytes()).unwrap();
    let written = serde_json::to_string(&typed).unwrap();
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    let again: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(again, original, "{path}");
    let bytes_verdict =
        T::DIALECT.validate_with(text.as_bytes(), &[], &checkout_rules::Options::body_only());
    assert_eq!(typed.check(), bytes_verdict, "{path}");
}

#[test]
fn every_bundled_example_round_trips() {
    round_trip::<Nairopay>("nairopay/order-2025-001.json");
    round_trip::<Kiotapay>("kiotapay/order-12345.json");
    round_trip::<Payviox>("payviox/premium-subscription.json");
    round_trip::<Payviox>("payviox/server-side-with-ip.json");
    round_trip::<Orchestrator>("orchestrator/wireless-headphones.json");
    round_trip::<Orchestrator>("orchestrator/invalid-total-and-address.json");
    round_trip::<Flutterwave>("flutterwave/ngn-order.json");
    round_trip::<Flutterwave>("flutterwave/invalid-document-template.json");
}

#[test]
fn decimal_amounts_keep_their_text() {
    let body: Kiotapay = from_slice(example("kiotapay/order-12345.json").as_bytes()).unwrap();
    assert_eq!(body.amount.as_str(), "1500.00");
    assert!(
        serde_json::to_string(&body)
            .unwrap()
            .contains("\"amount\":1500.00")
    );
}

#[test]
fn floats_are_refused_not_rounded() {
    // serde_json without `arbitrary_precision` hands over decimals as floats.
    let value = serde_json::json!({"amount": 12.34, "currency": "NGN", "reference": "ORDER-1"});
    let err = serde_json::from_value::<Flutterwave>(value).unwrap_err();
    assert!(err.to_string().contains("float"), "{err}");
    // As text, the same amount is exact.
    let value = serde_json::json!({"amount": "12.34", "currency": "NGN", "reference": "ORDER-1"});
    let body: Flutterwave = serde_json::from_value(value).unwrap();
    assert_eq!(body.amount, "12.34".parse::<Number>().unwrap());
    assert!(body.check().is_valid());
}

#[test]
fn typed_bodies_are_judged_like_bytes() {
    let body = Flutterwave {
        amount: "0.001".parse().unwrap(),
        currency: "SLE".into(),
        customer_id: None,
        redirect_url: None,
        reference: "ORDER_1".into(),
        max_retry_attempts: Some(11),
        session_duration: None,
    };
    let found: Vec<_> = body
        .check()
        .violations
        .iter()
        .map(|v| (v.path.clone(), v.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            // Without an accepted currency the decimals cannot be judged, the minimum can.
            ("/amount".to_owned(), "below_minimum"),
            ("/currency".to_owned(), "currency_not_accepted"),
            ("/reference".to_owned(), "pattern_mismatch"),
            ("/max_retry_attempts".to_owned(), "above_maximum"),
        ]
    );
    assert_eq!(Flutterwave::DIALECT, Dialect::Flutterwave);
}

#[test]
fn reading_is_strict() {
    let err = from_slice::<Nairopay>(
        br#"{"amount": 1, "amount": 2, "currency": "KES", "reference": "R"}"#,
    )
    .unwrap_err();
    assert!(matches!(err, ReadError::Json(v) if v.code.as_str() == "duplicate_key"));
    let err = from_slice::<Nairopay>(br#"{"amount": 25.5, "currency": "KES", "reference": "R"}"#)
        .unwrap_err();
    assert!(matches!(err, ReadError::Shape(_)), "{err}");
    let err = from_slice::<Nairopay>(br#"{"currency": "KES"}"#).unwrap_err();
    assert!(err.to_string().contains("amount"), "{err}");
}
