//! Each provider's create-session endpoint, imitated: validated as the
//! library validates, refused as the provider documents, answered as its
//! document's example answers.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use checkout_rules::Violation;
use checkout_rules::json::{Limits, Object, Value};
use checkout_rules::{Code, Dialect, Report};
use checkout_rules_axum::{CheckoutConfig, ValidatedCheckout};
use sha2::{Digest as _, Sha256};

/// How many idempotency keys are remembered; past that the oldest is
/// forgotten first. Each holds a fingerprint and a response of a few
/// hundred bytes, so the store stays within a few megabytes.
pub const IDEMPOTENCY_KEYS: usize = 10_000;

/// The path of `dialect`'s create-session endpoint: the one its document
/// gives, or `/<dialect>/sessions` for a dialect whose document gives none.
pub fn path(dialect: Dialect) -> String {
    match dialect.spec().endpoint {
        "" => format!("/{dialect}/sessions"),
        documented => String::from(documented),
    }
}

/// The header that makes `dialect`'s request idempotent, where its
/// document names one.
fn idempotency_header(dialect: Dialect) -> Option<&'static str> {
    if dialect == Dialect::ORCHESTRATOR {
        Some("Idempotency-Key")
    } else if dialect == Dialect::FLUTTERWAVE {
        Some("X-Idempotency-Key")
    } else {
        None
    }
}

/// The status of a created session: Payviox documents 201, Flutterwave's
/// response is "OK" (200); the others document none, and 201 Created is
/// what creating a resource answers.
fn created_status(dialect: Dialect) -> StatusCode {
    if dialect == Dialect::FLUTTERWAVE {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    }
}

/// What every endpoint shares.
#[derive(Debug)]
struct Shared {
    /// `http://host:port`, for checkout URLs.
    base: String,
    replays: Mutex<Replays>,
}

#[derive(Clone, Debug)]
struct Endpoint {
    dialect: Dialect,
    shared: Arc<Shared>,
}

/// The mock's router: each of `dialects` at its documented path.
pub fn router(dialects: &[Dialect], base: String) -> Router {
    let shared = Arc::new(Shared {
        base,
        replays: Mutex::new(Replays::new(IDEMPOTENCY_KEYS)),
    });
    let mut app = Router::new();
    for &dialect in dialects {
        let endpoint = Endpoint {
            dialect,
            shared: shared.clone(),
        };
        app = app.route(&path(dialect), post(create).with_state(endpoint));
    }
    let served: Vec<String> = dialects
        .iter()
        .map(|d| format!("POST {} ({d})", path(*d)))
        .collect();
    let served = served.join("\n");
    let text = format!("no such endpoint; this mock serves:\n{served}\n");
    app.fallback(move || {
        let text = text.clone();
        async move { (StatusCode::NOT_FOUND, text) }
    })
}

async fn create(State(endpoint): State<Endpoint>, request: Request) -> Response {
    let dialect = endpoint.dialect;
    if let Some(refused) = unauthorized(dialect, request.headers()) {
        return refused;
    }
    let (credentials, key) = {
        let headers = request.headers();
        let text = |name: &str| Some(headers.get(name)?.to_str().ok()?.to_owned());
        let key = idempotency_header(dialect).and_then(text);
        (text("authorization").unwrap_or_default(), key)
    };
    let checkout = match ValidatedCheckout::read(request, &CheckoutConfig::new(dialect)).await {
        Ok(checkout) => checkout,
        Err(rejection) => return rejection.into_response(),
    };
    let base = &endpoint.shared.base;
    let Some(key) = key else {
        return match created(dialect, &checkout.body, base) {
            Some(answer) => answer.into_response(),
            None => broken(),
        };
    };
    // The key is the client's, so it counts per credentials as well as
    // per endpoint. Checked and stored under one lock, so two requests
    // with one key cannot both create a session.
    let scope = (dialect, credentials, key);
    let fingerprint: [u8; 32] = Sha256::digest(&checkout.body).into();
    let mut replays = match endpoint.shared.replays.lock() {
        Ok(replays) => replays,
        Err(poisoned) => poisoned.into_inner(),
    };
    match replays.get(&scope) {
        Some(stored) if stored.fingerprint == fingerprint => {
            let mut response = stored.answer.clone().into_response();
            response
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            response
        }
        Some(_) => key_reused(idempotency_header(dialect).unwrap_or("Idempotency-Key")),
        None => match created(dialect, &checkout.body, base) {
            Some(answer) => {
                replays.insert(
                    scope,
                    Stored {
                        fingerprint,
                        answer: answer.clone(),
                    },
                );
                answer.into_response()
            }
            None => broken(),
        },
    }
}

/// The 401 for a request without credentials, or with an `Authorization` the
/// library refuses (Payviox: "Returned when the API key is missing or
/// invalid", payviox.txt line 619; every document requires the header).
/// Checked first, as a provider authenticates before it reads a body.
fn unauthorized(dialect: Dialect, headers: &HeaderMap) -> Option<Response> {
    let mut given = headers.get_all(header::AUTHORIZATION).iter();
    let refused = match (given.next(), given.next()) {
        (None, _) => Violation::header(
            "Authorization",
            Code::Required,
            "The Authorization header is required.",
        ),
        // Given twice, or not text: the library's rules say so, with the rest.
        (Some(_), Some(_)) => return None,
        (Some(value), None) => dialect
            .check_header("Authorization", value.to_str().ok()?)
            .err()?,
    };
    let body = if dialect == Dialect::PAYVIOX {
        // payviox.txt line 570
        String::from(r#"{"error":"Unauthorized"}"#)
    } else {
        Report::refusing(vec![refused]).to_json()
    };
    Some(
        (
            StatusCode::UNAUTHORIZED,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                ),
                // RFC 6750, section 3.
                (header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")),
            ],
            body,
        )
            .into_response(),
    )
}

/// A key sent again with another body: the IETF Idempotency-Key draft's
/// 422, with an RFC 9457 problem body.
fn key_reused(name: &str) -> Response {
    let mut problem = Object::default();
    let text = |s: String| Value::string(s);
    problem.set(
        "type",
        text(
            "https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-idempotency-key-header-06#section-2.7"
                .into(),
        ),
    );
    problem.set("title", text(format!("{name} is already used")));
    problem.set("status", Value::from(422u64));
    problem.set(
        "detail",
        text(format!(
            "This operation is idempotent and it requires correct usage of {name}: \
             a key sent again must come with the same body. Use a new key for a new request."
        )),
    );
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        [(header::CONTENT_TYPE, "application/problem+json")],
        write(&problem),
    )
        .into_response()
}

fn broken() -> Response {
    let message = "the session could not be created; please report this as a bug";
    (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
}

/// A created session's answer, kept to replay.
#[derive(Clone, Debug)]
struct Answer {
    status: StatusCode,
    body: String,
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let json = [(header::CONTENT_TYPE, "application/json")];
        (self.status, json, self.body).into_response()
    }
}

/// The answer for a valid request, shaped like the document's example:
/// a new session id, a checkout URL on this server, and the values the
/// example echoes exactly as the request wrote them. `None` when no
/// randomness can be had or the body cannot be read again.
fn created(dialect: Dialect, body: &[u8], base: &str) -> Option<Answer> {
    let document = checkout_rules::json::parse(body, &Limits::default()).ok()?;
    let request = document.root.as_object()?;
    let id = random_hex()?;
    let text = |s: String| Value::string(s);
    let url = |id: &str| text(format!("{base}/checkout/{dialect}/{id}"));
    let mut out = Object::default();
    if dialect == Dialect::NAIROPAY {
        // nairopay.txt lines 66–72
        let id = format!("sess_{}", &id[..24]);
        out.set("status", text("success".into()));
        out.set("checkout_url", url(&id));
        out.set("session_id", text(id));
        reorder(&mut out, &["status", "session_id", "checkout_url"]);
    } else if dialect == Dialect::KIOTAPAY {
        // kiotapay.txt lines 30–34, 46, 50 and 56: id, checkoutUrl, checkoutRef,
        // status (PENDING at first).
        let reference = format!("CHK-{}", id[24..].to_ascii_uppercase());
        let id = format!("cs_{}", &id[..24]);
        out.set("checkoutUrl", url(&id));
        out.set("id", text(id));
        out.set("checkoutRef", text(reference));
        out.set("status", text("PENDING".into()));
        reorder(&mut out, &["id", "checkoutUrl", "checkoutRef", "status"]);
    } else if dialect == Dialect::PAYVIOX {
        // payviox.txt line 535: the standard response.
        out.set("session_id", text(id));
    } else if dialect == Dialect::ORCHESTRATOR {
        // orchestrator.txt lines 64–74.
        let now = SystemTime::now();
        let session = uuid_v4(&id);
        out.set("checkoutUrl", url(&session));
        out.set("sessionId", text(session));
        out.set("status", text("PENDING".into()));
        let mut routing = Object::default();
        routing.set("selectedProvider", text("checkout-rules-mock".into()));
        routing.set("score", Value::from(100u64));
        out.set("routing", Value::from(routing));
        // The example's session expires an hour after it is created.
        out.set(
            "expiresAt",
            text(timestamp(now + Duration::from_secs(3600))),
        );
        out.set("createdAt", text(timestamp(now)));
        reorder(
            &mut out,
            &[
                "sessionId",
                "checkoutUrl",
                "status",
                "routing",
                "expiresAt",
                "createdAt",
            ],
        );
    } else if dialect == Dialect::FLUTTERWAVE {
        // flutterwave.txt lines 23–38: the request's values echoed in
        // `data`, `max_retry_attempts` with its documented default of 3.
        let id = format!("cs_{}", &id[..24]);
        let mut data = Object::default();
        let echo = |data: &mut Object<'static>, key: &str| {
            if let Some(value) = request.get(key) {
                data.set(String::from(key), value.to_static());
            }
        };
        data.set("id", text(id.clone()));
        echo(&mut data, "amount");
        echo(&mut data, "currency");
        echo(&mut data, "customer_id");
        data.set("checkout_url", url(&id));
        echo(&mut data, "redirect_url");
        echo(&mut data, "reference");
        data.set("created_datetime", text(timestamp(SystemTime::now())));
        data.set("max_retry_attempts", Value::from(3u64));
        echo(&mut data, "max_retry_attempts");
        echo(&mut data, "session_duration");
        out.set("status", text("success".into()));
        out.set("message", text("Checkout session created".into()));
        out.set("data", Value::from(data));
    } else {
        // A dialect whose document shows no response: its new session's
        // id and checkout URL.
        out.set("checkout_url", url(&id));
        out.set("session_id", text(id));
    }
    Some(Answer {
        status: created_status(dialect),
        body: write(&out),
    })
}

/// Puts `order`'s members first, in that order, as the document's example
/// lists them.
fn reorder(object: &mut Object<'static>, order: &[&str]) {
    let mut sorted = Object::default();
    for key in order {
        if let Some(value) = object.remove(key) {
            sorted.set(String::from(*key), value);
        }
    }
    for (key, value) in object.iter() {
        sorted.set(String::from(key), value.clone());
    }
    *object = sorted;
}

fn write(object: &Object<'_>) -> String {
    checkout_rules::json::to_string(object).unwrap_or_default()
}

/// 128 random bits as 32 lower-case hex digits, from the operating system.
fn random_hex() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// 32 hex digits as an RFC 9562 version 4 UUID: version nibble 4, variant
/// bits 10.
fn uuid_v4(hex: &str) -> String {
    let mut digits: Vec<u8> = hex.bytes().collect();
    digits[12] = b'4';
    let variant = (u8::from_str_radix(&hex[16..17], 16).unwrap_or(0) & 0x3) | 0x8;
    digits[16] = b"0123456789abcdef"[usize::from(variant)];
    let d = String::from_utf8(digits).unwrap_or_default();
    format!(
        "{}-{}-{}-{}-{}",
        &d[..8],
        &d[8..12],
        &d[12..16],
        &d[16..20],
        &d[20..32]
    )
}

/// RFC 3339 in UTC to the second, as the documents' examples write times.
pub fn timestamp(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

type Scope = (Dialect, String, String);

#[derive(Debug)]
struct Stored {
    fingerprint: [u8; 32],
    answer: Answer,
}

/// Idempotency keys and what they answered, at most `cap`, the oldest
/// forgotten first.
#[derive(Debug)]
struct Replays {
    cap: usize,
    stored: HashMap<Scope, Stored>,
    order: VecDeque<Scope>,
}

impl Replays {
    fn new(cap: usize) -> Replays {
        Replays {
            cap,
            stored: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    fn get(&self, scope: &Scope) -> Option<&Stored> {
        self.stored.get(scope)
    }

    fn insert(&mut self, scope: Scope, stored: Stored) {
        while self.order.len() >= self.cap {
            match self.order.pop_front() {
                Some(oldest) => self.stored.remove(&oldest),
                None => break,
            };
        }
        self.order.push_back(scope.clone());
        self.stored.insert(scope, stored);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(n: u8) -> Stored {
        Stored {
            fingerprint: [n; 32],
            answer: Answer {
                status: StatusCode::CREATED,
                body: n.to_string(),
            },
        }
    }

    fn scope(key: &str) -> Scope {
        (Dialect::ORCHESTRATOR, String::new(), key.to_owned())
    }

    #[test]
    fn replays_forget_the_oldest_key_past_their_cap() {
        let mut replays = Replays::new(3);
        for (n, key) in ["a", "b", "c", "d"].iter().enumerate() {
            replays.insert(scope(key), stored(u8::try_from(n).unwrap()));
        }
        assert!(replays.get(&scope("a")).is_none());
        for key in ["b", "c", "d"] {
            assert!(replays.get(&scope(key)).is_some(), "{key}");
        }
        assert_eq!(replays.stored.len(), 3);
        assert_eq!(replays.order.len(), 3);
        assert_eq!(replays.get(&scope("d")).unwrap().answer.body, "3");
    }

    #[test]
    fn uuids_have_version_4_and_the_rfc_variant() {
        for hex in [
            "00000000000000000000000000000000",
            "ffffffffffffffffffffffffffffffff",
            "0123456789abcdef0123456789abcdef",
        ] {
            let uuid = uuid_v4(hex);
            assert_eq!(uuid.len(), 36, "{uuid}");
            let groups: Vec<&str> = uuid.split('-').collect();
            assert_eq!(
                groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(groups[2].starts_with('4'), "{uuid}");
            assert!("89ab".contains(&groups[3][..1]), "{uuid}");
            // Every other digit is the random one.
            assert_eq!(uuid.replace('-', "")[..12], hex[..12]);
            assert_eq!(uuid.replace('-', "")[17..], hex[17..]);
        }
    }

    #[test]
    fn timestamps_are_rfc_3339_utc_seconds() {
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_705_316_400);
        assert_eq!(timestamp(time), "2024-01-15T11:00:00Z");
    }
}
