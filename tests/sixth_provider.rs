//! A provider defined outside the core crate, with nothing but the public
//! table DSL: an amount in major units inside a nested object, a currency
//! that is not a top-level field, a header rule of its own and a cross
//! rule. It validates, normalises and converts to and from the shipped
//! dialects as they do.

use checkout_rules::Dialect;
use checkout_rules::canonical::{CanonicalField, PaymentMethod};
use checkout_rules::report::Part;
use checkout_rules::schema::{
    Amount, CrossCheck, CrossRule, DialectSpec, Field, HeaderField, HeaderRule, IntRange,
    MethodField, ObjectSpec, Rule, Source, Text, Unit, UrlUse,
};
use checkout_rules::{CurrencySet, MAX_SAFE_INTEGER};

static ZAWADI: DialectSpec = DialectSpec::new("zawadi", "Zawadi", &BODY)
    .endpoint("/v2/checkouts")
    .headers(HEADERS)
    .cross_rules(&[LINES_SUM_TO_TOTAL])
    .notes(&["A provider made up for this test."])
    .methods(MethodField::Words(&[
        ("card", PaymentMethod::Card),
        ("mpesa", PaymentMethod::MpesaStk),
    ]));

const SIXTH: Dialect = Dialect::new(&ZAWADI);

static BODY: ObjectSpec = ObjectSpec::closed(&[
    Field::required(
        "payment",
        Rule::Object(&PAYMENT),
        &[Source::decided("the money")],
    ),
    Field::required("ref", Rule::Text(Text::IDENTIFIER), &[]).to(CanonicalField::MerchantReference),
    Field::optional(
        "lines",
        Rule::List {
            min_items: 1,
            item: &Rule::Object(&LINE),
        },
        &[],
    )
    .to(CanonicalField::Items),
    Field::optional("email", Rule::Email, &[]).to(CanonicalField::CustomerEmail),
    Field::optional("back", Rule::Url(UrlUse::Redirect), &[]).to(CanonicalField::UrlRedirect),
    Field::optional(
        "methods",
        Rule::List {
            min_items: 1,
            item: &Rule::OneOf(&["card", "mpesa"]),
        },
        &[],
    )
    .to(CanonicalField::PaymentMethods),
]);

static PAYMENT: ObjectSpec = ObjectSpec::closed(&[
    Field::required("total", Rule::Amount(Amount::major_positive()), &[])
        .to(CanonicalField::Amount),
    Field::required("currency", Rule::Currency(CurrencySet::Iso4217Current), &[])
        .to(CanonicalField::AmountCurrency),
]);

static LINE: ObjectSpec = ObjectSpec::closed(&[
    Field::required("title", Rule::Text(Text::NON_EMPTY), &[]).to(CanonicalField::ItemName),
    Field::required(
        "count",
        Rule::Integer(IntRange {
            min: 1,
            max: MAX_SAFE_INTEGER,
        }),
        &[],
    )
    .to(CanonicalField::ItemQuantity),
    Field::required("each", Rule::Amount(Amount::major_positive()), &[])
        .to(CanonicalField::ItemUnitPrice),
]);

static HEADERS: &[HeaderField] = &[
    HeaderField::new(
        "X-Zawadi-Merchant",
        true,
        HeaderRule::Text(Text::IDENTIFIER.length(4, 16)),
        &[],
    ),
    HeaderField::idempotency_key(false, &[]),
];

const LINES_SUM_TO_TOTAL: CrossRule = CrossRule::new(
    "payment.total",
    CrossCheck::Sum {
        total: "/payment/total",
        list: "/lines",
        price: "each",
        quantity: "count",
        parts: &[],
        unit: Unit::Major,
    },
    &[],
);

const MERCHANT: (&str, &str) = ("X-Zawadi-Merchant", "shop-42");

const VALID: &str = r#"{
    "payment": {"total": 25.00, "currency": "EUR"},
    "ref": "Z-1001",
    "lines": [{"title": "Basket", "count": 2, "each": 12.5}],
    "email": "customer@example.com",
    "methods": ["mpesa", "card"]
}"#;

fn found(report: &checkout_rules::Report<'_>) -> Vec<(Part, String, &'static str)> {
    report
        .violations()
        .iter()
        .map(|v| (v.part, v.path.clone(), v.code.as_str()))
        .collect()
}

#[test]
fn a_valid_request_normalises_exactly() {
    let report = SIXTH.validate(VALID.as_bytes(), &[MERCHANT]);
    assert!(report.is_valid(), "{:?}", report.violations());
    let session = report.normalized().unwrap();
    assert_eq!(session.amount.to_major_string(), "25.00");
    assert_eq!(session.amount.currency().code(), "EUR");
    assert_eq!(session.merchant_reference.as_deref(), Some("Z-1001"));
    assert_eq!(session.items.len(), 1);
    assert_eq!(session.items[0].name, "Basket");
    assert_eq!(session.items[0].quantity, 2);
    assert_eq!(session.items[0].unit_price.minor(), 1250);
    assert_eq!(
        session.payment_methods,
        [PaymentMethod::MpesaStk, PaymentMethod::Card]
    );
    assert_eq!(SIXTH.name(), "zawadi");
    assert_eq!(SIXTH.to_string(), "zawadi");
    assert_ne!(SIXTH, Dialect::PAYVIOX);
    assert!(!Dialect::ALL.contains(&SIXTH));
    assert_eq!(SIXTH.currencies(), CurrencySet::Iso4217Current);
}

#[test]
fn its_rules_are_judged_where_they_are() {
    // The nested amount is checked in the nested currency's exponent.
    let report = SIXTH.validate(
        br#"{"payment": {"total": 25.001, "currency": "EUR"}, "ref": "Z-1001"}"#,
        &[MERCHANT],
    );
    assert_eq!(
        found(&report),
        [(Part::Body, "/payment/total".to_owned(), "too_many_decimals")]
    );
    // Yen has no minor unit: 25.5 is too precise there, 25 is fine.
    let yen = SIXTH.validate(
        br#"{"payment": {"total": 25, "currency": "JPY"}, "ref": "Z-1001"}"#,
        &[MERCHANT],
    );
    assert!(yen.is_valid(), "{:?}", yen.violations());
    let report = SIXTH.validate(
        br#"{"payment": {"total": 25, "currency": "usd"}, "ref": "Z-1001"}"#,
        &[MERCHANT],
    );
    assert_eq!(
        found(&report),
        [(
            Part::Body,
            "/payment/currency".to_owned(),
            "unknown_currency"
        )]
    );
    // The cross rule: the lines add up to 20.00, not 25.00.
    let report = SIXTH.validate(
        br#"{"payment": {"total": 25.00, "currency": "EUR"}, "ref": "Z-1001",
             "lines": [{"title": "Basket", "count": 2, "each": 10}]}"#,
        &[MERCHANT],
    );
    assert_eq!(
        found(&report),
        [(Part::Body, "/payment/total".to_owned(), "amount_mismatch")]
    );
    let mismatch = &report.violations()[0];
    assert!(
        mismatch.message.contains("25.00") && mismatch.message.contains("20.00"),
        "{}",
        mismatch.message
    );
    // The header rule: required, then held to its length.
    let report = SIXTH.validate(VALID.as_bytes(), &[]);
    assert_eq!(
        found(&report),
        [(Part::Header, "X-Zawadi-Merchant".to_owned(), "required")]
    );
    let report = SIXTH.validate(VALID.as_bytes(), &[("x-zawadi-merchant", "abc")]);
    assert_eq!(
        found(&report),
        [(Part::Header, "X-Zawadi-Merchant".to_owned(), "too_short")]
    );
    // Unknown members are refused at their own depth.
    let report = SIXTH.validate(
        br#"{"payment": {"total": 25, "currency": "EUR", "tip": 1}, "ref": "Z-1001"}"#,
        &[MERCHANT],
    );
    assert_eq!(
        found(&report),
        [(Part::Body, "/payment/tip".to_owned(), "unknown_field")]
    );
}

#[test]
fn it_converts_to_and_from_the_shipped_dialects() {
    // To Kiotapay, which has a place for each field: exact amounts, the
    // methods in Kiotapay's words.
    let to_kiotapay = SIXTH.convert(Dialect::KIOTAPAY, VALID.as_bytes(), &[MERCHANT]);
    assert!(to_kiotapay.is_ok(), "{:?}", to_kiotapay.violations);
    let text = to_kiotapay.body_json().unwrap();
    assert!(text.contains(r#""amount":25.00,"#), "{text}");
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["currency"], "EUR");
    assert_eq!(body["externalReference"], "Z-1001");
    assert_eq!(
        body["paymentMethods"],
        serde_json::json!(["MPESA_STK", "CARD"])
    );
    // The items have no place in Kiotapay: left out, with a notice.
    assert!(
        to_kiotapay.notices.iter().any(|n| n.field == "items"),
        "{:?}",
        to_kiotapay.notices
    );

    // From Payviox's example: minor units become major units in the nested
    // object, the items become lines, and what has no place is said.
    let payviox = std::fs::read(
        checkout_rules_conformance::repo_root().join("examples/payviox/premium-subscription.json"),
    )
    .unwrap();
    let from_payviox = Dialect::PAYVIOX.convert(SIXTH, &payviox, &[]);
    // Zawadi's merchant header has no canonical field to fill it.
    assert_eq!(
        from_payviox
            .violations
            .iter()
            .map(|v| (v.path.as_str(), v.code.as_str()))
            .collect::<Vec<_>>(),
        [("X-Zawadi-Merchant", "required")]
    );
    let source = from_payviox.normalized.clone().unwrap();
    let written = SIXTH.encode(&source);
    assert_eq!(written.violations.len(), 1);

    // Nairopay to Zawadi: everything is written but the merchant header,
    // which no canonical field fills.
    let nairopay = br#"{"amount": 2500, "currency": "KES", "reference": "ORDER-2025-001"}"#;
    let there = Dialect::NAIROPAY.convert(SIXTH, nairopay, &[]);
    assert_eq!(
        there
            .violations
            .iter()
            .map(|v| v.path.as_str())
            .collect::<Vec<_>>(),
        ["X-Zawadi-Merchant"]
    );
    let session = there.normalized.unwrap();
    // And back, from the Zawadi request with those values.
    let zawadi = r#"{"payment": {"total": 25.00, "currency": "KES"}, "ref": "ORDER-2025-001"}"#;
    let back = SIXTH.convert(Dialect::NAIROPAY, zawadi.as_bytes(), &[MERCHANT]);
    assert!(back.is_ok(), "{:?}", back.violations);
    assert_eq!(
        back.body_json().unwrap(),
        r#"{"amount":2500,"currency":"KES","reference":"ORDER-2025-001"}"#
    );
    assert_eq!(back.normalized.unwrap().amount, session.amount);
}

#[test]
fn its_rules_document_and_form_constraints_come_from_the_same_tables() {
    let constraints = SIXTH.constraints(None);
    let paths: Vec<&str> = constraints.iter().map(|c| c.path.as_str()).collect();
    for path in [
        "/payment/total",
        "/payment/currency",
        "/ref",
        "/lines/*/each",
    ] {
        assert!(paths.contains(&path), "{path} in {paths:?}");
    }
    assert!(paths.contains(&"X-Zawadi-Merchant"), "{paths:?}");
}
