-- CHECK constraints: the database's own copy of the rules SQL can express (lengths, ranges and
-- lists of values), so that a write that skips the validation in Rust is still refused. Each
-- rule is a constraint of its own, named after its table, field and rule: the error of a write
-- that breaks it names the rule, and `src/error.rs` answers with that rule's field and message.

alter table productions
    add constraint productions_title_max_length check (length(title) <= 100),
    add constraint productions_genre_one_of check (genre in ('Drama', 'Musical', 'Opera', 'Comedy')),
    add constraint productions_budget_min check (budget >= 100);
