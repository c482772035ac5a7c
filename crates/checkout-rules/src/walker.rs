//! The walker: applies a dialect's tables to a request, collecting every
//! violation, and tells a [`Visitor`] (the normaliser) what it checked.

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use crate::currency::Currency;
use crate::json::pointer::{Place, Pointer, Step};
use crate::json::{Json, same_key};
use crate::message::{join, msg};
use crate::money::Money;
use crate::rules::{self, At};
use crate::schema::{
    CrossCheck, CrossRule, Extra, Field, HeaderField, HeaderRule, Lines, ObjectSpec, Rule, UrlUse,
    member_names,
};
use crate::violation::{Code, Violation};

/// What a rule read from a value that passed it, handed to the normaliser so
/// that no value is read twice.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Read {
    /// Nothing beyond the value itself.
    Value,
    /// An amount.
    Money(Money),
    /// A whole number.
    Integer(i64),
    /// An IP address.
    Ip(IpAddr),
    /// An object, and whether it has members its spec does not list.
    Object { extra: bool },
}

/// What the walker says of a request as it checks it: each field that
/// passed its rule, with what the rule read (after the field's own
/// members), each list before its elements, and each element after its
/// fields. The normaliser builds the canonical session from it.
pub(crate) trait Visitor<'a> {
    /// A field whose value passed its rule.
    fn field(&mut self, field: &Field, value: Json<'_, 'a>, read: Read);
    /// A list of `len` elements of `item`, before its elements.
    fn list(&mut self, len: usize, item: &Rule);
    /// An element of a list, after its fields, with what its rule read.
    fn element(&mut self, element: Json<'_, 'a>, item: &Rule, read: Read);
}

/// The first [`CrossCheck::Sum`]'s list as the walk reads it: its
/// elements' prices and quantities are added up as their rules read them,
/// so that the rule does not find and parse them again.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ListSum {
    /// The list's pointer.
    list: &'static str,
    price: &'static str,
    quantity: &'static str,
    /// How many steps deep the list's elements' fields are, from the
    /// list's start on. It stays set after the list: a later field as deep
    /// only changes `line`, which no element of the list adds any more.
    depth: Option<usize>,
    /// The element's price and quantity, as their rules read them.
    line: (Option<Money>, Option<i64>),
    /// The lines added up, once the list is walked.
    lines: Option<Lines>,
}

impl ListSum {
    /// For the first sum among `rules`, if there is one.
    pub fn first_of(rules: &[CrossRule]) -> Option<ListSum> {
        rules.iter().find_map(|rule| match rule.check {
            CrossCheck::Sum {
                list,
                price,
                quantity,
                ..
            } => Some(ListSum {
                list,
                price,
                quantity,
                depth: None,
                line: (None, None),
                lines: None,
            }),
            CrossCheck::NotWithKey { .. } => None,
        })
    }

    /// The list starts, its elements' fields `depth` steps deep.
    pub fn start(&mut self, depth: usize, currency: Option<Currency>) {
        self.depth = Some(depth);
        self.lines = Some(currency.map_or(Lines::Stopped, Lines::start));
    }

    /// A field `depth` steps deep passed its rule, which read `read`.
    pub fn note(&mut self, depth: usize, name: &str, read: Read) {
        if self.depth != Some(depth) {
            return;
        }
        match read {
            Read::Money(m) if same_key(name.as_bytes(), self.price.as_bytes()) => {
                self.line.0 = Some(m);
            }
            Read::Integer(n) if same_key(name.as_bytes(), self.quantity.as_bytes()) => {
                self.line.1 = Some(n);
            }
            _ => {}
        }
    }

    /// Element `i` has been walked.
    pub fn end_element(&mut self, i: usize) {
        let line = core::mem::take(&mut self.line);
        if let Some(lines) = &mut self.lines {
            lines.add(i, line.0.zip(line.1));
        }
    }

    /// The list's pointer and its lines, for the rule.
    pub fn walked(&self) -> (&'static str, Option<Lines>) {
        (self.list, self.lines)
    }
}

/// Applies field specs to a document, collecting every violation.
pub(crate) struct Walker<'o, 'a> {
    pub out: &'o mut Vec<Violation>,
    pub currency: Option<Currency>,
    /// The value `currency` was resolved from (the currency field's, by
    /// its rule), whose check the walk need not repeat.
    pub currency_at: Option<u32>,
    pub url_policy: rules::url::UrlPolicy,
    /// Told of the values as they are checked, until the first violation
    /// makes it moot.
    pub visitor: Option<&'o mut dyn Visitor<'a>>,
    /// A sum's list to add up as it is walked.
    pub sum: Option<ListSum>,
    trail: Trail,
}

/// Where the walker is: the pointer it started at and the steps it took
/// below it. Pointer text is written from it only for a violation or a
/// free-form value that needs one, not for every field.
#[derive(Debug, Default)]
pub(crate) struct Trail {
    /// Where it starts.
    base: Pointer,
    /// The steps below `base`.
    steps: Vec<Step>,
    /// Room to write the whole pointer.
    text: Pointer,
}

impl Trail {
    /// A trail starting at `pointer`.
    pub fn starting_at(pointer: Pointer) -> Trail {
        Trail {
            base: pointer,
            steps: Vec::new(),
            text: Pointer::empty(),
        }
    }

    fn place(&self) -> Place<'_> {
        Place {
            base: self.base.as_str(),
            steps: &self.steps,
        }
    }

    fn at(&self) -> At<'_> {
        At::place(self.place())
    }

    /// Whether it is at `pointer`, a pointer through object members from
    /// the body (as cross rules name fields).
    fn is_at(&self, pointer: &str) -> bool {
        let Some(mut names) = member_names(pointer) else {
            return false;
        };
        self.base.as_str().is_empty()
            && self
                .steps
                .iter()
                .all(|step| matches!(step, Step::Field(f) if names.next() == Some(*f)))
            && names.next().is_none()
    }

    /// The pointer text of where it is.
    fn pointer(&mut self) -> &mut Pointer {
        self.text.truncate(0);
        let place = Place {
            base: self.base.as_str(),
            steps: &self.steps,
        };
        place.push_to(&mut self.text);
        &mut self.text
    }
}

impl core::fmt::Debug for Walker<'_, '_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Walker")
            .field("out", &self.out)
            .field("currency", &self.currency)
            .field("sum", &self.sum)
            .field("trail", &self.trail)
            .finish_non_exhaustive()
    }
}

impl<'o, 'a> Walker<'o, 'a> {
    pub fn new(out: &'o mut Vec<Violation>, currency: Option<Currency>) -> Walker<'o, 'a> {
        Walker::on(out, currency, Trail::starting_at(Pointer::empty()))
    }

    /// A walker whose values sit where `trail` is.
    pub fn on(
        out: &'o mut Vec<Violation>,
        currency: Option<Currency>,
        trail: Trail,
    ) -> Walker<'o, 'a> {
        Walker {
            out,
            currency,
            currency_at: None,
            url_policy: rules::url::UrlPolicy::default(),
            visitor: None,
            sum: None,
            trail,
        }
    }

    /// The trail, for the next walk: a walk pops every step it pushes, so
    /// the trail is back where it started.
    pub fn into_trail(self) -> Trail {
        debug_assert!(self.trail.steps.is_empty(), "{:?}", self.trail);
        self.trail
    }

    /// Checks an object against its spec: every field, then every member the
    /// spec does not list. Whether there were such members.
    pub fn object(&mut self, value: Json<'_, 'a>, spec: &ObjectSpec) -> bool {
        let Some(object) = self.expect(value, "object", Json::as_object) else {
            return false;
        };
        let members = spec.members(value);
        for (field, value) in spec.fields.iter().zip(members.values()) {
            if value.is_none() && !field.required {
                continue;
            }
            self.trail.steps.push(Step::Field(field.name));
            match value {
                Some(value) => {
                    let read = self.field(value, field);
                    if let Some(sum) = &mut self.sum {
                        sum.note(self.trail.steps.len(), field.name, read);
                    }
                    if let Some(visitor) = self.visitor() {
                        visitor.field(field, value, read);
                    }
                }
                None => {
                    let at = self.trail.at();
                    self.out.push(at.violation(
                        Code::Required,
                        msg!("The ", at.name(), " field is required."),
                    ));
                }
            }
            self.trail.steps.pop();
        }
        if !members.unlisted {
            return false;
        }
        for (key, value) in object {
            if spec.field(key).is_some() {
                continue;
            }
            if spec.extra == Extra::Allow && rules::free_form::is_valid(value) {
                continue;
            }
            let pointer = self.trail.pointer();
            pointer.push_key(key);
            match spec.extra {
                Extra::Allow => rules::free_form::check(value, pointer, self.out),
                Extra::Reject => {
                    let at = At::body(pointer.as_str());
                    let names = spec.fields.iter().map(|f| f.name);
                    let violation = match rules::suggest::closest(key, names) {
                        Some(s) => at
                            .violation(
                                Code::UnknownField,
                                msg!(
                                    "`",
                                    key,
                                    "` is not a field of this request; did you mean `",
                                    s,
                                    "`?"
                                ),
                            )
                            .with("suggestion", s),
                        None => at.violation(
                            Code::UnknownField,
                            msg!("`", key, "` is not a field of this request; remove it"),
                        ),
                    };
                    self.out.push(violation);
                }
            }
        }
        true
    }

    /// The visitor, while there is no violation: the first one ends it.
    fn visitor(&mut self) -> Option<&mut (dyn Visitor<'a> + 'o)> {
        if !self.out.is_empty() {
            self.visitor = None;
        }
        self.visitor.as_deref_mut()
    }

    /// Checks a field's value against its rule. No rule accepts `null`,
    /// and what to do instead depends on whether the field may be absent.
    pub fn field(&mut self, value: Json<'_, 'a>, field: &Field) -> Read {
        if value.is_null() {
            let violation =
                field_type_violation(value, field.rule.json_type(), self.at(), field.required);
            self.out.push(violation);
            return Read::Value;
        }
        self.rule(value, &field.rule)
    }

    /// Checks one value against a rule; what the rule read from it when it
    /// passed.
    pub fn rule(&mut self, value: Json<'_, 'a>, rule: &Rule) -> Read {
        let result = match rule {
            Rule::Object(spec) => {
                let extra = self.object(value, spec);
                return Read::Object { extra };
            }
            Rule::List { min_items, item } => {
                self.list(value, *min_items, item);
                return Read::Value;
            }
            Rule::FreeObject => {
                if self.expect(value, "object", Json::as_object).is_some()
                    && !rules::free_form::is_valid(value)
                {
                    rules::free_form::check(value, self.trail.pointer(), self.out);
                }
                return Read::Value;
            }
            Rule::Amount(amount) => match self.expect(value, "number", Json::as_number) {
                Some(n) => amount
                    .check(n, self.currency, self.at())
                    .map(|money| money.map_or(Read::Value, Read::Money)),
                None => return Read::Value,
            },
            Rule::Integer(range) => match self.expect(value, "number", Json::as_number) {
                Some(n) => range.check(n, self.at()).map(Read::Integer),
                None => return Read::Value,
            },
            Rule::Currency(_) if self.currency_at == Some(value.index()) => return Read::Value,
            _ => {
                let Some(s) = self.expect(value, "string", Json::as_str) else {
                    return Read::Value;
                };
                check_string(s, rule, self.trail.at(), self.url_policy, self.out)
            }
        };
        result.unwrap_or_else(|v| {
            self.out.push(v);
            Read::Value
        })
    }

    fn list(&mut self, value: Json<'_, 'a>, min_items: usize, item: &Rule) {
        let Some(elements) = self.expect(value, "array", Json::as_array) else {
            return;
        };
        if elements.len() < min_items {
            let at = self.at();
            let message = msg!(
                "`",
                at.name(),
                "` must have at least ",
                min_items,
                " item",
                if min_items == 1 { "" } else { "s" },
                "; it has ",
                elements.len()
            );
            self.out.push(
                at.violation(Code::TooFewItems, message)
                    .with("min", min_items)
                    .with("actual", elements.len()),
            );
        }
        if let Some(visitor) = self.visitor() {
            visitor.list(elements.len(), item);
        }
        // The sum's list: its elements' fields are two steps down (the
        // index, then the field).
        let summed = match &mut self.sum {
            Some(sum) if self.trail.is_at(sum.list) => {
                sum.start(self.trail.steps.len() + 2, self.currency);
                true
            }
            _ => false,
        };
        for (i, element) in elements.enumerate() {
            self.trail.steps.push(Step::Index(i));
            let read = self.rule(element, item);
            self.trail.steps.pop();
            if summed && let Some(sum) = &mut self.sum {
                sum.end_element(i);
            }
            if let Some(visitor) = self.visitor() {
                visitor.element(element, item, read);
            }
        }
    }

    fn at(&self) -> At<'_> {
        self.trail.at()
    }

    /// The value as the JSON type a rule needs, or an `invalid_type`
    /// violation.
    fn expect<'v, 'b, T>(
        &mut self,
        value: Json<'v, 'b>,
        expected: &'static str,
        get: fn(Json<'v, 'b>) -> Option<T>,
    ) -> Option<T> {
        let got = get(value);
        if got.is_none() {
            self.out.push(type_violation(value, expected, self.at()));
        }
        got
    }

    /// Checks one header's value.
    pub fn header(&mut self, value: &str, spec: &HeaderField) {
        let at = At::header(spec.name);
        let result = rules::header::check_value(value, at)
            .and_then(|()| check_header(value, &spec.rule, at, self.out));
        if let Err(v) = result {
            self.out.push(v);
        }
    }

    /// Checks the headers a dialect defines. Headers it does not define are
    /// ignored: real requests carry many.
    pub fn headers(&mut self, given: &[(&str, &str)], specs: &[HeaderField]) {
        for spec in specs {
            let at = At::header(spec.name);
            let mut found = given
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(spec.name));
            let result = match (found.next(), found.next()) {
                (None, _) if spec.required => Err(at.violation(
                    Code::Required,
                    msg!("The ", spec.name, " header is required."),
                )),
                (None, _) => Ok(()),
                (Some(_), Some(_)) => Err(at.violation(
                    Code::DuplicateHeader,
                    msg!(
                        "the `",
                        spec.name,
                        "` header is given more than once; send it once"
                    ),
                )),
                (Some((_, value)), None) => {
                    self.header(value, spec);
                    Ok(())
                }
            };
            if let Err(v) = result {
                self.out.push(v);
            }
        }
    }
}

fn check_string(
    s: &str,
    rule: &Rule,
    at: At<'_>,
    url_policy: rules::url::UrlPolicy,
    out: &mut Vec<Violation>,
) -> Result<Read, Violation> {
    let checked = match rule {
        Rule::Text(text) => {
            text.check(s, at, out);
            Ok(())
        }
        Rule::Email => rules::email::check(s, at),
        Rule::Url(url_use) => rules::url::check(s, at).and_then(|parts| {
            let policy = match url_use {
                UrlUse::Redirect => url_policy.redirects,
                UrlUse::Webhook => url_policy.webhooks,
            };
            rules::url::check_policy(&parts, policy, at)
        }),
        Rule::Ip => return rules::ip::check_public(s, at).map(Read::Ip),
        Rule::Phone => rules::phone::check(s, at),
        Rule::Country => rules::region::check_country(s, at),
        Rule::Locale => rules::region::check_locale(s, at),
        Rule::Currency(set) => rules::currency::check(s, *set, at).map(drop),
        Rule::OneOf(values) if values.contains(&s) => Ok(()),
        Rule::OneOf(values) => {
            let list: Vec<String> = values.iter().map(|v| msg!("`", v, "`")).collect();
            let expected = match list.as_slice() {
                [only] => only.clone(),
                _ => msg!("one of ", join(&list, ", ")),
            };
            Err(at
                .violation(
                    Code::NotAllowed,
                    msg!("`", at.name(), "` is `", s, "`; it must be ", expected),
                )
                .with("allowed", rules_list(values)))
        }
        _ => Ok(()),
    };
    checked.map(|()| Read::Value)
}

fn rules_list(values: &'static [&'static str]) -> crate::violation::Param {
    crate::violation::Param::List(
        values
            .iter()
            .map(|v| alloc::borrow::Cow::Borrowed(*v))
            .collect(),
    )
}

fn check_header(
    value: &str,
    rule: &HeaderRule,
    at: At<'_>,
    out: &mut Vec<Violation>,
) -> Result<(), Violation> {
    match rule {
        HeaderRule::Text(text) => {
            text.check(value, at, out);
            Ok(())
        }
        HeaderRule::Bearer(prefixes) => rules::header::check_bearer(value, prefixes, at).map(drop),
        HeaderRule::JsonContentType => rules::header::check_json_content_type(value, at),
    }
}

/// `invalid_type` for a value that is not a field (a list's element, the
/// body), with a hint for a number sent as a string.
pub(crate) fn type_violation(value: Json<'_, '_>, expected: &'static str, at: At<'_>) -> Violation {
    typed(value, expected, at, None)
}

/// `invalid_type` for a field's value, with a hint for the usual slips: a
/// number sent as a string, or `null`, which for a field that may be absent
/// is better left out, and for a required one needs a value of its type
/// (leaving it out would be `required`).
pub(crate) fn field_type_violation(
    value: Json<'_, '_>,
    expected: &'static str,
    at: At<'_>,
    required: bool,
) -> Violation {
    typed(value, expected, at, Some(required))
}

fn typed(
    value: Json<'_, '_>,
    expected: &'static str,
    at: At<'_>,
    field: Option<bool>,
) -> Violation {
    let actual = value.type_name();
    let name = at.name();
    let hint = match (value.as_str(), expected) {
        _ if value.is_null() => match field {
            Some(true) => msg!("; the field is required, so send ", with_article(expected)),
            Some(false) => String::from("; omit the field instead of sending null"),
            None => String::new(),
        },
        (Some(s), "number") if crate::number::form(s) != crate::number::Form::Invalid => {
            msg!("; write ", s, " without quotes")
        }
        _ => String::new(),
    };
    let subject = if at.is_body() {
        String::from("the body")
    } else {
        msg!("`", name, "`")
    };
    at.violation(
        Code::InvalidType,
        msg!(
            subject,
            " must be ",
            with_article(expected),
            "; it is ",
            with_article(actual),
            hint
        ),
    )
    .with("expected", expected)
    .with("actual", actual)
}

fn with_article(type_name: &str) -> String {
    match type_name {
        "null" => String::from("null"),
        "object" | "array" => msg!("an ", type_name),
        _ => msg!("a ", type_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Dialect;
    use crate::rules::integer::IntRange;

    /// The visitor cannot be shown; everything else is.
    #[test]
    fn debug_shows_the_walk_but_the_visitor() {
        let mut out = Vec::new();
        let walker = Walker::new(&mut out, Currency::from_code("KES"));
        let text = alloc::format!("{walker:?}");
        assert!(
            text.starts_with("Walker { out: [], currency: Some("),
            "{text}"
        );
        assert!(
            text.contains("sum: None, trail: Trail {") && text.ends_with(", .. }"),
            "{text}"
        );
    }

    /// What `dialect`'s sums report for `body`, from the lines the walk
    /// added up and from the list read again.
    fn sums_walked_and_read(dialect: Dialect, body: &str) -> [Vec<Violation>; 2] {
        let spec = dialect.spec();
        let tape = crate::json::read(body.as_bytes(), &crate::json::Limits::default()).unwrap();
        let root = tape.root();
        let currency = spec.currency(root).map(|(currency, _)| currency);
        let mut found = Vec::new();
        let mut walker = Walker::new(&mut found, currency);
        walker.sum = ListSum::first_of(spec.cross_rules);
        walker.object(root, spec.body);
        let walked = walker.sum.map(|sum| sum.walked());
        assert!(walked.is_some_and(|(_, lines)| lines.is_some()), "{body}");
        [walked, None].map(|walked| {
            let request = crate::schema::Request {
                body: root,
                headers: &[],
                currency,
                walked,
            };
            let mut out = found.clone();
            for rule in spec.cross_rules {
                rule.check.check(&request, &mut out);
            }
            out.split_off(found.len())
        })
    }

    /// Adding a sum's lines up as the walk reads them judges as reading the
    /// list again does: a match, a mismatch, an overflow at the element
    /// where it happens.
    #[test]
    fn a_sum_added_up_while_walking_judges_as_reading_the_list_again() {
        let item = |quantity: &str, price: &str| {
            alloc::format!(r#"{{"name": "n", "quantity": {quantity}, "price": {price}}}"#)
        };
        let body = |amount: &str, items: &[String]| {
            alloc::format!(
                r#"{{"amount": {amount}, "currency": "USD", "customer": "c", "order_id": "o", "items": [{}]}}"#,
                items.join(", ")
            )
        };
        let big = "9007199254740991";
        let cases = [
            (body("300", &[item("2", "150")]), None),
            (
                body("301", &[item("2", "150")]),
                Some(("/amount", Code::AmountMismatch)),
            ),
            (
                body("300", &[item("1", "1"), item("2", big)]),
                Some(("/items/1", Code::ArithmeticOverflow)),
            ),
            (
                body("300", &[item("2", big), item("3", big)]),
                Some(("/items/0", Code::ArithmeticOverflow)),
            ),
        ];
        for (body, expected) in cases {
            let [walked, read] = sums_walked_and_read(Dialect::PAYVIOX, &body);
            let found: Vec<_> = walked.iter().map(|v| (v.path.as_str(), v.code)).collect();
            assert_eq!(found, Vec::from_iter(expected), "{body}");
            assert_eq!(walked, read, "{body}");
        }
    }

    /// A trail is at a pointer of the same field names from the body.
    #[test]
    fn a_trail_is_at_the_pointer_of_its_steps() {
        let mut trail = Trail::default();
        trail
            .steps
            .extend([Step::Field("cart"), Step::Field("items")]);
        assert!(trail.is_at("/cart/items"));
        for other in ["/cart", "/cart/items/0", "/cart/item", "cart/items", ""] {
            assert!(!trail.is_at(other), "{other}");
        }
        trail.steps.insert(1, Step::Index(0));
        assert!(!trail.is_at("/cart/items") && !trail.is_at("/cart/0/items"));
        let mut below = Trail::starting_at(Pointer::empty());
        below.base.push_key("cart");
        below.steps.push(Step::Field("items"));
        assert!(!below.is_at("/items") && !below.is_at("/cart/items"));
    }

    static LINE: ObjectSpec = ObjectSpec::open(&[
        Field::required("price", Rule::Amount(rules::amount::Amount::minor(0)), &[]),
        Field::required("tax", Rule::Amount(rules::amount::Amount::minor(0)), &[]),
        Field::required(
            "quantity",
            Rule::Integer(IntRange { min: 0, max: 100 }),
            &[],
        ),
        Field::required("count", Rule::Integer(IntRange { min: 0, max: 100 }), &[]),
    ]);
    static TWO_LISTS: ObjectSpec = ObjectSpec::open(&[
        Field::required(
            "lines",
            Rule::List {
                min_items: 0,
                item: &Rule::Object(&LINE),
            },
            &[],
        ),
        Field::required(
            "other",
            Rule::List {
                min_items: 0,
                item: &Rule::Object(&LINE),
            },
            &[],
        ),
    ]);

    /// Of lists of the same items, only the sum's is added up, and of an
    /// element's amounts and whole numbers, only its price and quantity.
    #[test]
    fn the_walk_adds_up_the_sums_members_of_the_sums_list() {
        let rules = [CrossRule::new(
            "total",
            CrossCheck::Sum {
                total: "/total",
                list: "/lines",
                price: "price",
                quantity: "quantity",
                parts: &[],
                unit: rules::amount::Unit::Minor,
            },
            &[],
        )];
        let body = br#"{"lines": [{"price": 100, "tax": 7, "quantity": 3, "count": 5}],
            "other": [{"price": 1, "tax": 1, "quantity": 1, "count": 1}]}"#;
        assert_eq!(
            walked_in_usd(body, &TWO_LISTS, &rules),
            Some(("/lines", usd_sum(300)))
        );
    }

    /// What the walk of `body` by `spec` in US dollars, adding up the first
    /// sum of `rules`, found of the sum's list, when it found no violation.
    fn walked_in_usd(
        body: &[u8],
        spec: &ObjectSpec,
        rules: &[CrossRule],
    ) -> Option<(&'static str, Option<Lines>)> {
        let tape = crate::json::read(body, &crate::json::Limits::default()).unwrap();
        let mut found = Vec::new();
        let mut walker = Walker::new(&mut found, Currency::from_code("USD"));
        walker.sum = ListSum::first_of(rules);
        walker.object(tape.root(), spec);
        let walked = walker.sum.map(|s| s.walked());
        assert!(found.is_empty(), "{found:?}");
        walked
    }

    /// Lines that add up to `minor` cents.
    fn usd_sum(minor: i64) -> Option<Lines> {
        let usd = Currency::from_code("USD").unwrap();
        Some(Lines::Sum(Money::from_minor(minor, usd).unwrap()))
    }

    /// Only the sum's list is added up, and only its elements' own fields.
    #[test]
    fn the_walk_adds_up_the_sums_list_alone() {
        let body = br#"{"amount": 300, "currency": "USD", "customer": "c", "order_id": "o",
            "metadata": {"price": 9}, "items": [{"name": "n", "quantity": 3, "price": 100, "extra": {"price": 7}}]}"#;
        let spec = Dialect::PAYVIOX.spec();
        assert_eq!(
            walked_in_usd(body, spec.body, spec.cross_rules),
            Some(("/items", usd_sum(300)))
        );
    }
}
