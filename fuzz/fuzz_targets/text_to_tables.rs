//! Text to tables: any bytes, read as text (invalid UTF-8 replaced), split
//! into pages and parsed. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pages = budget_extract::text::pages_from_text(&text);
    let _ = budget_parse::parse(&pages);
});
