//! Hostile requests, each with the violation it must produce: never a
//! crash, never a pass, never a silent repair.

use checkout_rules::report::Param;
use checkout_rules::{Dialect, Part};

const PAYVIOX: &str = r#"{"amount": 10000, "currency": "USD", "customer": "c", "order_id": "o", "items": [{"name": "P", "quantity": 1, "price": 10000}], "metadata": {"plan": "premium"}}"#;
const FLUTTERWAVE: &str = r#"{"amount": 12.34, "currency": "NGN", "reference": "ORDER-0001"}"#;
const KIOTAPAY: &str = r#"{"amount": 10, "currency": "KES", "externalReference": "R-1"}"#;

fn found(
    dialect: Dialect,
    body: &[u8],
    headers: &[(&str, &str)],
) -> Vec<(Part, String, &'static str)> {
    dialect
        .validate(body, headers)
        .violations()
        .iter()
        .map(|v| (v.part, v.path.clone(), v.code.as_str()))
        .collect()
}

fn body(path: &str, code: &'static str) -> Vec<(Part, String, &'static str)> {
    vec![(Part::Body, path.to_owned(), code)]
}

/// `base` with the text `from` replaced by `to` (once, and it must be there).
fn edit(base: &str, from: &str, to: &str) -> Vec<u8> {
    assert!(base.contains(from), "{from}");
    base.replacen(from, to, 1).into_bytes()
}

#[test]
fn duplicate_keys_at_every_depth_and_in_every_spelling() {
    let cases = [
        (
            edit(
                PAYVIOX,
                r#""amount": 10000,"#,
                r#""amount": 10000, "amount": 1,"#,
            ),
            "/amount",
        ),
        (
            edit(
                PAYVIOX,
                r#""amount": 10000,"#,
                r#""amount": 10000, "\u0061mount": 1,"#,
            ),
            "/amount",
        ),
        (
            edit(
                PAYVIOX,
                r#""amount": 10000,"#,
                r#""amount": 10000, "\u0061\u006D\u006f\u0075\u006e\u0074": 1,"#,
            ),
            "/amount",
        ),
        (
            edit(
                PAYVIOX,
                r#""price": 10000"#,
                r#""price": 10000, "price": 1"#,
            ),
            "/items/0/price",
        ),
        (
            edit(
                PAYVIOX,
                r#""name": "P""#,
                r#""name": "P", "n\u0061me": "Q""#,
            ),
            "/items/0/name",
        ),
        (
            edit(
                PAYVIOX,
                r#""plan": "premium""#,
                r#""plan": "premium", "plan": "free""#,
            ),
            "/metadata/plan",
        ),
        (
            edit(
                PAYVIOX,
                r#""plan": "premium""#,
                r#""a": {"b": {"c": 1, "c": 2}}"#,
            ),
            "/metadata/a/b/c",
        ),
    ];
    for (bytes, path) in cases {
        assert_eq!(
            found(Dialect::PAYVIOX, &bytes, &[]),
            body(path, "duplicate_key"),
            "{path}"
        );
    }
}

#[test]
fn numbers_that_are_not_amounts() {
    let minor = |amount: &str| {
        found(
            Dialect::PAYVIOX,
            &edit(
                PAYVIOX,
                "\"amount\": 10000",
                &format!("\"amount\": {amount}"),
            ),
            &[],
        )
    };
    assert_eq!(minor("1e400"), body("/amount", "exponent_notation"));
    assert_eq!(minor("1e-400"), body("/amount", "exponent_notation"));
    assert_eq!(minor("1E4"), body("/amount", "exponent_notation"));
    assert_eq!(minor("-0"), body("/amount", "below_minimum"));
    assert_eq!(minor(&"9".repeat(100)), body("/amount", "out_of_range"));
    assert_eq!(minor("0.30000000000000001"), body("/amount", "not_integer"));
    assert_eq!(minor("10000.0"), body("/amount", "not_integer"));
    let major = |amount: &str| {
        found(
            Dialect::FLUTTERWAVE,
            &edit(FLUTTERWAVE, "12.34", amount),
            &[],
        )
    };
    assert_eq!(
        major("0.30000000000000001"),
        body("/amount", "too_many_decimals")
    );
    // Exponent notation in major units is exact, decided from the digits
    // however large the exponent.
    assert!(major("1.234e1").is_empty());
    assert_eq!(major("1.2345e1"), body("/amount", "too_many_decimals"));
    assert_eq!(major("1e400"), body("/amount", "out_of_range"));
    assert_eq!(major("1e-400"), body("/amount", "too_many_decimals"));
    assert_eq!(
        major("1e99999999999999999999999999999999"),
        body("/amount", "out_of_range")
    );
    let started = std::time::Instant::now();
    let long_exponent = format!("1e{}", "9".repeat(100_000));
    assert_eq!(major(&long_exponent), body("/amount", "out_of_range"));
    let long_fraction = format!("0.{}1e-99999999", "0".repeat(100_000));
    assert_eq!(major(&long_fraction), body("/amount", "too_many_decimals"));
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(major("-0"), body("/amount", "below_minimum"));
    assert_eq!(
        major(&format!("{}.00", "9".repeat(100))),
        body("/amount", "out_of_range")
    );
    // JSON has no NaN, Infinity, hex or leading zeros.
    for bad in [
        "NaN",
        "Infinity",
        "-Infinity",
        "0x10",
        "012.34",
        "+12.34",
        ".5",
        "12.",
    ] {
        assert_eq!(major(bad), body("", "malformed_json"), "{bad}");
    }
}

#[test]
fn bytes_that_are_not_json_text() {
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(FLUTTERWAVE.as_bytes());
    assert_eq!(
        found(Dialect::FLUTTERWAVE, &bom, &[]),
        body("", "byte_order_mark")
    );
    let latin1 = edit(FLUTTERWAVE, "ORDER-0001", "ORDER-\u{e9}")
        .iter()
        .map(|&b| if b == 0xC3 { 0xE9 } else { b })
        .filter(|&b| b != 0xA9)
        .collect::<Vec<u8>>();
    assert_eq!(
        found(Dialect::FLUTTERWAVE, &latin1, &[]),
        body("", "invalid_utf8")
    );
    let truncated = &FLUTTERWAVE.as_bytes()[..20];
    assert_eq!(
        found(Dialect::FLUTTERWAVE, truncated, &[]),
        body("", "malformed_json")
    );
    assert_eq!(
        found(Dialect::FLUTTERWAVE, b"", &[]),
        body("", "malformed_json")
    );
    assert_eq!(
        found(Dialect::FLUTTERWAVE, b"   ", &[]),
        body("", "malformed_json")
    );
    assert_eq!(
        found(Dialect::FLUTTERWAVE, b"[]", &[]),
        body("", "invalid_type")
    );
    assert_eq!(
        found(Dialect::FLUTTERWAVE, br#"[{"amount": 1}]"#, &[]),
        body("", "invalid_type")
    );
    assert_eq!(
        found(Dialect::FLUTTERWAVE, b"null", &[]),
        body("", "invalid_type")
    );
    let twice = format!("{FLUTTERWAVE}{FLUTTERWAVE}");
    assert_eq!(
        found(Dialect::FLUTTERWAVE, twice.as_bytes(), &[]),
        body("", "malformed_json")
    );
}

#[test]
fn control_characters_and_surrogates_in_strings() {
    // Raw, a control character is not JSON; escaped, it is refused in text.
    let raw = edit(FLUTTERWAVE, "ORDER-0001", "ORDER\u{0}0001");
    assert_eq!(
        found(Dialect::FLUTTERWAVE, &raw, &[]),
        body("", "malformed_json")
    );
    for escaped in [
        "ORDER\\u00000001",
        "ORDER\\n0001",
        "ORDER\\u001b0001",
        "ORDER\\u007f0001",
    ] {
        let bytes = edit(KIOTAPAY, "R-1", escaped);
        assert_eq!(
            found(Dialect::KIOTAPAY, &bytes, &[]),
            body("/externalReference", "control_character"),
            "{escaped}"
        );
    }
    let bytes = edit(KIOTAPAY, "R-1", "R\\ud800-1");
    assert_eq!(
        found(Dialect::KIOTAPAY, &bytes, &[]),
        body("/externalReference", "lone_surrogate")
    );
    let bytes = edit(KIOTAPAY, "R-1", "R\\udc00\\ud800-1");
    assert_eq!(
        found(Dialect::KIOTAPAY, &bytes, &[]),
        [
            body("/externalReference", "lone_surrogate"),
            body("/externalReference", "lone_surrogate")
        ]
        .concat()
    );
    // A NUL in free-form metadata is refused too.
    let bytes = edit(PAYVIOX, "premium\"}", "pre\\u0000mium\"}");
    assert_eq!(
        found(Dialect::PAYVIOX, &bytes, &[]),
        body("/metadata/plan", "control_character")
    );
}

#[test]
fn identifiers_that_look_like_others_and_text_that_shows_nothing() {
    // A reference with an invisible character at an end reads like the
    // merchant's, but is not the one stored.
    for spelled in [
        "\\u200bR-1",
        "\\ufeffR-1",
        "R-1\\u2060",
        "R-1\\u00ad",
        "\\u200eR-1",
    ] {
        let bytes = edit(KIOTAPAY, "R-1", spelled);
        assert_eq!(
            found(Dialect::KIOTAPAY, &bytes, &[]),
            body("/externalReference", "invisible_character"),
            "{spelled}"
        );
    }
    for blank in ["   ", "\\u200b\\u200c\\u200d", "\\u3164", "\\u2800\\u200b"] {
        let bytes = edit(
            PAYVIOX,
            "\"name\": \"P\"",
            &format!("\"name\": \"{blank}\""),
        );
        assert_eq!(
            found(Dialect::PAYVIOX, &bytes, &[]),
            body("/items/0/name", "blank"),
            "{blank}"
        );
    }
    // A key's prefix alone is no key.
    assert_eq!(
        found(
            Dialect::PAYVIOX,
            PAYVIOX.as_bytes(),
            &[("Authorization", "Bearer sk_")]
        ),
        vec![(
            Part::Header,
            "Authorization".to_owned(),
            "invalid_authorization"
        )]
    );
}

#[test]
fn header_values_that_would_split_a_request() {
    for value in [
        "Bearer sk_1\r\nX-Injected: 1",
        "Bearer sk_1\nX: 1",
        "Bearer sk_1\r",
        "Bearer sk_\u{0}1",
    ] {
        assert_eq!(
            found(
                Dialect::PAYVIOX,
                PAYVIOX.as_bytes(),
                &[("Authorization", value)]
            ),
            vec![(
                Part::Header,
                "Authorization".to_owned(),
                "invalid_header_value"
            )],
            "{value:?}"
        );
    }
    assert_eq!(
        found(
            Dialect::FLUTTERWAVE,
            FLUTTERWAVE.as_bytes(),
            &[("X-Idempotency-Key", "idempotency-key\r\n1")]
        ),
        vec![(
            Part::Header,
            "X-Idempotency-Key".to_owned(),
            "invalid_header_value"
        )]
    );
}

#[test]
fn size_and_depth() {
    let deep = format!(
        "{{\"metadata\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(
        found(Dialect::PAYVIOX, deep.as_bytes(), &[]),
        body("", "too_deep")
    );
    let unclosed = "[".repeat(100_000);
    assert_eq!(
        found(Dialect::PAYVIOX, unclosed.as_bytes(), &[]),
        body("", "too_deep")
    );
    let huge = edit(PAYVIOX, "\"c\"", &format!("\"{}\"", "c".repeat(10 << 20)));
    assert_eq!(
        found(Dialect::PAYVIOX, &huge, &[]),
        body("", "body_too_large")
    );
    // Many keys in one object stay fast and every duplicate is found.
    let mut many = String::from("{\"plan\": \"premium\"");
    for i in 0..20_000 {
        many.push_str(&format!(", \"k{i}\": {i}"));
    }
    many.push_str(", \"k19999\": 0}");
    let bytes = edit(PAYVIOX, r#"{"plan": "premium"}"#, &many);
    assert_eq!(
        found(Dialect::PAYVIOX, &bytes, &[]),
        body("/metadata/k19999", "duplicate_key")
    );
    // One key repeated 50,000 times, then as many lone surrogates: each is
    // reported with its line and column, and the positions are found from
    // checkpoints rather than by counting from the start each time (that
    // took seconds on a body a tenth of the size limit).
    let repeated = format!("{{{}}}", vec!["\n\"k\": 1"; 50_000].join(","));
    let report = Dialect::PAYVIOX.validate(repeated.as_bytes(), &[]);
    let duplicates: Vec<_> = report
        .violations()
        .iter()
        .filter(|v| v.code.as_str() == "duplicate_key")
        .collect();
    assert_eq!(duplicates.len(), 49_999);
    let last = duplicates.last().unwrap();
    assert_eq!(last.param("line"), Some(&Param::Int(50_001)));
    assert_eq!(last.param("column"), Some(&Param::Int(1)));
    let surrogates = format!("[{}]", vec!["\"\\ud800\""; 50_000].join(","));
    let report = Dialect::PAYVIOX.validate(surrogates.as_bytes(), &[]);
    let last = report
        .violations()
        .iter()
        .rfind(|v| v.code.as_str() == "lone_surrogate")
        .unwrap();
    assert_eq!(last.param("column"), Some(&Param::Int(3 + 9 * 49_999)));
}

#[test]
fn urls_that_only_look_harmless() {
    let url = |u: &str| {
        found(
            Dialect::NAIROPAY,
            format!(
                r#"{{"amount": 1, "currency": "KES", "reference": "R", "callback_url": {}}}"#,
                serde_json::to_string(u).unwrap()
            )
            .as_bytes(),
            &[],
        )
    };
    for u in [
        "https://2130706433/",
        "https://0x7f000001/",
        "https://0177.0.0.1/",
        "https://127.1/",
        "https://good.example@evil.example/",
        "https://good.example:pass@evil.example/",
        "https://exa\tmple.example/",
        "https://example.example/pa\nth",
        "https://example.example\\@evil.example/",
        "javascript:alert(document.domain)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "//evil.example/",
        "https:evil.example",
        " https://example.example/",
    ] {
        assert_eq!(url(u), body("/callback_url", "invalid_url"), "{u:?}");
    }
    // Well written but internal: a redirect may point there (the customer's
    // browser goes), a webhook may not (a server would fetch it).
    assert!(url("https://[::ffff:127.0.0.1]/").is_empty());
    let webhook = |u: &str| {
        found(Dialect::KIOTAPAY, format!(r#"{{"amount": 1, "currency": "KES", "externalReference": "R", "callbackUrl": "{u}"}}"#).as_bytes(), &[])
    };
    assert_eq!(
        webhook("https://[::ffff:127.0.0.1]/"),
        body("/callbackUrl", "private_address")
    );
    assert_eq!(
        webhook("https://169.254.169.254/latest/meta-data/"),
        body("/callbackUrl", "private_address")
    );
    // Internal addresses in other spellings, and names that stand for
    // internal hosts.
    for internal in [
        "https://[::127.0.0.1]/",
        "https://[2002:7f00:1::]/",
        "https://[2002:c0a8:101::1]/",
        "https://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
        "https://[64:ff9b:1::a9fe:a9fe]/latest/meta-data/",
        "https://[2001:0:4136:e378:8000:63bf:3f57:fefe]/",
        "https://[fec0::1]/",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://METADATA.GOOGLE.INTERNAL/",
        "https://printer.local/",
        "https://nas.home.arpa/",
        "https://admin.localhost/",
        "https://metadata/computeMetadata/v1/",
    ] {
        assert_eq!(
            webhook(internal),
            body("/callbackUrl", "private_address"),
            "{internal}"
        );
    }
    assert_eq!(
        webhook("http://hooks.merchant.example/"),
        body("/callbackUrl", "insecure_url")
    );
}

#[test]
fn end_user_addresses_of_the_senders_own_network() {
    // A proxy's or load balancer's address where Payviox wants the end
    // user's, in the spellings a proxy passes on.
    for ip in [
        "127.0.0.1",
        "10.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:7f00:1",
        "::10.0.0.1",
        "fe80::1",
        "169.254.169.254",
        "64:ff9b::a00:1",
    ] {
        let request = edit(
            PAYVIOX,
            r#""metadata""#,
            &format!(r#""ip": "{ip}", "metadata""#),
        );
        assert_eq!(
            found(Dialect::PAYVIOX, &request, &[]),
            body("/ip", "private_address"),
            "{ip}"
        );
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    use checkout_rules_conformance::{
        assert_conversion_invariants, assert_report_invariants, valid_example,
    };
    // A deterministic spread of byte strings, and of valid requests with a
    // few bytes changed, in every dialect, each report and conversion held
    // to the fuzz targets' invariants; the property tests and the fuzzers
    // cover far more.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % 1_000_000).unwrap_or(0)
    };
    let alphabet = b"{}[]\",:0123456789.eE-+ntrufals\\u\xC3\xA9\xFF ";
    let (mut valid, mut converted) = (0, 0);
    for round in 0..2000 {
        let dialect = Dialect::ALL[round % Dialect::ALL.len()];
        let to = Dialect::ALL[(round / Dialect::ALL.len()) % Dialect::ALL.len()];
        let (example, headers) = valid_example(dialect);
        let mut bytes: Vec<u8> = if round % 2 == 0 {
            let len = next() % 200;
            (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect()
        } else {
            example.into_bytes()
        };
        if round % 2 == 1 {
            for _ in 0..=next() % 3 {
                let at = next() % bytes.len();
                bytes[at] = alphabet[next() % alphabet.len()];
            }
        }
        let mut with_key = headers.to_vec();
        with_key.push(("Authorization", "Bearer pk_1"));
        valid += usize::from(assert_report_invariants(dialect, &bytes, &with_key));
        converted += usize::from(assert_conversion_invariants(dialect, to, &bytes, headers));
    }
    // Some changed requests stay valid (111 of these, and 47 convert), so
    // the checks of a written-back session and a converted body run.
    assert!(
        valid > 50 && converted > 20,
        "{valid} valid, {converted} converted"
    );
}

/// Every field of `spec` the body has, with its pointer and whether it is
/// required; a list's first element stands for the rest.
fn present_fields(
    spec: &checkout_rules::schema::ObjectSpec,
    body: &serde_json::Value,
    at: &str,
    out: &mut Vec<(String, bool)>,
) {
    use checkout_rules::schema::Rule;
    for field in spec.fields {
        let Some(value) = body.get(field.name) else {
            continue;
        };
        let pointer = format!("{at}/{}", field.name);
        out.push((pointer.clone(), field.required));
        match field.rule {
            Rule::Object(inner) => present_fields(inner, value, &pointer, out),
            Rule::List {
                item: Rule::Object(inner),
                ..
            } => {
                if let Some(first) = value.get(0) {
                    present_fields(inner, first, &format!("{pointer}/0"), out);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn null_gets_advice_that_works() {
    use checkout_rules_conformance::{check, valid_example, with};
    let mut required = 0;
    let mut optional = 0;
    for &dialect in Dialect::ALL {
        let (text, headers) = valid_example(dialect);
        let tree: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut fields = Vec::new();
        present_fields(dialect.spec().body, &tree, "", &mut fields);
        for (pointer, is_required) in fields {
            let report = check(dialect, &with(&text, &pointer, Some("null")), headers);
            let found: Vec<_> = report
                .violations()
                .iter()
                .map(|v| (v.path.as_str(), v.code.as_str()))
                .collect();
            assert_eq!(found, [(pointer.as_str(), "invalid_type")], "{dialect}");
            let message = &report.violations()[0].message;
            let omitted = check(dialect, &with(&text, &pointer, None), headers);
            if is_required {
                required += 1;
                // Omitting it is no way out: the advice is to send a value.
                assert!(
                    omitted
                        .violations()
                        .iter()
                        .any(|v| v.path == pointer && v.code.as_str() == "required"),
                    "{dialect} {pointer}"
                );
                assert!(!message.contains("omit"), "{dialect} {pointer}: {message}");
                assert!(
                    message.contains("the field is required, so send a"),
                    "{dialect} {pointer}: {message}"
                );
            } else {
                optional += 1;
                // Left out, it is fine (what is left may still have to add up).
                assert!(
                    omitted.violations().iter().all(|v| v.path != pointer),
                    "{dialect} {pointer}: {:?}",
                    omitted.violations()
                );
                assert!(
                    message.ends_with("; omit the field instead of sending null"),
                    "{dialect} {pointer}: {message}"
                );
            }
        }
    }
    assert!(
        required >= 20 && optional >= 20,
        "{required} required, {optional} optional"
    );
    // An element of a list, and the body itself, are no field to omit.
    let payviox = checkout_rules_conformance::with(PAYVIOX, "/items/0", Some("null"));
    let report = Dialect::PAYVIOX.validate(payviox.as_bytes(), &[]);
    assert_eq!(
        report.violations()[0].message,
        "`items.0` must be an object; it is null"
    );
    let report = Dialect::PAYVIOX.validate(b"null", &[]);
    assert_eq!(
        report.violations()[0].message,
        "the body must be an object; it is null"
    );
    // One field at a time, as a form checks it, says the same.
    let v = Dialect::PAYVIOX
        .validate_field("/customer", Some("null"), None)
        .unwrap();
    assert_eq!(
        v[0].message,
        "`customer` must be a string; it is null; the field is required, so send a string"
    );
    let v = Dialect::PAYVIOX
        .validate_field("/description", Some("null"), None)
        .unwrap();
    assert_eq!(
        v[0].message,
        "`description` must be a string; it is null; omit the field instead of sending null"
    );
}

#[test]
fn with_body_only_no_header_reaches_the_session() {
    use checkout_rules::Options;
    use checkout_rules_conformance::valid_example;
    let mut dialects = 0;
    for &dialect in Dialect::ALL {
        let (text, _) = valid_example(dialect);
        let mapped: Vec<_> = dialect
            .spec()
            .headers
            .iter()
            .filter_map(|h| Some((h.name, h.canonical?)))
            .collect();
        if mapped.is_empty() {
            continue;
        }
        dialects += 1;
        let good: Vec<(&str, &str)> = mapped
            .iter()
            .map(|&(name, _)| (name, "key-0123456789ab"))
            .collect();
        let bad: Vec<(&str, &str)> = mapped.iter().map(|&(name, _)| (name, "a\u{1}b")).collect();
        // Checked, the headers are carried into the session...
        let checked = dialect.validate(text.as_bytes(), &good);
        let session = checked.normalized().unwrap();
        for &(name, canonical) in &mapped {
            assert!(session.has(canonical), "{dialect}: {name}");
        }
        // ...unchecked, never, whether they are right or wrong.
        let alone = dialect.validate_with(text.as_bytes(), &[], &Options::body_only());
        for headers in [&good, &bad] {
            let report = dialect.validate_with(text.as_bytes(), headers, &Options::body_only());
            assert!(report.is_valid(), "{dialect}: {:?}", report.violations());
            let session = report.normalized().unwrap();
            for &(name, canonical) in &mapped {
                assert!(!session.has(canonical), "{dialect}: {name} {headers:?}");
            }
            assert_eq!(report, alone, "{dialect}");
        }
        // The wrong ones are refused when headers are checked.
        let report = dialect.validate(text.as_bytes(), &bad);
        assert_eq!(report.violations().len(), mapped.len(), "{dialect}");
    }
    assert_eq!(dialects, Dialect::ALL.len());
}

#[test]
fn with_body_only_a_key_in_a_header_is_not_judged_either() {
    // Payviox refuses `ip` with a public key; judging the body alone, the key
    // is unknown, as without the header.
    let with_ip = edit(
        PAYVIOX,
        r#""customer": "c","#,
        r#""customer": "c", "ip": "203.0.113.42","#,
    );
    let public = [("Authorization", "Bearer pk_live_1")];
    assert_eq!(
        found(Dialect::PAYVIOX, &with_ip, &public),
        body("/ip", "ip_requires_secret_key")
    );
    let alone =
        Dialect::PAYVIOX.validate_with(&with_ip, &public, &checkout_rules::Options::body_only());
    assert!(alone.is_valid(), "{:?}", alone.violations());
}
