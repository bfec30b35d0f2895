//! Files that are complete or absent: written under a temporary name in the
//! same folder, renamed into place when finished.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// A file being written; it appears under its name only on [`commit`].
/// Dropped without commit, the temporary file is removed.
///
/// [`commit`]: AtomicFile::commit
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<Self> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{}.{}.tmp", name, std::process::id()));
        let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        Ok(AtomicFile { path: path.to_path_buf(), tmp, writer: Some(BufWriter::new(file)) })
    }

    pub fn writer(&mut self) -> &mut BufWriter<File> {
        // Only `commit` takes the writer, and it consumes self.
        self.writer.as_mut().unwrap_or_else(|| unreachable!("writer taken before commit"))
    }

    /// Puts the file in place; returns its size. The file is complete or
    /// absent whatever interrupts the process; it is not flushed to disk
    /// first (see [`AtomicFile::commit_synced`]).
    pub fn commit(self) -> Result<u64> {
        self.put_in_place(false)
    }

    /// As [`AtomicFile::commit`], with the file flushed to disk before it is
    /// renamed; [`sync_folder`] then makes the rename last as well.
    pub fn commit_synced(self) -> Result<u64> {
        self.put_in_place(true)
    }

    /// Writes out the buffer (and syncs when asked), then renames the file
    /// into place; its size.
    fn put_in_place(mut self, sync: bool) -> Result<u64> {
        let mut size = 0;
        if let Some(mut w) = self.writer.take() {
            w.flush().with_context(|| format!("cannot write {}", self.tmp.display()))?;
            if sync {
                w.get_ref().sync_all().with_context(|| format!("cannot write {}", self.tmp.display()))?;
            }
            size = w.get_ref().metadata().map(|m| m.len()).unwrap_or(0);
        }
        std::fs::rename(&self.tmp, &self.path)
            .with_context(|| format!("cannot rename {} to {}", self.tmp.display(), self.path.display()))?;
        Ok(size)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            self.writer.take();
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer().flush()
    }
}

/// Flushes a folder's entries (renames into it) to disk; where a folder
/// cannot be opened as a file (not Unix), nothing is done.
pub fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        dir.sync_all().ok();
    }
}

/// Writes a whole file atomically with `f` (not synced: [`AtomicFile::commit`]);
/// returns its size.
pub fn write_file(path: &Path, f: impl FnOnce(&mut AtomicFile) -> Result<()>) -> Result<u64> {
    let mut file = AtomicFile::create(path)?;
    f(&mut file)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_when_committed() {
        let dir = std::env::temp_dir().join(format!("budget2csv-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.csv");
        {
            let mut f = AtomicFile::create(&path).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "temporary file left behind");
        assert_eq!(write_file(&path, |f| Ok(f.write_all(b"whole")?)).unwrap(), 5);
        assert_eq!(std::fs::read(&path).unwrap(), b"whole");
        let mut again = AtomicFile::create(&path).unwrap();
        again.write_all(b"synced").unwrap();
        assert_eq!(again.commit_synced().unwrap(), 6);
        assert_eq!(std::fs::read(&path).unwrap(), b"synced");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
