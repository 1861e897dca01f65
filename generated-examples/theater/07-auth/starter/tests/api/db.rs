//! `db::connect`, on a real file: the settings it promises are the ones SQLite reports.

use theater::db;

use crate::helpers::TempDatabase;

#[tokio::test]
async fn connect_sets_up_sqlite_as_its_comments_say() {
    let database = TempDatabase::new("settings");
    let pool = db::connect(&database.url())
        .await
        .expect("the database opens");

    let mut conn = pool.acquire().await.expect("a connection");

    let journal_mode: String = sqlx::query_scalar("pragma journal_mode")
        .fetch_one(&mut *conn)
        .await
        .expect("the pragma reads");
    assert_eq!(journal_mode, "wal");
    for (pragma, expected) in [
        ("pragma journal_size_limit", 64 * 1024 * 1024),
        // NORMAL is 1.
        ("pragma synchronous", 1),
        ("pragma busy_timeout", 5000),
        ("pragma foreign_keys", 1),
    ] {
        let value: i64 = sqlx::query_scalar(pragma)
            .fetch_one(&mut *conn)
            .await
            .expect("the pragma reads");
        assert_eq!(value, expected, "{pragma}");
    }

    drop(conn);
    pool.close().await;
}

#[tokio::test]
async fn closing_the_pool_leaves_no_write_ahead_log_behind() {
    let database = TempDatabase::new("close");
    let pool = db::connect(&database.url())
        .await
        .expect("the database opens");
    db::MIGRATOR.run(&pool).await.expect("migrations run");
    assert!(
        database.wal().exists(),
        "writing in WAL mode makes a -wal file"
    );

    // What `main` does after the server stops.
    pool.close().await;

    assert!(
        !database.wal().exists(),
        "the last connection to close removes it"
    );
}
