#![no_main]

use checkout_rules::Dialect;
use libfuzzer_sys::fuzz_target;

// The first byte picks the source and target dialects; the rest is the body.
fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let all = Dialect::ALL;
    let from = all[usize::from(pick) % all.len()];
    let to = all[usize::from(pick / 16) % all.len()];
    let conversion = from.convert(to, body, checkout_rules_fuzz::HEADERS);
    assert!(serde_json::from_str::<serde_json::Value>(&conversion.to_json()).is_ok());
    if let Some(text) = conversion.body_json() {
        // What a conversion writes, the target accepts.
        let headers: Vec<(&str, &str)> =
            conversion.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let report = to.validate(text.as_bytes(), &headers);
        assert!(report.is_valid(), "{from} -> {to}: {text}\n{:?}", report.violations());
        let source = conversion.normalized.expect("a converted request was normalised");
        assert_eq!(report.into_normalized().expect("valid").amount, source.amount);
    }
});
