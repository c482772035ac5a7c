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

/// Whether every byte is printable ASCII, a space to `~`: no control
/// character, no byte of a longer character. Eight bytes at a time
/// ([`crate::words`]), as the text rules ask it of every string.
pub(crate) fn printable_ascii(bytes: &[u8]) -> bool {
    use crate::words::{above, below, word};
    let (chunks, rest) = bytes.as_chunks::<8>();
    chunks
        .iter()
        .map(word)
        .all(|x| below(x, b' ') | above(x, b'~') == 0)
        && rest.iter().all(|b| matches!(b, b' '..=b'~'))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The word tests against the byte definition, on bytes around
        /// both edges of the range.
        #[test]
        fn printable_ascii_is_every_byte_in_range(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => 0x20u8..0x7f,
                    1 => 0x1eu8..0x22,
                    1 => 0x7cu8..0x82,
                    1 => proptest::prelude::any::<u8>(),
                ],
                0..40,
            )
        ) {
            proptest::prop_assert_eq!(
                printable_ascii(&bytes),
                bytes.iter().all(|b| matches!(b, b' '..=b'~'))
            );
        }
    }

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
