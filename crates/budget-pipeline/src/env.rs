//! The options of a conversion as the environment sets them. The only
//! place the environment is read: programs call [`options_from_env`], and
//! everything else takes its options as an argument.

use std::ffi::OsStr;

use budget_extract::PdfOptions;

/// The environment variable that turns the font renumbering off
/// ([`PdfOptions::renumber_fonts`]) when it is `off` (in any case): for
/// finding out whether a wrong character comes from the renumbering. Any
/// other value, or none, leaves it on.
pub const FONT_RENUMBERING: &str = "BUDGET2CSV_FONT_RENUMBERING";

/// The default options, but for what the environment turns off
/// ([`FONT_RENUMBERING`]). The command line's worker processes inherit
/// its environment, so a batch reads every file the same way.
pub fn options_from_env() -> PdfOptions {
    options(std::env::var_os(FONT_RENUMBERING).as_deref())
}

/// The options, given the value of [`FONT_RENUMBERING`].
fn options(renumbering: Option<&OsStr>) -> PdfOptions {
    let off = renumbering.is_some_and(|v| v.eq_ignore_ascii_case("off"));
    PdfOptions { renumber_fonts: !off, ..PdfOptions::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_off_turns_the_renumbering_off() {
        let cases = [(None, true), (Some("off"), false), (Some("OFF"), false), (Some("on"), true), (Some(""), true)];
        for (value, renumber) in cases {
            assert_eq!(options(value.map(OsStr::new)).renumber_fonts, renumber, "{value:?}");
        }
        assert_eq!(options(None).max_pages, PdfOptions::default().max_pages);
    }
}
