//! One bench case, validated N times, for counting instructions with
//! callgrind (steadier than time on a shared machine): `benches/instructions.sh`
//! runs it. Usage: `profile CASE N [validate|validator|floor]`, with CASE a
//! name the criterion bench prints (`payviox/premium-subscription`,
//! `payviox/100-items`).

// Shared with the criterion bench, which uses the rest of it.
#[allow(dead_code)]
mod cases;

use std::hint::black_box;

use checkout_rules::Validator;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, name, n, how] = args.as_slice() else {
        eprintln!("usage: profile CASE N validate|validator|floor");
        std::process::exit(2);
    };
    let case = cases::cases()
        .into_iter()
        .find(|c| c.name == *name)
        .unwrap_or_else(|| panic!("no case {name}"));
    let n: usize = n.parse().expect("a count");
    let headers = case.headers();
    let mut validator = Validator::new(case.dialect);
    let mut accepted = 0;
    for _ in 0..n {
        let valid = match how.as_str() {
            "validate" => case
                .dialect
                .validate(black_box(&case.body), &headers)
                .is_valid(),
            "validator" => validator
                .validate(black_box(&case.body), &headers)
                .is_valid(),
            "floor" => cases::floor(case.dialect, black_box(&case.body)) == Some(true),
            _ => panic!("validate, validator or floor, not {how}"),
        };
        accepted += usize::from(valid);
    }
    println!("{accepted} of {n} accepted");
}
