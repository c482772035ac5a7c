//! Dialects as data: which rule applies to which field, and where the
//! provider's document says so.
//!
//! A dialect module is a list of [`Field`]s and [`HeaderField`]s, a few
//! [`CrossRule`]s for what spans fields, and a mapping to the canonical
//! session. The `Walker` applies the lists; the rules documents, the rules
//! matrix and form constraints are generated from the same lists, so the
//! documentation cannot drift from what is enforced.

use alloc::string::String;
use alloc::vec::Vec;

use crate::canonical::{CanonicalField, Mapping, PaymentMethod};
use crate::currency::{Currency, CurrencySet};
use crate::json::{Json, same_key};
use crate::message::{join, msg};
use crate::money::Money;
use crate::rules::At;
use crate::rules::amount;
use crate::violation::{Code, Violation};

// The rule types a table names, for dialects written outside the crate.
pub use crate::rules::amount::{Amount, Minimum, Unit};
pub use crate::rules::integer::IntRange;
pub use crate::rules::text::{Pattern, Text};
pub use crate::rules::url::{Policy, UrlPolicy};

/// Where a rule comes from.
#[derive(Clone, Copy, Debug)]
pub enum Source {
    /// A line of the provider's document (`docs/providers/<dialect>.txt`),
    /// and the words on it that state the rule. A test checks that the words
    /// are on that line.
    Doc {
        /// The line number, from 1.
        line: u32,
        /// Words quoted from that line.
        quote: &'static str,
    },
    /// Not in the document: decided by this project, with the reason.
    Decided(&'static str),
}

impl Source {
    /// Words quoted from a line of the provider's document (empty without
    /// the `rule-docs` feature).
    pub const fn doc(line: u32, quote: &'static str) -> Source {
        Source::Doc {
            line,
            quote: docs(quote),
        }
    }

    /// A decision, with its reason (empty without the `rule-docs`
    /// feature).
    pub const fn decided(reason: &'static str) -> Source {
        Source::Decided(docs(reason))
    }
}

/// Documentation text, kept only with the `rule-docs` feature: validation
/// never reads it, and a WebAssembly build is smaller without it.
pub const fn docs(text: &'static str) -> &'static str {
    if cfg!(feature = "rule-docs") {
        text
    } else {
        ""
    }
}

/// A list of documentation texts, kept only with the `rule-docs` feature.
pub const fn docs_list(texts: &'static [&'static str]) -> &'static [&'static str] {
    if cfg!(feature = "rule-docs") {
        texts
    } else {
        &[]
    }
}

/// Where rules come from, kept only with the `rule-docs` feature.
pub const fn doc_sources(list: &'static [Source]) -> &'static [Source] {
    if cfg!(feature = "rule-docs") {
        list
    } else {
        &[]
    }
}

/// What a URL field is for, which decides its [`Policy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// The customer's browser is sent there.
    Redirect,
    /// A server fetches it (a webhook).
    Webhook,
}

/// What a field's value must be.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    /// A string with a length range and allowed characters.
    Text(Text),
    /// A WHATWG valid e-mail address.
    Email,
    /// An absolute http(s) URL, and what it is for.
    Url(UrlUse),
    /// An end user's IP address: IPv4 or IPv6, and globally reachable
    /// (not loopback, private, link-local or otherwise special-use).
    Ip,
    /// A phone number in E.164 form.
    Phone,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// A locale such as `en_AU`.
    Locale,
    /// A currency code of the set; other amounts in the body are in it.
    Currency(CurrencySet),
    /// An amount in the body's currency.
    Amount(Amount),
    /// A whole number in a range.
    Integer(IntRange),
    /// One of a fixed list of strings.
    OneOf(&'static [&'static str]),
    /// An object with its own fields.
    Object(&'static ObjectSpec),
    /// An array whose elements all follow one rule.
    List {
        /// The fewest elements.
        min_items: usize,
        /// The rule for each element.
        item: &'static Rule,
    },
    /// Any JSON object (metadata): numbers and strings are checked only for
    /// interoperability.
    FreeObject,
}

impl Rule {
    /// The JSON type the rule expects.
    pub fn json_type(&self) -> &'static str {
        match self {
            Rule::Text(_)
            | Rule::Email
            | Rule::Url(_)
            | Rule::Ip
            | Rule::Phone
            | Rule::Country
            | Rule::Locale
            | Rule::Currency(_)
            | Rule::OneOf(_) => "string",
            Rule::Amount(_) | Rule::Integer(_) => "number",
            Rule::Object(_) | Rule::FreeObject => "object",
            Rule::List { .. } => "array",
        }
    }

    /// The rule in words, for rules documents.
    pub fn describe(&self) -> String {
        match self {
            Rule::Text(t) => {
                let mut s = String::from("string");
                match (t.min_chars, t.max_chars) {
                    (0, None) => {}
                    (1, None) => s.push_str(", not empty"),
                    (min, None) => s.push_str(&msg!(", at least ", min, " characters")),
                    (min, Some(max)) => s.push_str(&msg!(", ", min, "–", max, " characters")),
                }
                if t.min_chars >= 1 {
                    s.push_str(", not blank");
                }
                if let Some(p) = t.pattern {
                    s.push_str(&msg!(", matching `", p.regex, "`"));
                }
                if t.identifier {
                    s.push_str(", no white space or invisible character at either end");
                }
                s.push_str(", no control characters");
                s
            }
            Rule::Email => {
                String::from("e-mail address (WHATWG HTML syntax, as browsers check it)")
            }
            Rule::Url(UrlUse::Redirect) => String::from(
                "absolute https or http URL with an ASCII host (an international name as an xn-- label browsers accept), no user name or password, nothing a WHATWG parser would repair, at most 2048 characters",
            ),
            Rule::Url(UrlUse::Webhook) => msg!(
                Rule::Url(UrlUse::Redirect).describe(),
                "; fetched by a server, so by default https only, with a host on the public internet: no address that is not globally reachable, in IANA's special-purpose registries or multicast or site-local, whatever its spelling (an IPv6 address that carries an IPv4 one is judged by it; documentation ranges accepted), and no special-use name (`localhost`, `.local`, `.internal`, `.home.arpa`, `.test`…, or a name of one label)",
            ),
            Rule::Ip => String::from(
                "IPv4 or IPv6 address that is globally reachable, whatever its spelling (an IPv6 address that carries an IPv4 one is judged by it): not loopback, private, link-local, unspecified, nor in any other range IANA's special-purpose registries mark not globally reachable; documentation ranges accepted",
            ),
            Rule::Phone => String::from(
                "phone number in E.164 form: `+`, an assigned country calling code, then as many digits as libphonenumber calls possible for that code (not a local-only length), at most 15 digits in all, ASCII digits only",
            ),
            Rule::Country => String::from("ISO 3166-1 alpha-2 country code, upper case"),
            Rule::Locale => {
                String::from("locale `ll_RR`: ISO 639-1 language, `_`, ISO 3166-1 alpha-2 country")
            }
            Rule::Currency(set) => set.describe(),
            Rule::Amount(a) => {
                let (unit, notation) = match a.unit {
                    Unit::Minor => (
                        "integer in minor units",
                        "no fraction or exponent notation (OpenAPI 3.0 `integer`)",
                    ),
                    Unit::Major => (
                        "number in major units, at most the currency's decimals",
                        "exponent notation accepted where exact (`1.5E7`)",
                    ),
                };
                let min = match a.min {
                    Minimum::Minor(0) => String::from("zero or more"),
                    Minimum::Minor(1) => String::from("positive"),
                    Minimum::Minor(m) => msg!("at least ", m),
                    Minimum::Major(m) => msg!("at least ", m),
                };
                msg!(
                    unit,
                    ", ",
                    min,
                    ", ",
                    notation,
                    ", within ±(2^53 − 1) minor units"
                )
            }
            Rule::Integer(r) => msg!("integer, ", r.min, "–", r.max),
            Rule::OneOf(values) => {
                let quoted: Vec<String> = values.iter().map(|v| msg!("`", v, "`")).collect();
                msg!("one of ", join(&quoted, ", "))
            }
            Rule::Object(_) => String::from("object (fields below)"),
            Rule::List { min_items, item } => {
                msg!("array of at least ", min_items, ": ", item.describe())
            }
            Rule::FreeObject => String::from(
                "any object; numbers must survive any JSON reader, strings must not contain NUL",
            ),
        }
    }

    /// The rule in a few words, for the rules matrix.
    pub fn summary(&self) -> String {
        match self {
            Rule::Text(t) => {
                let mut s = String::from(if t.identifier { "identifier" } else { "text" });
                if let Some(max) = t.max_chars {
                    s.push_str(&msg!(" ", t.min_chars, "–", max));
                }
                if let Some(p) = t.pattern {
                    s.push_str(&msg!(" `", p.regex, "`"));
                }
                s
            }
            Rule::Email => String::from("e-mail"),
            Rule::Url(UrlUse::Redirect) => String::from("http(s) URL"),
            Rule::Url(UrlUse::Webhook) => String::from("public https URL"),
            Rule::Ip => String::from("public IP address"),
            Rule::Phone => String::from("E.164 phone"),
            Rule::Country => String::from("ISO 3166-1 country"),
            Rule::Locale => String::from("locale `ll_RR`"),
            Rule::Currency(CurrencySet::Iso4217Current) => String::from("ISO 4217"),
            Rule::Currency(CurrencySet::Listed { provider, codes }) => {
                msg!(provider, "'s ", codes.len() / 3, " codes")
            }
            Rule::Amount(a) => {
                let unit = match a.unit {
                    Unit::Minor => "minor units",
                    Unit::Major => "major units",
                };
                match a.min {
                    Minimum::Minor(0) => msg!(unit, ", ≥ 0"),
                    Minimum::Minor(1) => msg!(unit, ", > 0"),
                    Minimum::Minor(m) => msg!(unit, ", ≥ ", m),
                    Minimum::Major(m) => msg!(unit, ", ≥ ", m),
                }
            }
            Rule::Integer(r) if r.max == crate::number::MAX_SAFE_INTEGER => {
                msg!("integer ≥ ", r.min)
            }
            Rule::Integer(r) => msg!("integer ", r.min, "–", r.max),
            Rule::OneOf(values) => {
                let quoted: Vec<String> = values.iter().map(|v| msg!("`", v, "`")).collect();
                join(&quoted, " or ")
            }
            Rule::Object(_) => String::from("object"),
            Rule::List { min_items, item } => msg!("≥ ", min_items, " × ", item.summary()),
            Rule::FreeObject => String::from("any object"),
        }
    }

    /// The codes the rule can report (besides `required` and
    /// `invalid_type`).
    pub fn codes(&self) -> Vec<Code> {
        match self {
            Rule::Text(t) => {
                let mut codes = alloc::vec![Code::TooShort];
                if t.max_chars.is_some() {
                    codes.push(Code::TooLong);
                }
                if t.pattern.is_some() {
                    codes.push(Code::PatternMismatch);
                }
                if t.min_chars >= 1 {
                    codes.push(Code::Blank);
                }
                if t.identifier {
                    codes.push(Code::SurroundingWhitespace);
                    codes.push(Code::InvisibleCharacter);
                }
                codes.push(Code::ControlCharacter);
                codes
            }
            Rule::Email => alloc::vec![Code::InvalidEmail],
            Rule::Url(UrlUse::Redirect) => alloc::vec![Code::InvalidUrl, Code::TooLong],
            Rule::Url(UrlUse::Webhook) => alloc::vec![
                Code::InvalidUrl,
                Code::TooLong,
                Code::InsecureUrl,
                Code::PrivateAddress,
            ],
            Rule::Ip => alloc::vec![Code::InvalidIp, Code::PrivateAddress],
            Rule::Phone => alloc::vec![Code::InvalidPhone],
            Rule::Country => alloc::vec![Code::UnknownCountry],
            Rule::Locale => alloc::vec![Code::InvalidLocale],
            Rule::Currency(_) => alloc::vec![Code::UnknownCurrency, Code::CurrencyNotAccepted],
            Rule::Amount(a) if a.unit == Unit::Minor => alloc::vec![
                Code::NotInteger,
                Code::ExponentNotation,
                Code::BelowMinimum,
                Code::OutOfRange,
            ],
            Rule::Amount(_) => {
                alloc::vec![Code::TooManyDecimals, Code::BelowMinimum, Code::OutOfRange,]
            }
            Rule::Integer(_) => alloc::vec![
                Code::NotInteger,
                Code::ExponentNotation,
                Code::BelowMinimum,
                Code::AboveMaximum,
            ],
            Rule::OneOf(_) => alloc::vec![Code::NotAllowed],
            Rule::Object(_) => alloc::vec![Code::UnknownField],
            Rule::List { .. } => alloc::vec![Code::TooFewItems],
            Rule::FreeObject => alloc::vec![Code::NumberOutOfRange, Code::ControlCharacter],
        }
    }
}

/// Decisions every dialect shares, where the provider documents are silent.
pub const COMMON_DECISIONS: &[&str] = &[
    "Amounts in minor units must be written as integers: `100.0` and `1e2` are refused \
     (`not_integer`, `exponent_notation`), as OpenAPI 3.0's `integer` refuses them (JSON Schema \
     draft 4: \"a JSON number without a fraction or exponent part\") although later JSON Schema \
     drafts count them as integers, because a fraction in a minor-unit field usually means major \
     units were sent.",
    "Amounts in major units are exact numbers with at most the currency's number of decimals; \
     trailing zeros are exact (`12.340` is 1234 cents), and so is exponent notation, which JSON \
     allows and Java's Jackson writes for large doubles (`1.0E7`): `1.5E7` KES is 1,500,000,000 \
     minor units, `1E-2` KES is 1, `1.2345E1` KES has 3 decimals (`too_many_decimals`) and \
     `1e400` is `out_of_range`, each decided from the digits written, whatever the exponent. \
     Nothing is ever rounded.",
    "Every amount stays within ±(2^53 − 1) minor units, so that JavaScript holds it exactly.",
    "The amounts a violation gives (`min`, `max`, `expected`, `actual`) are in the unit of the \
     field it is reported at: integers of minor units in a minor-unit field, exact decimal text \
     in a major-unit one (Kiotapay's `amount: 0` gives `\"min\": \"0.01\"` next to \
     `\"actual\": \"0\"`), so no number is read in the wrong unit. A bound that depends on the \
     currency's decimals is left out when the currency itself is invalid.",
    "`null` is not the same as absent: a field sent as `null` is `invalid_type`. The message \
     says what works: an optional field is better omitted; a required one needs a value of its \
     type, since omitting it is `required`.",
    "Empty strings are refused wherever text is expected, and so is blank text, with no visible \
     character: only white space, format characters (Cf), default-ignorable code points such as \
     U+200B ZERO WIDTH SPACE, U+FEFF BYTE ORDER MARK or U+00AD SOFT HYPHEN, or U+2800 BRAILLE \
     PATTERN BLANK (`blank`). `\"   \"` \
     is not a name, and the provider would show or store nothing. Identifiers (references, IDs, \
     method names) are never trimmed, so white space or an invisible character at either end is \
     refused rather than silently removed (`surrounding_whitespace`, `invisible_character`): it \
     makes a different identifier that looks the same. Inside text both stay allowed, because \
     names have inner spaces and Persian, Indic scripts and emoji need joiners; a variation \
     selector or emoji tag ending an identifier belongs to the emoji before it.",
    "Control characters (U+0000–U+001F, U+007F–U+009F) are refused in every text field; no \
     provider document describes multi-line values.",
    "Lengths count Unicode characters.",
    "Currency codes are matched exactly, in upper case; `usd` gets a suggestion, not a silent fix. \
     Superseded codes (`HRK`) and codes without a minor unit (`XAU`) are refused. Current means \
     on ISO 4217 list one, which a test compares with two outside copies of it: VES and VED are \
     both current, although the `iso_currency` crate, which the table is built from, marks VES \
     superseded.",
    "`Authorization` and `Content-Type` are checked when given, never required: credentials \
     and content type are added by the HTTP client, and a body is often checked before that \
     (in a browser form, say).",
    "`Content-Type` is read by RFC 9110's media-type grammar, so `application/json;`, empty or \
     repeated parameters and white space around `;` are valid HTTP and accepted; parameters \
     other than `charset` are ignored, as JSON readers ignore them; a `charset` must be UTF-8, \
     quoted or not, in any case, because JSON exchanged between systems is UTF-8 (RFC 8259); \
     text that is not a media type is refused with the character where it stops being one.",
    "A URL a server fetches (a webhook) must by default be https with a host on the public \
     internet (OWASP's advice against server-side request forgery): no address that IANA's \
     special-purpose registries mark not globally reachable, nor multicast or site-local, in \
     any spelling (an IPv6 address that carries an IPv4 one, as IPv4-mapped, IPv4-compatible, \
     6to4, NAT64 or Teredo addresses do, is judged by that IPv4 address), and no special-use \
     name (`localhost`, `.local`, `.home.arpa`, `.internal`, `.invalid`, `.test`, `.onion`, \
     `.alt`, or a name of one label, which resolvers complete with the server's own search \
     domains). The documentation ranges (`203.0.113.0/24`, `2001:db8::/32`…) and \
     `.example` names stay accepted: the providers' documents use them, and nothing answers \
     there. ORCHIDv2 (`2001:20::/28`) is accepted, as the registry marks it globally \
     reachable; the local-use NAT64 prefix `64:ff9b:1::/48` is refused whatever IPv4 address \
     it carries, since it only means something inside one network (RFC 8215). Payviox's \
     `ip` follows the same address rule. `Options::url_policy` changes the policy. URLs the \
     customer's browser is sent to may be any http(s) URL. Only Kiotapay's `callbackUrl` is \
     a webhook.",
    "Phone numbers are checked against libphonenumber's possible lengths for their country \
     calling code (metadata of the `phonenumbers` 9.0.43 package, committed as a table): \
     `+1415555267` (9 digits after +1) is refused, and numbers of small plans, such as Niue's \
     `+6837001`, are accepted. A length libphonenumber calls possible only when dialled locally \
     (without the area code) is refused: a number in E.164 form must be reachable from \
     anywhere, and a text message from the provider would not arrive. E.164's 15 digits in all \
     stay the limit where libphonenumber allows longer national numbers. Only ASCII digits, \
     no spaces or punctuation: nothing is silently reformatted.",
    "Unknown top-level fields are refused, with a suggestion when a known field is close \
     (`callbackUrl` → `callback_url`): a misspelt optional field would otherwise be dropped \
     without a word.",
];

/// One field of an object.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The provider's name for it.
    pub name: &'static str,
    /// Whether it must be present.
    pub required: bool,
    /// What its value must be.
    pub rule: Rule,
    /// Where the provider says so.
    pub sources: &'static [Source],
    /// The canonical field it normalises to; `None` for an object that only
    /// groups other fields.
    pub canonical: Option<CanonicalField>,
    /// `canonical` resolved when the table is compiled.
    pub(crate) mapping: Mapping,
}

impl Field {
    /// A field that must be present.
    pub const fn required(name: &'static str, rule: Rule, sources: &'static [Source]) -> Field {
        Field::new(name, true, rule, sources)
    }

    /// A field that may be absent.
    pub const fn optional(name: &'static str, rule: Rule, sources: &'static [Source]) -> Field {
        Field::new(name, false, rule, sources)
    }

    const fn new(
        name: &'static str,
        required: bool,
        rule: Rule,
        sources: &'static [Source],
    ) -> Field {
        Field {
            name,
            required,
            mapping: match rule {
                Rule::Object(_) => Mapping::Group,
                _ => Mapping::None,
            },
            rule,
            sources: doc_sources(sources),
            canonical: None,
        }
    }

    /// The same field, normalising to the canonical field `field`.
    pub const fn to(self, field: CanonicalField) -> Field {
        Field {
            canonical: Some(field),
            mapping: field.mapping(),
            ..self
        }
    }
}

/// What to do with members an object spec does not list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    /// Report each as `unknown_field`, with a suggestion when one is close.
    Reject,
    /// Keep them, checked as free-form values.
    Allow,
}

/// The fields of an object.
#[derive(Debug)]
#[non_exhaustive]
pub struct ObjectSpec {
    /// The fields, in the order they are checked and documented.
    pub fields: &'static [Field],
    /// What to do with other members.
    pub extra: Extra,
}

impl ObjectSpec {
    /// An object of `fields` that refuses members it does not list.
    pub const fn closed(fields: &'static [Field]) -> ObjectSpec {
        ObjectSpec {
            fields,
            extra: Extra::Reject,
        }
    }

    /// An object of `fields` that keeps members it does not list, checked
    /// as free-form values.
    pub const fn open(fields: &'static [Field]) -> ObjectSpec {
        ObjectSpec {
            fields,
            extra: Extra::Allow,
        }
    }

    /// The field called `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The field a JSON pointer names, through objects' fields only
    /// (`/amount/total`).
    #[cfg(any(test, feature = "proptest"))]
    pub(crate) fn field_at(&self, pointer: &str) -> Option<&'static Field> {
        let mut names = member_names(pointer)?;
        let mut field = self.field(names.next()?)?;
        for name in names {
            match field.rule {
                Rule::Object(inner) => field = inner.field(name)?,
                _ => return None,
            }
        }
        Some(field)
    }

    /// The members of `object` by field, found in one pass over the members
    /// rather than a search of the members for each field.
    pub(crate) fn members<'v, 'a>(&self, object: Json<'v, 'a>) -> Members<'v, 'a> {
        let mut members = Members {
            object,
            values: if self.fields.len() <= INLINE_FIELDS {
                Values::Inline([0; INLINE_FIELDS])
            } else {
                Values::Heap(alloc::vec![0; self.fields.len()])
            },
            unlisted: false,
        };
        // Senders write members in one order, often the table's, and every
        // item of a list in the same order: the field after the last one
        // found is tried first, so most keys are compared once.
        let mut next = 0;
        for (key, value) in object
            .as_object()
            .into_iter()
            .flat_map(|m| m.by_key_bytes())
        {
            let index = match self.fields.get(next) {
                Some(f) if same_key(f.name.as_bytes(), key) => Some(next),
                _ => self
                    .fields
                    .iter()
                    .position(|f| same_key(f.name.as_bytes(), key)),
            };
            next = index.map_or(0, |i| i + 1);
            match index.and_then(|i| members.values.as_mut_slice().get_mut(i)) {
                Some(slot) => *slot = value.index(),
                None => members.unlisted = true,
            }
        }
        members
    }
}

/// How many fields' values an object's walk holds without allocating: more
/// than any shipped dialect's object has; a larger one allocates.
const INLINE_FIELDS: usize = 24;

/// An object's members by the fields of a spec.
pub(crate) struct Members<'v, 'a> {
    object: Json<'v, 'a>,
    /// Each field's value's token, at the field's index in the spec; 0 (the
    /// object's own token, never a member's) when it is absent.
    values: Values,
    /// Whether some member is not one of the spec's fields.
    pub unlisted: bool,
}

impl<'v, 'a> Members<'v, 'a> {
    /// Each field's value, in the order of the spec's fields.
    pub(crate) fn values(&self) -> impl Iterator<Item = Option<Json<'v, 'a>>> + '_ {
        let object = self.object;
        self.values
            .as_slice()
            .iter()
            .map(move |&at| (at != 0).then(|| object.at(at)))
    }
}

/// Token indices, inline for the usual object.
enum Values {
    Inline([u32; INLINE_FIELDS]),
    Heap(Vec<u32>),
}

impl Values {
    fn as_slice(&self) -> &[u32] {
        match self {
            Values::Inline(values) => values,
            Values::Heap(values) => values,
        }
    }

    fn as_mut_slice(&mut self) -> &mut [u32] {
        match self {
            Values::Inline(values) => values,
            Values::Heap(values) => values,
        }
    }
}

/// What a header's value must be.
#[derive(Clone, Copy, Debug)]
pub enum HeaderRule {
    /// Text with a length range.
    Text(Text),
    /// `Bearer <token>`, the token starting with one of the prefixes (any
    /// token when there are none).
    Bearer(&'static [&'static str]),
    /// `application/json`.
    JsonContentType,
}

impl HeaderRule {
    /// The rule in words, for rules documents.
    pub fn describe(&self) -> String {
        match self {
            HeaderRule::Text(t) => Rule::Text(*t).describe(),
            HeaderRule::Bearer([]) => String::from("`Bearer <token>`"),
            HeaderRule::Bearer(prefixes) => {
                let quoted: Vec<String> = prefixes.iter().map(|p| msg!("`", p, "`")).collect();
                msg!(
                    "`Bearer <key>`, the key starting with ",
                    join(&quoted, " or "),
                    " and going on after it (a prefix alone is no key)"
                )
            }
            HeaderRule::JsonContentType => String::from(
                "`application/json` by RFC 9110's media-type syntax (any case, parameters \
                 optional, empty or repeated); a `charset` must be `utf-8`",
            ),
        }
    }

    /// The codes the rule can report (besides `required`,
    /// `invalid_header_value` and `duplicate_header`).
    pub fn codes(&self) -> Vec<Code> {
        match self {
            HeaderRule::Text(t) => Rule::Text(*t).codes(),
            HeaderRule::Bearer(_) => alloc::vec![Code::InvalidAuthorization],
            HeaderRule::JsonContentType => alloc::vec![Code::UnsupportedContentType],
        }
    }
}

/// One header.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct HeaderField {
    /// Its documented name (matched case-insensitively).
    pub name: &'static str,
    /// Whether it must be present.
    pub required: bool,
    /// What its value must be.
    pub rule: HeaderRule,
    /// Where the provider says so.
    pub sources: &'static [Source],
    /// The canonical field it normalises to; `None` when it has none
    /// (credentials, content type).
    pub canonical: Option<CanonicalField>,
}

impl HeaderField {
    /// The header `name` (matched case-insensitively), following `rule`,
    /// and normalising to no canonical field.
    pub const fn new(
        name: &'static str,
        required: bool,
        rule: HeaderRule,
        sources: &'static [Source],
    ) -> HeaderField {
        HeaderField {
            name,
            required,
            rule,
            sources: doc_sources(sources),
            canonical: None,
        }
    }

    /// The same header, normalising to the canonical field `field`.
    pub const fn to(self, field: CanonicalField) -> HeaderField {
        HeaderField {
            canonical: Some(field),
            ..self
        }
    }

    /// `Authorization: Bearer <token>`, checked when given: credentials are
    /// added by the HTTP client, and a body is often checked before that.
    pub const fn authorization(
        prefixes: &'static [&'static str],
        sources: &'static [Source],
    ) -> HeaderField {
        HeaderField {
            name: "Authorization",
            required: false,
            rule: HeaderRule::Bearer(prefixes),
            sources: doc_sources(sources),
            canonical: None,
        }
    }

    /// `Content-Type: application/json`, checked when given.
    pub const fn content_type(sources: &'static [Source]) -> HeaderField {
        HeaderField {
            name: "Content-Type",
            required: false,
            rule: HeaderRule::JsonContentType,
            sources: doc_sources(sources),
            canonical: None,
        }
    }

    /// The standard `Idempotency-Key` header (IETF HTTPAPI working group),
    /// 1–255 characters.
    pub const fn idempotency_key(required: bool, sources: &'static [Source]) -> HeaderField {
        HeaderField {
            name: "Idempotency-Key",
            required,
            rule: HeaderRule::Text(Text::IDENTIFIER.length(1, 255)),
            sources: doc_sources(sources),
            canonical: Some(CanonicalField::IdempotencyKey),
        }
    }
}

/// Why the standard `Idempotency-Key` header is read by dialects whose
/// document does not name it.
pub const IDEMPOTENCY_KEY_DECIDED: Source = Source::decided(
    "not in the document; checked when given and carried into the canonical \
     `idempotency_key`, because it is the standard header for this purpose and a \
     converted request may need it",
);

/// The body and headers of a request, as a cross rule sees them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Request<'r, 'a> {
    /// The body (an object).
    pub body: Json<'r, 'a>,
    /// The headers, as given.
    pub headers: &'r [(&'r str, &'a str)],
    /// The body's currency, when it is valid.
    pub currency: Option<Currency>,
    /// The pointer of the first [`CrossCheck::Sum`]'s list and its lines
    /// as the walk added them up (none when the list was not walked).
    pub walked: Option<(&'static str, Option<Lines>)>,
}

impl<'a> Request<'_, 'a> {
    /// The value of the header `name` (case-insensitive), when given once.
    pub fn header(&self, name: &str) -> Option<&'a str> {
        let mut found = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name));
        match (found.next(), found.next()) {
            (Some((_, v)), None) => Some(v),
            _ => None,
        }
    }
}

/// A rule that spans fields, such as a total and its parts: data that the
/// walker judges by, the generators satisfy and break (`testing`), and the
/// rules documents describe ([`CrossRule::description`]).
#[derive(Debug)]
#[non_exhaustive]
pub struct CrossRule {
    /// The field it reports at, as a canonical-style dotted name.
    pub field: &'static str,
    /// What it checks.
    pub check: CrossCheck,
    /// Where the provider says so.
    pub sources: &'static [Source],
}

/// What a rule across fields checks. Its fields are named by JSON pointers
/// in the dialect's own names; a test holds each to the dialect's tables
/// (the right kind of field, in the right unit), so a renamed field fails
/// the test rather than passing the check silently.
#[derive(Clone, Copy, Debug)]
pub enum CrossCheck {
    /// `total` equals Σ `price` × `quantity` over the objects of `list`,
    /// plus each of `parts` that is present, exactly, in checked
    /// arithmetic: `amount_mismatch` at `total`, or `arithmetic_overflow`.
    Sum {
        /// The total's pointer (`/amount/total`).
        total: &'static str,
        /// The list's pointer (`/orderItems`).
        list: &'static str,
        /// The member of each element holding its unit price.
        price: &'static str,
        /// The member of each element holding its quantity.
        quantity: &'static str,
        /// Other amounts in the total (`/amount/shipping`).
        parts: &'static [&'static str],
        /// How the amounts are written.
        unit: Unit,
    },
    /// `field` is refused when the credential in `header` (after its
    /// scheme, as in `Bearer pk_…`) starts with `key_prefix`: `code` at
    /// `field`, with `message`.
    NotWithKey {
        /// The field's pointer (`/ip`).
        field: &'static str,
        /// The header holding the key.
        header: &'static str,
        /// The start of the keys it may not come with.
        key_prefix: &'static str,
        /// The code reported.
        code: Code,
        /// The message reported.
        message: &'static str,
    },
}

impl CrossRule {
    /// A rule reported at `field` (a canonical-style dotted name), checking
    /// `check`, from `sources`.
    pub const fn new(
        field: &'static str,
        check: CrossCheck,
        sources: &'static [Source],
    ) -> CrossRule {
        CrossRule {
            field,
            check,
            sources: doc_sources(sources),
        }
    }

    /// The codes it reports.
    pub fn codes(&self) -> Vec<Code> {
        match self.check {
            CrossCheck::Sum { .. } => alloc::vec![Code::AmountMismatch, Code::ArithmeticOverflow],
            CrossCheck::NotWithKey { code, .. } => alloc::vec![code],
        }
    }

    /// The rule in words, for the rules documents.
    pub fn description(&self) -> String {
        match self.check {
            CrossCheck::Sum {
                list,
                price,
                quantity,
                parts,
                ..
            } => {
                let mut text = msg!(
                    "equals Σ `",
                    price,
                    "` × `",
                    quantity,
                    "` over `",
                    list.trim_start_matches('/'),
                    "`"
                );
                let named: Vec<String> = parts
                    .iter()
                    .map(|p| msg!("`", p.trim_start_matches('/').replace('/', "."), "`"))
                    .collect();
                if !named.is_empty() {
                    text.push_str(&msg!(", plus ", join(&named, " and ")));
                }
                text.push_str(", exactly (checked arithmetic)");
                text
            }
            CrossCheck::NotWithKey {
                header, key_prefix, ..
            } => msg!(
                "refused when the `",
                header,
                "` header's key starts with `",
                key_prefix,
                "`"
            ),
        }
    }
}

impl CrossCheck {
    /// Judges a request whose fields have been checked on their own (their
    /// violations in `out`): it judges only fields that passed.
    pub(crate) fn check(&self, request: &Request<'_, '_>, out: &mut Vec<Violation>) {
        match *self {
            CrossCheck::Sum {
                total,
                list,
                price,
                quantity,
                parts,
                unit,
            } => sum(request, out, [total, list], parts, (price, quantity), unit),
            CrossCheck::NotWithKey {
                field,
                header,
                key_prefix,
                code,
                message,
            } => {
                let refused_key = request
                    .header(header)
                    .and_then(|v| v.split_once(' '))
                    .is_some_and(|(_, key)| key.trim_start().starts_with(key_prefix));
                if refused_key && at_pointer(request.body, field).is_some() {
                    out.push(At::body(field).violation(code, String::from(message)));
                }
            }
        }
    }
}

/// The member names of a pointer through objects' members, as tables and
/// cross rules name fields (`/amount/total`: `amount`, `total`); none for
/// text that does not start with `/`. Split by hand: `str::split`'s
/// searcher costs more than these short names do to compare.
pub(crate) fn member_names(pointer: &str) -> Option<impl Iterator<Item = &str>> {
    let mut rest = Some(pointer.strip_prefix('/')?);
    Some(core::iter::from_fn(move || {
        let names = rest?;
        match names.bytes().position(|b| b == b'/') {
            Some(slash) => {
                rest = names.get(slash + 1..);
                names.get(..slash)
            }
            None => {
                rest = None;
                Some(names)
            }
        }
    }))
}

/// The value at `pointer` (members of objects only).
pub(crate) fn at_pointer<'v, 'a>(body: Json<'v, 'a>, pointer: &str) -> Option<Json<'v, 'a>> {
    member_names(pointer)?.try_fold(body, |value, name| value.get(name))
}

/// The top-level member a pointer is in (`/amount` for `/amount/total`).
/// A byte scan: `str::find`'s searcher costs more than these short
/// pointers do to scan.
fn top_level(pointer: &str) -> &str {
    let rest = pointer.get(1..).unwrap_or_default();
    match rest.bytes().position(|b| b == b'/') {
        Some(i) => pointer.get(..=i).unwrap_or(pointer),
        None => pointer,
    }
}

fn sum(
    request: &Request<'_, '_>,
    out: &mut Vec<Violation>,
    [total_at, list_at]: [&str; 2],
    parts: &[&str],
    (price, quantity): (&str, &str),
    unit: Unit,
) {
    let Some(currency) = request.currency else {
        return;
    };
    if !all_valid(out, &[top_level(total_at), top_level(list_at)]) {
        return;
    }
    let money = |pointer| read::money_of(at_pointer(request.body, pointer)?, unit, currency);
    let Some(total) = money(total_at) else {
        return;
    };
    let lines = match request.walked.filter(|&(list, _)| list == list_at) {
        Some((_, lines)) => lines,
        // Read again only for a sum the walk did not add up.
        None => at_pointer(request.body, list_at)
            .and_then(Json::as_array)
            .map(|items| {
                let mut lines = Lines::start(currency);
                for (i, item) in items.enumerate() {
                    lines.add(
                        i,
                        (|| {
                            Some((
                                read::money_of(item.get(price)?, unit, currency)?,
                                read::integer_of(item.get(quantity)?)?,
                            ))
                        })(),
                    );
                }
                lines
            }),
    };
    let mut sum = match lines {
        Some(Lines::Sum(sum)) => sum,
        Some(Lines::Overflow(i)) => {
            return out.push(amount::overflow(
                At::body(&msg!(list_at, "/", i)),
                unit,
                currency,
            ));
        }
        Some(Lines::Stopped) | None => return,
    };
    for &part_at in parts {
        if let Some(part) = money(part_at) {
            match sum.checked_add(part) {
                Ok(s) => sum = s,
                Err(_) => return out.push(amount::overflow(At::body(part_at), unit, currency)),
            }
        }
    }
    if let Err(v) = amount::check_total(total, sum, unit, At::body(total_at)) {
        out.push(v);
    }
}

/// A sum's lines, price × quantity, added up in the list's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lines {
    /// The sum so far.
    Sum(Money),
    /// Element `i`'s line overflowed (or made the sum overflow).
    Overflow(usize),
    /// An element had no price or no quantity that passed its rule: the
    /// list has no sum to judge.
    Stopped,
}

impl Lines {
    /// No line yet.
    pub fn start(currency: Currency) -> Lines {
        Money::from_minor(0, currency).map_or(Lines::Stopped, Lines::Sum)
    }

    /// Adds element `i`'s line, its price and quantity when both passed
    /// their rules; after an overflow or a missing line, nothing changes.
    pub fn add(&mut self, i: usize, line: Option<(Money, i64)>) {
        if let Lines::Sum(sum) = *self {
            *self = match line {
                Some((price, quantity)) => {
                    match price.checked_mul(quantity).and_then(|l| sum.checked_add(l)) {
                        Ok(sum) => Lines::Sum(sum),
                        Err(_) => Lines::Overflow(i),
                    }
                }
                None => Lines::Stopped,
            };
        }
    }
}

/// Whether no violation so far is at or under any of `pointers`: a cross
/// rule judges only fields that are valid on their own.
pub fn all_valid(found: &[Violation], pointers: &[&str]) -> bool {
    !found.iter().any(|v| {
        v.part == crate::violation::Part::Body
            && pointers.iter().any(|p| {
                v.path
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
    })
}

/// Reading values out of a body's tree: for cross rules, which judge fields
/// that are valid on their own, and for the normaliser's text and objects.
/// Each returns `None` when the value is absent (or, defensively, invalid).
pub(crate) mod read {
    use crate::currency::Currency;
    use crate::json::{Json, Object};
    use crate::money::Money;
    use crate::rules::amount::Unit;
    use crate::schema::ObjectSpec;

    /// A whole number within ±(2^53 − 1).
    pub fn integer_of(value: Json<'_, '_>) -> Option<i64> {
        crate::number::parse_safe_integer(value.as_number()?).ok()
    }

    /// An amount written in `unit`.
    pub fn money_of(value: Json<'_, '_>, unit: Unit, currency: Currency) -> Option<Money> {
        let text = value.as_number()?;
        match unit {
            Unit::Minor => Money::from_minor_str(text, currency).ok(),
            Unit::Major => Money::from_major_str(text, currency).ok(),
        }
    }

    /// The members `spec` does not list, or `None` when there are none.
    pub fn extra<'a>(object: Json<'_, 'a>, spec: &ObjectSpec) -> Option<Object<'a>> {
        let mut extra = Object::default();
        for (key, value) in object.members()? {
            if spec.field(&key).is_none() {
                extra.set(key, value.to_value());
            }
        }
        (!extra.is_empty()).then_some(extra)
    }
}

/// How a dialect's payment-method field (the field that normalises to
/// [`CanonicalField::PaymentMethods`]) names the canonical methods: read
/// from a valid value, and written by conversion.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum MethodField {
    /// A list of the provider's words, each naming one kind of method
    /// (Kiotapay's `["CARD", "MPESA_STK"]`, with
    /// `&[("CARD", PaymentMethod::Card), ("MPESA_STK", PaymentMethod::MpesaStk)]`).
    /// A provider's own method cannot be held.
    Words(&'static [(&'static str, PaymentMethod)]),
    /// One of the provider's own method identifiers (Payviox's
    /// `paymentMethodId`), which forces that method. Kinds of method allowed
    /// have no place in it and are left out.
    ProviderId,
    /// One word, which allows only one kind of method (the orchestrator's
    /// required `"card"`): a session without methods gets it, one without
    /// that kind cannot be converted, and other kinds are left out.
    Only(&'static str, &'static PaymentMethod),
}

/// A dialect's rules as data: what validation, normalisation and conversion
/// follow, and what the rules documents and form constraints are generated
/// from. Built with [`DialectSpec::new`] and the methods after it, as the
/// shipped dialects are; [`Dialect::new`](crate::Dialect::new) makes it a
/// dialect.
#[derive(Debug)]
#[non_exhaustive]
pub struct DialectSpec {
    /// The dialect's name (`payviox`).
    pub name: &'static str,
    /// The provider's name (`Payviox`).
    pub provider: &'static str,
    /// The provider's document in this repository.
    pub document: &'static str,
    /// The path of the create-session endpoint the document gives
    /// (`/session`); empty when it gives none.
    pub endpoint: &'static str,
    /// The body's fields.
    pub body: &'static ObjectSpec,
    /// The headers the dialect checks.
    pub headers: &'static [HeaderField],
    /// Rules that span fields.
    pub cross_rules: &'static [CrossRule],
    /// Decisions that apply to the whole request, with their reasons.
    pub notes: &'static [&'static str],
    /// The payment-method field's vocabulary, when the dialect has one.
    pub methods: Option<MethodField>,
}

/// The currency field of `spec` (the first [`Rule::Currency`] of its
/// tables, depth first through objects) and, when `object` has it, its
/// value.
fn currency_field<'v, 'a>(
    spec: &ObjectSpec,
    object: Option<Json<'v, 'a>>,
) -> Option<(CurrencySet, Option<Json<'v, 'a>>)> {
    spec.fields.iter().find_map(|field| match field.rule {
        Rule::Currency(set) => Some((set, object.and_then(|o| o.get(field.name)))),
        Rule::Object(inner) => currency_field(inner, object.and_then(|o| o.get(field.name))),
        _ => None,
    })
}

impl DialectSpec {
    /// A dialect called `name` (what the CLI and the npm package take),
    /// whose provider is called `provider` in messages, with the body
    /// `body`, and no headers, cross rules, notes or payment methods.
    pub const fn new(
        name: &'static str,
        provider: &'static str,
        body: &'static ObjectSpec,
    ) -> DialectSpec {
        DialectSpec {
            name,
            provider,
            document: "",
            endpoint: "",
            body,
            headers: &[],
            cross_rules: &[],
            notes: &[],
            methods: None,
        }
    }

    /// The provider's document the [`Source::Doc`] lines are in.
    pub const fn document(self, document: &'static str) -> DialectSpec {
        DialectSpec { document, ..self }
    }

    /// The path of the create-session endpoint the document gives.
    pub const fn endpoint(self, endpoint: &'static str) -> DialectSpec {
        DialectSpec { endpoint, ..self }
    }

    /// The headers the dialect checks and maps.
    pub const fn headers(self, headers: &'static [HeaderField]) -> DialectSpec {
        DialectSpec { headers, ..self }
    }

    /// The rules that span fields.
    pub const fn cross_rules(self, cross_rules: &'static [CrossRule]) -> DialectSpec {
        DialectSpec {
            cross_rules,
            ..self
        }
    }

    /// Decisions that apply to the whole request, with their reasons (kept
    /// only with the `rule-docs` feature).
    pub const fn notes(self, notes: &'static [&'static str]) -> DialectSpec {
        DialectSpec {
            notes: docs_list(notes),
            ..self
        }
    }

    /// The payment-method field's vocabulary.
    pub const fn methods(self, methods: MethodField) -> DialectSpec {
        DialectSpec {
            methods: Some(methods),
            ..self
        }
    }

    /// The body's currency, when its currency field holds an accepted
    /// code, and the index of that field's value in the tape.
    pub(crate) fn currency(&self, body: Json<'_, '_>) -> Option<(Currency, u32)> {
        let (set, value) = currency_field(self.body, Some(body))?;
        let value = value?;
        let currency = set.resolve(value.as_str()?).ok()?;
        Some((currency, value.index()))
    }

    /// The set of currencies the currency field accepts, or every current
    /// ISO 4217 code when there is no currency field. The currency field is
    /// the first [`Rule::Currency`] in the body's tables, depth first
    /// through its objects (not through lists).
    pub fn currencies(&self) -> CurrencySet {
        currency_field(self.body, None).map_or(CurrencySet::Iso4217Current, |(set, _)| set)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::dialect::Dialect;

    /// Calls `check` with every object spec of every dialect.
    pub(crate) fn each_object(check: &mut impl FnMut(Dialect, &ObjectSpec)) {
        fn under(
            dialect: Dialect,
            spec: &ObjectSpec,
            check: &mut impl FnMut(Dialect, &ObjectSpec),
        ) {
            check(dialect, spec);
            for field in spec.fields {
                match field.rule {
                    Rule::Object(inner) => under(dialect, inner, check),
                    Rule::List {
                        item: Rule::Object(inner),
                        ..
                    } => under(dialect, inner, check),
                    _ => {}
                }
            }
        }
        for &dialect in Dialect::ALL {
            under(dialect, dialect.spec().body, check);
        }
    }

    /// A rule across fields names fields of its dialect's tables, of the
    /// kind it reads, in its unit: a renamed or retyped field fails here
    /// instead of letting the check pass silently.
    #[test]
    fn every_cross_rule_names_fields_of_its_tables() {
        let mut checked = 0;
        for &dialect in Dialect::ALL {
            let spec = dialect.spec();
            let amount_in = |object: &ObjectSpec, pointer: &str, unit: Unit| {
                let field = object.field_at(pointer);
                assert!(
                    matches!(field.map(|f| &f.rule), Some(Rule::Amount(a)) if a.unit == unit),
                    "{dialect}: {pointer} is not an amount in {unit:?}"
                );
            };
            for rule in spec.cross_rules {
                match rule.check {
                    CrossCheck::Sum {
                        total,
                        list,
                        price,
                        quantity,
                        parts,
                        unit,
                    } => {
                        amount_in(spec.body, total, unit);
                        for part in parts {
                            amount_in(spec.body, part, unit);
                        }
                        let Some(Rule::List {
                            item: Rule::Object(item),
                            ..
                        }) = spec.body.field_at(list).map(|f| &f.rule)
                        else {
                            panic!("{dialect}: {list} is not a list of objects");
                        };
                        amount_in(item, &msg!("/", price), unit);
                        assert!(
                            matches!(
                                item.field(quantity).map(|f| &f.rule),
                                Some(Rule::Integer(_))
                            ),
                            "{dialect}: {quantity} is not an integer"
                        );
                        assert_eq!(rule.field, total[1..].replace('/', "."), "{dialect}");
                    }
                    CrossCheck::NotWithKey { field, header, .. } => {
                        assert!(spec.body.field_at(field).is_some(), "{dialect}: {field}");
                        assert!(
                            spec.headers.iter().any(|h| h.name == header),
                            "{dialect}: {header}"
                        );
                        assert_eq!(rule.field, &field[1..], "{dialect}");
                    }
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 3);
    }

    #[test]
    fn top_level_is_the_first_member_of_a_pointer() {
        for (pointer, top) in [
            ("/amount/total", "/amount"),
            ("/amount", "/amount"),
            ("/a/b/c", "/a"),
            ("/é/ü", "/é"),
            ("/", "/"),
            ("", ""),
        ] {
            assert_eq!(top_level(pointer), top, "{pointer}");
        }
    }

    #[test]
    fn member_names_split_as_str_split_does() {
        for pointer in ["/amount", "/amount/total", "/", "//", "/a//b/", "/é/ü"] {
            let names: Vec<&str> = member_names(pointer).unwrap().collect();
            let split: Vec<&str> = pointer[1..].split('/').collect();
            assert_eq!(names, split, "{pointer}");
        }
        assert!(member_names("amount").is_none() && member_names("").is_none());
    }

    #[test]
    fn pointers_find_members_at_any_depth() {
        let body = br#"{"amount": {"total": 5, "parts": {"tax": 1}}, "a/b": 2}"#;
        let tape = crate::json::read(body, &crate::json::Limits::default()).unwrap();
        let at = |pointer| at_pointer(tape.root(), pointer).and_then(Json::as_number);
        assert_eq!(at("/amount/total"), Some("5"));
        assert_eq!(at("/amount/parts/tax"), Some("1"));
        assert!(at_pointer(tape.root(), "/amount").is_some_and(|v| v.as_object().is_some()));
        for missing in ["/amount/tax", "/amount/total/x", "amount/total", "/a/b", ""] {
            assert_eq!(at(missing), None, "{missing}");
        }
    }

    #[test]
    fn a_renamed_sum_field_is_caught() {
        let body = ObjectSpec {
            fields: &[],
            extra: Extra::Reject,
        };
        assert!(body.field_at("/amount").is_none());
        let payviox = Dialect::PAYVIOX.spec().body;
        assert!(payviox.field_at("/amount").is_some());
        assert!(payviox.field_at("/amount/total").is_none());
        assert!(
            Dialect::ORCHESTRATOR
                .spec()
                .body
                .field_at("/amount/total")
                .is_some()
        );
    }

    #[test]
    fn every_shipped_object_is_walked_without_allocating() {
        each_object(&mut |dialect, spec| {
            assert!(spec.fields.len() <= INLINE_FIELDS, "{dialect}: {spec:?}");
        });
    }

    /// An object with more fields than are held inline has every one of
    /// them found, the last as well as the first.
    #[test]
    fn an_object_of_many_fields_has_every_member_found() {
        const NAMES: [&str; 30] = [
            "f00", "f01", "f02", "f03", "f04", "f05", "f06", "f07", "f08", "f09", "f10", "f11",
            "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23",
            "f24", "f25", "f26", "f27", "f28", "f29",
        ];
        let fields: &'static [Field] = Vec::leak(
            NAMES
                .iter()
                .map(|name| Field::required(name, Rule::Integer(IntRange { min: 0, max: 9 }), &[]))
                .collect(),
        );
        let spec = ObjectSpec {
            fields,
            extra: Extra::Reject,
        };
        let mut body = String::from("{");
        for (i, name) in NAMES.iter().enumerate() {
            body.push_str(&msg!(
                if i == 0 { "" } else { "," },
                "\"",
                *name,
                "\": ",
                i % 10
            ));
        }
        body.push('}');
        let tape = crate::json::read(body.as_bytes(), &crate::json::Limits::default()).unwrap();
        let members = spec.members(tape.root());
        assert_eq!(members.values().count(), 30);
        assert!(members.values().all(|v| v.is_some()));
        assert!(!members.unlisted);
        let mut out = Vec::new();
        crate::walker::Walker::new(&mut out, None).object(tape.root(), &spec);
        assert_eq!(out, []);
    }

    #[test]
    fn field_names_need_no_escaping_in_pointers() {
        each_object(&mut |dialect, spec| {
            let escaped = spec.fields.iter().find(|f| f.name.contains(['~', '/']));
            assert!(escaped.is_none(), "{dialect}: {escaped:?}");
        });
    }

    #[test]
    fn members_are_found_by_field_in_one_pass() {
        let spec = Dialect::PAYVIOX.spec().body;
        let tape = crate::json::read(
            br#"{"currency": "USD", "extra": 1, "amount": 5}"#,
            &crate::json::Limits::default(),
        )
        .unwrap();
        let members = spec.members(tape.root());
        let found: Vec<(&str, &str)> = spec
            .fields
            .iter()
            .zip(members.values())
            .filter_map(|(f, v)| Some((f.name, v?.type_name())))
            .collect();
        assert_eq!(found, [("amount", "number"), ("currency", "string")]);
        assert!(members.unlisted);

        // In the table's order, in reverse, and with the last field first:
        // each member is found whatever the order.
        let names: Vec<&str> = spec.fields.iter().map(|f| f.name).collect();
        let reversed: Vec<&str> = names.iter().rev().copied().collect();
        let (last, rest) = names.split_last().unwrap();
        let last_first: Vec<&str> = core::iter::once(last).chain(rest).copied().collect();
        for order in [names, reversed, last_first] {
            let members: Vec<String> = order
                .iter()
                .enumerate()
                .map(|(i, name)| alloc::format!("\"{name}\": {i}"))
                .collect();
            let text = alloc::format!("{{{}}}", members.join(", "));
            let tape = crate::json::read(text.as_bytes(), &crate::json::Limits::default()).unwrap();
            let root = tape.root();
            let found = spec.members(root);
            assert!(!found.unlisted, "{text}");
            for (field, value) in spec.fields.iter().zip(found.values()) {
                let expected = root.get(field.name).map(Json::index);
                assert_eq!(value.map(Json::index), expected, "{}: {text}", field.name);
            }
        }
    }
}
