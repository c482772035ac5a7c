//! RFC 6901 JSON pointers.

use alloc::string::String;

/// The unescaped segments of pointer text (`/a~1b/0` → `a/b`, `0`).
pub fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer.split('/').skip(1).map(|segment| {
        // By hand rather than two `str::replace` calls, whose substring
        // search is a kilobyte of WebAssembly for two-byte patterns.
        let mut out = String::with_capacity(segment.len());
        let mut chars = segment.chars();
        while let Some(c) = chars.next() {
            match (c, chars.clone().next()) {
                ('~', Some('1')) => {
                    out.push('/');
                    chars.next();
                }
                ('~', Some('0')) => {
                    out.push('~');
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        out
    })
}

/// Appends an object key as a pointer segment: `~` as `~0`, `/` as `~1`.
pub fn push_escaped(out: &mut String, key: &str) {
    // Bytes, not chars: `~` and `/` are ASCII, and a char pattern search
    // costs more than the rest of the push.
    if !key.bytes().any(|b| b == b'~' || b == b'/') {
        out.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// A JSON pointer built up while walking a document: push a segment before
/// descending, [`truncate`](Pointer::truncate) to where it was after.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    /// A pointer from its text (`/items/0/name`), checked: it is empty or
    /// starts with `/`, and `~` is only followed by `0` or `1`.
    pub fn parse(text: &str) -> Option<Pointer> {
        let well_formed = (text.is_empty() || text.starts_with('/'))
            && text
                .match_indices('~')
                .all(|(i, _)| matches!(text.as_bytes().get(i + 1), Some(b'0' | b'1')));
        well_formed.then(|| Pointer(String::from(text)))
    }

    /// The unescaped segments (`/a~1b/0` → `a/b`, `0`).
    pub fn segments(&self) -> impl Iterator<Item = String> + '_ {
        segments(&self.0)
    }

    /// The root pointer, with no room reserved: a placeholder that does
    /// not allocate.
    pub(crate) const fn empty() -> Pointer {
        Pointer(String::new())
    }

    /// The empty pointer: the whole document.
    pub fn root() -> Pointer {
        // Room for the usual depth of a request without growing.
        Pointer(String::with_capacity(64))
    }

    /// Appends an object key, escaping `~` and `/`. Returns the previous
    /// length for [`truncate`](Pointer::truncate).
    pub fn push_key(&mut self, key: &str) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        push_escaped(&mut self.0, key);
        mark
    }

    /// Appends a field name from the crate's tables, which has no `~` or
    /// `/` (a test checks every table): without the scan for them, because
    /// the walker pushes one for every field it checks. Returns the previous
    /// length.
    pub(crate) fn push_field(&mut self, name: &'static str) -> usize {
        debug_assert!(!name.contains(['~', '/']));
        let mark = self.0.len();
        self.0.push('/');
        self.0.push_str(name);
        mark
    }

    /// Appends an array index. Returns the previous length.
    pub fn push_index(&mut self, index: usize) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        // Not `core::fmt`: this runs for every array element, and the
        // formatting machinery costs more than the rest of the walk there.
        crate::message::Piece::push_to(&index, &mut self.0);
        mark
    }

    /// Goes back to a length returned by a push.
    pub fn truncate(&mut self, mark: usize) {
        self.0.truncate(mark);
    }

    /// The pointer text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One step down in a document, kept in place of pointer text where the
/// text is needed only for a violation: a field name from the crate's
/// tables (no `~` or `/`, which a test checks of every table) or an array
/// index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// A member named in a table.
    Field(&'static str),
    /// An array element.
    Index(usize),
}

/// A pointer held as the text of where it starts and the steps below it,
/// written out only when asked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place<'p> {
    /// Pointer text (or, for a header, its name).
    pub base: &'p str,
    /// The steps below `base`.
    pub steps: &'p [Step],
}

impl Place<'_> {
    /// Whether it is the whole document.
    pub fn is_root(self) -> bool {
        self.base.is_empty() && self.steps.is_empty()
    }

    /// Appends the pointer text.
    pub fn push_to(self, out: &mut Pointer) {
        out.0.push_str(self.base);
        for step in self.steps {
            match *step {
                Step::Field(name) => {
                    out.push_field(name);
                }
                Step::Index(i) => {
                    out.push_index(i);
                }
            }
        }
    }

    /// The pointer text.
    pub fn to_pointer(self) -> String {
        let mut out = Pointer(String::with_capacity(
            self.base.len() + 16 * self.steps.len(),
        ));
        self.push_to(&mut out);
        out.0
    }
}

/// A pointer as a Laravel-style dotted path: `/items/0/price` →
/// `items.0.price`.
pub fn to_dotted(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    let _ = write_dotted(pointer, &mut out);
    out
}

/// Writes [`to_dotted`]'s text without building a string first.
pub fn write_dotted(pointer: &str, out: &mut impl core::fmt::Write) -> core::fmt::Result {
    for (i, segment) in pointer.split('/').skip(1).enumerate() {
        if i > 0 {
            out.write_char('.')?;
        }
        // `~1` is `/` and `~0` is `~` (RFC 6901, section 4).
        let mut rest = segment;
        while let Some(at) = rest.find('~') {
            out.write_str(&rest[..at])?;
            match rest.as_bytes().get(at + 1) {
                Some(b'1') => out.write_char('/')?,
                Some(b'0') => out.write_char('~')?,
                _ => {
                    out.write_char('~')?;
                    rest = &rest[at + 1..];
                    continue;
                }
            }
            rest = &rest[at + 2..];
        }
        out.write_str(rest)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_only_tildes_or_slashes_are_escaped() {
        for (key, segment) in [
            ("~", "/~0"),
            ("/", "/~1"),
            ("~~", "/~0~0"),
            ("a", "/a"),
            ("", "/"),
        ] {
            let mut out = String::new();
            push_escaped(&mut out, key);
            assert_eq!(alloc::format!("/{out}"), segment, "{key:?}");
        }
    }

    #[test]
    fn a_pointer_starts_with_a_slash_or_is_empty() {
        assert_eq!(Pointer::parse(""), Some(Pointer::root()));
        assert!(Pointer::parse("/items/0").is_some());
        assert!(Pointer::parse("items/0").is_none());
        assert!(Pointer::parse("items").is_none());
        assert!(Pointer::parse("/a~2").is_none());
        assert!(Pointer::parse("/a~").is_none());
    }

    #[test]
    fn segments_are_unescaped() {
        let segments = |p: &str| {
            Pointer::parse(p)
                .unwrap()
                .segments()
                .collect::<alloc::vec::Vec<_>>()
        };
        assert_eq!(segments("/a~1b/0/~0~01"), ["a/b", "0", "~~1"]);
        assert_eq!(segments("/"), [""]);
        assert!(segments("").is_empty());
    }

    #[test]
    fn segments_are_unescaped_once() {
        let all: alloc::vec::Vec<String> = segments("/a~1b/~01/~10/~/0/").collect();
        assert_eq!(all, ["a/b", "~1", "/0", "~", "0", ""]);
    }

    #[test]
    fn escapes_per_rfc_6901() {
        let mut p = Pointer::root();
        let mark = p.push_key("a/b");
        p.push_key("m~n");
        p.push_index(3);
        assert_eq!(p.as_str(), "/a~1b/m~0n/3");
        p.truncate(mark);
        assert_eq!(p.as_str(), "");
    }

    /// Each push returns the length before it, which is where `truncate`
    /// goes back to: the walker pushes and truncates once per field.
    #[test]
    fn pushes_return_the_length_to_go_back_to() {
        let mut p = Pointer::root();
        assert_eq!(p.push_key("items"), 0);
        assert_eq!(p.push_index(12), 6);
        let field = p.push_field("price");
        assert_eq!(p.as_str(), "/items/12/price");
        assert_eq!(field, 9);
        p.truncate(field);
        assert_eq!(p.as_str(), "/items/12");
        let key = p.push_key("a/b");
        assert_eq!(p.as_str(), "/items/12/a~1b");
        p.truncate(key);
        let index = p.push_index(0);
        assert_eq!(p.as_str(), "/items/12/0");
        p.truncate(index);
        assert_eq!(p.as_str(), "/items/12");
    }

    #[test]
    fn dotted() {
        assert_eq!(to_dotted("/items/0/price"), "items.0.price");
        assert_eq!(to_dotted("/amount"), "amount");
        assert_eq!(to_dotted("/a~1b"), "a/b");
        assert_eq!(to_dotted("/a~01/~"), "a~1.~");
    }
}
