//! Bytes eight at a time, for the scans that run over every string: the
//! classic word tests, which mark the high bit of each byte they find.
//! A borrow or a carry can mark bytes after a marked one, never before
//! it, and a little-endian word holds its first byte lowest: the lowest
//! mark is exact, so the first byte found is too.

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// Eight bytes as one word, the first lowest.
pub(crate) fn word(bytes: &[u8; 8]) -> u64 {
    u64::from_le_bytes(*bytes)
}

/// Marks the bytes below `n` (at most 0x80).
pub(crate) fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS
}

/// Marks the bytes equal to `b`.
pub(crate) fn equal(x: u64, b: u8) -> u64 {
    below(x ^ (ONES * u64::from(b)), 1)
}

/// Marks the bytes above `n` (below 0x80): adding 0x7f − `n` reaches
/// the high bit, or it was set.
pub(crate) fn above(x: u64, n: u8) -> u64 {
    (x.wrapping_add(ONES * u64::from(0x7f_u8.saturating_sub(n))) | x) & HIGHS
}

/// The index of the first marked byte; `marks` is not zero.
pub(crate) fn first(marks: u64) -> usize {
    (marks.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each test against its byte definition, at the first marked byte,
    /// on words of bytes around the bounds used.
    #[test]
    fn the_first_mark_is_the_first_byte_that_matches() {
        const BYTES: &[u8] = &[
            0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x5a, 0x5b, 0x5c, 0x7e, 0x7f, 0x80, 0xfe, 0xff,
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let bytes: [u8; 8] =
                core::array::from_fn(|i| BYTES[usize::try_from((seed >> (i * 4)) % 14).unwrap()]);
            let x = word(&bytes);
            let check = |marks: u64, matches: &dyn Fn(u8) -> bool| {
                let expected = bytes.iter().position(|&b| matches(b));
                assert_eq!((marks != 0).then(|| first(marks)), expected, "{bytes:02x?}");
            };
            check(below(x, 0x20), &|b| b < 0x20);
            check(equal(x, b'"'), &|b| b == b'"');
            check(above(x, b'~'), &|b| b > b'~');
            check(above(x, b'Z'), &|b| b > b'Z');
        }
    }
}
