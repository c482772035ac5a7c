//! Messages built from pieces (text, numbers, names) with [`msg!`], rather
//! than with `format!`: `core::fmt`'s machinery (formatters, padding, the
//! `Display` of every type it meets) is 3 KB of the WebAssembly package
//! gzipped, and messages only ever concatenate.

use alloc::string::String;

/// A piece of a message.
pub(crate) trait Piece {
    /// Appends the piece to `out`.
    fn push_to(&self, out: &mut String);
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for alloc::borrow::Cow<'_, str> {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

macro_rules! unsigned_pieces {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                push_integer(out, false, u64::from(*self));
            }
        }
    )*};
}
unsigned_pieces!(u8, u16, u32, u64);

impl Piece for usize {
    fn push_to(&self, out: &mut String) {
        push_integer(out, false, u64::try_from(*self).unwrap_or(u64::MAX));
    }
}

impl Piece for i64 {
    fn push_to(&self, out: &mut String) {
        push_integer(out, *self < 0, self.unsigned_abs());
    }
}

impl Piece for i32 {
    fn push_to(&self, out: &mut String) {
        push_integer(out, *self < 0, u64::from(self.unsigned_abs()));
    }
}

/// A code point as `U+` and four or more upper-case hex digits.
pub(crate) struct CodePoint(pub u32);

impl Piece for CodePoint {
    fn push_to(&self, out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.push_str("U+");
        let digits = (u32::BITS - self.0.leading_zeros()).div_ceil(4).max(4);
        for shift in (0..digits).rev() {
            out.push(char::from(HEX[((self.0 >> (shift * 4)) & 0xf) as usize]));
        }
    }
}

/// Writes `magnitude`'s decimal digits at the end of `buf`, returning
/// where they start: the one digit loop behind every integer the crate
/// writes, without the formatting machinery. `buf` must have room (20 bytes
/// hold any `u64`); digits that do not fit are dropped.
pub(crate) fn digits_into(buf: &mut [u8], mut magnitude: u64) -> usize {
    let mut at = buf.len();
    while let Some(slot) = at.checked_sub(1).and_then(|i| buf.get_mut(i)) {
        at -= 1;
        // The remainder of a division by 10 is below 10.
        *slot = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    at
}

/// A count and its noun, which is plural unless the count is one:
/// `1 decimal place`, `3 decimal places`.
pub(crate) struct Count(pub u32, pub &'static str);

impl Piece for Count {
    fn push_to(&self, out: &mut String) {
        self.0.push_to(out);
        out.push(' ');
        out.push_str(self.1);
        if self.0 != 1 {
            out.push('s');
        }
    }
}

/// Appends an integer in decimal.
pub(crate) fn push_integer(out: &mut String, negative: bool, magnitude: u64) {
    let mut digits = [0u8; 20];
    let at = digits_into(&mut digits, magnitude);
    if negative {
        out.push('-');
    }
    // ASCII digits: always UTF-8.
    out.push_str(core::str::from_utf8(digits.get(at..).unwrap_or_default()).unwrap_or_default());
}

/// An integer in decimal.
pub(crate) fn integer_text(value: i64) -> String {
    let mut out = String::new();
    value.push_to(&mut out);
    out
}

/// The items with `separator` between them.
pub(crate) fn join<T: AsRef<str>>(items: &[T], separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// Concatenates pieces into a `String`: `msg!("`", name, "` has ", n, " items")`.
macro_rules! msg {
    ($($piece:expr),* $(,)?) => {{
        // Room for a usual message, so that it is one allocation.
        let mut out = alloc::string::String::with_capacity(128);
        $( $crate::message::Piece::push_to(&$piece, &mut out); )*
        out
    }};
}
pub(crate) use msg;

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;

    #[test]
    fn pieces_read_as_format_writes_them() {
        let name = "amount";
        assert_eq!(
            msg!(
                "`",
                name,
                "` is ",
                -12i64,
                ", ",
                0u8,
                ", ",
                u64::MAX,
                ", ",
                'é',
                ", ",
                String::from("x")
            ),
            format!("`{name}` is {}, {}, {}, {}, {}", -12, 0, u64::MAX, 'é', "x")
        );
        assert_eq!(integer_text(i64::MIN), i64::MIN.to_string());
        for (n, text) in [
            (0, "0 decimal places"),
            (1, "1 decimal place"),
            (2, "2 decimal places"),
        ] {
            assert_eq!(msg!(Count(n, "decimal place")), text);
        }
        for c in [0u32, 0x1f, 0x7f, 0xffff, 0x1_0000, 0x10_ffff] {
            let mut out = String::new();
            CodePoint(c).push_to(&mut out);
            assert_eq!(out, format!("U+{c:04X}"));
        }
    }
}
