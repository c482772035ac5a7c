//! "Did you mean …?" for field names.

/// The candidate closest to `name`, if one is close enough to be a likely
/// slip: the same letters in another case or separator style
/// (`callbackUrl` for `callback_url`), or at most two edits apart for names
/// long enough that two edits are still a typo.
pub fn closest<'c, I>(name: &str, candidates: I) -> Option<&'c str>
where
    I: IntoIterator<Item = &'c str>,
    I::IntoIter: Clone,
{
    let candidates = candidates.into_iter();
    // A name in another style is the best match there is: look for one
    // before computing any distance.
    if let Some(same) = candidates.clone().find(|c| fold(c).eq(fold(name))) {
        return Some(same);
    }
    let name_len = crate::utf8::char_count(name);
    let mut best: Option<(usize, &'c str)> = None;
    for candidate in candidates {
        let candidate_len = crate::utf8::char_count(candidate);
        let limit = if name_len.min(candidate_len) < 6 {
            1
        } else {
            2
        };
        let limit = best.map_or(limit, |(d, _)| limit.min(d.saturating_sub(1)));
        if let Some(distance) = edit_distance_within(name, candidate, limit) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// ASCII lower case without `_` and `-`, so naming styles compare equal.
/// (Field names are ASCII; Unicode case tables would weigh more than the
/// rest of this module.)
fn fold(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .map(|c| c.to_ascii_lowercase())
}

/// The optimal-string-alignment distance (Levenshtein plus adjacent
/// transpositions) if it is at most `limit`. Written here because `strsim`
/// would be the crate's only `std` dependency for a dozen lines.
fn edit_distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: alloc::vec::Vec<char> = a.chars().collect();
    let b: alloc::vec::Vec<char> = b.chars().collect();
    // The distance is at least the difference in length.
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Three rows: two back (for transpositions), one back, current.
    let mut two_back: alloc::vec::Vec<usize> = alloc::vec![0; b.len() + 1];
    let mut prev: alloc::vec::Vec<usize> = (0..=b.len()).collect();
    let mut cur = alloc::vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            cur[j] = d;
        }
        // Distances never shrink down the table (a transposition looks two
        // rows back, so both rows must be over).
        if cur.iter().chain(&prev).all(|&d| d > limit) {
            return None;
        }
        core::mem::swap(&mut two_back, &mut prev);
        core::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example that documented `closest`.
    #[test]
    fn the_documented_closest() {
        use crate::rules::suggest::closest;

        let fields = ["amount", "currency", "callback_url"];
        assert_eq!(closest("callbackUrl", fields), Some("callback_url"));
        assert_eq!(closest("ammount", fields), Some("amount"));
        assert_eq!(closest("colour", fields), None);
    }

    #[test]
    fn distances() {
        let d = |a, b| edit_distance_within(a, b, usize::MAX);
        assert_eq!(d("amount", "amount"), Some(0));
        assert_eq!(d("amuont", "amount"), Some(1));
        assert_eq!(d("ammount", "amount"), Some(1));
        assert_eq!(d("", "abc"), Some(3));
        assert_eq!(d("kitten", "sitting"), Some(3));
        assert_eq!(d("abcdef", "badcfe"), Some(3));
    }

    #[test]
    fn distances_over_the_limit_are_none() {
        assert_eq!(edit_distance_within("kitten", "sitting", 2), None);
        assert_eq!(edit_distance_within("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance_within("abcdefgh", "zyxwvuts", 2), None);
        assert_eq!(edit_distance_within("ab", "abcd", 1), None);
        assert_eq!(edit_distance_within("abcd", "bacd", 1), Some(1));
    }

    #[test]
    fn the_early_exit_agrees_with_the_full_table() {
        let words = [
            "amount",
            "amuont",
            "currency",
            "curency",
            "cuurrency",
            "order_id",
            "orderid",
            "ip",
            "id",
            "items",
            "item",
            "meta",
            "metadata",
            "mtadeata",
            "abcdef",
            "badcfe",
            "",
        ];
        // And every pair of words of up to four letters of `ab`, where
        // whole rows of the table sit at the limit.
        use alloc::string::String;
        let mut small = alloc::vec![String::new()];
        for len in 1..=4 {
            for bits in 0..1u32 << len {
                small.push(
                    (0..len)
                        .map(|i| if bits >> i & 1 == 0 { 'a' } else { 'b' })
                        .collect(),
                );
            }
        }
        let pairs = words.iter().map(|w| String::from(*w)).chain(small);
        let all: alloc::vec::Vec<String> = pairs.collect();
        for a in all.iter().map(String::as_str) {
            for b in all.iter().map(String::as_str) {
                let full = edit_distance_within(a, b, usize::MAX).unwrap();
                for limit in 0..4 {
                    let expected = (full <= limit).then_some(full);
                    assert_eq!(
                        edit_distance_within(a, b, limit),
                        expected,
                        "{a} {b} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn suggestions() {
        let f = ["order_id", "items", "ip", "metadata", "paymentMethodId"];
        assert_eq!(closest("orderId", f), Some("order_id"));
        assert_eq!(closest("ORDER-ID", f), Some("order_id"));
        assert_eq!(closest("item", f), Some("items"));
        assert_eq!(closest("payment_method_id", f), Some("paymentMethodId"));
        assert_eq!(closest("metdata", f), Some("metadata"));
        assert_eq!(closest("id", f), Some("ip"));
        assert_eq!(closest("name", f), None);
        assert_eq!(closest("zzz", f), None);
        // Two edits are a typo from six letters on, not in a shorter name.
        assert_eq!(closest("metdat", f), Some("metadata"));
        assert_eq!(closest("itm", f), None);
        assert_eq!(closest("itms", f), Some("items"));
    }
}
