//! [axum] extractors for payment providers' "create checkout session"
//! requests, validated with [`checkout_rules`] and refused in the
//! provider's own error format.
//!
//! A handler that takes a [`ValidatedCheckout`] (the dialect chosen at run
//! time) or a [`Checkout<B>`] (the dialect named by a typed body of
//! [`checkout_rules::body`]) runs only for a request the dialect's rules
//! accept, and gets the owned normalised session and the report. Any other
//! request is answered by [`CheckoutRejection`], as the provider answers:
//!
//! | the request | status | body |
//! |---|---|---|
//! | no `Content-Type`, or one the library's Content-Type rule refuses | 415 | the violation |
//! | a body over [`Limits::max_bytes`] (by `Content-Length`, or once that many bytes have come) | 413 | the violation |
//! | a body or headers the dialect's rules refuse (malformed JSON and excessive depth included) | 400 | every violation |
//!
//! The body is Payviox's documented 400 shape, `{"field": ["message", …]}`
//! ([`Report::to_payviox_errors`]), for Payviox, and the library's JSON
//! report (`{"valid": false, "errors": […]}`, [`Report::to_json`]) for the
//! others, whose documents give no error body; no provider document gives
//! 422. Every answer is `Content-Type: application/json`.
//!
//! The checks run in that order, each before anything later is read: a
//! request in another media type is refused before its body is read, and
//! an oversized body before more than the limit is stored. A `Content-Type`
//! the library's rule accepts (`application/json`, any case, parameters,
//! `charset=utf-8` only) goes on to the dialect's rules, which judge every
//! header again with the body (a repeated one is `duplicate_header`). The
//! library accepts a request without `Content-Type` (a body is often
//! judged before an HTTP client adds one); an HTTP endpoint cannot, as
//! every provider's document lists the header, so here a missing one is a
//! 415 too.
//!
//! # Example
//!
//! ```
//! use axum::{Router, routing::post, http::StatusCode};
//! use checkout_rules::Dialect;
//! use checkout_rules_axum::{CheckoutConfig, ValidatedCheckout};
//!
//! async fn create_session(checkout: ValidatedCheckout) -> (StatusCode, String) {
//!     let amount = checkout.session.amount;
//!     let reference = checkout.session.merchant_reference.as_deref().unwrap_or("");
//!     (StatusCode::CREATED, format!("{} {} for {reference}", amount.currency(), amount.to_major_string()))
//! }
//!
//! let app: Router = Router::new()
//!     .route("/session", post(create_session).with_state(CheckoutConfig::new(Dialect::PAYVIOX)));
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! # use tower::ServiceExt as _;
//! # let request = |body: &'static str| {
//! #     axum::http::Request::post("/session")
//! #         .header("Content-Type", "application/json")
//! #         .header("Authorization", "Bearer sk_test_1")
//! #         .body(axum::body::Body::from(body))
//! #         .unwrap()
//! # };
//! # let read = |response: axum::response::Response| async move {
//! #     let status = response.status();
//! #     let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
//! #     (status, String::from_utf8(body.to_vec()).unwrap())
//! # };
//!
//! // A valid request reaches the handler.
//! let valid = r#"{"amount": 10000, "currency": "USD", "customer": "c_1", "order_id": "o_1",
//!     "items": [{"name": "Plan", "quantity": 1, "price": 10000}]}"#;
//! let response = app.clone().oneshot(request(valid)).await.unwrap();
//! assert_eq!(read(response).await, (StatusCode::CREATED, "USD 100.00 for o_1".to_string()));
//!
//! // An invalid one gets Payviox's own 400 body.
//! let invalid = r#"{"amount": 10000, "currency": "USD", "customer": "c_1", "order_id": "o_1",
//!     "items": [{"name": "Plan", "quantity": 1, "price": 9000}]}"#;
//! let response = app.oneshot(request(invalid)).await.unwrap();
//! assert_eq!(
//!     read(response).await,
//!     (StatusCode::BAD_REQUEST,
//!      r#"{"amount":["`amount` is 10000 but its parts add up to 9000; send the exact sum"]}"#.to_string())
//! );
//! # });
//! ```
//!
//! # Answering otherwise
//!
//! As with axum's own extractors (and `axum-valid`'s), a handler that
//! answers refused requests itself takes `Result<ValidatedCheckout,
//! CheckoutRejection>`, and a server that answers them all in its own
//! format wraps the extractor in `axum_extra`'s `WithRejection<ValidatedCheckout,
//! MyError>` with `impl From<CheckoutRejection> for MyError`. The rejection
//! gives its parts to build that answer from: [`CheckoutRejection::status`],
//! [`CheckoutRejection::report`] (every violation), and
//! [`CheckoutRejection::body`] (the provider's body).
//!
//! ```
//! use axum::{http::{StatusCode, header}, response::{IntoResponse, Response}};
//! use checkout_rules_axum::{CheckoutRejection, ValidatedCheckout};
//!
//! /// Every refusal as `{"problems": ["/amount: below_minimum", …]}`.
//! struct MyError(CheckoutRejection);
//!
//! impl From<CheckoutRejection> for MyError {
//!     fn from(rejection: CheckoutRejection) -> MyError {
//!         MyError(rejection)
//!     }
//! }
//!
//! impl IntoResponse for MyError {
//!     fn into_response(self) -> Response {
//!         let problems: Vec<String> = self.0.report().violations().iter()
//!             .map(|v| format!("{}: {}", v.path, v.code))
//!             .collect();
//!         let body = serde_json::json!({ "problems": problems }).to_string();
//!         (self.0.status(), [(header::CONTENT_TYPE, "application/json")], body).into_response()
//!     }
//! }
//!
//! async fn create_session(
//!     axum_extra::extract::WithRejection(checkout, _): axum_extra::extract::WithRejection<ValidatedCheckout, MyError>,
//! ) -> StatusCode {
//!     StatusCode::CREATED
//! }
//! # let _: axum::routing::MethodRouter = axum::routing::post(create_session).with_state(checkout_rules_axum::CheckoutConfig::new(checkout_rules::Dialect::NAIROPAY));
//! ```
//!
//! [axum]: https://docs.rs/axum
//! [`Limits::max_bytes`]: checkout_rules::json::Limits::max_bytes
//! [`Report::to_payviox_errors`]: checkout_rules::Report::to_payviox_errors
//! [`Report::to_json`]: checkout_rules::Report::to_json

use core::fmt;
use core::pin::Pin;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use checkout_rules::body::TypedBody;
use checkout_rules::{CheckoutSession, Code, Dialect, Options, Report, Violation};

/// Which dialect an extractor validates with, and how.
///
/// [`ValidatedCheckout`] takes it from the router's state (through
/// [`FromRef`]), so a route's dialect is set where the route is, at run
/// time, and cannot be forgotten:
///
/// ```
/// use axum::{Router, routing::post};
/// use checkout_rules::Dialect;
/// use checkout_rules_axum::{CheckoutConfig, ValidatedCheckout};
///
/// async fn handler(_: ValidatedCheckout) {}
///
/// let dialect: Dialect = "flutterwave".parse().unwrap();
/// let app: Router = Router::new()
///     .route("/checkout/sessions", post(handler).with_state(CheckoutConfig::new(dialect)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckoutConfig {
    /// The provider's dialect.
    pub dialect: Dialect,
    /// The limits and policies to validate with.
    pub options: Options,
}

impl CheckoutConfig {
    /// `dialect` with the library's default [`Options`] (1 MiB bodies,
    /// depth 32).
    pub fn new(dialect: Dialect) -> CheckoutConfig {
        CheckoutConfig {
            dialect,
            options: Options::default(),
        }
    }

    /// The same dialect with other options (a larger body limit, say).
    pub fn with_options(self, options: Options) -> CheckoutConfig {
        CheckoutConfig { options, ..self }
    }
}

/// A request the dialect's rules accept: the dialect, the normalised
/// session, the report, and the body as it came.
///
/// Its configuration comes from the state ([`CheckoutConfig`]); a handler
/// with other state implements `FromRef<AppState> for CheckoutConfig`. As
/// it reads the body, it is the handler's last argument.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ValidatedCheckout {
    /// The dialect it was validated with.
    pub dialect: Dialect,
    /// The request in canonical form, owning its text.
    pub session: CheckoutSession<'static>,
    /// The verdict: no violations, and the session.
    pub report: Report<'static>,
    /// The body's bytes, exactly as received (to forward, or to read a
    /// value as it was written).
    pub body: Bytes,
}

impl ValidatedCheckout {
    /// Reads and validates a request with `config`: what the extractor
    /// does, for a handler (or a middleware) that picks the dialect itself.
    pub async fn read(
        request: Request,
        config: &CheckoutConfig,
    ) -> Result<ValidatedCheckout, CheckoutRejection> {
        let (parts, body) = request.into_parts();
        let refuse =
            |status, violations| CheckoutRejection::new(config.dialect, status, violations);
        check_content_type(config.dialect, &parts.headers)
            .map_err(|v| refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, v))?;
        let bytes = read_body(body, &parts.headers, config.options.limits.max_bytes)
            .await
            .map_err(|(status, v)| refuse(status, vec![v]))?;
        let (headers, mut unreadable) = header_pairs(&parts.headers, config.dialect);
        let report = config
            .dialect
            .validate_with(&bytes, &headers, &config.options)
            .into_owned();
        if !unreadable.is_empty() {
            unreadable.extend(report.into_violations());
            return Err(refuse(StatusCode::BAD_REQUEST, unreadable));
        }
        match report.normalized().cloned() {
            Some(session) => Ok(ValidatedCheckout {
                dialect: config.dialect,
                session,
                report,
                body: bytes,
            }),
            None => Err(refuse(StatusCode::BAD_REQUEST, report.into_violations())),
        }
    }
}

impl<S> FromRequest<S> for ValidatedCheckout
where
    S: Send + Sync,
    CheckoutConfig: FromRef<S>,
{
    type Rejection = CheckoutRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        ValidatedCheckout::read(request, &CheckoutConfig::from_ref(state)).await
    }
}

/// A request of the dialect of the typed body `B`
/// ([`checkout_rules::body`]), accepted by its rules: the body as `B`, the
/// session and the report.
///
/// It needs no state. Validation uses the [`Options`] a layer put in the
/// request's extensions (`Extension(options)`), or the default ones.
///
/// ```
/// use axum::{Router, routing::post};
/// use checkout_rules::body::Nairopay;
/// use checkout_rules_axum::Checkout;
///
/// async fn create_session(checkout: Checkout<Nairopay>) -> String {
///     format!("{} minor units for {}", checkout.body.amount, checkout.body.reference)
/// }
///
/// let app: Router = Router::new().route("/v1/payment-sessions", post(create_session));
/// ```
#[non_exhaustive]
pub struct Checkout<B> {
    /// The body, read as its type.
    pub body: B,
    /// The request in canonical form, owning its text.
    pub session: CheckoutSession<'static>,
    /// The verdict: no violations, and the session.
    pub report: Report<'static>,
}

impl<B: fmt::Debug> fmt::Debug for Checkout<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checkout")
            .field("body", &self.body)
            .field("session", &self.session)
            .field("report", &self.report)
            .finish()
    }
}

impl<S, B> FromRequest<S> for Checkout<B>
where
    S: Send + Sync,
    B: TypedBody + serde::de::DeserializeOwned + Send,
{
    type Rejection = CheckoutRejection;

    async fn from_request(request: Request, _: &S) -> Result<Self, Self::Rejection> {
        let options = request
            .extensions()
            .get::<Options>()
            .copied()
            .unwrap_or_default();
        let config = CheckoutConfig::new(B::DIALECT).with_options(options);
        let checkout = ValidatedCheckout::read(request, &config).await?;
        // Read again as the type: a report keeps no document, and reading
        // is a small part of judging.
        let body = checkout_rules::json::parse(&checkout.body, &options.limits)
            .map_err(|e| Violation::from(e).message)
            .and_then(|document| {
                checkout_rules::json::from_value::<B>(document.root).map_err(|e| e.to_string())
            });
        match body {
            Ok(body) => Ok(Checkout {
                body,
                session: checkout.session,
                report: checkout.report,
            }),
            // A valid body its type cannot hold: the two disagree.
            Err(e) => Err(CheckoutRejection::new(
                B::DIALECT,
                StatusCode::INTERNAL_SERVER_ERROR,
                vec![Violation::body(
                    "",
                    Code::Internal,
                    format!(
                        "the request is valid but could not be read as its typed body ({e}); \
                         please report this as a bug"
                    ),
                )],
            )),
        }
    }
}

/// Why a request was refused, answered as its provider answers: the
/// status, and every violation in the provider's error format.
///
/// ```
/// use axum::{http::StatusCode, response::IntoResponse};
/// use checkout_rules::{Code, Dialect, Violation};
/// use checkout_rules_axum::CheckoutRejection;
///
/// let missing = Violation::body("/amount", Code::Required, "The amount field is required.");
/// let rejection = CheckoutRejection::new(Dialect::PAYVIOX, StatusCode::BAD_REQUEST, vec![missing]);
/// assert_eq!(rejection.body(), r#"{"amount":["The amount field is required."]}"#);
/// let response = rejection.into_response();
/// assert_eq!(response.status(), StatusCode::BAD_REQUEST);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CheckoutRejection {
    dialect: Dialect,
    status: StatusCode,
    report: Report<'static>,
}

impl CheckoutRejection {
    /// A refusal with `status` and `violations`, answered in `dialect`'s
    /// format.
    pub fn new(dialect: Dialect, status: StatusCode, violations: Vec<Violation>) -> Self {
        CheckoutRejection {
            dialect,
            status,
            report: Report::refusing(violations),
        }
    }

    /// The dialect whose format the answer is in.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// 415, 413 or 400 (see the [crate] documentation); 500 only if a
    /// body the rules accept cannot be read as its typed body, a bug.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every violation found.
    pub fn report(&self) -> &Report<'static> {
        &self.report
    }

    /// The report, to keep.
    pub fn into_report(self) -> Report<'static> {
        self.report
    }

    /// The answer's body: Payviox's `{"field": ["message", …]}` for
    /// Payviox, the library's JSON report for the others.
    pub fn body(&self) -> String {
        if self.dialect == Dialect::PAYVIOX {
            self.report.to_payviox_errors()
        } else {
            self.report.to_json()
        }
    }
}

impl fmt::Display for CheckoutRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} request refused ({}):",
            self.dialect,
            self.status.as_u16()
        )?;
        for v in self.report.violations() {
            let place = if v.path.is_empty() { "body" } else { &v.path };
            write!(f, " {place}: {} [{}];", v.message, v.code)?;
        }
        Ok(())
    }
}

impl std::error::Error for CheckoutRejection {}

impl IntoResponse for CheckoutRejection {
    fn into_response(self) -> Response {
        let json = HeaderValue::from_static("application/json");
        let mut response =
            (self.status, [(header::CONTENT_TYPE, json)], self.body()).into_response();
        // The rest of an oversized body is never read, so the connection
        // cannot carry another request.
        if self.status == StatusCode::PAYLOAD_TOO_LARGE {
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

/// `Content-Type` as the dialect's rule judges it; a request without one
/// is refused too, as no provider takes a body in another type.
fn check_content_type(dialect: Dialect, headers: &HeaderMap) -> Result<(), Vec<Violation>> {
    let mut given = headers.get_all(header::CONTENT_TYPE).iter().peekable();
    if given.peek().is_none() {
        return Err(vec![Violation::header(
            "Content-Type",
            Code::Required,
            "the `Content-Type` header is missing; send the body as `application/json`",
        )]);
    }
    let refused: Vec<Violation> = given
        .filter_map(|value| match core::str::from_utf8(value.as_bytes()) {
            Ok(text) => dialect.check_header("Content-Type", text).err(),
            Err(_) => Some(not_utf8("Content-Type")),
        })
        .collect();
    if refused.is_empty() {
        Ok(())
    } else {
        Err(refused)
    }
}

/// The body, refused with 413 once it is over `max_bytes`: by its
/// `Content-Length` before any of it is read, or as soon as more than
/// `max_bytes` have come.
async fn read_body(
    mut body: Body,
    headers: &HeaderMap,
    max_bytes: usize,
) -> Result<Bytes, (StatusCode, Violation)> {
    let limits = checkout_rules::json::Limits::default().with_max_bytes(max_bytes);
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(length) = declared {
        let length = usize::try_from(length).unwrap_or(usize::MAX);
        limits
            .check_size(length)
            .map_err(|e| (StatusCode::PAYLOAD_TOO_LARGE, Violation::from(e)))?;
    }
    let mut read = Vec::with_capacity(declared.map_or(0, |n| usize::try_from(n).unwrap_or(0)));
    while let Some(frame) = core::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|e| {
            let message = format!("the body could not be read: {e}");
            (
                StatusCode::BAD_REQUEST,
                Violation::body("", Code::MalformedJson, message),
            )
        })?;
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        if read.len().saturating_add(data.len()) > max_bytes {
            let message =
                format!("the body is more than {max_bytes} bytes; the limit is {max_bytes} bytes");
            return Err((
                StatusCode::PAYLOAD_TOO_LARGE,
                Violation::body("", Code::BodyTooLarge, message).with("max", max_bytes),
            ));
        }
        read.extend_from_slice(&data);
    }
    Ok(Bytes::from(read))
}

/// The headers as the library takes them, `(name, value)` in the order
/// received. A value that is not UTF-8 text cannot be judged: for a
/// header the dialect reads it is a violation; any other is left out, as
/// no rule reads it.
fn header_pairs(headers: &HeaderMap, dialect: Dialect) -> (Vec<(&str, &str)>, Vec<Violation>) {
    let mut pairs = Vec::with_capacity(headers.len());
    let mut violations = Vec::new();
    for (name, value) in headers {
        match core::str::from_utf8(value.as_bytes()) {
            Ok(text) => pairs.push((name.as_str(), text)),
            Err(_) => {
                let read = dialect
                    .spec()
                    .headers
                    .iter()
                    .find(|h| h.name.eq_ignore_ascii_case(name.as_str()));
                if let Some(spec) = read {
                    violations.push(not_utf8(spec.name));
                }
            }
        }
    }
    (pairs, violations)
}

fn not_utf8(name: &str) -> Violation {
    Violation::header(
        name,
        Code::InvalidHeaderValue,
        format!("the `{name}` header's value is not UTF-8 text; send it in ASCII"),
    )
}
