//! Reports: a flat list of violations, and the normalised request when there
//! are none.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::canonical::CheckoutSession;
use crate::message::msg;
pub use crate::violation::{Code, Notice, NoticeCode, Param, Part, Violation};

/// The verdict on one request: every violation, and the canonical session
/// exactly when there are none (the fields are private so that nothing can
/// make a report that is both).
#[derive(Clone, Debug, PartialEq)]
pub struct Report<'a> {
    /// Every problem found, in document order.
    pub(crate) violations: Vec<Violation>,
    /// The request in canonical form, when it is valid. Its text borrows
    /// from the request ([`Report::into_owned`] copies it).
    pub(crate) normalized: Option<CheckoutSession<'a>>,
}

impl<'a> Report<'a> {
    /// A report refusing a request for `violations` found before or instead
    /// of validation (a body too large to read, a credential missing). An
    /// empty list is no reason: it is reported as `internal_error`, so that
    /// a report without a session is never valid.
    pub fn refusing(violations: Vec<Violation>) -> Report<'static> {
        if violations.is_empty() {
            return Report::refusing(alloc::vec![Violation::body(
                "",
                Code::Internal,
                "the request was refused without a reason; please report this as a bug",
            )]);
        }
        Report {
            violations,
            normalized: None,
        }
    }

    /// Every problem found, in document order; empty exactly when the
    /// request is valid.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The request in canonical form, exactly when it is valid.
    pub fn normalized(&self) -> Option<&CheckoutSession<'a>> {
        self.normalized.as_ref()
    }

    /// The canonical session, exactly when the request is valid.
    pub fn into_normalized(self) -> Option<CheckoutSession<'a>> {
        self.normalized
    }

    /// The violations, to keep without the rest of the report.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

/// One line: `valid: USD 100.00 (10000 minor units)`, or the violations,
/// each `<where>: <message> [<code>]`, separated by `; `.
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(session) = &self.normalized {
            let amount = session.amount;
            return write!(
                f,
                "valid: {} {} ({} minor units)",
                amount.currency(),
                amount.to_major_string(),
                amount.minor()
            );
        }
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {} [{}]", place(v), v.message, v.code)?;
        }
        Ok(())
    }
}

/// A report is an error when it refuses the request, for `?` in code that
/// treats a refusal as one.
impl core::error::Error for Report<'_> {}

/// Where a violation is, for people: its pointer, `body` for the whole
/// body, or `header <name>`.
fn place(v: &Violation) -> Cow<'_, str> {
    match (v.part, v.path.as_str()) {
        (Part::Body, "") => Cow::Borrowed("body"),
        (Part::Body, path) => Cow::Borrowed(path),
        (Part::Header, name) => Cow::Owned(msg!("header ", name)),
    }
}

impl Report<'_> {
    /// A copy that owns all its text, to keep after the request is gone.
    pub fn into_owned(self) -> Report<'static> {
        Report {
            violations: self.violations,
            normalized: self.normalized.map(CheckoutSession::into_owned),
        }
    }

    /// Whether the request has no violations.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// The report as one line of JSON, the contract shared by the CLI and the
    /// npm package: `{"valid": …, "errors": […], "normalized": {…}}`.
    pub fn to_json(&self) -> String {
        // A report holds no float and no map key that is not a string.
        crate::json::write::own_to_string(self).unwrap_or_default()
    }

    /// Appends [`to_json`](Report::to_json)'s line to `out`, without a
    /// string of its own: for streams of many reports.
    pub fn append_json(&self, out: &mut String) {
        // A report holds no float and no map key that is not a string.
        let _ = crate::json::write::append_own(self, out);
    }

    /// The report for people and for `grep`: one line per violation,
    /// `<name>: <path>: <message> [<code>]`, or one line saying it is valid.
    pub fn to_text(&self, name: &str) -> String {
        let mut out = String::new();
        match &self.normalized {
            Some(session) if self.violations.is_empty() => {
                let amount = session.amount;
                let _ = writeln!(
                    out,
                    "{name}: valid: {} {} ({} minor units)",
                    amount.currency(),
                    amount.to_major_string(),
                    amount.minor()
                );
            }
            _ => {
                for v in &self.violations {
                    let _ = writeln!(out, "{name}: {}: {} [{}]", place(v), v.message, v.code);
                }
            }
        }
        out
    }

    /// The violations in Payviox's own 400 body shape,
    /// `{"field": ["message", …]}`, so a server imitating Payviox can answer
    /// as it does. Keys are Laravel-style dotted paths (`items.0.price`);
    /// a header's key is its name; problems with the body as a whole are
    /// under `"body"`.
    pub fn to_payviox_errors(&self) -> String {
        let mut fields: Vec<(String, Vec<&str>)> = Vec::new();
        for v in &self.violations {
            let key = match v.part {
                Part::Header => v.path.clone(),
                Part::Body if v.path.is_empty() => String::from("body"),
                Part::Body => crate::json::pointer::to_dotted(&v.path),
            };
            match fields.iter_mut().find(|(k, _)| *k == key) {
                Some((_, messages)) => messages.push(&v.message),
                None => fields.push((key, alloc::vec![v.message.as_str()])),
            }
        }
        crate::json::write::to_string(&FieldErrors(&fields)).unwrap_or_default()
    }
}

/// Field errors as a JSON object, in the order they were found.
struct FieldErrors<'r>(&'r [(String, Vec<&'r str>)]);

impl Serialize for FieldErrors<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (field, messages) in self.0 {
            map.serialize_entry(field, messages)?;
        }
        map.end()
    }
}

impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("valid", &self.is_valid())?;
        map.serialize_entry("errors", &self.violations)?;
        if let Some(session) = &self.normalized {
            map.serialize_entry("normalized", session)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Dialect;
    use alloc::string::ToString;

    #[test]
    fn a_refusal_without_a_reason_is_not_valid() {
        let report = Report::refusing(Vec::new());
        assert!(!report.is_valid());
        assert_eq!(report.violations()[0].code, Code::Internal);
        assert!(report.normalized().is_none());
        let refused = Report::refusing(alloc::vec![Violation::header(
            "Authorization",
            Code::Required,
            "the Authorization header is required",
        )]);
        assert_eq!(refused.violations().len(), 1);
        assert_eq!(refused.clone().into_violations(), refused.violations());
        assert!(refused.into_normalized().is_none());
    }

    #[test]
    fn a_report_displays_on_one_line_and_is_an_error() {
        let valid = Dialect::NAIROPAY.validate(
            br#"{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}"#,
            &[],
        );
        assert_eq!(valid.to_string(), "valid: KES 25.00 (2500 minor units)");
        let invalid = Dialect::NAIROPAY.validate(br#"{"amount": 0, "currency": "KES"}"#, &[]);
        assert_eq!(
            invalid.to_string(),
            "/amount: `amount` must be at least 1 minor units (KES 0.01); it is 0 [below_minimum]; \
             /reference: The reference field is required. [required]"
        );
        let error: &dyn core::error::Error = &invalid;
        assert_eq!(error.to_string(), invalid.to_string());
        let header = Report::refusing(alloc::vec![Violation::header(
            "Authorization",
            Code::Required,
            "required",
        )]);
        assert_eq!(
            header.to_string(),
            "header Authorization: required [required]"
        );
    }
}
