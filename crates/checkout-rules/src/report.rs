//! Reports: a flat list of violations, and the normalised request when there
//! are none.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::canonical::CheckoutSession;
use crate::message::msg;
pub use crate::violation::{Code, Notice, NoticeCode, Param, Part, Violation};

/// The verdict on one request: every violation, and the canonical session
/// when there are none.
#[derive(Clone, Debug, PartialEq)]
pub struct Report<'a> {
    /// Every problem found, in document order.
    pub violations: Vec<Violation>,
    /// The request in canonical form; `Some` exactly when it is valid. Its
    /// text borrows from the request ([`Report::into_owned`] copies it).
    pub normalized: Option<CheckoutSession<'a>>,
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
                    let place = match (v.part, v.path.as_str()) {
                        (Part::Body, "") => Cow::Borrowed("body"),
                        (Part::Body, path) => Cow::Borrowed(path),
                        (Part::Header, name) => Cow::Owned(msg!("header ", name)),
                    };
                    let _ = writeln!(out, "{name}: {place}: {} [{}]", v.message, v.code);
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
