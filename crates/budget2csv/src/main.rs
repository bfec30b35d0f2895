//! `budget2csv`: converts Chinese government budget documents (部门预算 /
//! 部门决算, as PDF or as text extracted from one) into validated, normalized
//! CSV. See the README for the commands and the output contract.
#![forbid(unsafe_code)]

mod args;
mod atomic;
mod batch;
mod check_cmd;
mod convert;
mod inputs;
mod outdir;
mod progress;
mod review;
mod worker;

use std::process::ExitCode;

use args::Command;

fn main() -> ExitCode {
    budget_extract::install_quiet_panic_hook();
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(c) => c,
        Err(stop) => return stop.report(),
    };
    let result = match command {
        Command::Convert(opts) => batch::run_convert(&opts),
        Command::Review(opts) => batch::run_convert(&args::ConvertOptions { review: true, ..opts }),
        Command::Worker { memory_mb } => worker::run_worker(memory_mb),
        Command::Check { inputs } => check_cmd::run_check(&inputs),
        Command::Text { file } => convert::run_text(&file),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("budget2csv: {e:#}");
            ExitCode::from(1)
        }
    }
}
