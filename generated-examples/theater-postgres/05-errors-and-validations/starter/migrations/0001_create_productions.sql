-- Productions: one row per production.
-- Timestamps are `timestamptz(0)`: a moment, to the second, which Rust reads as a UTC `DateTime`.
create table productions (
    id bigint generated always as identity primary key,
    title text not null,
    genre text not null,
    budget double precision,
    image text,
    director text,
    description text,
    ongoing boolean not null default true,
    created_at timestamptz(0) not null default now(),
    updated_at timestamptz(0) not null default now()
);
