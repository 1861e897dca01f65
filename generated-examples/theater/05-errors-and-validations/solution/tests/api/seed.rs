//! The sample data loaded by `cargo run -- seed`, checked straight in the database.

use crate::helpers::TestApp;

#[tokio::test]
async fn seed_loads_every_row() {
    let app = TestApp::new().await;

    // Seeding twice proves the script first clears what it loaded before.
    app.seed().await;
    app.seed().await;

    let productions: Vec<i64> = sqlx::query_scalar("select id from productions order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(productions, [1, 2, 3, 4]);
    let cast_members: Vec<i64> = sqlx::query_scalar("select id from cast_members order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(cast_members, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
}
