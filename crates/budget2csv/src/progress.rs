//! Progress of a batch on standard error: a bar with file counts, pages per
//! second and the time left when standard error is a terminal; one line per
//! file otherwise (for logs of cluster jobs).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    total: usize,
    done: usize,
    failed: usize,
    pages: u64,
    started: Instant,
    tty: bool,
    drawn: Option<Instant>,
}

impl Progress {
    pub fn new(total: usize) -> Self {
        Progress {
            total,
            done: 0,
            failed: 0,
            pages: 0,
            started: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            drawn: None,
        }
    }

    /// One input is finished; `line` describes it.
    pub fn finished(&mut self, source: &str, pages: u32, failed: bool, line: &str) {
        self.done += 1;
        self.pages += u64::from(pages);
        self.failed += usize::from(failed);
        if self.tty {
            // Failures stay on screen above the bar; successes only move it.
            if failed {
                self.clear();
                eprintln!("{source}: {line}");
            }
            self.draw(false);
        } else {
            eprintln!("[{}/{}] {} {}", self.done, self.total, source, line);
        }
    }

    /// Redraws the bar at most a few times a second.
    pub fn tick(&mut self) {
        if self.tty {
            self.draw(false);
        }
    }

    pub fn pages(&self) -> u64 {
        self.pages
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Removes the bar before the summary.
    pub fn end(&mut self) {
        if self.tty {
            self.draw(true);
            self.clear();
        }
    }

    fn clear(&mut self) {
        eprint!("\r\x1b[2K");
    }

    fn draw(&mut self, force: bool) {
        if !force && self.drawn.is_some_and(|t| t.elapsed() < Duration::from_millis(150)) {
            return;
        }
        self.drawn = Some(Instant::now());
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let width = 24;
        let filled = (self.done * width).checked_div(self.total).unwrap_or(width);
        let eta = if self.done == 0 {
            "…".to_string()
        } else {
            let left = secs / self.done as f64 * (self.total - self.done) as f64;
            format_duration(left)
        };
        eprint!(
            "\r\x1b[2K[{}{}] {}/{} files · {:.1} pages/s · ETA {}{}",
            "#".repeat(filled),
            ".".repeat(width - filled),
            self.done,
            self.total,
            self.pages as f64 / secs,
            eta,
            if self.failed > 0 { format!(" · {} failed", self.failed) } else { String::new() }
        );
        let _ = std::io::stderr().flush();
    }
}

/// `75` → `1m15s`
pub fn format_duration(secs: f64) -> String {
    let s = secs.round() as u64;
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, s % 3600 / 60)
    } else if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(5.2), "5s");
        assert_eq!(format_duration(75.0), "1m15s");
        assert_eq!(format_duration(3725.0), "1h02m");
    }
}
