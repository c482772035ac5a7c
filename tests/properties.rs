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

/// Every amount a violation gives (`min`, `max`, `expected`, `actual`) is in
/// the unit of the field it is reported at: integers of minor units in
/// Nairopay and Payviox, exact decimal text in the other dialects, whose
/// amounts are major units. Over the conformance corpus and near-misses.
#[test]
fn amount_parameters_are_in_the_unit_of_their_field() {
    use checkout_rules::report::{Param, Violation};
    const AMOUNT_CODES: &[&str] = &[
        "below_minimum",
        "out_of_range",
        "amount_mismatch",
        "arithmetic_overflow",
    ];
    let is_amount_field = |dialect: Dialect, path: &str| match dialect {
        Dialect::Payviox => path == "/amount" || path.starts_with("/items/"),
        Dialect::Orchestrator => path.starts_with("/amount/") || path.starts_with("/orderItems/"),
        _ => path == "/amount",
    };
    let checked = std::cell::Cell::new(0);
    let check = |dialect: Dialect, violations: &[Violation]| {
        let minor_units = matches!(dialect, Dialect::Nairopay | Dialect::Payviox);
        for v in violations {
            // Quantities are counts, not amounts.
            if !AMOUNT_CODES.contains(&v.code.as_str())
                || !is_amount_field(dialect, &v.path)
                || v.path.ends_with("/quantity")
            {
                continue;
            }
            for name in ["min", "max", "expected", "actual"] {
                match (v.param(name), minor_units) {
                    (None | Some(Param::Int(_)), true) => {}
                    (Some(Param::Text(t)), false) => assert!(
                        t.parse::<checkout_rules::json::Number>().is_ok(),
                        "{dialect} {v:?}"
                    ),
                    (None, false) => {}
                    (other, _) => panic!("{dialect} {}: {name} = {other:?}", v.path),
                }
            }
            checked.set(checked.get() + 1);
        }
    };
    for case in checkout_rules_conformance::corpus() {
        let report = case
            .dialect
            .validate(case.body.as_bytes(), &case.header_refs());
        check(case.dialect, &report.violations);
    }
    for &dialect in Dialect::ALL {
        runner(200)
            .run(&near_miss(dialect), |(request, _)| {
                let report = dialect.validate(request.body.as_bytes(), &request.header_pairs());
                check(dialect, &report.violations);
                Ok(())
            })
            .unwrap();
    }
    assert!(checked.get() > 100, "{}", checked.get());
}
