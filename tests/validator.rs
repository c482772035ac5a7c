//! The `validator` integration, used as server code would: a struct that
//! derives `Validate` nests a typed body with `#[validate(nested)]`.

use checkout_rules::body::{Orchestrator, Payviox};
use serde::Deserialize;
use serde_json::json;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

#[derive(Debug, Deserialize, Validate)]
struct CheckoutForm {
    #[validate(length(min = 1))]
    cart_id: String,
    #[validate(nested)]
    payment: Payviox,
}

fn form(payment: serde_json::Value) -> CheckoutForm {
    serde_json::from_value(json!({"cart_id": "cart-1", "payment": payment})).unwrap()
}

fn nested<'e>(errors: &'e ValidationErrors, key: &str) -> &'e ValidationErrors {
    match &errors.errors()[key] {
        ValidationErrorsKind::Struct(inner) => inner,
        other => panic!("{key} is {other:?}"),
    }
}

#[test]
fn a_valid_body_passes() {
    let valid = form(json!({
        "amount": 10000, "currency": "USD", "customer": "customer_abc123", "order_id": "order_12345",
        "items": [{"name": "Premium Plan", "quantity": 1, "price": 10000}],
        "metadata": {"plan": "premium"}
    }));
    assert!(valid.validate().is_ok());
}

#[test]
fn violations_nest_under_the_outer_field_with_codes_and_params() {
    let invalid = CheckoutForm {
        cart_id: String::new(),
        ..form(json!({
            "amount": 10000, "currency": "usd", "customer": "c", "order_id": "o",
            "items": [{"name": "A", "quantity": 1, "price": 9000}, {"name": "", "quantity": 1, "price": 1000}]
        }))
    };
    let errors = invalid.validate().unwrap_err();
    // The outer struct's own rule still applies.
    assert_eq!(errors.field_errors()["cart_id"][0].code, "length");

    let payment = nested(&errors, "payment");
    let currency = &payment.field_errors()["currency"][0];
    assert_eq!(currency.code, "unknown_currency");
    assert_eq!(currency.params["suggestion"], json!("USD"));
    assert!(
        currency
            .message
            .as_deref()
            .unwrap()
            .contains("did you mean `USD`")
    );

    let ValidationErrorsKind::List(items) = &payment.errors()["items"] else {
        panic!("items is a list");
    };
    let name = &items[&1].field_errors()["name"][0];
    assert_eq!(name.code, "too_short");
    assert_eq!(name.params["min"], json!(1));
    assert!(!items.contains_key(&0));
}

#[test]
fn cross_field_rules_carry_their_numbers() {
    let invalid = form(json!({
        "amount": 10000, "currency": "USD", "customer": "c", "order_id": "o",
        "items": [{"name": "A", "quantity": 3, "price": 3000}]
    }));
    let errors = invalid.validate().unwrap_err();
    let amount = &nested(&errors, "payment").field_errors()["amount"][0];
    assert_eq!(amount.code, "amount_mismatch");
    assert_eq!(amount.params["expected"], json!(9000));
    assert_eq!(amount.params["actual"], json!(10000));
}

#[test]
fn deeply_nested_paths_become_nested_structs() {
    let text = std::fs::read(
        checkout_rules_conformance::repo_root()
            .join("examples/orchestrator/wireless-headphones.json"),
    )
    .unwrap();
    let mut body: Orchestrator = checkout_rules::body::from_slice(&text).unwrap();
    body.customer.billing_address.as_mut().unwrap().country = "UK".into();
    let errors = body.validate().unwrap_err();
    let country =
        &nested(nested(&errors, "customer"), "billingAddress").field_errors()["country"][0];
    assert_eq!(country.code, "unknown_country");
    // Headers are not part of a typed body: the missing Idempotency-Key is not reported.
    assert_eq!(errors.errors().len(), 1);
}
