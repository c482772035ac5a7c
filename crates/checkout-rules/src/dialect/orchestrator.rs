//! The routing orchestrator's `POST /api/v1/sessions`
//! (`docs/providers/orchestrator.txt`).

use crate::canonical::{CanonicalField, PaymentMethod};
use crate::currency::CurrencySet;
use crate::number::MAX_SAFE_INTEGER;
use crate::rules::amount::{Amount, Unit};
use crate::rules::integer::IntRange;
use crate::rules::text::Text;
use crate::schema::DialectSpec;
use crate::schema::MethodField;
use crate::schema::{
    CrossCheck, CrossRule, Field, HeaderField, ObjectSpec, Rule, Source, UrlUse,
};

pub(super) static SPEC: DialectSpec =
    DialectSpec::new("orchestrator", "the routing orchestrator", &BODY)
        .document("docs/providers/orchestrator.txt")
        // Line 7 of the document.
        .endpoint("/api/v1/sessions")
        .headers(HEADERS)
        .cross_rules(&[TOTAL_IS_THE_SUM])
        .notes(&[
            "The document's schema is cut short after `shipping`; the fields it does not list \
             (`orderItems`, `additionalInformation`, `redirectUrls`) and the fields inside objects \
             are taken from its example request. Members an object does not list are refused, \
             except inside `additionalInformation`, which is free-form.",
            "`amount.total` is required and positive; `shipping` and `tax` may be absent or zero \
             (free shipping, no tax). Each is at most the currency's decimals.",
            "`orderItems` is required with at least one item, because the total is checked against \
             the items; each item has a name, a SKU, a quantity of at least 1 and a positive \
             `unitPrice`.",
            "In `customer`, the names, e-mail and phone are required; the addresses are optional, \
             and in an address `line1`, `city` and `country` are required, the rest optional \
             (not every country has states or postal codes).",
            "`redirectUrls.success` and `.failure` are each optional; when given they are URLs.",
            "`Authorization` carries a JWT; its contents are the orchestrator's to judge, so any \
             bearer token is accepted.",
        ])
        .methods(METHODS);

static BODY: ObjectSpec = ObjectSpec::closed(&[
    Field::required(
        "orderReference",
        Rule::Text(Text::IDENTIFIER),
        &[
            Source::doc(123, "orderReferencestring"),
            Source::doc(124, "Required"),
        ],
    )
    .to(CanonicalField::MerchantReference),
    Field::required(
        "paymentMethod",
        Rule::OneOf(&["card"]),
        &[Source::doc(129, "Allowed values:card")],
    )
    .to(CanonicalField::PaymentMethods),
    Field::required(
        "currency",
        Rule::Currency(CurrencySet::Iso4217Current),
        &[Source::doc(133, "ISO 4217 alphabetic currency code.")],
    )
    .to(CanonicalField::AmountCurrency),
    Field::optional(
        "locale",
        Rule::Locale,
        &[Source::doc(139, "Locale code, for example en_AU.")],
    )
    .to(CanonicalField::Locale),
    Field::required(
        "amount",
        Rule::Object(&AMOUNT),
        &[
            Source::doc(143, "amountobject"),
            Source::doc(144, "Required"),
        ],
    ),
    Field::required(
        "orderItems",
        Rule::List {
            min_items: 1,
            item: &Rule::Object(&ORDER_ITEM),
        },
        &[
            Source::doc(21, "\"orderItems\": ["),
            Source::decided(
                "required, with at least one item: the total is checked against them",
            ),
        ],
    )
    .to(CanonicalField::Items),
    Field::required(
        "customer",
        Rule::Object(&CUSTOMER),
        &[
            Source::doc(145, "customerobject"),
            Source::doc(146, "Required"),
        ],
    ),
    Field::optional(
        "shipping",
        Rule::Object(&SHIPPING),
        &[Source::doc(147, "shippingobject")],
    ),
    Field::optional(
        "additionalInformation",
        Rule::FreeObject,
        &[Source::doc(55, "\"additionalInformation\": {")],
    )
    .to(CanonicalField::Metadata),
    Field::optional(
        "redirectUrls",
        Rule::Object(&REDIRECT_URLS),
        &[Source::doc(59, "\"redirectUrls\": {")],
    ),
]);

static AMOUNT: ObjectSpec = ObjectSpec::closed(&[
    Field::required(
        "total",
        Rule::Amount(Amount::major_positive()),
        &[Source::doc(17, "\"total\": 140.76,")],
    )
    .to(CanonicalField::Amount),
    Field::optional(
        "shipping",
        Rule::Amount(Amount::major_non_negative()),
        &[Source::doc(18, "\"shipping\": 9.95,")],
    )
    .to(CanonicalField::ShippingAmount),
    Field::optional(
        "tax",
        Rule::Amount(Amount::major_non_negative()),
        &[Source::doc(19, "\"tax\": 11.81")],
    )
    .to(CanonicalField::TaxAmount),
]);

static ORDER_ITEM: ObjectSpec = ObjectSpec::closed(&[
    Field::required(
        "name",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(23, "\"name\": \"Wireless Headphones\",")],
    )
    .to(CanonicalField::ItemName),
    Field::required(
        "sku",
        Rule::Text(Text::IDENTIFIER),
        &[Source::doc(24, "\"sku\": \"WH-100\",")],
    )
    .to(CanonicalField::ItemSku),
    Field::required(
        "quantity",
        Rule::Integer(IntRange {
            min: 1,
            max: MAX_SAFE_INTEGER,
        }),
        &[Source::doc(25, "\"quantity\": 1,")],
    )
    .to(CanonicalField::ItemQuantity),
    Field::required(
        "unitPrice",
        Rule::Amount(Amount::major_positive()),
        &[Source::doc(26, "\"unitPrice\": 119")],
    )
    .to(CanonicalField::ItemUnitPrice),
]);

static CUSTOMER: ObjectSpec = ObjectSpec::closed(&[
    Field::required(
        "firstName",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(30, "\"firstName\": \"Jane\",")],
    )
    .to(CanonicalField::CustomerFirstName),
    Field::required(
        "lastName",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(31, "\"lastName\": \"Smith\",")],
    )
    .to(CanonicalField::CustomerLastName),
    Field::required(
        "email",
        Rule::Email,
        &[Source::doc(32, "\"email\": \"jane.smith@example.com\",")],
    )
    .to(CanonicalField::CustomerEmail),
    Field::required(
        "phone",
        Rule::Phone,
        &[Source::doc(33, "\"phone\": \"+61412345678\",")],
    )
    .to(CanonicalField::CustomerPhone),
    Field::optional(
        "billingAddress",
        Rule::Object(&ADDRESS),
        &[Source::doc(34, "\"billingAddress\": {")],
    )
    .to(CanonicalField::CustomerBillingAddress),
    Field::optional(
        "shippingAddress",
        Rule::Object(&ADDRESS),
        &[Source::doc(42, "\"shippingAddress\": {")],
    )
    .to(CanonicalField::CustomerShippingAddress),
]);

static ADDRESS: ObjectSpec = ObjectSpec::closed(&[
    Field::required(
        "line1",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(35, "\"line1\": \"123 Collins Street\",")],
    )
    .to(CanonicalField::AddressLine1),
    Field::optional(
        "line2",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(36, "\"line2\": \"Level 5\",")],
    )
    .to(CanonicalField::AddressLine2),
    Field::required(
        "city",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(37, "\"city\": \"Melbourne\",")],
    )
    .to(CanonicalField::AddressCity),
    Field::optional(
        "state",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(38, "\"state\": \"VIC\",")],
    )
    .to(CanonicalField::AddressState),
    Field::optional(
        "postalCode",
        Rule::Text(Text::IDENTIFIER),
        &[Source::doc(39, "\"postalCode\": \"3000\",")],
    )
    .to(CanonicalField::AddressPostalCode),
    Field::required(
        "country",
        Rule::Country,
        &[Source::doc(40, "\"country\": \"AU\"")],
    )
    .to(CanonicalField::AddressCountry),
]);

static SHIPPING: ObjectSpec = ObjectSpec::closed(&[
    Field::optional(
        "type",
        Rule::Text(Text::IDENTIFIER),
        &[Source::doc(52, "\"type\": \"express\",")],
    )
    .to(CanonicalField::ShippingKind),
    Field::optional(
        "method",
        Rule::Text(Text::IDENTIFIER),
        &[Source::doc(53, "\"method\": \"aus_post\"")],
    )
    .to(CanonicalField::ShippingMethod),
]);

static REDIRECT_URLS: ObjectSpec = ObjectSpec::closed(&[
    Field::optional(
        "success",
        Rule::Url(UrlUse::Redirect),
        &[Source::doc(
            60,
            "\"success\": \"https://merchant.example.com/checkout/success\",",
        )],
    )
    .to(CanonicalField::UrlSuccess),
    Field::optional(
        "failure",
        Rule::Url(UrlUse::Redirect),
        &[Source::doc(
            61,
            "\"failure\": \"https://merchant.example.com/checkout/failure\"",
        )],
    )
    .to(CanonicalField::UrlFailure),
]);

static HEADERS: &[HeaderField] = &[
    HeaderField::authorization(
        &[],
        &[Source::doc(
            111,
            "Bearer token (JWT). Authentication token required.",
        )],
    ),
    HeaderField::content_type(&[Source::doc(93, "Options: application/json")]),
    HeaderField::idempotency_key(
        true,
        &[
            Source::doc(96, "Required"),
            Source::doc(98, "Can be any opaque string up to 255 characters."),
        ],
    ),
];

const TOTAL_IS_THE_SUM: CrossRule = CrossRule::new(
    "amount.total",
    CrossCheck::Sum {
        total: "/amount/total",
        list: "/orderItems",
        price: "unitPrice",
        quantity: "quantity",
        parts: &["/amount/shipping", "/amount/tax"],
        unit: Unit::Major,
    },
    &[
        Source::doc(17, "\"total\": 140.76,"),
        Source::decided("the document's own example adds up exactly: 119 + 9.95 + 11.81 = 140.76"),
    ],
);

/// `paymentMethod` allows only `card`, and is required: a session without
/// methods gets `card`, one without cards cannot be converted.
const METHODS: MethodField = MethodField::Only("card", &PaymentMethod::Card);
