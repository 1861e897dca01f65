//! The limit on failed log-ins, on its own, with tokio's clock paused so that the tests can
//! move time forward instead of waiting three minutes.

use std::time::Duration;

use theater::{LOGIN_ATTEMPTS, LOGIN_WINDOW, throttle::Throttle};

fn login_throttle() -> Throttle {
    Throttle::new(LOGIN_ATTEMPTS, LOGIN_WINDOW)
}

fn keys(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

#[tokio::test(start_paused = true)]
async fn a_key_is_refused_once_it_has_used_its_attempts() {
    let throttle = login_throttle();
    let ada = keys(&["username:ada"]);

    for n in 0..LOGIN_ATTEMPTS {
        assert_eq!(throttle.attempt(&ada), Ok(()), "attempt {n}");
    }

    assert_eq!(throttle.attempt(&ada), Err(LOGIN_WINDOW));
    assert_eq!(throttle.attempt(&keys(&["username:grace"])), Ok(()));
}

#[tokio::test(start_paused = true)]
async fn a_refused_attempt_counts_for_none_of_its_keys() {
    let throttle = login_throttle();
    let address = keys(&["address:10.0.0.1"]);
    for _ in 0..LOGIN_ATTEMPTS {
        throttle.attempt(&address).unwrap();
    }

    // The address is at its limit: the username, asked with it, is not counted either.
    let both = keys(&["username:ada", "address:10.0.0.1"]);
    assert!(throttle.attempt(&both).is_err());

    let ada = keys(&["username:ada"]);
    for n in 0..LOGIN_ATTEMPTS {
        assert_eq!(throttle.attempt(&ada), Ok(()), "attempt {n}");
    }
}

#[tokio::test(start_paused = true)]
async fn an_attempt_that_succeeded_is_taken_back() {
    let throttle = login_throttle();
    let ada = keys(&["username:ada"]);

    for _ in 0..LOGIN_ATTEMPTS * 2 {
        throttle.attempt(&ada).unwrap();
        throttle.succeeded(&ada);
    }

    for n in 0..LOGIN_ATTEMPTS {
        assert_eq!(throttle.attempt(&ada), Ok(()), "attempt {n}");
    }
    assert!(throttle.attempt(&ada).is_err());
}

#[tokio::test(start_paused = true)]
async fn a_key_may_try_again_once_its_oldest_attempt_leaves_the_window() {
    let throttle = login_throttle();
    let address = keys(&["address:10.0.0.1"]);
    throttle.attempt(&address).unwrap();
    tokio::time::advance(Duration::from_secs(60)).await;
    for _ in 1..LOGIN_ATTEMPTS {
        throttle.attempt(&address).unwrap();
    }

    // The first attempt was a minute before the others: two minutes to wait.
    assert_eq!(
        throttle.attempt(&address),
        Err(LOGIN_WINDOW - Duration::from_secs(60))
    );
    tokio::time::advance(LOGIN_WINDOW - Duration::from_secs(60)).await;
    // It has left the window: one attempt is free again, and only one.
    assert_eq!(throttle.attempt(&address), Ok(()));
    assert!(throttle.attempt(&address).is_err());
}

#[tokio::test(start_paused = true)]
async fn attempts_older_than_the_window_are_forgotten() {
    let throttle = login_throttle();
    let ada = keys(&["username:ada"]);
    for _ in 0..LOGIN_ATTEMPTS {
        throttle.attempt(&ada).unwrap();
    }

    tokio::time::advance(LOGIN_WINDOW).await;

    for n in 0..LOGIN_ATTEMPTS {
        assert_eq!(throttle.attempt(&ada), Ok(()), "attempt {n}");
    }
}
