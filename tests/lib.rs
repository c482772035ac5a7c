//! Helpers shared by the conformance tests.

pub mod iana;

use std::path::PathBuf;

use checkout_rules::json::{Limits, Value, parse};
use checkout_rules::{Dialect, Part, Report};

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Validates a body given as JSON text; the report owns its text, so that
/// tests can build bodies in place.
pub fn check(dialect: Dialect, body: &str, headers: &[(&str, &str)]) -> Report<'static> {
    dialect.validate(body.as_bytes(), headers).into_owned()
}

/// The `(path, code)` of every violation, in order.
pub fn found(report: &Report<'_>) -> Vec<(String, &'static str)> {
    report
        .violations()
        .iter()
        .map(|v| (v.path.clone(), v.code.as_str()))
        .collect()
}

/// The violations of `base` with the member at `pointer` set to `value`
/// (JSON text), or removed when `value` is `None`.
pub fn found_with(
    dialect: Dialect,
    base: &str,
    pointer: &str,
    value: Option<&str>,
) -> Vec<(String, &'static str)> {
    found(&check(dialect, &with(base, pointer, value), &[]))
}

/// One violation, as [`found`] lists it.
pub fn one(path: &str, code: &'static str) -> Vec<(String, &'static str)> {
    vec![(path.to_owned(), code)]
}

/// `base` (a JSON object) with the member at `pointer` set to `value` (JSON
/// text), or removed when `value` is `None`. Numbers keep their exact text.
/// Panics when the pointer's parent is not in `base`.
pub fn with(base: &str, pointer: &str, value: Option<&str>) -> String {
    try_with(base, pointer, value).expect("the pointer's parent is in the base")
}

/// [`with`], or `None` when the pointer's parent is not in `base`.
pub fn try_with(base: &str, pointer: &str, value: Option<&str>) -> Option<String> {
    let mut root = parse(base.as_bytes(), &Limits::default())
        .ok()?
        .root
        .to_static();
    let value = match value {
        Some(v) => Some(
            parse(v.as_bytes(), &Limits::default())
                .ok()?
                .root
                .to_static(),
        ),
        None => None,
    };
    edit(&mut root, pointer.trim_start_matches('/'), value)?;
    serde_json::to_string(&root).ok()
}

fn edit(node: &mut Value<'static>, pointer: &str, value: Option<Value<'static>>) -> Option<()> {
    let (head, rest) = pointer.split_once('/').unwrap_or((pointer, ""));
    if let Some(object) = node.as_object_mut() {
        if !rest.is_empty() {
            return edit(object.get_mut(head)?, rest, value);
        }
        match value {
            Some(v) => object.set(head.to_owned(), v),
            None => {
                object.remove(head);
            }
        }
        return Some(());
    }
    let i: usize = head.parse().ok()?;
    let elements = node.as_array()?;
    if !rest.is_empty() {
        return edit(node.as_array_mut()?.get_mut(i)?, rest, value);
    }
    match value {
        Some(v) => *node.as_array_mut()?.get_mut(i)? = v,
        None if i < elements.len() => {
            // Values have no `remove` for elements: the array is rebuilt.
            let kept: Value<'static> = (0..elements.len())
                .filter(|&j| j != i)
                .map(|j| elements[j].clone())
                .collect();
            *node = kept;
        }
        None => return None,
    }
    Some(())
}

/// The valid bundled request that tests needing one per dialect start
/// from: the first of `examples/<dialect>/` in name order that is valid,
/// its text and its headers (found once for every dialect, the headers
/// leaked to be as easy to pass as a literal). `Content-Type` is left out:
/// tests of that header add their own.
pub fn valid_example(dialect: Dialect) -> (String, &'static [(&'static str, &'static str)]) {
    type Found = (Dialect, String, &'static [(&'static str, &'static str)]);
    static FOUND: std::sync::OnceLock<Vec<Found>> = std::sync::OnceLock::new();
    let found = FOUND.get_or_init(|| {
        let mut found: Vec<Found> = Vec::new();
        for (d, path, headers) in bundled_examples() {
            if found.iter().any(|(f, ..)| *f == d) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let pairs: Vec<(&str, &str)> = headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            if d.validate(text.as_bytes(), &pairs).is_valid() {
                let kept: Vec<(&'static str, &'static str)> = headers
                    .into_iter()
                    .filter(|(name, _)| !name.eq_ignore_ascii_case("content-type"))
                    .map(|(n, v)| (&*n.leak(), &*v.leak()))
                    .collect();
                found.push((d, text, kept.leak()));
            }
        }
        found
    });
    match found.iter().find(|(d, ..)| *d == dialect) {
        Some((_, text, headers)) => (text.clone(), headers),
        None => panic!("examples/{dialect}/ has no valid request"),
    }
}

/// A bundled example: its dialect, its file and its headers.
pub type Example = (Dialect, PathBuf, Vec<(String, String)>);

/// Every bundled example (`examples/<dialect>/*.json`), in name order, with
/// its headers (`<name>.headers`, one `Name: value` per line).
pub fn bundled_examples() -> Vec<Example> {
    let mut all = Vec::new();
    for &dialect in Dialect::ALL {
        let dir = repo_root().join("examples").join(dialect.name());
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        for path in files {
            let headers = std::fs::read_to_string(path.with_extension("headers"))
                .unwrap_or_default()
                .lines()
                .filter_map(|l| l.split_once(':'))
                .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
                .collect();
            all.push((dialect, path, headers));
        }
    }
    all
}

/// Values every field is tried with: right and wrong types, boundaries,
/// hostile text.
pub const VALUES: &[&str] = &[
    "null",
    "true",
    "\"\"",
    "\" x\"",
    "\"x\"",
    "\"ORDER-2025-0001\"",
    "\"ORDER_1\"",
    "\"a\\u0000b\"",
    "\"\\ud83d\\ude00\"",
    "0",
    "-0",
    "-1",
    "1",
    "99",
    "100",
    "0.01",
    "12.34",
    "12.345",
    "1e3",
    "100.0",
    "1e400",
    "9007199254740991",
    "9007199254740992",
    "\"12.34\"",
    "[]",
    "{}",
    "[\"CARD\", \"X\"]",
    "[{\"name\": \"A\", \"quantity\": 1, \"price\": 1}]",
    "\"+254712345678\"",
    "\"0712345678\"",
    "\"https://m.example/x\"",
    "\"javascript:alert(1)\"",
    "\"https://2130706433/\"",
    "\"a@b.example\"",
    "\"en-AU\"",
    "\"sw_KE\"",
    "\"UK\"",
    "\"KE\"",
    "\"usd\"",
    "\"ZMK\"",
    "\"203.0.113.42\"",
];

/// Host names at the edges of the special-use names a webhook may not
/// point at, and names just beside them that it may.
pub const SPECIAL_USE_HOSTS: &[&str] = &[
    "localhost",
    "LocalHost.",
    "api.localhost",
    "printer.local",
    "router.home.arpa",
    "metadata.google.internal",
    "METADATA.GOOGLE.INTERNAL.",
    "x.invalid",
    "shop.test",
    "abc.onion",
    "name.alt",
    "intranet",
    "merchant.example",
    "example.com",
    "localhost.example.com",
    "internal.example",
    "test.example",
];

/// One request of the conformance corpus.
#[derive(Debug)]
pub struct Case {
    pub dialect: Dialect,
    /// In order, repeats included.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Case {
    /// The headers as the validator takes them.
    pub fn header_refs(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

/// The conformance corpus: every bundled example, then, per dialect, its
/// valid example with each field in turn set to each of [`VALUES`] (or
/// removed), truncated at many points, and sent with varied headers.
/// Deterministic: the same corpus every run.
pub fn corpus() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut case = |dialect: Dialect, headers: &[(String, String)], body: &str| {
        cases.push(Case {
            dialect,
            headers: headers.to_vec(),
            body: body.to_owned(),
        });
    };
    let examples = bundled_examples();
    for (dialect, path, headers) in &examples {
        case(
            *dialect,
            headers,
            &std::fs::read_to_string(path).expect("example"),
        );
    }
    for &dialect in Dialect::ALL {
        let Some((_, path, headers)) = examples
            .iter()
            .find(|(d, p, _)| *d == dialect && !p.to_string_lossy().contains("invalid-"))
        else {
            continue;
        };
        let base = std::fs::read_to_string(path).expect("example");
        for c in dialect.constraints(None) {
            if c.part != Part::Body {
                continue;
            }
            let pointer = c.path.replace('*', "0");
            for value in VALUES.iter().copied().map(Some).chain([None]) {
                if let Some(body) = try_with(&base, &pointer, value) {
                    case(dialect, headers, &body);
                }
            }
        }
        // Every address the special-purpose address tests sample, as
        // Payviox's `ip` and in Kiotapay's `callbackUrl`, with special-use
        // names: the same verdict in every build.
        let field = if dialect == Dialect::PAYVIOX {
            "/ip"
        } else if dialect == Dialect::KIOTAPAY {
            "/callbackUrl"
        } else {
            ""
        };
        if !field.is_empty() {
            let rows = iana::rows();
            let mut values: Vec<String> = iana::samples(&rows)
                .into_iter()
                .map(|ip| match (field, ip) {
                    ("/ip", ip) => ip.to_string(),
                    (_, std::net::IpAddr::V4(v4)) => format!("https://{v4}/hook"),
                    (_, std::net::IpAddr::V6(v6)) => format!("https://[{v6}]/hook"),
                })
                .collect();
            if field == "/callbackUrl" {
                values.extend(
                    SPECIAL_USE_HOSTS
                        .iter()
                        .map(|h| format!("https://{h}/hook")),
                );
            }
            for value in values {
                let json = serde_json::Value::from(value).to_string();
                if let Some(body) = try_with(&base, field, Some(&json)) {
                    case(dialect, headers, &body);
                }
            }
        }
        for end in (0..base.len()).step_by(9) {
            if base.is_char_boundary(end) {
                case(dialect, headers, &base[..end]);
            }
        }
        for extra in [
            ("Authorization", "Bearer sk_live_1"),
            ("Authorization", "Bearer pk_live_1"),
            ("Authorization", "Basic x"),
            ("Content-Type", "text/plain"),
            ("Idempotency-Key", ""),
            ("X-Trace-Id", "short"),
            ("X-Idempotency-Key", "idempotency-key-1"),
        ] {
            let mut h = headers.clone();
            h.push((extra.0.to_owned(), extra.1.to_owned()));
            case(dialect, &h, &base);
        }
        // Repeated headers, in either order and spelling, as a list keeps
        // them and a map would not.
        for pair in [
            [
                ("Authorization", "Bearer sk_live_1"),
                ("authorization", "Bearer sk_live_2"),
            ],
            [
                ("Idempotency-Key", "idempotency-key-1"),
                ("IDEMPOTENCY-KEY", "idempotency-key-2"),
            ],
            [
                ("Content-Type", "application/json"),
                ("content-type", "text/plain"),
            ],
            [
                ("X-Trace-Id", "trace-000000001"),
                ("X-Trace-Id", "trace-000000001"),
            ],
        ] {
            for order in [pair, [pair[1], pair[0]]] {
                let mut h = headers.clone();
                h.extend(
                    order
                        .iter()
                        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
                );
                case(dialect, &h, &base);
            }
        }
    }
    cases
}

/// Checks the `Content-Type` rule on a dialect's valid example: RFC 9110's
/// media-type grammar, `application/json`, a UTF-8 charset if any.
pub fn assert_content_type_rule(dialect: Dialect) {
    let (body, headers) = valid_example(dialect);
    let reason = |value: &str| {
        let mut all: Vec<(&str, &str)> = headers.to_vec();
        all.push(("Content-Type", value));
        let report = dialect.validate(body.as_bytes(), &all);
        let found: Vec<_> = report
            .violations()
            .iter()
            .map(|v| {
                assert_eq!(
                    (v.part, v.path.as_str(), v.code.as_str()),
                    (Part::Header, "Content-Type", "unsupported_content_type"),
                    "{dialect} {value:?}"
                );
                let m = &v.message;
                String::from(
                    if m.ends_with("the body must be sent as `application/json`") {
                        "media_type"
                    } else if m.ends_with("charset=utf-8 or none") {
                        "charset"
                    } else if m.contains("not a media type from character") {
                        "syntax"
                    } else {
                        panic!("{m}")
                    },
                )
            })
            .collect();
        found.first().cloned()
    };
    for ok in [
        "application/json",
        "application/json;",
        "Application/JSON ; charset=\"UTF-8\"",
        "application/json;; charset=utf-8; version=1",
    ] {
        assert_eq!(reason(ok), None, "{dialect} {ok:?}");
    }
    for (bad, why) in [
        ("text/plain", "media_type"),
        ("application/json; charset=iso-8859-1", "charset"),
        ("application/json; charset", "syntax"),
        ("application/json charset=utf-8", "syntax"),
    ] {
        assert_eq!(reason(bad).as_deref(), Some(why), "{dialect} {bad:?}");
    }
}

/// Validates `body` and asserts what every report must hold, as the fuzz
/// targets do (`fuzz/src/lib.rs`): it renders as JSON, as text and as
/// Payviox's errors; it is valid exactly when it has a canonical session;
/// and that session, written back in the same dialect, is accepted and
/// reads back the same. Returns whether the request was valid.
pub fn assert_report_invariants(dialect: Dialect, body: &[u8], headers: &[(&str, &str)]) -> bool {
    let report = dialect.validate(body, headers);
    let json = report.to_json();
    assert!(
        serde_json::from_str::<serde_json::Value>(&json).is_ok(),
        "{json}"
    );
    let errors = report.to_payviox_errors();
    assert!(
        serde_json::from_str::<serde_json::Value>(&errors).is_ok(),
        "{errors}"
    );
    let text = report.to_text("request");
    assert!(text.starts_with("request: "), "{text}");
    for v in report.violations() {
        assert!(text.contains(&format!("[{}]\n", v.code)), "{text}");
    }
    assert_eq!(
        report.is_valid(),
        report.normalized().is_some(),
        "{dialect}"
    );
    let Some(session) = report.normalized() else {
        assert!(!report.violations().is_empty());
        return false;
    };
    let written = dialect.encode(session);
    assert!(written.is_ok(), "{dialect}: {:?}", written.violations);
    let body = written.body_json().expect("a written body");
    let headers: Vec<(&str, &str)> = written
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let again = dialect.validate(body.as_bytes(), &headers);
    assert_eq!(again.normalized(), Some(session), "{dialect}: {body}");
    true
}

/// Converts `body` and asserts what every conversion must hold, as the
/// fuzz target does: it renders as JSON; when it converted, the target
/// accepts the body written, with the source's amount; when it did not, it
/// says why. Returns whether it converted.
pub fn assert_conversion_invariants(
    from: Dialect,
    to: Dialect,
    body: &[u8],
    headers: &[(&str, &str)],
) -> bool {
    let conversion = from.convert(to, body, headers);
    let json = conversion.to_json();
    assert!(
        serde_json::from_str::<serde_json::Value>(&json).is_ok(),
        "{json}"
    );
    let Some(text) = conversion.body_json() else {
        assert!(!conversion.violations.is_empty(), "{from} -> {to}");
        return false;
    };
    assert!(conversion.violations.is_empty(), "{from} -> {to}");
    let headers: Vec<(&str, &str)> = conversion
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let report = to.validate(text.as_bytes(), &headers);
    assert!(
        report.is_valid(),
        "{from} -> {to}: {text}\n{:?}",
        report.violations()
    );
    let source = conversion
        .normalized
        .expect("a converted request was normalised");
    assert_eq!(
        report.normalized().expect("valid").amount,
        source.amount,
        "{from} -> {to}"
    );
    true
}
