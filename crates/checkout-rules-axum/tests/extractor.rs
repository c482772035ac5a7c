//! The extractors in a test app, driven by a real HTTP client over loopback.

use std::io::{Read as _, Write as _};
use std::net::SocketAddr;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum_extra::extract::WithRejection;
use checkout_rules::body::{Nairopay, Payviox};
use checkout_rules::json::Limits;
use checkout_rules::{Dialect, Options};
use checkout_rules_axum::{Checkout, CheckoutConfig, CheckoutRejection, ValidatedCheckout};
use checkout_rules_conformance::bundled_examples;
use serde_json::Value;

/// The session and report the handler got, as JSON.
async fn echo(checkout: ValidatedCheckout) -> String {
    format!(
        r#"{{"dialect":"{}","report":{},"body_len":{}}}"#,
        checkout.dialect,
        checkout.report.to_json(),
        checkout.body.len()
    )
}

async fn typed_payviox(checkout: Checkout<Payviox>) -> String {
    format!(
        "{} {} {}",
        checkout.body.order_id,
        checkout.body.items.len(),
        checkout.session.amount.to_major_string()
    )
}

async fn typed_nairopay(checkout: Checkout<Nairopay>) -> String {
    checkout.body.reference
}

/// Answers refusals itself, from the rejection's parts.
async fn own_answer(checkout: Result<ValidatedCheckout, CheckoutRejection>) -> Response {
    match checkout {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(rejection) => {
            let codes: Vec<&str> = rejection
                .report()
                .violations()
                .iter()
                .map(|v| v.code.as_str())
                .collect();
            (StatusCode::IM_A_TEAPOT, codes.join(",")).into_response()
        }
    }
}

/// A server's own error format, through axum-extra's `WithRejection`.
struct Problems(CheckoutRejection);

impl From<CheckoutRejection> for Problems {
    fn from(rejection: CheckoutRejection) -> Problems {
        Problems(rejection)
    }
}

impl IntoResponse for Problems {
    fn into_response(self) -> Response {
        let paths: Vec<String> = self
            .0
            .report()
            .violations()
            .iter()
            .map(|v| format!("{} {}", v.path, v.code))
            .collect();
        (StatusCode::UNPROCESSABLE_ENTITY, paths.join("\n")).into_response()
    }
}

async fn with_rejection(
    WithRejection(checkout, _): WithRejection<ValidatedCheckout, Problems>,
) -> String {
    checkout.session.amount.to_major_string()
}

/// 64-byte bodies at most, depth 3.
fn small() -> Options {
    let mut options = Options::default();
    options.limits = Limits::default().with_max_bytes(64).with_max_depth(3);
    options
}

fn app() -> Router {
    let mut app = Router::new();
    for &dialect in Dialect::ALL {
        app = app.route(
            &format!("/validated/{dialect}"),
            post(echo).with_state(CheckoutConfig::new(dialect)),
        );
    }
    let small_nairopay = CheckoutConfig::new(Dialect::NAIROPAY).with_options(small());
    app.route("/small", post(echo).with_state(small_nairopay))
        .route("/typed/payviox", post(typed_payviox))
        .route("/typed/nairopay", post(typed_nairopay))
        .route(
            "/typed/small",
            post(typed_nairopay).layer(axum::Extension(small())),
        )
        .route(
            "/own",
            post(own_answer).with_state(CheckoutConfig::new(Dialect::PAYVIOX)),
        )
        .route(
            "/with-rejection",
            post(with_rejection).with_state(CheckoutConfig::new(Dialect::NAIROPAY)),
        )
}

/// The app on a free loopback port.
async fn serve() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app()).await.unwrap() });
    addr
}

struct Answer {
    status: StatusCode,
    content_type: Option<String>,
    body: String,
}

async fn post_to(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
    body: impl Into<reqwest::Body>,
) -> Answer {
    let mut request = reqwest::Client::new().post(format!("http://{addr}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.body(body).send().await.unwrap();
    let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    Answer {
        status,
        content_type,
        body: response.text().await.unwrap(),
    }
}

const JSON: (&str, &str) = ("Content-Type", "application/json");
const NAIROPAY: &str = r#"{"amount": 2500, "currency": "KES", "reference": "ORDER_1"}"#;

#[tokio::test]
async fn every_bundled_example_gets_the_librarys_verdict_in_the_providers_format() {
    let addr = serve().await;
    let examples = bundled_examples();
    assert!(examples.len() >= 11, "{}", examples.len());
    for (dialect, path, headers) in examples {
        let body = std::fs::read_to_string(&path).unwrap();
        let mut sent: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        if !sent
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            sent.push(JSON);
        }
        let expected = dialect.validate(body.as_bytes(), &sent);
        let answer = post_to(addr, &format!("/validated/{dialect}"), &sent, body.clone()).await;
        let name = path.display();
        if expected.is_valid() {
            assert_eq!(answer.status, StatusCode::OK, "{name}: {}", answer.body);
            let got: Value = serde_json::from_str(&answer.body).unwrap();
            assert_eq!(got["dialect"], dialect.name(), "{name}");
            assert_eq!(
                got["report"],
                serde_json::from_str::<Value>(&expected.to_json()).unwrap(),
                "{name}"
            );
            assert_eq!(got["body_len"], body.len(), "{name}");
        } else {
            assert!(
                path.file_name()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .starts_with("invalid-"),
                "{name}"
            );
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{name}");
            assert_eq!(
                answer.content_type.as_deref(),
                Some("application/json"),
                "{name}"
            );
            let provider_body = match dialect.name() {
                "payviox" => expected.to_payviox_errors(),
                _ => expected.to_json(),
            };
            assert_eq!(answer.body, provider_body, "{name}");
        }
    }
}

#[tokio::test]
async fn payviox_is_refused_in_its_documented_400_shape() {
    let addr = serve().await;
    let body = std::fs::read_to_string(
        checkout_rules_conformance::repo_root()
            .join("examples/payviox/invalid-several-problems.json"),
    )
    .unwrap();
    let answer = post_to(addr, "/validated/payviox", &[JSON], body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let errors: Value = serde_json::from_str(&answer.body).unwrap();
    let fields = errors.as_object().unwrap();
    assert_eq!(
        fields["customer"],
        serde_json::json!(["The customer field is required."])
    );
    for (field, messages) in fields {
        let messages = messages.as_array().unwrap();
        assert!(!messages.is_empty(), "{field}");
        assert!(messages.iter().all(Value::is_string), "{field}");
    }
}

#[tokio::test]
async fn a_content_type_the_librarys_rule_refuses_is_a_415_before_the_body_is_read() {
    let addr = serve().await;
    for (content_type, code) in [
        ("text/plain", "unsupported_content_type"),
        (
            "application/json; charset=latin1",
            "unsupported_content_type",
        ),
        ("application/json; charset", "unsupported_content_type"),
        (
            "application/x-www-form-urlencoded",
            "unsupported_content_type",
        ),
    ] {
        // The body is not JSON either: only the media type is reported.
        let answer = post_to(
            addr,
            "/validated/nairopay",
            &[("Content-Type", content_type)],
            "amount=1",
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
        assert_eq!(answer.content_type.as_deref(), Some("application/json"));
        let report: Value = serde_json::from_str(&answer.body).unwrap();
        let errors = report["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{content_type}: {}", answer.body);
        assert_eq!(errors[0]["in"], "header");
        assert_eq!(errors[0]["path"], "Content-Type");
        assert_eq!(errors[0]["code"], code);
    }
    // Payviox answers in its own shape, keyed by the header.
    let answer = post_to(
        addr,
        "/validated/payviox",
        &[("Content-Type", "text/plain")],
        "x",
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        answer.body,
        r#"{"Content-Type":["the `Content-Type` header is `text/plain`; the body must be sent as `application/json`"]}"#
    );
}

#[tokio::test]
async fn a_missing_content_type_is_a_415() {
    let addr = serve().await;
    let answer = post_to(addr, "/validated/nairopay", &[], NAIROPAY).await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let report: Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(report["errors"][0]["path"], "Content-Type");
    assert_eq!(report["errors"][0]["code"], "required");
}

#[tokio::test]
async fn json_content_types_the_rule_accepts_reach_the_handler() {
    let addr = serve().await;
    for content_type in [
        "application/json",
        "Application/JSON",
        "application/json;",
        "application/json ; charset=\"UTF-8\"",
        "application/json; charset=utf-8; version=2",
    ] {
        let answer = post_to(
            addr,
            "/validated/nairopay",
            &[("Content-Type", content_type)],
            NAIROPAY,
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{content_type}: {}",
            answer.body
        );
    }
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_a_413_at_the_limit_it_is_read() {
    let addr = serve().await;
    // 64 bytes exactly: read and judged (and valid).
    let at_limit = r#"{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_1"}"#;
    assert_eq!(at_limit.len(), 64);
    let answer = post_to(addr, "/small", &[JSON], at_limit).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    // One byte more: refused by its Content-Length.
    let over = r#"{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_01"}"#;
    let answer = post_to(addr, "/small", &[JSON], over).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.content_type.as_deref(), Some("application/json"));
    let report: Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(report["errors"][0]["code"], "body_too_large");
    assert_eq!(report["errors"][0]["max"], 64);
    assert_eq!(report["errors"][0]["actual"], 65);
    // The default limit is the library's, 1 MiB; a declared length over
    // it is refused before any of the body is sent.
    let request = format!(
        "POST /validated/nairopay HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        (1 << 20) + 1
    );
    let (status, body) =
        tokio::task::spawn_blocking(move || raw_exchange(addr, request.as_bytes()))
            .await
            .unwrap();
    assert_eq!(status, "HTTP/1.1 413 Payload Too Large");
    let report: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["errors"][0]["max"], 1 << 20);
    assert_eq!(report["errors"][0]["actual"], (1 << 20) + 1);
}

/// Sends a request by hand and reads the answer's status line and body.
fn raw_exchange(addr: SocketAddr, request: &[u8]) -> (String, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut answer = Vec::new();
    let mut buf = [0; 4096];
    // Until the headers and the whole body (by Content-Length) are in.
    loop {
        let n = stream.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(str::to_owned)
                })
                .and_then(|l| l.trim().parse::<usize>().ok());
            if length.is_some_and(|l| body.len() >= l) {
                break;
            }
        }
    }
    let text = String::from_utf8(answer).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}

#[tokio::test]
async fn a_chunked_body_is_refused_once_past_the_limit_before_it_ends() {
    let addr = serve().await;
    // 40 bytes then 40 more, and the body never ends: the answer can only
    // come from a server that stopped reading at the limit.
    let chunk = "x".repeat(40);
    let request = format!(
        "POST /small HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\n\r\n28\r\n{chunk}\r\n28\r\n{chunk}\r\n"
    );
    let (status, body) =
        tokio::task::spawn_blocking(move || raw_exchange(addr, request.as_bytes()))
            .await
            .unwrap();
    assert_eq!(status, "HTTP/1.1 413 Payload Too Large");
    let report: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["errors"][0]["code"], "body_too_large");
    assert_eq!(report["errors"][0]["max"], 64);
    assert_eq!(
        report["errors"][0]["message"],
        "the body is more than 64 bytes; the limit is 64 bytes"
    );
}

#[tokio::test]
async fn a_chunked_body_within_the_limit_is_judged() {
    let addr = serve().await;
    let request = format!(
        "POST /small HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{NAIROPAY}\r\n0\r\n\r\n",
        NAIROPAY.len()
    );
    let (status, body) =
        tokio::task::spawn_blocking(move || raw_exchange(addr, request.as_bytes()))
            .await
            .unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK", "{body}");
}

#[tokio::test]
async fn malformed_and_too_deep_bodies_are_the_librarys_400() {
    let addr = serve().await;
    let answer = post_to(
        addr,
        "/validated/nairopay",
        &[JSON],
        "{\"amount\": 25,\n  }",
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let report: Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(report["errors"][0]["code"], "malformed_json");
    assert_eq!(report["errors"][0]["path"], "");
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("line 2"),
        "{}",
        answer.body
    );
    // Depth 3 is the limit of /small: the fourth level is refused.
    let deep = r#"{"amount": 1, "a": [[[1]]]}"#;
    let answer = post_to(addr, "/small", &[JSON], deep).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let report: Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(report["errors"][0]["code"], "too_deep", "{}", answer.body);
    // An empty body is malformed, not missing fields.
    let answer = post_to(addr, "/validated/payviox", &[JSON], "").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let errors: Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(
        errors.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["body"]
    );
}

#[tokio::test]
async fn headers_are_judged_with_the_body() {
    let addr = serve().await;
    let answer = post_to(
        addr,
        "/validated/nairopay",
        &[JSON, ("Authorization", "Basic dXNlcjpwYXNz")],
        r#"{"amount": 25.5, "currency": "KES", "reference": "R-1"}"#,
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let report: Value = serde_json::from_str(&answer.body).unwrap();
    let found: Vec<(&str, &str)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("/amount", "not_integer"),
            ("Authorization", "invalid_authorization")
        ]
    );
}

#[tokio::test]
async fn a_header_the_dialect_reads_must_be_text() {
    let addr = serve().await;
    // Byte 0xE9 alone (Latin-1 "é") is not UTF-8; HTTP allows it on the wire.
    let mut bytes = format!(
        "POST /validated/orchestrator HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: 2\r\nConnection: close\r\nIdempotency-Key: caf"
    )
    .into_bytes();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\r\nX-Other: caf");
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\r\n\r\n{}");
    let (status, body) = tokio::task::spawn_blocking(move || raw_exchange(addr, &bytes))
        .await
        .unwrap();
    assert_eq!(status, "HTTP/1.1 400 Bad Request");
    let report: Value = serde_json::from_str(&body).unwrap();
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors[0]["path"], "Idempotency-Key");
    assert_eq!(errors[0]["code"], "invalid_header_value");
    // X-Other is read by no rule, so nothing is said of it; the body's
    // violations come with the header's.
    assert!(errors.iter().all(|e| e["path"] != "X-Other"));
    assert!(
        errors.iter().any(|e| e["path"] == "/orderReference"),
        "{body}"
    );
}

#[tokio::test]
async fn the_typed_extractor_gives_the_body_as_its_type() {
    let addr = serve().await;
    let payviox = std::fs::read_to_string(
        checkout_rules_conformance::repo_root().join("examples/payviox/premium-subscription.json"),
    )
    .unwrap();
    let answer = post_to(addr, "/typed/payviox", &[JSON], payviox).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "order_12345 1 100.00")
    );
    let answer = post_to(addr, "/typed/nairopay", &[JSON], NAIROPAY).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "ORDER_1")
    );
    // Refused as the untyped extractor refuses.
    let answer = post_to(addr, "/typed/payviox", &[JSON], r#"{"amount": 50}"#).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let errors: Value = serde_json::from_str(&answer.body).unwrap();
    assert!(
        errors["amount"][0]
            .as_str()
            .unwrap()
            .contains("at least 100"),
        "{}",
        answer.body
    );
    // Options from the request's extensions: a 64-byte limit.
    let over = r#"{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}"#;
    let answer = post_to(addr, "/typed/small", &[JSON], over).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    let answer = post_to(addr, "/typed/nairopay", &[JSON], over).await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn a_handler_can_answer_refusals_itself() {
    let addr = serve().await;
    let answer = post_to(addr, "/own", &[JSON], r#"{"amount": 50}"#).await;
    assert_eq!(answer.status, StatusCode::IM_A_TEAPOT);
    assert_eq!(
        answer.body,
        "below_minimum,required,required,required,required"
    );
    let answer = post_to(addr, "/own", &[("Content-Type", "text/csv")], "a,b").await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::IM_A_TEAPOT, "unsupported_content_type")
    );
}

#[tokio::test]
async fn with_rejection_answers_in_the_servers_own_format() {
    let addr = serve().await;
    let answer = post_to(addr, "/with-rejection", &[JSON], NAIROPAY).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "25.00")
    );
    let answer = post_to(
        addr,
        "/with-rejection",
        &[JSON],
        r#"{"amount": 2500, "currency": "kes"}"#,
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.body,
        "/currency unknown_currency\n/reference required"
    );
}
