//! Validation against the floor: `serde_json` reading the same bytes into a
//! plain typed struct with borrowed strings, no checks at all.
//!
//! Run: `cargo bench -p checkout-rules-benches --bench validate`

use std::hint::black_box;

use checkout_rules::Dialect;
use criterion::{Criterion, criterion_group, criterion_main};
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

fn example(path: &str) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    std::fs::read(root.join(path)).expect("bundled example")
}

/// A Payviox request with `n` items that sum to its amount.
fn payviox_with_items(n: usize) -> Vec<u8> {
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

fn bench(c: &mut Criterion) {
    let payviox = [
        (
            "payviox/premium-subscription",
            example("payviox/premium-subscription.json"),
        ),
        ("payviox/100-items", payviox_with_items(100)),
    ];
    for (name, body) in &payviox {
        let mut group = c.benchmark_group(*name);
        group.bench_function("floor: serde_json typed", |b| {
            b.iter(|| serde_json::from_slice::<PayvioxFloor<'_>>(black_box(body)).map(|r| r.amount))
        });
        group.bench_function("checkout-rules: validate + normalise", |b| {
            b.iter(|| Dialect::Payviox.validate(black_box(body), &[]).is_valid())
        });
        group.finish();
    }

    let nairopay = example("nairopay/order-2025-001.json");
    let mut group = c.benchmark_group("nairopay/order-2025-001");
    group.bench_function("floor: serde_json typed", |b| {
        b.iter(|| {
            serde_json::from_slice::<NairopayFloor<'_>>(black_box(&nairopay)).map(|r| r.amount)
        })
    });
    group.bench_function("checkout-rules: validate + normalise", |b| {
        b.iter(|| {
            Dialect::Nairopay
                .validate(black_box(&nairopay), &[])
                .is_valid()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
