//! Number literals, read from their text.
//!
//! Numbers never pass through a float: a JSON number is kept as the text it
//! was written in, and these functions tell its form and read it exactly.

use core::cmp::Ordering;

/// ±(2^53 − 1): the largest integer a JavaScript number holds exactly.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// How a number literal is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// `-?(0|[1-9][0-9]*)`
    Integer,
    /// An integer followed by `.` and at least one digit.
    Decimal,
    /// A JSON number with an exponent (`1e3`, `2.5E-2`).
    Exponent,
    /// Not a JSON number at all.
    Invalid,
}

/// Classifies `text` by the JSON number grammar (RFC 8259, section 6).
pub(crate) fn form(text: &str) -> Form {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i += count_digits(b, i),
        _ => return Form::Invalid,
    }
    let mut form = Form::Integer;
    if b.get(i) == Some(&b'.') {
        let n = count_digits(b, i + 1);
        if n == 0 {
            return Form::Invalid;
        }
        i += 1 + n;
        form = Form::Decimal;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = count_digits(b, i);
        if n == 0 {
            return Form::Invalid;
        }
        i += n;
        form = Form::Exponent;
    }
    if i == b.len() { form } else { Form::Invalid }
}

fn count_digits(b: &[u8], from: usize) -> usize {
    b.get(from..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    })
}

/// The value of a run of ASCII digits (no sign), or `None` when it is empty,
/// holds anything else, or overflows. Written here rather than with
/// `str::parse`, whose sign handling and error values cost more of the
/// WebAssembly package than the few callers need.
pub(crate) fn digits_value(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |value, b| {
        let digit = char::from(b).to_digit(10)?;
        value.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// Why an integer literal could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IntegerError {
    /// Written with a fraction or an exponent, or not a number.
    NotInteger(Form),
    /// Beyond ±[`MAX_SAFE_INTEGER`].
    OutOfRange,
}

/// Reads an integer literal that must lie within ±[`MAX_SAFE_INTEGER`].
pub(crate) fn parse_safe_integer(text: &str) -> Result<i64, IntegerError> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.as_bytes()),
        None => (false, text.as_bytes()),
    };
    // The common case in one pass: plain digits, no leading zero, at most 16
    // of them (17 always exceed 2^53).
    let plain = !digits.is_empty()
        && digits.len() <= 16
        && (digits[0] != b'0' || digits.len() == 1)
        && digits.iter().all(u8::is_ascii_digit);
    if !plain {
        return match form(text) {
            Form::Integer => Err(IntegerError::OutOfRange),
            other => Err(IntegerError::NotInteger(other)),
        };
    }
    let value = digits
        .iter()
        .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
    if value > MAX_SAFE_INTEGER {
        return Err(IntegerError::OutOfRange);
    }
    Ok(if negative { -value } else { value })
}

/// A JSON number literal read as a sign, significant digits and a power of
/// ten, from its text and without allocating: `1.50E3` is 15 × 10^2. Long
/// exponents saturate far beyond any amount or double, so `1e99999999999`
/// and `1e400` compare and scale alike, in time that depends on the digits
/// written, never on the exponent.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Literal<'a> {
    negative: bool,
    /// The written digits from the first non-zero one to the last, the
    /// point among them if it falls there; empty for zero.
    significant: &'a [u8],
    /// How many digits that is.
    len: i64,
    /// Where the point is among them (`usize::MAX` when it is not).
    point: usize,
    /// The power of ten of the last significant digit.
    exponent: i64,
}

/// Beyond this, an exponent is as good as infinite: no amount's digits or
/// decimals, and no double, come near it, and sums with text lengths cannot
/// overflow.
const EXPONENT_LIMIT: i64 = i64::MAX / 4;

/// Why a literal cannot be a whole number of minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScaleError {
    /// More decimals than the scale; how many it has (saturated).
    TooManyDecimals(u32),
    /// Beyond ±[`MAX_SAFE_INTEGER`] once scaled.
    OutOfRange,
}

impl<'a> Literal<'a> {
    /// Reads a JSON number literal; `None` when `text` is not one.
    pub(crate) fn parse(text: &'a str) -> Option<Literal<'a>> {
        if form(text) == Form::Invalid {
            return None;
        }
        // The form is valid: a sign, the mantissa, then maybe `e`, a sign
        // and digits.
        let b = text.as_bytes();
        let negative = b.first() == Some(&b'-');
        let e = b.iter().position(|&c| c | 0x20 == b'e').unwrap_or(b.len());
        let m = b.get(usize::from(negative)..e).unwrap_or_default();
        let exp = b.get(e + 1..).unwrap_or_default();
        let exp_negative = exp.first() == Some(&b'-');
        let exp = exp
            .iter()
            .filter(|c| c.is_ascii_digit())
            .try_fold(0i64, |e, &d| {
                let e = e.checked_mul(10)?.checked_add(i64::from(d - b'0'))?;
                (e <= EXPONENT_LIMIT).then_some(e)
            })
            .unwrap_or(EXPONENT_LIMIT);
        let exp = if exp_negative { -exp } else { exp };
        let point = m.iter().position(|&c| c == b'.').unwrap_or(m.len());
        let digit = |&c: &u8| c != b'0' && c != b'.';
        let (Some(first), Some(last)) = (m.iter().position(digit), m.iter().rposition(digit))
        else {
            return Some(Literal {
                negative,
                significant: &[],
                len: 0,
                point: 0,
                exponent: 0,
            });
        };
        // The power of ten of the digit at `i`; lengths are bounded by the
        // body's size, so nothing here overflows.
        let power = |i: usize| {
            let (i, point) = (
                i64::try_from(i).unwrap_or(0),
                i64::try_from(point).unwrap_or(0),
            );
            if i < point { point - 1 - i } else { point - i }
        };
        let significant = m.get(first..=last).unwrap_or_default();
        Some(Literal {
            negative,
            significant,
            len: power(first) - power(last) + 1,
            point: if first < point && point < last {
                point - first
            } else {
                usize::MAX
            },
            exponent: exp.saturating_add(power(last)),
        })
    }

    /// The `i`th significant digit, or `None` past the last (at most one
    /// point is among them, before `i` or not).
    fn digit(&self, i: usize) -> Option<u8> {
        let at = if self.point <= i { i + 1 } else { i };
        self.significant.get(at).copied()
    }

    /// Whether it is zero (`-0`, `0.00`, `0e5` included).
    pub(crate) fn is_zero(&self) -> bool {
        self.len == 0
    }

    /// −1, 0 or 1.
    fn sign(&self) -> i8 {
        match (self.is_zero(), self.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        }
    }

    /// The power of ten of the leading digit (scientific notation's
    /// exponent), for a non-zero literal.
    fn leading_exponent(&self) -> i64 {
        self.exponent.saturating_add(self.len - 1)
    }

    /// The number of decimals it has: digits after the point once
    /// trailing zeros carry no value (`12.340` has 2, `1.5E1` none).
    pub(crate) fn decimals(&self) -> u64 {
        if self.is_zero() {
            0
        } else {
            self.exponent.min(0).unsigned_abs()
        }
    }

    /// The value × 10^`places` as an integer within ±[`MAX_SAFE_INTEGER`]:
    /// an amount in major units as minor units of a currency with `places`
    /// decimals. Exact or an error, never rounded.
    pub(crate) fn scaled(&self, places: u8) -> Result<i64, ScaleError> {
        if self.is_zero() {
            return Ok(0);
        }
        let decimals = self.decimals();
        if decimals > u64::from(places) {
            return Err(ScaleError::TooManyDecimals(
                u32::try_from(decimals).unwrap_or(u32::MAX),
            ));
        }
        let zeros = self.exponent.saturating_add(i64::from(places));
        // 2^53 − 1 has 16 digits: more is out of range before any is read.
        if self.len.saturating_add(zeros) > 16 {
            return Err(ScaleError::OutOfRange);
        }
        let mut value: i64 = 0;
        for &digit in self.significant {
            if digit != b'.' {
                value = value * 10 + i64::from(digit - b'0');
            }
        }
        for _ in 0..zeros {
            value *= 10;
        }
        if value > MAX_SAFE_INTEGER {
            return Err(ScaleError::OutOfRange);
        }
        Ok(if self.negative { -value } else { value })
    }

    /// Compares two literals exactly: `-0` equals `0`, `1.50` equals
    /// `15E-1`.
    pub(crate) fn cmp(&self, other: &Literal<'_>) -> Ordering {
        let (a, b) = (self.sign(), other.sign());
        if a != b || a == 0 {
            return a.cmp(&b);
        }
        let magnitude = self.cmp_magnitude(other);
        if a < 0 {
            magnitude.reverse()
        } else {
            magnitude
        }
    }

    /// Compares absolute values: by the leading digit's power of ten, then
    /// digit by digit (trailing zeros are gone, so a prefix is smaller).
    fn cmp_magnitude(&self, other: &Literal<'_>) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        let by_digits = || {
            let mut i = 0;
            loop {
                match (self.digit(i), other.digit(i)) {
                    (Some(a), Some(b)) if a == b => i += 1,
                    (a, b) => return a.cmp(&b),
                }
            }
        };
        self.leading_exponent()
            .cmp(&other.leading_exponent())
            .then_with(by_digits)
    }
}

/// Compares two number literals exactly, whatever their length or
/// exponent: `-0` equals `0`, `1.50` equals `1.5E0`. Text that is not a
/// number literal compares as zero (callers check the form first).
pub(crate) fn cmp_decimal(a: &str, b: &str) -> Ordering {
    match (Literal::parse(a), Literal::parse(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => Ordering::Equal,
    }
}

/// A positive literal of `digits` (no leading or trailing zero) whose last
/// digit is worth 10^`exponent`, for the bounds below.
const fn bound(digits: &'static [u8], exponent: i64) -> Literal<'static> {
    Literal {
        negative: false,
        significant: digits,
        len: digits.len() as i64,
        point: usize::MAX,
        exponent,
    }
}

/// Whether an amount in major units is beyond ±(2^53 − 1) minor units in
/// every currency: its integer part alone exceeds it, it is 2^53 or more.
pub(crate) fn major_exceeds_safe_range(text: &str) -> bool {
    const TWO_TO_THE_53: Literal<'static> = bound(b"9007199254740992", 0);
    Literal::parse(text).is_some_and(|v| v.cmp_magnitude(&TWO_TO_THE_53) != Ordering::Less)
}

/// Whether a free-form number (metadata, extra item properties) stays the
/// same number for every JSON reader: an IEEE double neither overflows nor
/// underflows to zero, and integers stay within ±(2^53 − 1) so JavaScript
/// holds them exactly (I-JSON, RFC 7493, section 2.2).
///
/// Decided without floats, by exact comparison: overflow is beyond 17
/// significant digits of `f64::MAX`; anything below 1e-323 counts as
/// underflow (the deepest subnormals with it, which carry one significant
/// bit and no meaning in a payment request).
pub(crate) fn is_interoperable(text: &str) -> bool {
    match form(text) {
        Form::Integer => parse_safe_integer(text).is_ok(),
        Form::Decimal | Form::Exponent => {
            // f64::MAX ≈ 1.7976931348623157e308; the smallest subnormal
            // ≈ 4.9e-324.
            const MAX: Literal<'static> = bound(b"17976931348623157", 308 - 16);
            const MIN: Literal<'static> = bound(b"1", -323);
            Literal::parse(text).is_some_and(|value| {
                value.is_zero()
                    || (value.cmp_magnitude(&MAX) != Ordering::Greater
                        && value.cmp_magnitude(&MIN) != Ordering::Less)
            })
        }
        Form::Invalid => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_across_signs() {
        let cmp = cmp_decimal;
        assert_eq!(cmp("-1", "2"), Ordering::Less);
        assert_eq!(cmp("1", "-2"), Ordering::Greater);
        assert_eq!(cmp("-0.5", "0.25"), Ordering::Less);
        assert_eq!(cmp("-0", "0"), Ordering::Equal);
        assert_eq!(cmp("-3", "-2"), Ordering::Less);
    }

    #[test]
    fn forms() {
        assert_eq!(form("0"), Form::Integer);
        assert_eq!(form("-12"), Form::Integer);
        assert_eq!(form("12.50"), Form::Decimal);
        assert_eq!(form("1e2"), Form::Exponent);
        assert_eq!(form("-1.5E+2"), Form::Exponent);
        for bad in [
            "", "-", "01", "1.", ".5", "+1", "1e", "1e+", "1_000", "0x10", " 1",
        ] {
            assert_eq!(form(bad), Form::Invalid, "{bad:?}");
        }
    }

    #[test]
    fn safe_integers_at_their_bounds() {
        assert_eq!(parse_safe_integer("9007199254740991"), Ok(MAX_SAFE_INTEGER));
        assert_eq!(
            parse_safe_integer("-9007199254740991"),
            Ok(-MAX_SAFE_INTEGER)
        );
        assert_eq!(
            parse_safe_integer("9007199254740992"),
            Err(IntegerError::OutOfRange)
        );
        assert_eq!(
            parse_safe_integer("100000000000000000000000000000"),
            Err(IntegerError::OutOfRange)
        );
        assert_eq!(
            parse_safe_integer("1.0"),
            Err(IntegerError::NotInteger(Form::Decimal))
        );
        assert_eq!(
            parse_safe_integer("1e2"),
            Err(IntegerError::NotInteger(Form::Exponent))
        );
        assert_eq!(parse_safe_integer("-0"), Ok(0));
    }

    #[test]
    fn interoperable_numbers() {
        for ok in [
            "0",
            "1.5",
            "-0.0",
            "0.0000e-999",
            "1e308",
            "1.7976931348623157e308",
            "1e-323",
            "0.25e-300",
            "123456789.123456789",
        ] {
            assert!(is_interoperable(ok), "{ok}");
        }
        for bad in [
            "1e309",
            "1.8e308",
            "1e400",
            "-1e400",
            "1e-400",
            "0.5e-323",
            "9007199254740992",
            "1e99999999999999999999",
        ] {
            assert!(!is_interoperable(bad), "{bad}");
        }
    }

    #[test]
    fn digit_runs() {
        assert_eq!(digits_value("0"), Some(0));
        assert_eq!(digits_value("0042"), Some(42));
        assert_eq!(digits_value("18446744073709551615"), Some(u64::MAX));
        for bad in ["", "+1", "-1", "1e3", " 1", "18446744073709551616", "١"] {
            assert_eq!(digits_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn decimals_compare_exactly_at_any_length() {
        use Ordering::{Equal, Greater, Less};
        for (a, b, expected) in [
            ("0", "-0", Equal),
            ("0.00", "0", Equal),
            ("1.50", "1.5", Equal),
            ("7E0", "7", Equal),
            ("1.5E1", "15", Equal),
            ("15E-1", "1.50", Equal),
            ("1e400", "9007199254740992", Greater),
            ("1e-400", "0", Greater),
            ("-1e-400", "0", Less),
            ("0e400", "0", Equal),
            ("1e99999999999999999999", "1e400", Greater),
            ("1e99999999999999999999", "1e99999999999999999998", Equal), // both saturate
            ("1.0001E2", "100.009", Greater),
            ("-2E3", "-1999.99", Less),
            ("0.5", "0.49", Greater),
            ("0.01", "0.009", Greater),
            ("10", "9.99", Greater),
            ("-10", "-9.99", Less),
            ("-0.01", "0", Less),
            (
                "12345678901234567890123456789012.5",
                "12345678901234567890123456789012.49",
                Greater,
            ),
            ("0.000000000000000000000000000000001", "0", Greater),
        ] {
            assert_eq!(cmp_decimal(a, b), expected, "{a} vs {b}");
            assert_eq!(cmp_decimal(b, a), expected.reverse(), "{b} vs {a}");
        }
    }

    #[test]
    fn long_literals_compare_in_one_pass() {
        let a = alloc::format!("1.{}1", "0".repeat(200_000));
        let b = alloc::format!("1.{}2e0", "0".repeat(200_000));
        assert_eq!(cmp_decimal(&a, &b), Ordering::Less);
        assert_eq!(cmp_decimal(&a, &a), Ordering::Equal);
        let c = alloc::format!("{}1", "1".repeat(200_000));
        assert_eq!(cmp_decimal(&c, &b), Ordering::Greater);
    }

    #[test]
    fn literals_scale_exactly() {
        let scaled = |text, places| Literal::parse(text).unwrap().scaled(places);
        assert_eq!(scaled("12.340", 2), Ok(1234));
        assert_eq!(scaled("12.345", 2), Err(ScaleError::TooManyDecimals(3)));
        assert_eq!(scaled("1.5E7", 2), Ok(1_500_000_000));
        assert_eq!(scaled("0.000", 0), Ok(0));
        assert_eq!(scaled("-0", 3), Ok(0));
        assert_eq!(scaled("9007199254740991", 0), Ok(MAX_SAFE_INTEGER));
        assert_eq!(scaled("9007199254740992", 0), Err(ScaleError::OutOfRange));
        assert_eq!(scaled("1E16", 0), Err(ScaleError::OutOfRange));
        assert_eq!(scaled("9E15", 0), Ok(9_000_000_000_000_000));
        assert_eq!(scaled("1e-400", 4), Err(ScaleError::TooManyDecimals(400)));
        let long = alloc::format!("0.{}1e2", "0".repeat(100_000));
        assert_eq!(scaled(&long, 2), Err(ScaleError::TooManyDecimals(99_999)));
        assert_eq!(
            scaled("1E-100000", 4),
            Err(ScaleError::TooManyDecimals(100_000))
        );
        assert!(Literal::parse("1.5e").is_none());
        assert!(Literal::parse("01").is_none());
    }

    #[test]
    fn major_amounts_beyond_every_currency() {
        assert!(!major_exceeds_safe_range("9.00719925474099199E15"));
        assert!(major_exceeds_safe_range("9.007199254740992E15"));
        assert!(major_exceeds_safe_range("1e400"));
        assert!(!major_exceeds_safe_range("1e-400"));
        assert!(!major_exceeds_safe_range("9007199254740991.99"));
        assert!(!major_exceeds_safe_range("-9007199254740991"));
        assert!(major_exceeds_safe_range("9007199254740992"));
        assert!(major_exceeds_safe_range(
            "-123456789012345678901234567890.5"
        ));
    }
}
