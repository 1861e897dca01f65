-- Productions: one row per production.
create table productions (
    id integer primary key,
    title text not null,
    genre text not null,
    budget real,
    image text,
    director text,
    description text,
    ongoing boolean not null default true,
    created_at datetime not null default current_timestamp,
    updated_at datetime not null default current_timestamp
);
