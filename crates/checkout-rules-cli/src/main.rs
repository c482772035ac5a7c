//! `checkout-rules`: validate checkout-session requests against a provider's
//! rules, convert amounts exactly, and print a dialect's rules.
//!
//! Exit status: 0 when every input is valid, 1 when some input is invalid,
//! 2 for a usage or I/O error.

mod amount;
mod batch;
mod convert;
mod rules_doc;
#[cfg(feature = "serve")]
mod serve;
mod validate;

use std::io::Write as _;
use std::process::ExitCode;

use checkout_rules::Dialect;
use clap::builder::{PossibleValuesParser, TypedValueParser as _};
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
        #[arg(long, value_parser = dialect_parser())]
        dialect: Dialect,
        /// A request header, as 'Name: value' (repeatable).
        #[arg(long = "header", value_name = "'NAME: VALUE'", value_parser = validate::parse_header)]
        headers: Vec<(String, String)>,
        /// A file of request headers, one 'Name: value' a line, as beside
        /// each bundled example (`*.headers`); read before any --header.
        #[arg(long = "headers", value_name = "FILE")]
        header_files: Vec<String>,
        /// `text` for people and grep, `json` for one report per line.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Each input holds one request per line (NDJSON); one report per
        /// line comes out, in order.
        #[arg(long)]
        ndjson: bool,
        /// Threads for --ndjson (default: every core).
        #[arg(long, requires = "ndjson", value_parser = parse_jobs)]
        jobs: Option<std::num::NonZeroUsize>,
        /// Request bodies to check; `-` or none reads standard input.
        #[arg(value_name = "FILE")]
        files: Vec<String>,
    },
    /// Convert a request from one provider's dialect to another's.
    Convert {
        /// The request's dialect.
        #[arg(long, value_parser = dialect_parser())]
        from: Dialect,
        /// The dialect to write.
        #[arg(long, value_parser = dialect_parser())]
        to: Dialect,
        /// A header of the request, as 'Name: value' (repeatable).
        #[arg(long = "header", value_name = "'NAME: VALUE'", value_parser = validate::parse_header)]
        headers: Vec<(String, String)>,
        /// A file of request headers, one 'Name: value' a line; read before
        /// any --header.
        #[arg(long = "headers", value_name = "FILE")]
        header_files: Vec<String>,
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
        #[arg(long, value_parser = dialect_parser())]
        dialect: Option<Dialect>,
        /// The output format.
        #[arg(long, value_enum, default_value_t = DocFormat::Markdown)]
        format: DocFormat,
    },
    /// Serve a local mock of each provider's create-session endpoint, at
    /// its documented method and path: requests validated as `validate`
    /// does, refused and answered as the provider documents.
    #[cfg(feature = "serve")]
    Serve {
        /// The port to listen on; 0 takes any free one. The server's URL
        /// is printed on standard output once it listens.
        #[arg(long, default_value_t = 4010)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// A provider to imitate (repeatable; default: all of them).
        #[arg(long = "dialect", value_parser = dialect_parser())]
        dialects: Vec<Dialect>,
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

/// The dialects' names, which `--help` and a wrong name list.
fn dialect_parser() -> impl clap::builder::TypedValueParser<Value = Dialect> {
    PossibleValuesParser::new(Dialect::ALL.iter().map(|d| d.name()))
        .try_map(|name| name.parse::<Dialect>().map_err(|e| e.to_string()))
}

/// `--jobs`: a number of threads, one or more.
fn parse_jobs(text: &str) -> Result<std::num::NonZeroUsize, String> {
    text.parse::<usize>()
        .ok()
        .and_then(std::num::NonZeroUsize::new)
        .ok_or_else(|| format!("`{text}` is not a number of threads; give 1 or more"))
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
    let outcome = run(cli);
    ExitCode::from(outcome)
}

fn run(cli: Cli) -> Outcome {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Validate {
            dialect,
            headers,
            header_files,
            format,
            ndjson,
            jobs,
            files,
        } => {
            let Some(headers) = validate::all_headers(&header_files, headers) else {
                return Outcome::Failed;
            };
            if ndjson {
                batch::run(dialect, &headers, format, &files, jobs, &mut out)
            } else {
                validate::run(dialect, &headers, format, &files, &mut out)
            }
        }
        Command::Convert {
            from,
            to,
            headers,
            header_files,
            format,
            file,
        } => {
            let Some(headers) = validate::all_headers(&header_files, headers) else {
                return Outcome::Failed;
            };
            convert::run(
                from,
                to,
                &headers,
                format,
                file.as_deref().unwrap_or("-"),
                &mut out,
            )
        }
        Command::Amount { direction } => amount::run(&direction, &mut out),
        #[cfg(feature = "serve")]
        Command::Serve {
            port,
            bind,
            dialects,
        } => {
            drop(out);
            serve::run(bind, port, &dialects)
        }
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
    }
}
