//! Flutterwave `POST /checkout/sessions` (`docs/providers/flutterwave.txt`).

use crate::canonical::CanonicalField;
use crate::currency::CurrencySet;
use crate::rules::amount::Amount;
use crate::rules::integer::IntRange;
use crate::rules::text::{Pattern, Text};
use crate::schema::DialectSpec;
use crate::schema::{
    Field, HeaderField, HeaderRule, ObjectSpec, Rule, Source, UrlUse,
};

pub(super) static SPEC: DialectSpec = DialectSpec::new("flutterwave", "Flutterwave", &BODY)
    .document("docs/providers/flutterwave.txt")
    // Line 9 of the document.
    .endpoint("/checkout/sessions")
    .headers(HEADERS)
    .cross_rules(&[])
    .notes(&[
        "The document marks no body field as required. `amount` and `currency` make the \
         payment and `reference` identifies it (it \"must be unique across all your \
         transactions\"), so those three are required; the rest are optional.",
        "`currency` is exactly the document's list of 160 codes: it keeps codes ISO 4217 has \
         withdrawn (`ZMK`, `VEF`, `BYR`, `LTL`, `EEK`…, with the exponents they had) and \
         lacks some current ones (`SLE`, `MRU`, `VED`…), which are refused.",
        "`max_retry_attempts` defaults to 3 at Flutterwave when absent; the canonical form \
         leaves it absent rather than inventing the value.",
        "The document's example request is a template (`\"<string>\"` placeholders), so it is \
         refused: its `reference` has `<` and `>`, its `redirect_url` is not a URL.",
    ]);

/// Flutterwave's currency list, as the document enumerates it (sorted here,
/// twenty codes a line).
static CURRENCIES: &str = concat!(
    "AEDAFNALLAMDANGAOAAQDARSAUDAZNBAMBBDBDTBGNBHDBIFBMDBNDBOBBRL",
    "BSDBWPBYRBZDCADCDFCHFCLPCNYCOPCRCCUPCVECYPCZKDJFDKKDOPDZDECS",
    "EEKEGPETBEURFJDFKPGBPGELGGPGHSGIPGMDGNFGTQGYDHKDHNLHRKHTGHUF",
    "IDRILSINRIQDIRRISKJMDJODJPYKESKGSKHRKMFKPWKRWKWDKYDKZTLAKLBP",
    "LKRLRDLSLLTLLVLLYDMADMDLMGAMKDMMKMNTMOPMROMTLMURMVRMWKMXNMYR",
    "MZNNADNGNNIONOKNPRNZDOMRPABPENPGKPHPPKRPLNPYGQARRONRSDRUBRWF",
    "SARSBDSCRSDGSEKSGDSKKSLLSOSSRDSTDSVCSYPSZLTHBTJSTMTTNDTOPTRY",
    "TTDTWDTZSUAHUGXUSDUYUUZSVEFVNDVUVXAFXCDXOFXPFYERZARZMKZMWZWD",
);

static ALPHANUMERIC_OR_DASH: Pattern = Pattern {
    regex: r"^[a-zA-Z0-9\-]+$",
    description: "letters A–Z and a–z, digits and `-`",
    allows: |c| c.is_ascii_alphanumeric() || c == '-',
};

static BODY: ObjectSpec = ObjectSpec::closed(&[
    Field::required(
        "amount",
        Rule::Amount(Amount::major("0.01")),
        &[
            Source::doc(74, "The payment amount in decimals."),
            Source::doc(76, "Required range: x >= 0.01"),
        ],
    )
    .to(CanonicalField::Amount),
    Field::required(
        "currency",
        Rule::Currency(CurrencySet::Listed {
            provider: "Flutterwave",
            codes: CURRENCIES,
        }),
        &[
            Source::doc(84, "ISO 4217 currency code."),
            Source::doc(86, "Available options:"),
        ],
    )
    .to(CanonicalField::AmountCurrency),
    Field::optional(
        "customer_id",
        Rule::Text(Text::IDENTIFIER),
        &[Source::doc(254, "ID of the customer")],
    )
    .to(CanonicalField::CustomerId),
    Field::optional(
        "redirect_url",
        Rule::Url(UrlUse::Redirect),
        &[Source::doc(
            259,
            "Specifies the URL to redirect to after payment.",
        )],
    )
    .to(CanonicalField::UrlRedirect),
    Field::required(
        "reference",
        Rule::Text(
            Text::IDENTIFIER
                .length(6, 42)
                .pattern(&ALPHANUMERIC_OR_DASH),
        ),
        &[
            Source::doc(264, "This must be unique across all your transactions."),
            Source::doc(266, "Required string length: 6 - 42"),
            Source::doc(267, "Pattern: ^[a-zA-Z0-9\\-]+$"),
        ],
    )
    .to(CanonicalField::MerchantReference),
    Field::optional(
        "max_retry_attempts",
        Rule::Integer(IntRange { min: 0, max: 10 }),
        &[
            Source::doc(270, "default:3"),
            Source::doc(274, "Required range: 0 <= x <= 10"),
        ],
    )
    .to(CanonicalField::MaxRetryAttempts),
    Field::optional(
        "session_duration",
        Rule::Integer(IntRange { min: 5, max: 2880 }),
        &[
            Source::doc(278, "The session duration (in minutes) to keep active."),
            Source::doc(280, "Required range: 5 <= x <= 2880"),
        ],
    )
    .to(CanonicalField::SessionDurationMinutes),
]);

static HEADERS: &[HeaderField] = &[
    HeaderField::authorization(
        &[],
        &[Source::doc(
            47,
            "Bearer authentication header of the form Bearer <token>",
        )],
    ),
    HeaderField::content_type(&[Source::doc(11, "Content-Type: application/json")]),
    HeaderField::new(
        "X-Trace-Id",
        false,
        HeaderRule::Text(Text::IDENTIFIER.length(12, 255)),
        &[
            Source::doc(54, "A unique identifier to track this operation."),
            Source::doc(56, "Required string length: 12 - 255"),
        ],
    )
    .to(CanonicalField::TraceId),
    HeaderField::new(
        "X-Idempotency-Key",
        false,
        HeaderRule::Text(Text::IDENTIFIER.length(12, 255)),
        &[
            Source::doc(60, "A unique identifier to prevent duplicate requests."),
            Source::doc(62, "Required string length: 12 - 255"),
        ],
    )
    .to(CanonicalField::IdempotencyKey),
    HeaderField::new(
        "X-Scenario-Key",
        false,
        HeaderRule::Text(Text::NON_EMPTY.length(1, 1000)),
        &[Source::doc(
            66,
            "The key should be a string of 1 to 1000 characters.",
        )],
    )
    .to(CanonicalField::TestScenario),
];
