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
