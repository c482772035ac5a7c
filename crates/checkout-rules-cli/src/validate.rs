//! `checkout-rules validate`.

use std::io::{IsTerminal as _, Read as _, Write};

use checkout_rules::Dialect;

use crate::{Format, Outcome};

/// The parsed `--header`s as the library takes them.
pub fn header_refs(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}

/// The inputs to read: standard input (`-`) when no file is named.
pub fn inputs(files: &[String]) -> Vec<&str> {
    if files.is_empty() {
        vec!["-"]
    } else {
        files.iter().map(String::as_str).collect()
    }
}

/// Parses `--header 'Name: value'`. The name must be an HTTP token; the
/// spaces and tabs around the value are not part of it (RFC 9110, 5.5).
pub fn parse_header(arg: &str) -> Result<(String, String), String> {
    let (name, value) = arg
        .split_once(':')
        .ok_or_else(|| format!("`{arg}` is not a header; write it as 'Name: value'"))?;
    let is_tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(is_tchar) {
        return Err(format!(
            "`{name}` is not a header name; names are letters, digits and !#$%&'*+-.^_`|~"
        ));
    }
    Ok((name.to_owned(), value.trim_matches([' ', '\t']).to_owned()))
}

/// The headers of `--headers` files, in order, then those of `--header`;
/// `None` (the reason printed) when a file cannot be read or holds a line
/// that is not a header.
pub fn all_headers(
    files: &[String],
    mut given: Vec<(String, String)>,
) -> Option<Vec<(String, String)>> {
    let mut headers = Vec::new();
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("checkout-rules: cannot read the headers in {file}: {e}");
                return None;
            }
        };
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match parse_header(line) {
                Ok(header) => headers.push(header),
                Err(e) => {
                    eprintln!("checkout-rules: {file}, line {}: {e}", n + 1);
                    return None;
                }
            }
        }
    }
    headers.append(&mut given);
    Some(headers)
}

pub fn run(
    dialect: Dialect,
    headers: &[(String, String)],
    format: Format,
    files: &[String],
    out: &mut impl Write,
) -> Outcome {
    let headers = header_refs(headers);
    let inputs = inputs(files);
    let mut outcome = Outcome::AllValid;
    let mut unreadable = false;
    for &file in &inputs {
        let name = display_name(file);
        let body = match read_input(file) {
            Ok(body) => body,
            Err(e) => {
                // Reported, and the other inputs still checked.
                eprintln!("checkout-rules: cannot read {name}: {e}");
                unreadable = true;
                continue;
            }
        };
        let report = dialect.validate(&body, &headers);
        if !report.is_valid() {
            outcome = Outcome::SomeInvalid;
        }
        let written = match format {
            Format::Json if inputs.len() > 1 => {
                writeln!(out, "{}", with_input(name, &report.to_json()))
            }
            Format::Json => writeln!(out, "{}", report.to_json()),
            Format::Text => write!(out, "{}", report.to_text(name)),
        };
        if let Err(e) = written.and_then(|()| out.flush()) {
            eprintln!("checkout-rules: cannot write: {e}");
            return Outcome::Failed;
        }
    }
    if unreadable { Outcome::Failed } else { outcome }
}

/// A JSON report with the input it is about as its first member.
pub fn with_input(name: &str, report: &str) -> String {
    let name = checkout_rules::json::to_string(name).unwrap_or_default();
    format!(
        "{{\"input\":{name},{}",
        report.strip_prefix('{').unwrap_or(report)
    )
}

pub fn display_name(file: &str) -> &str {
    if file == "-" { "<stdin>" } else { file }
}

pub fn read_input(file: &str) -> std::io::Result<Vec<u8>> {
    if file == "-" {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            eprintln!(
                "checkout-rules: reading the request from the terminal; end it with Ctrl-D, or name a file"
            );
        }
        let mut body = Vec::new();
        stdin.lock().read_to_end(&mut body)?;
        Ok(body)
    } else {
        std::fs::read(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(
            parse_header("Authorization:  Bearer sk_x \t"),
            Ok(("Authorization".into(), "Bearer sk_x".into()))
        );
        assert_eq!(
            parse_header("X-Empty:"),
            Ok(("X-Empty".into(), String::new()))
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header(": value").is_err());
        assert!(parse_header("Bad Name: v").is_err());
    }
}
