-- Users: one row per person who can log in.
-- The password is never stored, only its Argon2id hash (see `src/password.rs`).
-- Every user has one role; signing up gives `member`, and only the seed (or someone with
-- the database) gives another.
create table users (
    id bigint generated always as identity primary key,
    username text not null,
    password_hash text not null,
    role text not null default 'member',
    created_at timestamptz(0) not null default now(),
    updated_at timestamptz(0) not null default now(),
    constraint users_username_min_length check (length(username) >= 3),
    constraint users_username_max_length check (length(username) <= 32),
    constraint users_role_one_of check (role in ('member', 'admin'))
);

-- `Ada` and `ada` are one username: the index that keeps usernames unique compares them in
-- lower case, as log-in does.
create unique index users_username_key on users (lower(username));
