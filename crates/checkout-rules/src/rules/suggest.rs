//! "Did you mean …?" for field names.

/// The candidate closest to `name`, if one is close enough to be a likely
/// slip: the same letters in another case or separator style
/// (`callbackUrl` for `callback_url`), or at most two edits apart for names
/// long enough that two edits are still a typo.
///
/// ```
/// use checkout_rules::rules::suggest::closest;
///
/// let fields = ["amount", "currency", "callback_url"];
/// assert_eq!(closest("callbackUrl", fields), Some("callback_url"));
/// assert_eq!(closest("ammount", fields), Some("amount"));
/// assert_eq!(closest("colour", fields), None);
/// ```
pub fn closest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let folded = fold(name);
    let mut best: Option<(usize, &'c str)> = None;
    for candidate in candidates {
        let distance = if fold(candidate) == folded {
            0
        } else {
            edit_distance(name, candidate)
        };
        let shorter = name.chars().count().min(candidate.chars().count());
        let limit = if shorter < 6 { 1 } else { 2 };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// ASCII lower case without `_` and `-`, so naming styles compare equal.
/// (Field names are ASCII; Unicode case tables would weigh more than the
/// rest of this module.)
fn fold(name: &str) -> alloc::string::String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The optimal-string-alignment distance (Levenshtein plus adjacent
/// transpositions). Written here because `strsim` would be the crate's only
/// `std` dependency for a dozen lines.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: alloc::vec::Vec<char> = a.chars().collect();
    let b: alloc::vec::Vec<char> = b.chars().collect();
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
        core::mem::swap(&mut two_back, &mut prev);
        core::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("amount", "amount"), 0);
        assert_eq!(edit_distance("amuont", "amount"), 1);
        assert_eq!(edit_distance("ammount", "amount"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
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
    }
}
