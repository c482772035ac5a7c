//! The requests the benchmarks measure, and the serde_json floors they are
//! measured against: shared by the criterion bench (`validate.rs`) and the
//! instruction-count example (`profile.rs`).

use checkout_rules::Dialect;
use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct PayvioxFloor<'a> {
    amount: i64,
    currency: &'a str,
    customer: &'a str,
    order_id: &'a str,
    description: Option<&'a str>,
    #[serde(rename = "paymentMethodId")]
    payment_method_id: Option<&'a str>,
    ip: Option<&'a str>,
    #[serde(borrow)]
    metadata: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow)]
    items: Vec<ItemFloor<'a>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct ItemFloor<'a> {
    name: &'a str,
    quantity: i64,
    price: i64,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct NairopayFloor<'a> {
    amount: i64,
    currency: &'a str,
    reference: &'a str,
    email: Option<&'a str>,
    callback_url: Option<&'a str>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct KiotapayFloor<'a> {
    amount: f64,
    currency: &'a str,
    description: Option<&'a str>,
    success_url: Option<&'a str>,
    cancel_url: Option<&'a str>,
    #[serde(borrow)]
    payment_methods: Option<Vec<&'a str>>,
    external_reference: &'a str,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    reference: Option<&'a str>,
    callback_url: Option<&'a str>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct OrchestratorFloor<'a> {
    order_reference: &'a str,
    payment_method: &'a str,
    currency: &'a str,
    locale: Option<&'a str>,
    amount: AmountFloor,
    #[serde(borrow)]
    order_items: Vec<OrderItemFloor<'a>>,
    #[serde(borrow)]
    customer: CustomerFloor<'a>,
    #[serde(borrow)]
    shipping: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow)]
    additional_information: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow)]
    redirect_urls: Option<&'a serde_json::value::RawValue>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct AmountFloor {
    total: f64,
    shipping: Option<f64>,
    tax: Option<f64>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct OrderItemFloor<'a> {
    name: &'a str,
    sku: &'a str,
    quantity: i64,
    unit_price: f64,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct CustomerFloor<'a> {
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    phone: &'a str,
    #[serde(borrow)]
    billing_address: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow)]
    shipping_address: Option<&'a serde_json::value::RawValue>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct FlutterwaveFloor<'a> {
    amount: f64,
    currency: &'a str,
    customer_id: Option<&'a str>,
    redirect_url: Option<&'a str>,
    reference: &'a str,
    max_retry_attempts: Option<i64>,
    session_duration: Option<i64>,
}

pub fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

/// A Payviox request with `n` items that sum to its amount.
pub fn payviox_with_items(n: usize) -> Vec<u8> {
    let items: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"name": "Item {i}", "quantity": 2, "price": 150}}"#))
        .collect();
    format!(
        r#"{{"amount": {}, "currency": "USD", "customer": "customer_abc123", "order_id": "order_12345", "items": [{}]}}"#,
        n * 300,
        items.join(", ")
    )
    .into_bytes()
}

pub struct Case {
    pub name: String,
    pub dialect: Dialect,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

impl Case {
    pub fn headers(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

/// Every bundled example of every dialect (`examples/<dialect>/*.json`,
/// headers from `<name>.headers`), and a Payviox request with 100 items.
pub fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = checkout_rules_conformance::bundled_examples()
        .into_iter()
        .map(|(dialect, path, headers)| {
            let stem = path.file_stem().expect("a file name").to_string_lossy();
            Case {
                name: format!("{dialect}/{stem}"),
                dialect,
                body: std::fs::read(&path).expect("bundled example"),
                headers,
            }
        })
        .collect();
    cases.push(Case {
        name: String::from("payviox/100-items"),
        dialect: Dialect::PAYVIOX,
        body: payviox_with_items(100),
        headers: Vec::new(),
    });
    cases
}

/// The serde_json typed parse of the dialect's fields, where one is written
/// for it.
pub fn floor(dialect: Dialect, body: &[u8]) -> Option<bool> {
    let typed = if dialect == Dialect::NAIROPAY {
        serde_json::from_slice::<NairopayFloor<'_>>(body).is_ok()
    } else if dialect == Dialect::KIOTAPAY {
        serde_json::from_slice::<KiotapayFloor<'_>>(body).is_ok()
    } else if dialect == Dialect::PAYVIOX {
        serde_json::from_slice::<PayvioxFloor<'_>>(body).is_ok()
    } else if dialect == Dialect::ORCHESTRATOR {
        serde_json::from_slice::<OrchestratorFloor<'_>>(body).is_ok()
    } else if dialect == Dialect::FLUTTERWAVE {
        serde_json::from_slice::<FlutterwaveFloor<'_>>(body).is_ok()
    } else {
        return None;
    };
    Some(typed)
}

/// The floor plus the exact sum check in minor units, on the typed struct.
pub fn floor_with_sum(body: &[u8]) -> bool {
    serde_json::from_slice::<PayvioxFloor<'_>>(body).is_ok_and(|r| {
        r.items.iter().try_fold(0i64, |sum, i| {
            i.price
                .checked_mul(i.quantity)
                .and_then(|l| sum.checked_add(l))
        }) == Some(r.amount)
    })
}
