//! The canonical checkout session: one provider-neutral, exact form that
//! holds every field of the five providers.
//!
//! Names say what a field means, not what a provider calls it. Where two
//! providers' fields sound alike but mean different things, they are kept
//! apart: Nairopay's `callback_url` sends the customer back
//! ([`Urls::redirect`]), Kiotapay's `callbackUrl` notifies a server
//! ([`Urls::webhook`]).

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use serde::{Serialize, Serializer};

use crate::json::Object;
use crate::money::Money;

/// A checkout session request, provider-neutral.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckoutSession {
    /// The total to charge.
    pub amount: Money,
    /// The shipping part of the total, when the provider itemises it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_amount: Option<Money>,
    /// The tax part of the total, when the provider itemises it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_amount: Option<Money>,
    /// The items bought.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<LineItem>,
    /// The merchant's own unique reference for this order or transaction
    /// (Nairopay and Flutterwave `reference`, Payviox `order_id`, Kiotapay
    /// `externalReference`, orchestrator `orderReference`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_reference: Option<String>,
    /// A reference shown with the payment (Kiotapay `reference`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_reference: Option<String>,
    /// What the payment is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who pays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    /// How the order ships (not its cost: see `shipping_amount`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Shipping>,
    /// Where the customer and the merchant's server are sent.
    #[serde(skip_serializing_if = "Urls::is_empty")]
    pub urls: Urls,
    /// The payment methods offered or forced, in the request's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub payment_methods: Vec<PaymentMethod>,
    /// The checkout page's locale, e.g. `en_AU`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Free-form key-value data returned in notifications (Payviox
    /// `metadata`, orchestrator `additionalInformation`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Object<'static>>,
    /// The key that makes retrying the request safe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    /// An identifier to trace the request with the provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    /// A provider's test-scenario key (Flutterwave `X-Scenario-Key`), which
    /// only its sandbox understands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_scenario: Option<String>,
    /// How long the session stays open, in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_duration_minutes: Option<u32>,
    /// How many times the customer may retry a failed payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_retry_attempts: Option<u32>,
    /// The paying customer's IP address, checked at payment time.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_ip"
    )]
    pub client_ip: Option<IpAddr>,
}

impl CheckoutSession {
    /// A session for `amount` with nothing else set.
    pub fn new(amount: Money) -> CheckoutSession {
        CheckoutSession {
            amount,
            shipping_amount: None,
            tax_amount: None,
            items: Vec::new(),
            merchant_reference: None,
            display_reference: None,
            description: None,
            customer: None,
            shipping: None,
            urls: Urls::default(),
            payment_methods: Vec::new(),
            locale: None,
            metadata: None,
            idempotency_key: None,
            trace_id: None,
            test_scenario: None,
            session_duration_minutes: None,
            max_retry_attempts: None,
            client_ip: None,
        }
    }
}

fn serialize_ip<S: Serializer>(ip: &Option<IpAddr>, serializer: S) -> Result<S::Ok, S::Error> {
    match ip {
        Some(ip) => serializer.collect_str(ip),
        None => serializer.serialize_none(),
    }
}

/// One line of the order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineItem {
    /// What it is.
    pub name: String,
    /// The merchant's stock-keeping unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// How many (at least 1).
    pub quantity: i64,
    /// The price of one.
    pub unit_price: Money,
    /// Properties the provider lets an item carry beyond these.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Object<'static>>,
}

/// The paying customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Customer {
    /// The merchant's or provider's identifier for the customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Given name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number in E.164 form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Where the bill goes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// Where the goods go.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
}

/// A postal address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Address {
    /// First line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    /// Second line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State, province or region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// How an order ships.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shipping {
    /// The kind of shipping, e.g. `express`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The carrier or method, e.g. `aus_post`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

/// The session's URLs, by what they are for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Urls {
    /// Where the customer goes after paying, whatever the outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<String>,
    /// Where the customer goes after a successful payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    /// Where the customer goes after cancelling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel: Option<String>,
    /// Where the customer goes after a failed payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
    /// Where the provider notifies the merchant's server (server to server).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook: Option<String>,
}

impl Urls {
    /// Whether no URL is set.
    pub fn is_empty(&self) -> bool {
        *self == Urls::default()
    }
}

/// A payment method, in the canonical vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PaymentMethod {
    /// Card payments.
    Card,
    /// M-Pesa STK push.
    MpesaStk,
    /// A provider's own method identifier (Payviox `paymentMethodId`, such as
    /// `zen_card`), which only that provider understands.
    ProviderSpecific(String),
}
