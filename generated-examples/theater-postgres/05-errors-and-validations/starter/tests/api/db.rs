//! `db::connect`, on a real database: the pool it opens is the one its comments promise.

use std::time::Duration;

use theater::db;

use crate::helpers::TempDatabase;

#[tokio::test]
async fn connect_opens_a_pool_as_its_comments_say() {
    let database = TempDatabase::new("settings");
    let pool = db::connect(&database.url())
        .await
        .expect("the database opens");

    assert_eq!(pool.options().get_max_connections(), db::MAX_CONNECTIONS);
    assert_eq!(pool.options().get_acquire_timeout(), Duration::from_secs(5));
    // The first connection is opened at once, so a wrong URL is reported at start-up.
    assert_eq!(pool.size(), 1);

    pool.close().await;
}

#[tokio::test]
async fn connect_reports_a_database_nobody_made() {
    let database = TempDatabase::new("missing");
    let url = database.url();
    drop(database);

    let err = db::connect(&url)
        .await
        .expect_err("there is no such database");

    assert!(err.to_string().contains("does not exist"), "{err}");
}
