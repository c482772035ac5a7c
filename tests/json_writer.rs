//! The crate's own JSON writer writes exactly what `serde_json` writes, for
//! every report and conversion of the conformance corpus.

use checkout_rules::Dialect;
use checkout_rules_conformance::corpus;

#[test]
fn reports_are_written_as_serde_json_writes_them() {
    let mut reports = 0;
    for case in corpus() {
        let report = case
            .dialect
            .validate(case.body.as_bytes(), &case.header_refs());
        assert_eq!(
            report.to_json(),
            serde_json::to_string(&report).unwrap(),
            "{}: {}",
            case.dialect.name(),
            case.body
        );
        let mut appended = String::from("before\n");
        report.append_json(&mut appended);
        assert_eq!(appended, format!("before\n{}", report.to_json()));
        reports += 1;
    }
    assert!(reports > 2000, "{reports} reports");
}

#[test]
fn conversions_are_written_as_serde_json_writes_them() {
    let cases = corpus();
    let mut converted = 0;
    for (i, case) in cases.iter().enumerate() {
        // Every case to the next dialect along, so that every pair occurs.
        let to = Dialect::ALL[(i + 1) % Dialect::ALL.len()];
        let conversion = case
            .dialect
            .convert(to, case.body.as_bytes(), &case.header_refs());
        assert_eq!(
            conversion.to_json(),
            serde_json::to_string(&conversion).unwrap()
        );
        assert_eq!(
            conversion.body_json(),
            conversion
                .body
                .as_ref()
                .map(|b| serde_json::to_string(b).unwrap())
        );
        converted += usize::from(conversion.is_ok());
    }
    assert!(converted > 100, "{converted} conversions succeeded");
}

/// Numbers a free-form value may hold, each in a spelling a reader could
/// change: a sign on zero, trailing zeros, exponents of each form.
const SPELLINGS: &[&str] = &[
    "-0",
    "0",
    "-0.0",
    "0.0",
    "1.0",
    "-1.50",
    "0.10",
    "1e2",
    "1E2",
    "1e+2",
    "1E-2",
    "-1.5e300",
    "2.5E-300",
    "9007199254740991",
    "-9007199254740991",
    "-5",
    "100",
];

/// The free-form object of the spellings, compact: what must come back.
fn spelled() -> String {
    let members: Vec<String> = SPELLINGS
        .iter()
        .enumerate()
        .map(|(i, n)| format!("\"n{i}\":{n}"))
        .collect();
    format!(
        "{{{},\"list\":[{}]}}",
        members.join(","),
        SPELLINGS.join(",")
    )
}

fn written(value: Option<&checkout_rules::json::Value<'_>>) -> Option<String> {
    value.and_then(checkout_rules::json::to_string)
}

#[test]
fn free_form_numbers_are_written_back_exactly_as_they_came() {
    use checkout_rules::body::{Payviox, from_slice};
    let free = spelled();
    let body = format!(
        r#"{{"amount": 100, "currency": "USD", "customer": "c", "order_id": "o",
            "items": [{{"name": "P", "quantity": 1, "price": 100, "extra": {free}}}],
            "metadata": {free}}}"#
    );
    let report = Dialect::PAYVIOX.validate(body.as_bytes(), &[]);
    assert!(report.is_valid(), "{:?}", report.violations());
    let session = report.normalized().unwrap();
    let metadata = session.metadata.as_ref().unwrap();
    assert_eq!(
        checkout_rules::json::to_string(metadata),
        Some(free.clone())
    );
    let extra = session.items[0].extra.as_ref().unwrap();
    assert_eq!(written(extra.get("extra")), Some(free.clone()));
    // In the report, in serde_json's writing too.
    for json in [report.to_json(), serde_json::to_string(&report).unwrap()] {
        assert!(json.contains(&format!("\"metadata\":{free}")), "{json}");
    }
    // Written back in the dialect, and converted to it.
    let encoded = Dialect::PAYVIOX.encode(session);
    let converted = Dialect::PAYVIOX.convert(Dialect::PAYVIOX, body.as_bytes(), &[]);
    for c in [&encoded, &converted] {
        let out = c.body.as_ref().unwrap();
        assert_eq!(written(out.get("metadata")), Some(free.clone()));
        let items = out.get("items").and_then(|i| i.as_array()).unwrap();
        let item = items[0].as_object().unwrap();
        assert_eq!(written(item.get("extra")), Some(free.clone()));
        // And read again, the same session.
        let text = c.body_json().unwrap();
        let again = Dialect::PAYVIOX.validate(text.as_bytes(), &[]);
        assert_eq!(again.normalized(), Some(session));
    }
    // Through the typed body.
    let typed: Payviox = from_slice(body.as_bytes()).unwrap();
    let text = serde_json::to_string(&typed).unwrap();
    assert!(text.contains(&format!("\"metadata\":{free}")), "{text}");
    assert!(text.contains(&format!("\"extra\":{free}")), "{text}");
}

#[test]
fn free_form_numbers_cross_dialects_exactly() {
    // Orchestrator `additionalInformation` is Payviox `metadata`.
    let free = spelled();
    let (orchestrator, headers) = checkout_rules_conformance::valid_example(Dialect::ORCHESTRATOR);
    let orchestrator =
        checkout_rules_conformance::with(&orchestrator, "/additionalInformation", Some(&free));
    let c = Dialect::ORCHESTRATOR.convert(Dialect::ORCHESTRATOR, orchestrator.as_bytes(), headers);
    let out = c.body.as_ref().unwrap();
    assert_eq!(
        written(out.get("additionalInformation")),
        Some(free.clone())
    );
    let session = c.normalized.unwrap();
    let mut payviox = session.clone();
    payviox.customer.as_mut().unwrap().id = Some("customer_1".into());
    payviox.shipping_amount = None;
    payviox.tax_amount = None;
    payviox.amount = payviox.items[0].unit_price;
    let c = Dialect::PAYVIOX.encode(&payviox);
    assert!(c.is_ok(), "{:?}", c.violations);
    assert_eq!(
        written(c.body.as_ref().unwrap().get("metadata")),
        Some(free)
    );
}
