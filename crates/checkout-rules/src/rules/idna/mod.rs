//! International domain names in their ASCII form: whether each `xn--`
//! label of a host is an A-label WHATWG's host parser accepts, so that a
//! host every browser refuses is never accepted.
//!
//! A label is decoded from Punycode and must then meet UTS #46's validity
//! criteria as WHATWG's "domain to ASCII" applies them (nontransitional
//! processing, CheckBidi and CheckJoiners on, CheckHyphens and
//! UseSTD3ASCIIRules off): not empty and not only ASCII, not itself
//! starting `xn--`, every code point valid in the IDNA mapping table, in
//! Unicode normal form C, not starting with a combining mark, zero-width
//! joiners only where RFC 5892's rules allow them and, in a name with
//! right-to-left text, every label meeting RFC 5893's bidi rule.
//!
//! Written here rather than with the `idna` crate: its mapping and
//! normalisation tables would add several times the size of the whole
//! WebAssembly package, while checking an A-label needs only a few
//! properties per code point, packed in `tables.rs` by
//! `scripts/generate-idna-tables.py`. The tests hold the rule to Node's
//! `URL` over Unicode's `IdnaTestV2.txt` and WPT's `urltestdata.json`.

mod punycode;
mod tables;

use punycode::MAX_CHARS;

/// Why a host's international labels are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// An `xn--` label that is not Punycode.
    Punycode,
    /// An `xn--` label whose text is not a valid international label.
    Label,
    /// Right-to-left text with labels RFC 5893's bidi rule refuses.
    Bidi,
}

/// The Punycode after `xn--` (in any case), if `label` is an A-label.
pub(crate) fn punycode_of(label: &[u8]) -> Option<&[u8]> {
    match label {
        [x, n, b'-', b'-', puny @ ..] if x | 0x20 == b'x' && n | 0x20 == b'n' => Some(puny),
        _ => None,
    }
}

/// Checks every `xn--` label of `host`, a name of ASCII letters, digits,
/// hyphens and dots (in any case).
#[inline(never)]
pub(crate) fn check_host(host: &str) -> Result<(), Problem> {
    let mut right_to_left = false;
    let mut bidi_rule_holds = true;
    for label in host.as_bytes().split(|&b| b == b'.') {
        match punycode_of(label) {
            Some(puny) => {
                let decoded = punycode::decode(puny).ok_or(Problem::Punycode)?;
                let (rtl, bidi_ok) = check_label(decoded.chars()).ok_or(Problem::Label)?;
                right_to_left |= rtl;
                bidi_rule_holds &= bidi_ok;
            }
            // An ASCII label is left to right: RFC 5893 asks it to start
            // with a letter (digits are EN) once the name has right-to-left
            // text.
            None => bidi_rule_holds &= label.first().is_some_and(u8::is_ascii_alphabetic),
        }
    }
    if right_to_left && !bidi_rule_holds {
        return Err(Problem::Bidi);
    }
    Ok(())
}

// The classes of RFC 5893's bidi rule, as bits 0–2 of a class (R and AL
// act alike there); NEUTRAL is ES, CS, ET, ON and BN, allowed in either
// direction, OTHER any class allowed in neither.
const L: u16 = 0;
const R: u16 = 1;
const AN: u16 = 2;
const EN: u16 = 3;
const NSM: u16 = 4;
const NEUTRAL: u16 = 5;

const MARK: u16 = 1 << 3;
const NFC_MAYBE: u16 = 1 << 7;

// Joining types, bits 4–6, with the viramas among them.
const DUAL: u16 = 1;
const LEFT: u16 = 2;
const RIGHT: u16 = 3;
const TRANSPARENT: u16 = 4;
const VIRAMA_TRANSPARENT: u16 = 5;
const VIRAMA: u16 = 6;

fn bidi(class: u16) -> u16 {
    class & 7
}

fn joining(class: u16) -> u16 {
    (class >> 4) & 7
}

fn combining_class(class: u16) -> u16 {
    class >> 8
}

/// Looks up the class of each of `chars` into `classes` in one pass over
/// the run table (the queries are sorted first); `None` when one of them
/// may not appear in a label.
fn look_up(chars: &[u32], classes: &mut [u16]) -> Option<()> {
    let mut order = [0u8; DECOMPOSED];
    let order = &mut order[..chars.len()];
    for (slot, index) in order.iter_mut().zip(0u8..) {
        *slot = index;
    }
    // Insertion sort: a few dozen entries, and no sort code in the package.
    for i in 1..order.len() {
        let mut j = i;
        while j > 0 && chars[usize::from(order[j - 1])] > chars[usize::from(order[j])] {
            order.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut lengths = tables::RUN_LENGTHS.iter();
    let mut runs = tables::RUN_CLASSES.iter();
    let (mut end, mut class) = (0x80u32, 0u8);
    for &i in order.iter() {
        let c = chars[usize::from(i)];
        classes[usize::from(i)] = match c {
            // The ASCII a label holds: letters, digits and `-`.
            0x61..=0x7a => L,
            0x30..=0x39 => EN,
            0..=0x7f => NEUTRAL,
            _ => {
                while c >= end {
                    end += leb128(&mut lengths)?;
                    class = *runs.next()?;
                }
                *tables::CLASSES.get(usize::from(class).checked_sub(1)?)?
            }
        };
    }
    Some(())
}

fn leb128(bytes: &mut core::slice::Iter<'_, u8>) -> Option<u32> {
    let mut value = 0u32;
    let mut shift = 0;
    loop {
        let byte = *bytes.next()?;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
        shift += 7;
    }
}

/// The most code points a label's canonical decomposition can have: each
/// code point of a table decomposes into at most four. Indices into it fit
/// a byte.
const DECOMPOSED: usize = 4 * MAX_CHARS;
const _: () = assert!(DECOMPOSED <= 256);

/// Checks a decoded label against every criterion that concerns it alone;
/// returns whether it is right to left (holds R, AL or AN, which puts the
/// whole name under the bidi rule) and whether it meets the bidi rule.
fn check_label(chars: &[u32]) -> Option<(bool, bool)> {
    // UTS #46 (since Unicode 15.1): an A-label stands for Unicode text, and
    // with CheckHyphens off its text must not itself start `xn--`.
    if chars.iter().all(|&c| c < 0x80) || chars.starts_with(&[0x78, 0x6e, 0x2d, 0x2d]) {
        return None;
    }
    let mut classes = [0u16; MAX_CHARS];
    let classes = &mut classes[..chars.len()];
    look_up(chars, classes)?;
    if classes[0] & MARK != 0 || !is_nfc(chars, classes)? || !joiners_allowed(chars, classes) {
        return None;
    }
    // RFC 5893, section 2, its six conditions.
    let (mut right_to_left, mut has_en, mut has_an, mut last) = (false, false, false, L);
    let first = bidi(classes[0]);
    let mut allowed = first == L || first == R;
    for &class in classes.iter() {
        let b = bidi(class);
        right_to_left |= b == R || b == AN;
        has_en |= b == EN;
        has_an |= b == AN;
        allowed &= match b {
            EN | NEUTRAL | NSM => true,
            L => first == L,
            R | AN => first == R,
            _ => false,
        };
        if b != NSM {
            last = b;
        }
    }
    let ends_well = if first == R {
        matches!(last, R | EN | AN) && !(has_en && has_an)
    } else {
        matches!(last, L | EN)
    };
    Some((right_to_left, allowed && ends_well))
}

const ZWNJ: u32 = 0x200c;
const ZWJ: u32 = 0x200d;

/// RFC 5892, appendix A.1 and A.2: a zero-width joiner only after a virama;
/// a zero-width non-joiner after a virama, or between a letter that joins
/// to the left and one that joins to the right, with transparent ones
/// between.
fn joiners_allowed(chars: &[u32], classes: &[u16]) -> bool {
    for (i, &c) in chars.iter().enumerate() {
        if c != ZWNJ && c != ZWJ
            || i > 0 && matches!(joining(classes[i - 1]), VIRAMA_TRANSPARENT | VIRAMA)
        {
            continue;
        }
        let joins = |j: &u16| joining(*j);
        let not_transparent = |j: &u16| *j != TRANSPARENT && *j != VIRAMA_TRANSPARENT;
        let before = classes[..i].iter().rev().map(joins).find(not_transparent);
        let after = classes[i + 1..].iter().map(joins).find(not_transparent);
        if c == ZWJ || !matches!(before, Some(LEFT | DUAL)) || !matches!(after, Some(RIGHT | DUAL))
        {
            return false;
        }
    }
    true
}

/// Whether the label is in normal form C. The quick check of UAX #15
/// answers for nearly every label (no valid code point has NFC_QC=No, which
/// the generator asserts); only a label with a code point that may compose
/// with the one before it is normalised in full and compared.
fn is_nfc(chars: &[u32], classes: &[u16]) -> Option<bool> {
    let mut last = 0;
    let mut maybe = false;
    for &class in classes {
        let ccc = combining_class(class);
        if ccc != 0 && last > ccc {
            return Some(false);
        }
        last = ccc;
        maybe |= class & NFC_MAYBE != 0;
    }
    if !maybe {
        return Some(true);
    }
    let mut buffer = [0u32; DECOMPOSED];
    let mut len = 0;
    for &c in chars {
        len = decompose(c, &mut buffer, len)?;
    }
    let decomposed = &mut buffer[..len];
    let mut classes = [0u16; DECOMPOSED];
    let classes = &mut classes[..len];
    look_up(decomposed, classes)?;
    // Canonical order: a stable sort of each run of combining marks.
    for i in 1..len {
        let mut j = i;
        while j > 0 && {
            let (a, b) = (combining_class(classes[j - 1]), combining_class(classes[j]));
            b != 0 && a > b
        } {
            decomposed.swap(j - 1, j);
            classes.swap(j - 1, j);
            j -= 1;
        }
    }
    Some(compose(decomposed, classes) == chars)
}

const HANGUL_S: u32 = 0xAC00;
const HANGUL_L: u32 = 0x1100;
const HANGUL_V: u32 = 0x1161;
const HANGUL_T: u32 = 0x11A7;
const HANGUL_V_COUNT: u32 = 21;
const HANGUL_T_COUNT: u32 = 28;
const HANGUL_COUNT: u32 = 11_172;

/// Appends `c`'s full canonical decomposition to `out[..len]`.
fn decompose(c: u32, out: &mut [u32], len: usize) -> Option<usize> {
    let s = c.wrapping_sub(HANGUL_S);
    let mut parts = [0u32; 4];
    let mut count = 0;
    if s < HANGUL_COUNT {
        parts = [
            HANGUL_L + s / (HANGUL_V_COUNT * HANGUL_T_COUNT),
            HANGUL_V + (s % (HANGUL_V_COUNT * HANGUL_T_COUNT)) / HANGUL_T_COUNT,
            HANGUL_T + s % HANGUL_T_COUNT,
            0,
        ];
        count = if s.is_multiple_of(HANGUL_T_COUNT) {
            2
        } else {
            3
        };
    } else {
        // Seconds are gathered backwards, the first part decomposed again.
        let mut rest = c;
        while let Some((_, first, second)) =
            compositions().find(|&(composite, ..)| composite == rest)
        {
            *parts.get_mut(count)? = second;
            count += 1;
            rest = first;
        }
        *parts.get_mut(count)? = rest;
        count += 1;
        parts[..count].reverse();
    }
    let end = len + count;
    out.get_mut(len..end)?.copy_from_slice(&parts[..count]);
    Some(end)
}

/// UAX #15's canonical composition, in place; returns the composed text.
fn compose<'b>(chars: &'b mut [u32], classes: &[u16]) -> &'b [u32] {
    let mut starter = 0;
    // A mark before any starter blocks every composition.
    let mut last_class = match classes.first().map(|&c| combining_class(c)) {
        Some(0) => 0,
        _ => 256,
    };
    let mut written = 1;
    for read in 1..chars.len() {
        let (c, class) = (chars[read], combining_class(classes[read]));
        if (last_class < class || last_class == 0)
            && let Some(composite) = composition(chars[starter], c)
        {
            chars[starter] = composite;
            continue;
        }
        if class == 0 {
            starter = written;
        }
        last_class = class;
        chars[written] = c;
        written += 1;
    }
    &chars[..written.min(chars.len())]
}

/// The primary composite of `first` and `second`, if any.
fn composition(first: u32, second: u32) -> Option<u32> {
    let (l, v, t) = (
        first.wrapping_sub(HANGUL_L),
        second.wrapping_sub(HANGUL_V),
        second.wrapping_sub(HANGUL_T),
    );
    let lv = first.wrapping_sub(HANGUL_S);
    if l < 19 && v < HANGUL_V_COUNT {
        return Some(HANGUL_S + (l * HANGUL_V_COUNT + v) * HANGUL_T_COUNT);
    }
    if lv < HANGUL_COUNT && lv.is_multiple_of(HANGUL_T_COUNT) && (1..HANGUL_T_COUNT).contains(&t) {
        return Some(first + t);
    }
    compositions()
        .find(|&(_, a, b)| a == first && b == second)
        .map(|(composite, ..)| composite)
}

/// The canonical compositions of `tables::COMPOSITIONS`, as
/// `(composite, first, second)`.
fn compositions() -> impl Iterator<Item = (u32, u32, u32)> {
    let mut bytes = tables::COMPOSITIONS.iter();
    let mut composite = 0u32;
    core::iter::from_fn(move || {
        composite += leb128(&mut bytes)?;
        // Zigzag: even is the first part below the composite.
        let distance = leb128(&mut bytes)?;
        let first = if distance & 1 == 0 {
            composite.wrapping_sub(distance >> 1)
        } else {
            composite.wrapping_add((distance >> 1) + 1)
        };
        let second = *tables::SECONDS.get(usize::from(*bytes.next()?))?;
        Some((composite, first, second))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// The A-label of `unicode`, by RFC 3492's encoder (written out here
    /// only for the tests, which build labels from their Unicode text).
    fn encode(unicode: &str) -> String {
        let input: Vec<u32> = unicode.chars().map(u32::from).collect();
        let mut out: String = unicode.chars().filter(char::is_ascii).collect();
        let basic = u32::try_from(out.len()).unwrap();
        if basic > 0 {
            out.push('-');
        }
        let (mut n, mut delta, mut bias, mut h) = (INITIAL, 0u32, 72u32, basic);
        while (h as usize) < input.len() {
            let m = *input.iter().filter(|&&c| c >= n).min().unwrap();
            delta += (m - n) * (h + 1);
            n = m;
            for &c in &input {
                if c < n {
                    delta += 1;
                }
                if c == n {
                    let mut q = delta;
                    let mut k = 36u32;
                    loop {
                        let t = k.saturating_sub(bias).clamp(1, 26);
                        if q < t {
                            break;
                        }
                        out.push(digit(t + (q - t) % (36 - t)));
                        q = (q - t) / (36 - t);
                        k += 36;
                    }
                    out.push(digit(q));
                    bias = adapt_for_test(delta, h + 1, h == basic);
                    delta = 0;
                    h += 1;
                }
            }
            delta += 1;
            n += 1;
        }
        alloc::format!("xn--{out}")
    }

    const INITIAL: u32 = 0x80;

    fn digit(d: u32) -> char {
        char::from_u32(if d < 26 { d + 97 } else { d - 26 + 48 }).unwrap()
    }

    fn adapt_for_test(delta: u32, count: u32, first: bool) -> u32 {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / count;
        let mut k = 0;
        while delta > 455 {
            delta /= 35;
            k += 36;
        }
        k + 36 * delta / (delta + 38)
    }

    fn host_ok(host: &str) -> Result<(), Problem> {
        check_host(host)
    }

    fn label_ok(unicode: &str) -> Result<(), Problem> {
        check_host(&alloc::format!("{}.example", encode(unicode)))
    }

    #[test]
    fn the_test_encoder_is_rfc_3492s() {
        assert_eq!(encode("bücher"), "xn--bcher-kva");
        assert_eq!(encode("他们为什么不说中文"), "xn--ihqwcrb4cv8a8dqg056pqjye");
        assert_eq!(encode("\u{1f4a9}"), "xn--ls8h");
    }

    #[test]
    fn names_people_register_are_accepted() {
        for unicode in [
            "bücher",
            "münchen",
            "straße",                   // deviation: valid in nontransitional processing
            "ελληνικά",                 // final sigma, also a deviation
            "россия",                   //
            "中国",                     //
            "日本語",                   //
            "한국",                     // Hangul syllables
            "ไทย",                      //
            "भारत",                     // Devanagari with a vowel sign
            "বাংলা",                      // U+09BE may compose; here it does not
            "இந்தியா",                    // Tamil, with a virama
            "مصر",                      // right to left
            "السعودية",                 //
            "ישראל",                    //
            "việt-nam",                 // precomposed, as NFC writes it
            "\u{1f4a9}",                // UTS #46 keeps emoji valid
            "a\u{2260}b",               // disallowed_STD3_valid, valid for URLs
            "क्\u{200d}ष",               // a joiner after a virama
            "\u{0628}\u{200c}\u{0628}", // a non-joiner between joining letters
        ] {
            assert_eq!(label_ok(unicode), Ok(()), "{unicode}");
        }
        assert_eq!(host_ok("xn--bcher-kva.example"), Ok(()));
        assert_eq!(host_ok("XN--BCHER-KVA.EXAMPLE"), Ok(()));
        assert_eq!(host_ok("shop.example"), Ok(()));
        assert_eq!(host_ok("ab--cd.example"), Ok(()));
    }

    #[test]
    fn labels_browsers_refuse_are_refused() {
        for (unicode, why) in [
            ("abc", "only ASCII"),
            ("xn--é", "itself starting xn--"),
            ("aÉ", "upper case is mapped, not valid"),
            ("a\u{00a0}", "a no-break space is mapped"),
            ("a\u{00ad}", "a soft hyphen is ignored"),
            ("a\u{e000}", "private use"),
            ("a\u{0378}", "unassigned"),
            ("a\u{fffd}", "disallowed"),
            ("a\u{2488}", "disallowed_STD3_mapped"),
            ("a\u{2ebf0}", "new in Unicode 15.1"),
            ("\u{0301}a", "a combining mark first"),
            ("e\u{0301}", "not NFC: composes to é"),
            ("\u{1100}\u{1161}", "not NFC: Hangul jamo compose"),
            (
                "\u{ac00}\u{11a8}",
                "not NFC: a syllable and a trailing consonant",
            ),
            ("\u{e9}\u{0323}", "not NFC: the marks reorder, then compose"),
            (
                "a\u{0323}\u{0301}b\u{0301}\u{0316}",
                "not NFC: marks out of order",
            ),
            ("\u{09c7}\u{09be}", "not NFC: Bengali vowel signs compose"),
            ("a\u{200d}b", "a joiner not after a virama"),
            (
                "a\u{200c}b",
                "a non-joiner between letters that do not join",
            ),
            (
                "\u{0628}\u{200c}",
                "a non-joiner with nothing to join after it",
            ),
        ] {
            assert_eq!(label_ok(unicode), Err(Problem::Label), "{why}: {unicode}");
        }
    }

    #[test]
    fn marks_in_order_or_not_composing_stay_nfc() {
        // é then a mark below that does not compose with e: NFC keeps it.
        assert_eq!(label_ok("\u{e9}\u{0316}"), Ok(()));
        // ệ as NFC writes it.
        assert_eq!(label_ok("\u{1ec7}"), Ok(()));
        assert_eq!(label_ok("a\u{0316}"), Ok(()));
        // A mark of a lower class does not block: á then U+0316 is NFC.
        assert_eq!(label_ok("a\u{0316}\u{0301}"), Err(Problem::Label));
        assert_eq!(label_ok("\u{e1}\u{0316}"), Ok(()));
        // Two marks of one combining class keep their order: á then a
        // grave, as NFC writes it (browsers accept `xn--1ca00i`).
        assert_eq!(label_ok("\u{e1}\u{0300}"), Ok(()));
        // An old initial consonant and a vowel do not compose into a
        // syllable (`xn--iqd0n`).
        assert_eq!(label_ok("\u{1113}\u{1161}"), Ok(()));
    }

    #[test]
    fn bidi_rule() {
        for (unicode, ok) in [
            ("\u{05d0}1", true),          // R then EN
            ("\u{0627}\u{0661}", true),   // AL then AN
            ("\u{05d0}1\u{0661}", false), // EN and AN together
            ("a\u{05d0}", false),         // L first, then R
            ("\u{05d0}a", false),         // R first, then L
            ("1\u{05d0}", false),         // EN first
            ("\u{05d0}\u{05b7}", true),   // R then NSM
            ("\u{0627}-", false),         // ends with ES
        ] {
            let host = alloc::format!("{}.example", encode(unicode));
            assert_eq!(host_ok(&host).is_ok(), ok, "{unicode} ({host})");
        }
        let hebrew = encode("ישראל");
        // Once a label is right to left, every label is held to the rule:
        // an ASCII label must start with a letter.
        assert_eq!(host_ok(&alloc::format!("{hebrew}.co")), Ok(()));
        assert_eq!(host_ok(&alloc::format!("{hebrew}.1a")), Err(Problem::Bidi));
        assert_eq!(
            host_ok(&alloc::format!("{}.{hebrew}", encode("a\u{05d0}"))),
            Err(Problem::Bidi)
        );
        // Without right-to-left text, a digit may start a label.
        assert_eq!(host_ok(&alloc::format!("{}.1a", encode("bücher"))), Ok(()));
    }

    #[test]
    fn punycode_that_does_not_decode() {
        for host in [
            "xn--b.example",
            "xn---.example",
            "xn--ab_c.pt",
            "xn--ib9b.example",
        ] {
            assert_eq!(host_ok(host), Err(Problem::Punycode), "{host}");
        }
        // Empty, or U+0080: Punycode, but not a label.
        assert_eq!(host_ok("xn--.example"), Err(Problem::Label));
        assert_eq!(host_ok("xn--a.example"), Err(Problem::Label));
    }

    proptest::proptest! {
        #[test]
        fn punycode_decodes_what_rfc_3492_encodes(text in "[a-z0-9\\u{80}-\\u{2fff}\\u{10000}-\\u{1ffff}]{1,12}") {
            let label = encode(&text);
            if label.len() <= 63 {
                let decoded = punycode::decode(&label.as_bytes()[4..]).unwrap();
                let chars: Vec<u32> = text.chars().map(u32::from).collect();
                proptest::prop_assert_eq!(decoded.chars(), &chars[..]);
            }
        }
    }

    /// Text an NFC check can go wrong on: bases (Latin letters with and
    /// without marks, Greek, Hangul jamo and syllables, Bengali, Tamil and
    /// Kannada letters and vowel signs, kana) each followed by up to three
    /// combining marks or voicing marks.
    fn nfc_prone() -> impl proptest::strategy::Strategy<Value = Vec<char>> {
        use proptest::prelude::*;
        let bases: [(u32, u32); 12] = [
            (0x61, 0x7a),
            (0xe0, 0x24f),
            (0x3ac, 0x3ce),
            (0x1e00, 0x1eff),
            (0x1f00, 0x1fbc),
            (0x1100, 0x1112),
            (0x1161, 0x1175),
            (0xac00, 0xac60),
            (0x980, 0x9ff),
            (0xb80, 0xbff),
            (0xc80, 0xcff),
            (0x3041, 0x30ff),
        ];
        let marks: [(u32, u32); 4] = [
            (0x300, 0x36f),
            (0x11a8, 0x11c2),
            (0x3099, 0x309a),
            (0x9bc, 0x9d7),
        ];
        let pick = |ranges: Vec<(u32, u32)>| {
            proptest::sample::select(ranges).prop_flat_map(|(lo, hi)| lo..=hi)
        };
        let segment = (
            pick(bases.to_vec()),
            proptest::collection::vec(pick(marks.to_vec()), 0..4),
        );
        proptest::collection::vec(segment, 1..4).prop_map(|segments| {
            segments
                .into_iter()
                .flat_map(|(base, marks)| core::iter::once(base).chain(marks))
                .filter_map(char::from_u32)
                .collect()
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        /// The NFC check against `unicode-normalization`, on every label of
        /// valid code points drawn from `nfc_prone`.
        #[test]
        fn the_nfc_check_agrees_with_unicode_normalization(text in nfc_prone()) {
            let chars: Vec<u32> = text.iter().map(|&c| u32::from(c)).collect();
            let mut classes = [0u16; MAX_CHARS];
            if look_up(&chars, &mut classes[..chars.len()]).is_some() {
                let string: String = text.iter().collect();
                proptest::prop_assert_eq!(
                    is_nfc(&chars, &classes[..chars.len()]),
                    Some(unicode_normalization::is_nfc(&string)),
                    "{:?}", string
                );
            }
        }
    }

    #[test]
    fn joiners_in_and_out_of_context() {
        assert_eq!(label_ok("क्\u{200c}ष"), Ok(())); // a non-joiner after a virama
        assert_eq!(label_ok("\u{628}\u{200d}\u{628}"), Err(Problem::Label)); // a joiner needs one
        assert_eq!(label_ok("\u{200c}a"), Err(Problem::Label));
        assert_eq!(label_ok("\u{200d}a"), Err(Problem::Label));
        // Transparent marks between the joining letters and the non-joiner.
        assert_eq!(label_ok("\u{628}\u{64b}\u{200c}\u{64b}\u{628}"), Ok(()));
        // A letter that joins only to the right cannot come before it.
        assert_eq!(label_ok("\u{627}\u{200c}\u{628}"), Err(Problem::Label));
    }

    #[test]
    fn every_label_of_a_right_to_left_name_meets_the_rule() {
        let hebrew = encode("ישראל");
        for (other, ok) in [
            (encode("bücher"), true), // left to right, from a letter
            (encode("aé"), true),     // its ASCII letters are L
            (encode("1é"), false),    // starts with a digit
            (String::from("xa--b"), true),
            (String::from("1a"), false),
        ] {
            assert_eq!(
                host_ok(&alloc::format!("{hebrew}.{other}")).is_ok(),
                ok,
                "{hebrew}.{other}"
            );
        }
    }

    #[test]
    fn a_long_label_decomposes_in_full() {
        // Twenty letters of three code points each, and a vowel sign that
        // may compose: the full normalisation runs, and the label is NFC.
        let text: String = "\u{1ec7}".repeat(30) + "\u{995}\u{9be}";
        assert!(encode(&text).len() <= 63);
        assert_eq!(label_ok(&text), Ok(()));
    }

    #[test]
    fn a_mark_moves_past_every_mark_of_a_higher_class() {
        // ế is e, U+0302, U+0301; U+0323 (class 220) goes before both, the
        // e composes with it and U+0302, and U+0301 is left over.
        assert_eq!(label_ok("\u{1ebf}\u{323}"), Err(Problem::Label));
        assert_eq!(label_ok("\u{1ec7}\u{301}"), Ok(()));
    }

    #[test]
    fn a_mark_of_the_same_class_blocks_composition() {
        // U+0346 does not compose with `a` and blocks the acute after it.
        assert_eq!(label_ok("a\u{346}\u{301}"), Ok(()));
        assert_eq!(label_ok("a\u{301}\u{346}"), Err(Problem::Label));
    }

    #[test]
    fn hangul_composes_and_decomposes_exactly() {
        // Every syllable's decomposition, composed again, is the syllable.
        for s in (HANGUL_S..HANGUL_S + HANGUL_COUNT).step_by(7) {
            let mut parts = [0u32; 4];
            let len = decompose(s, &mut parts, 0).unwrap();
            let text: String = parts[..len]
                .iter()
                .map(|&c| char::from_u32(c).unwrap())
                .collect();
            let nfd: String = unicode_normalization::UnicodeNormalization::nfd(
                String::from(char::from_u32(s).unwrap()).as_str(),
            )
            .collect();
            assert_eq!(text, nfd);
            let mut composed = composition(parts[0], parts[1]).unwrap();
            if len == 3 {
                composed = composition(composed, parts[2]).unwrap();
            }
            assert_eq!(composed, s);
        }
        assert_eq!(composition(HANGUL_L + 19, HANGUL_V), None);
        assert_eq!(composition(HANGUL_L, HANGUL_V + HANGUL_V_COUNT), None);
        assert_eq!(composition(HANGUL_S + 1, HANGUL_T + 1), None); // LVT + T
        assert_eq!(composition(HANGUL_S, HANGUL_T), None);
    }

    #[test]
    fn the_composition_table_decodes_whole() {
        let all: Vec<_> = compositions().collect();
        assert_eq!(all.len(), tables::COMPOSITION_COUNT);
        assert!(all.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(all.contains(&(0xe9, 0x65, 0x301)));
        // Each entry is Unicode's canonical composition of its parts.
        for &(composite, first, second) in &all {
            let [c, a, b] = [composite, first, second].map(|c| char::from_u32(c).unwrap());
            assert_eq!(unicode_normalization::char::compose(a, b), Some(c), "{c}");
        }
        assert!(all.contains(&(0x1ebf, 0xea, 0x301)));
    }

    #[test]
    fn the_run_table_covers_unicode() {
        let mut lengths = tables::RUN_LENGTHS.iter();
        let mut total = 0x80;
        while lengths.len() > 0 {
            total += leb128(&mut lengths).unwrap();
        }
        assert_eq!(total, 0x11_0000);
        let runs = tables::RUN_CLASSES.len();
        assert!(
            tables::RUN_CLASSES
                .iter()
                .all(|&c| usize::from(c) <= tables::CLASSES.len())
        );
        assert!(runs > 1000);
    }
}
