-- Sessions: one row per log-in, until it expires or its user logs out.
-- The browser's cookie carries only the `id` (encrypted); who is logged in, and until when,
-- is here. Deleting the row ends the session, even for a copy of the cookie.
--
-- The id is 32 random bytes written in hex, not a number that counts up: a sequence would let
-- anyone guess the id of the session before or after theirs.
create table sessions (
    id text primary key,
    user_id bigint not null references users (id) on delete cascade,
    created_at timestamptz(0) not null default now(),
    expires_at timestamptz(0) not null
);

-- Finding a user's sessions, as deleting the user does, and the expired sessions, which each
-- log-in deletes, without scanning the whole table.
create index sessions_user_id_idx on sessions (user_id);
create index sessions_expires_at_idx on sessions (expires_at);
