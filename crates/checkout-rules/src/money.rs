//! Exact money: integer minor units of a currency.
//!
//! Conversions go through decimal text read digit by digit, never a float. More fractional digits than the currency has, a value beyond
//! ±(2^53 − 1) minor units and an overflow in arithmetic are errors; nothing
//! is rounded, wrapped or clamped.

use alloc::string::String;
use core::fmt;

use crate::currency::Currency;
use crate::message::msg;
use crate::number::{self, Form, IntegerError, MAX_SAFE_INTEGER};

/// An amount of money: integer minor units (cents, fils…) of a currency whose
/// exponent fixes the scale.
///
/// ```
/// use checkout_rules::{Currency, Money};
///
/// let kes = Currency::from_code("KES").unwrap();
/// let price = Money::from_major_str("12.340", kes).unwrap(); // trailing zeros are exact
/// assert_eq!(price.minor(), 1234);
/// assert_eq!(price.to_major_string(), "12.34");
///
/// let bhd = Currency::from_code("BHD").unwrap();
/// assert_eq!(Money::from_major_str("1.5", bhd).unwrap().minor(), 1500);
/// assert!(Money::from_major_str("0.0001", bhd).is_err()); // BHD has 3 decimals
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

/// Why an amount cannot be money in its currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MoneyError {
    /// The currency has no minor unit (`XAU`, `XDR`…), so no amount of it can
    /// be charged.
    NoMinorUnit,
    /// The text is not a JSON number.
    Syntax,
    /// The text uses exponent notation (`1e3`) where minor units, an
    /// integer, are expected.
    ExponentNotation,
    /// The text is not an integer where minor units are expected.
    NotInteger,
    /// More fractional digits than the currency's exponent allows.
    TooManyDecimals {
        /// The currency's exponent.
        allowed: u8,
        /// The significant fractional digits written.
        actual: u32,
    },
    /// Beyond ±(2^53 − 1) minor units.
    OutOfRange,
    /// Arithmetic whose result would leave ±(2^53 − 1) minor units.
    Overflow,
    /// Arithmetic on two different currencies.
    CurrencyMismatch,
}

impl MoneyError {
    /// What went wrong, in words: what `Display` writes, built without
    /// `core::fmt` for the WebAssembly package.
    pub fn message(&self) -> String {
        match self {
            MoneyError::NoMinorUnit => String::from("the currency has no minor unit"),
            MoneyError::Syntax => String::from("not a decimal number"),
            MoneyError::ExponentNotation => {
                String::from("minor units must be written without an exponent")
            }
            MoneyError::NotInteger => String::from("minor units must be a whole number"),
            MoneyError::TooManyDecimals { allowed, actual } => {
                msg!(
                    crate::message::Count(*actual, "decimal place"),
                    " where the currency has ",
                    allowed
                )
            }
            MoneyError::OutOfRange => msg!(
                "beyond ±",
                MAX_SAFE_INTEGER,
                " minor units, the largest amount a JavaScript number holds exactly"
            ),
            MoneyError::Overflow => String::from("the result overflows the amount range"),
            MoneyError::CurrencyMismatch => String::from("the amounts are in different currencies"),
        }
    }
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for MoneyError {}

impl Money {
    /// The largest magnitude, in minor units: 2^53 − 1.
    pub const MAX_MINOR: i64 = MAX_SAFE_INTEGER;

    /// Money from minor units.
    ///
    /// ```
    /// use checkout_rules::{Currency, Money, MoneyError};
    ///
    /// let usd = Currency::from_code("USD").unwrap();
    /// assert_eq!(Money::from_minor(10_000, usd).unwrap().to_major_string(), "100.00");
    /// assert_eq!(Money::from_minor(1 << 53, usd), Err(MoneyError::OutOfRange));
    /// ```
    pub fn from_minor(minor: i64, currency: Currency) -> Result<Money, MoneyError> {
        if currency.exponent().is_none() {
            return Err(MoneyError::NoMinorUnit);
        }
        if minor.checked_abs().is_none_or(|m| m > MAX_SAFE_INTEGER) {
            return Err(MoneyError::OutOfRange);
        }
        Ok(Money { minor, currency })
    }

    /// Money from an integer literal in minor units, as a JSON number is
    /// written (`2500`). A fraction or an exponent is refused, not truncated.
    #[inline]
    pub fn from_minor_str(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        match number::parse_safe_integer(text) {
            Ok(minor) => Money::from_minor(minor, currency),
            Err(IntegerError::OutOfRange) => Err(MoneyError::OutOfRange),
            Err(IntegerError::NotInteger(Form::Exponent)) => Err(MoneyError::ExponentNotation),
            Err(IntegerError::NotInteger(Form::Decimal)) => Err(MoneyError::NotInteger),
            Err(IntegerError::NotInteger(_)) => Err(MoneyError::Syntax),
        }
    }

    /// Money from a number in major units (`"12.34"`), exactly: at most the
    /// currency's number of decimals once trailing zeros are dropped
    /// (`12.340` is fine for a two-decimal currency), in plain or exponent
    /// notation (`1.5E7`, as Java's Jackson writes a double), never rounded.
    ///
    /// ```
    /// use checkout_rules::{Currency, Money, MoneyError};
    ///
    /// let kes = Currency::from_code("KES").unwrap();
    /// assert_eq!(Money::from_major_str("1.5E7", kes).unwrap().minor(), 1_500_000_000);
    /// assert_eq!(Money::from_major_str("1E-2", kes).unwrap().minor(), 1);
    /// assert_eq!(
    ///     Money::from_major_str("1.2345E1", kes),
    ///     Err(MoneyError::TooManyDecimals { allowed: 2, actual: 3 })
    /// );
    /// ```
    pub fn from_major_str(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        let exponent = currency.exponent().ok_or(MoneyError::NoMinorUnit)?;
        let literal = number::Literal::parse(text).ok_or(MoneyError::Syntax)?;
        match literal.scaled(exponent) {
            Ok(minor) => Money::from_minor(minor, currency),
            Err(number::ScaleError::TooManyDecimals(actual)) => Err(MoneyError::TooManyDecimals {
                allowed: exponent,
                actual,
            }),
            Err(number::ScaleError::OutOfRange) => Err(MoneyError::OutOfRange),
        }
    }

    /// The amount in minor units.
    pub fn minor(self) -> i64 {
        self.minor
    }

    /// The currency.
    pub fn currency(self) -> Currency {
        self.currency
    }

    /// The exact amount in major units as a [`Decimal`](rust_decimal::Decimal)
    /// with the currency's scale (`25.00`, not `25`); with the `rust_decimal`
    /// feature.
    ///
    /// ```
    /// use checkout_rules::{Currency, Money};
    ///
    /// let kes = Currency::from_code("KES").unwrap();
    /// let decimal = Money::from_minor(2500, kes).unwrap().to_decimal();
    /// assert_eq!(decimal.to_string(), "25.00");
    /// ```
    #[cfg(feature = "rust_decimal")]
    pub fn to_decimal(self) -> rust_decimal::Decimal {
        let scale = self.currency.exponent().map_or(0, u32::from);
        rust_decimal::Decimal::from_i128_with_scale(i128::from(self.minor), scale)
    }

    /// The exact amount in major units as text, with all of the currency's
    /// decimals: `"25.00"` for 2500 KES, `"1.500"` for 1500 BHD, `"500"` for
    /// 500 JPY.
    pub fn to_major_string(self) -> String {
        String::from(MajorText::of(self).as_str())
    }

    /// The sum of two amounts of the same currency.
    ///
    /// ```
    /// use checkout_rules::{Currency, Money, MoneyError};
    ///
    /// let usd = Currency::from_code("USD").unwrap();
    /// let max = Money::from_minor(Money::MAX_MINOR, usd).unwrap();
    /// let one = Money::from_minor(1, usd).unwrap();
    /// assert_eq!(max.checked_add(one), Err(MoneyError::Overflow));
    /// ```
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch);
        }
        self.minor
            .checked_add(other.minor)
            .ok_or(MoneyError::Overflow)
            .and_then(|minor| Money::from_minor(minor, self.currency))
            .map_err(|_| MoneyError::Overflow)
    }

    /// The amount times a whole quantity.
    pub fn checked_mul(self, quantity: i64) -> Result<Money, MoneyError> {
        self.minor
            .checked_mul(quantity)
            .ok_or(MoneyError::Overflow)
            .and_then(|minor| Money::from_minor(minor, self.currency))
            .map_err(|_| MoneyError::Overflow)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency, self.to_major_string())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency, self.to_major_string())
    }
}

/// The major-unit text of an amount, built on the stack with integer
/// arithmetic rather than `Decimal`'s `Display`: the same exact text, and
/// every report writes one for each amount.
struct MajorText {
    bytes: [u8; MajorText::ROOM],
    len: usize,
}

impl MajorText {
    /// A sign, 16 digits (amounts stay within ±(2^53 − 1)), a point and
    /// the zeros before the digits of a small amount, with room to spare.
    const ROOM: usize = 32;

    fn of(money: Money) -> MajorText {
        let exponent = usize::from(money.currency.exponent().unwrap_or(0));
        // The digits, right-aligned after zeros, so that an amount below
        // one major unit reads `0.05` from the same buffer.
        let mut digits = [b'0'; 24];
        let first = crate::message::digits_into(&mut digits, money.minor.unsigned_abs());
        let first = first.min(digits.len().saturating_sub(exponent + 1));
        let number = digits.get(first..).unwrap_or_default();
        let (int, frac) = number.split_at(number.len() - exponent.min(number.len()));
        let mut text = MajorText {
            bytes: [0; MajorText::ROOM],
            len: 0,
        };
        if money.minor < 0 {
            text.push(b"-");
        }
        text.push(int);
        if !frac.is_empty() {
            text.push(b".");
            text.push(frac);
        }
        text
    }

    fn push(&mut self, part: &[u8]) {
        if let Some(room) = self.bytes.get_mut(self.len..self.len + part.len()) {
            room.copy_from_slice(part);
            self.len += part.len();
        }
    }

    fn as_str(&self) -> &str {
        // ASCII digits, a sign and a point: always UTF-8.
        core::str::from_utf8(self.bytes.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

/// Serialises as `{"minor": 2500, "currency": "KES", "decimal": "25.00"}`:
/// the integer for machines, the exact decimal text for people and for
/// languages without a safe integer.
impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Money", 3)?;
        s.serialize_field("minor", &self.minor)?;
        s.serialize_field("currency", &self.currency)?;
        s.serialize_field("decimal", MajorText::of(*self).as_str())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_errors_read_in_words() {
        let kes = Currency::from_code("KES").unwrap();
        let m = Money::from_minor(-1234, kes).unwrap();
        assert_eq!(alloc::format!("{m}"), "KES -12.34");
        assert_eq!(alloc::format!("{m:?}"), "KES -12.34");
        for (e, words) in [
            (MoneyError::Syntax, "not a decimal number"),
            (MoneyError::NotInteger, "minor units must be a whole number"),
            (
                MoneyError::TooManyDecimals {
                    allowed: 2,
                    actual: 3,
                },
                "3 decimal places where the currency has 2",
            ),
            (
                MoneyError::CurrencyMismatch,
                "the amounts are in different currencies",
            ),
        ] {
            assert_eq!(e.message(), words);
            assert_eq!(alloc::format!("{e}"), words);
        }
    }
    use alloc::string::ToString;
    use alloc::vec;
    use proptest::prelude::*;

    fn cur(code: &str) -> Currency {
        Currency::from_code(code).unwrap()
    }

    #[test]
    fn major_strings_for_each_exponent() {
        assert_eq!(
            Money::from_minor(500, cur("JPY"))
                .unwrap()
                .to_major_string(),
            "500"
        );
        assert_eq!(
            Money::from_minor(2500, cur("KES"))
                .unwrap()
                .to_major_string(),
            "25.00"
        );
        assert_eq!(
            Money::from_minor(1500, cur("BHD"))
                .unwrap()
                .to_major_string(),
            "1.500"
        );
        assert_eq!(
            Money::from_minor(12345, cur("CLF"))
                .unwrap()
                .to_major_string(),
            "1.2345"
        );
        assert_eq!(
            Money::from_minor(-5, cur("USD")).unwrap().to_major_string(),
            "-0.05"
        );
        assert_eq!(
            Money::from_minor(0, cur("USD")).unwrap().to_major_string(),
            "0.00"
        );
    }

    #[test]
    fn decimals_beyond_the_exponent_are_refused() {
        assert_eq!(
            Money::from_major_str("12.345", cur("USD")),
            Err(MoneyError::TooManyDecimals {
                allowed: 2,
                actual: 3
            })
        );
        assert_eq!(
            Money::from_major_str("1.5", cur("JPY")),
            Err(MoneyError::TooManyDecimals {
                allowed: 0,
                actual: 1
            })
        );
        assert_eq!(
            Money::from_major_str("0.30000000000000001", cur("USD")),
            Err(MoneyError::TooManyDecimals {
                allowed: 2,
                actual: 17
            })
        );
        // However many decimals: no fixed-precision type to overflow first.
        let forty_one = alloc::format!("0.{}1", "0".repeat(40));
        assert_eq!(
            Money::from_major_str(&forty_one, cur("USD")),
            Err(MoneyError::TooManyDecimals {
                allowed: 2,
                actual: 41
            })
        );
        assert_eq!(
            Money::from_major_str("1.0000", cur("JPY")).unwrap().minor(),
            1
        );
        assert_eq!(
            Money::from_major_str("1.2340000000000000000000000000000000", cur("CLF"))
                .unwrap()
                .minor(),
            12340
        );
    }

    #[test]
    fn range_is_two_to_the_53_minus_one() {
        let usd = cur("USD");
        assert_eq!(
            Money::from_major_str("90071992547409.91", usd)
                .unwrap()
                .minor(),
            MAX_SAFE_INTEGER
        );
        assert_eq!(
            Money::from_major_str("-90071992547409.91", usd)
                .unwrap()
                .minor(),
            -MAX_SAFE_INTEGER
        );
        assert_eq!(
            Money::from_major_str("90071992547409.92", usd),
            Err(MoneyError::OutOfRange)
        );
        let hundred_digits = "1".repeat(100);
        assert_eq!(
            Money::from_major_str(&hundred_digits, usd),
            Err(MoneyError::OutOfRange)
        );
        assert_eq!(
            Money::from_minor_str(&hundred_digits, usd),
            Err(MoneyError::OutOfRange)
        );
        assert_eq!(
            Money::from_minor(i64::MIN, usd),
            Err(MoneyError::OutOfRange)
        );
    }

    #[test]
    fn syntax_is_plain_decimal() {
        let usd = cur("USD");
        for bad in [
            "", "1.", ".5", "+1", "1,00", "1_000", "0x10", " 1", "NaN", "Infinity", "01",
        ] {
            assert_eq!(
                Money::from_major_str(bad, usd),
                Err(MoneyError::Syntax),
                "{bad:?}"
            );
        }
        assert_eq!(Money::from_major_str("1e2", usd).unwrap().minor(), 10_000);
        assert_eq!(
            Money::from_minor_str("1e2", usd),
            Err(MoneyError::ExponentNotation)
        );
        assert_eq!(
            Money::from_minor_str("100.0", usd),
            Err(MoneyError::NotInteger)
        );
        assert_eq!(Money::from_major_str("-0", usd).unwrap().minor(), 0);
    }

    #[test]
    fn exponent_notation_is_exact_within_the_currencys_decimals() {
        let kes = cur("KES");
        let minor = |text| Money::from_major_str(text, kes).map(Money::minor);
        let decimals = |actual| Err(MoneyError::TooManyDecimals { allowed: 2, actual });
        // Java's Jackson writes a double of ten million as 1.0E7.
        assert_eq!(minor("1.0E7"), Ok(1_000_000_000));
        assert_eq!(minor("1.5E7"), Ok(1_500_000_000));
        assert_eq!(minor("1.5e+7"), Ok(1_500_000_000));
        assert_eq!(minor("15E6"), Ok(1_500_000_000));
        assert_eq!(minor("-2.5E1"), Ok(-2_500));
        assert_eq!(minor("1E-2"), Ok(1));
        assert_eq!(minor("100E-4"), Ok(1));
        assert_eq!(minor("0.0001E2"), Ok(1));
        assert_eq!(minor("1.2340E1"), Ok(1_234));
        assert_eq!(minor("1.2345E1"), decimals(3));
        assert_eq!(minor("1E-3"), decimals(3));
        assert_eq!(minor("0E400"), Ok(0));
        assert_eq!(minor("-0.0e-400"), Ok(0));
        // The largest amount, and one minor unit more, in exponent form.
        assert_eq!(minor("9.007199254740991E13"), Ok(MAX_SAFE_INTEGER));
        assert_eq!(minor("9.007199254740992E13"), Err(MoneyError::OutOfRange));
        assert_eq!(minor("-9007199254740991E-2"), Ok(-MAX_SAFE_INTEGER));
        // Huge exponents either way, decided from the digits alone.
        assert_eq!(minor("1e400"), Err(MoneyError::OutOfRange));
        assert_eq!(minor("1e-400"), decimals(400));
        assert_eq!(minor("1E17"), Err(MoneyError::OutOfRange));
        assert_eq!(
            minor("1e99999999999999999999999999"),
            Err(MoneyError::OutOfRange)
        );
        assert_eq!(minor("1e-99999999999999999999999999"), decimals(u32::MAX));
        assert_eq!(
            Money::from_major_str("1.5E1", cur("JPY")).unwrap().minor(),
            15
        );
        assert_eq!(
            Money::from_major_str("1.5E-1", cur("JPY")),
            Err(MoneyError::TooManyDecimals {
                allowed: 0,
                actual: 2
            })
        );
        assert_eq!(
            Money::from_major_str("1E-3", cur("BHD")).unwrap().minor(),
            1
        );
    }

    #[test]
    fn no_minor_unit_no_money() {
        assert_eq!(
            Money::from_minor(1, cur("XAU")),
            Err(MoneyError::NoMinorUnit)
        );
        assert_eq!(
            Money::from_major_str("1", cur("XAU")),
            Err(MoneyError::NoMinorUnit)
        );
    }

    #[test]
    fn arithmetic_is_checked() {
        let usd = cur("USD");
        let a = Money::from_minor(MAX_SAFE_INTEGER / 2 + 1, usd).unwrap();
        assert_eq!(a.checked_mul(2), Err(MoneyError::Overflow));
        assert_eq!(a.checked_mul(i64::MAX), Err(MoneyError::Overflow));
        let eur = Money::from_minor(1, cur("EUR")).unwrap();
        assert_eq!(a.checked_add(eur), Err(MoneyError::CurrencyMismatch));
        assert_eq!(a.checked_add(a), Err(MoneyError::Overflow));
        let b = Money::from_minor(11900, usd).unwrap();
        assert_eq!(b.checked_mul(3).unwrap().minor(), 35700);
    }

    fn currency_with_minor_unit() -> impl Strategy<Value = Currency> {
        let all: alloc::vec::Vec<Currency> =
            Currency::all().filter(|c| c.exponent().is_some()).collect();
        proptest::sample::select(all)
    }

    fn safe_minor() -> impl Strategy<Value = i64> {
        prop_oneof![
            Just(0i64),
            Just(1),
            Just(-1),
            Just(MAX_SAFE_INTEGER),
            Just(-MAX_SAFE_INTEGER),
            Just(99),
            Just(100),
            Just(999),
            Just(1000),
            Just(9999),
            Just(10000),
            -MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER,
        ]
    }

    proptest! {
        #[test]
        fn minor_to_major_to_minor_is_identity(currency in currency_with_minor_unit(), minor in safe_minor()) {
            let money = Money::from_minor(minor, currency).unwrap();
            let text = money.to_major_string();
            prop_assert_eq!(Money::from_major_str(&text, currency).unwrap().minor(), minor);
        }

        /// `rust_decimal` writes the same text, whether or not the feature
        /// that converts to it is on.
        #[test]
        fn major_text_is_the_exact_decimal(currency in currency_with_minor_unit(), minor in safe_minor()) {
            let money = Money::from_minor(minor, currency).unwrap();
            let scale = currency.exponent().map_or(0, u32::from);
            let decimal = rust_decimal::Decimal::from_i128_with_scale(i128::from(minor), scale);
            prop_assert_eq!(money.to_major_string(), decimal.to_string());
            #[cfg(feature = "rust_decimal")]
            prop_assert_eq!(money.to_decimal(), decimal);
        }

        /// Any amount written in exponent notation, with the point moved
        /// anywhere and the exponent making up for it, is the same amount.
        #[test]
        fn exponent_spellings_are_the_same_amount(
            currency in currency_with_minor_unit(),
            minor in safe_minor(),
            shift in -20i64..20,
            zeros in 0usize..4,
            upper: bool,
        ) {
            let money = Money::from_minor(minor, currency).unwrap();
            let places = i64::from(currency.exponent().unwrap());
            // minor × 10^−places, as digits (with zeros added) × 10^exp.
            // (JSON allows no leading zero: zero is `0` with its exponent.)
            let zeros = if minor == 0 { 0 } else { zeros };
            let digits = alloc::format!("{}{}", minor.unsigned_abs(), "0".repeat(zeros));
            let exp = -places - i64::try_from(zeros).unwrap();
            // Put the point `shift` places from the end of the digits.
            let len = i64::try_from(digits.len()).unwrap();
            let point = (len - shift).clamp(1, len);
            let (int, frac) = digits.split_at(usize::try_from(point).unwrap());
            let mantissa = if frac.is_empty() { String::from(int) } else { alloc::format!("{int}.{frac}") };
            let e = exp + (len - point);
            let text = alloc::format!(
                "{}{mantissa}{}{e}",
                if minor < 0 { "-" } else { "" },
                if upper { 'E' } else { 'e' },
            );
            prop_assert_eq!(Money::from_major_str(&text, currency), Ok(money), "{}", text);
        }

        #[test]
        fn written_decimals_round_trip(
            currency in currency_with_minor_unit(),
            int in 0u64..90_071_992,
            frac in 0u32..10_000,
            negative: bool,
        ) {
            let exponent = u32::from(currency.exponent().unwrap());
            let frac = frac % 10u32.pow(exponent);
            let text = match exponent {
                0 => alloc::format!("{}{int}", if negative { "-" } else { "" }),
                e => alloc::format!("{}{int}.{frac:0width$}", if negative { "-" } else { "" }, width = e as usize),
            };
            let money = Money::from_major_str(&text, currency).unwrap();
            let expected = i64::try_from(int).unwrap() * 10i64.pow(exponent) + i64::from(frac);
            prop_assert_eq!(money.minor(), if negative { -expected } else { expected });
            let canonical = money.to_major_string();
            let canonical_expected = if negative && expected == 0 { text.trim_start_matches('-') } else { text.as_str() };
            prop_assert_eq!(canonical, canonical_expected);
        }
    }
}
