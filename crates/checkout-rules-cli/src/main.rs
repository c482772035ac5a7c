//! `checkout-rules`: validate checkout-session requests against a provider's
//! rules, convert amounts exactly, and print a dialect's rules.
//!
//! Exit status: 0 when every input is valid, 1 when some input is invalid,
//! 2 for a usage or I/O error.

mod amount;
mod batch;
mod convert;
mod rules_doc;
mod validate;

use std::io::Write as _;
use std::process::ExitCode;

use checkout_rules::Dialect;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(name = "checkout-rules", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check requests against a provider's rules and report every violation.
    Validate {
        /// The provider's dialect.
        #[arg(long, value_parser = parse_dialect)]
        dialect: Dialect,
        /// A request header, as 'Name: value' (repeatable).
        #[arg(long = "header", value_name = "'NAME: VALUE'", value_parser = validate::parse_header)]
        headers: Vec<(String, String)>,
        /// `text` for people and grep, `json` for one report per line.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Each input holds one request per line (NDJSON); one report per
        /// line comes out, in order.
        #[arg(long)]
        ndjson: bool,
        /// Threads for --ndjson (default: every core).
        #[arg(long, requires = "ndjson")]
        jobs: Option<std::num::NonZeroUsize>,
        /// Request bodies to check; `-` or none reads standard input.
        #[arg(value_name = "FILE")]
        files: Vec<String>,
    },
    /// Convert a request from one provider's dialect to another's.
    Convert {
        /// The request's dialect.
        #[arg(long, value_parser = parse_dialect)]
        from: Dialect,
        /// The dialect to write.
        #[arg(long, value_parser = parse_dialect)]
        to: Dialect,
        /// A header of the request, as 'Name: value' (repeatable).
        #[arg(long = "header", value_name = "'NAME: VALUE'", value_parser = validate::parse_header)]
        headers: Vec<(String, String)>,
        /// `text`: the target body on stdout, notes and headers on stderr;
        /// `json`: the whole outcome as one line.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The request body; `-` or none reads standard input.
        #[arg(value_name = "FILE")]
        file: Option<String>,
    },
    /// Convert an amount exactly between major and minor units.
    Amount {
        #[command(subcommand)]
        direction: amount::Direction,
    },
    /// Print the rules as Markdown: one dialect's document, or without
    /// `--dialect` the matrix of every dialect side by side.
    Rules {
        /// The provider's dialect.
        #[arg(long, value_parser = parse_dialect)]
        dialect: Option<Dialect>,
        /// The output format.
        #[arg(long, value_enum, default_value_t = DocFormat::Markdown)]
        format: DocFormat,
    },
}

/// How rules are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DocFormat {
    Markdown,
}

/// How reports are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn parse_dialect(name: &str) -> Result<Dialect, String> {
    name.parse()
        .map_err(|e: checkout_rules::UnknownDialect| e.to_string())
}

/// How a command ended, as the exit status says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    AllValid,
    SomeInvalid,
    Failed,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        match outcome {
            Outcome::AllValid => ExitCode::SUCCESS,
            Outcome::SomeInvalid => ExitCode::from(1),
            Outcome::Failed => ExitCode::from(2),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let outcome = match cli.command {
        Command::Validate {
            dialect,
            headers,
            format,
            ndjson: true,
            jobs,
            files,
        } => batch::run(dialect, &headers, format, &files, jobs, &mut out),
        Command::Validate {
            dialect,
            headers,
            format,
            files,
            ..
        } => validate::run(dialect, &headers, format, &files, &mut out),
        Command::Convert {
            from,
            to,
            headers,
            format,
            file,
        } => convert::run(
            from,
            to,
            &headers,
            format,
            file.as_deref().unwrap_or("-"),
            &mut out,
        ),
        Command::Amount { direction } => amount::run(&direction, &mut out),
        Command::Rules {
            dialect,
            format: DocFormat::Markdown,
        } => {
            let doc = match dialect {
                Some(d) => rules_doc::markdown(d.spec()),
                None => rules_doc::matrix(),
            };
            match out.write_all(doc.as_bytes()) {
                Ok(()) => Outcome::AllValid,
                Err(e) => {
                    eprintln!("checkout-rules: cannot write: {e}");
                    Outcome::Failed
                }
            }
        }
    };
    ExitCode::from(outcome)
}
