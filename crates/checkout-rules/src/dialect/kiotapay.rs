//! Kiotapay `POST /v1/checkout-sessions` (`docs/providers/kiotapay.txt`).

use crate::canonical::{CanonicalField, PaymentMethod};
use crate::currency::CurrencySet;
use crate::rules::amount::Amount;
use crate::rules::text::Text;
use crate::schema::DialectSpec;
use crate::schema::MethodField;
use crate::schema::{
    Field, HeaderField, IDEMPOTENCY_KEY_DECIDED, ObjectSpec, Rule, Source, UrlUse,
};

pub(super) static SPEC: DialectSpec = DialectSpec::new("kiotapay", "Kiotapay", &BODY)
    .document("docs/providers/kiotapay.txt")
    // Line 9 of the document.
    .endpoint("/api/sandbox/v1/checkout-sessions")
    .headers(HEADERS)
    .cross_rules(&[])
    .notes(&[
        "The document marks no field as required. `amount` and `currency` make the payment; \
         `externalReference` is required because the best practices say to *always* send a \
         unique one per order. Everything else is optional: the redirect URLs because the \
         document warns not to rely on frontend redirects, `callbackUrl` because it is only \
         preferred.",
        "`paymentMethods`, when sent, must list at least one method: an empty list would \
         allow the customer no way to pay.",
        "`callbackUrl` is a server-to-server webhook (the document says so), so it normalises \
         to `urls.webhook`; `successUrl` and `cancelUrl` are the customer's redirects.",
    ])
    .methods(METHODS);

static BODY: ObjectSpec = ObjectSpec::closed(&[
    Field::required(
        "amount",
        Rule::Amount(Amount::major_positive()),
        &[Source::doc(
            17,
            "Provide the full monetary amount in the currency specified.",
        )],
    )
    .to(CanonicalField::Amount),
    Field::required(
        "currency",
        Rule::Currency(CurrencySet::Iso4217Current),
        &[Source::doc(18, "Three-letter currency code.")],
    )
    .to(CanonicalField::AmountCurrency),
    Field::optional(
        "description",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(
            19,
            "Human-readable description of the payment.",
        )],
    )
    .to(CanonicalField::Description),
    Field::optional(
        "successUrl",
        Rule::Url(UrlUse::Redirect),
        &[Source::doc(
            20,
            "URL where the customer should be redirected after a successful payment.",
        )],
    )
    .to(CanonicalField::UrlSuccess),
    Field::optional(
        "cancelUrl",
        Rule::Url(UrlUse::Redirect),
        &[Source::doc(
            21,
            "URL where the customer should be redirected if they cancel the payment flow.",
        )],
    )
    .to(CanonicalField::UrlCancel),
    Field::optional(
        "paymentMethods",
        Rule::List {
            min_items: 1,
            item: &Rule::OneOf(&["CARD", "MPESA_STK"]),
        },
        &[
            Source::doc(
                22,
                "List of allowed payment methods for this checkout session.",
            ),
            Source::doc(2, "for methods such as:- CARD"),
            Source::doc(3, "- MPESA_STK"),
        ],
    )
    .to(CanonicalField::PaymentMethods),
    Field::required(
        "externalReference",
        Rule::Text(Text::IDENTIFIER),
        &[
            Source::doc(
                23,
                "Your own external reference for reconciliation, such as an order ID.",
            ),
            Source::doc(48, "- Always generate a unique"),
        ],
    )
    .to(CanonicalField::MerchantReference),
    Field::optional(
        "email",
        Rule::Email,
        &[Source::doc(24, "Customer email address.")],
    )
    .to(CanonicalField::CustomerEmail),
    Field::optional(
        "phone",
        Rule::Phone,
        &[Source::doc(
            25,
            "Customer phone number in international format.",
        )],
    )
    .to(CanonicalField::CustomerPhone),
    Field::optional(
        "reference",
        Rule::Text(Text::IDENTIFIER),
        &[Source::doc(
            26,
            "Reference shown or associated with the payment.",
        )],
    )
    .to(CanonicalField::DisplayReference),
    Field::optional(
        "callbackUrl",
        Rule::Url(UrlUse::Webhook),
        &[
            Source::doc(
                27,
                "Webhook URL that Kiotapay can notify with payment updates",
            ),
            Source::doc(
                55,
                "callbackUrlis intended for server-to-server notifications.",
            ),
        ],
    )
    .to(CanonicalField::UrlWebhook),
]);

static HEADERS: &[HeaderField] = &[
    HeaderField::authorization(
        &[],
        &[Source::doc(
            12,
            "Send your bearer token in theAuthorization header.",
        )],
    ),
    HeaderField::content_type(&[Source::doc(16, "application/json.")]),
    HeaderField::idempotency_key(false, &[IDEMPOTENCY_KEY_DECIDED]),
];

/// `paymentMethods`: `CARD` and `MPESA_STK`; a provider's own method has no
/// place.
const METHODS: MethodField = MethodField::Words(&[
    ("CARD", PaymentMethod::Card),
    ("MPESA_STK", PaymentMethod::MpesaStk),
]);
