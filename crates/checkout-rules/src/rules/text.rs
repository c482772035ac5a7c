//! Text: length ranges, allowed characters, no control characters, and
//! something to see.
//!
//! Lengths count Unicode characters (scalar values), which is what the
//! provider documents mean by "characters". Nothing is trimmed: an identifier
//! with surrounding white space is refused, because silently trimming it
//! would send a different reference than the one the merchant stored.
//!
//! Text that must not be empty must not be blank either: at least one
//! character must be visible, not white space, a format character (Cf), a
//! default-ignorable code point (zero-width space, byte order mark, soft
//! hyphen, joiners…) or the Braille blank. An identifier must not start or end with such an
//! invisible character, for the reason it must not start or end with a
//! space: it is a different identifier that looks the same, usually pasted
//! in with it. Inside text they stay allowed: Persian, Indic scripts and
//! emoji sequences need joiners between visible characters, and names have
//! inner spaces.

use alloc::vec::Vec;

use super::At;
use crate::message::{CodePoint, msg};
use crate::violation::{Code, Violation};

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
    /// Identifiers may not start or end with white space or an invisible
    /// character.
    pub identifier: bool,
    /// The allowed characters, if limited.
    pub pattern: Option<&'static Pattern>,
}

impl Text {
    /// Free text, at least one visible character.
    pub const NON_EMPTY: Text = Text {
        min_chars: 1,
        max_chars: None,
        identifier: false,
        pattern: None,
    };

    /// An identifier: at least one visible character, nothing invisible or
    /// white at either end.
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
        let printable_ascii = crate::utf8::printable_ascii(s.as_bytes());
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
        // Stops at the first visible character, usually the first.
        let blank = !s.is_empty() && s.chars().all(is_invisible);
        if blank && self.min_chars >= 1 {
            out.push(at.violation(
                Code::Blank,
                msg!(
                    "`",
                    name,
                    "` is blank: only white space or invisible characters"
                ),
            ));
        } else if self.identifier {
            let surrounded = if printable_ascii {
                s.starts_with(' ') || s.ends_with(' ')
            } else {
                s.trim() != s
            };
            if surrounded {
                out.push(at.violation(
                    Code::SurroundingWhitespace,
                    msg!("`", name, "` starts or ends with white space", SEND_WITHOUT),
                ));
            }
            if !printable_ascii && let Some((edge, i, c)) = invisible_edge(s) {
                out.push(
                    at.violation(
                        Code::InvisibleCharacter,
                        msg!(
                            "`",
                            name,
                            "` ",
                            edge,
                            " with the invisible character ",
                            CodePoint(u32::from(c)),
                            SEND_WITHOUT
                        ),
                    )
                    .with("position", i + 1),
                );
            }
        }
        let chars = if printable_ascii {
            s.len()
        } else {
            crate::utf8::char_count(s)
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
        if let Some(pattern) = self.pattern
            && let Some((i, c)) = s.chars().enumerate().find(|&(_, c)| !(pattern.allows)(c))
        {
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
        out.len() == before
    }
}

// Written from `regex-syntax`'s Unicode tables by `crates/checkout-rules-tables`.
include!("../tables/invisible.rs");

/// The end of a message about what surrounds an identifier.
const SEND_WITHOUT: &str = "; send it without (it is not trimmed for you)";

/// Whether `c` shows nothing on its own: white space, a format character
/// (Cf), a default-ignorable code point or U+2800 BRAILLE PATTERN BLANK.
pub(crate) fn is_invisible(c: char) -> bool {
    in_table(&INVISIBLE, c)
}

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    // Sorted and short: a scan stops at the first range past `c`.
    let c = u32::from(c);
    table
        .iter()
        .take_while(|&&(start, _)| start <= c)
        .any(|&(_, end)| c <= end)
}

/// The first invisible character, other than white space (reported on its
/// own), at either end of `s`: which end, its position and the character.
/// Variation selectors and emoji tags at the end belong to the visible
/// character before them (`❤️` is U+2764 U+FE0F), so they are skipped.
fn invisible_edge(s: &str) -> Option<(&'static str, usize, char)> {
    let shows_nothing = |c: char| is_invisible(c) && !c.is_whitespace();
    let mut chars = s.chars();
    let first = chars.next()?;
    if shows_nothing(first) {
        return Some(("starts", 0, first));
    }
    // One pass: the last character, and the last that is not a modifier.
    let (mut base, mut last, mut count) = (first, first, 1);
    for c in chars {
        if !in_table(&EMOJI_MODIFIERS, c) {
            base = c;
        }
        last = c;
        count += 1;
    }
    (is_invisible(base) && shows_nothing(last)).then_some(("ends", count - 1, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_short_text_is_worded_by_its_minimum() {
        let message = |rule: Text, s: &str| {
            let mut out = Vec::new();
            rule.check(s, At::body("/reference"), &mut out);
            out[0].message.clone()
        };
        assert_eq!(
            message(Text::NON_EMPTY, ""),
            "`reference` must not be empty"
        );
        assert!(
            message(Text::IDENTIFIER.length(6, 42), "ab")
                .starts_with("`reference` must be at least 6"),
            "{}",
            message(Text::IDENTIFIER.length(6, 42), "ab")
        );
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
    fn a_control_character_is_named_with_its_position() {
        let mut out = Vec::new();
        assert!(!Text::NON_EMPTY.check("ab\u{7}c", At::body("/name"), &mut out));
        assert_eq!(out[0].code, Code::ControlCharacter);
        assert!(
            out[0].message.contains("U+0007 at character 3"),
            "{}",
            out[0].message
        );
        assert_eq!(
            out[0].param("position"),
            Some(&crate::report::Param::Int(3))
        );
    }

    #[test]
    fn pattern_names_the_first_bad_character() {
        let rule = Text::IDENTIFIER.length(6, 42).pattern(&ALNUM_DASH);
        let mut out = Vec::new();
        assert!(!rule.check("ORDER_2025", At::body("/reference"), &mut out));
        assert_eq!(out[0].code, Code::PatternMismatch);
        assert!(out[0].message.contains("`_` at character 6"));
        assert_eq!(
            out[0].param("position"),
            Some(&crate::report::Param::Int(6))
        );
        assert_eq!(ALNUM_DASH.html(), r"[a-zA-Z0-9\-]+");
    }

    /// Every scalar value, against the Unicode properties as the `regex`
    /// crate's parser reads them.
    #[test]
    fn invisible_is_white_space_format_or_default_ignorable() {
        let class = |pattern: &str| {
            let hir = regex_syntax::parse(pattern).unwrap();
            match hir.kind() {
                regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => {
                    c.clone()
                }
                other => panic!("{other:?}"),
            }
        };
        let invisible = class(r"[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}]");
        let braille_blank = '\u{2800}';
        let within = |class: &regex_syntax::hir::ClassUnicode, c: char| {
            class
                .ranges()
                .iter()
                .any(|r| r.start() <= c && c <= r.end())
        };
        let mut count = 0;
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let expected = within(&invisible, c) || c == braille_blank;
            assert_eq!(is_invisible(c), expected, "U+{:04X}", u32::from(c));
            count += usize::from(expected);
        }
        assert!(count > 4000, "{count}"); // the tag and variation selector blocks
        for c in [
            '\u{200B}', '\u{FEFF}', '\u{2060}', '\u{00AD}', '\u{200C}', '\u{200D}',
        ] {
            assert!(is_invisible(c), "U+{:04X}", u32::from(c));
        }
        for c in ['a', 'é', 'ß', '日', 'ي', '\u{0301}', '😀', '\u{2801}'] {
            assert!(!is_invisible(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn blank_text_is_refused_where_text_is_required() {
        for blank in [
            " ",
            "   ",
            "\u{200B}",
            "\u{FEFF}",
            "\u{00AD}",
            "\u{2060}",
            "\u{200C}\u{200D}",
            "\u{3000}\u{00A0}",
            "\u{3164}",
            "\u{FE0F}",
            "\u{E0001}\u{E0020}",
            "\u{180E}",
            "\u{1D173}",
            "\u{2800}",
            " \u{200B} ",
        ] {
            assert_eq!(codes(Text::NON_EMPTY, blank), ["blank"], "{blank:?}");
            // Blank says it all: no second violation for its ends.
            assert_eq!(codes(Text::IDENTIFIER, blank), ["blank"], "{blank:?}");
        }
        assert_eq!(codes(Text::NON_EMPTY, ""), ["too_short"]);
        let reference = Text::IDENTIFIER.length(6, 42).pattern(&ALNUM_DASH);
        assert_eq!(codes(reference, "      "), ["blank", "pattern_mismatch"]);
        let mut out = Vec::new();
        Text::NON_EMPTY.check("\u{200B}", At::body("/items/0/name"), &mut out);
        assert_eq!(out[0].code, Code::Blank);
        assert_eq!(
            out[0].message,
            "`items.0.name` is blank: only white space or invisible characters"
        );
    }

    #[test]
    fn names_in_any_script_with_inner_spaces_and_joiners_stay_valid() {
        for name in [
            "Jane Smith",
            "José Ñúñez-García",
            "محمد علي",
            "张 伟",
            "Ελένη Παπαδοπούλου",
            "می\u{200C}خواهم",        // Persian: ZWNJ inside a word
            "क्\u{200D}ष",             // Devanagari: ZWJ inside a conjunct
            "👨\u{200D}👩\u{200D}👧", // an emoji sequence
            "Gift ❤\u{FE0F}",         // an emoji's variation selector at the end
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", // a flag's tags
            "\u{0661}\u{0662}\u{0600}\u{0663}", // a format character inside
            "a",
            "\u{2801}",
        ] {
            assert!(codes(Text::NON_EMPTY, name).is_empty(), "{name:?}");
            assert!(codes(Text::IDENTIFIER, name).is_empty(), "{name:?}");
        }
        // In free text an invisible character at an end is not an error:
        // names are not compared as identifiers are.
        assert!(codes(Text::NON_EMPTY, "\u{200B}Jane").is_empty());
        // Inside an identifier neither is white space.
        assert!(codes(Text::IDENTIFIER, "ORDER 1").is_empty());
        assert!(codes(Text::IDENTIFIER, "ORD\u{200B}ER").is_empty());
    }

    #[test]
    fn identifiers_refuse_an_invisible_character_at_either_end() {
        let edge = |s: &str| {
            let mut out = Vec::new();
            Text::IDENTIFIER.check(s, At::body("/customer"), &mut out);
            out.iter()
                .map(|v| (v.code.as_str(), v.param("position").cloned()))
                .collect::<Vec<_>>()
        };
        let at = |i: i64| Some(crate::violation::Param::Int(i));
        assert_eq!(edge("\u{200B}cus_1"), [("invisible_character", at(1))]);
        assert_eq!(edge("\u{FEFF}cus_1"), [("invisible_character", at(1))]);
        assert_eq!(edge("cus_1\u{2060}"), [("invisible_character", at(6))]);
        assert_eq!(edge("cus_1\u{200D}"), [("invisible_character", at(6))]);
        assert_eq!(edge("cus_1\u{00AD}"), [("invisible_character", at(6))]);
        assert_eq!(edge("\u{FE0F}cus_1"), [("invisible_character", at(1))]);
        // A variation selector after an invisible character modifies nothing.
        assert_eq!(
            edge("cus\u{200B}\u{FE0F}"),
            [("invisible_character", at(5))]
        );
        // White space is reported as before, and an invisible end besides.
        assert_eq!(
            edge(" cus_1\u{200B}"),
            [
                ("surrounding_whitespace", None),
                ("invisible_character", at(7))
            ]
        );
        let mut out = Vec::new();
        Text::IDENTIFIER.check("\u{FEFF}o1", At::body("/order_id"), &mut out);
        assert_eq!(
            out[0].message,
            "`order_id` starts with the invisible character U+FEFF; send it without (it is not \
             trimmed for you)"
        );
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
