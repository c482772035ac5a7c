//! [`proptest`](mod@proptest) strategies for each dialect: valid requests, and near-misses
//! (a valid request with exactly one rule broken, with the violation the
//! library must report). For testing code that builds, sends or receives
//! checkout requests; this crate's own property tests use the same ones.
//!
//! Requests are generated from the dialect's field table, so they follow
//! every rule: any currency the dialect accepts (historic ones included for
//! Flutterwave), amounts within the currency's decimals, any number of
//! items, each optional field on or off, headers the dialect checks, and the
//! rules across fields (items that sum to the amount).
//!
//! ```
//! use checkout_rules::testing::{near_miss, valid_request};
//! use checkout_rules::Dialect;
//! use proptest::prelude::*;
//! use proptest::test_runner::TestRunner;
//!
//! // Your integration: a handler that must accept what Flutterwave accepts
//! // and refuse the rest, field by field.
//! fn my_handler(body: &str) -> Result<(), String> {
//!     let report = Dialect::FLUTTERWAVE.validate(body.as_bytes(), &[]);
//!     match report.violations().first() {
//!         None => Ok(()),
//!         Some(v) => Err(v.path.clone()),
//!     }
//! }
//!
//! let mut runner = TestRunner::default();
//! runner
//!     .run(&valid_request(Dialect::FLUTTERWAVE), |request| {
//!         prop_assert!(my_handler(&request.body).is_ok());
//!         Ok(())
//!     })
//!     .unwrap();
//! runner
//!     .run(&near_miss(Dialect::FLUTTERWAVE), |(request, expected)| {
//!         prop_assert_eq!(my_handler(&request.body), Err(expected.path));
//!         Ok(())
//!     })
//!     .unwrap();
//! ```

// Generators: a regular expression here that does not compile is a bug in
// this module, which its own tests find at once.
#![allow(clippy::expect_used)]

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;

/// How the library classifies an IP address, for tests that hold it to an
/// outside oracle (the project's own compares it with Python's
/// `ipaddress` over the IANA special-purpose registries): whether an
/// address is globally reachable, and if not, which range holds it or which
/// IPv4 address it carries.
pub mod addresses {
    pub use crate::rules::ip::{Form, Kind, NotGlobal, is_global, not_global};
}

use crate::currency::Currency;
use crate::dialect::Dialect;
use crate::json::{Node, Object, Value};
use crate::money::Money;
use crate::rules::amount::{Amount, Minimum, Unit};
use crate::rules::text::Text;
use crate::schema::{CrossCheck, Extra, HeaderField, HeaderRule, ObjectSpec, Rule, UrlUse};
use crate::violation::{Code, Part};

/// A generated request: its body as JSON text, and its headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The body, as JSON text.
    pub body: String,
    /// The headers, as `(name, value)` pairs.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The headers as the `&[(&str, &str)]` that validation takes.
    pub fn header_pairs(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

/// The one violation a near-miss must produce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// Body or header.
    pub part: Part,
    /// The JSON pointer, or the header's name.
    pub path: String,
    /// The code.
    pub code: Code,
}

/// A valid request, as a tree, before it is written out.
#[derive(Clone, Debug)]
struct Draft {
    dialect: Dialect,
    currency: Currency,
    body: Object<'static>,
    headers: Vec<(String, String)>,
}

impl Draft {
    fn request(&self) -> Request {
        Request {
            body: crate::json::write::to_string(&self.body).unwrap_or_default(),
            headers: self.headers.clone(),
        }
    }
}

/// Valid requests for `dialect`.
pub fn valid_request(dialect: Dialect) -> BoxedStrategy<Request> {
    draft(dialect).prop_map(|d| d.request()).boxed()
}

/// A valid request for `dialect` with exactly one rule broken, and the
/// violation that must be reported for it.
pub fn near_miss(dialect: Dialect) -> BoxedStrategy<(Request, Expected)> {
    draft(dialect)
        .prop_flat_map(|d| {
            let breaks = breaks(&d);
            let count = breaks.len();
            (Just(d), Just(breaks), 0..count)
        })
        .prop_map(|(draft, breaks, i)| {
            let mut draft = draft;
            let expected = breaks[i].apply(&mut draft);
            (draft.request(), expected)
        })
        .boxed()
}

fn draft(dialect: Dialect) -> BoxedStrategy<Draft> {
    let currencies: Vec<Currency> = dialect
        .currencies()
        .codes()
        .filter_map(Currency::from_code)
        .collect();
    let spec = dialect.spec();
    proptest::sample::select(currencies)
        .prop_flat_map(move |currency| {
            let body = object(spec.body, currency);
            let headers = headers(spec.headers);
            (Just(currency), body, headers)
        })
        .prop_map(move |(currency, body, headers)| {
            let mut draft = Draft {
                dialect,
                currency,
                body,
                headers,
            };
            settle_cross_rules(&mut draft);
            draft
        })
        .boxed()
}

/// A valid object: every required field, each optional one half the time.
fn object(spec: &'static ObjectSpec, currency: Currency) -> BoxedStrategy<Object<'static>> {
    let fields: Vec<BoxedStrategy<Option<(&'static str, Value<'static>)>>> = spec
        .fields
        .iter()
        .map(|field| {
            let value = value(&field.rule, currency).prop_map(move |v| Some((field.name, v)));
            if field.required {
                value.boxed()
            } else {
                prop_oneof![Just(None), value].boxed()
            }
        })
        .collect();
    fields
        .prop_map(|members| {
            let mut object = Object::default();
            for (name, value) in members.into_iter().flatten() {
                object.set(name, value);
            }
            object
        })
        .boxed()
}

fn string(s: impl Into<String>) -> Value<'static> {
    Value::string(s.into())
}

fn number(s: impl ToString) -> Value<'static> {
    Value::number_text(s.to_string())
}

/// A valid value for a rule.
fn value(rule: &'static Rule, currency: Currency) -> BoxedStrategy<Value<'static>> {
    match rule {
        Rule::Text(t) => text(t, false).prop_map(string).boxed(),
        Rule::Email => "[a-z0-9._%+-]{1,12}@[a-z0-9]{1,10}(\\.[a-z]{2,6}){0,2}"
            .prop_map(string)
            .boxed(),
        Rule::Url(url_use) => {
            let scheme = match url_use {
                UrlUse::Redirect => "https?",
                UrlUse::Webhook => "https",
            };
            regex(&format!("{scheme}://[a-z][a-z0-9]{{0,9}}\\.example(/[a-zA-Z0-9_.~-]{{1,8}}){{0,3}}(\\?[a-z]{{1,5}}=[a-z0-9]{{0,5}})?"))
                .prop_map(string)
                .boxed()
        }
        // An end user's address: any globally reachable one, in either
        // family, the IPv4-mapped spelling included.
        Rule::Ip => prop_oneof![
            any::<[u8; 4]>().prop_map(core::net::IpAddr::from),
            any::<[u8; 4]>().prop_map(|o| core::net::Ipv4Addr::from(o).to_ipv6_mapped().into()),
            any::<[u16; 8]>().prop_map(core::net::IpAddr::from),
        ]
        .prop_filter("a globally reachable address", |ip| {
            crate::rules::ip::is_global(*ip)
        })
        .prop_map(|ip| string(ip.to_string()))
        .boxed(),
        // A calling code, then digits of a length possible for it.
        Rule::Phone => (
            proptest::sample::select(crate::rules::phone::CALLING_CODES),
            "[0-9]{15}",
        )
            .prop_flat_map(|(code, digits)| {
                let lengths = crate::rules::phone::possible_lengths(code)
                    .map(|l| l.iter().collect::<Vec<_>>())
                    .unwrap_or_default();
                (Just(code), Just(digits), proptest::sample::select(lengths))
            })
            .prop_map(|(code, digits, len)| string(format!("+{code}{}", &digits[..len])))
            .boxed(),
        Rule::Country => country().prop_map(string).boxed(),
        Rule::Locale => (
            proptest::sample::select(crate::region::languages().collect::<Vec<_>>()),
            country(),
        )
            .prop_map(|(l, c)| string(format!("{l}_{c}")))
            .boxed(),
        Rule::Currency(_) => Just(string(currency.code())).boxed(),
        Rule::Amount(a) => amount(*a, currency).boxed(),
        Rule::Integer(r) => (r.min..=r.max.min(r.min.saturating_add(1000)))
            .prop_map(number)
            .boxed(),
        Rule::OneOf(values) => proptest::sample::select(*values).prop_map(string).boxed(),
        Rule::Object(spec) => object(spec, currency).prop_map(Value::from).boxed(),
        Rule::List { min_items, item } => {
            proptest::collection::vec(value(item, currency), *min_items..=*min_items + 3)
                .prop_map(Value::from)
                .boxed()
        }
        Rule::FreeObject => free_object().prop_map(Value::from).boxed(),
    }
}

fn regex(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(pattern).expect("the generators' patterns compile")
}

fn country() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(crate::region::countries().collect::<Vec<_>>())
}

/// Text within the rule's length and characters: ASCII, with some
/// non-ASCII letters where the rule allows any and `ascii` is false.
fn text(t: &'static Text, ascii: bool) -> BoxedStrategy<String> {
    let min = t.min_chars.max(1);
    let max = t.max_chars.unwrap_or(min + 30).min(min + 60);
    let class = match t.pattern {
        Some(_) => "[a-zA-Z0-9-]",
        None if t.identifier || ascii => "[a-zA-Z0-9_.:#-]",
        None => "[a-zA-Z0-9 ,.'é日-]",
    };
    let identifier = t.identifier;
    regex(&format!("[a-zA-Z0-9]{class}{{{},{}}}", min - 1, max - 1))
        .prop_map(move |s| {
            if identifier {
                s
            } else {
                s.trim_end().to_string()
            }
        })
        .prop_filter("within the length range", move |s| {
            let n = u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
            n >= min && n <= max
        })
        .boxed()
}

/// The smallest amount a rule allows, in minor units of `currency`.
fn min_minor(a: Amount, currency: Currency) -> i64 {
    match a.min {
        Minimum::Minor(m) => m,
        Minimum::Major(text) => {
            // The smallest whole number of minor units at or above the minimum.
            let exponent = u32::from(currency.exponent().unwrap_or(0));
            let (int, frac) = text.split_once('.').unwrap_or((text, ""));
            let mut digits = String::from(int);
            let frac_digits: String = frac
                .chars()
                .chain(core::iter::repeat('0'))
                .take(exponent as usize)
                .collect();
            digits.push_str(&frac_digits);
            let floor: i64 = digits.parse().unwrap_or(0);
            let exact = frac.len() <= exponent as usize
                || frac[exponent as usize..].chars().all(|c| c == '0');
            if exact { floor } else { floor + 1 }
        }
    }
}

fn amount(a: Amount, currency: Currency) -> impl Strategy<Value = Value<'static>> {
    let low = min_minor(a, currency).max(0);
    (low..=low + 10_000_000, any::<bool>(), 0..8u8).prop_map(move |(minor, pad, spelling)| {
        let text = match (a.unit, Money::from_minor(minor, currency)) {
            (Unit::Minor, _) | (Unit::Major, Err(_)) => minor.to_string(),
            // Exponent notation, as Java's Jackson writes doubles, now and
            // then: `2500E-2` is 25.00.
            (Unit::Major, Ok(_)) if spelling == 0 => {
                format!("{minor}E-{}", currency.exponent().unwrap_or(0))
            }
            // Trailing zeros are exact: `12.340` is written sometimes.
            (Unit::Major, Ok(m)) if pad && m.to_major_string().contains('.') => {
                format!("{}0", m.to_major_string())
            }
            (Unit::Major, Ok(m)) => m.to_major_string(),
        };
        number(text)
    })
}

fn free_object() -> impl Strategy<Value = Object<'static>> {
    let leaf = prop_oneof![
        "[a-zA-Z0-9 _-]{0,12}".prop_map(string),
        (-1_000_000i64..1_000_000).prop_map(number),
        any::<bool>().prop_map(Value::from),
        Just(Value::null()),
    ];
    let value = leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..4).prop_map(|m| {
                let mut o = Object::default();
                for (k, v) in m {
                    o.set(k, v);
                }
                Value::from(o)
            }),
        ]
    });
    proptest::collection::btree_map("[a-z_]{1,10}", value, 0..5).prop_map(|m| {
        let mut o = Object::default();
        for (k, v) in m {
            o.set(k, v);
        }
        o
    })
}

/// Valid headers: every required one, each optional one half the time.
fn headers(specs: &'static [HeaderField]) -> BoxedStrategy<Vec<(String, String)>> {
    let each: Vec<BoxedStrategy<Option<(String, String)>>> = specs
        .iter()
        .map(|h| {
            let value = header_value(h).prop_map(move |v| Some((String::from(h.name), v)));
            if h.required {
                value.boxed()
            } else {
                prop_oneof![Just(None), value].boxed()
            }
        })
        .collect();
    each.prop_map(|all| all.into_iter().flatten().collect())
        .boxed()
}

fn header_value(h: &'static HeaderField) -> BoxedStrategy<String> {
    match h.rule {
        HeaderRule::Text(ref t) => text(t, true),
        HeaderRule::Bearer(prefixes) => {
            let prefix = if prefixes.is_empty() {
                vec![""]
            } else {
                prefixes.to_vec()
            };
            (proptest::sample::select(prefix), "[A-Za-z0-9]{8,24}")
                .prop_map(|(p, token)| format!("Bearer {p}{token}"))
                .boxed()
        }
        HeaderRule::JsonContentType => {
            proptest::sample::select(vec!["application/json", "application/json; charset=utf-8"])
                .prop_map(String::from)
                .boxed()
        }
    }
}

/// Makes every rule across fields hold, from the dialect's own
/// [`CrossCheck`]s: a sum's total is set to what its parts add up to (the
/// first element's price raised first when they fall short of the total's
/// minimum), and a field refused with a kind of key takes such keys away.
fn settle_cross_rules(d: &mut Draft) {
    let spec = d.dialect.spec();
    for rule in spec.cross_rules {
        match rule.check {
            CrossCheck::Sum {
                total,
                list,
                price,
                quantity,
                unit,
                ..
            } => {
                let sum = sum_minor(d, &rule.check);
                let minimum = match spec.body.field_at(total).map(|f| &f.rule) {
                    Some(Rule::Amount(Amount {
                        min: Minimum::Minor(m),
                        ..
                    })) => *m,
                    _ => 0,
                };
                if sum < minimum
                    && let Some(items) =
                        at_pointer_mut(&mut d.body, list).and_then(Value::as_array_mut)
                    && let Some(first) = items.first_mut().and_then(Value::as_object_mut)
                {
                    let count = first
                        .get(quantity)
                        .and_then(Value::as_number)
                        .and_then(|q| q.parse::<i64>().ok())
                        .unwrap_or(1);
                    let raised = minor_of(first.get(price), unit, d.currency)
                        + (minimum - sum + count - 1) / count;
                    first.set(price, in_unit(raised, unit, d.currency));
                }
                let sum = sum_minor(d, &rule.check);
                edit(&mut d.body, total, Some(in_unit(sum, unit, d.currency)));
            }
            CrossCheck::NotWithKey {
                field,
                header,
                key_prefix,
                ..
            } => {
                if at_pointer(&d.body, field).is_some() {
                    d.headers.retain(|(n, v)| {
                        !(n.eq_ignore_ascii_case(header)
                            && v.split_once(' ')
                                .is_some_and(|(_, key)| key.trim_start().starts_with(key_prefix)))
                    });
                }
            }
        }
    }
}

/// The value at `pointer` of a draft's body (members of objects only).
fn at_pointer<'o>(body: &'o Object<'static>, pointer: &str) -> Option<&'o Value<'static>> {
    let mut names = pointer.strip_prefix('/')?.split('/');
    let mut value = body.get(names.next()?)?;
    for name in names {
        value = value.as_object()?.get(name)?;
    }
    Some(value)
}

fn at_pointer_mut<'o>(
    body: &'o mut Object<'static>,
    pointer: &str,
) -> Option<&'o mut Value<'static>> {
    let mut names = pointer.strip_prefix('/')?.split('/');
    let mut value = body.get_mut(names.next()?)?;
    for name in names {
        value = value.as_object_mut()?.get_mut(name)?;
    }
    Some(value)
}

/// An amount written in `unit`, in minor units (0 when it is not one).
fn minor_of(value: Option<&Value<'_>>, unit: Unit, currency: Currency) -> i64 {
    value
        .and_then(Value::as_number)
        .and_then(|n| match unit {
            Unit::Minor => Money::from_minor_str(n, currency).ok(),
            Unit::Major => Money::from_major_str(n, currency).ok(),
        })
        .map_or(0, Money::minor)
}

/// Minor units written as `unit` writes them.
fn in_unit(minor: i64, unit: Unit, currency: Currency) -> Value<'static> {
    match unit {
        Unit::Minor => number(minor),
        Unit::Major => number(
            Money::from_minor(minor, currency)
                .map_or_else(|_| minor.to_string(), Money::to_major_string),
        ),
    }
}

/// What a sum's list and parts add up to, in minor units.
fn sum_minor(d: &Draft, check: &CrossCheck) -> i64 {
    let CrossCheck::Sum {
        list,
        price,
        quantity,
        parts,
        unit,
        ..
    } = *check
    else {
        return 0;
    };
    let items = at_pointer(&d.body, list)
        .and_then(Value::as_array)
        .map_or(0, |items| {
            items
                .iter()
                .filter_map(Value::as_object)
                .map(|item| {
                    let count = item
                        .get(quantity)
                        .and_then(Value::as_number)
                        .and_then(|q| q.parse::<i64>().ok())
                        .unwrap_or(1);
                    minor_of(item.get(price), unit, d.currency) * count
                })
                .sum()
        });
    parts
        .iter()
        .map(|p| minor_of(at_pointer(&d.body, p), unit, d.currency))
        .fold(items, |sum, part| sum + part)
}

/// One way to break one rule.
#[derive(Clone, Debug)]
enum Break {
    /// Remove a required field.
    Remove { pointer: String },
    /// Set a field to a value, expecting a code there.
    Set {
        pointer: String,
        value: Value<'static>,
        code: Code,
        at: String,
    },
    /// Add a member an object does not define.
    Add { object: String, key: String },
    /// Remove a required header.
    RemoveHeader { name: String },
    /// Set a header, expecting a code at the header.
    SetHeader {
        name: String,
        value: String,
        code: Code,
    },
    /// Set a header, expecting a violation elsewhere.
    SetHeaderReportedAt {
        name: String,
        value: String,
        expected: Expected,
    },
}

impl Break {
    fn apply(&self, d: &mut Draft) -> Expected {
        match self {
            Break::Remove { pointer } => {
                edit(&mut d.body, pointer, None);
                Expected {
                    part: Part::Body,
                    path: pointer.clone(),
                    code: Code::Required,
                }
            }
            Break::Set {
                pointer,
                value,
                code,
                at,
            } => {
                edit(&mut d.body, pointer, Some(value.clone()));
                Expected {
                    part: Part::Body,
                    path: at.clone(),
                    code: *code,
                }
            }
            Break::Add { object, key } => {
                let pointer = format!("{object}/{key}");
                edit(&mut d.body, &pointer, Some(number(1)));
                Expected {
                    part: Part::Body,
                    path: pointer,
                    code: Code::UnknownField,
                }
            }
            Break::RemoveHeader { name } => {
                d.headers.retain(|(n, _)| n != name);
                Expected {
                    part: Part::Header,
                    path: name.clone(),
                    code: Code::Required,
                }
            }
            Break::SetHeader { name, value, code } => {
                d.headers.retain(|(n, _)| n != name);
                d.headers.push((name.clone(), value.clone()));
                Expected {
                    part: Part::Header,
                    path: name.clone(),
                    code: *code,
                }
            }
            Break::SetHeaderReportedAt {
                name,
                value,
                expected,
            } => {
                d.headers.retain(|(n, _)| n != name);
                d.headers.push((name.clone(), value.clone()));
                expected.clone()
            }
        }
    }
}

/// Sets (or with `None`, removes) the member at a JSON pointer.
fn edit(object: &mut Object<'static>, pointer: &str, value: Option<Value<'static>>) {
    let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let mut root = Value::from(core::mem::take(object));
    edit_value(&mut root, &segments, value);
    if let Some(o) = root.as_object_mut() {
        *object = core::mem::take(o);
    }
}

fn edit_value(node: &mut Value<'static>, segments: &[&str], value: Option<Value<'static>>) {
    match (&mut node.0, segments) {
        (Node::Object(o), [last]) => match value {
            Some(v) => o.set(String::from(*last), v),
            None => {
                o.remove(last);
            }
        },
        (Node::Object(o), [head, rest @ ..]) => {
            if let Some(child) = o.get_mut(head) {
                edit_value(child, rest, value);
            }
        }
        (Node::Array(a), [index, rest @ ..]) => {
            let Some(child) = index.parse::<usize>().ok().and_then(|i| a.get_mut(i)) else {
                return;
            };
            match (rest, value) {
                ([], Some(v)) => *child = v,
                ([], None) => {}
                (rest, value) => edit_value(child, rest, value),
            }
        }
        _ => {}
    }
}

/// Every single-rule break that applies to a draft.
fn breaks(d: &Draft) -> Vec<Break> {
    let spec = d.dialect.spec();
    let mut out = Vec::new();
    object_breaks(spec.body, &d.body, "", d, &mut out);
    for h in spec.headers {
        let present = d.headers.iter().any(|(n, _)| n == h.name);
        if h.required && present {
            out.push(Break::RemoveHeader {
                name: String::from(h.name),
            });
        }
        let name = String::from(h.name);
        out.push(Break::SetHeader {
            name: name.clone(),
            value: String::from("a\u{1}b"),
            code: Code::InvalidHeaderValue,
        });
        match h.rule {
            HeaderRule::Text(t) => {
                if t.min_chars >= 1 {
                    out.push(Break::SetHeader {
                        name: name.clone(),
                        value: " ".repeat(t.min_chars as usize),
                        code: Code::Blank,
                    });
                }
                if let Some(max) = t.max_chars {
                    out.push(Break::SetHeader {
                        name,
                        value: "k".repeat(max as usize + 1),
                        code: Code::TooLong,
                    });
                }
            }
            HeaderRule::Bearer(_) => out.push(Break::SetHeader {
                name,
                value: String::from("Basic dXNlcjpwYXNz"),
                code: Code::InvalidAuthorization,
            }),
            HeaderRule::JsonContentType => {
                for value in [
                    "text/plain",
                    "application/json; charset=latin1",
                    "application/json; x",
                ] {
                    out.push(Break::SetHeader {
                        name: name.clone(),
                        value: String::from(value),
                        code: Code::UnsupportedContentType,
                    });
                }
            }
        }
    }
    // Rules across fields, from the dialect's own checks.
    for rule in spec.cross_rules {
        match rule.check {
            CrossCheck::Sum { total, unit, .. } => {
                let minor = minor_of(at_pointer(&d.body, total), unit, d.currency);
                out.push(Break::Set {
                    pointer: String::from(total),
                    value: in_unit(minor + 1, unit, d.currency),
                    code: Code::AmountMismatch,
                    at: String::from(total),
                });
            }
            CrossCheck::NotWithKey {
                field,
                header,
                key_prefix,
                code,
                ..
            } => {
                if at_pointer(&d.body, field).is_some() {
                    out.push(Break::SetHeaderReportedAt {
                        name: String::from(header),
                        value: format!("Bearer {key_prefix}live_0123456789"),
                        expected: Expected {
                            part: Part::Body,
                            path: String::from(field),
                            code,
                        },
                    });
                }
            }
        }
    }
    out
}

fn object_breaks(
    spec: &'static ObjectSpec,
    object: &Object<'static>,
    prefix: &str,
    d: &Draft,
    out: &mut Vec<Break>,
) {
    if spec.extra == Extra::Reject {
        out.push(Break::Add {
            object: String::from(prefix),
            key: String::from("zz_not_a_field"),
        });
    }
    for field in spec.fields {
        let pointer = format!("{prefix}/{}", field.name);
        let Some(value) = object.get(field.name) else {
            continue;
        };
        if field.required {
            out.push(Break::Remove {
                pointer: pointer.clone(),
            });
        }
        rule_breaks(&field.rule, value, &pointer, d, out);
    }
}

fn set(pointer: &str, value: Value<'static>, code: Code) -> Break {
    Break::Set {
        pointer: String::from(pointer),
        value,
        code,
        at: String::from(pointer),
    }
}

fn rule_breaks(
    rule: &'static Rule,
    value: &Value<'static>,
    pointer: &str,
    d: &Draft,
    out: &mut Vec<Break>,
) {
    let wrong_type = match rule.json_type() {
        "number" => string("1"),
        "object" => Value::from(Vec::new()),
        "array" => Value::from(Object::default()),
        _ => number(1),
    };
    out.push(set(pointer, wrong_type, Code::InvalidType));
    match rule {
        Rule::Text(t) => {
            let s = value.as_str().unwrap_or_default();
            if let Some(max) = t.max_chars {
                out.push(set(
                    pointer,
                    string("a".repeat(max as usize + 1)),
                    Code::TooLong,
                ));
            }
            let fits =
                |text: &str| text.chars().count() <= t.max_chars.unwrap_or(u32::MAX) as usize;
            if t.min_chars >= 1 {
                out.push(set(pointer, string(""), Code::TooShort));
                // With a pattern of its own, blank text breaks that too.
                let blank = " \u{200B}".repeat(t.min_chars as usize);
                if t.pattern.is_none() && fits(&blank) {
                    out.push(set(pointer, string(blank), Code::Blank));
                }
            }
            let invisible_start = format!("\u{FEFF}{s}");
            if t.identifier && t.pattern.is_none() && fits(&invisible_start) {
                out.push(set(
                    pointer,
                    string(invisible_start),
                    Code::InvisibleCharacter,
                ));
            }
            if t.pattern.is_some() {
                let broken: String = core::iter::once('_').chain(s.chars().skip(1)).collect();
                out.push(set(pointer, string(broken), Code::PatternMismatch));
            }
            let with_control: String = s
                .chars()
                .take(1)
                .chain(core::iter::once('\u{1}'))
                .chain(s.chars().skip(1))
                .collect();
            if with_control.chars().count() <= t.max_chars.unwrap_or(u32::MAX) as usize {
                out.push(set(pointer, string(with_control), Code::ControlCharacter));
            }
        }
        Rule::Email => out.push(set(
            pointer,
            string("no-at-sign.example"),
            Code::InvalidEmail,
        )),
        Rule::Url(url_use) => {
            out.push(set(
                pointer,
                string("ftp://files.example/"),
                Code::InvalidUrl,
            ));
            if *url_use == UrlUse::Webhook {
                for internal in [
                    "https://10.0.0.1/hook",
                    "https://[2002:7f00:1::]/hook",
                    "https://[64:ff9b:1::a9fe:a9fe]/latest/meta-data/",
                    "https://metadata.google.internal/computeMetadata/v1/",
                    "https://printer.local/",
                ] {
                    out.push(set(pointer, string(internal), Code::PrivateAddress));
                }
            }
        }
        Rule::Ip => {
            out.push(set(pointer, string("256.1.1.1"), Code::InvalidIp));
            // Addresses of the sender's own network, as a proxy would pass
            // them on.
            for internal in ["10.0.0.1", "127.0.0.1", "::ffff:192.168.0.10", "fe80::1"] {
                out.push(set(pointer, string(internal), Code::PrivateAddress));
            }
        }
        Rule::Phone => {
            out.push(set(pointer, string("0712345678"), Code::InvalidPhone));
            // The valid number lengthened and shortened to the nearest
            // lengths impossible for its calling code.
            let s = value.as_str().unwrap_or_default();
            let code = s.get(1..).and_then(crate::rules::phone::calling_code);
            if let Some(lengths) = code.and_then(crate::rules::phone::possible_lengths) {
                let head = 1 + code.map_or(0, |c| c.to_string().len());
                let national = s.len().saturating_sub(head);
                let longer = (national + 1..).find(|&n| !lengths.contains(n));
                let shorter = (0..national).rev().find(|&n| !lengths.contains(n));
                for n in longer.into_iter().chain(shorter) {
                    let number: String = s
                        .chars()
                        .chain(core::iter::repeat('5'))
                        .take(head + n)
                        .collect();
                    out.push(set(pointer, string(number), Code::InvalidPhone));
                }
            }
        }
        Rule::Country => out.push(set(pointer, string("XX"), Code::UnknownCountry)),
        Rule::Locale => out.push(set(pointer, string("xx_XX"), Code::InvalidLocale)),
        Rule::Currency(_) => out.push(set(pointer, string("ABC"), Code::UnknownCurrency)),
        Rule::Amount(a) => {
            let exponent = d.currency.exponent().unwrap_or(0);
            match a.unit {
                Unit::Minor => {
                    out.push(set(pointer, number("1e2"), Code::ExponentNotation));
                    out.push(set(pointer, number("100.5"), Code::NotInteger));
                }
                Unit::Major => {
                    out.push(set(
                        pointer,
                        number(format!("1.{}", "1".repeat(usize::from(exponent) + 1))),
                        Code::TooManyDecimals,
                    ));
                    out.push(set(
                        pointer,
                        number(format!("1E-{}", exponent + 1)),
                        Code::TooManyDecimals,
                    ));
                }
            }
            let low = min_minor(*a, d.currency);
            if low > 0 || matches!(a.min, Minimum::Minor(0)) {
                let below = match a.unit {
                    Unit::Minor => (low - 1).to_string(),
                    Unit::Major => match Money::from_minor(low - 1, d.currency) {
                        Ok(m) => m.to_major_string(),
                        Err(_) => return,
                    },
                };
                out.push(set(pointer, number(below), Code::BelowMinimum));
            }
        }
        Rule::Integer(r) => {
            out.push(set(pointer, number("1.5"), Code::NotInteger));
            out.push(set(pointer, number(r.min - 1), Code::BelowMinimum));
            if r.max < crate::number::MAX_SAFE_INTEGER {
                out.push(set(pointer, number(r.max + 1), Code::AboveMaximum));
            }
        }
        Rule::OneOf(_) => out.push(set(pointer, string("NOT_ONE_OF_THEM"), Code::NotAllowed)),
        Rule::Object(spec) => {
            if let Some(object) = value.as_object() {
                object_breaks(spec, object, pointer, d, out);
            }
        }
        Rule::List { min_items, item } => {
            if *min_items > 0 {
                out.push(set(pointer, Value::from(Vec::new()), Code::TooFewItems));
            }
            if let Some(first) = value.as_array().and_then(<[Value<'static>]>::first) {
                let element = format!("{pointer}/0");
                // Breaking an element: set the whole list with one broken element.
                let mut inner = Vec::new();
                rule_breaks(item, first, &element, d, &mut inner);
                for b in inner {
                    match b {
                        Break::Set {
                            pointer: p,
                            value: v,
                            code,
                            at,
                        } if p == element => {
                            let mut list: Vec<Value<'static>> = value
                                .as_array()
                                .map(<[Value<'static>]>::to_vec)
                                .unwrap_or_default();
                            list[0] = v;
                            out.push(Break::Set {
                                pointer: String::from(pointer),
                                value: Value::from(list),
                                code,
                                at,
                            });
                        }
                        other => out.push(other),
                    }
                }
            }
        }
        Rule::FreeObject => out.push(Break::Set {
            pointer: format!("{pointer}/zz_huge"),
            value: number("1e400"),
            code: Code::NumberOutOfRange,
            at: format!("{pointer}/zz_huge"),
        }),
    }
}
