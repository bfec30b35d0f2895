//! The command line.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

pub const USAGE: &str = "\
usage:
  budget2csv convert INPUT... --out DIR [--excel]
  budget2csv text FILE
  budget2csv --help | --version

INPUT is a budget PDF, a .txt file of text extracted from one, or a folder of
them (searched recursively for .pdf and .txt files).

convert  writes DIR/cells.csv, documents.csv, checks.csv, indicators.csv,
         forms.csv and one folder per document (a CSV per table and
         document.json). Exit status 1 when an input failed; the others are
         still written.
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
}
