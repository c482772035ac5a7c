//! Currencies: ISO 4217 codes, their numeric codes and exponents.
//!
//! The table is generated from the `iso_currency` crate once, by
//! `crates/checkout-rules-tables`, and committed, so the crate needs neither
//! `std` nor that crate. Which codes
//! a provider accepts is a [`CurrencySet`]; the set, not the table, is where
//! a provider's own list (historic codes, missing ones) belongs.

use crate::message::msg;
use core::fmt;

/// One row of a currency table.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct CurrencyInfo {
    code: &'static str,
    numeric: u16,
    exponent: Option<u8>,
    name: &'static str,
    status: Status,
}

/// Where a code stands in ISO 4217.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Status {
    /// A current currency (ISO 4217 list one).
    Current,
    /// A current fund code (`CLF`, `USN`…): listed with an exponent, not a
    /// circulating currency.
    Fund,
    /// Precious metals, SDR, testing and "no currency" codes (`XAU`, `XTS`,
    /// `XXX`…): they have no minor unit to charge in.
    Special,
    /// Replaced by another code and withdrawn.
    Superseded {
        /// The code that replaced it.
        by: &'static str,
    },
    /// Withdrawn from ISO 4217 (its list of historic denominations), still
    /// accepted by some providers.
    Historic,
    /// Never an ISO 4217 code, but in a provider's list.
    Unofficial,
}

include!("tables/iso4217.rs");

/// Codes no longer in ISO 4217, and codes never in it, that a provider's own
/// list still names (Flutterwave's, for one). Sorted by code.
///
/// ISO 4217's list of historic denominations records no minor unit, so each
/// exponent is the one the code had in the current list before withdrawal,
/// as the JDK's currency data keeps them; `ECS`, which that data lacks, had
/// 100 centavos to the sucre. The two unofficial codes follow the currency
/// they are pegged to (`GGP` to GBP) or their issuer's own use (`AQD`).
static OTHER: [CurrencyInfo; 16] = [
    other(
        "ANG",
        532,
        2,
        "Netherlands Antillean guilder",
        Status::Historic,
    ),
    other("AQD", 0, 2, "Antarctic dollar", Status::Unofficial),
    other(
        "BYR",
        974,
        0,
        "Belarusian ruble (2000–2016)",
        Status::Historic,
    ),
    other("CYP", 196, 2, "Cypriot pound", Status::Historic),
    other("ECS", 218, 2, "Ecuadorian sucre", Status::Historic),
    other("EEK", 233, 2, "Estonian kroon", Status::Historic),
    other("GGP", 0, 2, "Guernsey pound", Status::Unofficial),
    other("LTL", 440, 2, "Lithuanian litas", Status::Historic),
    other("LVL", 428, 2, "Latvian lats", Status::Historic),
    other(
        "MRO",
        478,
        2,
        "Mauritanian ouguiya (1973–2017)",
        Status::Historic,
    ),
    other("MTL", 470, 2, "Maltese lira", Status::Historic),
    other("SKK", 703, 2, "Slovak koruna", Status::Historic),
    other(
        "STD",
        678,
        2,
        "São Tomé and Príncipe dobra (1977–2017)",
        Status::Historic,
    ),
    other("VEF", 937, 2, "Venezuelan bolívar fuerte", Status::Historic),
    other(
        "ZMK",
        894,
        2,
        "Zambian kwacha (1968–2012)",
        Status::Historic,
    ),
    other(
        "ZWD",
        716,
        2,
        "Zimbabwean dollar (1980–2008)",
        Status::Historic,
    ),
];

const fn other(
    code: &'static str,
    numeric: u16,
    exponent: u8,
    name: &'static str,
    status: Status,
) -> CurrencyInfo {
    CurrencyInfo {
        code,
        numeric,
        exponent: Some(exponent),
        name,
        status,
    }
}

/// A currency of the ISO 4217 table.
///
/// ```
/// use checkout_rules::Currency;
///
/// let kes = Currency::from_code("KES").unwrap();
/// assert_eq!(kes.exponent(), Some(2));
/// assert_eq!(kes.numeric(), 404);
/// assert_eq!(Currency::from_code("BHD").unwrap().exponent(), Some(3));
/// assert!(Currency::from_code("kes").is_none()); // codes are upper case
/// ```
#[derive(Clone, Copy)]
pub struct Currency {
    info: &'static CurrencyInfo,
}

/// Currencies are equal when their codes are. Every `Currency` points into
/// the tables, one row a code, so comparing the rows' addresses says so
/// without comparing the rows' text (a derived `==` would compare every
/// member, names included, on every sum of two amounts).
impl PartialEq for Currency {
    fn eq(&self, other: &Currency) -> bool {
        core::ptr::eq(self.info, other.info)
    }
}

impl Eq for Currency {}

impl Currency {
    /// Looks a code up, exactly as ISO 4217 writes it (three upper-case
    /// letters): current codes, and the historic and unofficial codes that
    /// providers still list.
    pub fn from_code(code: &str) -> Option<Currency> {
        // Every code is three bytes: compared as one number (big-endian,
        // so in the tables' order), not through memcmp.
        let key = |code: &str| -> u32 {
            match *code.as_bytes() {
                [a, b, c] => u32::from_be_bytes([0, a, b, c]),
                _ => u32::MAX,
            }
        };
        let code = Some(key(code)).filter(|&k| k != u32::MAX)?;
        [&ISO_4217[..], &OTHER[..]].into_iter().find_map(|table| {
            table
                .binary_search_by_key(&code, |row| key(row.code))
                .ok()
                .and_then(|i| table.get(i))
                .map(|info| Currency { info })
        })
    }

    /// Every current ISO 4217 code, in code order.
    ///
    /// ```
    /// let codes: Vec<_> = checkout_rules::Currency::all().map(|c| c.code()).collect();
    /// assert!(codes.contains(&"USD"));
    /// assert!(codes.windows(2).all(|w| w[0] < w[1]));
    /// ```
    pub fn all() -> impl Iterator<Item = Currency> {
        ISO_4217.iter().map(|info| Currency { info })
    }

    /// The alphabetic code, e.g. `"KES"`.
    pub fn code(self) -> &'static str {
        self.info.code
    }

    /// The numeric code, e.g. `404` for KES.
    pub fn numeric(self) -> u16 {
        self.info.numeric
    }

    /// The number of digits after the decimal separator (the minor unit);
    /// `None` for codes without one, such as `XAU`.
    pub fn exponent(self) -> Option<u8> {
        self.info.exponent
    }

    /// The English name, e.g. `"Kenyan shilling"`.
    pub fn name(self) -> &'static str {
        self.info.name
    }

    /// Where the code stands in ISO 4217.
    pub fn status(self) -> Status {
        self.info.status
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl crate::message::Piece for Currency {
    fn push_to(&self, out: &mut alloc::string::String) {
        out.push_str(self.code());
    }
}

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// The currencies a provider accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CurrencySet {
    /// Every current ISO 4217 code that has a minor unit: currencies and
    /// fund codes; not superseded codes, not special codes.
    Iso4217Current,
    /// Exactly the codes a provider lists, whatever ISO 4217 says of them
    /// now (each must be known, with an exponent).
    Listed {
        /// Whose list it is, for messages.
        provider: &'static str,
        /// The three-letter codes end to end, sorted (`"KESNGNUSD"`): a
        /// list of strings would be a pointer and a length for each, a
        /// kilobyte of the WebAssembly package for Flutterwave's 160.
        codes: &'static str,
    },
}

/// Whether `code` is one of the sorted three-letter codes packed in
/// `codes`.
fn listed(codes: &str, code: &str) -> bool {
    let (codes, code) = (codes.as_bytes(), code.as_bytes());
    let (mut low, mut high) = (0, codes.len() / 3);
    while low < high {
        let mid = low + (high - low) / 2;
        match codes.get(mid * 3..mid * 3 + 3).map(|c| c.cmp(code)) {
            Some(core::cmp::Ordering::Less) => low = mid + 1,
            Some(core::cmp::Ordering::Greater) => high = mid,
            Some(core::cmp::Ordering::Equal) => return true,
            None => return false,
        }
    }
    false
}

/// Why a code is not accepted by a [`CurrencySet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurrencyRejection {
    /// Not a code of the table at all.
    Unknown,
    /// A known code the set does not accept (superseded, special, no minor
    /// unit).
    NotAccepted(Currency),
}

impl CurrencySet {
    /// Resolves `code` within the set.
    ///
    /// ```
    /// use checkout_rules::{CurrencyRejection, CurrencySet};
    ///
    /// let iso = CurrencySet::Iso4217Current;
    /// assert_eq!(iso.resolve("EUR").unwrap().code(), "EUR");
    /// assert!(matches!(iso.resolve("HRK"), Err(CurrencyRejection::NotAccepted(_))));
    /// assert!(matches!(iso.resolve("XAU"), Err(CurrencyRejection::NotAccepted(_))));
    /// assert_eq!(iso.resolve("ABC"), Err(CurrencyRejection::Unknown));
    /// ```
    pub fn resolve(self, code: &str) -> Result<Currency, CurrencyRejection> {
        let currency = Currency::from_code(code).ok_or(CurrencyRejection::Unknown)?;
        let accepted = currency.exponent().is_some()
            && match self {
                CurrencySet::Iso4217Current => {
                    matches!(currency.status(), Status::Current | Status::Fund)
                }
                CurrencySet::Listed { codes, .. } => listed(codes, code),
            };
        if accepted {
            Ok(currency)
        } else {
            Err(CurrencyRejection::NotAccepted(currency))
        }
    }

    /// Every code the set accepts, in code order.
    pub fn codes(self) -> impl Iterator<Item = &'static str> {
        // Both tables are sorted and share no code: merge them.
        let (mut iso, mut other) = (ISO_4217.iter().peekable(), OTHER.iter().peekable());
        core::iter::from_fn(move || match (iso.peek(), other.peek()) {
            (Some(a), Some(b)) if b.code < a.code => other.next(),
            (Some(_), _) => iso.next(),
            (None, _) => other.next(),
        })
        .map(|info| info.code)
        .filter(move |code| self.resolve(code).is_ok())
    }

    /// A short description for rules documents and messages.
    pub fn describe(self) -> alloc::string::String {
        match self {
            CurrencySet::Iso4217Current => {
                alloc::string::String::from("a current ISO 4217 code with a minor unit")
            }
            CurrencySet::Listed { provider, codes } => {
                msg!(
                    "one of the ",
                    codes.len() / 3,
                    " codes of ",
                    provider,
                    "'s own list"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(ISO_4217.windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn currencies_are_equal_exactly_when_their_codes_are() {
        let all: Vec<Currency> = ISO_4217
            .iter()
            .chain(OTHER.iter())
            .map(|row| Currency::from_code(row.code).unwrap())
            .collect();
        for a in &all {
            for b in &all {
                assert_eq!(a == b, a.code() == b.code(), "{a} {b}");
            }
        }
    }

    #[test]
    fn exponents_of_well_known_currencies() {
        let exp = |code| Currency::from_code(code).and_then(Currency::exponent);
        assert_eq!(exp("JPY"), Some(0));
        assert_eq!(exp("KES"), Some(2));
        assert_eq!(exp("BHD"), Some(3));
        assert_eq!(exp("CLF"), Some(4));
        assert_eq!(exp("XAU"), None);
    }

    #[test]
    fn other_table_is_sorted_and_apart_from_iso() {
        assert!(OTHER.windows(2).all(|w| w[0].code < w[1].code));
        assert!(
            OTHER
                .iter()
                .all(|o| ISO_4217.iter().all(|i| i.code != o.code))
        );
        assert_eq!(
            Currency::from_code("BYR").and_then(Currency::exponent),
            Some(0)
        );
        assert_eq!(
            Currency::from_code("ZMK").unwrap().status(),
            Status::Historic
        );
    }

    #[test]
    fn packed_lists_are_searched_exactly() {
        let codes = "AEDBHDKESNGNUSDZWD";
        for code in ["AED", "BHD", "KES", "NGN", "USD", "ZWD"] {
            assert!(listed(codes, code), "{code}");
        }
        for code in ["AAA", "AEE", "KE", "KESN", "DKE", "ZZZ", ""] {
            assert!(!listed(codes, code), "{code}");
        }
        assert!(!listed("", "USD"));
    }

    #[test]
    fn listed_sets_accept_exactly_their_codes() {
        let set = CurrencySet::Listed {
            provider: "Test",
            codes: "HRKNGNXAUZMK",
        };
        assert!(set.resolve("ZMK").is_ok());
        assert!(set.resolve("HRK").is_ok());
        assert!(set.resolve("NGN").is_ok());
        assert!(matches!(
            set.resolve("XAU"),
            Err(CurrencyRejection::NotAccepted(_))
        ));
        assert!(matches!(
            set.resolve("USD"),
            Err(CurrencyRejection::NotAccepted(_))
        ));
        assert_eq!(
            set.codes().collect::<alloc::vec::Vec<_>>(),
            ["HRK", "NGN", "ZMK"]
        );
    }

    #[test]
    fn list_one_carries_both_bolivares() {
        for code in ["VES", "VED"] {
            let c = Currency::from_code(code).unwrap();
            assert_eq!(c.status(), Status::Current, "{code}");
            assert_eq!(CurrencySet::Iso4217Current.resolve(code), Ok(c));
        }
        assert_eq!(Currency::from_code("VES").unwrap().numeric(), 928);
        assert_eq!(Currency::from_code("VED").unwrap().numeric(), 926);
        assert_eq!(
            Currency::from_code("XCG").unwrap().name(),
            "Caribbean guilder"
        );
    }

    #[test]
    fn superseded_codes_name_their_successor() {
        let hrk = Currency::from_code("HRK").unwrap();
        assert_eq!(hrk.status(), Status::Superseded { by: "EUR" });
    }

    #[test]
    fn current_set_excludes_special_and_superseded() {
        let codes: alloc::vec::Vec<_> = CurrencySet::Iso4217Current.codes().collect();
        assert!(codes.contains(&"USD"));
        assert!(codes.contains(&"CLF"));
        assert!(!codes.contains(&"XTS"));
        assert!(!codes.contains(&"HRK"));
        assert!(!codes.contains(&"XAD"));
    }
}
