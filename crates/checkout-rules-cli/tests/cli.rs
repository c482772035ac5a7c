//! The `checkout-rules` command, driven as a user would.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cli() -> Command {
    let mut cmd = Command::cargo_bin("checkout-rules").unwrap();
    cmd.current_dir(repo());
    cmd
}

fn json_lines(output: &[u8]) -> Vec<Value> {
    std::str::from_utf8(output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_valid_file_exits_0() {
    cli()
        .args([
            "validate",
            "--dialect",
            "payviox",
            "examples/payviox/premium-subscription.json",
        ])
        .assert()
        .code(0)
        .stdout(
            "examples/payviox/premium-subscription.json: valid: USD 100.00 (10000 minor units)\n",
        );
}

#[test]
fn an_invalid_file_exits_1_with_one_line_per_violation() {
    let out = cli()
        .args([
            "validate",
            "--dialect",
            "nairopay",
            "examples/nairopay/invalid-major-units.json",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("examples/nairopay/invalid-major-units.json: /amount: "));
    assert!(lines[0].ends_with("[not_integer]"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("/callbackUrl: ") && l.contains("did you mean `callback_url`?"))
    );
}

#[test]
fn json_reports_follow_the_contract() {
    let out = cli()
        .args([
            "validate",
            "--dialect",
            "payviox",
            "--format",
            "json",
            "examples/payviox/premium-subscription.json",
            "examples/payviox/invalid-several-problems.json",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 2);

    let valid = &reports[0];
    assert_eq!(valid["valid"], true);
    assert_eq!(valid["errors"], serde_json::json!([]));
    assert_eq!(
        valid["normalized"]["amount"],
        serde_json::json!({"minor": 10000, "currency": "USD", "decimal": "100.00"})
    );

    let invalid = &reports[1];
    assert_eq!(invalid["valid"], false);
    assert!(invalid.get("normalized").is_none());
    let errors = invalid["errors"].as_array().unwrap();
    assert!(errors.len() >= 5);
    for e in errors {
        for key in ["in", "path", "code", "message"] {
            assert!(e[key].is_string(), "{e}");
        }
        assert!(
            e["code"]
                .as_str()
                .unwrap()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
        );
    }
    let quantity = errors
        .iter()
        .find(|e| e["path"] == "/items/0/quantity")
        .unwrap();
    assert_eq!(quantity["code"], "below_minimum");
    assert_eq!(quantity["min"], 1);
    assert_eq!(quantity["actual"], 0);
}

#[test]
fn stdin_is_read_with_a_dash_or_no_file() {
    let body = r#"{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}"#;
    for args in [
        vec!["validate", "--dialect", "nairopay"],
        vec!["validate", "--dialect", "nairopay", "-"],
    ] {
        cli()
            .args(&args)
            .write_stdin(body)
            .assert()
            .code(0)
            .stdout("<stdin>: valid: KES 25.00 (2500 minor units)\n");
    }
}

#[test]
fn malformed_json_gives_line_and_column() {
    let out = cli()
        .args(["validate", "--dialect", "nairopay", "--format", "json"])
        .write_stdin("{\n  \"amount\": 2500\n  \"currency\": \"KES\"\n}")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = &json_lines(&out)[0];
    let error = &report["errors"][0];
    assert_eq!(error["in"], "body");
    assert_eq!(error["path"], "");
    assert_eq!(error["code"], "malformed_json");
    assert_eq!(error["line"], 3);
    assert_eq!(error["column"], 3);
}

#[test]
fn headers_are_checked_and_reported_by_name() {
    let out = cli()
        .args([
            "validate",
            "--dialect",
            "payviox",
            "--format",
            "json",
            "--header",
            "Authorization: Bearer pk_live_xxxxxxxxxxxx",
            "examples/payviox/server-side-with-ip.json",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = &json_lines(&out)[0];
    assert_eq!(report["errors"][0]["path"], "/ip");
    assert_eq!(report["errors"][0]["code"], "ip_requires_secret_key");

    cli()
        .args([
            "validate",
            "--dialect",
            "payviox",
            "--header",
            "Authorization: Bearer sk_live_xxxxxxxxxxxx",
            "--header",
            "Content-Type: application/json",
            "examples/payviox/server-side-with-ip.json",
        ])
        .assert()
        .code(0);

    cli()
        .args([
            "validate",
            "--dialect",
            "payviox",
            "--header",
            "Content-Type: text/plain",
            "examples/payviox/premium-subscription.json",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(": header Content-Type: "));
}

#[test]
fn usage_and_io_errors_exit_2() {
    cli()
        .args(["validate", "--dialect", "stripe", "x.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nairopay, kiotapay, payviox, orchestrator, flutterwave",
        ));
    cli()
        .args(["validate", "--dialect", "payviox", "does-not-exist.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does-not-exist.json"));
    cli()
        .args([
            "validate",
            "--dialect",
            "payviox",
            "--header",
            "no colon",
            "-",
        ])
        .assert()
        .code(2);
    cli()
        .args(["validate", "--dialect", "payviox", "--format", "xml", "-"])
        .assert()
        .code(2);
    cli().args(["frobnicate"]).assert().code(2);
}

#[test]
fn amount_conversions() {
    let run = |args: &[&str]| cli().arg("amount").args(args).assert();
    run(&["to-minor", "12.34", "KES"]).code(0).stdout("1234\n");
    run(&["to-minor", "12.340", "KES"]).code(0).stdout("1234\n");
    run(&["to-minor", "1.5", "BHD"]).code(0).stdout("1500\n");
    run(&["to-minor", "500", "JPY"]).code(0).stdout("500\n");
    run(&["to-minor", "1.2345", "CLF"])
        .code(0)
        .stdout("12345\n");
    run(&["to-minor", "-0.05", "USD"]).code(0).stdout("-5\n");
    run(&["to-major", "1234", "KES"]).code(0).stdout("12.34\n");
    run(&["to-major", "1500", "BHD"]).code(0).stdout("1.500\n");
    run(&["to-major", "-5", "USD"]).code(0).stdout("-0.05\n");
    run(&["to-major", "9007199254740991", "USD"])
        .code(0)
        .stdout("90071992547409.91\n");

    run(&["to-minor", "12.345", "KES"])
        .code(1)
        .stderr(predicate::str::contains(
            "3 decimal places where the currency has 2",
        ));
    // Exponent notation is exact in major units.
    run(&["to-minor", "1e3", "KES"]).code(0).stdout("100000\n");
    run(&["to-minor", "1.5E7", "KES"])
        .code(0)
        .stdout("1500000000\n");
    run(&["to-minor", "1.2345E1", "KES"])
        .code(1)
        .stderr(predicate::str::contains(
            "3 decimal places where the currency has 2",
        ));
    run(&["to-minor", "1e400", "KES"]).code(1);
    run(&["to-major", "12.5", "KES"]).code(1);
    run(&["to-major", "9007199254740992", "USD"]).code(1);
    run(&["to-minor", "1", "KSH"])
        .code(1)
        .stderr(predicate::str::contains("not an ISO 4217 currency code"));
}

#[test]
fn convert_prints_the_target_body() {
    cli()
        .args(["convert", "--from", "nairopay", "--to", "kiotapay", "examples/nairopay/order-2025-001.json"])
        .assert()
        .code(0)
        .stdout(
            "{\"amount\":25.00,\"currency\":\"KES\",\"externalReference\":\"ORDER_2025_001\",\"email\":\"customer@example.com\"}\n",
        )
        .stderr(predicate::str::contains("note: urls.redirect: kiotapay has no place for urls.redirect"));
    // Headers of the source request carry over where the target has a place.
    cli()
        .args([
            "convert",
            "--from",
            "orchestrator",
            "--to",
            "orchestrator",
            "--header",
            "Idempotency-Key: 4f1c2b0e",
            "examples/orchestrator/wireless-headphones.json",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "header: Idempotency-Key: 4f1c2b0e",
        ));
}

#[test]
fn convert_failures_name_the_target_field_and_exit_1() {
    cli()
        .args([
            "convert",
            "--from",
            "nairopay",
            "--to",
            "flutterwave",
            "examples/nairopay/order-2025-001.json",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(": flutterwave /reference: "))
        .stdout(predicate::str::contains("[pattern_mismatch]"));
    let out = cli()
        .args([
            "convert", "--from", "payviox", "--to", "nairopay", "--format", "json", "-",
        ])
        .write_stdin(
            std::fs::read(repo().join("examples/payviox/premium-subscription.json")).unwrap(),
        )
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let outcome = &json_lines(&out)[0];
    assert_eq!(outcome["valid"], true);
    assert_eq!(outcome["body"]["amount"], 10000);
    assert_eq!(outcome["body"]["reference"], "order_12345");
    assert!(
        outcome["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["field"] == "metadata" && n["code"] == "dropped")
    );
    cli()
        .args(["convert", "--from", "payviox", "--to", "nowhere", "-"])
        .assert()
        .code(2);
}

#[test]
fn the_rules_matrix_is_current() {
    let committed = std::fs::read_to_string(repo().join("docs/rules.md")).unwrap_or_default();
    let generated = cli()
        .args(["rules"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(
        committed == String::from_utf8(generated).unwrap(),
        "docs/rules.md is stale; regenerate it with `cargo run -p checkout-rules-cli -- rules > docs/rules.md`"
    );
}

#[test]
fn the_rules_documents_are_current() {
    for dialect in checkout_rules::Dialect::ALL {
        let path = repo().join(format!("docs/dialects/{}.md", dialect.name()));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        let generated = cli()
            .args(["rules", "--dialect", dialect.name()])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        assert!(
            committed == String::from_utf8(generated).unwrap(),
            "{} is stale; regenerate it with `cargo run -p checkout-rules-cli -- rules --dialect {} > {}`",
            path.display(),
            dialect.name(),
            path.display()
        );
    }
}

#[test]
fn the_cli_and_the_library_agree() {
    for (dialect, path, headers) in checkout_rules_conformance::bundled_examples() {
        let header_args: Vec<String> = headers
            .iter()
            .map(|(n, v)| format!("--header={n}: {v}"))
            .collect();
        let refs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let body = std::fs::read(&path).unwrap();

        let out = cli()
            .args(["validate", "--dialect", dialect.name(), "--format", "json"])
            .args(&header_args)
            .arg(&path)
            .output()
            .unwrap();
        let expected = dialect.validate(&body, &refs).to_json() + "\n";
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            expected,
            "{}",
            path.display()
        );

        for &to in checkout_rules::Dialect::ALL {
            let out = cli()
                .args([
                    "convert",
                    "--from",
                    dialect.name(),
                    "--to",
                    to.name(),
                    "--format",
                    "json",
                ])
                .args(&header_args)
                .arg(&path)
                .output()
                .unwrap();
            let conversion = dialect.convert(to, &body, &refs);
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                conversion.to_json() + "\n",
                "{} -> {to}",
                path.display()
            );
            assert_eq!(
                out.status.code(),
                Some(if conversion.is_ok() { 0 } else { 1 })
            );
        }
    }
}

/// An NDJSON input: the bundled Payviox requests and some broken ones, many
/// times over, one per line.
fn ndjson_input(copies: usize) -> String {
    let valid: String =
        std::fs::read_to_string(repo().join("examples/payviox/premium-subscription.json"))
            .unwrap()
            .replace('\n', "");
    let mut lines = Vec::new();
    for i in 0..copies {
        lines.push(valid.replace("order_12345", &format!("order_{i}")));
        lines.push(format!(r#"{{"amount": {i}, "currency": "USD"}}"#));
        lines.push(String::from("{"));
        lines.push(String::new());
    }
    lines.join("\n") + "\n"
}

#[test]
fn ndjson_gives_one_report_per_line_in_order_whatever_the_jobs() {
    let input = ndjson_input(500);
    let expected: Vec<String> = input
        .lines()
        .map(|line| {
            checkout_rules::Dialect::PAYVIOX
                .validate(line.as_bytes(), &[])
                .to_json()
        })
        .collect();
    for jobs in ["1", "2", "7"] {
        let out = cli()
            .args([
                "validate",
                "--dialect",
                "payviox",
                "--ndjson",
                "--format",
                "json",
                "--jobs",
                jobs,
            ])
            .write_stdin(input.clone())
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let got: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        assert_eq!(got, expected, "--jobs {jobs}");
    }
}

#[test]
fn ndjson_text_names_the_line_and_all_valid_exits_0() {
    let line = std::fs::read_to_string(repo().join("examples/nairopay/order-2025-001.json"))
        .unwrap()
        .replace('\n', "");
    cli()
        .args(["validate", "--dialect", "nairopay", "--ndjson"])
        .write_stdin(format!("{line}\r\n{line}\n"))
        .assert()
        .code(0)
        .stdout(
            "<stdin>:1: valid: KES 25.00 (2500 minor units)\n<stdin>:2: valid: KES 25.00 (2500 minor units)\n",
        );
    cli()
        .args(["validate", "--dialect", "nairopay", "--ndjson"])
        .write_stdin(format!("{line}\n{{\"amount\": 0}}\n"))
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("<stdin>:1: valid"))
        .stdout(predicate::str::contains("<stdin>:2: /amount: "));
}

#[test]
fn ndjson_measures_a_line_over_the_limit_without_keeping_it() {
    let huge = format!("{{\"reference\": \"{}\"}}", "x".repeat(3 << 20));
    let out = cli()
        .args([
            "validate",
            "--dialect",
            "nairopay",
            "--ndjson",
            "--format",
            "json",
        ])
        .write_stdin(format!("{huge}\n{{}}\n"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["errors"][0]["code"], "body_too_large");
    assert_eq!(reports[0]["errors"][0]["actual"], huge.len());
    assert_eq!(reports[1]["errors"][0]["code"], "required");
}

#[test]
fn headers_are_read_from_a_file_beside_the_example() {
    // Without its headers the orchestrator's own example lacks the
    // required Idempotency-Key.
    cli()
        .args([
            "validate",
            "--dialect",
            "orchestrator",
            "examples/orchestrator/wireless-headphones.json",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Idempotency-Key"));
    cli()
        .args([
            "validate",
            "--dialect",
            "orchestrator",
            "--headers",
            "examples/orchestrator/wireless-headphones.headers",
            "examples/orchestrator/wireless-headphones.json",
        ])
        .assert()
        .code(0);
    // A --header comes after the file's, so a repeated one is reported.
    cli()
        .args([
            "validate",
            "--dialect",
            "orchestrator",
            "--headers",
            "examples/orchestrator/wireless-headphones.headers",
            "--header",
            "Idempotency-Key: second",
            "examples/orchestrator/wireless-headphones.json",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Idempotency-Key"));
    let dir = std::env::temp_dir().join(format!("checkout-rules-headers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.headers");
    std::fs::write(&bad, "Idempotency-Key: k\n\nno colon here\n").unwrap();
    cli()
        .args([
            "convert",
            "--from",
            "orchestrator",
            "--to",
            "nairopay",
            "--headers",
        ])
        .arg(&bad)
        .arg("examples/orchestrator/wireless-headphones.json")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 3"));
    cli()
        .args([
            "validate",
            "--dialect",
            "orchestrator",
            "--headers",
            "missing.headers",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.headers"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_file_is_reported_and_the_others_still_checked() {
    let files = [
        "examples/payviox/premium-subscription.json",
        "does-not-exist.json",
        "examples/payviox/invalid-several-problems.json",
    ];
    let out = cli()
        .args(["validate", "--dialect", "payviox", "--format", "json"])
        .args(files)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does-not-exist.json"))
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["input"], files[0]);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["input"], files[2]);
    assert_eq!(lines[1]["valid"], false);
    // One input: the report as the contract gives it, without `input`.
    let one = cli()
        .args([
            "validate",
            "--dialect",
            "payviox",
            "--format",
            "json",
            files[0],
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(json_lines(&one)[0].get("input").is_none());
    // The same in batches: every line says its input.
    let dir = std::env::temp_dir().join(format!("checkout-rules-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.ndjson"), dir.join("b \"quoted\".ndjson"));
    let (a_text, b_text) = (ndjson_input(2), ndjson_input(1));
    std::fs::write(&a, &a_text).unwrap();
    std::fs::write(&b, &b_text).unwrap();
    let out = cli()
        .args([
            "validate",
            "--dialect",
            "payviox",
            "--ndjson",
            "--format",
            "json",
        ])
        .arg(&a)
        .arg("missing.ndjson")
        .arg(&b)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let inputs: Vec<String> = json_lines(&out)
        .iter()
        .map(|l| l["input"].as_str().unwrap().to_owned())
        .collect();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let expected: Vec<&str> = std::iter::repeat_n(a, a_text.lines().count())
        .chain(std::iter::repeat_n(b, b_text.lines().count()))
        .collect();
    assert_eq!(inputs, expected);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn help_and_usage_errors_say_what_is_wanted() {
    cli()
        .args(["validate", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "[possible values: nairopay, kiotapay, payviox, orchestrator, flutterwave]",
        ));
    cli()
        .args([
            "validate",
            "--dialect",
            "payviox",
            "--ndjson",
            "--jobs",
            "0",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give 1 or more"));
    cli()
        .args(["amount", "to-minor", "12.34", "XYZ"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`XYZ` is not an ISO 4217 currency code, current or historic",
        ));
    cli()
        .args(["amount", "to-minor", "12.34", "kes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("three upper-case letters"));
    cli()
        .args(["amount", "to-minor", "12.5", "JPY"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("1 decimal place where"));
    cli()
        .args(["amount", "to-minor", "12.345", "KES"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("3 decimal places where"));
}

#[test]
fn waiting_on_a_terminal_says_so() {
    // `script` gives the command a terminal; Ctrl-D ends its input.
    let bin = assert_cmd::cargo::cargo_bin("checkout-rules");
    let Ok(out) = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("{} validate --dialect payviox", bin.display()),
            "/dev/null",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(b"\x04")?;
            child.wait_with_output()
        })
    else {
        panic!("`script` (util-linux) is needed to give the command a terminal");
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("reading the request from the terminal; end it with Ctrl-D"),
        "{text}"
    );
    // Piped input is read without a word.
    cli()
        .args(["validate", "--dialect", "payviox"])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(predicate::str::is_empty());
}
