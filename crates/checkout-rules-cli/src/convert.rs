//! `checkout-rules convert`.

use std::io::Write;

use checkout_rules::report::Param;
use checkout_rules::{Dialect, Part};

use crate::validate::{display_name, header_refs, read_input};
use crate::{Format, Outcome};

pub fn run(
    from: Dialect,
    to: Dialect,
    headers: &[(String, String)],
    format: Format,
    file: &str,
    out: &mut impl Write,
) -> Outcome {
    let body = match read_input(file) {
        Ok(body) => body,
        Err(e) => {
            eprintln!("checkout-rules: cannot read {}: {e}", display_name(file));
            return Outcome::Failed;
        }
    };
    let headers = header_refs(headers);
    let conversion = from.convert(to, &body, &headers);
    let written = match (format, conversion.body_json()) {
        (Format::Json, _) => writeln!(out, "{}", conversion.to_json()),
        (Format::Text, Some(json)) => {
            for notice in &conversion.notices {
                eprintln!(
                    "note: {}: {} [{}]",
                    notice.field,
                    notice.message,
                    notice.code.as_str()
                );
            }
            for (name, value) in &conversion.headers {
                eprintln!("header: {name}: {value}");
            }
            writeln!(out, "{json}")
        }
        (Format::Text, None) => conversion.violations.iter().try_for_each(|v| {
            let dialect = match v.param("dialect") {
                Some(Param::Text(name)) => name.as_ref(),
                _ => "",
            };
            let place = match (v.part, v.path.as_str()) {
                (Part::Header, name) => format!("header {name}"),
                (Part::Body, "") => String::from("body"),
                (Part::Body, path) => String::from(path),
            };
            writeln!(
                out,
                "{}: {dialect} {place}: {} [{}]",
                display_name(file),
                v.message,
                v.code
            )
        }),
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        eprintln!("checkout-rules: cannot write: {e}");
        return Outcome::Failed;
    }
    if conversion.is_ok() {
        Outcome::AllValid
    } else {
        Outcome::SomeInvalid
    }
}
