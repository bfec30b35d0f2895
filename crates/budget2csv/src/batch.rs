//! `budget2csv convert`: a batch of inputs converted by a pool of worker
//! processes.
//!
//! The batch lists its inputs (folders searched recursively, a stable
//! order), keeps its shard (`--shard i/n`: the inputs whose name hashes to
//! share i), leaves out those converted before (`--skip-existing`: same
//! SHA-256 as recorded in their folder), and hands the rest to `--jobs`
//! worker processes ([`crate::worker`]). An input that runs past
//! `--timeout-per-file` has its worker killed and replaced; one whose worker
//! dies (out of memory under `--memory-per-file`, or a crash) fails alone.
//! The combined files are put together at the end in input order, so that
//! they are the same whatever the number of jobs.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use budget_export::{CsvOptions, DocumentRecord};

use crate::args::ConvertOptions;
use crate::inputs::{collect, Input};
use crate::outdir::{folder_names, remove_dataset, stored, workbook_name, write_combined, write_dataset, Entry};
use crate::progress::{format_duration, Progress};
use crate::worker::{sha256_hex, Job, Reply};

/// The share (1-based) of `n` an input belongs to: FNV-1a of its source
/// name, so that every machine of an array job agrees without talking.
pub fn shard_of(source: &str, n: u32) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in source.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % u64::from(n.max(1))) as u32 + 1
}

/// What became of one input of the batch.
enum Done {
    /// Converted now or before; its folder holds its rows.
    Converted {
        reply: Reply,
        reused: bool,
    },
    Failed(Box<DocumentRecord>),
}

pub fn run_convert(opts: &ConvertOptions) -> Result<bool> {
    let all = collect(&opts.inputs)?;
    let folders = folder_names(all.iter().map(|i| i.source.as_str()));
    let selected: Vec<(Input, String)> = all
        .into_iter()
        .zip(folders)
        .filter(|(input, _)| opts.shard.is_none_or(|(i, n)| shard_of(&input.source, n) == i))
        .collect();
    std::fs::create_dir_all(&opts.out)
        .with_context(|| format!("cannot create output folder {}", opts.out.display()))?;
    let mut progress = Progress::new(selected.len());
    let mut done: Vec<Option<Done>> = (0..selected.len()).map(|_| None).collect();
    if opts.skip_existing {
        reuse_converted(&selected, opts, &mut done, &mut progress);
    }
    let todo: VecDeque<usize> = (0..selected.len()).filter(|&i| done[i].is_none()).collect();
    if !todo.is_empty() {
        let mut pool = Pool::new(opts, &selected, todo)?;
        pool.run(&mut done, &mut progress)?;
    }
    progress.end();
    let entries: Vec<Entry<'_>> = selected
        .iter()
        .zip(&done)
        .map(|((_, folder), d)| match d {
            Some(Done::Converted { .. }) => Entry::Folder(folder),
            Some(Done::Failed(record)) => Entry::Failed(record.clone()),
            None => Entry::Failed(Box::new(DocumentRecord::failed("", "not converted", 0))),
        })
        .collect();
    write_combined(&opts.out, &entries, CsvOptions { excel: opts.excel })?;
    if opts.review {
        crate::review::write_index(&opts.out, selected.iter().map(|(_, folder)| folder.as_str()))?;
    }
    if opts.xlsx {
        write_dataset(&opts.out, opts.excel)?;
    } else {
        // A workbook of an earlier batch would no longer match the files.
        remove_dataset(&opts.out)?;
    }
    Ok(summary(&done, &progress, &opts.out))
}

/// Marks the inputs whose folder already holds a complete conversion of
/// the same bytes (with its workbook, under `--xlsx`: a folder converted
/// without it is converted again, since the workbook is made from the
/// document in memory).
fn reuse_converted(
    selected: &[(Input, String)],
    opts: &ConvertOptions,
    done: &mut [Option<Done>],
    progress: &mut Progress,
) {
    for (i, (input, folder)) in selected.iter().enumerate() {
        let dir = opts.out.join(folder);
        let Some((sha, status)) = stored(&dir) else { continue };
        if opts.xlsx && !dir.join(workbook_name(folder)).is_file() {
            continue;
        }
        let Ok(bytes) = std::fs::read(&input.path) else { continue };
        if status != "error" && sha == sha256_hex(&bytes) {
            let reply = Reply { sha256: sha, ..Reply::new(i, &status) };
            progress.finished(&input.source, 0, false, "skipped: converted before");
            done[i] = Some(Done::Converted { reply, reused: true });
        }
    }
}

fn summary(done: &[Option<Done>], progress: &Progress, out: &Path) -> bool {
    let (mut ok, mut partial, mut failed, mut skipped, mut other) = (0, 0, 0, 0, 0);
    let (mut tables, mut cells, mut checks_failed) = (0, 0, 0);
    for d in done.iter().flatten() {
        match d {
            Done::Converted { reused: true, .. } => skipped += 1,
            Done::Converted { reply, .. } => {
                match reply.status.as_str() {
                    "ok" => ok += 1,
                    // A written `error` is a document of kind 其他.
                    "error" => other += 1,
                    _ => partial += 1,
                }
                tables += reply.tables;
                cells += reply.cells;
                checks_failed += reply.checks_failed;
            }
            Done::Failed(_) => failed += 1,
        }
    }
    let secs = progress.elapsed().as_secs_f64();
    eprintln!(
        "{} files: {ok} ok, {partial} partial, {failed} failed{}{}; {tables} tables, {cells} cells, {checks_failed} checks failed; {} pages in {} ({:.1} pages/s) → {}",
        done.len(),
        if skipped > 0 { format!(", {skipped} skipped") } else { String::new() },
        if other > 0 { format!(", {other} not budgets") } else { String::new() },
        progress.pages(),
        format_duration(secs),
        progress.pages() as f64 / secs.max(0.001),
        out.display()
    );
    failed == 0 && other == 0
}

/// What a worker's reader thread reports.
enum Event {
    Reply(Reply),
    /// The worker's output ended: it exited or died.
    Gone,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    /// The job it is on and since when.
    current: Option<(usize, Instant)>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

/// The worker processes of a batch.
struct Pool<'a> {
    opts: &'a ConvertOptions,
    selected: &'a [(Input, String)],
    queue: VecDeque<usize>,
    workers: HashMap<usize, Worker>,
    next_id: usize,
    tx: Sender<(usize, Event)>,
    rx: Receiver<(usize, Event)>,
}

impl<'a> Pool<'a> {
    fn new(opts: &'a ConvertOptions, selected: &'a [(Input, String)], queue: VecDeque<usize>) -> Result<Self> {
        let (tx, rx) = channel();
        let mut pool = Pool { opts, selected, queue, workers: HashMap::new(), next_id: 0, tx, rx };
        for _ in 0..opts.jobs.min(pool.queue.len()).max(1) {
            pool.spawn()?;
        }
        Ok(pool)
    }

    fn spawn(&mut self) -> Result<()> {
        let exe = std::env::current_exe().context("cannot find the budget2csv program to start workers")?;
        let mut child = Command::new(exe)
            .arg("__worker")
            .arg(self.opts.memory_mb.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("cannot start a worker process")?;
        let id = self.next_id;
        self.next_id += 1;
        let stdin = child.stdin.take().context("worker without stdin")?;
        let stdout = child.stdout.take().context("worker without stdout")?;
        let stderr_pipe = child.stderr.take().context("worker without stderr")?;
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Ok(reply) = serde_json::from_str::<Reply>(&line) {
                    if tx.send((id, Event::Reply(reply))).is_err() {
                        return;
                    }
                }
            }
            let _ = tx.send((id, Event::Gone));
        });
        // The last words of a dying worker (`memory allocation of … failed`).
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let keep = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = String::new();
            let _ = BufReader::new(stderr_pipe).take(64 * 1024).read_to_string(&mut buf);
            if let Ok(mut s) = keep.lock() {
                *s = buf;
            }
        });
        self.workers.insert(id, Worker { child, stdin, current: None, stderr });
        Ok(())
    }

    /// Gives the next jobs to idle workers.
    fn assign(&mut self) -> Result<()> {
        let idle: Vec<usize> = self.workers.iter().filter(|(_, w)| w.current.is_none()).map(|(&id, _)| id).collect();
        for id in idle {
            let Some(index) = self.queue.pop_front() else { break };
            let (input, folder) = &self.selected[index];
            let job = Job {
                index,
                path: input.path.clone(),
                source: input.source.clone(),
                folder: folder.clone(),
                out: self.opts.out.clone(),
                excel: self.opts.excel,
                review: self.opts.review,
                xlsx: self.opts.xlsx,
            };
            let w = self.workers.get_mut(&id).context("worker")?;
            let line = serde_json::to_string(&job)? + "\n";
            if w.stdin.write_all(line.as_bytes()).and_then(|_| w.stdin.flush()).is_err() {
                // The worker is gone; its Gone event will replace it.
                self.queue.push_front(index);
                continue;
            }
            w.current = Some((index, Instant::now()));
        }
        Ok(())
    }

    fn run(&mut self, done: &mut [Option<Done>], progress: &mut Progress) -> Result<()> {
        let timeout = Duration::from_secs(self.opts.timeout_secs);
        let mut remaining = self.queue.len();
        while remaining > 0 {
            self.assign()?;
            match self.rx.recv_timeout(Duration::from_millis(200)) {
                Ok((id, Event::Reply(reply))) => {
                    let Some(w) = self.workers.get_mut(&id) else { continue };
                    w.current = None;
                    if done[reply.index].is_none() {
                        self.record(reply, done, progress);
                        remaining -= 1;
                    }
                }
                Ok((id, Event::Gone)) => {
                    let Some(mut w) = self.workers.remove(&id) else { continue };
                    let status = w.child.wait().ok();
                    if let Some((index, started)) = w.current {
                        let said = w.stderr.lock().map(|s| s.clone()).unwrap_or_default();
                        let reason = death_reason(status, &said, self.opts.memory_mb);
                        self.fail(index, &reason, started, done, progress);
                        remaining -= 1;
                    }
                    if !self.queue.is_empty() {
                        self.spawn()?;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    for (index, started) in self.overdue(timeout) {
                        let reason = format!("time limit of {} s per file exceeded", self.opts.timeout_secs);
                        self.fail(index, &reason, started, done, progress);
                        remaining -= 1;
                    }
                    progress.tick();
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        for (_, mut w) in self.workers.drain() {
            drop(w.stdin);
            let _ = w.child.wait();
        }
        Ok(())
    }

    /// Kills the workers past the time limit and replaces them; returns
    /// their jobs.
    fn overdue(&mut self, timeout: Duration) -> Vec<(usize, Instant)> {
        let late: Vec<usize> = self
            .workers
            .iter()
            .filter(|(_, w)| w.current.is_some_and(|(_, t)| t.elapsed() > timeout))
            .map(|(&id, _)| id)
            .collect();
        let mut jobs = Vec::new();
        for id in late {
            if let Some(mut w) = self.workers.remove(&id) {
                let _ = w.child.kill();
                let _ = w.child.wait();
                jobs.extend(w.current);
            }
        }
        for _ in 0..jobs.len() {
            if !self.queue.is_empty() {
                // A failure to start a worker leaves the others to finish.
                let _ = self.spawn();
            }
        }
        jobs
    }

    fn record(&self, reply: Reply, done: &mut [Option<Done>], progress: &mut Progress) {
        let source = &self.selected[reply.index].0.source;
        let index = reply.index;
        if reply.status == "error" && !reply.written {
            progress.finished(source, 0, true, &format!("error: {}", reply.error));
            let mut record = DocumentRecord::failed(source, &reply.error, reply.elapsed_ms);
            record.sha256 = reply.sha256;
            done[index] = Some(Done::Failed(Box::new(record)));
        } else if reply.status == "error" {
            progress.finished(source, reply.pages, true, &format!("error: {}", reply.error));
            done[index] = Some(Done::Converted { reply, reused: false });
        } else {
            let line = format!(
                "{}: {} tables, {} cells, {} checks failed, {} ms",
                reply.status, reply.tables, reply.cells, reply.checks_failed, reply.elapsed_ms
            );
            progress.finished(source, reply.pages, false, &line);
            done[index] = Some(Done::Converted { reply, reused: false });
        }
    }

    fn fail(&self, index: usize, reason: &str, started: Instant, done: &mut [Option<Done>], progress: &mut Progress) {
        let source = &self.selected[index].0.source;
        progress.finished(source, 0, true, &format!("error: {reason}"));
        let record = DocumentRecord::failed(source, reason, started.elapsed().as_millis() as u64);
        done[index] = Some(Done::Failed(Box::new(record)));
    }
}

/// Why a worker died in the middle of an input.
fn death_reason(status: Option<std::process::ExitStatus>, stderr: &str, memory_mb: u64) -> String {
    if stderr.contains("memory allocation") || stderr.contains("out of memory") {
        return format!("memory limit of {memory_mb} MB per file exceeded");
    }
    let how = status.map_or_else(|| "unknown".to_string(), describe_exit);
    format!("the reader crashed on this file ({how})")
}

#[cfg(unix)]
fn describe_exit(s: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match s.signal() {
        Some(sig) => format!("signal {sig}"),
        None => format!("exit status {}", s.code().unwrap_or(-1)),
    }
}

#[cfg(not(unix))]
fn describe_exit(s: std::process::ExitStatus) -> String {
    format!("exit status {}", s.code().unwrap_or(-1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_inputs_deterministically_and_completely() {
        let names: Vec<String> = (0..1000).map(|i| format!("dept/{i}.pdf")).collect();
        let mut counts = [0usize; 4];
        for n in &names {
            let s = shard_of(n, 4);
            assert_eq!(s, shard_of(n, 4));
            counts[(s - 1) as usize] += 1;
        }
        assert_eq!(counts.iter().sum::<usize>(), 1000);
        assert!(counts.iter().all(|&c| c > 180), "{counts:?}");
        assert_eq!(shard_of("a.pdf", 1), 1);
    }
}
