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

/// Compares two plain decimal literals ([`Form::Integer`] or
/// [`Form::Decimal`]) exactly, whatever their length: `-0` equals `0`,
/// `1.50` equals `1.5`.
pub(crate) fn cmp_decimal(a: &str, b: &str) -> Ordering {
    let ((sign_a, a), (sign_b, b)) = (signed(a), signed(b));
    if sign_a != sign_b || sign_a == 0 {
        return sign_a.cmp(&sign_b);
    }
    let magnitude = cmp_magnitude(a, b);
    if sign_a < 0 {
        magnitude.reverse()
    } else {
        magnitude
    }
}

/// A decimal literal's sign (−1, 0 or 1) and its digits without the sign.
fn signed(text: &str) -> (i8, &str) {
    let (negative, magnitude) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if magnitude.bytes().all(|c| c == b'0' || c == b'.') {
        (0, magnitude)
    } else {
        (if negative { -1 } else { 1 }, magnitude)
    }
}

/// Compares two unsigned decimal literals: integer parts by length then
/// digits, fractions digit by digit once trailing zeros are dropped.
fn cmp_magnitude(a: &str, b: &str) -> Ordering {
    let ((int_a, frac_a), (int_b, frac_b)) = (significant(a), significant(b));
    int_a
        .len()
        .cmp(&int_b.len())
        .then_with(|| int_a.cmp(int_b))
        .then_with(|| frac_a.cmp(frac_b))
}

/// An unsigned decimal literal's integer digits without leading zeros and
/// fraction digits without trailing zeros.
fn significant(text: &str) -> (&str, &str) {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    (int.trim_start_matches('0'), frac.trim_end_matches('0'))
}

/// Whether a plain decimal in major units is beyond ±(2^53 − 1) minor units
/// in every currency: its integer part alone exceeds it.
pub(crate) fn major_exceeds_safe_range(text: &str) -> bool {
    let magnitude = text.trim_start_matches('-');
    let int = magnitude.split_once('.').map_or(magnitude, |(int, _)| int);
    matches!(parse_safe_integer(int), Err(IntegerError::OutOfRange))
}

/// Whether a free-form number (metadata, extra item properties) stays the
/// same number for every JSON reader: an IEEE double neither overflows nor
/// underflows to zero, and integers stay within ±(2^53 − 1) so JavaScript
/// holds them exactly (I-JSON, RFC 7493, section 2.2).
///
/// Decided without floats, from the decimal exponent of the leading digit:
/// overflow is judged on 17 significant digits of `f64::MAX`; anything below
/// 1e-323 counts as underflow (the deepest subnormals with it, which carry
/// one significant bit and no meaning in a payment request).
pub(crate) fn is_interoperable(text: &str) -> bool {
    match form(text) {
        Form::Integer => parse_safe_integer(text).is_ok(),
        Form::Decimal | Form::Exponent => {
            let Some(scale) = Scale::of(text) else {
                return true; // zero
            };
            // f64::MAX ≈ 1.7976931348623157e308; the smallest subnormal
            // ≈ 4.9e-324.
            let overflows = scale.exponent > 308
                || (scale.exponent == 308 && !scale.digits_at_most("17976931348623157"));
            let underflows = scale.exponent < -323;
            !overflows && !underflows
        }
        Form::Invalid => false,
    }
}

/// A non-zero number as significant digits × 10^exponent, with the exponent
/// of the leading digit (scientific notation).
struct Scale<'a> {
    significant: &'a [u8],
    fraction: &'a [u8],
    exponent: i64,
}

impl<'a> Scale<'a> {
    fn of(text: &'a str) -> Option<Scale<'a>> {
        let text = text.trim_start_matches('-');
        let (mantissa, exp) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].trim_start_matches('+')),
            None => (text, "0"),
        };
        // An exponent too long for i64 is far outside any double either way.
        let (negative, magnitude) = match exp.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, exp),
        };
        let exp = match digits_value(magnitude).and_then(|m| i64::try_from(m).ok()) {
            Some(m) if negative => -m,
            Some(m) => m,
            None if negative => i64::MIN / 2,
            None => i64::MAX / 2,
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let int = int.trim_start_matches('0');
        if !int.is_empty() {
            let lead = i64::try_from(int.len()).unwrap_or(i64::MAX / 2) - 1;
            return Some(Scale {
                significant: int.as_bytes(),
                fraction: frac.as_bytes(),
                exponent: exp.saturating_add(lead),
            });
        }
        let zeros = frac.bytes().take_while(|&c| c == b'0').count();
        let rest = frac.get(zeros..)?;
        if rest.is_empty() {
            return None;
        }
        let lead = i64::try_from(zeros).unwrap_or(i64::MAX / 2) + 1;
        Some(Scale {
            significant: rest.as_bytes(),
            fraction: b"",
            exponent: exp.saturating_sub(lead),
        })
    }

    /// Whether the significant digits, read as 0.d1d2d3…, are at most those
    /// of `bound`.
    fn digits_at_most(&self, bound: &str) -> bool {
        let mut digits = self.significant.iter().chain(self.fraction).copied();
        for b in bound.bytes() {
            match digits.next() {
                Some(d) if d < b => return true,
                Some(d) if d > b => return false,
                Some(_) => {}
                None => return true,
            }
        }
        digits.all(|d| d == b'0')
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
            ("007", "7", Equal),
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
    fn major_amounts_beyond_every_currency() {
        assert!(!major_exceeds_safe_range("9007199254740991.99"));
        assert!(!major_exceeds_safe_range("-9007199254740991"));
        assert!(major_exceeds_safe_range("9007199254740992"));
        assert!(major_exceeds_safe_range(
            "-123456789012345678901234567890.5"
        ));
    }
}
