//! Opening the pool: SQLite files are created on first start and run in WAL mode.

use std::time::Duration;

use std::sync::Arc;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, install_default_drivers};
use sqlx::{AnyConnection, ConnectOptions, Executor};

use super::executor::{Exec, Setup, SqliteConns};
use super::{Backend, Db, StorageError, redact_url};
use crate::config::FileConfig;

pub async fn connect(url: &str, cfg: &FileConfig) -> Result<Db, StorageError> {
    install_default_drivers();
    let backend = Backend::from_url(url).ok_or_else(|| StorageError::PostgresConnect {
        url: redact_url(url),
        cause: "unsupported scheme".into(),
    })?;
    if backend == Backend::Sqlite && is_in_memory(url) {
        return Err(StorageError::SqliteOpen {
            path: sqlite_path(url),
            cause: "an in-memory database is not supported: each connection would see its own \
                    empty database, and everything would be lost at exit; name a file, e.g. \
                    sqlite://kinerja.db"
                .into(),
        });
    }
    let url = match backend {
        Backend::Sqlite => sqlite_url_creating_file(url),
        Backend::Postgres => url.to_owned(),
    };
    let options: AnyConnectOptions = url
        .parse::<AnyConnectOptions>()
        .map_err(|e| open_error(backend, &url, e))?
        .disable_statement_logging();
    let busy_ms = cfg.database.busy_timeout_seconds * 1000;
    let setup: Setup = Arc::new(move |conn: &mut AnyConnection| {
        Box::pin(async move {
            if conn.backend_name().eq_ignore_ascii_case("sqlite") {
                sqlite_pragmas(conn, busy_ms).await?;
            }
            Ok(())
        })
    });
    let acquire_timeout = Duration::from_secs(cfg.database.busy_timeout_seconds);
    let after_connect = setup.clone();
    let pool = AnyPoolOptions::new()
        .max_connections(cfg.database.max_connections)
        .acquire_timeout(acquire_timeout)
        // A SQLite connection is a file handle in this process and cannot drop away the way a
        // server's can; the ping before each acquire cost a round trip to its worker thread,
        // as much as the statement itself.
        .test_before_acquire(backend == Backend::Postgres)
        .after_connect(move |conn, _meta| after_connect(conn))
        .connect_with(options.clone())
        .await
        .map_err(|e| open_error(backend, &url, e))?;
    if backend == Backend::Sqlite {
        // A read-only file opens without complaint and fails on the first write; find out now.
        let probe = "CREATE TABLE IF NOT EXISTS _kb_write_probe (x INTEGER); \
                     DROP TABLE _kb_write_probe";
        pool.execute(probe)
            .await
            .map_err(|e| open_error(backend, &url, e))?;
    }
    let exec = match backend {
        Backend::Sqlite => Exec::Sqlite(Arc::new(SqliteConns::new(
            options,
            setup,
            cfg.database.max_connections,
            acquire_timeout,
        ))),
        Backend::Postgres => Exec::Pool(pool.clone()),
    };
    Ok(Db {
        pool,
        exec,
        backend,
        users: Default::default(),
        conversations: Default::default(),
    })
}

async fn sqlite_pragmas(conn: &mut AnyConnection, busy_ms: u64) -> Result<(), sqlx::Error> {
    // WAL lets readers run during a write; busy_timeout makes concurrent writers wait instead
    // of failing with SQLITE_BUSY.
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.execute("PRAGMA synchronous = NORMAL").await?;
    conn.execute("PRAGMA foreign_keys = ON").await?;
    // 16 MiB of pages per connection instead of SQLite's 2 MiB: the indexes an organisation
    // of 100,000 reads in a reminder pass then stay in memory, and the pass stays linear in
    // its size.
    conn.execute("PRAGMA cache_size = -16384").await?;
    let busy = format!("PRAGMA busy_timeout = {busy_ms}");
    conn.execute(sqlx::AssertSqlSafe(busy)).await?;
    Ok(())
}

fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// `sqlite://file.db` must create the file on first start; sqlx opens read-write only unless
/// told `mode=rwc`.
fn sqlite_url_creating_file(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

fn open_error(backend: Backend, url: &str, e: sqlx::Error) -> StorageError {
    match backend {
        Backend::Sqlite => StorageError::SqliteOpen {
            path: sqlite_path(url),
            cause: e.to_string(),
        },
        Backend::Postgres => StorageError::PostgresConnect {
            url: redact_url(url),
            cause: e.to_string(),
        },
    }
}

fn sqlite_path(url: &str) -> String {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split('?').next().unwrap_or(rest).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_the_file_unless_told_otherwise() {
        assert_eq!(
            sqlite_url_creating_file("sqlite://a.db"),
            "sqlite://a.db?mode=rwc"
        );
        assert_eq!(
            sqlite_url_creating_file("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
        assert_eq!(
            sqlite_path("sqlite:///var/lib/kb.db?mode=rwc"),
            "/var/lib/kb.db"
        );
    }
}
