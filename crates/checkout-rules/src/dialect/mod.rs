//! The providers' request formats ("dialects"), and validation against them.
//!
//! A dialect is a [`DialectSpec`]: its fields and headers as data
//! ([`crate::schema`]), the rules that span fields, and the mapping to the
//! canonical session. Each shipped provider is one module here and one line
//! of the registry below, which gives its [`Dialect`] constant and its place
//! in [`Dialect::ALL`].

use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

use crate::canonical::CheckoutSession;
use crate::json::pointer::Pointer;
use crate::json::{self, Limits};
use crate::mapping::Normaliser;
use crate::report::Report;
use crate::schema::{DialectSpec, Request};
use crate::violation::Violation;
use crate::walker::{self, ListSum, Trail, Visitor, Walker};

/// A provider's request format: the rules of a [`DialectSpec`], which it
/// validates, normalises and converts by. A dialect is known by its name:
/// two with the same name are equal.
///
/// ```
/// use checkout_rules::Dialect;
///
/// let dialect: Dialect = "nairopay".parse().unwrap();
/// assert_eq!(dialect, Dialect::NAIROPAY);
/// let report = dialect.validate(
///     br#"{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}"#,
///     &[],
/// );
/// assert!(report.is_valid());
/// let session = report.into_normalized().unwrap();
/// assert_eq!(session.amount.minor(), 2500);
/// assert_eq!(session.amount.to_major_string(), "25.00");
/// ```
#[derive(Clone, Copy)]
pub struct Dialect(&'static DialectSpec);

/// The shipped dialects: one line each, `module => CONSTANT`, in the order
/// of the provider documents.
macro_rules! registry {
    ($($(#[$doc:meta])* $module:ident => $constant:ident,)*) => {
        $(mod $module;)*

        impl Dialect {
            $(
                $(#[$doc])*
                pub const $constant: Dialect = Dialect(&$module::SPEC);
            )*

            /// Every shipped dialect, in the order of the provider documents.
            pub const ALL: &'static [Dialect] = &[$(Dialect::$constant),*];
        }
    };
}

registry! {
    /// Nairopay payment sessions: integer minor units.
    nairopay => NAIROPAY,
    /// Kiotapay checkout sessions: decimal major units, payment methods, E.164 phones.
    kiotapay => KIOTAPAY,
    /// Payviox sessions: integer minor units, items that sum to the amount.
    payviox => PAYVIOX,
    /// The routing orchestrator's sessions: a total that equals items, shipping and tax.
    orchestrator => ORCHESTRATOR,
    /// Flutterwave checkout sessions: decimal major units, its own currency list.
    flutterwave => FLUTTERWAVE,
}

impl Dialect {
    /// The dialect whose rules are `spec`, as each shipped one is made.
    pub const fn new(spec: &'static DialectSpec) -> Dialect {
        Dialect(spec)
    }

    /// The dialect's name, as the CLI and the npm package take it.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The dialect's rules as data.
    pub fn spec(self) -> &'static DialectSpec {
        self.0
    }

    /// Where the dialect is in [`Dialect::ALL`]; one that is not shipped
    /// comes after them all.
    fn rank(self) -> usize {
        Dialect::ALL
            .iter()
            .position(|d| d.name() == self.name())
            .unwrap_or(Dialect::ALL.len())
    }

    /// Validates a request (body bytes and headers as `(name, value)` pairs)
    /// with the default [`Options`].
    pub fn validate<'a>(self, body: &'a [u8], headers: &[(&str, &'a str)]) -> Report<'a> {
        self.validate_with(body, headers, &Options::default())
    }

    /// Validates a request: every violation, and the canonical session when
    /// there are none.
    ///
    /// ```
    /// use checkout_rules::Dialect;
    ///
    /// let report = Dialect::PAYVIOX.validate(
    ///     br#"{"amount": 50, "currency": "usd", "order_id": "o1", "items": []}"#,
    ///     &[("Authorization", "Bearer pk_live_x")],
    /// );
    /// let found: Vec<_> = report.violations().iter().map(|v| (v.path.as_str(), v.code.as_str())).collect();
    /// assert_eq!(found, [
    ///     ("/amount", "below_minimum"),
    ///     ("/currency", "unknown_currency"),
    ///     ("/customer", "required"),
    ///     ("/items", "too_few_items"),
    /// ]);
    /// ```
    pub fn validate_with<'a>(
        self,
        body: &'a [u8],
        headers: &[(&str, &'a str)],
        options: &Options,
    ) -> Report<'a> {
        Validator::with_options(self, *options).validate(body, headers)
    }
}

/// A dialect's validation that keeps its working buffers from one request
/// to the next: for servers and batches, which validate many. Once the
/// buffers have grown to the largest request seen, a validation allocates
/// only what its report holds (the violations, or the session's items and
/// metadata). Its reports are those of [`Dialect::validate_with`].
///
/// ```
/// use checkout_rules::{Dialect, Options, Validator};
///
/// let mut validator = Validator::new(Dialect::PAYVIOX);
/// let bodies: [&[u8]; 2] = [
///     br#"{"amount": 1999, "currency": "USD", "customer": "c1", "order_id": "o1", "items": [{"name": "Pen", "quantity": 1, "price": 1999}]}"#,
///     br#"{"amount": "1999"}"#,
/// ];
/// let verdicts: Vec<bool> = bodies
///     .iter()
///     .map(|body| validator.validate(body, &[("Authorization", "Bearer sk_live_1")]).is_valid())
///     .collect();
/// assert_eq!(verdicts, [true, false]);
/// assert_eq!(
///     validator.validate(bodies[1], &[]),
///     Dialect::PAYVIOX.validate_with(bodies[1], &[], &Options::default())
/// );
/// ```
#[derive(Debug)]
pub struct Validator {
    dialect: Dialect,
    options: Options,
    buffers: json::tape::Buffers,
    trail: Trail,
}

impl Validator {
    /// A validator for `dialect` with the default [`Options`].
    pub fn new(dialect: Dialect) -> Validator {
        Validator::with_options(dialect, Options::default())
    }

    /// A validator for `dialect` with `options`.
    pub fn with_options(dialect: Dialect, options: Options) -> Validator {
        Validator {
            dialect,
            options,
            buffers: json::tape::Buffers::default(),
            trail: Trail::starting_at(Pointer::empty()),
        }
    }

    /// The dialect it validates.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Validates a request (body bytes and headers as `(name, value)`
    /// pairs): every violation, and the canonical session when there are
    /// none.
    pub fn validate<'a>(&mut self, body: &'a [u8], headers: &[(&str, &'a str)]) -> Report<'a> {
        let options = &self.options;
        // Judging the body alone, the headers are not checked, so nothing
        // reads them: no rule, and not the session.
        let headers = if options.body_only { &[] } else { headers };
        let mut tape = match json::read_with(body, &options.limits, &mut self.buffers) {
            Ok(tape) => tape,
            Err(error) => return Report::refusing(alloc::vec![error.into()]),
        };
        let mut report = Report {
            violations: core::mem::take(&mut tape.problems)
                .into_iter()
                .map(Violation::from)
                .collect(),
            normalized: None,
        };
        let whole = self.walk(
            tape.root(),
            headers,
            &mut report.violations,
            &mut report.normalized,
        );
        self.buffers = tape.into_buffers();
        if !report.violations.is_empty() {
            report.normalized = None;
        } else if !whole {
            // A valid body always normalises; this keeps a bug from looking valid.
            report = Report::refusing(alloc::vec![Violation::body(
                "",
                crate::violation::Code::Internal,
                "the request is valid but could not be normalised; please report this as a bug",
            )]);
        }
        report
    }

    /// Checks a read body and its headers, adding to `violations`, and
    /// builds the session in `session`; whether the session is whole
    /// (which the caller asks only when there are no violations).
    fn walk<'a>(
        &mut self,
        root: json::Json<'_, 'a>,
        headers: &[(&str, &'a str)],
        violations: &mut Vec<Violation>,
        session: &mut Option<CheckoutSession<'a>>,
    ) -> bool {
        let spec = self.dialect.spec();
        if root.as_object().is_none() {
            violations.push(walker::type_violation(
                root,
                "object",
                crate::rules::At::body(""),
            ));
            return false;
        }
        let resolved = spec.currency(root);
        let currency = resolved.map(|(currency, _)| currency);
        let mut normaliser = currency.and_then(|c| Normaliser::new(spec, c, session));
        let trail = core::mem::take(&mut self.trail);
        let mut walker = Walker::on(violations, currency, trail);
        walker.currency_at = resolved.map(|(_, at)| at);
        walker.url_policy = self.options.url_policy;
        walker.visitor = normaliser.as_mut().map(|n| n as &mut dyn Visitor<'a>);
        walker.sum = ListSum::first_of(spec.cross_rules);
        walker.object(root, spec.body);
        walker.visitor = None;
        let request = Request {
            body: root,
            headers,
            currency,
            walked: walker.sum.take().map(|sum| sum.walked()),
        };
        for rule in spec.cross_rules {
            rule.check.check(&request, walker.out);
        }
        if !self.options.body_only {
            walker.headers(headers, spec.headers);
        }
        self.trail = walker.into_trail();
        normaliser.is_some_and(|n| n.finish(spec, &request))
    }
}

impl Dialect {
    /// Checks one header's value by the dialect's rule for it (the name in
    /// any case), as validation would: for servers that judge a header
    /// before they read the body (a credential, the content type). A header
    /// the dialect does not check is accepted.
    ///
    /// ```
    /// use checkout_rules::Dialect;
    ///
    /// assert!(Dialect::PAYVIOX.check_header("authorization", "Bearer sk_live_1").is_ok());
    /// let refused = Dialect::PAYVIOX.check_header("Authorization", "Bearer live_1").unwrap_err();
    /// assert_eq!(refused.code.as_str(), "invalid_authorization");
    /// let json = Dialect::NAIROPAY.check_header("Content-Type", "text/plain").unwrap_err();
    /// assert_eq!(json.code.as_str(), "unsupported_content_type");
    /// assert!(Dialect::NAIROPAY.check_header("X-Other", "anything").is_ok());
    /// ```
    pub fn check_header(self, name: &str, value: &str) -> Result<(), Violation> {
        let Some(spec) = self
            .spec()
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
        else {
            return Ok(());
        };
        let mut found = Vec::new();
        Walker::new(&mut found, None).header(value, spec);
        match found.into_iter().next() {
            Some(violation) => Err(violation),
            None => Ok(()),
        }
    }

    /// The set of currencies the dialect accepts.
    ///
    /// ```
    /// use checkout_rules::Dialect;
    ///
    /// assert!(Dialect::FLUTTERWAVE.currencies().resolve("ZMK").is_ok());
    /// assert!(Dialect::PAYVIOX.currencies().resolve("ZMK").is_err());
    /// ```
    pub fn currencies(self) -> crate::currency::CurrencySet {
        self.spec().currencies()
    }
}

impl PartialEq for Dialect {
    fn eq(&self, other: &Dialect) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Dialect {}

impl Hash for Dialect {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

/// Shipped dialects in the order of [`Dialect::ALL`], then others by name.
impl Ord for Dialect {
    fn cmp(&self, other: &Dialect) -> Ordering {
        (self.rank(), self.name()).cmp(&(other.rank(), other.name()))
    }
}

impl PartialOrd for Dialect {
    fn partial_cmp(&self, other: &Dialect) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Dialect").field(&self.name()).finish()
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A dialect name that is not one of [`Dialect::ALL`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownDialect(pub String);

impl UnknownDialect {
    /// What `Display` writes, built without `core::fmt` for the
    /// WebAssembly package.
    pub fn message(&self) -> String {
        let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.name()).collect();
        crate::message::msg!(
            "unknown dialect `",
            self.0,
            "`; the dialects are ",
            crate::message::join(&names, ", ")
        )
    }
}

impl fmt::Display for UnknownDialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for UnknownDialect {}

impl FromStr for Dialect {
    type Err = UnknownDialect;

    fn from_str(s: &str) -> Result<Dialect, UnknownDialect> {
        Dialect::ALL
            .iter()
            .copied()
            .find(|d| d.name() == s)
            .ok_or_else(|| UnknownDialect(String::from(s)))
    }
}

/// How to validate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Size and depth limits for the body.
    pub limits: Limits,
    /// Judge the body alone (a typed body carries no headers): the headers
    /// given are not checked, so nothing reads them either. No rule judges
    /// the body by them (Payviox's `ip` with a public key), and no header
    /// value reaches the normalised session (`idempotency_key`,
    /// `trace_id`…).
    pub body_only: bool,
    /// What URL fields must be besides well written: by default webhooks
    /// must be public https URLs, redirects may be any http(s) URL.
    pub url_policy: crate::rules::url::UrlPolicy,
}

impl Options {
    /// The default limits, judging the body alone (see
    /// [`body_only`](Options::body_only)).
    pub fn body_only() -> Options {
        Options {
            body_only: true,
            ..Options::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::CanonicalField;
    use crate::currency::CurrencySet;
    use crate::schema::{Amount, Field, ObjectSpec, Rule};
    use crate::violation::Code;

    static UNMAPPED: ObjectSpec = ObjectSpec::closed(&[
        Field::required("amount", Rule::Amount(Amount::minor(1)), &[]),
        Field::required("currency", Rule::Currency(CurrencySet::Iso4217Current), &[])
            .to(CanonicalField::AmountCurrency),
    ]);
    static MAPPED: ObjectSpec = ObjectSpec::closed(&[
        Field::required("amount", Rule::Amount(Amount::minor(1)), &[]).to(CanonicalField::Amount),
        Field::required("currency", Rule::Currency(CurrencySet::Iso4217Current), &[])
            .to(CanonicalField::AmountCurrency),
    ]);

    /// The body's currency is resolved before the walk; the walk passes
    /// only the value it came from, and only when it was accepted: a
    /// refused code gets its rule's violation, and another currency field
    /// holding the same code is judged by its own set.
    #[test]
    fn only_the_resolved_currency_value_skips_its_rule() {
        static TWO: ObjectSpec = ObjectSpec::closed(&[
            Field::required("amount", Rule::Amount(Amount::minor(1)), &[])
                .to(CanonicalField::Amount),
            Field::required("currency", Rule::Currency(CurrencySet::Iso4217Current), &[])
                .to(CanonicalField::AmountCurrency),
            Field::optional(
                "settlement",
                Rule::Currency(CurrencySet::Listed {
                    provider: "Test",
                    codes: "USD",
                }),
                &[],
            ),
        ]);
        static SPEC: DialectSpec = DialectSpec::new("two", "Two", &TWO);
        let found = |body: &str| -> Vec<(Code, String)> {
            let report = Dialect::new(&SPEC).validate(body.as_bytes(), &[]);
            let found = report.violations().iter().map(|v| (v.code, v.path.clone()));
            found.collect()
        };
        let at = |code, path: &str| (code, String::from(path));
        assert_eq!(found(r#"{"amount": 100, "currency": "KES"}"#), []);
        assert_eq!(
            found(r#"{"amount": 100, "currency": "kes"}"#),
            [at(Code::UnknownCurrency, "/currency")]
        );
        assert_eq!(
            found(r#"{"amount": 100, "currency": "XAU"}"#),
            [at(Code::CurrencyNotAccepted, "/currency")]
        );
        assert_eq!(
            found(r#"{"amount": 100, "currency": "KES", "settlement": "KES"}"#),
            [at(Code::CurrencyNotAccepted, "/settlement")]
        );
        assert_eq!(
            found(r#"{"amount": 100, "currency": "KES", "settlement": "USD"}"#),
            []
        );
    }

    /// Tables that never map the amount cannot normalise a valid request:
    /// that is their bug, reported as one, never a valid report without a
    /// session.
    #[test]
    fn a_valid_request_that_cannot_be_normalised_is_an_internal_error() {
        static SPEC: DialectSpec = DialectSpec::new("unmapped", "Unmapped", &UNMAPPED);
        static FIXED: DialectSpec = DialectSpec::new("mapped", "Mapped", &MAPPED);
        let body = br#"{"amount": 100, "currency": "KES"}"#;
        let report = Dialect::new(&SPEC).validate(body, &[]);
        let codes: Vec<Code> = report.violations().iter().map(|v| v.code).collect();
        assert_eq!(codes, [Code::Internal]);
        assert!(report.normalized().is_none());
        let report = Dialect::new(&FIXED).validate(body, &[]);
        assert!(report.is_valid());
        assert_eq!(report.normalized().map(|s| s.amount.minor()), Some(100));
    }
}
