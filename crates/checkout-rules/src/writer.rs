//! Writing a target dialect's request from a canonical session: the body
//! and headers, which canonical fields found a place, and what could not be
//! written, as violations and notices.

use alloc::string::String;
use alloc::vec::Vec;

use crate::canonical::{CanonicalField, CheckoutSession};
use crate::json::{Object, Value};
use crate::message::{integer_text, msg};
use crate::money::Money;
use crate::rules::amount::Unit;
use crate::violation::{Code, Notice, NoticeCode, Part, Violation};

/// Builds a target request from a canonical session, recording which
/// canonical fields it used and what it could not write.
#[derive(Debug)]
pub(crate) struct Writer {
    target: &'static str,
    pub(crate) body: Object<'static>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) violations: Vec<Violation>,
    pub(crate) notices: Vec<Notice>,
    used: Vec<CanonicalField>,
}

impl Writer {
    /// A writer for the dialect named `target`.
    pub fn new(target: &'static str) -> Writer {
        Writer {
            target,
            body: Object::default(),
            headers: Vec::new(),
            violations: Vec::new(),
            notices: Vec::new(),
            used: Vec::new(),
        }
    }

    /// Records that the canonical field `field` has a place in the target.
    pub fn uses(&mut self, field: CanonicalField) {
        if !self.used.contains(&field) {
            self.used.push(field);
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
                object.set(String::from(key), Value::from(Object::default()));
            }
            match object.get_mut(key).and_then(Value::as_object_mut) {
                Some(inner) => object = inner,
                None => return,
            }
        }
    }

    /// Writes `value` at `pointer` when present.
    pub fn text(&mut self, pointer: &str, value: Option<&str>, canonical: CanonicalField) {
        self.uses(canonical);
        if let Some(v) = value {
            self.put(pointer, string(v));
        }
    }

    /// Writes `value` at `pointer`, or reports that the target requires it.
    pub fn required_text(&mut self, pointer: &str, value: Option<&str>, canonical: CanonicalField) {
        match value {
            Some(_) => self.text(pointer, value, canonical),
            None => self.missing(pointer, canonical),
        }
    }

    /// Writes an amount as the target writes amounts.
    pub fn money(&mut self, pointer: &str, money: Money, unit: Unit) {
        self.put(pointer, Value::number_text(money_text(money, unit)));
    }

    /// Writes an integer.
    pub fn integer(&mut self, pointer: &str, value: Option<u32>, canonical: CanonicalField) {
        self.uses(canonical);
        if let Some(v) = value {
            self.put(pointer, Value::number_text(integer_text(i64::from(v))));
        }
    }

    /// Writes a header when the value is present; reports it when required
    /// and absent.
    pub fn header(
        &mut self,
        name: &'static str,
        value: Option<&str>,
        canonical: CanonicalField,
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
                    canonical.path(),
                    " to fill it; \
                     give the source request one"
                ),
            )),
            None => {}
        }
    }

    /// Reports that the target requires a field the request does not have.
    pub fn missing(&mut self, pointer: &str, canonical: CanonicalField) {
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
                canonical.path(),
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
    pub fn filled(&mut self, canonical: CanonicalField, message: String) {
        self.notices.push(Notice {
            field: String::from(canonical.path()),
            code: NoticeCode::Filled,
            message,
        });
    }

    /// Reports a value left out: the target has a place only for some of it.
    pub fn dropped(&mut self, canonical: CanonicalField, message: String) {
        self.notices.push(Notice {
            field: String::from(canonical.path()),
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
    pub(crate) fn finish(mut self, session: &CheckoutSession<'_>) -> Writer {
        // The parts of the total the target cannot hold, said in one
        // violation: both misstate the same total.
        let mut parts: Vec<&str> = Vec::new();
        for field in present_fields(session) {
            if self.used.contains(&field) {
                continue;
            }
            let part = match field {
                CanonicalField::ShippingAmount => Some(("shipping", session.shipping_amount)),
                CanonicalField::TaxAmount => Some(("tax", session.tax_amount)),
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
                        field.path(),
                        "; it is zero, so it is left out"
                    ),
                ),
                None => self.dropped(
                    field,
                    msg!(
                        self.target,
                        " has no place for ",
                        field.path(),
                        "; it is left out"
                    ),
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

/// An amount as a dialect writes amounts in `unit`.
pub(crate) fn money_text(money: Money, unit: Unit) -> String {
    match unit {
        Unit::Minor => integer_text(money.minor()),
        Unit::Major => money.to_major_string(),
    }
}

pub(crate) fn string(s: &str) -> Value<'static> {
    Value::string(String::from(s))
}

/// The canonical fields a session has that a target must find a place for:
/// all but the amount and what travels with its parent (an item's name,
/// quantity and price; an address's lines).
fn present_fields(s: &CheckoutSession<'_>) -> impl Iterator<Item = CanonicalField> {
    use CanonicalField as F;
    s.present_fields().into_iter().filter(|f| {
        !matches!(
            f,
            F::Amount | F::AmountCurrency | F::ItemName | F::ItemQuantity | F::ItemUnitPrice
        ) && f.address_slot().is_none()
    })
}
