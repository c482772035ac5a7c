//! Helpers shared by the conformance tests.

use std::path::PathBuf;

use checkout_rules::json::{Limits, Value, parse};
use checkout_rules::{Dialect, Report};

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Validates a body given as JSON text.
pub fn check(dialect: Dialect, body: &str, headers: &[(&str, &str)]) -> Report {
    dialect.validate(body.as_bytes(), headers)
}

/// The `(path, code)` of every violation, in order.
pub fn found(report: &Report) -> Vec<(String, &'static str)> {
    report
        .violations
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
pub fn with(base: &str, pointer: &str, value: Option<&str>) -> String {
    let mut root = parse(base.as_bytes(), &Limits::default())
        .expect("base is JSON")
        .root
        .into_owned();
    let value = value.map(|v| {
        parse(v.as_bytes(), &Limits::default())
            .expect("value is JSON")
            .root
            .into_owned()
    });
    edit(&mut root, pointer.trim_start_matches('/'), value);
    serde_json::to_string(&root).expect("serialises")
}

fn edit(node: &mut Value<'static>, pointer: &str, value: Option<Value<'static>>) {
    let (head, rest) = pointer.split_once('/').unwrap_or((pointer, ""));
    match node {
        Value::Object(object) if rest.is_empty() => match value {
            Some(v) => object.set(head.to_owned(), v),
            None => {
                object.remove(head);
            }
        },
        Value::Object(object) => {
            let child = object.get_mut(head).expect("pointer exists");
            edit(child, rest, value);
        }
        Value::Array(elements) => {
            let i: usize = head.parse().expect("array index");
            if rest.is_empty() {
                match value {
                    Some(v) => elements[i] = v,
                    None => {
                        elements.remove(i);
                    }
                }
            } else {
                edit(&mut elements[i], rest, value);
            }
        }
        _ => panic!("pointer {pointer} does not fit"),
    }
}
