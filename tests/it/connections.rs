//! Where statements run: on SQLite, outside transactions, on connections the storage layer keeps
//! itself (sqlx's pool tested each returned connection with a round trip). What a user would
//! notice if that went wrong: a statement answered with another's rows, a read stuck behind an
//! open transaction or an abandoned query, a connection without the pragmas (no foreign keys),
//! a stop that loses the WAL.

use std::time::Duration;

use futures::TryStreamExt;
use kinerja_bot::config::FileConfig;
use kinerja_bot::storage::{self, Backend, Db};

use crate::support::TestDb;

/// As few connections as can work: on SQLite one for statements (and one for transactions),
/// on PostgreSQL two in one pool (a transaction holds one). Every case below must hold even
/// when everything shares them.
async fn connect_narrow(db: &TestDb) -> Db {
    let mut cfg = FileConfig::default();
    cfg.database.max_connections = match db.backend {
        Backend::Sqlite => 1,
        Backend::Postgres => 2,
    };
    cfg.database.busy_timeout_seconds = 5;
    let conn = storage::connect(&db.url, &cfg).await.unwrap();
    storage::migrate::run(&conn).await.unwrap();
    conn
}

async fn numbers(db: &Db, n: i64) {
    sqlx::query("CREATE TABLE numbers (x BIGINT PRIMARY KEY)")
        .execute(db.pool())
        .await
        .unwrap();
    let mut tx = db.begin_write().await.unwrap();
    for x in 0..n {
        sqlx::query("INSERT INTO numbers (x) VALUES ($1)")
            .bind(x)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Guards against a hang; not a measurement.
async fn soon<T>(what: &str, f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), f)
        .await
        .unwrap_or_else(|_| panic!("{what} did not finish"))
}

on_both_backends!(
    an_abandoned_read_leaves_the_next_statements_their_own_rows,
    |db: TestDb| async move {
        let db = connect_narrow(&db).await;
        numbers(&db, 3000).await;
        for _ in 0..20 {
            // A reader that takes one row and goes away (a cancelled export, a stop).
            let mut rows =
                sqlx::query_scalar::<_, i64>("SELECT x FROM numbers ORDER BY x").fetch(db.pool());
            let first = soon("the first row", rows.try_next()).await.unwrap();
            assert_eq!(first, Some(0));
            drop(rows);
            let few = sqlx::query_scalar::<_, i64>(
                "SELECT x FROM numbers WHERE x >= $1 ORDER BY x LIMIT 3",
            )
            .bind(2990_i64)
            .fetch_all(db.pool());
            let few = soon("the next statement", few).await.unwrap();
            assert_eq!(few, vec![2990, 2991, 2992]);
        }
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM numbers")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(n, 3000);
        db.close().await;
    }
);

on_both_backends!(
    reads_go_on_while_a_transaction_is_open_and_see_it_once_committed,
    |db: TestDb| async move {
        let db = connect_narrow(&db).await;
        numbers(&db, 10).await;
        let mut tx = db.begin_write().await.unwrap();
        sqlx::query("INSERT INTO numbers (x) VALUES (100)")
            .execute(&mut *tx)
            .await
            .unwrap();
        let count = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM numbers")
                .fetch_one(db.pool())
                .await
                .unwrap()
        };
        // Many readers at once while the writer holds its transaction.
        let readers = (0..50).map(|_| count());
        let seen = soon(
            "reads beside a transaction",
            futures::future::join_all(readers),
        )
        .await;
        assert!(seen.iter().all(|&n| n == 10), "{seen:?}");
        tx.commit().await.unwrap();
        assert_eq!(count().await, 11);
        db.close().await;
    }
);

on_both_backends!(
    many_statements_at_once_each_get_their_own_answer,
    |db: TestDb| async move {
        let db = connect_narrow(&db).await;
        numbers(&db, 500).await;
        let one = |x: i64| {
            let db = db.clone();
            async move {
                if x % 5 == 0 {
                    sqlx::query("UPDATE numbers SET x = x + 1000 WHERE x = $1")
                        .bind(x)
                        .execute(db.pool())
                        .await
                        .unwrap();
                }
                let got: Option<i64> =
                    sqlx::query_scalar("SELECT x FROM numbers WHERE x = $1 OR x = $1 + 1000")
                        .bind(x)
                        .fetch_optional(db.pool())
                        .await
                        .unwrap();
                (x, got)
            }
        };
        let all = futures::future::join_all((0..500).map(|x| tokio::spawn(one(x))));
        for r in soon("500 statements", all).await {
            let (x, got) = r.unwrap();
            let want = if x % 5 == 0 { x + 1000 } else { x };
            assert_eq!(got, Some(want));
        }
        db.close().await;
    }
);

#[tokio::test]
async fn sqlite_statements_run_with_the_bots_pragmas() {
    let test = TestDb::new(Backend::Sqlite).await;
    let db = connect_narrow(&test).await;
    let pragma = |sql: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, String>(sql)
                .fetch_one(db.pool())
                .await
                .unwrap()
        }
    };
    let mode = "SELECT journal_mode FROM pragma_journal_mode";
    assert_eq!(pragma(mode).await, "wal");
    let keys = "SELECT CAST(foreign_keys AS TEXT) FROM pragma_foreign_keys";
    assert_eq!(pragma(keys).await, "1");
    let busy = "SELECT CAST(timeout AS TEXT) FROM pragma_busy_timeout";
    assert_eq!(pragma(busy).await, "5000");
    // What foreign keys being on means for the data: a unit under a parent that does not exist
    // is refused.
    let orphan =
        sqlx::query("INSERT INTO units (id, path, name, parent_id) VALUES (999, 'x', 'X', 12345)")
            .execute(db.pool())
            .await;
    assert!(orphan.is_err(), "an orphan unit was stored");
    db.close().await;
}

#[tokio::test]
async fn closing_checkpoints_sqlite_and_refuses_later_statements() {
    let test = TestDb::new(Backend::Sqlite).await;
    let db = connect_narrow(&test).await;
    numbers(&db, 100).await;
    let path = test.url.trim_start_matches("sqlite://").to_owned();
    let wal = format!("{path}-wal");
    assert!(std::path::Path::new(&wal).exists());
    soon("close", db.close()).await;
    assert!(
        !std::path::Path::new(&wal).exists(),
        "the WAL is left after close"
    );
    let after = sqlx::query("SELECT 1").execute(db.pool());
    assert!(soon("a statement after close", after).await.is_err());
    // Everything is in the main file.
    let again = connect_narrow(&test).await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM numbers")
        .fetch_one(again.pool())
        .await
        .unwrap();
    assert_eq!(n, 100);
    again.close().await;
}

#[tokio::test]
async fn an_in_memory_sqlite_database_is_refused_with_the_reason() {
    let cfg = FileConfig::default();
    for url in ["sqlite::memory:", "sqlite://kb.db?mode=memory"] {
        let err = storage::connect(url, &cfg).await.unwrap_err().to_string();
        assert!(err.contains("in-memory"), "{url}: {err}");
        assert!(err.contains("sqlite://kinerja.db"), "{url}: {err}");
    }
}
