//! Punycode decoding (RFC 3492, section 6.2), into a fixed buffer: a label
//! is at most 63 characters, so it decodes to at most 59 code points.

/// The longest a decoded label can be.
pub(super) const MAX_CHARS: usize = 63;

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 0x80;

/// A decoded label.
pub(super) struct Decoded {
    chars: [u32; MAX_CHARS],
    len: usize,
}

impl Decoded {
    /// The decoded code points.
    pub(super) fn chars(&self) -> &[u32] {
        &self.chars[..self.len]
    }
}

/// Decodes `input`, the part of a label after `xn--`, case-insensitively
/// (WHATWG lowers a host before decoding it). `None` when it is not valid
/// Punycode: a digit that is not one, a number that does not end, an
/// overflow, or a code point beyond U+10FFFF or a surrogate.
pub(super) fn decode(input: &[u8]) -> Option<Decoded> {
    let mut out = Decoded {
        chars: [0; MAX_CHARS],
        len: 0,
    };
    let (basic, extended) = match input.iter().rposition(|&b| b == b'-') {
        Some(0) | None => (&input[..0], input),
        Some(last) => (&input[..last], &input[last + 1..]),
    };
    for &b in basic {
        if !b.is_ascii() || out.len == MAX_CHARS {
            return None;
        }
        out.chars[out.len] = u32::from(b.to_ascii_lowercase());
        out.len += 1;
    }
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut digits = extended.iter();
    while digits.len() > 0 {
        let old_i = i;
        let mut weight = 1u32;
        let mut k = BASE;
        loop {
            let digit = digit_value(*digits.next()?)?;
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let t = k.saturating_sub(bias).clamp(T_MIN, T_MAX);
            if digit < t {
                break;
            }
            weight = weight.checked_mul(BASE - t)?;
            k += BASE;
        }
        let count = u32::try_from(out.len).ok()? + 1;
        bias = adapt(i - old_i, count, old_i == 0);
        n = n.checked_add(i / count)?;
        i %= count;
        if out.len == MAX_CHARS || n > 0x10_ffff || (0xd800..0xe000).contains(&n) {
            return None;
        }
        let at = i as usize;
        out.chars.copy_within(at..out.len, at + 1);
        out.chars[at] = n;
        out.len += 1;
        i += 1;
    }
    Some(out)
}

fn digit_value(b: u8) -> Option<u32> {
    match b {
        b'a'..=b'z' => Some(u32::from(b - b'a')),
        b'A'..=b'Z' => Some(u32::from(b - b'A')),
        b'0'..=b'9' => Some(u32::from(b - b'0') + 26),
        _ => None,
    }
}

fn adapt(delta: u32, count: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / count;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn text(input: &str) -> Option<String> {
        decode(input.as_bytes()).map(|d| {
            d.chars()
                .iter()
                .map(|&c| char::from_u32(c).unwrap())
                .collect()
        })
    }

    #[test]
    fn rfc_3492_samples() {
        // Section 7.1 of RFC 3492, lowered as WHATWG lowers a host.
        for (puny, unicode) in [
            (
                "egbpdaj6bu4bxfgehfvwxn",
                "\u{644}\u{64a}\u{647}\u{645}\u{627}\u{628}\u{62a}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64a}\u{61f}",
            ),
            ("ihqwcrb4cv8a8dqg056pqjye", "他们为什么不说中文"),
            ("proprostnemluvesky-uyb24dma41a", "pročprostěnemluvíčesky"),
            ("3b-ww4c5e180e575a65lsy2b", "3年b組金八先生"),
            (
                "-with-super-monkeys-pc58ag80a8qai00g7n9n",
                "安室奈美恵-with-super-monkeys",
            ),
            ("bcher-kva", "bücher"),
            ("bcher-KVA", "bücher"),
            ("ls8h", "\u{1f4a9}"),
            ("abc-", "abc"),
            ("dn32g", "\u{10ffff}"),
            ("a", "\u{80}"),
            // The bias adapts at its boundary: a delta of exactly 455.
            ("mka6jwa24e", "\u{22f}\u{2e5}\u{1ea}\u{227}"),
            ("", ""),
        ] {
            assert_eq!(text(puny).as_deref(), Some(unicode), "{puny}");
        }
    }

    #[test]
    fn invalid_punycode_is_refused() {
        for bad in [
            "-",         // the delimiter alone: `-` is then read as a digit
            "b",         // a number that never ends
            "ab_c",      // not a digit
            "99999999",  // overflows
            "zzzzzzzzz", // overflows
            "a-é",       // a digit that is not ASCII
            "ib9b",      // a surrogate, U+D800
            "a-qo7g",    // a surrogate, U+DFFF
            "a-j023p",   // U+110000, beyond Unicode
        ] {
            assert_eq!(text(bad), None, "{bad}");
        }
    }

    #[test]
    fn no_label_overflows_the_buffer() {
        // 59 digits of the smallest step: as many code points as fit.
        let long = alloc::format!("{}-{}", "a".repeat(40), "a".repeat(18));
        assert!(decode(long.as_bytes()).is_some_and(|d| d.len <= MAX_CHARS));
        // 64 code points, one more than a label can hold.
        assert!(decode(alloc::format!("9c{}", "a".repeat(64)).as_bytes()).is_none());
        let basic = "a".repeat(80);
        assert!(decode(alloc::format!("{basic}-").as_bytes()).is_none());
    }
}
