//! A limit on failed log-ins, so that nobody can try password after password: after `limit`
//! failures for one key (a username, or a client's address) within `window`, that key is
//! refused until its oldest failure in the window is `window` old.
//!
//! The failures are counted in this process's memory. That is enough for one server, but
//! with several servers behind a load balancer each counts only the failures it saw, so an
//! attacker gets `limit` tries per server; and a restart forgets every count. Several servers
//! would keep the counts where they all see them: in the database, or in a store such as
//! Redis.

use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
    time::Duration,
};

// tokio's clock rather than the standard one, so that tests can move time forward.
use tokio::time::Instant;

/// Attempts per key that failed, or have not succeeded yet, within a sliding window.
#[derive(Debug)]
pub struct Throttle {
    limit: usize,
    window: Duration,
    /// For each key, the times of its attempts in the window, oldest first.
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    pub fn new(limit: usize, window: Duration) -> Self {
        Throttle {
            limit,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt for each of `keys`, before anyone knows whether it will fail: then
    /// attempts sent at the same moment count too, and a flood of them cannot slip past the
    /// limit while the first ones are being checked. When one of the keys is at its limit,
    /// nothing is counted, and the answer is how long until it may try again.
    pub fn attempt(&self, keys: &[String]) -> Result<(), Duration> {
        let now = Instant::now();
        let mut failures = self
            .failures
            .lock()
            .expect("no thread panics holding the lock");
        // Keys whose attempts are all older than the window are dropped, so that the map only
        // holds the recent ones however many usernames are tried.
        failures.retain(|_, times| {
            forget_older_than(times, now, self.window);
            !times.is_empty()
        });
        let wait = keys
            .iter()
            .filter_map(|key| failures.get(key))
            .filter(|times| times.len() >= self.limit)
            .filter_map(|times| times.front())
            .map(|&oldest| oldest + self.window - now)
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        for key in keys {
            failures.entry(key.clone()).or_default().push_back(now);
        }
        Ok(())
    }

    /// Takes back the last attempt counted for each of `keys`: it succeeded, so it was no
    /// failure.
    pub fn succeeded(&self, keys: &[String]) {
        let mut failures = self
            .failures
            .lock()
            .expect("no thread panics holding the lock");
        for key in keys {
            if let Some(times) = failures.get_mut(key) {
                times.pop_back();
            }
        }
    }
}

/// Drops the failures that happened `window` or more before `now`.
fn forget_older_than(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times.front().is_some_and(|&time| now - time >= window) {
        times.pop_front();
    }
}
