//! A dialect's rules document, generated from its spec
//! (`docs/dialects/<name>.md` is this output; a test keeps it current).

use std::fmt::Write as _;

use checkout_rules::schema::{COMMON_DECISIONS, Field, ObjectSpec, Rule, Source};
use checkout_rules::{Code, DialectSpec};

pub fn markdown(spec: &DialectSpec) -> String {
    let mut md = String::new();
    let doc = format!("../providers/{}.txt", spec.name);
    let _ = writeln!(md, "# {} (`{}`)\n", spec.provider, spec.name);
    let _ = writeln!(
        md,
        "Generated from the code by `checkout-rules rules --dialect {}`; a test fails when \
         this file is stale. Sources quote [the provider's document]({doc}) by line, or say \
         what was decided where it is silent, and why.\n",
        spec.name
    );
    let _ = writeln!(
        md,
        "Every dialect also applies the strict JSON rules (size, depth, UTF-8, duplicate keys, \
         lone surrogates: see the README) and reports each violation with `in`, `path`, `code`, \
         `message` and its parameters.\n"
    );
    md.push_str("## Decisions\n\nFor every dialect:\n\n");
    for note in COMMON_DECISIONS {
        let _ = writeln!(md, "- {note}");
    }
    if !spec.notes.is_empty() {
        let _ = writeln!(md, "\nFor {}:\n", spec.provider);
        for note in spec.notes {
            let _ = writeln!(md, "- {note}");
        }
    }
    md.push('\n');

    md.push_str("## Body\n\n| Field | Required | Rule | Codes | Source |\n|---|---|---|---|---|\n");
    fields(&mut md, spec.body, "", &doc);

    if !spec.cross_rules.is_empty() {
        md.push_str(
            "\n## Rules across fields\n\n| Field | Rule | Codes | Source |\n|---|---|---|---|\n",
        );
        for rule in spec.cross_rules {
            let _ = writeln!(
                md,
                "| `{}` | {} | {} | {} |",
                rule.field,
                cell(rule.description),
                codes(rule.codes.iter().copied()),
                sources(rule.sources, &doc)
            );
        }
    }

    if !spec.headers.is_empty() {
        md.push_str(
            "\n## Headers\n\nHeaders are matched without regard to case; others are ignored.\n\n\
             | Header | Required | Rule | Codes | Source |\n|---|---|---|---|---|\n",
        );
        for header in spec.headers {
            let always = [Code::InvalidHeaderValue, Code::DuplicateHeader];
            let required = header.required.then_some(Code::Required);
            let _ = writeln!(
                md,
                "| `{}` | {} | {} | {} | {} |",
                header.name,
                yes_no(header.required),
                cell(&header.rule.describe()),
                codes(
                    required
                        .into_iter()
                        .chain(always)
                        .chain(header.rule.codes().iter().copied())
                ),
                sources(header.sources, &doc)
            );
        }
    }
    md
}

fn fields(md: &mut String, object: &ObjectSpec, prefix: &str, doc: &str) {
    for field in object.fields {
        let name = format!("{prefix}{}", field.name);
        row(md, &name, field, doc);
        match field.rule {
            Rule::Object(inner) => fields(md, inner, &format!("{name}."), doc),
            Rule::List {
                item: Rule::Object(inner),
                ..
            } => fields(md, inner, &format!("{name}[]."), doc),
            _ => {}
        }
    }
}

fn row(md: &mut String, name: &str, field: &Field, doc: &str) {
    let required = field.required.then_some(Code::Required);
    let all = required
        .into_iter()
        .chain([Code::InvalidType])
        .chain(field.rule.codes());
    let _ = writeln!(
        md,
        "| `{name}` | {} | {} | {} | {} |",
        yes_no(field.required),
        cell(&field.rule.describe()),
        codes(all),
        sources(field.sources, doc)
    );
}

fn yes_no(required: bool) -> &'static str {
    if required { "yes" } else { "no" }
}

fn codes(codes: impl Iterator<Item = Code>) -> String {
    codes
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn sources(sources: &[Source], doc: &str) -> String {
    sources
        .iter()
        .map(|s| match s {
            Source::Doc { line, quote } => {
                format!("[line {line}]({doc}#L{line}): “{}”", cell(quote))
            }
            Source::Decided(why) => format!("decided: {}", cell(why)),
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Text safe inside a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
