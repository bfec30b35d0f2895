//! Batches: the same output whatever the number of jobs, shards that split
//! a corpus, resumed runs, and inputs that run too long or need too much
//! memory failing alone.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{document_statuses as documents, output_files, root, run, skip, TempDir};

/// Every file of an output folder, `elapsed_ms` blanked.
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    output_files(dir, |_| true)
}

fn convert(args: &[&str], out: &Path) -> std::process::Output {
    let mut all = vec!["convert"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap_or_default()]);
    run(&all)
}

#[test]
fn one_job_or_two_give_the_same_files() {
    let tmp = TempDir::new("jobs");
    let (a, b) = (tmp.path().join("one"), tmp.path().join("two"));
    assert!(convert(&["samples", "--jobs", "1"], &a).status.success());
    assert!(convert(&["samples", "--jobs", "2"], &b).status.success());
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.len() > 20, "{:?}", sa.keys());
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between --jobs 1 and --jobs 2");
    }
}

#[test]
fn shards_split_the_inputs_and_together_give_the_whole() {
    let tmp = TempDir::new("shards");
    let whole = tmp.path().join("whole");
    assert!(convert(&["samples"], &whole).status.success());
    let mut parts: Vec<(String, String, String)> = Vec::new();
    for i in 1..=3 {
        let dir = tmp.path().join(format!("part{i}"));
        let shard = format!("{i}/3");
        assert!(convert(&["samples", "--shard", &shard], &dir).status.success());
        parts.extend(documents(&dir));
    }
    let mut whole_docs = documents(&whole);
    whole_docs.sort();
    parts.sort();
    assert_eq!(parts, whole_docs, "the shards together are the whole batch, each input once");
}

#[test]
fn skip_existing_reuses_converted_inputs_and_redoes_changed_ones() {
    let tmp = TempDir::new("resume");
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(&inputs).expect("inputs");
    for name in ["ruled-rects.pdf", "rotated.pdf"] {
        std::fs::copy(root().join("samples/pdf").join(name), inputs.join(name)).expect("copy");
    }
    let out = tmp.path().join("out");
    let dir = inputs.to_str().unwrap_or_default();
    assert!(convert(&[dir], &out).status.success());
    let first = snapshot(&out);
    let again = convert(&[dir, "--skip-existing"], &out);
    assert!(again.status.success());
    let log = String::from_utf8_lossy(&again.stderr);
    assert_eq!(log.matches("skipped: converted before").count(), 2, "{log}");
    assert_eq!(snapshot(&out), first, "a resumed batch writes the same files");
    // A changed input is converted again.
    std::fs::copy(root().join("samples/pdf/unruled.pdf"), inputs.join("rotated.pdf")).expect("copy");
    let changed = convert(&[dir, "--skip-existing"], &out);
    let log = String::from_utf8_lossy(&changed.stderr);
    assert_eq!(log.matches("skipped: converted before").count(), 1, "{log}");
    assert_ne!(snapshot(&out)["rotated/document.json"], first["rotated/document.json"]);
    // A folder whose files are not all there as written (an empty file
    // left by a power cut) is converted again, and comes out whole.
    let whole = snapshot(&out);
    std::fs::write(out.join("ruled-rects/.rows/cells.csv"), b"").expect("truncate");
    let redone = convert(&[dir, "--skip-existing"], &out);
    let log = String::from_utf8_lossy(&redone.stderr);
    assert_eq!(log.matches("skipped: converted before").count(), 1, "{log}");
    assert!(log.contains("ruled-rects.pdf") && !log.contains("ruled-rects.pdf: skipped"), "{log}");
    let after = snapshot(&out);
    assert_eq!(after["ruled-rects/.rows/cells.csv"], whole["ruled-rects/.rows/cells.csv"]);
    assert_eq!(after["cells.csv"], whole["cells.csv"]);
}

#[cfg(unix)]
#[test]
fn an_input_that_never_ends_fails_alone_at_the_time_limit() {
    let tmp = TempDir::new("timeout");
    let fifo = tmp.path().join("stall.pdf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        skip("an_input_that_never_ends_fails_alone_at_the_time_limit", "mkfifo is not available");
        return;
    }
    let out = tmp.path().join("out");
    let seed = root().join("samples/text/wuchang-gov-office-2024.txt");
    let o = convert(
        &[fifo.to_str().unwrap_or_default(), seed.to_str().unwrap_or_default(), "--timeout-per-file", "2"],
        &out,
    );
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = documents(&out);
    let stalled = docs.iter().find(|d| d.0.ends_with("stall.pdf")).expect("a row for the stalled input");
    assert_eq!((stalled.1.as_str(), stalled.2.as_str()), ("error", "time limit of 2 s per file exceeded"));
    assert!(docs.iter().any(|d| d.0.ends_with(".txt") && d.1 != "error"), "{docs:?}");
}

#[cfg(unix)]
#[test]
fn an_input_that_needs_too_much_memory_fails_alone() {
    let tmp = TempDir::new("memory");
    let big = tmp.path().join("big.txt");
    std::fs::write(&big, vec![b'a'; 96 * 1024 * 1024]).expect("write");
    let out = tmp.path().join("out");
    let seed = root().join("samples/text/wuchang-gov-office-2024.txt");
    let o = convert(
        &[big.to_str().unwrap_or_default(), seed.to_str().unwrap_or_default(), "--memory-per-file", "64"],
        &out,
    );
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = documents(&out);
    let big_row = docs.iter().find(|d| d.0.ends_with("big.txt")).expect("a row for the big input");
    assert_eq!((big_row.1.as_str(), big_row.2.as_str()), ("error", "memory limit of 64 MB per file exceeded"));
    assert!(docs.iter().any(|d| d.0.ends_with(".txt") && d.1 != "error"), "{docs:?}");
}
