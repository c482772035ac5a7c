//! Validation against its baselines, in one run:
//!
//! - **floor**: `serde_json` reading the same bytes into a plain typed struct
//!   with the same fields (borrowed `&str`), no checks; for Payviox also the
//!   floor plus an exact sum check in minor units;
//! - **checkout-rules**: validate and normalise, with the full report, by
//!   `Dialect::validate` and by a `Validator` that keeps its buffers;
//! - **JSON Schema**: the `jsonschema` crate with Payviox's own OpenAPI
//!   schema, parsing the bytes into a `serde_json::Value` first (Payviox
//!   requests only: the other providers publish no schema).
//!
//! Before measuring it prints the allocations each validation makes, per
//! JSON value of the request, counted by the global allocator.
//!
//! Run: `cargo bench -p checkout-rules-benches --bench validate`

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use checkout_rules::{Dialect, Validator};
use criterion::{Criterion, criterion_group, criterion_main};
use serde::Deserialize;

/// Counts allocations, to report how many validation makes.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on as it is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

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

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
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

/// Payviox's `CreateSessionRequest` schema, from the OpenAPI block of its
/// document.
fn payviox_schema() -> serde_json::Value {
    use yaml_rust2::{Yaml, YamlLoader};
    fn json(yaml: &Yaml) -> serde_json::Value {
        match yaml {
            Yaml::Hash(map) => serde_json::Value::Object(
                map.iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), json(v))))
                    .collect(),
            ),
            Yaml::Array(items) => serde_json::Value::Array(items.iter().map(json).collect()),
            Yaml::String(s) => serde_json::Value::from(s.as_str()),
            Yaml::Integer(i) => serde_json::Value::from(*i),
            Yaml::Boolean(b) => serde_json::Value::from(*b),
            _ => serde_json::Value::Null,
        }
    }
    let doc =
        std::fs::read_to_string(repo("docs/providers/payviox.txt")).expect("Payviox document");
    let start = doc.find("````yaml POST /session").expect("OpenAPI block");
    let block = &doc[start..];
    let yaml =
        &block[block.find('\n').expect("a line") + 1..block[1..].find("````").expect("its end")];
    let openapi = &YamlLoader::load_from_str(yaml).expect("YAML")[0];
    json(&openapi["components"]["schemas"]["CreateSessionRequest"])
}

/// The number of JSON values in a body: its "fields", for allocations per field.
fn values(v: &serde_json::Value) -> usize {
    1 + match v {
        serde_json::Value::Array(a) => a.iter().map(values).sum(),
        serde_json::Value::Object(o) => o.values().map(values).sum(),
        _ => 0,
    }
}

struct Case {
    name: String,
    dialect: Dialect,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
}

impl Case {
    fn headers(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

/// Every bundled example of every dialect (`examples/<dialect>/*.json`,
/// headers from `<name>.headers`), and a Payviox request with 100 items.
fn cases() -> Vec<Case> {
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
fn floor(dialect: Dialect, body: &[u8]) -> Option<bool> {
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
fn floor_with_sum(body: &[u8]) -> bool {
    serde_json::from_slice::<PayvioxFloor<'_>>(body).is_ok_and(|r| {
        r.items.iter().try_fold(0i64, |sum, i| {
            i.price
                .checked_mul(i.quantity)
                .and_then(|l| sum.checked_add(l))
        }) == Some(r.amount)
    })
}

fn allocations() {
    println!("allocations per validation (counted by the global allocator):");
    for case in cases() {
        let headers = case.headers();
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        black_box(case.dialect.validate(&case.body, &headers));
        let ours = ALLOCATIONS.load(Ordering::Relaxed) - before;
        // A validator's second request: its buffers already grown.
        let mut validator = Validator::new(case.dialect);
        black_box(validator.validate(&case.body, &headers));
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        black_box(validator.validate(&case.body, &headers));
        let reused = ALLOCATIONS.load(Ordering::Relaxed) - before;
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        black_box(floor(case.dialect, &case.body));
        let floor = ALLOCATIONS.load(Ordering::Relaxed) - before;
        let fields =
            serde_json::from_slice::<serde_json::Value>(&case.body).map_or(0, |v| values(&v));
        println!(
            "  {}: {ours} ({:.2} per JSON value, {fields} values), with a Validator {reused}; floor {floor}",
            case.name,
            ours as f64 / fields.max(1) as f64
        );
    }
}

fn bench(c: &mut Criterion) {
    allocations();
    let schema = payviox_schema();
    let json_schema = jsonschema::validator_for(&schema).expect("the schema compiles");
    for case in cases() {
        let mut group = c.benchmark_group(&case.name);
        if floor(case.dialect, &case.body).is_some() {
            group.bench_function("floor: serde_json typed", |b| {
                b.iter(|| floor(case.dialect, black_box(&case.body)))
            });
        }
        let headers = case.headers();
        if case.dialect == Dialect::PAYVIOX {
            group.bench_function("floor + exact sum", |b| {
                b.iter(|| floor_with_sum(black_box(&case.body)))
            });
            group.bench_function("JSON Schema: parse + jsonschema", |b| {
                b.iter(|| {
                    serde_json::from_slice::<serde_json::Value>(black_box(&case.body))
                        .is_ok_and(|v| json_schema.is_valid(&v))
                })
            });
        }
        group.bench_function("checkout-rules: validate + normalise", |b| {
            b.iter(|| {
                case.dialect
                    .validate(black_box(&case.body), &headers)
                    .is_valid()
            })
        });
        let mut validator = Validator::new(case.dialect);
        group.bench_function("checkout-rules: Validator, buffers kept", |b| {
            b.iter(|| {
                validator
                    .validate(black_box(&case.body), &headers)
                    .is_valid()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
