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

/// Defines [`CanonicalField`] from one list: each field once, with its path.
macro_rules! canonical_fields {
    ($($variant:ident => $path:literal,)*) => {
        /// A field of the canonical session, named by its path in the
        /// session's JSON ([`CanonicalField::path`]). Dialect tables name
        /// the field each of theirs normalises to by this value, so that a
        /// misspelt one does not compile; the rules matrix has a row for
        /// each.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum CanonicalField {
            $(
                #[doc = concat!("`", $path, "`")]
                $variant,
            )*
        }

        impl CanonicalField {
            /// Every canonical field, in the order of the session's JSON.
            pub const ALL: &'static [CanonicalField] = &[$(CanonicalField::$variant,)*];

            /// The field's path in the session's JSON (`customer.email`,
            /// `items[].unit_price`).
            pub const fn path(self) -> &'static str {
                match self {
                    $(CanonicalField::$variant => $path,)*
                }
            }
        }
    };
}

canonical_fields! {
    Amount => "amount",
    AmountCurrency => "amount.currency",
    ShippingAmount => "shipping_amount",
    TaxAmount => "tax_amount",
    Items => "items",
    ItemName => "items[].name",
    ItemSku => "items[].sku",
    ItemQuantity => "items[].quantity",
    ItemUnitPrice => "items[].unit_price",
    ItemExtra => "items[].extra",
    MerchantReference => "merchant_reference",
    DisplayReference => "display_reference",
    Description => "description",
    CustomerId => "customer.id",
    CustomerFirstName => "customer.first_name",
    CustomerLastName => "customer.last_name",
    CustomerEmail => "customer.email",
    CustomerPhone => "customer.phone",
    CustomerBillingAddress => "customer.billing_address",
    CustomerShippingAddress => "customer.shipping_address",
    AddressLine1 => "address.line1",
    AddressLine2 => "address.line2",
    AddressCity => "address.city",
    AddressState => "address.state",
    AddressPostalCode => "address.postal_code",
    AddressCountry => "address.country",
    ShippingKind => "shipping.kind",
    ShippingMethod => "shipping.method",
    UrlRedirect => "urls.redirect",
    UrlSuccess => "urls.success",
    UrlCancel => "urls.cancel",
    UrlFailure => "urls.failure",
    UrlWebhook => "urls.webhook",
    PaymentMethods => "payment_methods",
    Locale => "locale",
    Metadata => "metadata",
    IdempotencyKey => "idempotency_key",
    TraceId => "trace_id",
    TestScenario => "test_scenario",
    SessionDurationMinutes => "session_duration_minutes",
    MaxRetryAttempts => "max_retry_attempts",
    ClientIp => "client_ip",
}

impl core::fmt::Display for CanonicalField {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.path())
    }
}

/// A checkout session request, provider-neutral.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
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
    /// Whether the session has a value for `field` (an item's or an
    /// address's field counts when any item or address has it).
    pub fn has(&self, field: CanonicalField) -> bool {
        field.is_in(self)
    }

    /// The canonical fields the session has a value for, in the order of
    /// [`CanonicalField::ALL`].
    pub fn present_fields(&self) -> Vec<CanonicalField> {
        CanonicalField::ALL
            .iter()
            .copied()
            .filter(|f| f.is_in(self))
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

impl<'a> LineItem<'a> {
    /// A line of `quantity` of `name` at `unit_price` each, with no SKU and
    /// no extra properties.
    ///
    /// ```
    /// use checkout_rules::canonical::LineItem;
    /// use checkout_rules::{Currency, Money};
    ///
    /// let usd = Currency::from_code("USD").unwrap();
    /// let line = LineItem::new("Premium Plan", 2, Money::from_minor(4500, usd).unwrap());
    /// assert_eq!(line.unit_price.minor() * line.quantity, 9000);
    /// ```
    pub fn new(name: impl Into<Cow<'a, str>>, quantity: i64, unit_price: Money) -> LineItem<'a> {
        LineItem {
            name: name.into(),
            sku: None,
            quantity,
            unit_price,
            extra: None,
        }
    }
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

/// Where a canonical field of one value lives in a session: how to read it,
/// and how to reach it for writing (the customer and shipping groups are
/// created on demand). The dialects' field tables name these fields; one
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

/// An address's text field: how to read it, and how to reach it for
/// writing.
pub(crate) type AddressSlot = (
    for<'s, 'a> fn(&'s Address<'a>) -> Option<&'s Cow<'a, str>>,
    for<'s, 'a> fn(&'s mut Address<'a>) -> &'s mut Option<Cow<'a, str>>,
);

impl Slot {
    fn is_in(self, s: &CheckoutSession<'_>) -> bool {
        match self {
            Slot::Text(get, _) => get(s).is_some(),
            Slot::Count(get, _) => get(s).is_some(),
            Slot::Money(get, _) => get(s).is_some(),
        }
    }
}

/// Each field's place in the session, by exhaustive matches: a new field
/// does not compile until it has one.
impl CanonicalField {
    /// The slot of a one-value field.
    pub(crate) fn slot(self) -> Option<Slot> {
        use CanonicalField as F;
        Some(match self {
            F::ShippingAmount => Slot::Money(|s| s.shipping_amount, |s| &mut s.shipping_amount),
            F::TaxAmount => Slot::Money(|s| s.tax_amount, |s| &mut s.tax_amount),
            F::MerchantReference => Slot::Text(
                |s| s.merchant_reference.as_ref(),
                |s| &mut s.merchant_reference,
            ),
            F::DisplayReference => Slot::Text(
                |s| s.display_reference.as_ref(),
                |s| &mut s.display_reference,
            ),
            F::Description => Slot::Text(|s| s.description.as_ref(), |s| &mut s.description),
            F::CustomerId => Slot::Text(
                |s| s.customer.as_ref()?.id.as_ref(),
                |s| &mut customer(s).id,
            ),
            F::CustomerFirstName => Slot::Text(
                |s| s.customer.as_ref()?.first_name.as_ref(),
                |s| &mut customer(s).first_name,
            ),
            F::CustomerLastName => Slot::Text(
                |s| s.customer.as_ref()?.last_name.as_ref(),
                |s| &mut customer(s).last_name,
            ),
            F::CustomerEmail => Slot::Text(
                |s| s.customer.as_ref()?.email.as_ref(),
                |s| &mut customer(s).email,
            ),
            F::CustomerPhone => Slot::Text(
                |s| s.customer.as_ref()?.phone.as_ref(),
                |s| &mut customer(s).phone,
            ),
            F::ShippingKind => Slot::Text(
                |s| s.shipping.as_ref()?.kind.as_ref(),
                |s| &mut shipping(s).kind,
            ),
            F::ShippingMethod => Slot::Text(
                |s| s.shipping.as_ref()?.method.as_ref(),
                |s| &mut shipping(s).method,
            ),
            F::UrlRedirect => Slot::Text(|s| s.urls.redirect.as_ref(), |s| &mut s.urls.redirect),
            F::UrlSuccess => Slot::Text(|s| s.urls.success.as_ref(), |s| &mut s.urls.success),
            F::UrlCancel => Slot::Text(|s| s.urls.cancel.as_ref(), |s| &mut s.urls.cancel),
            F::UrlFailure => Slot::Text(|s| s.urls.failure.as_ref(), |s| &mut s.urls.failure),
            F::UrlWebhook => Slot::Text(|s| s.urls.webhook.as_ref(), |s| &mut s.urls.webhook),
            F::Locale => Slot::Text(|s| s.locale.as_ref(), |s| &mut s.locale),
            F::IdempotencyKey => {
                Slot::Text(|s| s.idempotency_key.as_ref(), |s| &mut s.idempotency_key)
            }
            F::TraceId => Slot::Text(|s| s.trace_id.as_ref(), |s| &mut s.trace_id),
            F::TestScenario => Slot::Text(|s| s.test_scenario.as_ref(), |s| &mut s.test_scenario),
            F::SessionDurationMinutes => Slot::Count(
                |s| s.session_duration_minutes,
                |s| &mut s.session_duration_minutes,
            ),
            F::MaxRetryAttempts => {
                Slot::Count(|s| s.max_retry_attempts, |s| &mut s.max_retry_attempts)
            }
            // The other fields have no slot (`mapping` says which kind each is).
            _ => return None,
        })
    }

    /// The text field of an address it is.
    pub(crate) fn address_slot(self) -> Option<AddressSlot> {
        use CanonicalField as F;
        Some(match self {
            F::AddressLine1 => (|a| a.line1.as_ref(), |a| &mut a.line1),
            F::AddressLine2 => (|a| a.line2.as_ref(), |a| &mut a.line2),
            F::AddressCity => (|a| a.city.as_ref(), |a| &mut a.city),
            F::AddressState => (|a| a.state.as_ref(), |a| &mut a.state),
            F::AddressPostalCode => (|a| a.postal_code.as_ref(), |a| &mut a.postal_code),
            F::AddressCountry => (|a| a.country.as_ref(), |a| &mut a.country),
            // The other fields have no slot (`mapping` says which kind each is).
            _ => return None,
        })
    }

    /// How the normaliser and the writer reach it.
    pub(crate) const fn mapping(self) -> Mapping {
        use CanonicalField as F;
        match self {
            F::Amount => Mapping::Amount,
            F::AmountCurrency => Mapping::Currency,
            F::Items => Mapping::Items,
            F::ItemName => Mapping::ItemName,
            F::ItemSku => Mapping::ItemSku,
            F::ItemQuantity => Mapping::ItemQuantity,
            F::ItemUnitPrice => Mapping::ItemUnitPrice,
            F::ItemExtra => Mapping::ItemExtra,
            F::PaymentMethods => Mapping::PaymentMethods,
            F::ClientIp => Mapping::ClientIp,
            F::Metadata => Mapping::Metadata,
            F::CustomerBillingAddress => Mapping::Address(Which::Billing),
            F::CustomerShippingAddress => Mapping::Address(Which::Shipping),
            F::AddressLine1
            | F::AddressLine2
            | F::AddressCity
            | F::AddressState
            | F::AddressPostalCode
            | F::AddressCountry => Mapping::AddressField(self),
            F::ShippingAmount
            | F::TaxAmount
            | F::MerchantReference
            | F::DisplayReference
            | F::Description
            | F::CustomerId
            | F::CustomerFirstName
            | F::CustomerLastName
            | F::CustomerEmail
            | F::CustomerPhone
            | F::ShippingKind
            | F::ShippingMethod
            | F::UrlRedirect
            | F::UrlSuccess
            | F::UrlCancel
            | F::UrlFailure
            | F::UrlWebhook
            | F::Locale
            | F::IdempotencyKey
            | F::TraceId
            | F::TestScenario
            | F::SessionDurationMinutes
            | F::MaxRetryAttempts => Mapping::Slot(self),
        }
    }

    /// Whether `s` has a value for it.
    fn is_in(self, s: &CheckoutSession<'_>) -> bool {
        let customer = s.customer.as_ref();
        match self.mapping() {
            Mapping::Slot(_) => self.slot().is_some_and(|slot| slot.is_in(s)),
            Mapping::AddressField(_) => self.address_slot().is_some_and(|(get, _)| {
                customer
                    .into_iter()
                    .flat_map(|c| [&c.billing_address, &c.shipping_address])
                    .flatten()
                    .any(|a| get(a).is_some())
            }),
            Mapping::Amount | Mapping::Currency => true,
            Mapping::Items | Mapping::ItemName | Mapping::ItemQuantity | Mapping::ItemUnitPrice => {
                !s.items.is_empty()
            }
            Mapping::ItemSku => s.items.iter().any(|i| i.sku.is_some()),
            Mapping::ItemExtra => s.items.iter().any(|i| i.extra.is_some()),
            Mapping::Address(which) => address(s, which).is_some(),
            Mapping::PaymentMethods => !s.payment_methods.is_empty(),
            Mapping::Metadata => s.metadata.is_some(),
            Mapping::ClientIp => s.client_ip.is_some(),
            Mapping::None | Mapping::Group => false,
        }
    }
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// `items[].extra`: an item's other members, which the normaliser keeps
    /// as they come and no table names.
    ItemExtra,
    /// `payment_methods`
    PaymentMethods,
    /// `client_ip`
    ClientIp,
    /// `metadata`
    Metadata,
    /// `customer.billing_address` or `customer.shipping_address`.
    Address(Which),
    /// One of `address.*`.
    AddressField(CanonicalField),
    /// A one-value field.
    Slot(CanonicalField),
}

/// Which of the customer's addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Where the bill goes.
    Billing,
    /// Where the goods go.
    Shipping,
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

    fn paths(fields: Vec<CanonicalField>) -> Vec<&'static str> {
        fields.into_iter().map(CanonicalField::path).collect()
    }

    /// `mapping` is the one place each field's kind is said; the slots
    /// agree with it.
    #[test]
    fn every_field_has_the_slot_its_mapping_says() {
        for &field in CanonicalField::ALL {
            let mapping = field.mapping();
            assert_eq!(
                matches!(mapping, Mapping::Slot(f) if f == field),
                field.slot().is_some(),
                "{field}"
            );
            assert_eq!(
                matches!(mapping, Mapping::AddressField(f) if f == field),
                field.address_slot().is_some(),
                "{field}"
            );
            assert_ne!(mapping, Mapping::None, "{field}");
        }
        assert_eq!(CanonicalField::ALL.len(), 42);
        assert_eq!(CanonicalField::CustomerEmail.path(), "customer.email");
    }

    /// Each field set alone is the one field present besides the amount.
    #[test]
    fn each_field_is_present_under_its_own_name() {
        let one = |set: Set<CheckoutSession>| {
            let mut s = session();
            set(&mut s);
            paths(s.present_fields())
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
            all.push((paths(s.present_fields()), expected));
        }
        for (set, field) in address_cases {
            let mut s = session();
            s.customer = Some(Customer {
                shipping_address: address(set),
                ..Customer::default()
            });
            all.push((
                paths(s.present_fields()),
                vec!["customer.shipping_address", field],
            ));
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
            paths(s.present_fields())
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
