//! `checkout-rules serve`, run as a developer runs it and driven by a real
//! HTTP client over loopback.

use std::collections::HashSet;
use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use checkout_rules::Dialect;
use checkout_rules_conformance::{bundled_examples, repo_root};
use serde_json::Value;

/// A running `checkout-rules serve`, stopped with SIGTERM when dropped.
struct Server {
    child: Child,
    url: String,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_checkout-rules"))
            .arg("serve")
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut url = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut url)
            .unwrap();
        let url = url.trim().to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url:?}");
        // Read standard error all along, so the server never blocks on it.
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let lines = stderr.clone();
        let pipe = BufReader::new(child.stderr.take().unwrap());
        std::thread::spawn(move || {
            for line in pipe.lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        Server { child, url, stderr }
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Sends `signal` and waits for the exit status.
    fn stop_with(mut self, name: &str) -> std::process::ExitStatus {
        self.signal(name);
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no exit after {name}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn log(&self) -> Vec<String> {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.child.id().to_string()])
                .status();
            let _ = self.child.wait();
        }
    }
}

fn path(dialect: Dialect) -> &'static str {
    let endpoint = dialect.spec().endpoint;
    assert!(endpoint.starts_with('/'), "{dialect} names its endpoint");
    endpoint
}

const AUTH: (&str, &str) = ("Authorization", "Bearer sk_test_mock");
const JSON: (&str, &str) = ("Content-Type", "application/json");

#[derive(Debug)]
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

async fn send(
    client: &reqwest::Client,
    url: &str,
    headers: &[(&str, &str)],
    body: impl Into<reqwest::Body>,
) -> Answer {
    let mut request = client.post(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.body(body).send().await.unwrap();
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

/// Sends a request by hand (without ending its body) and reads the
/// answer's head and body, by its `Content-Length`.
fn raw_exchange(addr: &str, request: &str) -> (String, String) {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let mut buf = [0; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head.lines().find_map(|l| {
                let l = l.to_ascii_lowercase();
                l.strip_prefix("content-length: ")?
                    .trim()
                    .parse::<usize>()
                    .ok()
            });
            if length.is_some_and(|l| body.len() >= l) {
                break;
            }
        }
    }
    let text = String::from_utf8(answer).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (head.to_owned(), body.to_owned())
}

/// The members' names of the JSON object `text`, in the order written.
fn keys_in_order(text: &str) -> Vec<String> {
    let document = checkout_rules::json::parse(text.as_bytes(), &Default::default()).unwrap();
    let object = document.root.as_object().unwrap();
    object.iter().map(|(k, _)| k.to_owned()).collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The headers a bundled example is sent with: its own, credentials, and
/// `Content-Type` unless it has one.
fn example_headers(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    let mut sent: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    sent.push(AUTH);
    if !sent
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
    {
        sent.push(JSON);
    }
    sent
}

/// Checks a created session's answer against the document's example
/// shape, and returns its session id.
fn check_created(dialect: Dialect, base: &str, request: &Value, answer: &Answer) -> String {
    let body = answer.json();
    // In the answer's own order (serde_json's map is sorted).
    let top = keys_in_order(&answer.body);
    let url_of = |id: &str| format!("{base}/checkout/{dialect}/{id}");
    let hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    };
    assert_eq!(answer.header("content-type"), Some("application/json"));
    match dialect.name() {
        "nairopay" => {
            assert_eq!(answer.status, 201);
            assert_eq!(top, ["status", "session_id", "checkout_url"]);
            assert_eq!(body["status"], "success");
            let id = body["session_id"].as_str().unwrap();
            assert!(
                id.starts_with("sess_") && hex(&id[5..]) && id.len() == 29,
                "{id}"
            );
            assert_eq!(body["checkout_url"], url_of(id));
            id.to_owned()
        }
        "kiotapay" => {
            assert_eq!(answer.status, 201);
            assert_eq!(top, ["id", "checkoutUrl", "checkoutRef", "status"]);
            assert_eq!(body["status"], "PENDING");
            let id = body["id"].as_str().unwrap();
            assert!(id.starts_with("cs_") && hex(&id[3..]), "{id}");
            assert_eq!(body["checkoutUrl"], url_of(id));
            assert!(body["checkoutRef"].as_str().unwrap().starts_with("CHK-"));
            id.to_owned()
        }
        "payviox" => {
            // payviox.txt: Standard Response (201), {"session_id": …}.
            assert_eq!(answer.status, 201);
            assert_eq!(top, ["session_id"]);
            let id = body["session_id"].as_str().unwrap();
            assert!(id.len() == 32 && hex(id), "{id}");
            id.to_owned()
        }
        "orchestrator" => {
            assert_eq!(answer.status, 201);
            assert_eq!(
                top,
                [
                    "sessionId",
                    "checkoutUrl",
                    "status",
                    "routing",
                    "expiresAt",
                    "createdAt"
                ]
            );
            let id = body["sessionId"].as_str().unwrap();
            let groups: Vec<usize> = id.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
            assert_eq!(&id[14..15], "4", "{id}");
            assert_eq!(body["checkoutUrl"], url_of(id));
            assert_eq!(body["status"], "PENDING");
            let routing: Vec<&String> = body["routing"].as_object().unwrap().keys().collect();
            assert_eq!(routing, ["score", "selectedProvider"]);
            let created = body["createdAt"].as_str().unwrap();
            let expires = body["expiresAt"].as_str().unwrap();
            assert!(created.len() == 20 && created.ends_with('Z'), "{created}");
            assert!(expires > created, "{expires} {created}");
            id.to_owned()
        }
        "flutterwave" => {
            // flutterwave.txt: "OK", the request's values echoed in `data`.
            assert_eq!(answer.status, 200);
            assert_eq!(top, ["status", "message", "data"]);
            assert_eq!(body["status"], "success");
            let data = &body["data"];
            let id = data["id"].as_str().unwrap();
            assert_eq!(data["checkout_url"], url_of(id));
            for key in [
                "amount",
                "currency",
                "customer_id",
                "redirect_url",
                "reference",
            ] {
                assert_eq!(data[key], request[key], "{key}");
            }
            let retries = request
                .get("max_retry_attempts")
                .unwrap_or(&Value::from(3))
                .clone();
            assert_eq!(data["max_retry_attempts"], retries);
            assert_eq!(data["session_duration"], request["session_duration"]);
            id.to_owned()
        }
        other => panic!("no answer is expected for {other}"),
    }
}

#[test]
fn every_bundled_example_is_answered_as_its_provider_documents() {
    let server = Server::start(&[]);
    runtime().block_on(async {
        let client = reqwest::Client::new();
        let mut ids = HashSet::new();
        for (dialect, file, headers) in bundled_examples() {
            let body = std::fs::read_to_string(&file).unwrap();
            let sent = example_headers(&headers);
            let url = format!("{}{}", server.url, path(dialect));
            let answer = send(&client, &url, &sent, body.clone()).await;
            let expected = dialect.validate(body.as_bytes(), &sent);
            let name = file.display();
            if expected.is_valid() {
                let request: Value = serde_json::from_str(&body).unwrap();
                let id = check_created(dialect, &server.url, &request, &answer);
                assert!(ids.insert(id), "{name}: a session id twice");
            } else {
                assert_eq!(answer.status, 400, "{name}");
                assert_eq!(answer.header("content-type"), Some("application/json"));
                let provider_body = match dialect.name() {
                    "payviox" => expected.to_payviox_errors(),
                    _ => expected.to_json(),
                };
                assert_eq!(answer.body, provider_body, "{name}");
                assert!(!expected.violations().is_empty());
            }
        }
        assert!(ids.len() >= 6, "{ids:?}");
    });
}

#[test]
fn amounts_are_echoed_exactly_as_written() {
    let server = Server::start(&["--dialect", "flutterwave"]);
    runtime().block_on(async {
        let client = reqwest::Client::new();
        let url = format!("{}/checkout/sessions", server.url);
        for amount in ["12.34", "12.3", "12.340", "1.234E1", "12", "0.01"] {
            let body =
                format!(r#"{{"amount": {amount}, "currency": "NGN", "reference": "ORDER-1"}}"#);
            let answer = send(&client, &url, &[AUTH, JSON], body).await;
            assert_eq!(answer.status, 200, "{amount}: {}", answer.body);
            assert!(
                answer
                    .body
                    .contains(&format!(r#""amount":{amount},"currency":"NGN","#)),
                "{amount}: {}",
                answer.body
            );
            // Absent optional values are not invented; the default is.
            let data = &answer.json()["data"];
            assert!(data.get("customer_id").is_none() && data.get("session_duration").is_none());
            assert_eq!(data["max_retry_attempts"], 3);
        }
    });
}

#[test]
fn a_key_sent_again_replays_the_session_or_is_refused_with_another_body() {
    let server = Server::start(&[]);
    runtime().block_on(async {
        let client = reqwest::Client::new();
        let root = repo_root();
        let orchestrator =
            std::fs::read_to_string(root.join("examples/orchestrator/wireless-headphones.json"))
                .unwrap();
        let flutterwave =
            std::fs::read_to_string(root.join("examples/flutterwave/ngn-order.json")).unwrap();
        let cases = [
            (
                Dialect::ORCHESTRATOR,
                "Idempotency-Key",
                orchestrator.clone(),
            ),
            (
                Dialect::FLUTTERWAVE,
                "X-Idempotency-Key",
                flutterwave.clone(),
            ),
        ];
        for (dialect, header, body) in cases {
            let url = format!("{}{}", server.url, path(dialect));
            let with = |key: &'static str, auth: &'static str| {
                [(header, key), ("Authorization", auth), JSON]
            };
            let first = send(&client, &url, &with("key-0000000001", AUTH.1), body.clone()).await;
            let request: Value = serde_json::from_str(&body).unwrap();
            let id = check_created(dialect, &server.url, &request, &first);
            assert_eq!(first.header("idempotent-replayed"), None);
            // The same key and body: the same answer, byte for byte.
            let again = send(&client, &url, &with("key-0000000001", AUTH.1), body.clone()).await;
            assert_eq!(
                (again.status, &again.body),
                (first.status, &first.body),
                "{dialect}"
            );
            assert_eq!(again.header("idempotent-replayed"), Some("true"));
            // The same key with another body: refused, as the draft says.
            let other = match dialect.name() {
                "flutterwave" => body.replace("ORDER-2025-0001", "ORDER-2025-0002"),
                _ => body.replace("Jane", "Joan"),
            };
            assert_ne!(other, body);
            let refused = send(
                &client,
                &url,
                &with("key-0000000001", AUTH.1),
                other.clone(),
            )
            .await;
            assert_eq!(refused.status, 422, "{dialect}: {}", refused.body);
            assert_eq!(
                refused.header("content-type"),
                Some("application/problem+json")
            );
            let problem = refused.json();
            assert_eq!(problem["status"], 422);
            assert_eq!(problem["title"], format!("{header} is already used"));
            assert!(
                problem["type"]
                    .as_str()
                    .unwrap()
                    .contains("idempotency-key-header")
            );
            // After the refusal, the first body still replays the first session.
            let still = send(&client, &url, &with("key-0000000001", AUTH.1), body.clone()).await;
            assert_eq!(still.body, first.body);
            // Another key, or the same key from other credentials: a new session.
            let new_key = send(&client, &url, &with("key-0000000002", AUTH.1), body.clone()).await;
            let other_client = send(
                &client,
                &url,
                &with("key-0000000001", "Bearer sk_test_other"),
                body.clone(),
            )
            .await;
            for fresh in [&new_key, &other_client] {
                assert_ne!(check_created(dialect, &server.url, &request, fresh), id);
            }
            // An invalid request is not kept: the key stays free.
            let invalid = send(&client, &url, &with("key-0000000003", AUTH.1), "{}").await;
            assert_eq!(invalid.status, 400);
            let valid = send(&client, &url, &with("key-0000000003", AUTH.1), body.clone()).await;
            check_created(dialect, &server.url, &request, &valid);
        }
        // Without a key (optional for Flutterwave) each request is a new session.
        let url = format!("{}/checkout/sessions", server.url);
        let a = send(&client, &url, &[AUTH, JSON], flutterwave.clone()).await;
        let b = send(&client, &url, &[AUTH, JSON], flutterwave.clone()).await;
        assert_ne!(a.json()["data"]["id"], b.json()["data"]["id"]);
        // The orchestrator requires its key: the library's 400.
        let url = format!("{}/api/v1/sessions", server.url);
        let missing = send(&client, &url, &[AUTH, JSON], orchestrator).await;
        assert_eq!(missing.status, 400);
        assert_eq!(missing.json()["errors"][0]["path"], "Idempotency-Key");
        assert_eq!(missing.json()["errors"][0]["code"], "required");
    });
}

#[test]
fn a_request_without_credentials_or_with_refused_ones_is_a_401() {
    let server = Server::start(&[]);
    runtime().block_on(async {
        let client = reqwest::Client::new();
        for &dialect in Dialect::ALL {
            let url = format!("{}{}", server.url, path(dialect));
            // Before anything else: no Content-Type and no body either.
            let answer = send(&client, &url, &[], "").await;
            assert_eq!(answer.status, 401, "{dialect}");
            assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
            assert_eq!(answer.header("content-type"), Some("application/json"));
            if dialect == Dialect::PAYVIOX {
                assert_eq!(answer.body, r#"{"error":"Unauthorized"}"#);
            } else {
                let report = answer.json();
                assert_eq!(report["valid"], false);
                assert_eq!(report["errors"][0]["in"], "header");
                assert_eq!(report["errors"][0]["path"], "Authorization");
                assert_eq!(report["errors"][0]["code"], "required");
            }
            let basic = send(
                &client,
                &url,
                &[("Authorization", "Basic dXNlcjpwYXNz"), JSON],
                "{}",
            )
            .await;
            assert_eq!(basic.status, 401, "{dialect}");
        }
        // Payviox keys start with pk_ or sk_ (payviox.txt): another is a 401.
        let url = format!("{}/session", server.url);
        let answer = send(
            &client,
            &url,
            &[("Authorization", "Bearer live_x"), JSON],
            "{}",
        )
        .await;
        assert_eq!(
            (answer.status, answer.body.as_str()),
            (401, r#"{"error":"Unauthorized"}"#)
        );
        let url = format!("{}/v1/payment-sessions", server.url);
        let answer = send(&client, &url, &[("Authorization", "Basic x"), JSON], "{}").await;
        assert_eq!(answer.json()["errors"][0]["code"], "invalid_authorization");
    });
}

#[test]
fn oversized_malformed_and_mistyped_bodies_are_refused() {
    let server = Server::start(&[]);
    runtime().block_on(async {
        let client = reqwest::Client::new();
        let payviox = format!("{}/session", server.url);
        let nairopay = format!("{}/v1/payment-sessions", server.url);
        // A declared length over the limit is refused before any of the
        // body is sent; a chunked body once past the limit, before it ends.
        let addr = server.url.trim_start_matches("http://").to_owned();
        let declared = |path: &str| {
            format!(
                "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer sk_test_1\r\n\
                 Content-Type: application/json\r\nContent-Length: 1048577\r\n\r\n"
            )
        };
        let chunk = "x".repeat(1 << 19);
        let chunked = format!(
            "POST /v1/payment-sessions HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer sk_test_1\r\n\
             Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\
             80000\r\n{chunk}\r\n80000\r\n{chunk}\r\n1\r\nx\r\n"
        );
        for (request, dialect) in [
            (declared("/v1/payment-sessions"), Dialect::NAIROPAY),
            (declared("/session"), Dialect::PAYVIOX),
            (chunked, Dialect::NAIROPAY),
        ] {
            let addr = addr.clone();
            let (head, body) = tokio::task::spawn_blocking(move || raw_exchange(&addr, &request))
                .await
                .unwrap();
            assert!(head.starts_with("HTTP/1.1 413 Payload Too Large"), "{head}");
            assert!(head.to_ascii_lowercase().contains("connection: close"), "{head}");
            let refusal: Value = serde_json::from_str(&body).unwrap();
            let message = if dialect == Dialect::PAYVIOX {
                &refusal["body"][0]
            } else {
                assert_eq!(refusal["errors"][0]["code"], "body_too_large");
                assert_eq!(refusal["errors"][0]["max"], 1 << 20);
                &refusal["errors"][0]["message"]
            };
            let message = message.as_str().unwrap();
            assert!(message.contains("the limit is 1048576 bytes"), "{body}");
        }

        let answer = send(&client, &nairopay, &[AUTH, JSON], "{\"amount\": 2500,}").await;
        assert_eq!(answer.status, 400);
        assert_eq!(answer.json()["errors"][0]["code"], "malformed_json");
        let answer = send(&client, &payviox, &[AUTH, JSON], "[1, 2").await;
        assert_eq!(answer.status, 400);
        assert_eq!(
            answer
                .json()
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            ["body"]
        );
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        let answer = send(&client, &nairopay, &[AUTH, JSON], deep).await;
        assert_eq!(answer.json()["errors"][0]["code"], "too_deep");

        for content_type in ["text/plain", "application/json; charset=iso-8859-1"] {
            let answer = send(
                &client,
                &nairopay,
                &[AUTH, ("Content-Type", content_type)],
                "{}",
            )
            .await;
            assert_eq!(answer.status, 415, "{content_type}");
            assert_eq!(
                answer.json()["errors"][0]["code"],
                "unsupported_content_type"
            );
        }
        let answer = send(&client, &nairopay, &[AUTH], "{}").await;
        assert_eq!(answer.status, 415);
        let answer = send(
            &client,
            &payviox,
            &[AUTH, ("Content-Type", "text/plain")],
            "{}",
        )
        .await;
        assert_eq!(answer.status, 415);
        assert!(
            answer.json()["Content-Type"][0]
                .as_str()
                .unwrap()
                .contains("text/plain")
        );
    });
}

#[test]
fn dialect_limits_the_endpoints_and_each_request_is_logged() {
    let server = Server::start(&["--dialect", "payviox", "--dialect", "kiotapay"]);
    runtime().block_on(async {
        let client = reqwest::Client::new();
        let body =
            std::fs::read_to_string(repo_root().join("examples/payviox/premium-subscription.json"))
                .unwrap();
        let answer = send(
            &client,
            &format!("{}/session", server.url),
            &[AUTH, JSON],
            body,
        )
        .await;
        assert_eq!(answer.status, 201);
        let answer = send(
            &client,
            &format!("{}/v1/payment-sessions", server.url),
            &[AUTH, JSON],
            "{}",
        )
        .await;
        assert_eq!(answer.status, 404);
        assert!(
            answer.body.contains("POST /session (payviox)"),
            "{}",
            answer.body
        );
        assert!(
            answer
                .body
                .contains("POST /api/sandbox/v1/checkout-sessions (kiotapay)")
        );
        assert!(!answer.body.contains("nairopay"));
        let get = client
            .get(format!("{}/session", server.url))
            .send()
            .await
            .unwrap();
        assert_eq!(get.status().as_u16(), 405);
    });
    // Logged before the answer is sent: the lines are there by now, or soon.
    let start = Instant::now();
    let requests = loop {
        let log = server.log();
        let requests: Vec<String> = log.into_iter().filter(|l| l.contains(" /")).collect();
        if requests.len() >= 3 || start.elapsed() > Duration::from_secs(5) {
            break requests;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let shapes: Vec<(String, String, String)> = requests
        .iter()
        .filter(|l| !l.contains("checkout-rules serve:"))
        .map(|line| {
            let parts: Vec<&str> = line.split(' ').collect();
            assert_eq!(parts.len(), 5, "{line}");
            assert!(parts[0].ends_with('Z') && parts[0].len() == 20, "{line}");
            assert!(parts[4].ends_with("ms"), "{line}");
            (
                parts[1].to_owned(),
                parts[2].to_owned(),
                parts[3].to_owned(),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        shapes,
        [
            s("POST", "/session", "201"),
            s("POST", "/v1/payment-sessions", "404"),
            s("GET", "/session", "405"),
        ]
    );
}

#[test]
fn sigterm_and_sigint_stop_the_server_cleanly() {
    for signal in ["TERM", "INT"] {
        let server = Server::start(&[]);
        let url = server.url.clone();
        let stderr = server.stderr.clone();
        let status = server.stop_with(signal);
        assert!(status.success(), "{signal}: {status:?}");
        std::thread::sleep(Duration::from_millis(50));
        let log = stderr.lock().unwrap().clone();
        assert!(
            log.iter().any(|l| l == "checkout-rules serve: stopped"),
            "{log:?}"
        );
        let port = url.rsplit(':').next().unwrap();
        // The port is free again.
        std::net::TcpListener::bind(format!("127.0.0.1:{port}")).unwrap();
    }
}

#[test]
fn a_port_in_use_is_a_usage_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_checkout-rules"))
        .args(["serve", "--port", &port, "--bind", "127.0.0.1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

/// Requests for the load: each dialect's valid and invalid bundled
/// examples, with what each must be answered.
struct Case {
    url: String,
    headers: Vec<(String, String)>,
    body: String,
    /// The exact body an invalid request gets, `None` for a valid one.
    refusal: Option<String>,
    dialect: Dialect,
}

fn load_cases(base: &str) -> Vec<Case> {
    bundled_examples()
        .into_iter()
        // A keyed request would replay: the load measures creating sessions.
        .filter(|(dialect, _, _)| *dialect != Dialect::ORCHESTRATOR)
        .map(|(dialect, file, headers)| {
            let body = std::fs::read_to_string(&file).unwrap();
            let sent = example_headers(&headers);
            let report = dialect.validate(body.as_bytes(), &sent);
            let refusal = (!report.is_valid()).then(|| match dialect.name() {
                "payviox" => report.to_payviox_errors(),
                _ => report.to_json(),
            });
            Case {
                url: format!("{base}{}", path(dialect)),
                headers: sent
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.to_string()))
                    .collect(),
                body,
                refusal,
                dialect,
            }
        })
        .collect()
}

/// `total` requests over `connections` connections, each answer checked:
/// returns the latencies, sorted, and the time it all took.
fn load(total: usize, connections: usize) -> (Vec<Duration>, Duration) {
    let server = Server::start(&[]);
    let cases = Arc::new(load_cases(&server.url));
    let rt = runtime();
    let (mut latencies, took, ids) = rt.block_on(async {
        let start = Instant::now();
        let mut tasks = Vec::new();
        for worker in 0..connections {
            let cases = cases.clone();
            let per = total / connections + usize::from(worker < total % connections);
            tasks.push(tokio::spawn(async move {
                // One client with one connection per worker.
                let client = reqwest::Client::builder()
                    .pool_max_idle_per_host(1)
                    .build()
                    .unwrap();
                let mut latencies = Vec::with_capacity(per);
                let mut ids = Vec::new();
                for i in 0..per {
                    let case = &cases[(worker + i * connections) % cases.len()];
                    let headers: Vec<(&str, &str)> = case
                        .headers
                        .iter()
                        .map(|(n, v)| (n.as_str(), v.as_str()))
                        .collect();
                    let sent = Instant::now();
                    let answer = send(&client, &case.url, &headers, case.body.clone()).await;
                    latencies.push(sent.elapsed());
                    match &case.refusal {
                        Some(refusal) => {
                            assert_eq!(answer.status, 400);
                            assert_eq!(&answer.body, refusal);
                        }
                        None => {
                            let expected = if case.dialect == Dialect::FLUTTERWAVE {
                                200
                            } else {
                                201
                            };
                            assert_eq!(answer.status, expected, "{}", answer.body);
                            let body = answer.json();
                            let id = ["session_id", "id"]
                                .iter()
                                .find_map(|k| body[k].as_str().or(body["data"][k].as_str()))
                                .unwrap()
                                .to_owned();
                            ids.push(id);
                        }
                    }
                }
                (latencies, ids)
            }));
        }
        let mut latencies = Vec::with_capacity(total);
        let mut ids = Vec::new();
        for task in tasks {
            let (l, i) = task.await.unwrap();
            latencies.extend(l);
            ids.extend(i);
        }
        (latencies, start.elapsed(), ids)
    });
    assert_eq!(latencies.len(), total, "requests lost");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "a session id given twice");
    assert!(!ids.is_empty());
    // Every request was logged once (the log is read as it comes).
    let start = Instant::now();
    loop {
        let logged = server
            .log()
            .iter()
            .filter(|l| l.contains(" POST /"))
            .count();
        if logged == total || start.elapsed() > Duration::from_secs(10) {
            assert_eq!(logged, total, "requests logged");
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    latencies.sort();
    (latencies, took)
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

#[test]
fn concurrent_requests_are_each_answered_rightly() {
    let (latencies, took) = load(10_000, 50);
    eprintln!(
        "10000 requests over 50 connections in {took:?}; p50 {:?}, p99 {:?}",
        percentile(&latencies, 50),
        percentile(&latencies, 99)
    );
}

/// The figures in docs/performance.md ("Servers"):
/// `cargo test --release -p checkout-rules-cli --test serve -- --ignored --nocapture`
#[test]
#[ignore = "a measurement: run by hand in a release build"]
fn measure_throughput_and_latency() {
    let total: usize = std::env::var("SERVE_LOAD_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let (latencies, took) = load(total, 50);
    let micros = took.as_micros().max(1);
    let per_second = u128::try_from(total).unwrap() * 1_000_000 / micros;
    println!(
        "{total} requests over 50 connections in {took:?}: {per_second} requests/s; \
         p50 {:?}, p90 {:?}, p99 {:?}, max {:?}",
        percentile(&latencies, 50),
        percentile(&latencies, 90),
        percentile(&latencies, 99),
        latencies[latencies.len() - 1],
    );
}
