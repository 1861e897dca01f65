//! The sample data loaded by `cargo run -- seed`, checked straight in the database.

use theater::db;

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

#[tokio::test]
async fn seed_changes_nothing_when_a_statement_fails() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;
    let before: Vec<i64> = sqlx::query_scalar("select id from productions order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    // The last table the script fills refuses every insert, so the script fails after it has
    // emptied every table and filled the others.
    sqlx::raw_sql(
        "create function refuse_seed() returns trigger language plpgsql
         as $$ begin raise exception 'refused'; end $$;
         create trigger refuse_seed before insert on cast_members
         for each row execute function refuse_seed();",
    )
    .execute(&app.db)
    .await
    .unwrap();

    let seeded = db::seed(&app.db).await;

    assert!(seeded.is_err(), "the trigger refuses the seed rows");
    // One transaction: what the script did before it failed is undone, extra rows included.
    let after: Vec<i64> = sqlx::query_scalar("select id from productions order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(after, before);
}
