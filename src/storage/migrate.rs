//! Embedded migrations, one folder per backend. An existing database is upgraded in place; one
//! migrated by a newer binary is refused rather than touched.

use sqlx::migrate::Migrator;

use super::{Backend, Db, StorageError};

static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

/// The newest schema version this binary carries.
pub fn binary_version(backend: Backend) -> i64 {
    migrator(backend)
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// The newest schema version applied to the database, 0 for a new one.
pub async fn database_version(db: &Db) -> Result<i64, StorageError> {
    let exists_sql = match db.backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
        }
    };
    let exists: i64 = sqlx::query_scalar(exists_sql).fetch_one(&db.pool).await?;
    if exists == 0 {
        return Ok(0);
    }
    let v: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&db.pool)
            .await?;
    Ok(v.unwrap_or(0))
}

/// Applies what is missing; returns (version before, version after).
pub async fn run(db: &Db) -> Result<(i64, i64), StorageError> {
    let before = database_version(db).await?;
    let known = binary_version(db.backend);
    if before > known {
        return Err(StorageError::NewerSchema {
            database: before,
            binary: known,
        });
    }
    migrator(db.backend).run(&db.pool).await?;
    Ok((before, database_version(db).await?))
}
