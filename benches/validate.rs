//! Validation against its baselines, in one run:
//!
//! - **floor**: `serde_json` reading the same bytes into a plain typed struct
//!   with the same fields (borrowed `&str`), no checks; for Payviox also the
//!   floor plus an exact sum check in minor units;
//! - **checkout-rules**: validate and normalise, with the full report, by
//!   `Dialect::validate` and by a `Validator` that keeps its buffers;
//! - **JSON Schema**: the `jsonschema` crate with Payviox's own OpenAPI
//!   schema, parsing the bytes into a `serde_json::Value` first (Payviox
//!   requests only: the other providers publish no schema), answering
//!   valid or not, and listing every error with its message and place.
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

mod cases;

use cases::{cases, floor, floor_with_sum, repo};

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
            // Every error with its message and place, as our report has
            // them, where `is_valid` stops at the first.
            group.bench_function("JSON Schema: parse + every error", |b| {
                b.iter(|| {
                    serde_json::from_slice::<serde_json::Value>(black_box(&case.body)).map(|v| {
                        json_schema
                            .iter_errors(&v)
                            .map(|e| (e.to_string(), String::from(e.instance_path().as_str())))
                            .collect::<Vec<_>>()
                    })
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
