//! A `Validator` that keeps its buffers gives every report `validate_with`
//! gives, whatever came before, and once warm allocates only what its
//! reports hold (counted per thread by `allocation-counter`).

use checkout_rules::{Dialect, Options, Validator};
use checkout_rules_conformance::{corpus, valid_example};

/// The whole conformance corpus through one validator per dialect, in
/// order (large and small, valid and malformed, escaped and plain, one
/// after the other), each report compared with a fresh validation's.
#[test]
fn a_kept_validator_reports_what_a_fresh_validation_reports() {
    let mut validators: Vec<Validator> = Dialect::ALL.iter().map(|&d| Validator::new(d)).collect();
    let mut body_only = Validator::with_options(Dialect::PAYVIOX, Options::body_only());
    let mut compared = 0;
    for case in corpus() {
        let headers = case.header_refs();
        let validator = validators
            .iter_mut()
            .find(|v| v.dialect() == case.dialect)
            .expect("a validator for every shipped dialect");
        let kept = validator.validate(case.body.as_bytes(), &headers);
        let fresh = case.dialect.validate(case.body.as_bytes(), &headers);
        assert_eq!(kept, fresh, "{}: {}", case.dialect, case.body);
        if case.dialect == Dialect::PAYVIOX {
            let options = Options::body_only();
            let fresh = case
                .dialect
                .validate_with(case.body.as_bytes(), &headers, &options);
            assert_eq!(body_only.validate(case.body.as_bytes(), &headers), fresh);
        }
        compared += 1;
    }
    assert!(compared > 1_000, "{compared}");
}

/// A Payviox request with `n` items, whose prices add up to its amount.
fn payviox_with_items(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"name": "Item {i}", "quantity": 1, "price": 100}}"#))
        .collect();
    format!(
        r#"{{"amount": {}, "currency": "USD", "customer": "c", "order_id": "o", "items": [{}]}}"#,
        100 * n,
        items.join(", ")
    )
}

fn allocations(validator: &mut Validator, body: &str, headers: &[(&str, &str)]) -> u64 {
    let mut valid = false;
    let info = allocation_counter::measure(|| {
        valid = validator.validate(body.as_bytes(), headers).is_valid();
    });
    assert!(valid, "{body}");
    info.count_total
}

/// Once its buffers have grown, a valid request without metadata costs one
/// allocation, the session's list of items, whether it has one item or a
/// thousand; a request with nothing to list costs none.
#[test]
fn a_warm_validator_allocates_only_what_the_report_holds() {
    let headers = [("Authorization", "Bearer sk_live_1")];
    let large = payviox_with_items(1_000);
    let mut validator = Validator::new(Dialect::PAYVIOX);
    allocations(&mut validator, &large, &headers);
    for n in [1, 10, 1_000] {
        let body = payviox_with_items(n);
        assert_eq!(allocations(&mut validator, &body, &headers), 1, "{n} items");
    }
    let (body, headers) = valid_example(Dialect::NAIROPAY);
    let mut validator = Validator::new(Dialect::NAIROPAY);
    allocations(&mut validator, &body, headers);
    assert_eq!(allocations(&mut validator, &body, headers), 0, "{body}");
}

/// Without kept buffers a validation adds the tape and the pointer to
/// that, whatever the request's size.
#[test]
fn a_single_validation_allocates_a_constant_whatever_the_size() {
    let headers = [("Authorization", "Bearer sk_live_1")];
    for n in [1, 10, 1_000] {
        let body = payviox_with_items(n);
        let mut valid = false;
        let info = allocation_counter::measure(|| {
            valid = Dialect::PAYVIOX
                .validate(body.as_bytes(), &headers)
                .is_valid();
        });
        assert!(valid);
        assert_eq!(info.count_total, 3, "{n} items");
    }
}
