//! A dialect's rules document, generated from its spec
//! (`docs/dialects/<name>.md` is this output; a test keeps it current).

use std::fmt::Write as _;

use checkout_rules::canonical::CanonicalField;
use checkout_rules::schema::{COMMON_DECISIONS, Field, ObjectSpec, Rule, Source};
use checkout_rules::{Code, Dialect, DialectSpec};

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
                cell(&rule.description()),
                codes(rule.codes().into_iter()),
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

/// Every dialect side by side, one row per canonical field
/// (`docs/rules.md` is this output; a test keeps it current).
pub fn matrix() -> String {
    let mut md = String::from("# Rules matrix\n\n");
    md.push_str(
        "Every dialect side by side, one row per field of the canonical session. Generated \
         from the code by `checkout-rules rules`; a test fails when this file is stale. Each \
         cell names the provider's field (required fields in bold) and its rule; the \
         dialect's own document (`docs/dialects/`) has the sources and every violation code.\n\n",
    );
    let dialects = Dialect::ALL;
    md.push_str("| Canonical field |");
    for d in dialects {
        let _ = write!(md, " [`{0}`](dialects/{0}.md) |", d.name());
    }
    md.push_str("\n|---|");
    md.push_str(&"---|".repeat(dialects.len()));
    md.push('\n');
    for &canonical in checkout_rules::canonical::CanonicalField::ALL {
        let cells: Vec<String> = dialects
            .iter()
            .map(|d| body_cell(d.spec(), canonical))
            .collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let _ = writeln!(md, "| `{canonical}` | {} |", cells.join(" | "));
    }

    md.push_str("\n## Headers\n\n| Header |");
    for d in dialects {
        let _ = write!(md, " `{}` |", d.name());
    }
    md.push_str("\n|---|");
    md.push_str(&"---|".repeat(dialects.len()));
    md.push('\n');
    let mut names: Vec<&str> = Vec::new();
    for d in dialects {
        for h in d.spec().headers {
            if !names.contains(&h.name) {
                names.push(h.name);
            }
        }
    }
    for name in names {
        let cells: Vec<String> = dialects
            .iter()
            .map(|d| {
                d.spec()
                    .headers
                    .iter()
                    .find(|h| h.name == name)
                    .map(|h| {
                        let canonical = match h.canonical {
                            Some(c) => format!(" → `{c}`"),
                            None => String::new(),
                        };
                        let required = if h.required {
                            "**required**"
                        } else {
                            "optional"
                        };
                        format!("{required}: {}{canonical}", cell(&h.rule.describe()))
                    })
                    .unwrap_or_default()
            })
            .collect();
        let _ = writeln!(md, "| `{name}` | {} |", cells.join(" | "));
    }

    md.push_str("\n## Rules across fields\n\n| Dialect | Field | Rule |\n|---|---|---|\n");
    for d in dialects {
        for rule in d.spec().cross_rules {
            let _ = writeln!(
                md,
                "| `{}` | `{}` | {} |",
                d.name(),
                rule.field,
                cell(&rule.description())
            );
        }
    }
    md
}

/// The dialect's fields that normalise to `canonical`, with their rules.
fn body_cell(spec: &DialectSpec, canonical: CanonicalField) -> String {
    let mut found: Vec<(String, &Field)> = Vec::new();
    collect(spec.body, "", canonical, &mut found);
    let mut parts: Vec<String> = Vec::new();
    for (name, field) in &found {
        let name = if field.required {
            format!("**`{name}`**")
        } else {
            format!("`{name}`")
        };
        let text = format!("{name}: {}", cell(&field.rule.summary()));
        if !parts.contains(&text) {
            parts.push(text);
        }
    }
    parts.join("<br>")
}

fn collect<'s>(
    object: &'s ObjectSpec,
    prefix: &str,
    canonical: CanonicalField,
    out: &mut Vec<(String, &'s Field)>,
) {
    for field in object.fields {
        let name = format!("{prefix}{}", field.name);
        if field.canonical == Some(canonical) {
            out.push((name.clone(), field));
        }
        match field.rule {
            Rule::Object(inner) => collect(inner, &format!("{name}."), canonical, out),
            Rule::List {
                item: Rule::Object(inner),
                ..
            } => collect(inner, &format!("{name}[]."), canonical, out),
            _ => {}
        }
    }
}
