-- Productions: one row per production.
-- Timestamps are stored as RFC 3339 text (2024-12-31T20:00:00Z), which Rust reads fastest.
create table productions (
    id integer primary key,
    title text not null,
    genre text not null,
    budget real,
    image text,
    director text,
    description text,
    ongoing boolean not null default true,
    created_at datetime not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at datetime not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
