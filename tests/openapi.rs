//! Payviox's own OpenAPI schema (in its document) as an oracle: a real JSON
//! Schema validator (the `jsonschema` crate) judges generated requests, and
//! whatever the schema refuses, the library refuses too. (The library is
//! stricter: the schema cannot check that items sum to the amount, that a
//! currency exists, that `ip` is an address.)

use checkout_rules::Dialect;
use checkout_rules::testing::{near_miss, valid_request};
use checkout_rules_conformance::repo_root;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

/// `CreateSessionRequest` from the OpenAPI block of the Payviox document.
fn schema() -> Value {
    let doc = std::fs::read_to_string(repo_root().join("docs/providers/payviox.txt")).unwrap();
    let start = doc.find("````yaml POST /session").unwrap();
    let yaml = &doc[start..];
    let yaml = &yaml[yaml.find('\n').unwrap() + 1..yaml[1..].find("````").unwrap()];
    let openapi = &YamlLoader::load_from_str(yaml).unwrap()[0];
    json(&openapi["components"]["schemas"]["CreateSessionRequest"])
}

fn json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.as_str().unwrap().to_owned(), json(v)))
                .collect(),
        ),
        Yaml::Array(items) => Value::Array(items.iter().map(json).collect()),
        Yaml::String(s) => Value::from(s.as_str()),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::Boolean(b) => Value::from(*b),
        Yaml::Real(r) => Value::Number(r.parse().unwrap()),
        _ => Value::Null,
    }
}

/// A JSON value to put in a field's place.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-1000i64..100_000).prop_map(Value::from),
        Just(serde_json::json!(100.5)),
        "[a-zA-Z0-9_ ]{0,6}".prop_map(Value::from),
        Just(Value::from("USDX")),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn what_the_schema_refuses_the_library_refuses() {
    let schema = schema();
    assert_eq!(
        schema["required"],
        serde_json::json!(["amount", "currency", "customer", "order_id", "items"])
    );
    let validator = jsonschema::validator_for(&schema).unwrap();

    // A valid request with one member replaced by any JSON value, or removed.
    let mutated = (
        valid_request(Dialect::PAYVIOX),
        any::<prop::sample::Index>(),
        proptest::option::of(any_json()),
    )
        .prop_map(|(request, index, replacement)| {
            let mut body: serde_json::Map<String, Value> =
                serde_json::from_str(&request.body).unwrap();
            let keys: Vec<String> = body.keys().cloned().collect();
            let key = index.get(&keys).clone();
            match replacement {
                Some(v) => body.insert(key, v),
                None => body.remove(&key),
            };
            serde_json::to_string(&body).unwrap()
        });
    let bodies = prop_oneof![
        valid_request(Dialect::PAYVIOX).prop_map(|r| r.body),
        near_miss(Dialect::PAYVIOX).prop_map(|(r, _)| r.body),
        mutated,
    ];

    use std::cell::Cell;
    let (schema_refused, both_accepted, only_library_refused) =
        (Cell::new(0), Cell::new(0), Cell::new(0));
    let mut runner = TestRunner::new(Config {
        cases: 3000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&bodies, |body| {
            let ours = Dialect::PAYVIOX.validate(body.as_bytes(), &[]).is_valid();
            // A body serde_json cannot read (a number such as 1e400) the
            // schema's side refuses before validating.
            let schema_accepts = serde_json::from_str::<Value>(&body)
                .is_ok_and(|instance| validator.is_valid(&instance));
            if !schema_accepts {
                prop_assert!(!ours, "the schema refuses, the library accepts: {body}");
                schema_refused.set(schema_refused.get() + 1);
            } else if ours {
                both_accepted.set(both_accepted.get() + 1);
            } else {
                only_library_refused.set(only_library_refused.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    let (refused, accepted, stricter) = (
        schema_refused.get(),
        both_accepted.get(),
        only_library_refused.get(),
    );
    println!(
        "openapi: {} bodies: {refused} refused by both (the schema's verdict), {accepted} accepted by both, {stricter} refused by the library alone",
        refused + accepted + stricter
    );
    assert!(refused > 100 && accepted > 100);
}
