//! Country codes and locales.

use super::At;
use crate::message::msg;
use crate::region::{is_country, is_language};
use crate::violation::{Code, Violation};

/// Checks an ISO 3166-1 alpha-2 country code (`AU`), exactly as written.
pub fn check_country(s: &str, at: At<'_>) -> Result<(), Violation> {
    if is_country(s) {
        return Ok(());
    }
    let upper = s.to_ascii_uppercase();
    let hint = if is_country(&upper) {
        msg!("; did you mean `", upper, "`? Codes are upper case")
    } else if upper == "UK" {
        alloc::string::String::from("; the United Kingdom's code is `GB`")
    } else {
        alloc::string::String::from("; use a two-letter code such as KE, NG or AU")
    };
    Err(at.violation(
        Code::UnknownCountry,
        msg!(
            "`",
            at.name(),
            "` is `",
            s,
            "`, which is not an assigned ISO 3166-1 alpha-2 country code",
            hint
        ),
    ))
}

/// Checks a locale written `language_REGION`: an ISO 639-1 language code in
/// lower case, `_`, and an ISO 3166-1 alpha-2 country code in upper case
/// (`en_AU`).
pub fn check_locale(s: &str, at: At<'_>) -> Result<(), Violation> {
    let valid = s
        .split_once('_')
        .is_some_and(|(language, region)| is_language(language) && is_country(region));
    if valid {
        return Ok(());
    }
    let hint = if s.as_bytes().contains(&b'-') {
        "; separate the two with `_`, not `-`"
    } else {
        ""
    };
    Err(at
        .violation(
            Code::InvalidLocale,
            msg!(
                "`",
                at.name(),
                "` is `",
                s,
                "`; a locale is an ISO 639-1 language in lower case, `_`, and an \
                 ISO 3166-1 country in upper case, such as en_AU or sw_KE",
                hint
            ),
        )
        .with("pattern", "^[a-z]{2}_[A-Z]{2}$"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example that documented `check_country`.
    #[test]
    fn the_documented_check_country() {
        use crate::rules::{At, region::check_country};

        assert!(check_country("KE", At::body("/c")).is_ok());
        assert!(check_country("UK", At::body("/c")).is_err());
    }

    /// The example that documented `check_locale`.
    #[test]
    fn the_documented_check_locale() {
        use crate::rules::{At, region::check_locale};

        assert!(check_locale("en_AU", At::body("/locale")).is_ok());
        assert!(check_locale("en-AU", At::body("/locale")).is_err());
    }

    #[test]
    fn locales() {
        let ok = |s| check_locale(s, At::body("/l")).is_ok();
        for good in ["en_AU", "sw_KE", "fr_CM", "pt_BR", "zh_TW"] {
            assert!(ok(good), "{good}");
        }
        for bad in [
            "", "en", "en_", "_AU", "en-AU", "EN_AU", "en_au", "xx_AU", "en_XX", "eng_AU",
            "en_AU_x", "en_UK",
        ] {
            assert!(!ok(bad), "{bad}");
        }
    }

    #[test]
    fn countries() {
        let code = |s| check_country(s, At::body("/c")).map_err(|v| v.message);
        assert!(code("AU").is_ok());
        assert!(code("au").unwrap_err().contains("did you mean `AU`"));
        assert!(code("UK").unwrap_err().contains("`GB`"));
        assert!(code("XX").is_err());
        assert!(code("AUS").is_err());
    }
}
