#![no_main]

use checkout_rules::Dialect;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    checkout_rules_fuzz::validate(Dialect::Orchestrator, data);
});
