//! The command line, parsed by clap from the types below; the texts of
//! `--help` are their doc comments and the `after_help` texts.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};

/// Default time limit per input, in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 300;
/// Default memory limit per input, in megabytes.
pub const DEFAULT_MEMORY_MB: u64 = 4096;

/// The usage lines of each command, in the help and after a usage error.
/// Continuation lines line up under `Usage: ` / `usage: `.
const CONVERT_USAGE: &str = "\
budget2csv convert INPUT... --out DIR [--excel] [--xlsx] [--review] [--jobs N]
                          [--shard I/N] [--skip-existing]
                          [--timeout-per-file SECS] [--memory-per-file MB]";
const REVIEW_USAGE: &str = "budget2csv review INPUT... --out DIR [OPTIONS]";
const CHECK_USAGE: &str = "budget2csv check INPUT...";
const TEXT_USAGE: &str = "budget2csv text FILE";
const USAGE: &str = "\
budget2csv convert INPUT... --out DIR [OPTIONS]
       budget2csv review INPUT... --out DIR [OPTIONS]
       budget2csv check INPUT...
       budget2csv text FILE
       budget2csv help [COMMAND] | --help | --version";

const AFTER_HELP: &str = "\
INPUT is a budget PDF, a .txt file of text extracted from one, or a folder of
them (searched recursively for .pdf and .txt files).

Exit status: 0 every input converted (for check: no check failed); 1 at least
one input failed, the others still written (for check: a check failed or an
input could not be read); 2 bad command line.

Example:
  budget2csv convert samples --out out

`budget2csv help COMMAND` (or `budget2csv COMMAND --help`) tells more.";

const CONVERT_ABOUT: &str = "\
Converts budget documents into CSV files in DIR: cells.csv, documents.csv,
checks.csv, indicators.csv, forms.csv, summary.csv (the standard measures of
each document, in 元), and one folder per document with a CSV per table and
document.json. With --xlsx, also an XLSX workbook per document and
dataset.xlsx.

One bad input never stops the batch: it gets a row with status `error` and a
one-line reason in documents.csv. Each input is converted in a worker process
of its own, stopped at the time and memory limits; the output is the same
whatever the number of jobs.";

const CONVERT_EXAMPLES: &str = "\
Examples:
  budget2csv convert samples --out out
  budget2csv convert /data/budgets --out /scratch/out-3 --shard 3/32 --jobs 4 --skip-existing";

/// Before the examples in `convert --help`.
const CONVERT_NOTES: &str = "\
Exit status: 0 every input converted; 1 at least one input failed (the others
are still written); 2 bad command line.

Environment:
  BUDGET2CSV_FONT_RENUMBERING=off  read PDF pages without renumbering the
                                   codes of two-byte fonts (slower), to find
                                   out whether a wrong character comes from
                                   the renumbering";

const REVIEW_ABOUT: &str = "\
Converts as `convert --review` does: every file of `convert`, and a review
page for each document (DIR/<document>/review.html: each page that holds a
table redrawn with the rebuilt cells outlined, failed checks in red, figures
no passing check confirms in amber, text left out of every table grey) and
an index of them, DIR/review.html. Self-contained HTML: open it from a file
manager.";

const REVIEW_AFTER_HELP: &str = "\
Example:
  budget2csv review samples/text/wuchang-gov-office-2024.txt --out out";

const CHECK_ABOUT: &str = "\
Converts each input in memory and prints its arithmetic and cross-table
checks: how many ran (ok, rounding, fail, warning, unchecked), then every
failure, warning and unchecked figure with its table, row, column, page,
expected and printed amounts. Writes no files.";

const CHECK_AFTER_HELP: &str = "\
Exit status: 0 no check failed; 1 a check failed or an input could not be
read; 2 bad command line.

Example:
  budget2csv check samples/text/wuchang-gov-office-2024.txt";

const TEXT_ABOUT: &str = "\
Prints the lines of a document as the parser sees them, each page opening with
a line `--- page N ---`.";

const TEXT_AFTER_HELP: &str = "\
Example:
  budget2csv text samples/pdf/ruled-rects.pdf";

/// Converts Chinese government budget documents (部门预算 / 部门决算) into
/// validated, normalized CSV.
#[derive(Debug, Parser)]
#[command(name = "budget2csv", version, override_usage = USAGE, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert budget documents into CSV files in a folder
    #[command(
        long_about = CONVERT_ABOUT,
        override_usage = CONVERT_USAGE,
        after_help = CONVERT_EXAMPLES,
        after_long_help = format!("{CONVERT_NOTES}\n\n{CONVERT_EXAMPLES}"),
        args_override_self = true
    )]
    Convert(ConvertOptions),
    /// Convert with a review page per document (as `convert --review`)
    #[command(
        long_about = REVIEW_ABOUT,
        override_usage = REVIEW_USAGE,
        after_help = REVIEW_AFTER_HELP,
        args_override_self = true
    )]
    Review(ConvertOptions),
    /// Print the arithmetic and cross-table checks of each document
    #[command(long_about = CHECK_ABOUT, override_usage = CHECK_USAGE, after_help = CHECK_AFTER_HELP)]
    Check {
        /// Budget PDFs, .txt files of text extracted from one, or folders of them
        #[arg(value_name = "INPUT", required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Print the reflowed lines of a document, page by page
    #[command(long_about = TEXT_ABOUT, override_usage = TEXT_USAGE, after_help = TEXT_AFTER_HELP)]
    Text {
        /// A budget PDF or a .txt file of text extracted from one.
        file: PathBuf,
    },
    /// The worker process of a convert batch: reads jobs on standard input.
    #[command(name = "__worker", hide = true)]
    Worker {
        /// The worker's memory limit, in megabytes.
        #[arg(default_value_t = DEFAULT_MEMORY_MB)]
        memory_mb: u64,
    },
}

/// Options of `convert`.
#[derive(Debug, Clone, Args)]
pub struct ConvertOptions {
    /// Budget PDFs, .txt files of text extracted from one, or folders of them
    ///
    /// Folders are searched recursively for .pdf and .txt files. Inputs are
    /// told apart by content, not by name.
    #[arg(value_name = "INPUT", required = true, verbatim_doc_comment)]
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(short, long, value_name = "DIR")]
    pub out: PathBuf,
    /// CSV for spreadsheets: a byte-order mark, no cell run as a formula
    ///
    /// Text cells that begin with = + - @ are prefixed with ' so that a
    /// spreadsheet never runs them as formulas; amounts stay plain numbers.
    #[arg(long, verbatim_doc_comment)]
    pub excel: bool,
    /// Also write a review page per document and an index, DIR/review.html
    ///
    /// Each document's review.html (in its folder) shows each page that holds a table with
    /// the rebuilt cells outlined, failed checks in red and figures no
    /// passing check confirms in amber.
    #[arg(long, verbatim_doc_comment)]
    pub review: bool,
    /// XLSX workbooks too: DIR/STEM/STEM.xlsx per document, DIR/dataset.xlsx
    ///
    /// A document's workbook has a sheet per table laid out as printed
    /// (merged group headers, amounts as numbers with their printed
    /// decimals, failed cells highlighted with a note), a 检查 sheet and a
    /// 文档 sheet; dataset.xlsx has the combined files as sheets.
    #[arg(long, verbatim_doc_comment)]
    pub xlsx: bool,
    /// Inputs converted at once [default: all cores]
    ///
    /// Each in a worker process of its own; the output is the same whatever N.
    #[arg(
        verbatim_doc_comment,
        short,
        long,
        value_name = "N",
        value_parser = positive::<usize>,
        default_value_t = all_cores(),
        hide_default_value = true,
        allow_hyphen_values = true
    )]
    pub jobs: usize,
    /// Convert only share I of N of the inputs (1 <= I <= N)
    ///
    /// The inputs whose path hashes to share I, so that the machines of an
    /// array job split a batch without talking to each other.
    #[arg(long, value_name = "I/N", value_parser = shard, allow_hyphen_values = true, verbatim_doc_comment)]
    pub shard: Option<(u32, u32)>,
    /// Leave inputs converted before into DIR as they are
    ///
    /// An input whose folder in DIR holds a complete conversion of the same
    /// bytes (by SHA-256) is not converted again; failed inputs are tried
    /// again.
    #[arg(long, verbatim_doc_comment)]
    pub skip_existing: bool,
    /// Give up on an input after SECS seconds
    #[arg(
        long = "timeout-per-file",
        value_name = "SECS",
        value_parser = positive::<u64>,
        default_value_t = DEFAULT_TIMEOUT_SECS,
        allow_hyphen_values = true
    )]
    pub timeout_secs: u64,
    /// Give up on an input that needs more than MB megabytes
    #[arg(
        long = "memory-per-file",
        value_name = "MB",
        value_parser = positive::<u64>,
        default_value_t = DEFAULT_MEMORY_MB,
        allow_hyphen_values = true
    )]
    pub memory_mb: u64,
}

fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A whole number above 0.
fn positive<N: FromStr + Default + PartialOrd>(s: &str) -> Result<N, String> {
    match s.parse::<N>() {
        Ok(n) if n > N::default() => Ok(n),
        _ => Err(format!("needs a whole number above 0, not `{s}`")),
    }
}

/// `2/8` → (2, 8)
fn shard(s: &str) -> Result<(u32, u32), String> {
    let parsed =
        s.split_once('/').and_then(|(i, n)| Some((i.trim().parse::<u32>().ok()?, n.trim().parse::<u32>().ok()?)));
    match parsed {
        Some((i, n)) if n >= 1 && (1..=n).contains(&i) => Ok((i, n)),
        _ => Err(format!("needs I/N with 1 <= I <= N, not `{s}`")),
    }
}

/// Why the command line gives no command to run.
#[derive(Debug)]
pub enum Stop {
    /// Help or the version was asked for.
    Shown(clap::Error),
    /// A bad command line: what is wrong, and the usage of the command.
    Usage { message: String, usage: &'static str, command: Option<&'static str> },
}

impl Stop {
    /// Prints help or the version on standard output (exit status 0), or
    /// the error and a usage hint on standard error (exit status 2).
    pub fn report(&self) -> ExitCode {
        match self {
            Stop::Shown(e) => {
                // Nothing more can be said if standard output is gone.
                let _ = e.print();
                ExitCode::SUCCESS
            }
            Stop::Usage { .. } => {
                eprintln!("{self}");
                ExitCode::from(2)
            }
        }
    }
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::Shown(e) => write!(f, "{e}"),
            Stop::Usage { message, usage, command } => {
                let more = command.map_or("help".to_string(), |c| format!("{c} --help"));
                write!(f, "budget2csv: {message}\n\nusage: {usage}\n\nSee `budget2csv {more}`.")
            }
        }
    }
}

/// The command of `argv` (without the program's name).
pub fn parse<I, T>(argv: I) -> Result<Command, Stop>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let argv: Vec<OsString> = argv.into_iter().map(Into::into).collect();
    let command = match argv.first().and_then(|a| a.to_str()) {
        Some("convert") => Some(("convert", CONVERT_USAGE)),
        Some("review") => Some(("review", REVIEW_USAGE)),
        Some("check") => Some(("check", CHECK_USAGE)),
        Some("text") => Some(("text", TEXT_USAGE)),
        _ => None,
    };
    let program = std::iter::once(OsString::from("budget2csv"));
    match Cli::try_parse_from(program.chain(argv)) {
        Ok(cli) => Ok(cli.command),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => Err(Stop::Shown(e)),
        Err(e) => Err(Stop::Usage {
            message: message(&e, command.map(|(name, _)| name)),
            usage: command.map_or(USAGE, |(_, usage)| usage),
            command: command.map(|(name, _)| name),
        }),
    }
}

/// A usage error in words: those of clap, but for what the commands have
/// their own words for.
fn message(e: &clap::Error, command: Option<&str>) -> String {
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    };
    // What is wrong or missing: `--shard <I/N>`, `<INPUT>...`, `--bogus`.
    let args = context(ContextKind::InvalidArg);
    let arg = args.first().map_or("", String::as_str);
    let (option, value_name) = arg.split_once(' ').unwrap_or((arg, ""));
    let missing = |name: &str| args.iter().any(|a| a.starts_with(name));
    // `--exel` → ` (did you mean `--excel`?)`
    let did_you_mean = |kind: ContextKind| match context(kind).first() {
        Some(like) => format!(" (did you mean `{like}`?)"),
        None => String::new(),
    };
    let command = command.unwrap_or_default();
    match e.kind() {
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "no command given".to_string()
        }
        ErrorKind::InvalidSubcommand => {
            let unknown = context(ContextKind::InvalidSubcommand).concat();
            format!("unknown command `{unknown}`{}", did_you_mean(ContextKind::SuggestedSubcommand))
        }
        // The words of `positive` and `shard`.
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(why) => format!("{option} {why}"),
            None => clap_words(e),
        },
        ErrorKind::InvalidValue if context(ContextKind::InvalidValue).concat().is_empty() => {
            format!("{option} needs {}", value_name.trim_matches(['<', '>']))
        }
        ErrorKind::MissingRequiredArgument if missing("<INPUT>") => format!("`{command}` needs at least one INPUT"),
        ErrorKind::MissingRequiredArgument if missing("--out") => "`convert` needs --out DIR".to_string(),
        ErrorKind::MissingRequiredArgument | ErrorKind::UnknownArgument
            if command == "text" && !arg.starts_with('-') =>
        {
            "`text` takes exactly one FILE".to_string()
        }
        ErrorKind::UnknownArgument => format!("unknown option `{arg}`{}", did_you_mean(ContextKind::SuggestedArg)),
        _ => clap_words(e),
    }
}

/// Clap's own message, without its `error: ` and usage.
fn clap_words(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_string()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use clap::CommandFactory;

    use super::*;

    fn parse_line(s: &str) -> Result<Command, Stop> {
        parse(s.split_whitespace())
    }

    /// The message of a usage error.
    fn error(s: &str) -> String {
        match parse_line(s) {
            Err(Stop::Usage { message, .. }) => message,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn convert_needs_inputs_and_an_output_folder() {
        assert_eq!(error("convert a.pdf"), "`convert` needs --out DIR");
        assert_eq!(error("convert --out o"), "`convert` needs at least one INPUT");
        assert_eq!(error("convert"), "`convert` needs at least one INPUT");
        assert_eq!(error("convert --excel"), "`convert` needs at least one INPUT");
        assert_eq!(error("convert a.pdf --out"), "--out needs DIR");
        assert_eq!(error("convert a.pdf --out o --bogus"), "unknown option `--bogus`");
        assert_eq!(error("convert a.pdf --out o --exel"), "unknown option `--exel` (did you mean `--excel`?)");
        match parse_line("convert a.pdf b --out=o --excel").unwrap() {
            Command::Convert(o) => {
                assert_eq!(o.inputs, [PathBuf::from("a.pdf"), PathBuf::from("b")]);
                assert!(o.excel && !o.xlsx);
                assert_eq!(o.out, PathBuf::from("o"));
            }
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn xlsx_is_asked_for() {
        assert_eq!(error("convert a.pdf --out o --xslx"), "unknown option `--xslx` (did you mean `--xlsx`?)");
        match parse_line("convert a.pdf --xlsx --out o").unwrap() {
            Command::Convert(o) => assert!(o.xlsx && !o.excel),
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn options_go_anywhere_and_the_last_one_counts() {
        match parse_line("convert a --out o1 b -o o2 c --jobs 2 -j 3").unwrap() {
            Command::Convert(o) => {
                assert_eq!(o.inputs, ["a", "b", "c"].map(PathBuf::from));
                assert_eq!((o.out, o.jobs), (PathBuf::from("o2"), 3));
            }
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn batch_options() {
        match parse_line("convert d --out o --jobs 3 --shard=2/5 --skip-existing --timeout-per-file 9").unwrap() {
            Command::Convert(o) => {
                assert_eq!((o.jobs, o.shard, o.skip_existing, o.timeout_secs), (3, Some((2, 5)), true, 9));
                assert_eq!(o.memory_mb, DEFAULT_MEMORY_MB);
            }
            c => panic!("{c:?}"),
        }
        match parse_line("convert d --out o").unwrap() {
            Command::Convert(o) => {
                assert_eq!((o.jobs, o.shard, o.skip_existing), (all_cores(), None, false));
                assert_eq!((o.timeout_secs, o.memory_mb), (DEFAULT_TIMEOUT_SECS, DEFAULT_MEMORY_MB));
            }
            c => panic!("{c:?}"),
        }
        for (bad, message) in [
            ("--jobs 0", "--jobs needs a whole number above 0, not `0`"),
            ("-j x", "--jobs needs a whole number above 0, not `x`"),
            ("--shard 0/3", "--shard needs I/N with 1 <= I <= N, not `0/3`"),
            ("--shard 4/3", "--shard needs I/N with 1 <= I <= N, not `4/3`"),
            ("--shard 3", "--shard needs I/N with 1 <= I <= N, not `3`"),
            ("--timeout-per-file -1", "--timeout-per-file needs a whole number above 0, not `-1`"),
            ("--memory-per-file=0", "--memory-per-file needs a whole number above 0, not `0`"),
        ] {
            assert_eq!(error(&format!("convert d --out o {bad}")), message, "{bad}");
        }
    }

    #[test]
    fn check_needs_inputs_and_takes_no_options() {
        assert_eq!(error("check"), "`check` needs at least one INPUT");
        assert_eq!(error("check a.pdf --out o"), "unknown option `--out`");
        match parse_line("check a.pdf samples").unwrap() {
            Command::Check { inputs } => assert_eq!(inputs, [PathBuf::from("a.pdf"), PathBuf::from("samples")]),
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn text_takes_one_file() {
        assert_eq!(error("text"), "`text` takes exactly one FILE");
        assert_eq!(error("text a.pdf b.pdf"), "`text` takes exactly one FILE");
        assert!(matches!(parse_line("text a.pdf").unwrap(), Command::Text { file } if file == Path::new("a.pdf")));
    }

    #[test]
    fn commands_help_version_and_the_hidden_worker() {
        assert_eq!(error(""), "no command given");
        assert_eq!(error("frobnicate"), "unknown command `frobnicate`");
        assert_eq!(error("chek a.pdf"), "unknown command `chek` (did you mean `check`?)");
        for help in ["--help", "-h", "help", "help convert", "convert --help", "check -h", "text --help", "--version"] {
            assert!(matches!(parse_line(help), Err(Stop::Shown(_))), "{help}");
        }
        assert!(matches!(parse_line("__worker 64").unwrap(), Command::Worker { memory_mb: 64 }));
        assert!(matches!(parse_line("__worker").unwrap(), Command::Worker { memory_mb: DEFAULT_MEMORY_MB }));
        let help = Cli::command().render_long_help().to_string();
        assert!(!help.contains("__worker"), "{help}");
    }

    #[test]
    fn a_usage_error_ends_with_the_usage_of_its_command() {
        let stop = parse_line("check").expect_err("bad usage");
        assert_eq!(
            stop.to_string(),
            "budget2csv: `check` needs at least one INPUT\n\nusage: budget2csv check INPUT...\n\n\
             See `budget2csv check --help`."
        );
        assert!(parse_line("frobnicate").expect_err("bad").to_string().contains("\n\nusage: budget2csv convert INPUT"));
    }
}
