//! `checkout-rules validate --ndjson`: one request per line, one report per
//! line, in order, on every core.
//!
//! A pipeline: one thread reads the input in blocks of whole lines, the
//! workers validate a block each, and the calling thread writes their
//! reports in block order. Reading, validating and writing overlap, and
//! bounded queues between them keep memory flat however long the input is.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, mpsc};
use std::thread;

use checkout_rules::json::Limits;
use checkout_rules::{Dialect, Report, Validator};
use indicatif::{ProgressBar, ProgressStyle};

use crate::validate::{display_name, header_refs, inputs};
use crate::{Format, Outcome};

/// How much input one worker validates at a time: large enough that handing
/// blocks around costs nothing next to validating them, small enough that
/// the few blocks in flight keep memory flat.
const BLOCK_BYTES: usize = 512 << 10;

pub fn run(
    dialect: Dialect,
    headers: &[(String, String)],
    format: Format,
    files: &[String],
    jobs: Option<NonZeroUsize>,
    out: &mut impl Write,
) -> Outcome {
    let headers = header_refs(headers);
    let jobs = jobs
        .or_else(|| thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let mut outcome = Outcome::AllValid;
    let mut unreadable = false;
    let inputs = inputs(files);
    for &file in &inputs {
        let name = display_name(file);
        let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if file == "-" {
            (Box::new(io::stdin()), None)
        } else {
            match File::open(file) {
                Ok(f) => {
                    let size = f.metadata().ok().map(|m| m.len());
                    (Box::new(f), size)
                }
                Err(e) => {
                    // Reported, and the other inputs still checked.
                    eprintln!("checkout-rules: cannot read {name}: {e}");
                    unreadable = true;
                    continue;
                }
            }
        };
        let progress = progress_bar(name, size);
        let batch = Batch {
            dialect,
            headers: &headers,
            format,
            name,
            input_member: (inputs.len() > 1).then(|| input_member(name)),
            jobs,
            block_bytes: BLOCK_BYTES,
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
    if unreadable { Outcome::Failed } else { outcome }
}

/// `{"input":NAME,`, to begin a JSON report with the input it is about.
fn input_member(name: &str) -> String {
    crate::validate::with_input(name, "{")
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
    /// With several inputs, what starts each JSON report: `{"input":NAME,`.
    input_member: Option<String>,
    jobs: usize,
    block_bytes: usize,
}

/// Whole lines of input, numbered in reading order.
struct Block {
    number: usize,
    first_line: usize,
    bytes: Vec<u8>,
    lines: Vec<Line>,
}

/// A block's reports, ready to write.
struct Reports {
    number: usize,
    text: String,
    all_valid: bool,
}

impl Batch<'_> {
    /// Validates every line of `input`, writing reports in order. Returns
    /// whether every line was valid.
    fn stream(
        &self,
        input: impl BufRead + Send,
        out: &mut impl Write,
        progress: &ProgressBar,
    ) -> io::Result<bool> {
        // Each queue holds a block per worker: enough to keep every worker
        // busy, and the bound that keeps memory flat when output is slow.
        let (blocks_tx, blocks_rx) = mpsc::sync_channel::<Block>(self.jobs);
        let (reports_tx, reports_rx) = mpsc::sync_channel::<Reports>(self.jobs);
        // Shared by the workers and dropped with the last of them, so a
        // reader with nobody left to read for stops.
        let blocks_rx = Arc::new(Mutex::new(blocks_rx));
        thread::scope(|scope| {
            let reader = scope.spawn(move || self.read_blocks(input, &blocks_tx, progress));
            for _ in 0..self.jobs {
                let (blocks_rx, reports_tx) = (Arc::clone(&blocks_rx), reports_tx.clone());
                scope.spawn(move || {
                    // Each worker keeps its buffers from one request to the next.
                    let mut validator = Validator::new(self.dialect);
                    // The lock is held only to take the next block.
                    let next = || blocks_rx.lock().ok()?.recv().ok();
                    while let Some(block) = next() {
                        let reports = self.validate_block(&block, &mut validator);
                        if reports_tx.send(reports).is_err() {
                            break;
                        }
                    }
                });
            }
            drop((blocks_rx, reports_tx));
            let written = write_in_order(reports_rx, out);
            let read = reader
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the reading thread failed")));
            read.and(written)
        })
    }

    /// Reads `input` into blocks and queues them, until the input ends or
    /// nobody is left to validate them.
    fn read_blocks(
        &self,
        mut input: impl BufRead,
        blocks: &mpsc::SyncSender<Block>,
        progress: &ProgressBar,
    ) -> io::Result<()> {
        let limit = Limits::default().max_bytes;
        let mut first_line = 1;
        for number in 0.. {
            let mut bytes = Vec::with_capacity(self.block_bytes);
            let mut lines = Vec::new();
            let mut failure = None;
            while bytes.len() < self.block_bytes {
                match read_line(&mut input, &mut bytes, limit, progress) {
                    Ok(None) => break,
                    Ok(Some(line)) => lines.push(line),
                    Err(e) => {
                        // The lines before the failure still get reports.
                        failure = Some(e);
                        break;
                    }
                }
            }
            if lines.is_empty() {
                return failure.map_or(Ok(()), Err);
            }
            let count = lines.len();
            let block = Block {
                number,
                first_line,
                bytes,
                lines,
            };
            if blocks.send(block).is_err() {
                break;
            }
            if let Some(e) = failure {
                return Err(e);
            }
            first_line += count;
        }
        Ok(())
    }

    fn validate_block(&self, block: &Block, validator: &mut Validator) -> Reports {
        let mut text = String::with_capacity(block.bytes.len() * 2);
        let mut all_valid = true;
        for (i, line) in block.lines.iter().enumerate() {
            let report = match *line {
                Line::Stored { start, end } => validator.validate(
                    block.bytes.get(start..end).unwrap_or_default(),
                    self.headers,
                ),
                Line::TooLong { len } => Report::refusing(
                    Limits::default()
                        .check_size(len)
                        .err()
                        .into_iter()
                        .map(checkout_rules::Violation::from)
                        .collect(),
                ),
            };
            all_valid &= report.is_valid();
            match self.format {
                Format::Json => {
                    let start = text.len();
                    report.append_json(&mut text);
                    if let Some(member) = &self.input_member {
                        text.replace_range(start..=start, member);
                    }
                    text.push('\n');
                }
                Format::Text => {
                    let name = format!("{}:{}", self.name, block.first_line + i);
                    text.push_str(&report.to_text(&name));
                }
            }
        }
        Reports {
            number: block.number,
            text,
            all_valid,
        }
    }
}

/// Writes blocks' reports in block order as they arrive from the workers.
/// Returns whether every line was valid.
fn write_in_order(reports: mpsc::Receiver<Reports>, out: &mut impl Write) -> io::Result<bool> {
    let mut all_valid = true;
    let mut next = 0;
    // Blocks finished ahead of one still being validated: at most one per
    // worker.
    let mut waiting = BTreeMap::new();
    for done in reports {
        waiting.insert(done.number, done);
        while let Some(done) = waiting.remove(&next) {
            all_valid &= done.all_valid;
            out.write_all(done.text.as_bytes())?;
            next += 1;
        }
        out.flush()?;
    }
    Ok(all_valid)
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
        let (chunk, ends_line) = match memchr::memchr(b'\n', available) {
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

    fn batch(jobs: usize, block_bytes: usize) -> Batch<'static> {
        Batch {
            dialect: Dialect::PAYVIOX,
            headers: &[],
            format: Format::Json,
            name: "test",
            input_member: None,
            jobs,
            block_bytes,
        }
    }

    /// Valid and invalid requests, a broken line and an empty one, repeated.
    fn requests(count: usize) -> String {
        (0..count)
            .map(|i| match i % 4 {
                0 => format!(
                    r#"{{"amount": {0}, "currency": "USD", "customer": "c", "order_id": "o{i}", "items": [{{"name": "n", "quantity": 1, "price": {0}}}]}}"#,
                    100 + i
                ),
                1 => format!(r#"{{"amount": {i}, "currency": "usd"}}"#),
                2 => String::from("{"),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn reports_come_out_in_input_order_across_many_blocks() {
        let input = requests(400);
        let expected: String = input
            .lines()
            .map(|l| Dialect::PAYVIOX.validate(l.as_bytes(), &[]).to_json() + "\n")
            .collect();
        for (jobs, block_bytes) in [(1, 1), (2, 64), (3, 200), (2, 1 << 20)] {
            let mut out = Vec::new();
            let all_valid = batch(jobs, block_bytes)
                .stream(input.as_bytes(), &mut out, &ProgressBar::hidden())
                .unwrap();
            assert!(!all_valid);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                expected,
                "{jobs} jobs, {block_bytes} B blocks"
            );
        }
    }

    #[test]
    fn all_valid_only_when_every_block_is() {
        let valid = requests(1);
        let input = [valid.as_str(); 50].join("\n");
        let run = |input: &str| {
            batch(2, 64)
                .stream(input.as_bytes(), &mut Vec::new(), &ProgressBar::hidden())
                .unwrap()
        };
        assert!(run(&input));
        assert!(!run(&format!("{input}\n{{}}")));
    }

    /// Output that fails after `room` bytes, like a closed pipe.
    struct ClosesAfter {
        room: usize,
    }

    impl Write for ClosesAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if buf.len() > self.room {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            self.room -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_output_stops_every_thread_with_its_error() {
        // Far more blocks than the queues hold: the reader and workers must
        // notice that nobody writes any more, not wait for ever.
        let input = requests(4000);
        for jobs in [1, 2, 4] {
            let err = batch(jobs, 64)
                .stream(
                    input.as_bytes(),
                    &mut ClosesAfter { room: 1000 },
                    &ProgressBar::hidden(),
                )
                .unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        }
    }

    /// Input that fails after its first lines, like a vanished disk.
    struct FailsAfter<'a> {
        lines: &'a [u8],
    }

    impl Read for FailsAfter<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.lines.is_empty() {
                return Err(io::Error::other("the disk went away"));
            }
            let n = buf.len().min(self.lines.len());
            buf[..n].copy_from_slice(&self.lines[..n]);
            self.lines = &self.lines[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_failing_input_is_reported_after_the_lines_before_it() {
        let input = requests(40);
        let mut out = Vec::new();
        let err = batch(2, 64)
            .stream(
                BufReader::new(FailsAfter {
                    lines: input.as_bytes(),
                }),
                &mut out,
                &ProgressBar::hidden(),
            )
            .unwrap_err();
        assert_eq!(err.to_string(), "the disk went away");
        // Every whole line read before the failure has its report.
        assert!(String::from_utf8(out).unwrap().lines().count() >= 39);
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
