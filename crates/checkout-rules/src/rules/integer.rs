//! Whole numbers within a range (quantities, retry counts, durations).

use super::At;
use crate::message::msg;
use crate::number::{self, Form, IntegerError};
use crate::violation::{Code, Violation};

/// An inclusive range of integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntRange {
    /// The smallest value.
    pub min: i64,
    /// The largest value.
    pub max: i64,
}

impl IntRange {
    /// Checks a JSON number's text; returns its value.
    pub fn check(self, text: &str, at: At<'_>) -> Result<i64, Violation> {
        let name = at.name();
        let value = number::parse_safe_integer(text).map_err(|e| match e {
            IntegerError::NotInteger(Form::Exponent) => at.violation(
                Code::ExponentNotation,
                msg!(
                    "`",
                    name,
                    "` must be a whole number written out in digits; `",
                    text,
                    "` uses exponent notation"
                ),
            ),
            IntegerError::NotInteger(_) => at.violation(
                Code::NotInteger,
                msg!(
                    "`",
                    name,
                    "` must be a whole number; `",
                    text,
                    "` has a fraction"
                ),
            ),
            IntegerError::OutOfRange if text.starts_with('-') => at
                .violation(
                    Code::BelowMinimum,
                    msg!("`", name, "` must be at least ", self.min, "; it is ", text),
                )
                .with("min", self.min),
            IntegerError::OutOfRange => at
                .violation(
                    Code::AboveMaximum,
                    msg!("`", name, "` must be at most ", self.max, "; it is ", text),
                )
                .with("max", self.max),
        })?;
        if value < self.min {
            return Err(at
                .violation(
                    Code::BelowMinimum,
                    msg!(
                        "`",
                        name,
                        "` must be at least ",
                        self.min,
                        "; it is ",
                        value
                    ),
                )
                .with("min", self.min)
                .with("actual", value));
        }
        if value > self.max {
            return Err(at
                .violation(
                    Code::AboveMaximum,
                    msg!("`", name, "` must be at most ", self.max, "; it is ", value),
                )
                .with("max", self.max)
                .with("actual", value));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    /// The example that documented `check`.
    #[test]
    fn the_documented_check() {
        use crate::rules::{At, integer::IntRange};

        let retries = IntRange { min: 0, max: 10 };
        assert_eq!(retries.check("3", At::body("/r")).unwrap(), 3);
        assert_eq!(
            retries
                .check("11", At::body("/r"))
                .unwrap_err()
                .code
                .as_str(),
            "above_maximum"
        );
        assert_eq!(
            retries
                .check("3.0", At::body("/r"))
                .unwrap_err()
                .code
                .as_str(),
            "not_integer"
        );
    }

    #[test]
    fn bounds() {
        let r = IntRange { min: 5, max: 2880 };
        let code = |t| r.check(t, At::body("/d")).map_err(|v| v.code);
        assert_eq!(code("5"), Ok(5));
        assert_eq!(code("2880"), Ok(2880));
        assert_eq!(code("4"), Err(Code::BelowMinimum));
        assert_eq!(code("2881"), Err(Code::AboveMaximum));
        assert_eq!(code("-0"), Err(Code::BelowMinimum));
        assert_eq!(code("1e3"), Err(Code::ExponentNotation));
        assert_eq!(code("10.5"), Err(Code::NotInteger));
        let huge = "9".repeat(100);
        assert_eq!(code(&huge), Err(Code::AboveMaximum));
        let huge_negative = format!("-{huge}");
        assert_eq!(code(&huge_negative), Err(Code::BelowMinimum));
    }
}
