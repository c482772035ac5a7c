//! Currency codes, resolved within the set a provider accepts.

use alloc::string::String;

use super::At;
use crate::currency::{Currency, CurrencyRejection, CurrencySet, Status};
use crate::message::msg;
use crate::violation::{Code, Violation};

/// Checks a currency code against `set`; returns the currency.
pub fn check(code: &str, set: CurrencySet, at: At<'_>) -> Result<Currency, Violation> {
    let name = at.name();
    set.resolve(code).map_err(|rejection| match rejection {
        CurrencyRejection::Unknown => {
            let upper = code.to_ascii_uppercase();
            let hint = match set.resolve(&upper) {
                Ok(c) => msg!("; did you mean `", c.code(), "`? Codes are upper case"),
                Err(_) => String::from("; use a three-letter code such as USD, EUR or KES"),
            };
            let violation = at.violation(
                Code::UnknownCurrency,
                msg!(
                    "`",
                    name,
                    "` is `",
                    code,
                    "`, which is not an ISO 4217 currency code",
                    hint
                ),
            );
            match set.resolve(&upper) {
                Ok(c) => violation.with("suggestion", c.code()),
                Err(_) => violation,
            }
        }
        CurrencyRejection::NotAccepted(currency) => {
            let why = match (set, currency.status()) {
                (CurrencySet::Listed { provider, .. }, _) if currency.exponent().is_some() => {
                    msg!(provider, " does not list it")
                }
                (_, Status::Superseded { by }) => msg!("it was replaced by ", by),
                (_, Status::Historic) => String::from("it was withdrawn from ISO 4217"),
                _ if currency.exponent().is_none() => {
                    String::from("it has no minor unit, so no amount of it can be charged")
                }
                _ => String::from("it is not a currency payments are made in"),
            };
            at.violation(
                Code::CurrencyNotAccepted,
                msg!(
                    "`",
                    name,
                    "` is ",
                    currency.code(),
                    " (",
                    currency.name(),
                    "), which is not accepted: ",
                    why
                ),
            )
            .with("accepted", set.describe())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example that documented `check`.
    #[test]
    fn the_documented_check() {
        use crate::CurrencySet;
        use crate::rules::{At, currency::check};

        let at = At::body("/currency");
        assert_eq!(
            check("KES", CurrencySet::Iso4217Current, at)
                .unwrap()
                .exponent(),
            Some(2)
        );
        let wrong_case = check("kes", CurrencySet::Iso4217Current, at).unwrap_err();
        assert!(wrong_case.message.contains("did you mean `KES`"));
    }

    #[test]
    fn rejections_say_why() {
        let at = At::body("/currency");
        let iso = CurrencySet::Iso4217Current;
        let e = check("HRK", iso, at).unwrap_err();
        assert_eq!(e.code, Code::CurrencyNotAccepted);
        assert!(e.message.contains("replaced by EUR"));
        let e = check("XAU", iso, at).unwrap_err();
        assert!(e.message.contains("no minor unit"));
        let e = check("XTS", iso, at).unwrap_err();
        assert_eq!(e.code, Code::CurrencyNotAccepted);
        let e = check("AQD", iso, at).unwrap_err();
        assert!(
            e.message
                .ends_with("it is not a currency payments are made in"),
            "{}",
            e.message
        );
        assert!(
            check("CYP", iso, at)
                .unwrap_err()
                .message
                .contains("withdrawn from ISO 4217")
        );
        let listed = CurrencySet::Listed {
            provider: "Acme",
            codes: "KESUSD",
        };
        assert!(
            check("EUR", listed, at)
                .unwrap_err()
                .message
                .contains("Acme does not list it")
        );
        assert!(
            check("XAU", listed, at)
                .unwrap_err()
                .message
                .contains("no minor unit")
        );
        assert!(check("KES", listed, at).is_ok());
        for bad in ["", "US", "USDD", "ABC", "usd", "U$D"] {
            assert_eq!(
                check(bad, iso, at).unwrap_err().code,
                Code::UnknownCurrency,
                "{bad}"
            );
        }
    }
}
