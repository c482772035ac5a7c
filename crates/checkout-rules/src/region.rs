//! Country and language codes: ISO 3166-1 alpha-2 and ISO 639-1, from the
//! `iso_country` and `isolang` crates, written by `crates/checkout-rules-tables`.

include!("tables/iso3166_iso639.rs");

/// The two-letter codes of a packed table, in order.
fn codes(packed: &'static str) -> impl Iterator<Item = &'static str> {
    (0..packed.len() / 2).filter_map(move |i| packed.get(2 * i..2 * i + 2))
}

fn contains(packed: &'static str, code: &str) -> bool {
    let (mut low, mut high) = (0, packed.len() / 2);
    while low < high {
        let mid = low + (high - low) / 2;
        match packed.get(2 * mid..2 * mid + 2).cmp(&Some(code)) {
            core::cmp::Ordering::Less => low = mid + 1,
            core::cmp::Ordering::Greater => high = mid,
            core::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Whether `code` is an assigned ISO 3166-1 alpha-2 country code, exactly
/// as written (upper case).
pub fn is_country(code: &str) -> bool {
    contains(COUNTRY_CODES, code)
}

/// Every assigned ISO 3166-1 alpha-2 country code, in order.
pub fn countries() -> impl Iterator<Item = &'static str> {
    codes(COUNTRY_CODES)
}

/// Every ISO 639-1 language code, in order.
#[cfg(any(test, feature = "proptest"))]
pub fn languages() -> impl Iterator<Item = &'static str> {
    codes(LANGUAGE_CODES)
}

/// Whether `code` is an ISO 639-1 language code (two lower-case letters).
pub fn is_language(code: &str) -> bool {
    contains(LANGUAGE_CODES, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example that documented `is_country`.
    #[test]
    fn the_documented_is_country() {
        use crate::region::is_country;

        assert!(is_country("AU"));
        assert!(!is_country("au"));
        assert!(!is_country("UK")); // the code is GB
    }

    /// The example that documented `is_language`.
    #[test]
    fn the_documented_is_language() {
        assert!(crate::region::is_language("en"));
        assert!(!crate::region::is_language("EN"));
        assert!(!crate::region::is_language("xx"));
    }

    #[test]
    fn tables_are_sorted_and_complete_enough() {
        let countries: alloc::vec::Vec<_> = countries().collect();
        let languages: alloc::vec::Vec<_> = languages().collect();
        assert!(countries.windows(2).all(|w| w[0] < w[1]));
        assert!(languages.windows(2).all(|w| w[0] < w[1]));
        assert!(countries.len() >= 249);
        assert!(languages.len() >= 180);
        for code in ["KE", "NG", "US", "GB", "AU", "CM", "SS", "AX", "AD", "ZW"] {
            assert!(is_country(code), "{code}");
        }
        for code in ["aa", "en", "sw", "fr", "yo", "zu", "am"] {
            assert!(is_language(code), "{code}");
        }
        assert!(!is_country("A"));
        assert!(!is_country("ADA"));
    }
}
