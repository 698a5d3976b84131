//! One `run` per SQLite file: two bots polling the same database would both take updates and
//! fight over its write lock, so a second one is refused at start.
//!
//! The lock is an advisory `flock` on `<database>.run.lock`, which the kernel drops when the
//! process ends however it ends, so a file left behind by a crash never blocks a restart. The
//! file itself is never removed: unlinking it while another process has it open would let two
//! processes each lock a different file of the same name.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::app::StartError;
use crate::storage::StorageError;

/// Held for the life of the process; dropping it releases the lock.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

/// Takes the lock for the SQLite file `database_url` names; `None` for PostgreSQL and in-memory
/// SQLite, which need none.
pub fn acquire(database_url: &str) -> Result<Option<RunLock>, StartError> {
    let Some(database) = sqlite_file(database_url) else {
        return Ok(None);
    };
    let lock_path = lock_path(&database);
    let open_error = |cause: String| StorageError::SqliteOpen {
        path: database.display().to_string(),
        cause,
    };
    // Not truncated on open: the PID of the process holding it is read below.
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .map_err(|e| open_error(format!("cannot create {}: {e}", lock_path.display())))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            return Err(StartError::AlreadyRunning {
                database: database.display().to_string(),
                lock_file: lock_path.display().to_string(),
                pid: text.trim().parse().ok(),
            });
        }
        Err(TryLockError::Error(e)) => {
            return Err(open_error(format!("cannot lock {}: {e}", lock_path.display())).into());
        }
    }
    // Only for the operator reading the refusal; the lock, not this number, decides.
    let written = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| writeln!(file, "{}", std::process::id()));
    if let Err(e) = written {
        tracing::warn!(error = %e, "could not write the PID into the run lock file");
    }
    Ok(Some(RunLock { _file: file }))
}

/// The file an SQLite URL names, as sqlx reads it; `None` for PostgreSQL and in-memory
/// databases.
pub(crate) fn sqlite_file(database_url: &str) -> Option<PathBuf> {
    if !database_url.starts_with("sqlite:")
        || database_url.contains(":memory:")
        || database_url.contains("mode=memory")
    {
        return None;
    }
    let options: sqlx::sqlite::SqliteConnectOptions = database_url.parse().ok()?;
    let path = options.get_filename();
    (!path.as_os_str().is_empty()).then(|| path.to_path_buf())
}

/// `<database>.run.lock`, in the database's folder resolved through symlinks, so that two
/// spellings of one folder meet at one lock.
fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.file_name().unwrap_or_default().to_os_string();
    name.push(".run.lock");
    let folder = match database.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    folder.canonicalize().unwrap_or(folder).join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sqlite_files_have_a_lock() {
        assert_eq!(
            sqlite_file("sqlite:///var/lib/kb.db?mode=rwc"),
            Some(PathBuf::from("/var/lib/kb.db"))
        );
        assert_eq!(sqlite_file("sqlite://kb.db"), Some(PathBuf::from("kb.db")));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("sqlite://:memory:"), None);
        assert_eq!(sqlite_file("sqlite://kb.db?mode=memory"), None);
        assert_eq!(sqlite_file("postgres://kb@db/kb"), None);
    }

    #[test]
    fn a_second_lock_on_one_file_is_refused_and_a_released_one_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("kb.db").display());
        let first = acquire(&url).unwrap().expect("a file database is locked");
        let refused = acquire(&url).unwrap_err();
        match &refused {
            StartError::AlreadyRunning { pid, lock_file, .. } => {
                assert_eq!(*pid, Some(std::process::id()));
                assert!(lock_file.ends_with("kb.db.run.lock"), "{lock_file}");
            }
            other => panic!("unexpected {other:?}"),
        }
        drop(first);
        assert!(acquire(&url).unwrap().is_some());
        assert!(acquire("sqlite::memory:").unwrap().is_none());
    }
}
