-- no-transaction
-- CHECK constraints: the database's own copy of the rules SQL can express (lengths, ranges and
-- lists of values), so that a write that skips the validation in Rust is still refused. Each
-- rule is a constraint of its own, named after its table, field and rule: the error of a write
-- that breaks it names the rule, and `src/error.rs` answers with that rule's field and message.
--
-- SQLite cannot add a constraint to an existing table, so each table is rebuilt the way its
-- documentation describes: create the new table, copy the rows, drop the old table, rename the
-- new one and recreate its indexes. Foreign keys are off meanwhile, so that dropping a table
-- deletes nothing through `on delete cascade`, and it all happens in one transaction.
pragma foreign_keys = off;
begin;

create table productions_new (
    id integer primary key,
    title text not null,
    genre text not null,
    budget real,
    image text,
    director text,
    description text,
    ongoing boolean not null default true,
    created_at datetime not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at datetime not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    constraint productions_title_max_length check (length(title) <= 100),
    constraint productions_genre_one_of check (genre in ('Drama', 'Musical', 'Opera', 'Comedy')),
    constraint productions_budget_min check (budget >= 100)
);
insert into productions_new (id, title, genre, budget, image, director, description, ongoing, created_at, updated_at)
select id, title, genre, budget, image, director, description, ongoing, created_at, updated_at from productions;
drop table productions;
alter table productions_new rename to productions;

commit;
pragma foreign_keys = on;
