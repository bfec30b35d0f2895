//! The whole conversion: any bytes through the extractor, the parser and
//! the checks (`budget_pipeline::convert`).
//!
//! The extractor turns the PDF reader's panics into errors naming the
//! page; those are fine here. The pipeline catches every other panic too,
//! as [`ErrorKind::Panic`]. The quiet panic hook, installed over
//! libFuzzer's aborting one, lets both unwind to where they are caught
//! (`catch_quietly`); a `Panic` is raised again here, outside, and aborts,
//! with its message but not its place (the `text_to_tables` target gives
//! the place of the parser's and the checks' panics). A panic, an abort (a
//! stack overflow), a hang or running out of memory is a finding.
#![no_main]

use budget_pipeline::{convert, ErrorKind, PdfOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: budget_extract::install_quiet_panic_hook(), |data: &[u8]| {
    if let Err(e) = convert(data, "fuzz input", &PdfOptions::default()) {
        if let ErrorKind::Panic(message) = e.kind() {
            panic!("{message}");
        }
    }
});
