//! Conversion between dialects, through the canonical session.
//!
//! Converting validates the request with the source dialect, normalises it,
//! writes the target dialect's body and headers from the canonical session,
//! and validates the result with the target's rules, always, so that its
//! violations come with what could not be written. Amounts are re-encoded
//! exactly. What the target requires and the source lacks, or what the
//! target has a place for but cannot hold (a reference with `_` for
//! Flutterwave, a shipping or tax part that is not zero for a dialect without
//! them), is a violation at the target's field. What the target has no place
//! for at all (a zero part of the total included) is left out with a
//! [`Notice`]; nothing is invented or dropped without a word.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::canonical::CheckoutSession;
use crate::dialect::Dialect;
use crate::json::Object;
use crate::violation::{Code, Notice, Violation};
use crate::writer::Writer;

/// The outcome of a conversion.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Conversion<'a> {
    /// What stops the conversion: the source request's own violations, or
    /// the target's. Each has a `dialect` parameter naming whose field
    /// `path` is.
    pub violations: Vec<Violation>,
    /// What the conversion left out or filled in.
    pub notices: Vec<Notice>,
    /// The target's request body; `Some` exactly when there are no
    /// violations.
    pub body: Option<Object<'static>>,
    /// The target's request headers (those the canonical session holds).
    pub headers: Vec<(String, String)>,
    /// The request in canonical form, when the source request is valid; its
    /// text borrows from what it was read from (the source request, or the
    /// session given to [`Dialect::encode`](crate::Dialect::encode)).
    pub normalized: Option<CheckoutSession<'a>>,
}

impl Conversion<'_> {
    /// A copy that owns all its text, to keep after the source request is
    /// gone.
    pub fn into_owned(self) -> Conversion<'static> {
        Conversion {
            violations: self.violations,
            notices: self.notices,
            body: self.body,
            headers: self.headers,
            normalized: self.normalized.map(CheckoutSession::into_owned),
        }
    }

    /// Whether the request converted.
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }

    /// The target body as one line of JSON, when the request converted.
    pub fn body_json(&self) -> Option<String> {
        self.body.as_ref().and_then(crate::json::write::to_string)
    }

    /// The whole outcome as one line of JSON:
    /// `{"valid", "errors", "notices", "body", "headers"}`.
    pub fn to_json(&self) -> String {
        crate::json::write::own_to_string(self).unwrap_or_default()
    }
}

impl Serialize for Conversion<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("valid", &self.is_ok())?;
        map.serialize_entry("errors", &self.violations)?;
        map.serialize_entry("notices", &self.notices)?;
        if let Some(body) = &self.body {
            map.serialize_entry("body", body)?;
            map.serialize_entry("headers", &Headers(&self.headers))?;
        }
        map.end()
    }
}

struct Headers<'h>(&'h [(String, String)]);

impl Serialize for Headers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Whether the JSON pointer `path` is `at` or a pointer inside it.
fn at_or_under(path: &str, at: &str) -> bool {
    path.strip_prefix(at)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Conversion, here above the dialects it converts between.
impl Dialect {
    /// Converts a request from this dialect to `to`: validates it, normalises
    /// it, writes `to`'s request and validates that with `to`'s rules.
    ///
    /// ```
    /// use checkout_rules::Dialect;
    ///
    /// let nairopay = br#"{"amount": 2500, "currency": "KES", "reference": "ORDER-2025-001"}"#;
    /// let converted = Dialect::NAIROPAY.convert(Dialect::FLUTTERWAVE, nairopay, &[]);
    /// assert_eq!(
    ///     converted.body_json().unwrap(),
    ///     r#"{"amount":25.00,"currency":"KES","reference":"ORDER-2025-001"}"#
    /// );
    ///
    /// // Flutterwave references allow letters, digits and `-` only.
    /// let underscore = br#"{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}"#;
    /// let refused = Dialect::NAIROPAY.convert(Dialect::FLUTTERWAVE, underscore, &[]);
    /// assert_eq!(refused.violations[0].path, "/reference");
    /// assert_eq!(refused.violations[0].code.as_str(), "pattern_mismatch");
    /// ```
    pub fn convert<'a>(
        self,
        to: Dialect,
        body: &'a [u8],
        headers: &[(&str, &'a str)],
    ) -> Conversion<'a> {
        let report = self.validate(body, headers);
        match report.normalized {
            Some(session) => encode(to, session),
            None => Conversion {
                violations: report
                    .violations
                    .into_iter()
                    .map(|v| v.with("dialect", self.name()))
                    .collect(),
                notices: Vec::new(),
                body: None,
                headers: Vec::new(),
                normalized: None,
            },
        }
    }

    /// Writes a canonical session as this dialect's request, validated with
    /// this dialect's rules.
    pub fn encode<'a>(self, session: &CheckoutSession<'a>) -> Conversion<'a> {
        encode(self, session.clone())
    }
}

/// Writes `session` as `target`'s request and validates the result with the
/// target's rules.
fn encode(target: Dialect, session: CheckoutSession<'_>) -> Conversion<'_> {
    let mut writer = Writer::new(target.name());
    crate::mapping::write(target.spec(), &session, &mut writer);
    let writer = writer.finish(&session);
    let Writer {
        body,
        headers,
        mut violations,
        notices,
        ..
    } = writer;
    // The target's own rules judge everything that was written, every time,
    // so that every problem is reported at once. What the writer already
    // reported is not reported twice: the same code at the same place, or
    // a field the target finds absent because the writer could not fill it
    // (or the fields inside it).
    let text = crate::json::write::to_string(&body).unwrap_or_default();
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let report = target.validate(text.as_bytes(), &header_refs);
    let written = violations.len();
    for v in report.violations {
        let said = violations[..written].iter().any(|w| {
            w.part == v.part
                && match v.code {
                    Code::Required => at_or_under(&w.path, &v.path),
                    code => w.path == v.path && w.code == code,
                }
        });
        if !said {
            violations.push(v.with("dialect", target.name()));
        }
    }
    let ok = violations.is_empty();
    Conversion {
        violations,
        notices,
        body: ok.then_some(body),
        headers: if ok { headers } else { Vec::new() },
        normalized: Some(session),
    }
}
