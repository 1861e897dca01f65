//! The sample data loaded by `cargo run -- seed`, checked straight in the database.

use theater::db;

use crate::helpers::{TestApp, seed_hashes};

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

    let seeded = db::seed_with_hashes(&app.db, seed_hashes().await).await;

    assert!(seeded.is_err(), "the trigger refuses the seed rows");
    // One transaction: what the script did before it failed is undone, extra rows included.
    let after: Vec<i64> = sqlx::query_scalar("select id from productions order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(after, before);
}

#[tokio::test]
async fn seed_loads_the_seed_users_and_gives_them_their_rows() {
    let app = TestApp::new().await;

    // What `cargo run -- seed` loads, given the hashes of the passwords.
    db::seed_with_hashes(&app.db, seed_hashes().await)
        .await
        .expect("seed data loads");

    let usernames: Vec<String> = sqlx::query_scalar("select username from users order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(usernames, ["ada", "grace", "alan"]);
    let roles: Vec<String> = sqlx::query_scalar("select role from users order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(roles, ["member", "admin", "member"]);
    let owners: Vec<i64> = sqlx::query_scalar("select user_id from productions order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(owners, [1, 2, 3, 1], "the owners of the productions");
    let owners: Vec<i64> = sqlx::query_scalar("select user_id from cast_members order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        owners,
        [1, 2, 3, 1, 2, 3, 1, 2, 3],
        "the owners of the cast members"
    );
}

#[tokio::test]
async fn login_works_for_every_seed_user_with_their_development_password() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();

    for user in db::SEED_USERS {
        let body = serde_json::json!({ "username": user.username, "password": user.password });
        let response = app.post("/api/login", body).await;
        assert_eq!(
            response.status,
            axum::http::StatusCode::OK,
            "{}",
            user.username
        );
    }
}
