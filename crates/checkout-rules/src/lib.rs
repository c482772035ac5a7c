//! The rules of payment providers' "create checkout session" requests.
//!
//! `checkout-rules` checks a request against a provider's documented rules,
//! reports every problem at once with a precise location, and rewrites a
//! valid request into one exact, provider-neutral form.
//!
//! ```
//! use checkout_rules::Dialect;
//!
//! let body = br#"{
//!     "amount": 10000,
//!     "currency": "USD",
//!     "customer": "customer_abc123",
//!     "order_id": "order_12345",
//!     "items": [{"name": "Premium Plan", "quantity": 1, "price": 9000}]
//! }"#;
//! let report = Dialect::PAYVIOX.validate(body, &[("Authorization", "Bearer pk_live_x")]);
//! assert!(!report.is_valid());
//! let mismatch = &report.violations()[0];
//! assert_eq!(mismatch.path, "/amount");
//! assert_eq!(mismatch.code.as_str(), "amount_mismatch");
//! assert_eq!(
//!     report.to_json(),
//!     r#"{"valid":false,"errors":[{"in":"body","path":"/amount","code":"amount_mismatch","message":"`amount` is 10000 but its parts add up to 9000; send the exact sum","expected":9000,"actual":10000}]}"#
//! );
//! ```
//!
//! # Principles
//!
//! - **Money is exact.** Amounts are integer minor units of a currency
//!   ([`Money`]); decimal text converts exactly, digit by digit, never
//!   through a float (with the `rust_decimal` feature, `Money::to_decimal`
//!   gives a `rust_decimal::Decimal`). Too many decimals, a value beyond
//!   ±(2^53 − 1) minor units or an overflow is a violation, never a
//!   rounding.
//! - **Every problem at once**, each with a JSON pointer, a stable code and
//!   the numbers that explain it ([`report`]).
//! - **Strict JSON** ([`json`]): duplicate keys, lone surrogates, invalid
//!   UTF-8, excessive size or depth are violations.
//! - **Pure.** `no_std` + `alloc`: no I/O, no clock, no global state.
//!
//! # Layout
//!
//! - [`Money`], [`currency`]: exact amounts and the ISO 4217 table.
//! - [`json`]: the strict reader.
//! - `rules` (private): each rule, written once; the table DSL in
//!   [`schema`] names its rule types.
//! - [`schema`]: dialects as data (fields, rules, sources) and the walker.
//! - [`Dialect`]: the providers; [`canonical`]: the neutral session.
//! - [`report`]: violations and their renderings.
//!
//! # Features
//!
//! The crate needs only `alloc` and builds for bare-metal targets such as
//! `thumbv7em-none-eabihf`; its error types implement `core::error::Error`.
//!
//! - `rule-docs` (default): keeps each rule's documentation (the provider's
//!   words it comes from, the reasons for decisions) in the dialect tables,
//!   for rules documents. A WebAssembly build leaves it out.
//! - `serde_json` (default): exact numbers through `serde_json`. A decimal
//!   in a [`json::Number`] or [`json::Value`] is written by `serde_json` as
//!   the number it is (a `serde_json::value::RawValue`), and a number
//!   `serde_json` reads under its `arbitrary_precision` feature is read
//!   exactly. Without it, serializers other than the crate's own
//!   ([`json::to_string`]) get a decimal as its text in a string, and an
//!   `arbitrary_precision` number is refused as a float is.
//! - `rust_decimal`: `Money::to_decimal`, an amount as a
//!   `rust_decimal::Decimal`.
//! - `proptest`: `testing` generates valid requests and
//!   near-misses for each dialect, to test code that sends or receives them.
//! - `validator` (implies `serde_json`): implements
//!   `validator::Validate` for the typed bodies in [`body`], with the same
//!   codes and parameters, so a struct that derives `Validate` can nest one
//!   with `#[validate(nested)]`.
#![no_std]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(any(test, feature = "proptest", feature = "validator"))]
extern crate std;

pub mod body;
pub mod canonical;
mod convert;
pub mod currency;
mod dialect;
pub mod form;
pub mod json;
mod mapping;
mod message;
mod money;
mod number;
mod region;
pub mod report;
mod rules;
pub mod schema;
#[cfg(feature = "proptest")]
pub mod testing;
mod utf8;
#[cfg(feature = "validator")]
mod validator;
mod violation;
mod walker;
mod words;
mod writer;

pub use canonical::CheckoutSession;
pub use convert::Conversion;
pub use currency::{Currency, CurrencyRejection, CurrencySet};
pub use dialect::{Dialect, Options, UnknownDialect, Validator};
pub use money::{Money, MoneyError};
pub use number::MAX_SAFE_INTEGER;
pub use report::{Code, Notice, NoticeCode, Part, Report, Violation};
pub use schema::DialectSpec;

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    /// Every Cargo feature is described in the crate docs above.
    #[test]
    fn every_feature_is_documented() {
        let manifest = include_str!("../Cargo.toml");
        let docs = include_str!("lib.rs");
        let features = manifest
            .split("\n[features]\n")
            .nth(1)
            .and_then(|rest| rest.split("\n[").next())
            .unwrap_or_default();
        let names: Vec<&str> = features
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once(" = ").map(|(name, _)| name))
            .filter(|name| *name != "default")
            .collect();
        assert!(names.contains(&"rule-docs"), "{names:?}");
        for name in names {
            let entry = alloc::format!("//! - `{name}`");
            assert!(docs.contains(&entry), "`{name}` is not in the crate docs");
        }
    }
}
