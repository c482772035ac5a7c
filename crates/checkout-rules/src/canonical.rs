//! The canonical checkout session: one provider-neutral, exact form that
//! holds every field of the five providers.
//!
//! Names say what a field means, not what a provider calls it. Where two
//! providers' fields sound alike but mean different things, they are kept
//! apart: Nairopay's `callback_url` sends the customer back
//! ([`Urls::redirect`]), Kiotapay's `callbackUrl` notifies a server
//! ([`Urls::webhook`]).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use serde::{Serialize, Serializer};

use crate::json::Object;
use crate::money::Money;

/// Every canonical field, as a path in the session's JSON, in the order of
/// that JSON. Dialect fields name the path they normalise to; the rules
/// matrix has a row for each.
pub const FIELDS: &[&str] = &[
    "amount",
    "amount.currency",
    "shipping_amount",
    "tax_amount",
    "items",
    "items[].name",
    "items[].sku",
    "items[].quantity",
    "items[].unit_price",
    "items[].extra",
    "merchant_reference",
    "display_reference",
    "description",
    "customer.id",
    "customer.first_name",
    "customer.last_name",
    "customer.email",
    "customer.phone",
    "customer.billing_address",
    "customer.shipping_address",
    "address.line1",
    "address.line2",
    "address.city",
    "address.state",
    "address.postal_code",
    "address.country",
    "shipping.kind",
    "shipping.method",
    "urls.redirect",
    "urls.success",
    "urls.cancel",
    "urls.failure",
    "urls.webhook",
    "payment_methods",
    "locale",
    "metadata",
    "idempotency_key",
    "trace_id",
    "test_scenario",
    "session_duration_minutes",
    "max_retry_attempts",
    "client_ip",
];

/// A checkout session request, provider-neutral.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckoutSession<'a> {
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
    pub items: Vec<LineItem<'a>>,
    /// The merchant's own unique reference for this order or transaction
    /// (Nairopay and Flutterwave `reference`, Payviox `order_id`, Kiotapay
    /// `externalReference`, orchestrator `orderReference`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_reference: Option<Cow<'a, str>>,
    /// A reference shown with the payment (Kiotapay `reference`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_reference: Option<Cow<'a, str>>,
    /// What the payment is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Cow<'a, str>>,
    /// Who pays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer<'a>>,
    /// How the order ships (not its cost: see `shipping_amount`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Shipping<'a>>,
    /// Where the customer and the merchant's server are sent.
    #[serde(skip_serializing_if = "Urls::is_empty")]
    pub urls: Urls<'a>,
    /// The payment methods offered or forced, in the request's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub payment_methods: Vec<PaymentMethod>,
    /// The checkout page's locale, e.g. `en_AU`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<Cow<'a, str>>,
    /// Free-form key-value data returned in notifications (Payviox
    /// `metadata`, orchestrator `additionalInformation`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Object<'a>>,
    /// The key that makes retrying the request safe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<Cow<'a, str>>,
    /// An identifier to trace the request with the provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<Cow<'a, str>>,
    /// A provider's test-scenario key (Flutterwave `X-Scenario-Key`), which
    /// only its sandbox understands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_scenario: Option<Cow<'a, str>>,
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

impl<'a> CheckoutSession<'a> {
    /// Whether the session has a value for the canonical field `path` (one
    /// of [`FIELDS`]; an item or address field counts when any item or
    /// address has it).
    pub fn has(&self, path: &str) -> bool {
        self.present_fields().contains(&path)
    }

    /// The canonical fields the session has a value for, in the order of
    /// [`FIELDS`].
    pub fn present_fields(&self) -> Vec<&'static str> {
        let customer = self.customer.as_ref().unwrap_or(&NO_CUSTOMER);
        let addresses = [&customer.billing_address, &customer.shipping_address];
        let address_has = |field: for<'s> fn(&'s Address<'a>) -> &'s Option<Cow<'a, str>>| -> bool {
            addresses
                .iter()
                .copied()
                .flatten()
                .any(|a| field(a).is_some())
        };
        let shipping = self.shipping.as_ref().unwrap_or(&NO_SHIPPING);
        let items = !self.items.is_empty();
        // One flag a field, in the order of FIELDS (a test holds them equal).
        let flags: [bool; FIELDS.len()] = [
            true,
            true,
            self.shipping_amount.is_some(),
            self.tax_amount.is_some(),
            items,
            items,
            self.items.iter().any(|i| i.sku.is_some()),
            items,
            items,
            self.items.iter().any(|i| i.extra.is_some()),
            self.merchant_reference.is_some(),
            self.display_reference.is_some(),
            self.description.is_some(),
            customer.id.is_some(),
            customer.first_name.is_some(),
            customer.last_name.is_some(),
            customer.email.is_some(),
            customer.phone.is_some(),
            customer.billing_address.is_some(),
            customer.shipping_address.is_some(),
            address_has(|a| &a.line1),
            address_has(|a| &a.line2),
            address_has(|a| &a.city),
            address_has(|a| &a.state),
            address_has(|a| &a.postal_code),
            address_has(|a| &a.country),
            shipping.kind.is_some(),
            shipping.method.is_some(),
            self.urls.redirect.is_some(),
            self.urls.success.is_some(),
            self.urls.cancel.is_some(),
            self.urls.failure.is_some(),
            self.urls.webhook.is_some(),
            !self.payment_methods.is_empty(),
            self.locale.is_some(),
            self.metadata.is_some(),
            self.idempotency_key.is_some(),
            self.trace_id.is_some(),
            self.test_scenario.is_some(),
            self.session_duration_minutes.is_some(),
            self.max_retry_attempts.is_some(),
            self.client_ip.is_some(),
        ];
        FIELDS
            .iter()
            .zip(flags)
            .filter_map(|(field, present)| present.then_some(*field))
            .collect()
    }

    /// A copy that owns all its text, to keep after the request it was read
    /// from is gone.
    pub fn into_owned(self) -> CheckoutSession<'static> {
        CheckoutSession {
            amount: self.amount,
            shipping_amount: self.shipping_amount,
            tax_amount: self.tax_amount,
            items: self.items.into_iter().map(LineItem::into_owned).collect(),
            merchant_reference: owned(self.merchant_reference),
            display_reference: owned(self.display_reference),
            description: owned(self.description),
            customer: self.customer.map(Customer::into_owned),
            shipping: self.shipping.map(Shipping::into_owned),
            urls: self.urls.into_owned(),
            payment_methods: self.payment_methods,
            locale: owned(self.locale),
            metadata: self.metadata.as_ref().map(Object::to_static),
            idempotency_key: owned(self.idempotency_key),
            trace_id: owned(self.trace_id),
            test_scenario: owned(self.test_scenario),
            session_duration_minutes: self.session_duration_minutes,
            max_retry_attempts: self.max_retry_attempts,
            client_ip: self.client_ip,
        }
    }

    /// A session for `amount` with nothing else set.
    pub fn new(amount: Money) -> CheckoutSession<'a> {
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
        Some(ip) => serializer.serialize_str(&crate::rules::ip::to_text(*ip)),
        None => serializer.serialize_none(),
    }
}

/// Text that owns itself.
fn owned(text: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    text.map(|t| Cow::Owned(t.into_owned()))
}

impl LineItem<'_> {
    /// A copy that owns all its text.
    pub fn into_owned(self) -> LineItem<'static> {
        LineItem {
            name: Cow::Owned(self.name.into_owned()),
            sku: owned(self.sku),
            quantity: self.quantity,
            unit_price: self.unit_price,
            extra: self.extra.as_ref().map(Object::to_static),
        }
    }
}

impl Customer<'_> {
    /// A copy that owns all its text.
    pub fn into_owned(self) -> Customer<'static> {
        Customer {
            id: owned(self.id),
            first_name: owned(self.first_name),
            last_name: owned(self.last_name),
            email: owned(self.email),
            phone: owned(self.phone),
            billing_address: self.billing_address.map(Address::into_owned),
            shipping_address: self.shipping_address.map(Address::into_owned),
        }
    }
}

impl Address<'_> {
    /// A copy that owns all its text.
    pub fn into_owned(self) -> Address<'static> {
        Address {
            line1: owned(self.line1),
            line2: owned(self.line2),
            city: owned(self.city),
            state: owned(self.state),
            postal_code: owned(self.postal_code),
            country: owned(self.country),
        }
    }
}

impl Shipping<'_> {
    /// A copy that owns all its text.
    pub fn into_owned(self) -> Shipping<'static> {
        Shipping {
            kind: owned(self.kind),
            method: owned(self.method),
        }
    }
}

impl Urls<'_> {
    /// A copy that owns all its text.
    pub fn into_owned(self) -> Urls<'static> {
        Urls {
            redirect: owned(self.redirect),
            success: owned(self.success),
            cancel: owned(self.cancel),
            failure: owned(self.failure),
            webhook: owned(self.webhook),
        }
    }
}

/// What an absent customer or shipping group reads as.
static NO_CUSTOMER: Customer<'static> = Customer {
    id: None,
    first_name: None,
    last_name: None,
    email: None,
    phone: None,
    billing_address: None,
    shipping_address: None,
};
static NO_SHIPPING: Shipping<'static> = Shipping {
    kind: None,
    method: None,
};

/// Where a canonical field of one value lives in a session: how to read it,
/// and how to reach it for writing (the customer and shipping groups are
/// created on demand). The dialects' field tables name these paths; one
/// reader and one writer map every dialect through them.
#[derive(Clone, Copy)]
pub(crate) enum Slot {
    Text(
        for<'s, 'a> fn(&'s CheckoutSession<'a>) -> Option<&'s Cow<'a, str>>,
        for<'s, 'a> fn(&'s mut CheckoutSession<'a>) -> &'s mut Option<Cow<'a, str>>,
    ),
    Count(
        fn(&CheckoutSession<'_>) -> Option<u32>,
        for<'s, 'a> fn(&'s mut CheckoutSession<'a>) -> &'s mut Option<u32>,
    ),
    Money(
        fn(&CheckoutSession<'_>) -> Option<Money>,
        for<'s, 'a> fn(&'s mut CheckoutSession<'a>) -> &'s mut Option<Money>,
    ),
}

fn customer<'s, 'a>(s: &'s mut CheckoutSession<'a>) -> &'s mut Customer<'a> {
    s.customer.get_or_insert_with(Customer::default)
}

fn shipping<'s, 'a>(s: &'s mut CheckoutSession<'a>) -> &'s mut Shipping<'a> {
    s.shipping.get_or_insert_with(Shipping::default)
}

/// The one-value canonical fields, by path.
const SLOTS: &[(&str, Slot)] = &[
    (
        "shipping_amount",
        Slot::Money(|s| s.shipping_amount, |s| &mut s.shipping_amount),
    ),
    (
        "tax_amount",
        Slot::Money(|s| s.tax_amount, |s| &mut s.tax_amount),
    ),
    (
        "merchant_reference",
        Slot::Text(
            |s| s.merchant_reference.as_ref(),
            |s| &mut s.merchant_reference,
        ),
    ),
    (
        "display_reference",
        Slot::Text(
            |s| s.display_reference.as_ref(),
            |s| &mut s.display_reference,
        ),
    ),
    (
        "description",
        Slot::Text(|s| s.description.as_ref(), |s| &mut s.description),
    ),
    (
        "customer.id",
        Slot::Text(
            |s| s.customer.as_ref()?.id.as_ref(),
            |s| &mut customer(s).id,
        ),
    ),
    (
        "customer.first_name",
        Slot::Text(
            |s| s.customer.as_ref()?.first_name.as_ref(),
            |s| &mut customer(s).first_name,
        ),
    ),
    (
        "customer.last_name",
        Slot::Text(
            |s| s.customer.as_ref()?.last_name.as_ref(),
            |s| &mut customer(s).last_name,
        ),
    ),
    (
        "customer.email",
        Slot::Text(
            |s| s.customer.as_ref()?.email.as_ref(),
            |s| &mut customer(s).email,
        ),
    ),
    (
        "customer.phone",
        Slot::Text(
            |s| s.customer.as_ref()?.phone.as_ref(),
            |s| &mut customer(s).phone,
        ),
    ),
    (
        "shipping.kind",
        Slot::Text(
            |s| s.shipping.as_ref()?.kind.as_ref(),
            |s| &mut shipping(s).kind,
        ),
    ),
    (
        "shipping.method",
        Slot::Text(
            |s| s.shipping.as_ref()?.method.as_ref(),
            |s| &mut shipping(s).method,
        ),
    ),
    (
        "urls.redirect",
        Slot::Text(|s| s.urls.redirect.as_ref(), |s| &mut s.urls.redirect),
    ),
    (
        "urls.success",
        Slot::Text(|s| s.urls.success.as_ref(), |s| &mut s.urls.success),
    ),
    (
        "urls.cancel",
        Slot::Text(|s| s.urls.cancel.as_ref(), |s| &mut s.urls.cancel),
    ),
    (
        "urls.failure",
        Slot::Text(|s| s.urls.failure.as_ref(), |s| &mut s.urls.failure),
    ),
    (
        "urls.webhook",
        Slot::Text(|s| s.urls.webhook.as_ref(), |s| &mut s.urls.webhook),
    ),
    (
        "locale",
        Slot::Text(|s| s.locale.as_ref(), |s| &mut s.locale),
    ),
    (
        "idempotency_key",
        Slot::Text(|s| s.idempotency_key.as_ref(), |s| &mut s.idempotency_key),
    ),
    (
        "trace_id",
        Slot::Text(|s| s.trace_id.as_ref(), |s| &mut s.trace_id),
    ),
    (
        "test_scenario",
        Slot::Text(|s| s.test_scenario.as_ref(), |s| &mut s.test_scenario),
    ),
    (
        "session_duration_minutes",
        Slot::Count(
            |s| s.session_duration_minutes,
            |s| &mut s.session_duration_minutes,
        ),
    ),
    (
        "max_retry_attempts",
        Slot::Count(|s| s.max_retry_attempts, |s| &mut s.max_retry_attempts),
    ),
];

/// The slot of the one-value canonical field `path`.
pub(crate) fn slot(path: &str) -> Option<Slot> {
    SLOTS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, slot)| *slot)
}

/// An address's text field at canonical `path` (`address.city`).
pub(crate) type AddressSlot = (
    for<'s, 'a> fn(&'s Address<'a>) -> Option<&'s Cow<'a, str>>,
    for<'s, 'a> fn(&'s mut Address<'a>) -> &'s mut Option<Cow<'a, str>>,
);

const ADDRESS_SLOTS: &[(&str, AddressSlot)] = &[
    ("address.line1", (|a| a.line1.as_ref(), |a| &mut a.line1)),
    ("address.line2", (|a| a.line2.as_ref(), |a| &mut a.line2)),
    ("address.city", (|a| a.city.as_ref(), |a| &mut a.city)),
    ("address.state", (|a| a.state.as_ref(), |a| &mut a.state)),
    (
        "address.postal_code",
        (|a| a.postal_code.as_ref(), |a| &mut a.postal_code),
    ),
    (
        "address.country",
        (|a| a.country.as_ref(), |a| &mut a.country),
    ),
];

/// The slot at an index from [`slot_index`].
pub(crate) fn slot_at(index: u8) -> Option<Slot> {
    SLOTS.get(usize::from(index)).map(|(_, slot)| *slot)
}

/// The address slot at an index from [`address_slot_index`].
pub(crate) fn address_slot_at(index: u8) -> Option<AddressSlot> {
    ADDRESS_SLOTS.get(usize::from(index)).map(|(_, slot)| *slot)
}

/// Where `path` is in the one-value fields, found at compile time.
pub(crate) const fn slot_index(path: &str) -> Option<u8> {
    index_in(path, SLOTS)
}

/// Where `path` is in the address fields, found at compile time.
pub(crate) const fn address_slot_index(path: &str) -> Option<u8> {
    index_in(path, ADDRESS_SLOTS)
}

const fn index_in<T>(path: &str, table: &[(&str, T)]) -> Option<u8> {
    let mut i: u8 = 0;
    while (i as usize) < table.len() {
        if const_eq(path, table[i as usize].0) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// String equality usable at compile time.
pub(crate) const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// One of the customer's addresses, to write it.
pub(crate) fn address_mut<'s, 'a>(
    s: &'s mut CheckoutSession<'a>,
    which: Which,
) -> &'s mut Option<Address<'a>> {
    let customer = customer(s);
    match which {
        Which::Billing => &mut customer.billing_address,
        Which::Shipping => &mut customer.shipping_address,
    }
}

/// One of the customer's addresses, when the session has it.
pub(crate) fn address<'s, 'a>(s: &'s CheckoutSession<'a>, which: Which) -> Option<&'s Address<'a>> {
    let customer = s.customer.as_ref()?;
    match which {
        Which::Billing => customer.billing_address.as_ref(),
        Which::Shipping => customer.shipping_address.as_ref(),
    }
}

/// One line of the order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineItem<'a> {
    /// What it is.
    pub name: Cow<'a, str>,
    /// The merchant's stock-keeping unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<Cow<'a, str>>,
    /// How many (at least 1).
    pub quantity: i64,
    /// The price of one.
    pub unit_price: Money,
    /// Properties the provider lets an item carry beyond these.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Object<'a>>,
}

/// The paying customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Customer<'a> {
    /// The merchant's or provider's identifier for the customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Cow<'a, str>>,
    /// Given name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<Cow<'a, str>>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<Cow<'a, str>>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<Cow<'a, str>>,
    /// Phone number in E.164 form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<Cow<'a, str>>,
    /// Where the bill goes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address<'a>>,
    /// Where the goods go.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address<'a>>,
}

/// A postal address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Address<'a> {
    /// First line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line1: Option<Cow<'a, str>>,
    /// Second line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line2: Option<Cow<'a, str>>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<Cow<'a, str>>,
    /// State, province or region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<Cow<'a, str>>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<Cow<'a, str>>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Cow<'a, str>>,
}

/// How an order ships.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shipping<'a> {
    /// The kind of shipping, e.g. `express`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Cow<'a, str>>,
    /// The carrier or method, e.g. `aus_post`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<Cow<'a, str>>,
}

/// The session's URLs, by what they are for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Urls<'a> {
    /// Where the customer goes after paying, whatever the outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<Cow<'a, str>>,
    /// Where the customer goes after a successful payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success: Option<Cow<'a, str>>,
    /// Where the customer goes after cancelling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel: Option<Cow<'a, str>>,
    /// Where the customer goes after a failed payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<Cow<'a, str>>,
    /// Where the provider notifies the merchant's server (server to server).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook: Option<Cow<'a, str>>,
}

impl Urls<'_> {
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

/// A field's canonical path, resolved when the dialect tables are compiled so
/// that reading and writing never compare path strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapping {
    /// No canonical field.
    None,
    /// An object that only groups other fields.
    Group,
    /// `amount`
    Amount,
    /// `amount.currency`
    Currency,
    /// `items`
    Items,
    /// `items[].name`
    ItemName,
    /// `items[].sku`
    ItemSku,
    /// `items[].quantity`
    ItemQuantity,
    /// `items[].unit_price`
    ItemUnitPrice,
    /// `payment_methods`
    PaymentMethods,
    /// `client_ip`
    ClientIp,
    /// `metadata`
    Metadata,
    /// `customer.billing_address` or `customer.shipping_address`.
    Address(Which),
    /// One of `address.*`, by its index in the address slots.
    AddressField(u8),
    /// A one-value field, by its index in the session's slots.
    Slot(u8),
}

/// Which of the customer's addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Where the bill goes.
    Billing,
    /// Where the goods go.
    Shipping,
}

impl Mapping {
    /// The mapping of a canonical path; `None` for a path that is not a
    /// canonical field (a test checks that every table's paths are).
    pub(crate) const fn of(path: &str) -> Mapping {
        const NAMED: &[(&str, Mapping)] = &[
            ("amount", Mapping::Amount),
            ("amount.currency", Mapping::Currency),
            ("items", Mapping::Items),
            ("items[].name", Mapping::ItemName),
            ("items[].sku", Mapping::ItemSku),
            ("items[].quantity", Mapping::ItemQuantity),
            ("items[].unit_price", Mapping::ItemUnitPrice),
            ("payment_methods", Mapping::PaymentMethods),
            ("client_ip", Mapping::ClientIp),
            ("metadata", Mapping::Metadata),
            ("customer.billing_address", Mapping::Address(Which::Billing)),
            (
                "customer.shipping_address",
                Mapping::Address(Which::Shipping),
            ),
        ];
        let mut i = 0;
        while i < NAMED.len() {
            if const_eq(path, NAMED[i].0) {
                return NAMED[i].1;
            }
            i += 1;
        }
        if let Some(index) = address_slot_index(path) {
            return Mapping::AddressField(index);
        }
        match slot_index(path) {
            Some(index) => Mapping::Slot(index),
            None => Mapping::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec;

    use super::*;
    use crate::currency::Currency;

    fn session() -> CheckoutSession<'static> {
        let kes = Currency::from_code("KES").unwrap();
        CheckoutSession::new(Money::from_minor(100, kes).unwrap())
    }

    /// Sets one field of a `T`.
    type Set<T> = fn(&mut T);

    fn text() -> Option<Cow<'static, str>> {
        Some(Cow::Borrowed("x"))
    }

    /// Each field set alone is the one field present besides the amount.
    #[test]
    fn each_field_is_present_under_its_own_name() {
        let one = |set: Set<CheckoutSession>| {
            let mut s = session();
            set(&mut s);
            s.present_fields()
        };
        let address = |set: Set<Address<'static>>| {
            let mut a = Address::default();
            set(&mut a);
            Some(a)
        };
        let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
            (one(|_| {}), vec![]),
            (
                one(|s| s.shipping_amount = Some(s.amount)),
                vec!["shipping_amount"],
            ),
            (one(|s| s.tax_amount = Some(s.amount)), vec!["tax_amount"]),
            (
                one(|s| s.merchant_reference = text()),
                vec!["merchant_reference"],
            ),
            (
                one(|s| s.display_reference = text()),
                vec!["display_reference"],
            ),
            (one(|s| s.description = text()), vec!["description"]),
            (one(|s| s.urls.redirect = text()), vec!["urls.redirect"]),
            (one(|s| s.urls.success = text()), vec!["urls.success"]),
            (one(|s| s.urls.cancel = text()), vec!["urls.cancel"]),
            (one(|s| s.urls.failure = text()), vec!["urls.failure"]),
            (one(|s| s.urls.webhook = text()), vec!["urls.webhook"]),
            (
                one(|s| s.payment_methods = vec![PaymentMethod::Card]),
                vec!["payment_methods"],
            ),
            (one(|s| s.locale = text()), vec!["locale"]),
            (
                one(|s| s.metadata = Some(Object::default())),
                vec!["metadata"],
            ),
            (one(|s| s.idempotency_key = text()), vec!["idempotency_key"]),
            (one(|s| s.trace_id = text()), vec!["trace_id"]),
            (one(|s| s.test_scenario = text()), vec!["test_scenario"]),
            (
                one(|s| s.session_duration_minutes = Some(5)),
                vec!["session_duration_minutes"],
            ),
            (
                one(|s| s.max_retry_attempts = Some(1)),
                vec!["max_retry_attempts"],
            ),
            (
                one(|s| s.client_ip = "203.0.113.1".parse().ok()),
                vec!["client_ip"],
            ),
            (
                one(|s| {
                    s.shipping = Some(Shipping {
                        kind: text(),
                        method: None,
                    })
                }),
                vec!["shipping.kind"],
            ),
            (
                one(|s| {
                    s.shipping = Some(Shipping {
                        kind: None,
                        method: text(),
                    })
                }),
                vec!["shipping.method"],
            ),
        ];
        let customer_cases: Vec<(Set<Customer>, Vec<&str>)> = vec![
            (|c| c.id = text(), vec!["customer.id"]),
            (|c| c.first_name = text(), vec!["customer.first_name"]),
            (|c| c.last_name = text(), vec!["customer.last_name"]),
            (|c| c.email = text(), vec!["customer.email"]),
            (|c| c.phone = text(), vec!["customer.phone"]),
            (
                |c| c.billing_address = Some(Address::default()),
                vec!["customer.billing_address"],
            ),
            (
                |c| c.shipping_address = Some(Address::default()),
                vec!["customer.shipping_address"],
            ),
        ];
        let address_cases: Vec<(Set<Address>, &str)> = vec![
            (|a| a.line1 = text(), "address.line1"),
            (|a| a.line2 = text(), "address.line2"),
            (|a| a.city = text(), "address.city"),
            (|a| a.state = text(), "address.state"),
            (|a| a.postal_code = text(), "address.postal_code"),
            (|a| a.country = text(), "address.country"),
        ];
        let mut all = cases;
        for (set, expected) in customer_cases {
            let mut s = session();
            let mut c = Customer::default();
            set(&mut c);
            s.customer = Some(c);
            all.push((s.present_fields(), expected));
        }
        for (set, field) in address_cases {
            let mut s = session();
            s.customer = Some(Customer {
                shipping_address: address(set),
                ..Customer::default()
            });
            all.push((s.present_fields(), vec!["customer.shipping_address", field]));
        }
        let item = |sku: Option<Cow<'static, str>>, extra: Option<Object<'static>>| {
            let mut s = session();
            s.items = vec![LineItem {
                name: Cow::Borrowed("A"),
                sku,
                quantity: 1,
                unit_price: s.amount,
                extra,
            }];
            s.present_fields()
        };
        let item_fields = [
            "items",
            "items[].name",
            "items[].quantity",
            "items[].unit_price",
        ];
        all.push((item(None, None), item_fields.to_vec()));
        let mut with_sku = item_fields.to_vec();
        with_sku.insert(2, "items[].sku");
        all.push((item(text(), None), with_sku));
        let mut with_extra = item_fields.to_vec();
        with_extra.push("items[].extra");
        all.push((item(None, Some(Object::default())), with_extra));

        for (present, expected) in all {
            let mut want = vec!["amount", "amount.currency"];
            want.extend(expected);
            assert_eq!(present, want);
        }
    }
}
