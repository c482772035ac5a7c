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
use crate::json::{Object, Value};
use crate::message::{integer_text, msg};
use crate::money::Money;
use crate::report::{Code, Notice, NoticeCode, Part, Violation};
use crate::rules::amount::Unit;

/// The outcome of a conversion.
#[derive(Clone, Debug, PartialEq)]
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

/// Builds a target request from a canonical session, recording which
/// canonical fields it used and what it could not write.
#[derive(Debug)]
pub(crate) struct Writer {
    target: &'static str,
    body: Object<'static>,
    headers: Vec<(String, String)>,
    violations: Vec<Violation>,
    notices: Vec<Notice>,
    used: Vec<&'static str>,
}

impl Writer {
    pub fn new(target: Dialect) -> Writer {
        Writer {
            target: target.name(),
            body: Object::default(),
            headers: Vec::new(),
            violations: Vec::new(),
            notices: Vec::new(),
            used: Vec::new(),
        }
    }

    /// Records that the canonical field `path` has a place in the target.
    pub fn uses(&mut self, path: &'static str) {
        if !self.used.contains(&path) {
            self.used.push(path);
        }
    }

    /// Sets the member at `pointer` (`/customer/firstName`), creating the
    /// objects on the way.
    pub fn put(&mut self, pointer: &str, value: Value<'static>) {
        let mut segments = pointer.trim_start_matches('/').split('/').peekable();
        let mut object = &mut self.body;
        while let Some(key) = segments.next() {
            if segments.peek().is_none() {
                object.set(String::from(key), value);
                return;
            }
            if object.get(key).and_then(Value::as_object).is_none() {
                object.set(String::from(key), Value::Object(Object::default()));
            }
            match object.get_mut(key) {
                Some(Value::Object(inner)) => object = inner,
                _ => return,
            }
        }
    }

    /// Writes `value` at `pointer` when present.
    pub fn text(&mut self, pointer: &str, value: Option<&str>, canonical: &'static str) {
        self.uses(canonical);
        if let Some(v) = value {
            self.put(pointer, string(v));
        }
    }

    /// Writes `value` at `pointer`, or reports that the target requires it.
    pub fn required_text(&mut self, pointer: &str, value: Option<&str>, canonical: &'static str) {
        match value {
            Some(_) => self.text(pointer, value, canonical),
            None => self.missing(pointer, canonical),
        }
    }

    /// Writes an amount as the target writes amounts.
    pub fn money(&mut self, pointer: &str, money: Money, unit: Unit) {
        self.put(pointer, Value::Number(money_text(money, unit).into()));
    }

    /// Writes an integer.
    pub fn integer(&mut self, pointer: &str, value: Option<u32>, canonical: &'static str) {
        self.uses(canonical);
        if let Some(v) = value {
            self.put(pointer, Value::Number(integer_text(i64::from(v)).into()));
        }
    }

    /// Writes a header when the value is present; reports it when required
    /// and absent.
    pub fn header(
        &mut self,
        name: &'static str,
        value: Option<&str>,
        canonical: &'static str,
        required: bool,
    ) {
        self.uses(canonical);
        match value {
            Some(v) => self.headers.push((String::from(name), String::from(v))),
            None if required => self.violations.push(self.violation(
                Part::Header,
                name,
                Code::Required,
                msg!(
                    self.target,
                    " requires the ",
                    name,
                    " header and the request has no ",
                    canonical,
                    " to fill it; \
                     give the source request one"
                ),
            )),
            None => {}
        }
    }

    /// Reports that the target requires a field the request does not have.
    pub fn missing(&mut self, pointer: &str, canonical: &'static str) {
        self.uses(canonical);
        let violation = self.violation(
            Part::Body,
            pointer,
            Code::Required,
            msg!(
                self.target,
                " requires `",
                crate::json::pointer::to_dotted(pointer),
                "`, and the request has no ",
                canonical,
                " to fill it"
            ),
        );
        self.violations.push(violation);
    }

    /// Reports that the target has a place for a value but cannot hold it.
    pub fn cannot_hold(&mut self, pointer: &str, code: Code, message: String) {
        let violation = self.violation(Part::Body, pointer, code, message);
        self.violations.push(violation);
    }

    /// Reports a value filled in because the target allows only that one.
    pub fn filled(&mut self, canonical: &'static str, message: String) {
        self.notices.push(Notice {
            field: String::from(canonical),
            code: NoticeCode::Filled,
            message,
        });
    }

    /// Reports a value left out: the target has a place only for some of it.
    pub fn dropped(&mut self, canonical: &'static str, message: String) {
        self.notices.push(Notice {
            field: String::from(canonical),
            code: NoticeCode::Dropped,
            message,
        });
    }

    fn violation(&self, part: Part, path: &str, code: Code, message: String) -> Violation {
        Violation {
            part,
            path: String::from(path),
            code,
            message,
            params: Vec::new(),
        }
        .with("dialect", self.target)
    }

    /// The target's body and headers, after a notice for every canonical
    /// field the session has and the target has no place for.
    fn finish(mut self, session: &CheckoutSession<'_>) -> Writer {
        // The parts of the total the target cannot hold, said in one
        // violation: both misstate the same total.
        let mut parts: Vec<&str> = Vec::new();
        for field in present_fields(session) {
            if self.used.contains(&field) {
                continue;
            }
            let part = match field {
                "shipping_amount" => Some(("shipping", session.shipping_amount)),
                "tax_amount" => Some(("tax", session.tax_amount)),
                _ => None,
            };
            match part {
                // Part of the total: leaving it out would misstate what is
                // paid for, unless it is zero.
                Some((what, amount)) if amount.is_some_and(|a| a.minor() != 0) => parts.push(what),
                Some(_) => self.dropped(
                    field,
                    msg!(
                        self.target,
                        " has no place for ",
                        field,
                        "; it is zero, so it is left out"
                    ),
                ),
                None => self.dropped(
                    field,
                    msg!(self.target, " has no place for ", field, "; it is left out"),
                ),
            }
        }
        if !parts.is_empty() {
            let what = crate::message::join(&parts, " and ");
            let violation = self.violation(
                Part::Body,
                "/amount",
                Code::CannotConvert,
                msg!(
                    self.target,
                    " has no place for the ",
                    what,
                    if parts.len() == 1 { " part" } else { " parts" },
                    " of the total; the request cannot be converted without misstating it"
                ),
            );
            self.violations.push(violation);
        }
        self
    }
}

/// Whether the JSON pointer `path` is `at` or a pointer inside it.
fn at_or_under(path: &str, at: &str) -> bool {
    path.strip_prefix(at)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// An amount as a dialect writes amounts in `unit`.
pub(crate) fn money_text(money: Money, unit: Unit) -> String {
    match unit {
        Unit::Minor => integer_text(money.minor()),
        Unit::Major => money.to_major_string(),
    }
}

pub(crate) fn string(s: &str) -> Value<'static> {
    Value::String(String::from(s).into())
}

/// The canonical fields a session has that a target must find a place for:
/// all but the amount and what travels with its parent (an item's name,
/// quantity and price; an address's lines).
fn present_fields(s: &CheckoutSession<'_>) -> impl Iterator<Item = &'static str> {
    s.present_fields().into_iter().filter(|f| {
        !matches!(
            *f,
            "amount"
                | "amount.currency"
                | "items[].name"
                | "items[].quantity"
                | "items[].unit_price"
        ) && !f.starts_with("address.")
    })
}

/// Writes `session` as `target`'s request and validates the result with the
/// target's rules.
pub(crate) fn encode(target: Dialect, session: CheckoutSession<'_>) -> Conversion<'_> {
    let mut writer = Writer::new(target);
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
