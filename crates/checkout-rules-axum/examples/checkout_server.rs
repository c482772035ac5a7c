//! A merchant's backend that validates checkout requests before they go to
//! the provider: Payviox sessions on `POST /session` (the dialect chosen at
//! run time) and Nairopay sessions on `POST /v1/payment-sessions` (typed).
//!
//! ```sh
//! cargo run -p checkout-rules-axum --example checkout_server -- 127.0.0.1:3000
//! curl -i localhost:3000/session -H 'Content-Type: application/json' \
//!   --data-binary @examples/payviox/invalid-several-problems.json
//! ```

use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use checkout_rules::Dialect;
use checkout_rules::body::Nairopay;
use checkout_rules_axum::{Checkout, CheckoutConfig, ValidatedCheckout};

/// A valid request: here it would be forwarded to the provider as it came
/// (`checkout.body`); this answers with what was understood.
async fn create_session(checkout: ValidatedCheckout) -> (StatusCode, String) {
    let amount = checkout.session.amount;
    let reference = checkout
        .session
        .merchant_reference
        .as_deref()
        .unwrap_or("-");
    let answer = format!(
        "{} session for {reference}: {} {} ({} minor units)\n",
        checkout.dialect,
        amount.currency(),
        amount.to_major_string(),
        amount.minor()
    );
    (StatusCode::CREATED, answer)
}

async fn create_nairopay_session(checkout: Checkout<Nairopay>) -> (StatusCode, String) {
    let answer = format!(
        "nairopay session for {}: {} minor units\n",
        checkout.body.reference, checkout.body.amount
    );
    (StatusCode::CREATED, answer)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let dialect = Dialect::PAYVIOX;
    let app = Router::new()
        .route(
            "/session",
            post(create_session).with_state(CheckoutConfig::new(dialect)),
        )
        .route("/v1/payment-sessions", post(create_nairopay_session));
    let listener = tokio::net::TcpListener::bind(&address).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
