//! UTF-8 at the byte level, shared by the JSON reader's columns and the
//! text rules' lengths.

/// Whether a UTF-8 byte starts a character (is not a continuation byte).
pub(crate) fn starts_char(byte: u8) -> bool {
    !(0x80..0xC0).contains(&byte)
}

/// The number of Unicode characters in `s`: its bytes that do not continue
/// a character. By hand because `str::chars().count()` is a fast but large
/// counting routine, and the strings here are short.
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| starts_char(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_counted_as_chars_counts_them() {
        for s in [
            "",
            "abc",
            "é",
            "日本語",
            "😀x",
            "a\u{0}b",
            "\u{7ff}\u{800}\u{ffff}\u{10000}",
        ] {
            assert_eq!(char_count(s), s.chars().count(), "{s:?}");
        }
    }
}
