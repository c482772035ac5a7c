//! `checkout-rules validate --ndjson`: one request per line, one report per
//! line, in order, on every core.
//!
//! Input is read in blocks of whole lines; each block is split among the
//! worker threads, validated, and written in order before the next block is
//! read, so memory stays flat however long the input is.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::thread;

use checkout_rules::json::Limits;
use checkout_rules::{Dialect, Report};
use indicatif::{ProgressBar, ProgressStyle};

use crate::validate::display_name;
use crate::{Format, Outcome};

/// How much input is read before it is validated: large enough to keep
/// every core busy, small enough to keep memory flat.
const BLOCK_BYTES: usize = 4 << 20;

pub fn run(
    dialect: Dialect,
    headers: &[(String, String)],
    format: Format,
    files: &[String],
    jobs: Option<NonZeroUsize>,
    out: &mut impl Write,
) -> Outcome {
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let jobs = jobs
        .or_else(|| thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let stdin = [String::from("-")];
    let files = if files.is_empty() { &stdin[..] } else { files };
    let mut outcome = Outcome::AllValid;
    for file in files {
        let name = display_name(file);
        let (reader, size): (Box<dyn Read>, Option<u64>) = if file == "-" {
            (Box::new(io::stdin().lock()), None)
        } else {
            match File::open(file) {
                Ok(f) => {
                    let size = f.metadata().ok().map(|m| m.len());
                    (Box::new(f), size)
                }
                Err(e) => {
                    eprintln!("checkout-rules: cannot read {name}: {e}");
                    return Outcome::Failed;
                }
            }
        };
        let progress = progress_bar(name, size);
        let batch = Batch {
            dialect,
            headers: &headers,
            format,
            name,
            jobs,
        };
        match batch.stream(BufReader::with_capacity(1 << 20, reader), out, &progress) {
            Ok(true) => {}
            Ok(false) => outcome = Outcome::SomeInvalid,
            Err(e) => {
                progress.abandon();
                eprintln!("checkout-rules: {name}: {e}");
                return Outcome::Failed;
            }
        }
        progress.finish_and_clear();
    }
    outcome
}

/// A progress bar on standard error when it is a terminal; none otherwise.
fn progress_bar(name: &str, size: Option<u64>) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match size {
        Some(size) => ProgressBar::new(size).with_style(
            ProgressStyle::with_template(
                "{prefix} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{prefix} {spinner} {bytes} {bytes_per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_prefix(name.to_owned());
    bar
}

struct Batch<'a> {
    dialect: Dialect,
    headers: &'a [(&'a str, &'a str)],
    format: Format,
    name: &'a str,
    jobs: usize,
}

impl Batch<'_> {
    /// Validates every line of `input`, writing reports in order. Returns
    /// whether every line was valid.
    fn stream(
        &self,
        mut input: impl BufRead,
        out: &mut impl Write,
        progress: &ProgressBar,
    ) -> io::Result<bool> {
        let limit = Limits::default().max_bytes;
        let mut all_valid = true;
        let mut first_line = 1;
        let mut block = Vec::with_capacity(BLOCK_BYTES + limit + 2);
        let mut lines: Vec<Line> = Vec::new();
        loop {
            block.clear();
            lines.clear();
            // Whole lines, until the block is full or the input ends.
            while block.len() < BLOCK_BYTES {
                match read_line(&mut input, &mut block, limit, progress)? {
                    None => break,
                    Some(line) => lines.push(line),
                }
            }
            if lines.is_empty() {
                return Ok(all_valid);
            }
            let chunk = lines.len().div_ceil(self.jobs).max(1);
            let block = &block;
            let results: Vec<(String, bool)> = thread::scope(|scope| {
                let workers: Vec<_> = lines
                    .chunks(chunk)
                    .enumerate()
                    .map(|(i, part)| {
                        let start = first_line + i * chunk;
                        scope.spawn(move || self.validate_lines(block, part, start))
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|w| w.join().unwrap_or_default())
                    .collect()
            });
            for (text, valid) in &results {
                all_valid &= valid;
                out.write_all(text.as_bytes())?;
            }
            out.flush()?;
            first_line += lines.len();
        }
    }

    fn validate_lines(
        &self,
        block: &[u8],
        lines: &[Line],
        first_line: usize,
    ) -> Vec<(String, bool)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let report = match *line {
                    Line::Stored { start, end } => self
                        .dialect
                        .validate(block.get(start..end).unwrap_or_default(), self.headers),
                    Line::TooLong { len } => Report {
                        violations: Limits::default()
                            .check_size(len)
                            .err()
                            .into_iter()
                            .collect(),
                        normalized: None,
                    },
                };
                let text = match self.format {
                    Format::Json => {
                        let mut json = report.to_json();
                        json.push('\n');
                        json
                    }
                    Format::Text => report.to_text(&format!("{}:{}", self.name, first_line + i)),
                };
                (text, report.is_valid())
            })
            .collect()
    }
}

/// A line of input: where it is in the block, or, when it is over the body
/// limit, only its length (its bytes are read and dropped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Stored { start: usize, end: usize },
    TooLong { len: usize },
}

/// Reads one line into `block`, without its `\n` or `\r\n`; `None` at the
/// end of the input. A line over `limit` bytes is consumed but not kept.
fn read_line(
    input: &mut impl BufRead,
    block: &mut Vec<u8>,
    limit: usize,
    progress: &ProgressBar,
) -> io::Result<Option<Line>> {
    let start = block.len();
    let mut len = 0;
    let mut seen_any = false;
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            break;
        }
        seen_any = true;
        let (chunk, ends_line) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        if len + chunk.len() <= limit + 1 {
            block.extend_from_slice(chunk);
        }
        len += chunk.len();
        let consumed = chunk.len() + usize::from(ends_line);
        input.consume(consumed);
        progress.inc(consumed as u64);
        if ends_line {
            break;
        }
    }
    if !seen_any {
        return Ok(None);
    }
    if len > limit {
        block.truncate(start);
        return Ok(Some(Line::TooLong { len }));
    }
    if block.last() == Some(&b'\r') {
        block.pop();
    }
    Ok(Some(Line::Stored {
        start,
        end: block.len(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], limit: usize) -> Vec<Result<Vec<u8>, usize>> {
        let mut reader = BufReader::with_capacity(4, input);
        let mut block = Vec::new();
        let mut out = Vec::new();
        while let Some(line) =
            read_line(&mut reader, &mut block, limit, &ProgressBar::hidden()).unwrap()
        {
            out.push(match line {
                Line::Stored { start, end } => Ok(block[start..end].to_vec()),
                Line::TooLong { len } => Err(len),
            });
        }
        out
    }

    #[test]
    fn lines_keep_their_count() {
        assert_eq!(
            read_all(b"a\nb\n", 10),
            [Ok(b"a".to_vec()), Ok(b"b".to_vec())]
        );
        assert_eq!(
            read_all(b"a\r\nb", 10),
            [Ok(b"a".to_vec()), Ok(b"b".to_vec())]
        );
        assert_eq!(
            read_all(b"a\n\nb\n", 10),
            [Ok(b"a".to_vec()), Ok(vec![]), Ok(b"b".to_vec())]
        );
        assert_eq!(read_all(b"\n", 10), [Ok(vec![])]);
        assert_eq!(read_all(b"", 10), []);
    }

    #[test]
    fn long_lines_are_measured_not_kept() {
        let input = [b"x".repeat(25), b"\nshort\n".to_vec()].concat();
        assert_eq!(read_all(&input, 10), [Err(25), Ok(b"short".to_vec())]);
    }
}
