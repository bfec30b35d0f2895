//! Text to tables: any bytes, read as text (invalid UTF-8 replaced), split
//! into pages, parsed and checked (`budget_pipeline::convert_text`).
//! Nothing may panic.
//!
//! No quiet panic hook here (nothing is expected to panic, unlike the PDF
//! reader): libFuzzer's hook aborts on any panic, with its place, before
//! the pipeline's `catch_quietly` could turn it into an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = budget_pipeline::convert_text(&String::from_utf8_lossy(data), "fuzz input");
});
