//! What statements outside a transaction run on. On PostgreSQL that is sqlx's pool. On SQLite
//! it is a set of connections kept here, because sqlx's pool costs more than the statement
//! there: each connection it gets back is tested with a ping, a round trip to that
//! connection's worker thread on a task spawned for it, so every statement woke its thread
//! twice. This set hands out the most recently used connection first as well, whose page cache
//! is the least likely to have gone stale through another connection's write.
//! Transactions (`Db::begin_write`) stay on sqlx's pool.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use sqlx::any::{AnyConnectOptions, AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx::{Any, AnyConnection, AnyPool, ConnectOptions, Connection, Either, Error, Execute};
use tokio::sync::{Semaphore, SemaphorePermit};

/// Runs statements: `sqlx::query(..).execute(db.pool())`.
#[derive(Debug, Clone)]
pub enum Exec {
    Pool(AnyPool),
    Sqlite(Arc<SqliteConns>),
}

/// A connection's setup after it opens (SQLite's pragmas).
pub type Setup =
    Arc<dyn Fn(&mut AnyConnection) -> BoxFuture<'_, Result<(), Error>> + Send + Sync + 'static>;

pub struct SqliteConns {
    idle: Mutex<Vec<AnyConnection>>,
    permits: Semaphore,
    max: u32,
    options: AnyConnectOptions,
    setup: Setup,
    acquire_timeout: Duration,
}

impl std::fmt::Debug for SqliteConns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteConns")
            .field("available", &self.permits.available_permits())
            .finish_non_exhaustive()
    }
}

impl SqliteConns {
    pub fn new(
        options: AnyConnectOptions,
        setup: Setup,
        max: u32,
        acquire_timeout: Duration,
    ) -> Self {
        Self {
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(max.max(1) as usize),
            max: max.max(1),
            options,
            setup,
            acquire_timeout,
        }
    }

    async fn get(&self) -> Result<Lease<'_>, Error> {
        let permit = tokio::time::timeout(self.acquire_timeout, self.permits.acquire())
            .await
            .map_err(|_| Error::PoolTimedOut)?
            .map_err(|_| Error::PoolClosed)?;
        let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => {
                let mut conn = self.options.connect().await?;
                (self.setup)(&mut conn).await?;
                conn
            }
        };
        Ok(Lease {
            conns: self,
            conn: Some(conn),
            done: false,
            _permit: permit,
        })
    }

    /// Refuses new statements, lets those under way finish (up to the acquire timeout), and
    /// closes the connections: the last one to close checkpoints the WAL.
    pub async fn close(&self) {
        let all = self.permits.acquire_many(self.max);
        let waited = tokio::time::timeout(self.acquire_timeout, all).await;
        let idle = {
            let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
            self.permits.close();
            std::mem::take(&mut *idle)
        };
        drop(waited);
        for conn in idle {
            let _ = conn.close().await;
        }
    }
}

/// A connection in use. It goes back on drop once its statement has finished; one whose
/// statement was abandoned (the caller's future dropped) or whose worker failed is dropped
/// instead, so the next caller never waits behind an abandoned query.
struct Lease<'a> {
    conns: &'a SqliteConns,
    conn: Option<AnyConnection>,
    done: bool,
    _permit: SemaphorePermit<'a>,
}

impl Lease<'_> {
    fn conn(&mut self) -> &mut AnyConnection {
        self.conn
            .as_mut()
            .expect("a lease holds its connection until dropped")
    }

    /// The statement ended with `res`; a connection whose worker or file handle failed is
    /// not handed out again.
    fn finished<T>(&mut self, res: &Result<T, Error>) {
        self.done = !matches!(
            res,
            Err(Error::Io(_) | Error::Protocol(_) | Error::WorkerCrashed)
        );
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        if !self.done {
            return;
        }
        let mut idle = self.conns.idle.lock().unwrap_or_else(|p| p.into_inner());
        // Checked under the lock `close` takes, so a connection is never left behind it.
        if !self.conns.permits.is_closed() {
            idle.push(conn);
        }
    }
}

impl<'c> sqlx::Executor<'c> for &'c Exec {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        match self {
            Exec::Pool(pool) => pool.fetch_many(query),
            Exec::Sqlite(conns) => Box::pin(async_stream::try_stream! {
                let mut lease = conns.get().await?;
                let mut rows = lease.conn().fetch_many(query);
                loop {
                    match rows.next().await {
                        Some(Ok(step)) => yield step,
                        Some(Err(e)) => {
                            drop(rows);
                            let failed: Result<(), Error> = Err(e);
                            lease.finished(&failed);
                            failed?;
                            break;
                        }
                        None => {
                            drop(rows);
                            lease.finished::<()>(&Ok(()));
                            break;
                        }
                    }
                }
            }),
        }
    }

    fn fetch_optional<'e, 'q: 'e, E>(self, query: E) -> BoxFuture<'e, Result<Option<AnyRow>, Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        match self {
            Exec::Pool(pool) => pool.fetch_optional(query),
            Exec::Sqlite(conns) => Box::pin(async move {
                let mut lease = conns.get().await?;
                let res = lease.conn().fetch_optional(query).await;
                lease.finished(&res);
                res
            }),
        }
    }

    fn prepare_with<'e>(
        self,
        sql: sqlx::SqlStr,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, Result<AnyStatement, Error>>
    where
        'c: 'e,
    {
        match self {
            Exec::Pool(pool) => pool.prepare_with(sql, parameters),
            Exec::Sqlite(conns) => Box::pin(async move {
                let mut lease = conns.get().await?;
                let res = lease.conn().prepare_with(sql, parameters).await;
                lease.finished(&res);
                res
            }),
        }
    }

    fn describe<'e>(self, sql: sqlx::SqlStr) -> BoxFuture<'e, Result<sqlx::Describe<Any>, Error>>
    where
        'c: 'e,
    {
        match self {
            Exec::Pool(pool) => pool.describe(sql),
            Exec::Sqlite(conns) => Box::pin(async move {
                let mut lease = conns.get().await?;
                let res = lease.conn().describe(sql).await;
                lease.finished(&res);
                res
            }),
        }
    }
}
