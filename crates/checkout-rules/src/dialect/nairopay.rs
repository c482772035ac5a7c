//! Nairopay `POST /v1/payment-sessions` (`docs/providers/nairopay.txt`).

use super::DialectSpec;
use crate::canonical::{CheckoutSession, Customer};
use crate::convert::Writer;
use crate::currency::{Currency, CurrencySet};
use crate::rules::amount::{Amount, Unit};
use crate::rules::text::Text;
use crate::schema::{
    Extra, Field, HeaderField, IDEMPOTENCY_KEY_DECIDED, ObjectSpec, Request, Rule, Source, UrlUse,
    docs_list, read,
};

pub(super) static SPEC: DialectSpec = DialectSpec {
    name: "nairopay",
    provider: "Nairopay",
    document: "docs/providers/nairopay.txt",
    body: &BODY,
    headers: HEADERS,
    cross_rules: &[],
    notes: docs_list(&[
        "`callback_url` sends the customer back after payment; it is not a server-to-server \
         webhook, so it normalises to `urls.redirect`.",
        "The document gives no API key format, so any bearer token is accepted.",
    ]),
    normalize,
    encode,
};

static BODY: ObjectSpec = ObjectSpec {
    extra: Extra::Reject,
    fields: &[
        Field::required(
            "amount",
            Rule::Amount(Amount::minor(1)),
            &[
                Source::doc(35, "Amount in smallest currency unit (e.g., cents)"),
                Source::decided(
                    "positive: a payment session for nothing, or for a refund, is not a payment",
                ),
            ],
        )
        .to("amount"),
        Field::required(
            "currency",
            Rule::Currency(CurrencySet::Iso4217Current),
            &[
                Source::doc(36, "Currency code (e.g., `KES`)"),
                Source::decided("any current ISO 4217 code: the document names no list"),
            ],
        )
        .to("amount.currency"),
        Field::required(
            "reference",
            Rule::Text(Text::IDENTIFIER),
            &[Source::doc(37, "Unique identifier for this transaction")],
        )
        .to("merchant_reference"),
        Field::optional(
            "email",
            Rule::Email,
            &[Source::doc(38, "Customer's email address")],
        )
        .to("customer.email"),
        Field::optional(
            "callback_url",
            Rule::Url(UrlUse::Redirect),
            &[Source::doc(
                39,
                "URL to redirect the customer after payment completion",
            )],
        )
        .to("urls.redirect"),
    ],
};

static HEADERS: &[HeaderField] = &[
    HeaderField::authorization(&[], &[Source::doc(26, "Bearer `<SECRET_API_KEY>`")]),
    HeaderField::content_type(&[Source::doc(27, "application/json")]),
    HeaderField::idempotency_key(false, &[IDEMPOTENCY_KEY_DECIDED]),
];

fn normalize(request: &Request<'_, '_>, currency: Currency) -> Option<CheckoutSession> {
    let body = request.body;
    let mut session = CheckoutSession::new(read::money(body, "amount", Unit::Minor, currency)?);
    session.merchant_reference = read::text(body, "reference");
    let email = read::text(body, "email");
    if email.is_some() {
        session.customer = Some(Customer {
            email,
            ..Customer::default()
        });
    }
    session.urls.redirect = read::text(body, "callback_url");
    Some(session)
}

fn encode(session: &CheckoutSession, w: &mut Writer) {
    w.amount("/amount", "/currency", session.amount, Unit::Minor);
    w.required_text(
        "/reference",
        session.merchant_reference.as_ref(),
        "merchant_reference",
    );
    let customer = session.customer.as_ref();
    w.text(
        "/email",
        customer.and_then(|c| c.email.as_ref()),
        "customer.email",
    );
    w.text(
        "/callback_url",
        session.urls.redirect.as_ref(),
        "urls.redirect",
    );
    w.header(
        "Idempotency-Key",
        session.idempotency_key.as_ref(),
        "idempotency_key",
        false,
    );
}
