//! Payviox `POST /session` (`docs/providers/payviox.txt`).

use crate::canonical::CanonicalField;
use crate::currency::CurrencySet;
use crate::number::MAX_SAFE_INTEGER;
use crate::rules::amount::{Amount, Unit};
use crate::rules::integer::IntRange;
use crate::rules::text::Text;
use crate::schema::DialectSpec;
use crate::schema::MethodField;
use crate::schema::{
    CrossCheck, CrossRule, Field, HeaderField, IDEMPOTENCY_KEY_DECIDED, ObjectSpec, Rule,
    Source,
};
use crate::violation::Code;

pub(super) static SPEC: DialectSpec = DialectSpec::new("payviox", "Payviox", &BODY)
    .document("docs/providers/payviox.txt")
    // Line 700 of the document.
    .endpoint("/session")
    .headers(HEADERS)
    .cross_rules(&[ITEMS_SUM_TO_AMOUNT, IP_NEEDS_SECRET_KEY])
    .notes(&[
        "The OpenAPI schema does not close the request object, but unknown top-level fields are \
         refused all the same (see above); items and `metadata` may carry any extra properties, \
         as the schema says, checked only so that every JSON reader reads them alike.",
    ])
    .methods(METHODS);

static BODY: ObjectSpec = ObjectSpec::closed(&[
    Field::required(
        "amount",
        Rule::Amount(Amount::minor(100)),
        &[
            Source::doc(678, "Minimum amount: 100 cents"),
            Source::doc(679, "Must be a positive integer"),
            Source::doc(749, "Payment amount in cents"),
        ],
    )
    .to(CanonicalField::Amount),
    Field::required(
        "currency",
        Rule::Currency(CurrencySet::Iso4217Current),
        &[Source::doc(753, "Three-letter ISO currency code")],
    )
    .to(CanonicalField::AmountCurrency),
    Field::required(
        "customer",
        Rule::Text(Text::IDENTIFIER),
        &[
            Source::doc(742, "- customer"),
            Source::doc(756, "Customer identifier"),
        ],
    )
    .to(CanonicalField::CustomerId),
    Field::required(
        "order_id",
        Rule::Text(Text::IDENTIFIER),
        &[
            Source::doc(743, "- order_id"),
            Source::doc(759, "Your unique order identifier"),
        ],
    )
    .to(CanonicalField::MerchantReference),
    Field::required(
        "items",
        Rule::List {
            min_items: 1,
            item: &Rule::Object(&ITEM),
        },
        &[
            Source::doc(684, "At least one item is required"),
            Source::doc(765, "additionalProperties: true"),
        ],
    )
    .to(CanonicalField::Items),
    Field::optional(
        "description",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(772, "Optional description of the payment")],
    )
    .to(CanonicalField::Description),
    Field::optional(
        "paymentMethodId",
        Rule::Text(Text::IDENTIFIER),
        &[Source::doc(
            775,
            "Force a specific payment method (optional)",
        )],
    )
    .to(CanonicalField::PaymentMethods),
    Field::optional(
        "ip",
        Rule::Ip,
        &[
            Source::doc(778, "Server-side only. The end-user's IP address"),
            Source::doc(
                56,
                "the payment page will verify that the user's IP matches. If there's a \
                 mismatch, the payment will be rejected with a **403 IP mismatch** error",
            ),
            Source::doc(52, r#""ip": "203.0.113.42""#),
            Source::decided(
                "an address that no end user on the internet can have (loopback, private, \
                 link-local, unspecified, or any other that is not globally reachable, in \
                 any spelling: `127.0.0.1`, `10.1.2.3`, `169.254.169.254`, `::1`, \
                 `fe80::1`, `::ffff:10.0.0.1`…) is refused (`private_address`), since the \
                 payment would then fail its IP match: it is almost always a proxy's or load \
                 balancer's address sent instead of the client's. Earlier any well-formed \
                 address was accepted. The documentation ranges stay accepted, the \
                 document's own example `203.0.113.42` among them",
            ),
        ],
    )
    .to(CanonicalField::ClientIp),
    Field::optional(
        "metadata",
        Rule::FreeObject,
        &[
            Source::doc(782, "Custom key-value pairs"),
            Source::doc(784, "additionalProperties: true"),
        ],
    )
    .to(CanonicalField::Metadata),
]);

static ITEM: ObjectSpec = ObjectSpec::open(&[
    Field::required(
        "name",
        Rule::Text(Text::NON_EMPTY),
        &[Source::doc(
            685,
            "Each item must have a name, quantity, and price",
        )],
    )
    .to(CanonicalField::ItemName),
    Field::required(
        "quantity",
        Rule::Integer(IntRange {
            min: 1,
            max: MAX_SAFE_INTEGER,
        }),
        &[Source::doc(686, "Quantity must be at least 1")],
    )
    .to(CanonicalField::ItemQuantity),
    Field::required(
        "price",
        Rule::Amount(Amount::minor(1)),
        &[Source::doc(687, "Price must be at least 1 cent")],
    )
    .to(CanonicalField::ItemUnitPrice),
]);

static HEADERS: &[HeaderField] = &[
    HeaderField::authorization(
        &["pk_", "sk_"],
        &[Source::doc(
            19,
            "accepts both **Public API Key** (client-side) and **Secret API Key**",
        )],
    ),
    HeaderField::content_type(&[Source::doc(69, "Content-Type: application/json")]),
    HeaderField::idempotency_key(false, &[IDEMPOTENCY_KEY_DECIDED]),
];

const ITEMS_SUM_TO_AMOUNT: CrossRule = CrossRule::new(
    "amount",
    CrossCheck::Sum {
        total: "/amount",
        list: "/items",
        price: "price",
        quantity: "quantity",
        parts: &[],
        unit: Unit::Minor,
    },
    &[Source::doc(
        680,
        "Total amount must equal the sum of all items (price × quantity)",
    )],
);

const IP_NEEDS_SECRET_KEY: CrossRule = CrossRule::new(
    "ip",
    CrossCheck::NotWithKey {
        field: "/ip",
        header: "Authorization",
        key_prefix: "pk_",
        code: Code::IpRequiresSecretKey,
        message: "`ip` may only be sent with a secret key (sk_…); with a public key Payviox captures the \
                  client's IP itself: remove `ip` or create the session from your server",
    },
    &[
        Source::doc(32, "No need to provide the `ip` parameter"),
        Source::doc(778, "Server-side only."),
        Source::decided(
            "without an Authorization header the key is unknown, and `ip` is judged on its own",
        ),
    ],
);

/// `paymentMethodId` forces one of Payviox's own methods; a list of allowed
/// kinds of method has no place in it.
const METHODS: MethodField = MethodField::ProviderId;
