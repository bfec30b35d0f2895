//! The command line.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

pub const USAGE: &str = "\
usage:
  budget2csv convert INPUT... --out DIR [--excel] [--jobs N] [--shard I/N]
                     [--skip-existing] [--timeout-per-file SECS]
                     [--memory-per-file MB]
  budget2csv check INPUT...
  budget2csv text FILE
  budget2csv --help | --version

INPUT is a budget PDF, a .txt file of text extracted from one, or a folder of
them (searched recursively for .pdf and .txt files).

convert  writes DIR/cells.csv, documents.csv, checks.csv, indicators.csv,
         forms.csv and one folder per document (a CSV per table and
         document.json). Exit status 1 when an input failed; the others are
         still written.
check    prints the arithmetic and cross-table checks of each document:
         how many ran, and every failure, warning and unchecked figure with
         its table, row, column, page, expected and printed amounts. Exit
         status 1 when a check fails or an input cannot be read.
text     prints the reflowed lines of a document, page by page.

options of convert:
  --out DIR                output folder (created if missing)
  --excel                  CSV for spreadsheets: byte-order mark, and text
                           cells starting with = + - @ prefixed with ' so
                           that they never run as formulas
  --jobs N                 inputs converted at once (default: all cores);
                           the output is the same whatever N
  --shard I/N              convert only the I-th of N shares of the inputs
                           (1 <= I <= N), for array jobs across machines
  --skip-existing          leave inputs converted before into DIR (same
                           content, by SHA-256) as they are
  --timeout-per-file SECS  give up on an input after SECS seconds (default 300)
  --memory-per-file MB     give up on an input that needs more than MB of
                           memory (default 4096)";

/// What to do.
#[derive(Debug)]
pub enum Command {
    Help,
    Version,
    Convert(ConvertOptions),
    /// The hidden worker of a convert batch (reads jobs on stdin).
    Worker {
        memory_mb: u64,
    },
    Check(Vec<PathBuf>),
    Text(PathBuf),
}

/// Options of `convert`.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub excel: bool,
    /// Inputs converted at once.
    pub jobs: usize,
    /// `(i, n)`: only the i-th (1-based) of n shares.
    pub shard: Option<(u32, u32)>,
    pub skip_existing: bool,
    pub timeout_secs: u64,
    pub memory_mb: u64,
}

/// Default time limit per input, in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 300;
/// Default memory limit per input, in megabytes.
pub const DEFAULT_MEMORY_MB: u64 = 4096;

pub fn parse(argv: &[String]) -> Result<Command> {
    let Some((cmd, rest)) = argv.split_first() else { bail!("no command given") };
    match cmd.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "convert" => parse_convert(rest).map(Command::Convert),
        "__worker" => {
            Ok(Command::Worker { memory_mb: rest.first().and_then(|m| m.parse().ok()).unwrap_or(DEFAULT_MEMORY_MB) })
        }
        "check" => parse_check(rest).map(Command::Check),
        "text" => match rest {
            [file] => Ok(Command::Text(PathBuf::from(file))),
            _ => bail!("`text` takes exactly one FILE"),
        },
        other => bail!("unknown command `{other}`"),
    }
}

fn parse_convert(rest: &[String]) -> Result<ConvertOptions> {
    let mut o = ConvertOptions {
        inputs: Vec::new(),
        out: PathBuf::new(),
        excel: false,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        shard: None,
        skip_existing: false,
        timeout_secs: DEFAULT_TIMEOUT_SECS,
        memory_mb: DEFAULT_MEMORY_MB,
    };
    let mut out = None;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        // `--name=value` and `--name value` are the same.
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = |what: &str| -> Result<String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => it.next().cloned().with_context(|| format!("{name} needs {what}")),
            }
        };
        match name {
            "--out" | "-o" => out = Some(PathBuf::from(value("a folder")?)),
            "--excel" => o.excel = true,
            "--skip-existing" => o.skip_existing = true,
            "--jobs" | "-j" => o.jobs = positive(&value("a number")?, "--jobs")?,
            "--shard" => o.shard = Some(shard(&value("I/N")?)?),
            "--timeout-per-file" => o.timeout_secs = positive(&value("seconds")?, "--timeout-per-file")? as u64,
            "--memory-per-file" => o.memory_mb = positive(&value("megabytes")?, "--memory-per-file")? as u64,
            s if s.starts_with('-') && s.len() > 1 => bail!("unknown option `{s}`"),
            s => o.inputs.push(PathBuf::from(s)),
        }
    }
    if o.inputs.is_empty() {
        bail!("`convert` needs at least one INPUT");
    }
    o.out = out.context("`convert` needs --out DIR")?;
    Ok(o)
}

fn positive(s: &str, option: &str) -> Result<usize> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => bail!("{option} needs a whole number above 0, not `{s}`"),
    }
}

/// `2/8` → (2, 8)
fn shard(s: &str) -> Result<(u32, u32)> {
    let parsed =
        s.split_once('/').and_then(|(i, n)| Some((i.trim().parse::<u32>().ok()?, n.trim().parse::<u32>().ok()?)));
    match parsed {
        Some((i, n)) if n >= 1 && (1..=n).contains(&i) => Ok((i, n)),
        _ => bail!("--shard needs I/N with 1 <= I <= N, not `{s}`"),
    }
}

fn parse_check(rest: &[String]) -> Result<Vec<PathBuf>> {
    if let Some(option) = rest.iter().find(|a| a.starts_with('-') && a.len() > 1) {
        bail!("unknown option `{option}`");
    }
    if rest.is_empty() {
        bail!("`check` needs at least one INPUT");
    }
    Ok(rest.iter().map(PathBuf::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn convert_needs_inputs_and_an_output_folder() {
        assert!(parse(&argv("convert a.pdf")).is_err());
        assert!(parse(&argv("convert --out o")).is_err());
        assert!(parse(&argv("convert a.pdf --out o --bogus")).is_err());
        match parse(&argv("convert a.pdf b --out=o --excel")).unwrap() {
            Command::Convert(o) => {
                assert_eq!(o.inputs.len(), 2);
                assert!(o.excel);
                assert_eq!(o.out, PathBuf::from("o"));
            }
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn batch_options() {
        match parse(&argv("convert d --out o --jobs 3 --shard=2/5 --skip-existing --timeout-per-file 9")).unwrap() {
            Command::Convert(o) => {
                assert_eq!((o.jobs, o.shard, o.skip_existing, o.timeout_secs), (3, Some((2, 5)), true, 9));
            }
            c => panic!("{c:?}"),
        }
        for bad in ["--jobs 0", "--jobs x", "--shard 0/3", "--shard 4/3", "--shard 3", "--timeout-per-file -1"] {
            assert!(parse(&argv(&format!("convert d --out o {bad}"))).is_err(), "{bad}");
        }
    }

    #[test]
    fn check_needs_inputs_and_takes_no_options() {
        assert!(parse(&argv("check")).is_err());
        assert!(parse(&argv("check a.pdf --out o")).is_err());
        match parse(&argv("check a.pdf samples")).unwrap() {
            Command::Check(inputs) => assert_eq!(inputs, vec![PathBuf::from("a.pdf"), PathBuf::from("samples")]),
            c => panic!("{c:?}"),
        }
    }
}
