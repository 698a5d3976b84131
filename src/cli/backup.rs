//! `kinerja-bot backup --out FILE`: a consistent copy of the SQLite database, taken beside a
//! running bot. PostgreSQL is backed up with its own tools (`pg_dump`).

use std::path::{Path, PathBuf};

use crate::app::StartError;
use crate::config::Settings;
use crate::storage::{self, Backend};

use super::Outcome;
use super::run_lock::sqlite_file;

pub struct Request {
    pub out: PathBuf,
    pub force: bool,
}

pub async fn run(settings: &Settings, request: Request) -> Result<Outcome, StartError> {
    let url = &settings.database_url;
    if Backend::from_url(url) == Some(Backend::Postgres) {
        eprintln!(
            "kinerja-bot: backup copies SQLite databases only; back up PostgreSQL with its own \
             tools, e.g. `pg_dump -Fc -f kinerja.dump \"$DATABASE_URL\"` (README, \"Backups\")"
        );
        return Ok(Outcome::Refused);
    }
    let Some(database) = sqlite_file(url) else {
        if Backend::from_url(url).is_some() {
            eprintln!(
                "kinerja-bot: DATABASE_URL names an in-memory SQLite database; there is no file to back up"
            );
            return Ok(Outcome::Refused);
        }
        // An unknown scheme: connecting says what is wrong with it.
        storage::connect(url, &settings.file).await?;
        return Ok(Outcome::Refused);
    };
    // Connecting would create an empty database where none is.
    if !database.is_file() {
        eprintln!(
            "kinerja-bot: there is no SQLite database at {}",
            database.display()
        );
        return Ok(Outcome::Refused);
    }
    let out = &request.out;
    if same_file(&database, out) {
        eprintln!(
            "kinerja-bot: {} is the database itself; write the backup to another file",
            out.display()
        );
        return Ok(Outcome::Refused);
    }
    if out.exists() && !request.force {
        eprintln!(
            "kinerja-bot: {} already exists; pass --force to replace it",
            out.display()
        );
        return Ok(Outcome::Refused);
    }
    let Some(part) = part_path(out) else {
        eprintln!(
            "kinerja-bot: {} is not a file name this command can write",
            out.display()
        );
        return Ok(Outcome::Refused);
    };
    // A `.part` left by an interrupted backup would make VACUUM INTO refuse.
    if let Err(e) = remove_if_present(&part) {
        eprintln!("kinerja-bot: cannot remove {}: {e}", part.display());
        return Ok(Outcome::Refused);
    }
    let db = storage::connect(url, &settings.file).await?;
    // One read transaction on the WAL snapshot: the bot goes on writing meanwhile, and the copy
    // holds everything committed before it began and nothing after.
    let copied = sqlx::query("VACUUM INTO $1")
        .bind(part.to_string_lossy().into_owned())
        .execute(db.pool())
        .await;
    db.close().await;
    if let Err(e) = copied {
        let _ = remove_if_present(&part);
        eprintln!("kinerja-bot: cannot write {}: {e}", part.display());
        return Ok(Outcome::Refused);
    }
    // The copy is made durable under its temporary name first, so a crash leaves either no
    // backup or a whole one under the final name.
    let finished = std::fs::File::open(&part)
        .and_then(|f| f.sync_all())
        .and_then(|()| std::fs::rename(&part, out))
        .and_then(|()| sync_folder(out))
        .and_then(|()| std::fs::metadata(out));
    match finished {
        Ok(meta) => {
            println!(
                "backup of {} written to {} ({} bytes, {})",
                database.display(),
                out.display(),
                meta.len(),
                human_size(meta.len())
            );
            Ok(Outcome::Done)
        }
        Err(e) => {
            let _ = remove_if_present(&part);
            eprintln!("kinerja-bot: cannot finish {}: {e}", out.display());
            Ok(Outcome::Refused)
        }
    }
}

fn part_path(out: &Path) -> Option<PathBuf> {
    let mut name = out.file_name()?.to_os_string();
    name.push(".part");
    Some(out.with_file_name(name))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The rename itself survives a power cut only once the folder is synced.
fn sync_folder(file: &Path) -> std::io::Result<()> {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::File::open(folder)?.sync_all()
}

fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit + 1 < UNITS.len() {
        size /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{size:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_the_largest_whole_unit() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MiB");
    }

    #[test]
    fn the_part_file_sits_beside_the_backup() {
        assert_eq!(
            part_path(Path::new("/b/kb-2027.db")),
            Some(PathBuf::from("/b/kb-2027.db.part"))
        );
        assert_eq!(part_path(Path::new("/")), None);
    }
}
