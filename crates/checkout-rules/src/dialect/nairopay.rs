//! Nairopay `POST /v1/payment-sessions` (`docs/providers/nairopay.txt`).

use crate::canonical::CanonicalField;
use crate::currency::CurrencySet;
use crate::rules::amount::Amount;
use crate::rules::text::Text;
use crate::schema::DialectSpec;
use crate::schema::{
    Field, HeaderField, IDEMPOTENCY_KEY_DECIDED, ObjectSpec, Rule, Source, UrlUse,
};

pub(super) static SPEC: DialectSpec = DialectSpec::new("nairopay", "Nairopay", &BODY)
    .document("docs/providers/nairopay.txt")
    // Line 18 of the document.
    .endpoint("/v1/payment-sessions")
    .headers(HEADERS)
    .cross_rules(&[])
    .notes(&[
        "`callback_url` sends the customer back after payment; it is not a server-to-server \
         webhook, so it normalises to `urls.redirect`.",
        "The document gives no API key format, so any bearer token is accepted.",
    ]);

static BODY: ObjectSpec = ObjectSpec::closed(&[
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
    .to(CanonicalField::Amount),
    Field::required(
        "currency",
        Rule::Currency(CurrencySet::Iso4217Current),
        &[
            Source::doc(36, "Currency code (e.g., `KES`)"),
            Source::decided("any current ISO 4217 code: the document names no list"),
        ],
    )
    .to(CanonicalField::AmountCurrency),
    Field::required(
        "reference",
        Rule::Text(Text::IDENTIFIER),
        &[Source::doc(37, "Unique identifier for this transaction")],
    )
    .to(CanonicalField::MerchantReference),
    Field::optional(
        "email",
        Rule::Email,
        &[Source::doc(38, "Customer's email address")],
    )
    .to(CanonicalField::CustomerEmail),
    Field::optional(
        "callback_url",
        Rule::Url(UrlUse::Redirect),
        &[Source::doc(
            39,
            "URL to redirect the customer after payment completion",
        )],
    )
    .to(CanonicalField::UrlRedirect),
]);

static HEADERS: &[HeaderField] = &[
    HeaderField::authorization(&[], &[Source::doc(26, "Bearer `<SECRET_API_KEY>`")]),
    HeaderField::content_type(&[Source::doc(27, "application/json")]),
    HeaderField::idempotency_key(false, &[IDEMPOTENCY_KEY_DECIDED]),
];
