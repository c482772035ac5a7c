//! Typed bodies read and write each dialect's wire format exactly, and are
//! judged by the same rules as bytes.

use std::collections::BTreeSet;

use checkout_rules::body::{
    Flutterwave, Kiotapay, Nairopay, Orchestrator, Payviox, ReadError, TypedBody, from_slice,
};
use checkout_rules::json::{Limits, Number, Value, parse};
use checkout_rules::testing::{near_miss, valid_request};
use checkout_rules::{Dialect, Options, Part, Report};
use checkout_rules_conformance::{repo_root, with};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

fn example(path: &str) -> String {
    std::fs::read_to_string(repo_root().join("examples").join(path)).unwrap()
}

/// Reading a valid example into its typed body and writing it back gives
/// the same JSON, and the same verdict; an invalid one is refused with the
/// verdict of its bytes.
fn round_trip<T: TypedBody + serde::de::DeserializeOwned>(path: &str) {
    let text = example(path);
    let bytes_verdict =
        T::DIALECT.validate_with(text.as_bytes(), &[], &checkout_rules::Options::body_only());
    let typed: T = match from_slice(text.as_bytes()) {
        Ok(typed) => typed,
        Err(e) => {
            assert!(!bytes_verdict.is_valid(), "{path}: {e}");
            assert_eq!(e.into_report(), bytes_verdict, "{path}");
            return;
        }
    };
    let written = serde_json::to_string(&typed).unwrap();
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    let again: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(again, original, "{path}");
    assert_eq!(typed.check(), bytes_verdict, "{path}");
}

#[test]
fn every_bundled_example_round_trips() {
    round_trip::<Nairopay>("nairopay/order-2025-001.json");
    round_trip::<Nairopay>("nairopay/invalid-major-units.json");
    round_trip::<Kiotapay>("kiotapay/order-12345.json");
    round_trip::<Kiotapay>("kiotapay/invalid-local-phone-and-method.json");
    round_trip::<Payviox>("payviox/premium-subscription.json");
    round_trip::<Payviox>("payviox/server-side-with-ip.json");
    round_trip::<Payviox>("payviox/invalid-several-problems.json");
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
        .violations()
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
    assert_eq!(Flutterwave::DIALECT, Dialect::FLUTTERWAVE);
}

#[test]
fn reading_gives_the_verdict_of_the_bytes() {
    let verdict = |body: &[u8]| -> Vec<(String, &'static str)> {
        let err = from_slice::<Nairopay>(body).unwrap_err();
        err.violations
            .iter()
            .map(|v| (v.path.clone(), v.code.as_str()))
            .collect()
    };
    let found = |s: &[(&str, &'static str)]| -> Vec<(String, &'static str)> {
        s.iter().map(|(p, c)| ((*p).to_owned(), *c)).collect()
    };
    // Every problem at once, not the first one met.
    assert_eq!(
        verdict(
            br#"{"amount": 1, "amount": 2, "currency": "KES", "reference": "R", "email": null}"#
        ),
        found(&[("/amount", "duplicate_key"), ("/email", "invalid_type")])
    );
    assert_eq!(
        verdict(br#"{"amount": 25.5, "currency": "KES", "reference": "R"}"#),
        found(&[("/amount", "not_integer")])
    );
    assert_eq!(
        verdict(br#"{"currency": "KES"}"#),
        found(&[("/amount", "required"), ("/reference", "required")])
    );
    // A misspelt field is refused as the bytes refuse it, with the same suggestion.
    let misspelt =
        br#"{"amount": 2500, "currency": "KES", "reference": "R-1", "callbackUrl": "https://shop.example/done"}"#;
    let err = from_slice::<Nairopay>(misspelt).unwrap_err();
    let bytes = Dialect::NAIROPAY.validate(misspelt, &[]);
    assert_eq!(err.violations, bytes.violations());
    assert_eq!(
        err.violations[0].param("suggestion"),
        Some(&checkout_rules::report::Param::Text("callback_url".into()))
    );
    assert!(
        err.to_string().contains("did you mean `callback_url`?"),
        "{err}"
    );
    let err: ReadError = from_slice::<Nairopay>(b"[1,").unwrap_err();
    assert_eq!(err.violations[0].code.as_str(), "malformed_json");
}

#[test]
fn other_readers_refuse_what_a_typed_body_has_no_place_for() {
    // serde_json reading a typed body: an unknown field and `null` for an
    // optional one are refused, not dropped.
    let misspelt = r#"{"amount": 2500, "currency": "KES", "reference": "R-1", "callbackUrl": "https://shop.example/"}"#;
    let err = serde_json::from_str::<Nairopay>(misspelt).unwrap_err();
    assert!(
        err.to_string().contains("unknown field `callbackUrl`"),
        "{err}"
    );
    let null = r#"{"amount": 2500, "currency": "KES", "reference": "R-1", "email": null}"#;
    let err = serde_json::from_str::<Nairopay>(null).unwrap_err();
    assert!(err.to_string().contains("null"), "{err}");
    let nested = r#"{"orderReference": "O", "paymentMethod": "card", "currency": "AUD",
        "amount": {"total": "1", "vat": "0"}, "orderItems": [],
        "customer": {"firstName": "J", "lastName": "S", "email": "j@s.example", "phone": "+61412345678"}}"#;
    let err = serde_json::from_str::<Orchestrator>(nested).unwrap_err();
    assert!(err.to_string().contains("unknown field `vat`"), "{err}");
    // Absent optional fields are fine; a Payviox item keeps any extra member.
    let ok = r#"{"amount": 2500, "currency": "KES", "reference": "R-1"}"#;
    assert!(serde_json::from_str::<Nairopay>(ok).is_ok());
    let item: checkout_rules::body::PayvioxItem =
        serde_json::from_str(r#"{"name": "P", "quantity": 1, "price": 100, "colour": "red"}"#)
            .unwrap();
    assert_eq!(
        item.extra.get("colour").and_then(|v| v.as_str()),
        Some("red")
    );
}

type Verdict = (bool, BTreeSet<(String, String, &'static str)>);

fn verdict_of(violations: &[checkout_rules::Violation]) -> Verdict {
    let set = violations
        .iter()
        .map(|v| (format!("{:?}", v.part), v.path.clone(), v.code.as_str()))
        .collect();
    (violations.is_empty(), set)
}

/// The typed path: read the bytes, then check what was read.
fn typed<T: TypedBody + serde::de::DeserializeOwned>(bytes: &[u8]) -> Report<'static> {
    match from_slice::<T>(bytes) {
        Ok(body) => {
            let report = body.check();
            // What was read is valid, and checks as valid.
            assert!(report.is_valid(), "{:?}", report.violations());
            report
        }
        Err(e) => e.into_report(),
    }
}

fn typed_report(dialect: Dialect, bytes: &[u8]) -> Report<'static> {
    match dialect.name() {
        "nairopay" => typed::<Nairopay>(bytes),
        "kiotapay" => typed::<Kiotapay>(bytes),
        "payviox" => typed::<Payviox>(bytes),
        "orchestrator" => typed::<Orchestrator>(bytes),
        "flutterwave" => typed::<Flutterwave>(bytes),
        other => panic!("no typed body is written for {other}"),
    }
}

/// The typed path's verdict equals the bytes path's, headers aside (a typed
/// body carries none): the same validity, the same `(in, path, code)`.
fn same_verdict(dialect: Dialect, body: &str) -> Result<bool, TestCaseError> {
    let bytes = dialect.validate(body.as_bytes(), &[]);
    let (headers, body_only): (Vec<_>, Vec<_>) = bytes
        .violations()
        .iter()
        .cloned()
        .partition(|v| v.part == Part::Header);
    // Without headers, only a required header can be missing.
    prop_assert!(
        headers.iter().all(|v| v.code.as_str() == "required"),
        "{headers:?}"
    );
    let typed = typed_report(dialect, body.as_bytes());
    prop_assert_eq!(
        verdict_of(typed.violations()),
        verdict_of(&body_only),
        "{}: {}",
        dialect,
        body
    );
    if typed.is_valid() {
        let alone = dialect.validate_with(body.as_bytes(), &[], &Options::body_only());
        prop_assert_eq!(
            typed.normalized(),
            alone.normalized(),
            "{}: {}",
            dialect,
            body
        );
    }
    Ok(body_only.is_empty())
}

/// The pointers of every object in a body (its members' objects, and the
/// objects in its lists), the body's own first.
fn objects(value: &Value<'_>, at: &str, out: &mut Vec<(String, Vec<String>)>) {
    if let Some(o) = value.as_object() {
        out.push((at.to_owned(), o.iter().map(|(k, _)| k.to_owned()).collect()));
        for (k, v) in o.iter() {
            objects(v, &format!("{at}/{k}"), out);
        }
    }
    for (i, v) in value.as_array().unwrap_or_default().iter().enumerate() {
        objects(v, &format!("{at}/{i}"), out);
    }
}

/// Names a client might send for one of `keys`: the other case convention,
/// a capital, a plural; and a name like no field.
fn misspellings(keys: &[String]) -> Vec<String> {
    let mut out = vec![String::from("zz_not_a_field")];
    for k in keys {
        let camel: String = k
            .split('_')
            .enumerate()
            .map(|(i, part)| {
                let mut c = part.chars();
                match c.next() {
                    Some(f) if i > 0 => f.to_uppercase().chain(c).collect(),
                    Some(f) => std::iter::once(f).chain(c).collect(),
                    None => String::new(),
                }
            })
            .collect();
        let snake: String = k
            .chars()
            .flat_map(|c| {
                if c.is_ascii_uppercase() {
                    vec!['_', c.to_ascii_lowercase()]
                } else {
                    vec![c]
                }
            })
            .collect();
        let mut capital = k.clone();
        if let Some(first) = capital.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        out.extend([camel, snake, capital, format!("{k}s")]);
    }
    out.retain(|m| !keys.contains(m));
    out.sort();
    out.dedup();
    out
}

/// A valid request with one member added to one of its objects, or one of
/// its members set to `null`.
fn edited(dialect: Dialect) -> impl Strategy<Value = String> {
    (
        valid_request(dialect),
        any::<Index>(),
        any::<Index>(),
        any::<bool>(),
    )
        .prop_map(|(request, object, key, null)| {
            let root = parse(request.body.as_bytes(), &Limits::default())
                .unwrap()
                .root;
            let mut all = Vec::new();
            objects(&root, "", &mut all);
            let (at, keys) = object.get(&all).clone();
            if null && !keys.is_empty() {
                let member = key.get(&keys);
                return with(&request.body, &format!("{at}/{member}"), Some("null"));
            }
            let names = misspellings(&keys);
            let name = key.get(&names);
            with(&request.body, &format!("{at}/{name}"), Some(r#""x""#))
        })
}

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
fn typed_bodies_and_bytes_give_the_same_verdict() {
    for &dialect in Dialect::ALL {
        let valid = std::cell::Cell::new(0);
        runner(200)
            .run(&valid_request(dialect), |request| {
                prop_assert!(same_verdict(dialect, &request.body)?);
                valid.set(valid.get() + 1);
                Ok(())
            })
            .unwrap();
        runner(400)
            .run(&near_miss(dialect), |(request, _)| {
                same_verdict(dialect, &request.body).map(drop)
            })
            .unwrap();
        let refused = std::cell::Cell::new(0);
        runner(400)
            .run(&edited(dialect), |body| {
                let valid = same_verdict(dialect, &body)?;
                refused.set(refused.get() + usize::from(!valid));
                Ok(())
            })
            .unwrap();
        // Most edits break a rule; about half in Payviox, whose items and
        // metadata take any extra member.
        assert!(refused.get() > 100, "{dialect}: {} refused", refused.get());
        assert!(valid.get() >= 200, "{dialect}");
    }
}
