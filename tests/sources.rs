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

#[test]
fn flutterwave_currencies_are_exactly_the_documents_list() {
    use checkout_rules::CurrencySet;
    let doc = std::fs::read_to_string(repo_root().join("docs/providers/flutterwave.txt")).unwrap();
    let list =
        &doc[doc.find("Available options:").unwrap()..doc.find("Example:\n\n\"NGN\"").unwrap()];
    let mut documented: Vec<&str> = list
        .lines()
        .map(|l| l.trim_end_matches(','))
        .filter(|l| l.len() == 3 && l.chars().all(|c| c.is_ascii_uppercase()))
        .collect();
    documented.sort_unstable();
    assert_eq!(documented.len(), 160);
    let spec = Dialect::FLUTTERWAVE.spec();
    let Rule::Currency(set) = spec.body.field("currency").unwrap().rule else {
        panic!("currency is a currency rule");
    };
    let Some(CurrencySet::Listed { codes, .. }) = Some(set) else {
        panic!("Flutterwave lists its own currencies");
    };
    assert_eq!(codes, documented.concat());
    // Every listed code is known, with an exponent, so every one is accepted.
    assert_eq!(set.codes().collect::<Vec<_>>(), documented);
    assert!(set.resolve("SLE").is_err());
    assert_eq!(set.resolve("ZMK").unwrap().exponent(), Some(2));
    assert_eq!(set.resolve("BYR").unwrap().exponent(), Some(0));
}

fn all_fields(spec: &ObjectSpec, out: &mut Vec<&'static checkout_rules::schema::Field>) {
    for field in spec.fields {
        out.push(field);
        match field.rule {
            Rule::Object(inner)
            | Rule::List {
                item: &Rule::Object(inner),
                ..
            } => all_fields(inner, out),
            _ => {}
        }
    }
}

/// Every field but an object normalises to a canonical field (which one is
/// a value the compiler checks); an object may only group others.
#[test]
fn every_field_names_a_canonical_field() {
    for dialect in Dialect::ALL {
        let mut fields = Vec::new();
        all_fields(dialect.spec().body, &mut fields);
        for field in fields {
            let groups = matches!(field.rule, Rule::Object(_));
            assert!(
                field.canonical.is_some() || groups,
                "{}: {} normalises to {:?}",
                dialect.name(),
                field.name,
                field.canonical
            );
        }
    }
}

/// The npm package's declarations have a member for every canonical field:
/// its first segment in `CheckoutSession`, its last in the interface that
/// holds it.
#[test]
fn the_typescript_declarations_name_every_canonical_field() {
    let declarations = std::fs::read_to_string(repo_root().join("bindings/npm/index.d.ts"))
        .expect("bindings/npm/index.d.ts");
    let block = |name: &str| -> String {
        let start = declarations
            .find(&format!("export interface {name} {{"))
            .unwrap_or_else(|| panic!("interface {name}"));
        let end = declarations[start..]
            .find("\n}")
            .expect("the interface ends")
            + start;
        declarations[start..end].to_owned()
    };
    let declares = |block: &str, member: &str| {
        block.contains(&format!(" {member}: ")) || block.contains(&format!(" {member}?: "))
    };
    let session = block("CheckoutSession");
    for &field in checkout_rules::canonical::CanonicalField::ALL {
        let path = field.path();
        let first = path.split(['.', '[']).next().unwrap_or_default();
        let last = path.rsplit('.').next().unwrap_or_default();
        let holder = match first {
            "amount" if path != "amount" => block("Money"),
            "items" if path != "items" => block("LineItem"),
            "customer" => block("Customer"),
            "address" => block("Address"),
            _ => session.clone(),
        };
        assert!(
            first == "address" || declares(&session, first),
            "CheckoutSession has no `{first}` for {path}"
        );
        assert!(
            declares(&holder, last),
            "index.d.ts has no `{last}` for {path}"
        );
    }
}

/// The npm package's `Dialect` type is the registry's names, in its order.
#[test]
fn the_typescript_dialect_type_is_the_registry() {
    let declarations = std::fs::read_to_string(repo_root().join("bindings/npm/index.d.ts"))
        .expect("bindings/npm/index.d.ts");
    let names: Vec<String> = Dialect::ALL.iter().map(|d| format!("'{d}'")).collect();
    let expected = format!("export type Dialect = {};", names.join(" | "));
    assert!(
        declarations.lines().any(|line| line == expected),
        "index.d.ts should declare `{expected}`"
    );
}
