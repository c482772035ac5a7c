//! Phone numbers in international E.164 form: `+`, a country calling code
//! assigned by the ITU, then the subscriber number; 8 to 15 digits in all,
//! digits only.

use super::At;
use crate::message::msg;
use crate::report::{Code, Violation};

/// The country calling codes in use (ITU-T E.164 assignments, as
/// libphonenumber lists them), sorted. E.164 codes are prefix-free, so a
/// number starts with at most one of them.
pub const CALLING_CODES: &[u16] = &[
    1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
    55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211,
    212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234,
    235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253,
    254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298,
    299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377,
    378, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505, 506,
    507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675, 676,
    677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 800, 808, 850, 852,
    853, 855, 856, 870, 878, 880, 881, 882, 883, 886, 888, 960, 961, 962, 963, 964, 965, 966, 967,
    968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992, 993, 994, 995, 996, 998,
];

/// The country calling code `digits` starts with, if any is assigned.
pub fn calling_code(digits: &str) -> Option<u16> {
    (1..=3).find_map(|len| {
        let code = u16::try_from(crate::number::digits_value(digits.get(..len)?)?).ok()?;
        CALLING_CODES.binary_search(&code).ok().map(|_| code)
    })
}

/// Checks a phone number in E.164 form.
///
/// ```
/// use checkout_rules::rules::{phone::check, At};
///
/// assert!(check("+237612345678", At::body("/phone")).is_ok());
/// assert!(check("0712345678", At::body("/phone")).is_err());
/// assert!(check("+254 712 345678", At::body("/phone")).is_err());
/// ```
pub fn check(s: &str, at: At<'_>) -> Result<(), Violation> {
    let name = at.name();
    let invalid = |why: &str| {
        at.violation(
            Code::InvalidPhone,
            msg!(
                "`",
                name,
                "` must be in international E.164 form, `+` then the country code and \
                 number, digits only (e.g. +254712345678): ",
                why
            ),
        )
    };
    let Some(digits) = s.strip_prefix('+') else {
        return Err(invalid("it does not start with `+` and a country code"));
    };
    if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(invalid(&msg!(
            "`",
            c,
            "` is not a digit; remove spaces and punctuation"
        )));
    }
    if !(8..=15).contains(&digits.len()) {
        return Err(invalid(&msg!(
            "it has ",
            digits.len(),
            " digits, not 8 to 15"
        )));
    }
    if digits.starts_with('0') {
        return Err(invalid("a country code never starts with 0"));
    }
    if calling_code(digits).is_none() {
        return Err(invalid(
            "it does not start with an assigned country calling code",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        check(s, At::body("/phone")).is_ok()
    }

    #[test]
    fn boundaries() {
        assert!(ok("+237612345678"));
        assert!(ok("+61412345678"));
        assert!(ok("+14155552671"));
        assert!(ok("+2547123456")); // 10 digits
        assert!(ok("+25471234")); // 8 digits, just valid
        assert!(!ok("+2547123")); // 7 digits
        assert!(ok("+254712345678901")); // 15 digits
        assert!(!ok("+2547123456789012")); // 16 digits
        assert!(!ok("0712345678"));
        assert!(!ok("+0712345678"));
        assert!(!ok("+28012345678")); // 280 is not assigned
        assert!(!ok("+999123456789")); // nor 999
        assert!(!ok("+254-712-345678"));
        assert!(!ok("+"));
        assert!(!ok(""));
        assert!(!ok("+２５４712345678")); // full-width digits
    }

    #[test]
    fn codes_are_sorted_and_prefix_free() {
        assert!(CALLING_CODES.windows(2).all(|w| w[0] < w[1]));
        for &a in CALLING_CODES {
            for &b in CALLING_CODES {
                let (a, b) = (alloc::format!("{a}"), alloc::format!("{b}"));
                assert!(a == b || !b.starts_with(&a), "{a} is a prefix of {b}");
            }
        }
    }
}
