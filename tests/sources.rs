//! Every rule that quotes its provider's document quotes the line it names.

use checkout_rules::Dialect;
use checkout_rules::schema::{ObjectSpec, Rule, Source};
use checkout_rules_conformance::repo_root;

fn quoted(sources: &[Source]) -> impl Iterator<Item = (u32, &'static str)> + '_ {
    sources.iter().filter_map(|s| match *s {
        Source::Doc { line, quote } => Some((line, quote)),
        Source::Decided(_) => None,
    })
}

fn object_sources(spec: &ObjectSpec, out: &mut Vec<(String, u32, &'static str)>) {
    for field in spec.fields {
        out.extend(quoted(field.sources).map(|(l, q)| (field.name.to_owned(), l, q)));
        match field.rule {
            Rule::Object(inner)
            | Rule::List {
                item: &Rule::Object(inner),
                ..
            } => object_sources(inner, out),
            _ => {}
        }
    }
}

#[test]
fn quotes_are_on_their_lines() {
    for dialect in Dialect::ALL {
        let spec = dialect.spec();
        let document = std::fs::read_to_string(repo_root().join(spec.document)).unwrap();
        let lines: Vec<&str> = document.lines().collect();
        let mut all = Vec::new();
        object_sources(spec.body, &mut all);
        for h in spec.headers {
            all.extend(quoted(h.sources).map(|(l, q)| (h.name.to_owned(), l, q)));
        }
        for r in spec.cross_rules {
            all.extend(quoted(r.sources).map(|(l, q)| (r.field.to_owned(), l, q)));
        }
        assert!(!all.is_empty());
        for (field, line, quote) in all {
            let text = lines.get(line as usize - 1).copied().unwrap_or_default();
            assert!(
                text.contains(quote),
                "{}: {field}: line {line} of {} is {text:?}, which does not contain {quote:?}",
                dialect.name(),
                spec.document
            );
        }
    }
}
