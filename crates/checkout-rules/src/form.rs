//! What a checkout form needs from a dialect: each field's constraints, to
//! put on its `<input>`, and the verdict on one field while the customer
//! types, the same verdict full validation gives for that field.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::Serialize;

use crate::currency::Currency;
use crate::dialect::Dialect;
use crate::json::pointer::Pointer;
use crate::json::{self, Limits};
use crate::message::{integer_text, msg};
use crate::money::Money;
use crate::rules::amount::{Minimum, Unit};
use crate::schema::DialectSpec;
use crate::schema::{Field, HeaderField, HeaderRule, ObjectSpec, Rule};
use crate::violation::{Code, Part, Violation};
use crate::walker::{Trail, Walker};

/// The constraints of one field or header, as a form puts them on an input.
///
/// Bounds are exact decimal text in the unit the field is written in
/// (`"0.01"` for a Flutterwave amount, `"100"` for a Payviox one), because a
/// JavaScript number would round them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Constraint {
    /// Body or header.
    #[serde(rename = "in")]
    pub part: Part,
    /// The field's JSON pointer, `*` standing for any array index
    /// (`/items/*/price`), or the header's name.
    pub path: String,
    /// Whether it must be present.
    pub required: bool,
    /// The JSON type: `string`, `number`, `object` or `array`.
    #[serde(rename = "type")]
    pub json_type: &'static str,
    /// The HTML input type that fits: `text`, `email`, `url`, `tel` or
    /// `number`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_type: Option<&'static str>,
    /// The fewest characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// The most characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// An HTML `pattern` (anchored implicitly).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Cow<'static, str>>,
    /// The smallest number, as exact text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<String>,
    /// The largest number, as exact text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<String>,
    /// The granularity of a number, as exact text (`"0.01"` for a
    /// two-decimal currency in major units).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The allowed values, when they are a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<&'static str>>,
}

impl Constraint {
    fn new(part: Part, path: String, required: bool, json_type: &'static str) -> Constraint {
        Constraint {
            part,
            path,
            required,
            json_type,
            input_type: None,
            min_length: None,
            max_length: None,
            pattern: None,
            min: None,
            max: None,
            step: None,
            allowed: None,
        }
    }
}

/// A field name that is not one of the dialect's fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFieldPath {
    /// The dialect.
    pub dialect: &'static str,
    /// The path asked for.
    pub path: String,
}

impl UnknownFieldPath {
    /// What `Display` writes, built without `core::fmt` for the
    /// WebAssembly package.
    pub fn message(&self) -> String {
        msg!(
            "`",
            self.path,
            "` is not a field or header of ",
            self.dialect,
            " (body fields are JSON pointers such as /amount)"
        )
    }
}

impl fmt::Display for UnknownFieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for UnknownFieldPath {}

impl Dialect {
    /// Every field's and header's constraints, in the order of the rules
    /// document. With a currency, amounts get their step and bounds in it.
    ///
    /// ```
    /// use checkout_rules::{Currency, Dialect};
    ///
    /// let kes = Currency::from_code("KES");
    /// let fields = Dialect::FLUTTERWAVE.constraints(kes);
    /// let reference = fields.iter().find(|c| c.path == "/reference").unwrap();
    /// assert_eq!((reference.min_length, reference.max_length), (Some(6), Some(42)));
    /// assert_eq!(reference.pattern.as_deref(), Some(r"[a-zA-Z0-9\-]+"));
    /// let amount = fields.iter().find(|c| c.path == "/amount").unwrap();
    /// assert_eq!((amount.min.as_deref(), amount.step.as_deref()), (Some("0.01"), Some("0.01")));
    /// ```
    pub fn constraints(self, currency: Option<Currency>) -> Vec<Constraint> {
        let spec = self.spec();
        let mut out = Vec::new();
        object_constraints(spec.body, "", currency, &mut out);
        for header in spec.headers {
            out.push(header_constraint(header));
        }
        out
    }

    /// The violations of one field's value, as full validation would report
    /// them for that field: `path` is a JSON pointer into the body (array
    /// indices as numbers) or a header's name; `value` is the field's JSON
    /// text, or a header's value (`None` when absent); `currency` is the
    /// body's currency, for amounts. Rules across fields are not judged.
    ///
    /// ```
    /// use checkout_rules::Dialect;
    ///
    /// let v = Dialect::FLUTTERWAVE.validate_field("/reference", Some(r#""ORDER_1""#), None).unwrap();
    /// assert_eq!(v[0].code.as_str(), "pattern_mismatch");
    /// let v = Dialect::FLUTTERWAVE.validate_field("/amount", Some("12.345"), Some("NGN")).unwrap();
    /// assert_eq!(v[0].code.as_str(), "too_many_decimals");
    /// assert!(Dialect::FLUTTERWAVE.validate_field("X-Trace-Id", Some("trace-000000001"), None).unwrap().is_empty());
    /// assert!(Dialect::FLUTTERWAVE.validate_field("/nope", Some("1"), None).is_err());
    /// ```
    pub fn validate_field(
        self,
        path: &str,
        value: Option<&str>,
        currency: Option<&str>,
    ) -> Result<Vec<Violation>, UnknownFieldPath> {
        let spec = self.spec();
        let unknown = || UnknownFieldPath {
            dialect: spec.name,
            path: String::from(path),
        };
        let mut out = Vec::new();
        if !path.starts_with('/') {
            let header = spec
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(path))
                .ok_or_else(unknown)?;
            match value {
                Some(v) => Walker::new(&mut out, None).header(v, header),
                None if header.required => out.push(Violation::header(
                    header.name,
                    Code::Required,
                    msg!("The ", header.name, " header is required."),
                )),
                None => {}
            }
            return Ok(out);
        }
        let pointer = Pointer::parse(path).ok_or_else(unknown)?;
        let field = find_field(spec, &pointer).ok_or_else(unknown)?;
        let currency = currency.and_then(|c| self.currencies().resolve(c).ok());
        match value {
            None if field.required => {
                let name = crate::rules::At::body(path).name();
                out.push(Violation::body(
                    path,
                    Code::Required,
                    msg!("The ", name, " field is required."),
                ));
            }
            None => {}
            Some(text) => match json::read(text.as_bytes(), &Limits::default()) {
                Ok(mut tape) => {
                    // Violations from reading the value belong at the field.
                    out.extend(core::mem::take(&mut tape.problems).into_iter().map(|e| {
                        let mut v = Violation::from(e);
                        v.path = msg!(path, v.path);
                        v
                    }));
                    Walker::on(&mut out, currency, Trail::starting_at(pointer))
                        .field(tape.root(), field);
                }
                Err(e) => {
                    let mut v = Violation::from(e);
                    v.path = String::from(path);
                    out.push(v);
                }
            },
        }
        Ok(out)
    }
}

/// The field a pointer names, array indices matching any element.
impl Dialect {
    /// [`validate_field`](Dialect::validate_field) for the raw text of a form
    /// input: a number field's text is read as a number (`12.34`, exactly),
    /// a text field's as the text itself, an object or array field's as JSON.
    ///
    /// ```
    /// use checkout_rules::Dialect;
    ///
    /// let v = Dialect::KIOTAPAY.validate_input("/amount", Some("12.345"), Some("KES")).unwrap();
    /// assert_eq!(v[0].code.as_str(), "too_many_decimals");
    /// let v = Dialect::KIOTAPAY.validate_input("/amount", Some("12,34"), Some("KES")).unwrap();
    /// assert_eq!(v[0].code.as_str(), "invalid_type");
    /// assert!(Dialect::KIOTAPAY.validate_input("/description", Some("12.34"), None).unwrap().is_empty());
    /// assert!(Dialect::FLUTTERWAVE.validate_input("X-Trace-Id", Some("trace-000000001"), None).unwrap().is_empty());
    /// ```
    pub fn validate_input(
        self,
        path: &str,
        input: Option<&str>,
        currency: Option<&str>,
    ) -> Result<Vec<Violation>, UnknownFieldPath> {
        if !path.starts_with('/') {
            // A header's value is its text already.
            return self.validate_field(path, input, currency);
        }
        let json_type = Pointer::parse(path)
            .and_then(|p| find_field(self.spec(), &p))
            .map_or("string", |f| f.rule.json_type());
        let value = input.map(|text| match json_type {
            "number" if crate::number::form(text) != crate::number::Form::Invalid => {
                String::from(text)
            }
            "object" | "array" => String::from(text),
            _ => crate::json::write::to_string(text).unwrap_or_default(),
        });
        self.validate_field(path, value.as_deref(), currency)
    }
}

fn find_field(spec: &DialectSpec, pointer: &Pointer) -> Option<&'static Field> {
    let mut object: &'static ObjectSpec = spec.body;
    let mut segments = pointer.segments().peekable();
    let mut found: Option<&'static Field> = None;
    while let Some(name) = segments.next() {
        let field = object.field(&name)?;
        found = Some(field);
        match field.rule {
            Rule::Object(inner) => object = inner,
            Rule::List { item, .. } => {
                // The pointer names either the list or, after an index, an item's field.
                let Some(index) = segments.peek() else {
                    break;
                };
                if index != "*" && crate::number::digits_value(index).is_none() {
                    return None;
                }
                segments.next();
                match item {
                    Rule::Object(inner) => object = inner,
                    _ => return segments.next().is_none().then_some(field),
                }
            }
            _ => return segments.next().is_none().then_some(field),
        }
    }
    found
}

fn object_constraints(
    object: &ObjectSpec,
    prefix: &str,
    currency: Option<Currency>,
    out: &mut Vec<Constraint>,
) {
    for field in object.fields {
        let path = msg!(prefix, "/", escape(field.name));
        out.push(field_constraint(
            &path,
            field.required,
            &field.rule,
            currency,
        ));
        match field.rule {
            Rule::Object(inner) => object_constraints(inner, &path, currency, out),
            Rule::List {
                item: Rule::Object(inner),
                ..
            } => object_constraints(inner, &msg!(path, "/*"), currency, out),
            _ => {}
        }
    }
}

fn escape(name: &str) -> String {
    let mut segment = String::with_capacity(name.len());
    crate::json::pointer::push_escaped(&mut segment, name);
    segment
}

fn field_constraint(
    path: &str,
    required: bool,
    rule: &Rule,
    currency: Option<Currency>,
) -> Constraint {
    let mut c = Constraint::new(Part::Body, String::from(path), required, rule.json_type());
    match rule {
        Rule::Text(t) => {
            c.input_type = Some("text");
            c.min_length = Some(t.min_chars);
            c.max_length = t.max_chars;
            // Without the provider's pattern, an identifier's: nothing
            // invisible at either end. (Free text has none: the patterns
            // cost the WebAssembly package more than a form gains.)
            c.pattern = match (t.pattern, t.identifier) {
                (Some(p), _) => Some(Cow::Borrowed(p.html())),
                (None, true) => Some(Cow::Borrowed(crate::rules::text::IDENTIFIER_PATTERN)),
                (None, false) => None,
            };
        }
        Rule::Email => {
            c.input_type = Some("email");
            c.pattern = Some(Cow::Borrowed(html(crate::rules::email::PATTERN)));
        }
        Rule::Url(_) => {
            c.input_type = Some("url");
            c.max_length = Some(u32::try_from(crate::rules::url::MAX_CHARS).unwrap_or(u32::MAX));
        }
        Rule::Ip => c.input_type = Some("text"),
        Rule::Phone => {
            c.input_type = Some("tel");
            c.pattern = Some(Cow::Borrowed(crate::rules::phone::PATTERN));
        }
        Rule::Country => {
            c.input_type = Some("text");
            c.pattern = Some(Cow::Borrowed("[A-Z]{2}"));
            c.allowed = Some(crate::region::countries().collect());
        }
        Rule::Locale => {
            c.input_type = Some("text");
            c.pattern = Some(Cow::Borrowed("[a-z]{2}_[A-Z]{2}"));
        }
        Rule::Currency(set) => {
            c.input_type = Some("text");
            c.pattern = Some(Cow::Borrowed("[A-Z]{3}"));
            c.allowed = Some(set.codes().collect());
        }
        Rule::OneOf(values) => {
            c.input_type = Some("text");
            c.allowed = Some(values.to_vec());
        }
        Rule::Integer(r) => {
            c.input_type = Some("number");
            c.min = Some(integer_text(r.min));
            c.max = Some(integer_text(r.max));
            c.step = Some(String::from("1"));
        }
        Rule::Amount(a) => {
            c.input_type = Some("number");
            let one_minor = currency.and_then(|cur| Money::from_minor(1, cur).ok());
            c.step = match a.unit {
                Unit::Minor => Some(String::from("1")),
                Unit::Major => one_minor.map(Money::to_major_string),
            };
            c.min = match (a.min, a.unit) {
                (Minimum::Minor(m), Unit::Minor) => Some(integer_text(m)),
                (Minimum::Minor(m), Unit::Major) => currency
                    .and_then(|cur| Money::from_minor(m, cur).ok())
                    .map(Money::to_major_string),
                (Minimum::Major(m), _) => Some(String::from(m)),
            };
            let max = crate::number::MAX_SAFE_INTEGER;
            c.max = match a.unit {
                Unit::Minor => Some(integer_text(max)),
                Unit::Major => currency
                    .and_then(|cur| Money::from_minor(max, cur).ok())
                    .map(Money::to_major_string),
            };
        }
        Rule::Object(_) | Rule::FreeObject | Rule::List { .. } => {}
    }
    if let Rule::List { min_items, .. } = rule {
        c.min_length = u32::try_from(*min_items).ok();
    }
    c
}

fn header_constraint(header: &HeaderField) -> Constraint {
    let rule = match header.rule {
        HeaderRule::Text(t) => Rule::Text(t),
        HeaderRule::Bearer(_) | HeaderRule::JsonContentType => {
            Rule::Text(crate::rules::text::Text::NON_EMPTY)
        }
    };
    let mut c = field_constraint(header.name, header.required, &rule, None);
    c.part = Part::Header;
    if let HeaderRule::JsonContentType = header.rule {
        c.allowed = Some(alloc::vec!["application/json"]);
    }
    c
}

fn html(regex: &'static str) -> &'static str {
    let r = regex.strip_prefix('^').unwrap_or(regex);
    r.strip_suffix('$').unwrap_or(r)
}
