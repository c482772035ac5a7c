//! What every fuzz target checks, besides not crashing.

use checkout_rules::{Dialect, Report};

/// Headers the validate targets send: a public key and an idempotency key,
/// so the header rules and the rules that depend on headers run too.
pub const HEADERS: &[(&str, &str)] = &[
    ("Authorization", "Bearer pk_live_fuzz"),
    ("Idempotency-Key", "fuzz-idempotency-key-1"),
];

/// Validates `data` and checks the report's invariants: it renders as JSON,
/// it is valid exactly when it has a canonical session, and that session,
/// written back in the same dialect, is accepted and reads back the same.
pub fn validate(dialect: Dialect, data: &[u8]) -> Report<'_> {
    let report = dialect.validate(data, HEADERS);
    let json = report.to_json();
    assert!(
        serde_json::from_str::<serde_json::Value>(&json).is_ok(),
        "{json}"
    );
    let _ = report.to_text("fuzz");
    let _ = report.to_payviox_errors();
    assert_eq!(report.is_valid(), report.normalized().is_some());
    if let Some(session) = report.normalized() {
        let written = dialect.encode(session);
        assert!(written.is_ok(), "{:?}", written.violations);
        let body = written.body_json().expect("a converted body");
        let headers: Vec<(&str, &str)> = written
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let again = dialect.validate(body.as_bytes(), &headers);
        assert_eq!(again.normalized(), Some(session), "{body}");
    }
    report
}
