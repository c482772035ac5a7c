//! Amounts: minor-unit integers or major-unit decimals, exact, within range,
//! and totals that equal the sum of their parts.

use alloc::string::String;

use core::cmp::Ordering;

use super::At;
use crate::currency::Currency;
use crate::message::msg;
use crate::money::{Money, MoneyError};
use crate::number::{self, Form, MAX_SAFE_INTEGER};
use crate::violation::{Code, Param, Violation};

/// How a provider writes amounts on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// An integer count of the currency's minor unit (`2500` = KES 25.00).
    Minor,
    /// A decimal in major units (`25.00`), with at most the currency's
    /// number of decimals.
    Major,
}

/// A typed body's amounts: exact JSON number text from [`Money`], here
/// rather than in the JSON layer, which knows nothing of money.
impl crate::json::Number {
    /// An amount in major units, with all of its currency's decimals.
    pub fn major(money: Money) -> crate::json::Number {
        crate::json::Number::from_number_text(money.to_major_string())
    }

    /// An amount in minor units.
    pub fn minor(money: Money) -> crate::json::Number {
        crate::json::Number::from_number_text(crate::message::integer_text(money.minor()))
    }
}

/// The smallest amount accepted (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Minimum {
    /// In minor units: `Minor(1)` means "positive".
    Minor(i64),
    /// In major units, as the provider writes it (`"0.01"`), compared exactly
    /// whatever the currency's exponent.
    Major(&'static str),
}

/// An amount rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    /// How the amount is written.
    pub unit: Unit,
    /// The smallest amount.
    pub min: Minimum,
}

impl Amount {
    /// An integer in minor units, at least `min` of them.
    pub const fn minor(min: i64) -> Amount {
        Amount {
            unit: Unit::Minor,
            min: Minimum::Minor(min),
        }
    }

    /// A decimal in major units, at least one minor unit of its currency.
    pub const fn major_positive() -> Amount {
        Amount {
            unit: Unit::Major,
            min: Minimum::Minor(1),
        }
    }

    /// A decimal in major units, zero or more.
    pub const fn major_non_negative() -> Amount {
        Amount {
            unit: Unit::Major,
            min: Minimum::Minor(0),
        }
    }

    /// A decimal in major units, at least `min` (as the provider writes it).
    pub const fn major(min: &'static str) -> Amount {
        Amount {
            unit: Unit::Major,
            min: Minimum::Major(min),
        }
    }

    /// Checks a JSON number's text as an amount in `currency`. When the
    /// currency is unknown (itself invalid), what does not depend on it is
    /// still checked (form, range, most minimums) and `Ok(None)` is returned.
    pub fn check(
        &self,
        text: &str,
        currency: Option<Currency>,
        at: At<'_>,
    ) -> Result<Option<Money>, Violation> {
        let name = at.name();
        let currency = currency.filter(|c| c.exponent().is_some());
        let fail = |e| self.money_error(e, text, currency, at);
        // Minor units are an integer, as OpenAPI 3.0's `integer` is: no
        // fraction, no exponent. Major units are any exact number. Reading
        // the amount in its currency finds a wrong form as the same error;
        // without the currency, the form is judged on its own.
        let money = match currency {
            Some(c) => Some(match self.unit {
                Unit::Minor => Money::from_minor_str(text, c),
                Unit::Major => Money::from_major_str(text, c),
            })
            .transpose()
            .map_err(fail)?,
            None => {
                match (self.unit, number::form(text)) {
                    (_, Form::Invalid) => return Err(fail(MoneyError::Syntax)),
                    (Unit::Minor, Form::Exponent) => {
                        return Err(fail(MoneyError::ExponentNotation));
                    }
                    (Unit::Minor, Form::Decimal) => return Err(fail(MoneyError::NotInteger)),
                    _ => {}
                }
                None
            }
        };
        // The minimum does not depend on the currency except for a
        // minor-unit minimum of a major amount; `text` is compared exactly
        // whatever its length or exponent.
        let whole = match self.unit {
            Unit::Minor => Some(match money {
                Some(m) => m.minor(),
                None => {
                    number::parse_safe_integer(text).map_err(|_| fail(MoneyError::OutOfRange))?
                }
            }),
            Unit::Major if money.is_none() && number::major_exceeds_safe_range(text) => {
                return Err(fail(MoneyError::OutOfRange));
            }
            Unit::Major => None,
        };
        let below = match (self.min, money, whole) {
            (Minimum::Minor(min), Some(m), _) => m.minor() < min,
            (Minimum::Minor(min), None, Some(minor)) => minor < min,
            // Without the currency's exponent only the sign can be judged.
            (Minimum::Minor(min), None, None) => {
                let sign = number::cmp_decimal(text, "0");
                match min.cmp(&0) {
                    Ordering::Greater => sign != Ordering::Greater,
                    Ordering::Equal => sign == Ordering::Less,
                    Ordering::Less => false,
                }
            }
            // The amount is exact in its currency; so is a minimum that
            // reads in it, and two such compare as minor units.
            (Minimum::Major(min), ..) => {
                match money.and_then(|m| Some((m, Money::from_major_str(min, m.currency()).ok()?)))
                {
                    Some((m, min)) => m.minor() < min.minor(),
                    None => number::cmp_decimal(text, min) == Ordering::Less,
                }
            }
        };
        if below {
            let min_text = match (self.min, self.unit, currency) {
                (Minimum::Major(min), ..) => String::from(min),
                (Minimum::Minor(min), Unit::Minor, Some(c)) => match Money::from_minor(min, c) {
                    Ok(m) => msg!(min, " minor units (", c, " ", m.to_major_string(), ")"),
                    Err(_) => msg!(min, " minor units"),
                },
                (Minimum::Minor(min), Unit::Minor, None) => msg!(min, " minor units"),
                (Minimum::Minor(min), Unit::Major, c) => in_unit_text(min, Unit::Major, c)
                    .unwrap_or_else(|| String::from("one minor unit of its currency")),
            };
            let min_param = match self.min {
                Minimum::Minor(min) => in_unit(min, self.unit, currency),
                Minimum::Major(min) => Some(Param::from(min)),
            };
            let actual = match self.unit {
                Unit::Minor => Param::Int(whole.unwrap_or_default()),
                Unit::Major => Param::from(String::from(text)),
            };
            let violation = at.violation(
                Code::BelowMinimum,
                msg!("`", name, "` must be at least ", min_text, "; it is ", text),
            );
            return Err(with_some(violation, "min", min_param).with("actual", actual));
        }
        Ok(money)
    }

    fn money_error(
        &self,
        error: MoneyError,
        text: &str,
        currency: Option<Currency>,
        at: At<'_>,
    ) -> Violation {
        let name = at.name();
        let code = currency.map_or("the currency", Currency::code);
        match error {
            MoneyError::NotInteger => {
                let scale = currency
                    .and_then(|c| Money::from_minor(1, c).ok())
                    .map_or(String::from("such as cents"), |one| {
                        msg!("for ", code, ", 1 is ", one.to_major_string())
                    });
                at.violation(
                    Code::NotInteger,
                    msg!(
                        "`",
                        name,
                        "` is in minor units (",
                        scale,
                        ") and must be a whole number; `",
                        text,
                        "` has a fraction"
                    ),
                )
            }
            MoneyError::ExponentNotation => at.violation(
                Code::ExponentNotation,
                msg!(
                    "`",
                    name,
                    "` is in minor units, written out in digits; `",
                    text,
                    "` uses exponent notation"
                ),
            ),
            MoneyError::TooManyDecimals { allowed, actual } => at
                .violation(
                    Code::TooManyDecimals,
                    msg!(
                        "`",
                        name,
                        "` has ",
                        crate::message::Count(actual, "decimal place"),
                        " but ",
                        code,
                        " has ",
                        allowed,
                        "; amounts are never rounded"
                    ),
                )
                .with("max", u32::from(allowed))
                .with("actual", actual),
            MoneyError::OutOfRange | MoneyError::Overflow => with_some(
                at.violation(
                    Code::OutOfRange,
                    msg!("`", name, "` is beyond ±", MAX_SAFE_INTEGER, LARGEST),
                ),
                "max",
                in_unit(MAX_SAFE_INTEGER, self.unit, currency),
            ),
            MoneyError::Syntax | MoneyError::NoMinorUnit | MoneyError::CurrencyMismatch => at
                .violation(
                    Code::InvalidType,
                    msg!("`", name, "` must be an amount; it is `", text, "`"),
                ),
        }
    }
}

/// `minor` minor units as a violation's parameter, in the unit of the field
/// it is reported at: the integer, or the exact major-unit text in
/// `currency` (`"0.01"`, as the amount itself is written). `None` for major
/// units without a currency to place the point, but for zero. Every amount a
/// violation gives goes through here, so no parameter mixes units.
pub(crate) fn in_unit(minor: i64, unit: Unit, currency: Option<Currency>) -> Option<Param> {
    match unit {
        Unit::Minor => Some(Param::Int(minor)),
        Unit::Major => in_unit_text(minor, unit, currency).map(Param::from),
    }
}

/// [`in_unit`] as text, for messages.
fn in_unit_text(minor: i64, unit: Unit, currency: Option<Currency>) -> Option<String> {
    match (unit, currency.map(|c| Money::from_minor(minor, c))) {
        (Unit::Minor, _) => Some(msg!(minor)),
        (Unit::Major, Some(Ok(m))) => Some(m.to_major_string()),
        (Unit::Major, _) if minor == 0 => Some(String::from("0")),
        (Unit::Major, _) => None,
    }
}

/// The violation with the parameter, when there is one.
fn with_some(violation: Violation, name: &'static str, param: Option<Param>) -> Violation {
    match param {
        Some(p) => violation.with(name, p),
        None => violation,
    }
}

/// The largest amount, for messages: in minor units, which every currency
/// shares (the `max` parameter gives it in the field's unit).
const LARGEST: &str = " minor units, the largest amount exchanged exactly";

/// Checks that `total` equals `expected` (the sum of its parts), exactly;
/// the violation gives both, as the provider writes amounts.
pub fn check_total(total: Money, expected: Money, unit: Unit, at: At<'_>) -> Result<(), Violation> {
    if total == expected {
        return Ok(());
    }
    let show = |m: Money| in_unit(m.minor(), unit, Some(m.currency()));
    let text = |m: Money| in_unit_text(m.minor(), unit, Some(m.currency())).unwrap_or_default();
    let violation = at.violation(
        Code::AmountMismatch,
        msg!(
            "`",
            at.name(),
            "` is ",
            text(total),
            " but its parts add up to ",
            text(expected),
            "; send the exact sum"
        ),
    );
    Err(with_some(
        with_some(violation, "expected", show(expected)),
        "actual",
        show(total),
    ))
}

/// The violation for a sum or product of amounts in `currency` that
/// overflows, its `max` in `unit`, the unit the amounts are written in.
pub fn overflow(at: At<'_>, unit: Unit, currency: Currency) -> Violation {
    with_some(
        at.violation(
            Code::ArithmeticOverflow,
            msg!(
                "`",
                at.name(),
                "` makes the total exceed ±",
                MAX_SAFE_INTEGER,
                LARGEST
            ),
        ),
        "max",
        in_unit(MAX_SAFE_INTEGER, unit, Some(currency)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The example that documented `major`.
    #[test]
    fn the_documented_major() {
        use crate::json::Number;
        use crate::{Currency, Money};

        let kes = Currency::from_code("KES").unwrap();
        assert_eq!(
            Number::major(Money::from_minor(2500, kes).unwrap()).as_str(),
            "25.00"
        );
        assert_eq!(
            Number::minor(Money::from_minor(2500, kes).unwrap()).as_str(),
            "2500"
        );
    }

    /// A minimum in major units holds in any currency: compared as minor
    /// units where it reads in the currency, exactly where it does not
    /// (0.01 is below one yen), and without a known currency.
    #[test]
    fn a_major_minimum_in_currencies_it_reads_in_and_not() {
        let at = At::body("/amount");
        let code = |min: &'static str, text: &str, currency: &str| {
            Amount::major(min)
                .check(text, Currency::from_code(currency), at)
                .err()
                .map(|v| v.code)
        };
        for (min, text, currency, expected) in [
            ("0.01", "0.01", "NGN", None),
            ("0.01", "0.00", "NGN", Some(Code::BelowMinimum)),
            ("0.01", "-1", "NGN", Some(Code::BelowMinimum)),
            ("0.50", "0.49", "USD", Some(Code::BelowMinimum)),
            ("0.50", "0.5", "USD", None),
            ("0.01", "0", "JPY", Some(Code::BelowMinimum)),
            ("0.01", "1", "JPY", None),
            ("0.005", "0.01", "USD", None),
            ("0.005", "0", "USD", Some(Code::BelowMinimum)),
            ("0.01", "0.001", "XXX", Some(Code::BelowMinimum)),
            ("0.01", "0.01", "XXX", None),
        ] {
            assert_eq!(
                code(min, text, currency),
                expected,
                "{text} {currency}, at least {min}"
            );
        }
    }

    /// The example that documented `check`.
    #[test]
    fn the_documented_check() {
        use crate::Currency;
        use crate::rules::At;
        use crate::rules::amount::{Amount, Minimum, Unit};

        let usd = Currency::from_code("USD");
        let payviox = Amount {
            unit: Unit::Minor,
            min: Minimum::Minor(100),
        };
        assert_eq!(
            payviox
                .check("10000", usd, At::body("/amount"))
                .unwrap()
                .unwrap()
                .minor(),
            10000
        );
        let low = payviox.check("99", usd, At::body("/amount")).unwrap_err();
        assert_eq!(low.code.as_str(), "below_minimum");

        let flutterwave = Amount {
            unit: Unit::Major,
            min: Minimum::Major("0.01"),
        };
        let cents = flutterwave
            .check("12.345", usd, At::body("/amount"))
            .unwrap_err();
        assert_eq!(cents.code.as_str(), "too_many_decimals");
    }

    /// The example that documented `check_total`.
    #[test]
    fn the_documented_check_total() {
        use crate::rules::At;
        use crate::rules::amount::{Unit, check_total};
        use crate::{Currency, Money};

        let aud = Currency::from_code("AUD").unwrap();
        let total = Money::from_major_str("140.76", aud).unwrap();
        let parts = Money::from_major_str("140.75", aud).unwrap();
        let v = check_total(total, parts, Unit::Major, At::body("/amount/total")).unwrap_err();
        assert_eq!(v.code.as_str(), "amount_mismatch");
        assert!(v.message.contains("140.75"));
    }

    /// The example that documented `overflow`.
    #[test]
    fn the_documented_overflow() {
        use crate::Currency;
        use crate::report::Param;
        use crate::rules::At;
        use crate::rules::amount::{Unit, overflow};

        let aud = Currency::from_code("AUD").unwrap();
        let v = overflow(At::body("/orderItems/0"), Unit::Major, aud);
        assert_eq!(v.param("max"), Some(&Param::from("90071992547409.91")));
    }

    fn cur(c: &str) -> Option<Currency> {
        Currency::from_code(c)
    }

    const MINOR_100: Amount = Amount {
        unit: Unit::Minor,
        min: Minimum::Minor(100),
    };
    const MAJOR_CENT: Amount = Amount {
        unit: Unit::Major,
        min: Minimum::Major("0.01"),
    };

    fn code(rule: Amount, text: &str, currency: Option<Currency>) -> Result<Option<i64>, Code> {
        rule.check(text, currency, At::body("/amount"))
            .map(|m| m.map(Money::minor))
            .map_err(|v| v.code)
    }

    /// Text that is no number, or a number of the wrong form for the unit,
    /// is refused for the same reason whether or not the currency is known
    /// (the message may name the currency): reading the amount in its
    /// currency finds what judging the form alone does.
    #[test]
    fn malformed_text_is_refused_alike_with_or_without_a_currency() {
        for rule in [MINOR_100, MAJOR_CENT] {
            for text in [
                "12x", "", "1.2.3", "-", "+1", " 1", "01", "1.", ".5", "1e", "1e+", "--1", "0x10",
            ] {
                let known = code(rule, text, cur("USD"));
                assert!(known.is_err(), "{text:?}");
                assert_eq!(code(rule, text, None), known, "{text:?}");
            }
        }
        for text in ["1e2", "1E+2", "-0.0e1", "1.5", "100.0", "-1.25"] {
            let known = code(MINOR_100, text, cur("USD"));
            assert!(known.is_err(), "{text:?}");
            assert_eq!(code(MINOR_100, text, None), known, "{text:?}");
        }
    }

    proptest! {
        /// Whatever the text, a wrong form is refused for the same reason
        /// with and without the currency.
        #[test]
        fn the_form_is_judged_alike_with_or_without_a_currency(text in "[-+0-9.eE x]{0,8}") {
            for rule in [MINOR_100, MAJOR_CENT] {
                let wrong_form = matches!(
                    (rule.unit, number::form(&text)),
                    (_, Form::Invalid) | (Unit::Minor, Form::Exponent | Form::Decimal)
                );
                if wrong_form {
                    let known = code(rule, &text, cur("USD"));
                    prop_assert!(known.is_err());
                    prop_assert_eq!(code(rule, &text, None), known);
                }
            }
        }
    }

    #[test]
    fn minor_boundaries() {
        assert_eq!(code(MINOR_100, "100", cur("USD")), Ok(Some(100)));
        assert_eq!(code(MINOR_100, "99", cur("USD")), Err(Code::BelowMinimum));
        assert_eq!(code(MINOR_100, "-0", cur("USD")), Err(Code::BelowMinimum));
        assert_eq!(code(MINOR_100, "100.0", cur("USD")), Err(Code::NotInteger));
        assert_eq!(
            code(MINOR_100, "1e2", cur("USD")),
            Err(Code::ExponentNotation)
        );
        assert_eq!(
            code(MINOR_100, "9007199254740991", cur("USD")),
            Ok(Some(MAX_SAFE_INTEGER))
        );
        assert_eq!(
            code(MINOR_100, "9007199254740992", cur("USD")),
            Err(Code::OutOfRange)
        );
    }

    #[test]
    fn major_boundaries_follow_the_currency() {
        assert_eq!(code(MAJOR_CENT, "0.01", cur("USD")), Ok(Some(1)));
        assert_eq!(
            code(MAJOR_CENT, "0.00", cur("USD")),
            Err(Code::BelowMinimum)
        );
        assert_eq!(code(MAJOR_CENT, "0.010", cur("BHD")), Ok(Some(10)));
        assert_eq!(
            code(MAJOR_CENT, "0.009", cur("BHD")),
            Err(Code::BelowMinimum)
        );
        assert_eq!(code(MAJOR_CENT, "1", cur("JPY")), Ok(Some(1)));
        assert_eq!(
            code(MAJOR_CENT, "0.5", cur("JPY")),
            Err(Code::TooManyDecimals)
        );
        // Exponent notation is exact in major units, as far as the
        // currency's decimals go.
        assert_eq!(
            code(MAJOR_CENT, "1.5E7", cur("KES")),
            Ok(Some(1_500_000_000))
        );
        assert_eq!(code(MAJOR_CENT, "1E-2", cur("KES")), Ok(Some(1)));
        assert_eq!(
            code(MAJOR_CENT, "1.2345E1", cur("KES")),
            Err(Code::TooManyDecimals)
        );
        assert_eq!(
            code(MAJOR_CENT, "1E-3", cur("KES")),
            Err(Code::TooManyDecimals)
        );
        assert_eq!(code(MAJOR_CENT, "0.1E-1", cur("KES")), Ok(Some(1)));
        assert_eq!(
            code(MAJOR_CENT, "0.9E-2", cur("BHD")),
            Err(Code::BelowMinimum)
        );
        assert_eq!(code(MAJOR_CENT, "1e400", cur("USD")), Err(Code::OutOfRange));
        assert_eq!(
            code(MAJOR_CENT, "1e-400", cur("USD")),
            Err(Code::TooManyDecimals)
        );
        assert_eq!(
            code(Amount::major_positive(), "1e-400", cur("USD")),
            Err(Code::TooManyDecimals)
        );
        assert_eq!(
            code(Amount::major_positive(), "0E-400", cur("USD")),
            Err(Code::BelowMinimum)
        );
    }

    #[test]
    fn without_a_currency_only_the_form_is_checked() {
        assert_eq!(code(MINOR_100, "100", None), Ok(None));
        assert_eq!(code(MINOR_100, "1", None), Err(Code::BelowMinimum));
        assert_eq!(code(MAJOR_CENT, "0.001", None), Err(Code::BelowMinimum));
        assert_eq!(code(MINOR_100, "1.5", None), Err(Code::NotInteger));
        assert_eq!(code(MAJOR_CENT, "1.23456", None), Ok(None));
        // Zero or more is judged without the currency: zero is zero in all.
        let non_negative = Amount::major_non_negative();
        assert_eq!(code(non_negative, "0", None), Ok(None));
        assert_eq!(code(non_negative, "-0", None), Ok(None));
        assert_eq!(code(non_negative, "-1E-9", None), Err(Code::BelowMinimum));
        assert_eq!(
            code(Amount::major_positive(), "0", None),
            Err(Code::BelowMinimum)
        );
        assert_eq!(code(MAJOR_CENT, "1E3", None), Ok(None));
        assert_eq!(code(MAJOR_CENT, "1E-3", None), Err(Code::BelowMinimum));
        assert_eq!(code(MAJOR_CENT, "1e400", None), Err(Code::OutOfRange));
        assert_eq!(code(MINOR_100, "1E3", None), Err(Code::ExponentNotation));
        assert_eq!(
            code(MINOR_100, &"1".repeat(30), None),
            Err(Code::OutOfRange)
        );
        // A major amount whose integer part alone exceeds 2^53 − 1 is out of
        // range in every currency; below that, any length compares exactly.
        assert_eq!(
            code(MAJOR_CENT, "9007199254740992.5", None),
            Err(Code::OutOfRange)
        );
        let tiny = alloc::format!("0.{}1", "0".repeat(40));
        assert_eq!(code(MAJOR_CENT, &tiny, None), Err(Code::BelowMinimum));
        assert_eq!(
            code(MAJOR_CENT, "0.0100000000000000000000000000000000", None),
            Ok(None)
        );
    }

    #[test]
    fn every_amount_parameter_is_in_the_fields_unit() {
        let params = |rule: Amount, text: &str, currency: Option<Currency>| {
            let v = rule.check(text, currency, At::body("/amount")).unwrap_err();
            (
                v.param("min").cloned(),
                v.param("max").cloned(),
                v.param("actual").cloned(),
            )
        };
        let text = |t: &'static str| Some(Param::from(t));
        let kiotapay = Amount::major_positive();
        assert_eq!(
            params(kiotapay, "0", cur("KES")),
            (text("0.01"), None, text("0"))
        );
        assert_eq!(
            params(kiotapay, "-1", cur("JPY")),
            (text("1"), None, text("-1"))
        );
        assert_eq!(params(kiotapay, "-5", None), (None, None, text("-5")));
        assert_eq!(
            params(Amount::major_non_negative(), "-1", None),
            (text("0"), None, text("-1"))
        );
        assert_eq!(
            params(Amount::major_non_negative(), "-1", cur("BHD")),
            (text("0.000"), None, text("-1"))
        );
        assert_eq!(
            params(kiotapay, "1e400", cur("USD")),
            (None, text("90071992547409.91"), None)
        );
        assert_eq!(params(kiotapay, "1e400", None), (None, None, None));
        assert_eq!(
            params(MINOR_100, "99", cur("USD")),
            (Some(Param::Int(100)), None, Some(Param::Int(99)))
        );
        assert_eq!(
            params(MINOR_100, "9007199254740992", None),
            (None, Some(Param::Int(MAX_SAFE_INTEGER)), None)
        );
        let usd = cur("USD").unwrap();
        assert_eq!(
            overflow(At::body("/items/0"), Unit::Minor, usd).param("max"),
            Some(&Param::Int(MAX_SAFE_INTEGER))
        );
        assert_eq!(
            overflow(At::body("/orderItems/0"), Unit::Major, usd).param("max"),
            text("90071992547409.91").as_ref()
        );
    }

    #[test]
    fn totals() {
        let usd = cur("USD").unwrap();
        let m = |minor| Money::from_minor(minor, usd).unwrap();
        assert!(check_total(m(100), m(100), Unit::Minor, At::body("/amount")).is_ok());
        let v = check_total(m(100), m(101), Unit::Minor, At::body("/amount")).unwrap_err();
        assert_eq!(v.param("expected"), Some(&Param::Int(101)));
        assert_eq!(v.param("actual"), Some(&Param::Int(100)));
    }
}
