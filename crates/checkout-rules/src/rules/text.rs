//! Text: length ranges, allowed characters, no control characters.
//!
//! Lengths count Unicode characters (scalar values), which is what the
//! provider documents mean by "characters". Nothing is trimmed: an identifier
//! with surrounding white space is refused, because silently trimming it
//! would send a different reference than the one the merchant stored.

use alloc::vec::Vec;

use super::At;
use crate::message::{CodePoint, msg};
use crate::report::{Code, Violation};

/// Characters a field may contain, described for people and for an HTML
/// `pattern` attribute.
#[derive(Debug)]
pub struct Pattern {
    /// The provider's regular expression (anchored), e.g. `^[a-zA-Z0-9\-]+$`.
    pub regex: &'static str,
    /// The same in words, for messages.
    pub description: &'static str,
    /// Whether one character is allowed.
    pub allows: fn(char) -> bool,
}

impl Pattern {
    /// The pattern for an HTML `pattern` attribute, which is anchored
    /// implicitly.
    pub fn html(&self) -> &'static str {
        let r = self.regex.strip_prefix('^').unwrap_or(self.regex);
        r.strip_suffix('$').unwrap_or(r)
    }
}

/// A text rule.
#[derive(Clone, Copy, Debug)]
pub struct Text {
    /// The fewest characters.
    pub min_chars: u32,
    /// The most characters, if limited.
    pub max_chars: Option<u32>,
    /// Identifiers may not start or end with white space.
    pub identifier: bool,
    /// The allowed characters, if limited.
    pub pattern: Option<&'static Pattern>,
}

impl Text {
    /// Free text, at least one character.
    pub const NON_EMPTY: Text = Text {
        min_chars: 1,
        max_chars: None,
        identifier: false,
        pattern: None,
    };

    /// An identifier: at least one character, no surrounding white space.
    pub const IDENTIFIER: Text = Text {
        min_chars: 1,
        max_chars: None,
        identifier: true,
        pattern: None,
    };

    /// The same rule with a length range.
    pub const fn length(self, min_chars: u32, max_chars: u32) -> Text {
        Text {
            min_chars,
            max_chars: Some(max_chars),
            ..self
        }
    }

    /// The same rule with allowed characters.
    pub const fn pattern(self, pattern: &'static Pattern) -> Text {
        Text {
            pattern: Some(pattern),
            ..self
        }
    }

    /// Checks `s`; pushes what is wrong and says whether it is valid.
    pub fn check(&self, s: &str, at: At<'_>, out: &mut Vec<Violation>) -> bool {
        let before = out.len();
        let name = at.name();
        // Printable ASCII, the usual case, has no control character, one
        // byte per character and only the space as white space.
        let printable_ascii = s.bytes().all(|b| matches!(b, b' '..=b'~'));
        let control = if printable_ascii {
            None
        } else {
            s.chars().enumerate().find(|(_, c)| c.is_control())
        };
        if let Some((i, c)) = control {
            out.push(
                at.violation(
                    Code::ControlCharacter,
                    msg!(
                        "`",
                        name,
                        "` contains the control character ",
                        CodePoint(u32::from(c)),
                        " at character ",
                        i + 1,
                        "; remove it"
                    ),
                )
                .with("position", i + 1),
            );
            return false;
        }
        let surrounded = if printable_ascii {
            s.starts_with(' ') || s.ends_with(' ')
        } else {
            s.trim() != s
        };
        if self.identifier && surrounded {
            out.push(at.violation(
                Code::SurroundingWhitespace,
                msg!(
                    "`",
                    name,
                    "` starts or ends with white space; send it without (it is not trimmed for you)"
                ),
            ));
        }
        let chars = if printable_ascii {
            s.len()
        } else {
            char_count(s)
        };
        let count = u32::try_from(chars).unwrap_or(u32::MAX);
        if count < self.min_chars {
            let message = if self.min_chars == 1 {
                msg!("`", name, "` must not be empty")
            } else {
                msg!(
                    "`",
                    name,
                    "` must be at least ",
                    self.min_chars,
                    " characters; it has ",
                    chars
                )
            };
            out.push(
                at.violation(Code::TooShort, message)
                    .with("min", self.min_chars)
                    .with("actual", chars),
            );
        }
        if let Some(max) = self.max_chars.filter(|&max| count > max) {
            out.push(
                at.violation(
                    Code::TooLong,
                    msg!(
                        "`",
                        name,
                        "` must be at most ",
                        max,
                        " characters; it has ",
                        chars
                    ),
                )
                .with("max", max)
                .with("actual", chars),
            );
        }
        if let Some(pattern) = self.pattern {
            if let Some((i, c)) = s.chars().enumerate().find(|&(_, c)| !(pattern.allows)(c)) {
                out.push(
                    at.violation(
                        Code::PatternMismatch,
                        msg!(
                            "`",
                            name,
                            "` may only contain ",
                            pattern.description,
                            "; `",
                            c,
                            "` at character ",
                            i + 1,
                            " is not allowed"
                        ),
                    )
                    .with("pattern", pattern.regex)
                    .with("position", i + 1),
                );
            }
        }
        out.len() == before
    }
}

/// The number of Unicode characters in `s`: its bytes that do not continue
/// a character. By hand because `str::chars().count()` is a fast but large
/// counting routine, and the strings here are short.
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| starts_char(b)).count()
}

/// Whether a UTF-8 byte starts a character (is not a continuation byte).
pub(crate) fn starts_char(byte: u8) -> bool {
    !(0x80..0xC0).contains(&byte)
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

    static ALNUM_DASH: Pattern = Pattern {
        regex: r"^[a-zA-Z0-9\-]+$",
        description: "letters, digits and `-`",
        allows: |c| c.is_ascii_alphanumeric() || c == '-',
    };

    fn codes(rule: Text, s: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        rule.check(s, At::body("/f"), &mut out);
        out.iter().map(|v| v.code.as_str()).collect()
    }

    #[test]
    fn length_bounds_count_characters() {
        let rule = Text::IDENTIFIER.length(6, 42);
        assert!(codes(rule, "abcdef").is_empty());
        assert_eq!(codes(rule, "abcde"), ["too_short"]);
        assert!(codes(rule, &"a".repeat(42)).is_empty());
        assert_eq!(codes(rule, &"a".repeat(43)), ["too_long"]);
        assert!(codes(rule, "ééééé€").is_empty()); // six characters, eleven bytes
    }

    #[test]
    fn pattern_names_the_first_bad_character() {
        let rule = Text::IDENTIFIER.length(6, 42).pattern(&ALNUM_DASH);
        let mut out = Vec::new();
        assert!(!rule.check("ORDER_2025", At::body("/reference"), &mut out));
        assert_eq!(out[0].code, Code::PatternMismatch);
        assert!(out[0].message.contains("`_` at character 6"));
        assert_eq!(ALNUM_DASH.html(), r"[a-zA-Z0-9\-]+");
    }

    #[test]
    fn control_characters_and_whitespace() {
        assert_eq!(codes(Text::NON_EMPTY, "a\u{0}b"), ["control_character"]);
        assert_eq!(codes(Text::NON_EMPTY, "a\u{85}b"), ["control_character"]);
        assert_eq!(codes(Text::NON_EMPTY, " padded "), Vec::<&str>::new());
        assert_eq!(
            codes(Text::IDENTIFIER, " padded"),
            ["surrounding_whitespace"]
        );
        assert_eq!(codes(Text::IDENTIFIER, ""), ["too_short"]);
    }
}
