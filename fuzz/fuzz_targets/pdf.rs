//! The whole PDF path: any bytes through the extractor and the parser.
//!
//! The extractor catches the PDF reader's panics itself and turns them into
//! errors; those are fine here, so the quiet panic hook is installed over
//! libFuzzer's aborting one: a panic inside `catch_quietly` unwinds to it,
//! any other panic still aborts. A panic that escapes, an abort (a stack
//! overflow), a hang or running out of memory is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: budget_extract::install_quiet_panic_hook(), |data: &[u8]| {
    let options = budget_extract::PdfOptions::default();
    if let Ok(extracted) = budget_extract::extract_bytes(data, &options) {
        let _ = budget_parse::parse(&extracted.pages);
    }
});
