//! Properties, over requests generated from the dialects' own tables
//! (`checkout_rules::testing`): valid requests validate, near-misses report
//! exactly their one violation, normalising is idempotent, round trips keep
//! what matters, arbitrary bytes never panic, money converts both ways.

use checkout_rules::testing::{near_miss, valid_request};
use checkout_rules::{Currency, Dialect, MAX_SAFE_INTEGER, Money};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// A runner for `cases` cases, or as many as `PROPTEST_CASES` says (for
/// longer runs by hand).
fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn every_generated_valid_request_validates_and_normalises_idempotently() {
    for &dialect in Dialect::ALL {
        runner(300)
            .run(&valid_request(dialect), |request| {
                let report = dialect.validate(request.body.as_bytes(), &request.header_pairs());
                prop_assert!(
                    report.is_valid(),
                    "{dialect}: {}\n{:?}",
                    request.body,
                    report.violations
                );
                let once = report.normalized.unwrap();
                // Writing the session back and reading it again changes nothing.
                let written = dialect.encode(&once);
                prop_assert!(written.is_ok(), "{dialect}: {:?}", written.violations);
                let headers: Vec<(&str, &str)> = written
                    .headers
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_str()))
                    .collect();
                let body = written.body_json().unwrap();
                let twice = dialect.validate(body.as_bytes(), &headers).normalized;
                prop_assert_eq!(twice.as_ref(), Some(&once));
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn every_near_miss_reports_exactly_its_violation() {
    for &dialect in Dialect::ALL {
        runner(600)
            .run(&near_miss(dialect), |(request, expected)| {
                let report = dialect.validate(request.body.as_bytes(), &request.header_pairs());
                let found: Vec<_> = report
                    .violations
                    .iter()
                    .map(|v| (v.part, v.path.clone(), v.code))
                    .collect();
                prop_assert_eq!(
                    found,
                    vec![(expected.part, expected.path.clone(), expected.code)],
                    "{}: {}\n{:?}",
                    dialect,
                    request.body,
                    request.headers
                );
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn converting_there_and_back_keeps_amount_currency_and_references() {
    for &a in Dialect::ALL {
        for &b in Dialect::ALL {
            runner(40)
                .run(&valid_request(a), |request| {
                    let original = a
                        .validate(request.body.as_bytes(), &request.header_pairs())
                        .normalized
                        .unwrap();
                    let there = a.convert(b, request.body.as_bytes(), &request.header_pairs());
                    let Some(body) = there.body_json() else {
                        // B could not hold the request: it must have said why, at its own fields.
                        prop_assert!(!there.violations.is_empty());
                        return Ok(());
                    };
                    let headers: Vec<(&str, &str)> = there
                        .headers
                        .iter()
                        .map(|(n, v)| (n.as_str(), v.as_str()))
                        .collect();
                    let back = b.convert(a, body.as_bytes(), &headers);
                    let through_b = b.validate(body.as_bytes(), &headers).normalized.unwrap();
                    prop_assert_eq!(through_b.amount, original.amount);
                    prop_assert_eq!(&through_b.merchant_reference, &original.merchant_reference);
                    if let Some(returned) = back.normalized.filter(|_| back.violations.is_empty()) {
                        prop_assert_eq!(returned.amount, original.amount);
                        prop_assert_eq!(returned.merchant_reference, original.merchant_reference);
                    }
                    Ok(())
                })
                .unwrap();
        }
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let bytes = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        "[\\[\\]{}\",:0-9.eE+\\-ntrufals\\\\ é]{0,200}".prop_map(String::into_bytes),
    ];
    runner(3000)
        .run(&bytes, |bytes| {
            for &dialect in Dialect::ALL {
                let _ = dialect.validate(&bytes, &[("Authorization", "Bearer pk_x")]);
                let _ = dialect.convert(Dialect::Nairopay, &bytes, &[]);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn money_round_trips_in_every_currency_known() {
    let currencies: Vec<Currency> = [
        "USD", "JPY", "BHD", "CLF", "KES", "ZMK", "BYR", "GGP", "AQD", "VEF",
    ]
    .iter()
    .filter_map(|c| Currency::from_code(c))
    .chain(Currency::all())
    .filter(|c| c.exponent().is_some())
    .collect();
    let minor = prop_oneof![
        Just(0i64),
        Just(1),
        Just(-1),
        Just(MAX_SAFE_INTEGER),
        Just(-MAX_SAFE_INTEGER),
        Just(9),
        Just(10),
        Just(99),
        Just(100),
        Just(999),
        Just(1000),
        -MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER,
    ];
    runner(3000)
        .run(
            &(proptest::sample::select(currencies), minor),
            |(currency, minor)| {
                let money = Money::from_minor(minor, currency).unwrap();
                let text = money.to_major_string();
                prop_assert_eq!(
                    Money::from_major_str(&text, currency).unwrap().minor(),
                    minor
                );
                prop_assert_eq!(
                    Money::from_minor_str(&minor.to_string(), currency).unwrap(),
                    money
                );
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn free_form_numbers_round_trip_exactly_in_every_spelling() {
    // The JSON number grammar, with leading signs, trailing zeros and both
    // exponent letters and signs.
    let number = "-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?";
    let kept = std::cell::Cell::new(0);
    let refused = std::cell::Cell::new(0);
    runner(2000)
        .run(&number, |n| {
            let body = format!(
                r#"{{"amount": 100, "currency": "USD", "customer": "c", "order_id": "o",
                    "items": [{{"name": "P", "quantity": 1, "price": 100, "x": {n}}}],
                    "metadata": {{"n": {n}, "l": [{n}]}}}}"#
            );
            let report = Dialect::Payviox.validate(body.as_bytes(), &[]);
            let Some(session) = report.normalized.as_ref() else {
                // Only a number other readers would change is refused.
                let codes: Vec<_> = report.violations.iter().map(|v| v.code.as_str()).collect();
                prop_assert!(
                    codes.iter().all(|c| *c == "number_out_of_range"),
                    "{n}: {codes:?}"
                );
                refused.set(refused.get() + 1);
                return Ok(());
            };
            let expected = format!(r#"{{"n":{n},"l":[{n}]}}"#);
            let written = Dialect::Payviox.convert(Dialect::Payviox, body.as_bytes(), &[]);
            let out = written.body.as_ref().unwrap();
            let metadata = out
                .get("metadata")
                .and_then(checkout_rules::json::write::to_string);
            prop_assert_eq!(metadata.as_deref(), Some(expected.as_str()));
            let items = out.get("items").and_then(|i| i.as_array()).unwrap();
            let x = items[0]
                .as_object()
                .and_then(|i| i.get("x"))
                .and_then(|x| x.as_number());
            prop_assert_eq!(x, Some(n.as_str()));
            let text = written.body_json().unwrap();
            let again = Dialect::Payviox.validate(text.as_bytes(), &[]);
            prop_assert_eq!(again.normalized.as_ref(), Some(session));
            kept.set(kept.get() + 1);
            Ok(())
        })
        .unwrap();
    // Both outcomes occur, and mostly the number is kept.
    let (kept, refused) = (kept.get(), refused.get());
    assert!(
        kept > 1000 && refused > 10,
        "{kept} kept, {refused} refused"
    );
}
