//! Storage failures, split by what the operator must do about them.

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error(
        "cannot open the SQLite database {path}: {cause}. Check that the folder exists and is writable by this user"
    )]
    SqliteOpen { path: String, cause: String },
    #[error("cannot connect to PostgreSQL at {url}: {cause}")]
    PostgresConnect { url: String, cause: String },
    #[error(
        "the database was migrated by a newer kinerja-bot (schema version {database}, this binary \
         knows up to {binary}); run the newer binary, or restore a backup made for this version"
    )]
    NewerSchema { database: i64, binary: i64 },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
}
