//! What `syllabus check` tells a spec author: one snapshot per broken spec in
//! `tests/fixtures/invalid/`, rendered without colour.

use std::sync::Arc;

use syllabus::diagnostics::SpecErrors;
use syllabus::spec::parse_and_validate;

fn render(name: &str) -> String {
    let path = format!("tests/fixtures/invalid/{name}.yaml");
    let source = std::fs::read_to_string(crate::repo(&path)).unwrap();
    let problems = match parse_and_validate(&source) {
        Ok(_) => panic!("{path} should be invalid"),
        Err(problems) => problems,
    };
    SpecErrors {
        path,
        source: Arc::new(source),
        problems,
    }
    .render(false)
}

macro_rules! diagnostics_snapshot {
    ($test:ident, $fixture:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!($fixture, render($fixture));
        }
    };
}

diagnostics_snapshot!(many_problems_are_reported_in_one_run, "many-problems");
diagnostics_snapshot!(yaml_syntax_errors_point_at_their_line, "syntax-error");
diagnostics_snapshot!(a_spec_must_be_a_mapping, "not-a-mapping");
diagnostics_snapshot!(wrong_shapes_are_named, "shapes");
diagnostics_snapshot!(names_that_cannot_be_generated, "names");
diagnostics_snapshot!(contradictory_and_misplaced_rules, "rules");
diagnostics_snapshot!(broken_relationships, "relationships");
diagnostics_snapshot!(seed_rows_that_break_rules, "seeds");
diagnostics_snapshot!(a_database_syllabus_does_not_generate, "database");
diagnostics_snapshot!(rules_no_value_can_satisfy, "unsatisfiable");
diagnostics_snapshot!(rules_that_cannot_be_tested_one_by_one, "untestable");
diagnostics_snapshot!(unique_fields_with_too_few_values, "too-few-values");
diagnostics_snapshot!(a_misspelt_parent_is_one_problem, "belongs-to-typo");
diagnostics_snapshot!(auth_users_roles_access_and_seed_users, "auth");
diagnostics_snapshot!(access_that_a_parent_or_an_owner_contradicts, "access");
diagnostics_snapshot!(an_app_named_like_a_rust_keyword, "app-keyword");
