//! The providers' own example requests are accepted, and the bundled
//! examples under `examples/` are those requests (plus invalid ones, named
//! `invalid-*`, which must be refused).

use std::fs;

use checkout_rules::Dialect;
use checkout_rules_conformance::repo_root;

fn document(name: &str) -> String {
    fs::read_to_string(repo_root().join("docs/providers").join(name)).unwrap()
}

fn example(path: &str) -> serde_json::Value {
    serde_json::from_slice(&fs::read(repo_root().join("examples").join(path)).unwrap()).unwrap()
}

/// The bodies of the document's cURL examples (`-d '…'`).
fn curl_bodies(doc: &str) -> Vec<String> {
    doc.split("-d '")
        .skip(1)
        .filter_map(|rest| rest.split_once('\'').map(|(body, _)| body.to_owned()))
        .collect()
}

#[test]
fn payviox_documented_requests_are_valid_and_bundled() {
    let bodies = curl_bodies(&document("payviox.txt"));
    // The sketch `{ "ip": "203.0.113.42", ... }`, which is not JSON, then the
    // client-side example (public key) and the server-side one (secret key,
    // with `ip`).
    assert_eq!(bodies.len(), 3);
    assert!(bodies[0].contains("..."));
    let client = Dialect::PAYVIOX.validate(
        bodies[1].as_bytes(),
        &[
            ("Authorization", "Bearer pk_live_xxxxxxxxxxxx"),
            ("Content-Type", "application/json"),
        ],
    );
    assert!(client.is_valid(), "{:?}", client.violations());
    let server = Dialect::PAYVIOX.validate(
        bodies[2].as_bytes(),
        &[
            ("Authorization", "Bearer sk_live_xxxxxxxxxxxx"),
            ("Content-Type", "application/json"),
        ],
    );
    assert!(server.is_valid(), "{:?}", server.violations());
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&bodies[1]).unwrap(),
        example("payviox/premium-subscription.json")
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&bodies[2]).unwrap(),
        example("payviox/server-side-with-ip.json")
    );
    // The same server-side body with the public key is refused.
    let public = Dialect::PAYVIOX.validate(
        bodies[2].as_bytes(),
        &[("Authorization", "Bearer pk_live_xxxxxxxxxxxx")],
    );
    assert_eq!(
        public.violations()[0].code.as_str(),
        "ip_requires_secret_key"
    );
}

#[test]
fn nairopay_documented_request_is_valid_and_bundled() {
    let doc = document("nairopay.txt");
    // The Node.js sample's object literal, with its keys quoted.
    let start = doc.find("payment-sessions\",\n  {").unwrap();
    let literal = &doc[start..];
    let literal = &literal[literal.find('{').unwrap()..=literal.find('}').unwrap()];
    let json: String = literal
        .lines()
        .map(|line| match line.trim_start().split_once(": ") {
            Some((key, value)) if !key.starts_with('"') && !key.is_empty() => {
                format!("\"{key}\": {value}")
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let report = Dialect::NAIROPAY.validate(
        json.as_bytes(),
        &[
            ("Authorization", "Bearer sk_live_yourSecretKeyHere"),
            ("Content-Type", "application/json"),
        ],
    );
    assert!(report.is_valid(), "{json}\n{:?}", report.violations());
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).unwrap(),
        example("nairopay/order-2025-001.json")
    );
}

#[test]
fn orchestrator_documented_request_is_valid_and_bundled() {
    let bodies = curl_bodies(&document("orchestrator.txt"));
    assert_eq!(bodies.len(), 1);
    let headers = [
        ("Content-Type", "application/json"),
        ("Idempotency-Key", "example_string"),
        ("Authorization", "Bearer YOUR_API_TOKEN"),
    ];
    let report = Dialect::ORCHESTRATOR.validate(bodies[0].as_bytes(), &headers);
    assert!(report.is_valid(), "{:?}", report.violations());
    let session = report.normalized().unwrap();
    assert_eq!(session.amount.to_major_string(), "140.76");
    assert_eq!(session.amount.minor(), 14076);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&bodies[0]).unwrap(),
        example("orchestrator/wireless-headphones.json")
    );
    // Without its required header the same body is refused, at the header.
    let report = Dialect::ORCHESTRATOR.validate(bodies[0].as_bytes(), &[]);
    assert_eq!(report.violations().len(), 1);
    assert_eq!(report.violations()[0].path, "Idempotency-Key");
}

#[test]
fn flutterwave_documented_template_is_rightly_refused() {
    let doc = document("flutterwave.txt");
    let start = doc.find("--data '\n").unwrap() + "--data '\n".len();
    let body = &doc[start..start + doc[start..].find("\n'").unwrap()];
    let report = Dialect::FLUTTERWAVE.validate(body.as_bytes(), &[]);
    let found: Vec<_> = report
        .violations()
        .iter()
        .map(|v| (v.path.as_str(), v.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("/redirect_url", "invalid_url"),
            ("/reference", "pattern_mismatch")
        ]
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(body).unwrap(),
        example("flutterwave/invalid-document-template.json")
    );
    // With real values in the placeholders it is accepted.
    let filled = body
        .replace(
            "\"customer_id\": \"<string>\"",
            "\"customer_id\": \"cus_1\"",
        )
        .replace(
            "\"redirect_url\": \"<string>\"",
            "\"redirect_url\": \"https://m.example/r\"",
        )
        .replace(
            "\"reference\": \"<string>\"",
            "\"reference\": \"ORDER-000001\"",
        );
    assert!(
        Dialect::FLUTTERWAVE
            .validate(filled.as_bytes(), &[])
            .is_valid()
    );
}

#[test]
fn bundled_examples_have_the_verdict_their_name_says() {
    let examples = checkout_rules_conformance::bundled_examples();
    for (dialect, path, headers) in &examples {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let body = fs::read(path).unwrap();
        let report = dialect.validate(&body, &headers);
        assert_eq!(
            report.is_valid(),
            !name.starts_with("invalid-"),
            "{}: {:?}",
            path.display(),
            report.violations()
        );
    }
    assert!(examples.len() >= 10);
}
