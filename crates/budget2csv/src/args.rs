//! The command line.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

pub const USAGE: &str = "\
usage:
  budget2csv convert INPUT... --out DIR [--excel]
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

options:
  --out DIR   output folder (created if missing)
  --excel     CSV for spreadsheets: byte-order mark, and text cells starting
              with = + - @ prefixed with ' so that they never run as formulas";

/// What to do.
#[derive(Debug)]
pub enum Command {
    Help,
    Version,
    Convert(ConvertOptions),
    Check(Vec<PathBuf>),
    Text(PathBuf),
}

/// Options of `convert`.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub excel: bool,
}

pub fn parse(argv: &[String]) -> Result<Command> {
    let Some((cmd, rest)) = argv.split_first() else { bail!("no command given") };
    match cmd.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "convert" => parse_convert(rest).map(Command::Convert),
        "check" => parse_check(rest).map(Command::Check),
        "text" => match rest {
            [file] => Ok(Command::Text(PathBuf::from(file))),
            _ => bail!("`text` takes exactly one FILE"),
        },
        other => bail!("unknown command `{other}`"),
    }
}

fn parse_convert(rest: &[String]) -> Result<ConvertOptions> {
    let mut inputs = Vec::new();
    let mut out = None;
    let mut excel = false;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" | "-o" => out = Some(PathBuf::from(it.next().context("--out needs a folder")?)),
            "--excel" => excel = true,
            s if s.starts_with("--out=") => out = Some(PathBuf::from(&s["--out=".len()..])),
            s if s.starts_with('-') && s.len() > 1 => bail!("unknown option `{s}`"),
            s => inputs.push(PathBuf::from(s)),
        }
    }
    if inputs.is_empty() {
        bail!("`convert` needs at least one INPUT");
    }
    let out = out.context("`convert` needs --out DIR")?;
    Ok(ConvertOptions { inputs, out, excel })
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
    fn check_needs_inputs_and_takes_no_options() {
        assert!(parse(&argv("check")).is_err());
        assert!(parse(&argv("check a.pdf --out o")).is_err());
        match parse(&argv("check a.pdf samples")).unwrap() {
            Command::Check(inputs) => assert_eq!(inputs, vec![PathBuf::from("a.pdf"), PathBuf::from("samples")]),
            c => panic!("{c:?}"),
        }
    }
}
