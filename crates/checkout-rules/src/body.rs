//! Each dialect's request body as a Rust type, for code that builds or
//! receives requests as structs rather than bytes.
//!
//! Field names follow the provider's wire names through serde. Amounts are
//! exact: integers in minor units, or [`Number`] (decimal text) in major
//! units. A typed body is checked with exactly the rules its dialect applies
//! to bytes ([`TypedBody::check`]); headers, which a body does not carry,
//! are not judged. Bytes read with [`from_slice`] get the verdict the bytes
//! get: a body that breaks a rule is refused with the same violations. Read
//! by another serde reader, a typed body still refuses what it has no place
//! for (an unknown field, `null` for an optional one) rather than dropping
//! it without a word.
//!
//! ```
//! use checkout_rules::body::{Nairopay, TypedBody};
//!
//! let request = Nairopay {
//!     amount: 2500,
//!     currency: "KES".into(),
//!     reference: "ORDER_2025_001".into(),
//!     email: Some("customer@example".into()),
//!     callback_url: Some("/payment-complete".into()),
//! };
//! let report = request.check();
//! assert_eq!(report.violations()[0].path, "/callback_url");
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::dialect::{Dialect, Options};
use crate::json::{self, Limits, Number, Object};
use crate::report::Report;
use crate::violation::{Code, Violation};

/// Reads a typed body from JSON text, judged first by its dialect's rules
/// exactly as [`Dialect::validate_with`] judges the bytes (headers aside), so
/// that the typed path and the bytes path give the same verdict for the same
/// bytes: a body that breaks any rule (a misspelt field, `null`, a value of
/// the wrong type, a duplicate key…) is refused with every violation, the
/// same ones, messages and suggestions included. A body read is valid, and
/// exact: amounts are integers or [`Number`] text, never a float.
///
/// ```
/// use checkout_rules::body::{from_slice, Flutterwave, Nairopay, TypedBody};
///
/// let body: Flutterwave =
///     from_slice(br#"{"amount": 12.340, "currency": "NGN", "reference": "ORDER-1"}"#).unwrap();
/// assert_eq!(body.amount.as_str(), "12.340");
/// assert!(body.check().is_valid());
///
/// let misspelt = br#"{"amount": 2500, "currency": "KES", "reference": "R-1", "callbackUrl": "https://shop.example/done"}"#;
/// let refused = from_slice::<Nairopay>(misspelt).unwrap_err();
/// assert_eq!(refused.violations[0].code.as_str(), "unknown_field");
/// assert!(refused.violations[0].message.contains("did you mean `callback_url`?"));
/// ```
pub fn from_slice<'a, T: TypedBody + Deserialize<'a>>(json: &'a [u8]) -> Result<T, ReadError> {
    let report = T::DIALECT.validate_with(json, &[], &Options::body_only());
    if !report.is_valid() {
        return Err(ReadError {
            violations: report.violations,
        });
    }
    // Read again for the type: a report does not keep the document, and
    // reading is a small part of judging it.
    let read = json::parse(json, &Limits::default())
        .map_err(|e| Violation::from(e).message)
        .and_then(|document| json::from_value(document.root).map_err(|e| e.to_string()));
    read.map_err(|e| ReadError {
        // A valid body that its type cannot hold: the two disagree.
        violations: alloc::vec![Violation::body(
            "",
            Code::Internal,
            alloc::format!(
                "the request is valid but could not be read as its typed body ({e}); \
                 please report this as a bug"
            ),
        )],
    })
}

/// Why [`from_slice`] refused a body: every violation of the dialect's
/// rules, as validating the bytes reports them.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadError {
    /// Every violation, never none.
    pub violations: Vec<Violation>,
}

impl ReadError {
    /// The violations as a report, to render as JSON, text or Payviox's
    /// 400 body like any report.
    pub fn into_report(self) -> Report<'static> {
        Report::refusing(self.violations)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&v.message)?;
        }
        Ok(())
    }
}

impl core::error::Error for ReadError {}

/// Reads an optional field that is present: `null` is refused, as every
/// dialect refuses it, rather than read as absent, whichever serde reader
/// reads the body.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A dialect's typed request body.
pub trait TypedBody: Serialize {
    /// The dialect whose body this is.
    const DIALECT: Dialect;

    /// Checks the body with its dialect's rules, as if it had been sent.
    fn check(&self) -> Report<'static> {
        match json::write::to_string(self) {
            Some(json) => Self::DIALECT
                .validate_with(json.as_bytes(), &[], &Options::body_only())
                .into_owned(),
            // Only a hand-written Serialize could fail; say so rather than panic.
            None => Report::refusing(alloc::vec![Violation::body(
                "",
                Code::InvalidType,
                alloc::format!(
                    "the body could not be written as JSON: {}",
                    json::write::Unwritable
                ),
            )]),
        }
    }
}

/// A Nairopay payment session request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nairopay {
    /// In minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Unique identifier for the transaction.
    pub reference: String,
    /// For the receipt.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub email: Option<String>,
    /// Where the customer returns after payment.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub callback_url: Option<String>,
}

/// A Kiotapay checkout session request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
pub struct Kiotapay {
    /// In major units.
    pub amount: Number,
    /// ISO 4217 code.
    pub currency: String,
    /// What the payment is for.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// Where the customer goes after paying.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub success_url: Option<String>,
    /// Where the customer goes after cancelling.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub cancel_url: Option<String>,
    /// `CARD`, `MPESA_STK`.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub payment_methods: Option<Vec<String>>,
    /// The merchant's reference, unique per order.
    pub external_reference: String,
    /// Customer e-mail.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub email: Option<String>,
    /// Customer phone, E.164.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub phone: Option<String>,
    /// Reference shown with the payment.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub reference: Option<String>,
    /// Webhook URL.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub callback_url: Option<String>,
}

/// A Payviox session request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payviox {
    /// In minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Customer identifier.
    pub customer: String,
    /// The merchant's order identifier.
    pub order_id: String,
    /// What is bought; the prices must sum to `amount`.
    pub items: Vec<PayvioxItem>,
    /// What the payment is for.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// A provider's payment method to force.
    #[serde(
        default,
        rename = "paymentMethodId",
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub payment_method_id: Option<String>,
    /// The customer's IP address (secret keys only).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub ip: Option<String>,
    /// Free-form data returned in webhooks.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub metadata: Option<Object<'static>>,
}

/// One Payviox item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayvioxItem {
    /// What it is.
    pub name: String,
    /// How many.
    pub quantity: i64,
    /// The price of one, in minor units.
    pub price: i64,
    /// Any other properties.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The routing orchestrator's session request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
pub struct Orchestrator {
    /// The merchant's order reference.
    pub order_reference: String,
    /// `card`.
    pub payment_method: String,
    /// ISO 4217 code.
    pub currency: String,
    /// `en_AU`.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub locale: Option<String>,
    /// Total, shipping and tax, in major units.
    pub amount: OrchestratorAmount,
    /// What is bought.
    pub order_items: Vec<OrchestratorItem>,
    /// Who pays.
    pub customer: OrchestratorCustomer,
    /// How it ships.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub shipping: Option<OrchestratorShipping>,
    /// Free-form data.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_information: Option<Object<'static>>,
    /// Where the customer goes after paying.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub redirect_urls: Option<OrchestratorRedirectUrls>,
}

/// The orchestrator's amounts, in major units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrchestratorAmount {
    /// Items plus shipping plus tax.
    pub total: Number,
    /// Shipping.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub shipping: Option<Number>,
    /// Tax.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub tax: Option<Number>,
}

/// One orchestrator order item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
pub struct OrchestratorItem {
    /// What it is.
    pub name: String,
    /// Stock-keeping unit.
    pub sku: String,
    /// How many.
    pub quantity: i64,
    /// The price of one, in major units.
    pub unit_price: Number,
}

/// The orchestrator's customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
pub struct OrchestratorCustomer {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail.
    pub email: String,
    /// E.164 phone.
    pub phone: String,
    /// Billing address.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub billing_address: Option<OrchestratorAddress>,
    /// Shipping address.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub shipping_address: Option<OrchestratorAddress>,
}

/// An orchestrator address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
pub struct OrchestratorAddress {
    /// First line.
    pub line1: String,
    /// Second line.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub line2: Option<String>,
    /// City.
    pub city: String,
    /// State or region.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<String>,
    /// Postal code.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

/// How an orchestrator order ships.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrchestratorShipping {
    /// `express`…
    #[serde(
        default,
        rename = "type",
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<String>,
    /// `aus_post`…
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub method: Option<String>,
}

/// The orchestrator's redirect URLs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrchestratorRedirectUrls {
    /// After a successful payment.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub success: Option<String>,
    /// After a failed payment.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub failure: Option<String>,
}

/// A Flutterwave checkout session request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flutterwave {
    /// In major units, at least 0.01.
    pub amount: Number,
    /// One of Flutterwave's currency codes.
    pub currency: String,
    /// The customer's ID.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_id: Option<String>,
    /// Where the customer goes after payment.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub redirect_url: Option<String>,
    /// 6–42 letters, digits and `-`, unique per transaction.
    pub reference: String,
    /// 0–10; Flutterwave's default is 3.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_retry_attempts: Option<i64>,
    /// 5–2880 minutes.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub session_duration: Option<i64>,
}

impl TypedBody for Nairopay {
    const DIALECT: Dialect = Dialect::NAIROPAY;
}

impl TypedBody for Kiotapay {
    const DIALECT: Dialect = Dialect::KIOTAPAY;
}

impl TypedBody for Payviox {
    const DIALECT: Dialect = Dialect::PAYVIOX;
}

impl TypedBody for Orchestrator {
    const DIALECT: Dialect = Dialect::ORCHESTRATOR;
}

impl TypedBody for Flutterwave {
    const DIALECT: Dialect = Dialect::FLUTTERWAVE;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body of the caller's own, with a float amount.
    #[derive(Serialize)]
    struct Floating {
        amount: f64,
    }

    impl TypedBody for Floating {
        const DIALECT: Dialect = Dialect::NAIROPAY;
    }

    #[test]
    fn a_body_that_cannot_be_written_exactly_is_refused_in_words() {
        let report = Floating { amount: 25.0 }.check();
        assert_eq!(report.violations.len(), 1);
        assert_eq!(report.violations[0].code, Code::InvalidType);
        assert_eq!(
            report.violations[0].message,
            "the body could not be written as JSON: a float or a map key that is not a string cannot be written"
        );
    }
}
