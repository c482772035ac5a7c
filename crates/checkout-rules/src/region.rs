//! Country and language codes: ISO 3166-1 alpha-2 and ISO 639-1, generated
//! at build time from the `iso_country` and `isolang` crates.

include!(concat!(env!("OUT_DIR"), "/iso3166_iso639.rs"));

/// The English name of an assigned ISO 3166-1 alpha-2 country code, exactly
/// as written (upper case).
///
/// ```
/// use checkout_rules::region::country_name;
///
/// assert_eq!(country_name("AU"), Some("Australia"));
/// assert_eq!(country_name("au"), None);
/// assert_eq!(country_name("UK"), None); // the code is GB
/// ```
pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .and_then(|i| COUNTRIES.get(i))
        .map(|(_, name)| *name)
}

/// Whether `code` is an ISO 639-1 language code (two lower-case letters).
///
/// ```
/// assert!(checkout_rules::region::is_language("en"));
/// assert!(!checkout_rules::region::is_language("EN"));
/// assert!(!checkout_rules::region::is_language("xx"));
/// ```
pub fn is_language(code: &str) -> bool {
    LANGUAGES.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_complete_enough() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]));
        assert!(COUNTRIES.len() >= 249);
        assert!(LANGUAGES.len() >= 180);
        for code in ["KE", "NG", "US", "GB", "AU", "CM", "SS", "AX"] {
            assert!(country_name(code).is_some(), "{code}");
        }
        for code in ["en", "sw", "fr", "yo", "zu", "am"] {
            assert!(is_language(code), "{code}");
        }
    }
}
