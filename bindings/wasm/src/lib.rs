//! The WebAssembly binding: a thin layer over `checkout-rules` for the npm
//! package. Every answer crosses the boundary as JSON text, which
//! JavaScript's `JSON.parse` reads faster than objects built field by field
//! through `serde-wasm-bindgen`; the small structured answers (constraints,
//! currencies) do too, because `serde-wasm-bindgen` and the second set of
//! serialisers it instantiates cost more of the size budget than they save.
//! Money crosses as text: the package's JavaScript turns minor units into
//! safe integers. Messages are joined from pieces rather than `format!`ted,
//! which keeps `core::fmt` out of the package.
//!
//! The package's own JavaScript (`bindings/npm/src/api.js`) checks argument
//! types and parses the JSON; these functions take strings and throw
//! `Error`s with a message for anything they cannot use (`verdict` answers
//! 2 instead, and `validate` throws the message).

use checkout_rules::currency::Status;
use checkout_rules::json::{self, Limits};
use checkout_rules::{Currency, Dialect, Money, Report};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn dialect(name: &str) -> Result<Dialect, JsError> {
    name.parse()
        .map_err(|e: checkout_rules::UnknownDialect| JsError::new(&e.message()))
}

/// Headers given as the JSON text of a list of `[name, value]` pairs, in
/// order and with repeats, as they came.
fn headers(json_text: &str) -> Result<Vec<(String, String)>, JsError> {
    let invalid = || JsError::new("headers must be a list of [name, value] pairs of strings");
    let document = json::parse(json_text.as_bytes(), &Limits::default()).map_err(|_| invalid())?;
    let pairs = document.root.as_array().ok_or_else(invalid)?;
    pairs
        .iter()
        .map(|pair| match pair.as_array() {
            Some([name, value]) => Ok((
                name.as_str().ok_or_else(invalid)?.to_owned(),
                value.as_str().ok_or_else(invalid)?.to_owned(),
            )),
            _ => Err(invalid()),
        })
        .collect()
}

fn pairs(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}

thread_local! {
    /// The report of the last [`verdict`] as JSON text, until
    /// [`last_report`] takes it or the next verdict writes over it.
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Validates a request and hands its report to `then`.
fn with_report<R>(
    dialect_name: &str,
    body: &str,
    headers_json: &str,
    then: impl FnOnce(Report<'_>) -> R,
) -> Result<R, JsError> {
    let headers = headers(headers_json)?;
    let report = dialect(dialect_name)?.validate(body.as_bytes(), &pairs(&headers));
    Ok(then(report))
}

/// The report on a request, as the JSON text the CLI prints.
#[wasm_bindgen]
pub fn validate(dialect_name: &str, body: &str, headers_json: &str) -> Result<String, JsError> {
    with_report(dialect_name, body, headers_json, |report| report.to_json())
}

/// Whether a request is valid (1) or not (0), keeping its report's JSON
/// text in WebAssembly for [`last_report`]: the package copies and parses
/// it only when a caller reads more than the verdict. 2 when the arguments
/// are refused, which [`validate`] then throws with its reason.
///
/// One number rather than a `Result`: Node 20's V8 compiles a wrapper of
/// its own for each export that returns several values when the module
/// compiles, which the builds avoid, and a return through memory instead
/// costs every call two more (docs/performance.md, "Instantiation").
#[wasm_bindgen]
pub fn verdict(dialect_name: &str, body: &str, headers_json: &str) -> u32 {
    with_report(dialect_name, body, headers_json, |report| {
        LAST.with_borrow_mut(|last| {
            last.clear();
            report.append_json(last);
        });
        report.is_valid()
    })
    .map_or(2, u32::from)
}

/// The report the last [`verdict`] kept, as the JSON text the CLI prints,
/// or nothing once taken.
#[wasm_bindgen(js_name = lastReport)]
pub fn last_report() -> Option<String> {
    let last = LAST.take();
    (!last.is_empty()).then_some(last)
}

/// The outcome of converting a request and the target body's exact text
/// (or `null`), as the JSON text of a two-element array.
#[cfg(feature = "convert")]
#[wasm_bindgen(js_name = convertParts)]
pub fn convert_parts(
    from: &str,
    to: &str,
    body: &str,
    headers_json: &str,
) -> Result<String, JsError> {
    let headers = headers(headers_json)?;
    let conversion = dialect(from)?.convert(dialect(to)?, body.as_bytes(), &pairs(&headers));
    json_text(&(conversion.to_json(), conversion.body_json()))
}

/// The violations of one field, as the JSON text of an array: of its JSON
/// value, or with `input` of the raw text of a form input. One export for
/// both: each export costs the package its own glue.
#[wasm_bindgen(js_name = validateField)]
pub fn validate_field(
    dialect_name: &str,
    path: &str,
    value: Option<String>,
    currency: Option<String>,
    input: bool,
) -> Result<String, JsError> {
    let dialect = dialect(dialect_name)?;
    let (value, currency) = (value.as_deref(), currency.as_deref());
    let violations = if input {
        dialect.validate_input(path, value, currency)
    } else {
        dialect.validate_field(path, value, currency)
    }
    .map_err(|e| JsError::new(&e.message()))?;
    json_text(&violations)
}

fn json_text(value: &impl Serialize) -> Result<String, JsError> {
    json::to_string(value).ok_or_else(|| JsError::new("the answer could not be written as JSON"))
}

/// The pieces end to end. Not `[..].concat()`, whose generic join is a
/// kilobyte of the package for three error messages.
fn concat(pieces: &[&str]) -> String {
    let mut out = String::new();
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

fn currency(code: &str) -> Result<Currency, JsError> {
    Currency::from_code(code).ok_or_else(|| {
        JsError::new(&concat(&[
            "`",
            code,
            "` is not an ISO 4217 currency code (three upper-case letters, such as KES)",
        ]))
    })
}

/// An amount in the other unit, exactly: major units to minor units with
/// `to_minor` (`"12.34"` KES is `"1234"`), minor units to major units
/// without (`"1234"` KES is `"12.34"`). One export for both, as with
/// [`validate_field`].
#[wasm_bindgen(js_name = convertAmount)]
pub fn convert_amount(amount: &str, code: &str, to_minor: bool) -> Result<String, JsError> {
    let c = currency(code)?;
    let (converted, unit) = if to_minor {
        // The JSON writer writes an integer as its digits.
        let minor = Money::from_major_str(amount, c)
            .map(|m| json::to_string(&m.minor()).unwrap_or_default());
        (minor, "")
    } else {
        (
            Money::from_minor_str(amount, c).map(Money::to_major_string),
            " in minor units",
        )
    };
    converted.map_err(|e| {
        let why = e.message();
        JsError::new(&concat(&[
            "`",
            amount,
            "` is not an amount of ",
            c.code(),
            unit,
            ": ",
            &why,
        ]))
    })
}

/// Each field's and header's constraints, for form inputs, as JSON text.
#[wasm_bindgen]
pub fn constraints(dialect_name: &str, currency_code: Option<String>) -> Result<String, JsError> {
    let c = currency_code.as_deref().map(currency).transpose()?;
    json_text(&dialect(dialect_name)?.constraints(c))
}

/// The dialects' names, as JSON text.
#[wasm_bindgen]
pub fn dialects() -> String {
    let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.name()).collect();
    // Strings and lists always write: no error to throw, and none to carry.
    json::to_string(&names).unwrap_or_default()
}

#[derive(Serialize)]
struct CurrencyInfo {
    code: &'static str,
    numeric: u16,
    exponent: Option<u8>,
    name: &'static str,
    status: &'static str,
}

impl From<Currency> for CurrencyInfo {
    fn from(c: Currency) -> CurrencyInfo {
        CurrencyInfo {
            code: c.code(),
            numeric: c.numeric(),
            exponent: c.exponent(),
            name: c.name(),
            status: match c.status() {
                Status::Current => "current",
                Status::Fund => "fund",
                Status::Special => "special",
                Status::Superseded { .. } => "superseded",
                Status::Historic => "historic",
                _ => "unofficial",
            },
        }
    }
}

/// One currency's code, numeric code, exponent, name and status, or `null`,
/// as JSON text.
#[wasm_bindgen(js_name = currency)]
pub fn currency_info(code: &str) -> String {
    // Strings and numbers always write, as in `dialects`.
    json::to_string(&Currency::from_code(code).map(CurrencyInfo::from)).unwrap_or_default()
}

/// The currencies a dialect accepts, for a currency picker, as JSON text.
#[wasm_bindgen]
pub fn currencies(dialect_name: &str) -> Result<String, JsError> {
    let d = dialect(dialect_name)?;
    let list: Vec<CurrencyInfo> = d
        .currencies()
        .codes()
        .filter_map(Currency::from_code)
        .map(CurrencyInfo::from)
        .collect();
    json_text(&list)
}
