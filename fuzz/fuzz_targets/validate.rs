#![no_main]

use checkout_rules::Dialect;
use libfuzzer_sys::fuzz_target;

// The first byte picks the dialect, from the registry; the rest is the body.
fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let dialect = Dialect::ALL[usize::from(pick) % Dialect::ALL.len()];
    checkout_rules_fuzz::validate(dialect, body);
});
