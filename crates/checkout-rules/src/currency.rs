//! Currencies: ISO 4217 codes, their numeric codes and exponents.
//!
//! The table is generated from the `iso_currency` crate once, by
//! `crates/checkout-rules-tables`, and committed, so the crate needs neither
//! `std` nor that crate. Which codes
//! a provider accepts is a [`CurrencySet`]; the set, not the table, is where
//! a provider's own list (historic codes, missing ones) belongs.

use crate::message::msg;
use core::fmt;

/// One row of a currency table as it is written: the source the packed
/// tables below are built from when the crate compiles. Only the packed
/// tables reach the binary.
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
const OTHER: [CurrencyInfo; 16] = [
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

/// How many codes both tables hold.
const COUNT: usize = ISO_4217.len() + OTHER.len();

/// Both tables' rows, merged in code order (each table is sorted, a test
/// says so, and they share no code).
const MERGED: [&CurrencyInfo; COUNT] = {
    let mut merged = [&ISO_4217[0]; COUNT];
    let (mut i, mut o, mut at) = (0, 0, 0);
    while at < COUNT {
        merged[at] = if o == OTHER.len()
            || (i < ISO_4217.len() && code_key(ISO_4217[i].code) < code_key(OTHER[o].code))
        {
            i += 1;
            &ISO_4217[i - 1]
        } else {
            o += 1;
            &OTHER[o - 1]
        };
        at += 1;
    }
    merged
};

// The tables are packed when the crate compiles: a row of pointers and
// lengths per code was 4.7 KB of the WebAssembly package that gzip could
// not shrink. Now the codes are one string, the names another, and a row
// is eight bytes of numbers.

/// Every code end to end, in code order: a currency's code is its three
/// bytes at three times its index.
static CODES: &str = match core::str::from_utf8(&CODE_BYTES) {
    Ok(codes) => codes,
    Err(_) => "",
};

const CODE_BYTES: [u8; 3 * COUNT] = {
    let mut bytes = [0; 3 * COUNT];
    let mut at = 0;
    while at < COUNT {
        let code = MERGED[at].code.as_bytes();
        bytes[3 * at] = code[0];
        bytes[3 * at + 1] = code[1];
        bytes[3 * at + 2] = code[2];
        at += 1;
    }
    bytes
};

/// Every name end to end, in code order; each row says where its name is.
static NAMES: &str = match core::str::from_utf8(&NAME_BYTES) {
    Ok(names) => names,
    Err(_) => "",
};

const NAMES_LEN: usize = {
    let (mut len, mut at) = (0, 0);
    while at < COUNT {
        len += MERGED[at].name.len();
        at += 1;
    }
    len
};

const NAME_BYTES: [u8; NAMES_LEN] = {
    let mut bytes = [0; NAMES_LEN];
    let (mut len, mut at) = (0, 0);
    while at < COUNT {
        let name = MERGED[at].name.as_bytes();
        let mut b = 0;
        while b < name.len() {
            bytes[len] = name[b];
            len += 1;
            b += 1;
        }
        at += 1;
    }
    bytes
};

/// A packed row: the numbers of a code, at the code's index.
#[derive(Clone, Copy)]
struct Row {
    numeric: u16,
    /// Where the name starts in [`NAMES`]; it ends where the next starts.
    name_start: u16,
    /// [`NO_EXPONENT`] for a code without a minor unit.
    exponent: u8,
    standing: Standing,
}

const NO_EXPONENT: u8 = u8::MAX;

/// [`Status`] with the successor of a superseded code as its index.
#[derive(Clone, Copy)]
enum Standing {
    Current,
    Fund,
    Special,
    Superseded { by: u8 },
    Historic,
    Unofficial,
}

/// A row for no code, never read: indices come from the tables.
static UNKNOWN: Row = Row {
    numeric: 0,
    name_start: 0,
    exponent: NO_EXPONENT,
    standing: Standing::Unofficial,
};

/// The rows, then one more whose name start is the end of the last name.
#[allow(clippy::cast_possible_truncation)] // the assert holds each in range
static ROWS: [Row; COUNT + 1] = {
    let mut rows = [UNKNOWN; COUNT + 1];
    let (mut name_start, mut at) = (0, 0);
    // Every index and name offset fits its field.
    assert!(COUNT <= u8::MAX as usize && NAMES_LEN <= u16::MAX as usize);
    while at < COUNT {
        let info = MERGED[at];
        rows[at] = Row {
            numeric: info.numeric,
            name_start: name_start as u16,
            exponent: match info.exponent {
                Some(exponent) => exponent,
                None => NO_EXPONENT,
            },
            standing: match info.status {
                Status::Current => Standing::Current,
                Status::Fund => Standing::Fund,
                Status::Special => Standing::Special,
                Status::Superseded { by } => Standing::Superseded {
                    by: index_of(code_key(by)) as u8,
                },
                Status::Historic => Standing::Historic,
                Status::Unofficial => Standing::Unofficial,
            },
        };
        name_start += info.name.len();
        at += 1;
    }
    rows[COUNT].name_start = name_start as u16;
    rows
};

/// The index of a code in [`MERGED`]; fails the build for an unknown one.
const fn index_of(key: u32) -> usize {
    let mut at = 0;
    while code_key(MERGED[at].code) != key {
        at += 1;
    }
    at
}

/// A three-letter code as one number, in code order (big-endian); any
/// other length is `u32::MAX`, which no code is.
const fn code_key(code: &str) -> u32 {
    match *code.as_bytes() {
        [a, b, c] => key_of([a, b, c]),
        _ => u32::MAX,
    }
}

/// Three letters as one number, the first most significant.
const fn key_of([a, b, c]: [u8; 3]) -> u32 {
    u32::from_be_bytes([0, a, b, c])
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
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// Where the code is in the packed tables: one index a code, so
    /// currencies are equal exactly when their codes are.
    index: u8,
}

impl Currency {
    /// Looks a code up, exactly as ISO 4217 writes it (three upper-case
    /// letters): current codes, and the historic and unofficial codes that
    /// providers still list.
    pub fn from_code(code: &str) -> Option<Currency> {
        position(CODES, code).and_then(Currency::at)
    }

    fn at(index: usize) -> Option<Currency> {
        u8::try_from(index)
            .ok()
            .filter(|_| index < COUNT)
            .map(|index| Currency { index })
    }

    fn row(self) -> &'static Row {
        ROWS.get(usize::from(self.index)).unwrap_or(&UNKNOWN)
    }

    /// Every current ISO 4217 code, in code order.
    ///
    /// ```
    /// let codes: Vec<_> = checkout_rules::Currency::all().map(|c| c.code()).collect();
    /// assert!(codes.contains(&"USD"));
    /// assert!(codes.windows(2).all(|w| w[0] < w[1]));
    /// ```
    pub fn all() -> impl Iterator<Item = Currency> {
        (0..COUNT)
            .filter_map(Currency::at)
            .filter(|c| !matches!(c.status(), Status::Historic | Status::Unofficial))
    }

    /// The alphabetic code, e.g. `"KES"`.
    pub fn code(self) -> &'static str {
        let at = 3 * usize::from(self.index);
        CODES.get(at..at + 3).unwrap_or_default()
    }

    /// The numeric code, e.g. `404` for KES.
    pub fn numeric(self) -> u16 {
        self.row().numeric
    }

    /// The number of digits after the decimal separator (the minor unit);
    /// `None` for codes without one, such as `XAU`.
    pub fn exponent(self) -> Option<u8> {
        Some(self.row().exponent).filter(|&e| e != NO_EXPONENT)
    }

    /// The English name, e.g. `"Kenyan shilling"`.
    pub fn name(self) -> &'static str {
        let end = ROWS
            .get(usize::from(self.index) + 1)
            .map(|next| next.name_start);
        let start = self.row().name_start;
        NAMES
            .get(usize::from(start)..usize::from(end.unwrap_or(start)))
            .unwrap_or_default()
    }

    /// Where the code stands in ISO 4217.
    pub fn status(self) -> Status {
        match self.row().standing {
            Standing::Current => Status::Current,
            Standing::Fund => Status::Fund,
            Standing::Special => Status::Special,
            Standing::Superseded { by } => Status::Superseded {
                by: Currency { index: by }.code(),
            },
            Standing::Historic => Status::Historic,
            Standing::Unofficial => Status::Unofficial,
        }
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
    position(codes, code).is_some()
}

/// Where `code` is among the sorted three-letter codes packed in `codes`,
/// each compared as one number.
fn position(codes: &str, code: &str) -> Option<usize> {
    let key = Some(code_key(code)).filter(|&k| k != u32::MAX)?;
    let (codes, _) = codes.as_bytes().as_chunks::<3>();
    codes.binary_search_by_key(&key, |&c| key_of(c)).ok()
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
                    matches!(currency.row().standing, Standing::Current | Standing::Fund)
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
        (0..COUNT)
            .filter_map(Currency::at)
            .map(Currency::code)
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

    /// The packed tables against the rows they were built from.
    #[test]
    fn every_row_reads_back_as_written() {
        for info in ISO_4217.iter().chain(OTHER.iter()) {
            let c = Currency::from_code(info.code).unwrap();
            assert_eq!(
                (c.code(), c.numeric(), c.exponent(), c.name(), c.status()),
                (
                    info.code,
                    info.numeric,
                    info.exponent,
                    info.name,
                    info.status
                )
            );
        }
        assert!(
            Currency::all()
                .map(Currency::code)
                .eq(ISO_4217.iter().map(|info| info.code))
        );
        assert_eq!(Currency::at(COUNT), None);
        assert_eq!(Currency::from_code("ZZZ"), None);
        assert_eq!(Currency::from_code("AAA"), None);
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
