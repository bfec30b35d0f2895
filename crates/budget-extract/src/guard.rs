//! Turning panics of the PDF reader into errors.
//!
//! `pdf-extract` panics on some real PDFs (unsupported encodings, unexpected
//! objects). Every call into it runs inside [`catch_quietly`], which turns a
//! panic into an error message; the quiet panic hook keeps such a caught panic
//! from also printing a backtrace banner in the middle of a batch.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`, turning a panic into `Err(message)`.
pub fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
    result.map_err(|payload| {
        if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown panic".to_string()
        }
    })
}

/// Installs a panic hook that stays silent for panics caught by
/// [`catch_quietly`] and defers to the previous hook for all others.
/// Meant for programs (the CLI), not called by the library itself.
pub fn install_quiet_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED.with(|g| g.get()) == 0 {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message() {
        let r: Result<(), String> = catch_quietly(|| panic!("unsupported encoding X"));
        assert_eq!(r, Err("unsupported encoding X".to_string()));
        assert_eq!(catch_quietly(|| 7), Ok(7));
    }
}
