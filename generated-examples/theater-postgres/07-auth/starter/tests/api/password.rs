//! `src/password.rs` on its own: hashes that match their password and no other, and a
//! username that does not exist never logs in.

use theater::{
    db::{self, SEED_USERS},
    password,
};

use crate::helpers::TestApp;

#[tokio::test]
async fn password_hash_matches_its_password_and_no_other() {
    let hash = password::hash("correct horse battery".to_owned())
        .await
        .unwrap();

    let right = password::verify("correct horse battery".to_owned(), Some(hash.clone())).await;
    let wrong = password::verify("correct horse battery!".to_owned(), Some(hash)).await;

    assert!(right.unwrap());
    assert!(!wrong.unwrap());
}

#[tokio::test]
async fn password_hash_is_argon2id_and_differs_each_time() {
    let first = password::hash("correct horse battery".to_owned())
        .await
        .unwrap();
    let second = password::hash("correct horse battery".to_owned())
        .await
        .unwrap();

    assert!(first.starts_with("$argon2id$"), "{first}");
    assert!(!first.contains("correct horse battery"));
    // Each hash has a salt of its own: equal passwords cannot be spotted in the table.
    assert_ne!(first, second);
}

#[tokio::test]
async fn password_of_no_user_matches_nothing() {
    // Not even the one the dummy hash was made from.
    for candidate in ["no user has this password", "", "anything"] {
        let matches = password::verify(candidate.to_owned(), None).await;
        assert!(!matches.unwrap(), "{candidate}");
    }
}

#[tokio::test]
async fn password_hash_that_cannot_be_read_is_an_error_not_a_wrong_password() {
    let result = password::verify("anything".to_owned(), Some("not a hash".to_owned())).await;

    assert!(result.is_err());
}

#[tokio::test]
async fn password_hash_of_another_algorithm_is_an_error_not_a_wrong_password() {
    // A well-formed hash, but of scrypt: Argon2 cannot check a password against it.
    let scrypt = "$scrypt$ln=15,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

    let result = password::verify("anything".to_owned(), Some(scrypt.to_owned())).await;

    assert!(result.is_err(), "{result:?}");
}

#[tokio::test]
async fn password_of_each_seed_user_is_stored_hashed_by_seed() {
    let app = TestApp::new().await;

    db::seed(&app.db).await.expect("seed data loads");

    let hashes: Vec<String> = sqlx::query_scalar("select password_hash from users order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(hashes.len(), SEED_USERS.len());
    for (user, hash) in SEED_USERS.iter().zip(hashes) {
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        let matches = password::verify(user.password.to_owned(), Some(hash)).await;
        assert!(matches.unwrap(), "{}", user.username);
    }
}
