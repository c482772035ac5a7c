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
    /// The digits without leading and trailing zeros; empty for zero.
    significant: Digits<'a>,
    /// The power of ten of the last significant digit.
    exponent: i64,
}

/// Digits written in two runs (before and after the point), read as one.
#[derive(Clone, Copy, Debug)]
struct Digits<'a> {
    int: &'a [u8],
    frac: &'a [u8],
}

impl<'a> Digits<'a> {
    fn len(&self) -> usize {
        self.int.len() + self.frac.len()
    }

    fn iter(&self) -> impl DoubleEndedIterator<Item = u8> + 'a {
        self.int.iter().chain(self.frac).copied()
    }

    /// The digits from `from` to `to` (counting both runs together).
    fn slice(&self, from: usize, to: usize) -> Digits<'a> {
        let split = self.int.len();
        let part = |run: &'a [u8], lo: usize, hi: usize| run.get(lo..hi).unwrap_or_default();
        Digits {
            int: part(self.int, from.min(split), to.min(split)),
            frac: part(
                self.frac,
                from.saturating_sub(split),
                to.saturating_sub(split),
            ),
        }
    }
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
        let (negative, magnitude) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exp) = match magnitude.find(['e', 'E']) {
            Some(at) => (&magnitude[..at], &magnitude[at + 1..]),
            None => (magnitude, "0"),
        };
        let exp = exp.trim_start_matches('+');
        let (exp_negative, exp_digits) = match exp.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, exp),
        };
        let exp = digits_value(exp_digits)
            .and_then(|e| i64::try_from(e).ok())
            .map_or(EXPONENT_LIMIT, |e| e.min(EXPONENT_LIMIT));
        let exp = if exp_negative { -exp } else { exp };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = Digits {
            int: int.as_bytes(),
            frac: frac.as_bytes(),
        };
        let lead = digits.iter().take_while(|&d| d == b'0').count();
        let trail = if lead == digits.len() {
            0
        } else {
            digits.iter().rev().take_while(|&d| d == b'0').count()
        };
        let significant = digits.slice(lead, digits.len() - trail);
        // Lengths are bounded by the body's size: no overflow past the limit.
        let shift = i64::try_from(trail).unwrap_or(EXPONENT_LIMIT)
            - i64::try_from(frac.len()).unwrap_or(EXPONENT_LIMIT);
        Some(Literal {
            negative,
            significant,
            exponent: exp.saturating_add(shift),
        })
    }

    /// Whether it is zero (`-0`, `0.00`, `0e5` included).
    pub(crate) fn is_zero(&self) -> bool {
        self.significant.len() == 0
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
        let len = i64::try_from(self.significant.len()).unwrap_or(EXPONENT_LIMIT);
        self.exponent.saturating_add(len - 1)
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
        let digits = i64::try_from(self.significant.len()).unwrap_or(EXPONENT_LIMIT);
        if digits.saturating_add(zeros) > 16 {
            return Err(ScaleError::OutOfRange);
        }
        let padding = core::iter::repeat_n(b'0', usize::try_from(zeros).unwrap_or(0));
        let mut value: i64 = 0;
        for digit in self.significant.iter().chain(padding) {
            value = value * 10 + i64::from(digit - b'0');
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
        self.leading_exponent()
            .cmp(&other.leading_exponent())
            .then_with(|| self.significant.iter().cmp(other.significant.iter()))
    }
}

/// Compares two number literals exactly, whatever their length or
/// exponent: `-0` equals `0`, `1.50` equals `1.5E0`. Text that is not a
/// number literal compares as zero (callers check the form first).
pub(crate) fn cmp_decimal(a: &str, b: &str) -> Ordering {
    const ZERO: &str = "0";
    let read = |t| Literal::parse(t).or_else(|| Literal::parse(ZERO));
    match (read(a), read(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => Ordering::Equal,
    }
}

/// Whether an amount in major units is beyond ±(2^53 − 1) minor units in
/// every currency: its integer part alone exceeds it.
pub(crate) fn major_exceeds_safe_range(text: &str) -> bool {
    let bound = Literal::parse("9007199254740992");
    match (Literal::parse(text), bound) {
        (Some(value), Some(bound)) => value.cmp_magnitude(&bound) != Ordering::Less,
        _ => false,
    }
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
            let (Some(value), Some(max), Some(min)) = (
                Literal::parse(text),
                // f64::MAX ≈ 1.7976931348623157e308; the smallest subnormal
                // ≈ 4.9e-324.
                Literal::parse("1.7976931348623157e308"),
                Literal::parse("1e-323"),
            ) else {
                return false;
            };
            value.is_zero()
                || (value.cmp_magnitude(&max) != Ordering::Greater
                    && value.cmp_magnitude(&min) != Ordering::Less)
        }
        Form::Invalid => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
