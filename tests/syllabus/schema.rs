//! `syllabus schema`: a JSON Schema every valid spec matches, and that refuses unknown keys.

use assert_cmd::Command;
use serde_json::Value;

use crate::repo;

fn schema() -> Value {
    let output = Command::cargo_bin("syllabus")
        .unwrap()
        .arg("schema")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&output).expect("`syllabus schema` prints JSON")
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("the text is YAML")
}

fn problems(validator: &jsonschema::Validator, spec: &Value) -> Vec<String> {
    validator
        .iter_errors(spec)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_schema_is_a_valid_draft_7_schema() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
}

#[test]
fn every_spec_check_accepts_matches_the_schema() {
    let validator = jsonschema::draft7::new(&schema()).unwrap();
    let mut specs: Vec<(String, String)> = [
        "specs/theater.yaml",
        "specs/festival.yaml",
        "tests/fixtures/no-pattern.yaml",
    ]
    .iter()
    .map(|path| {
        (
            path.to_string(),
            std::fs::read_to_string(repo(path)).unwrap(),
        )
    })
    .collect();
    specs.push((
        "syllabus init's spec".into(),
        syllabus::init::starter_spec(std::path::Path::new("library")),
    ));
    for (name, text) in specs {
        assert!(syllabus::spec::parse_and_validate(&text).is_ok(), "{name}");
        let problems = problems(&validator, &yaml(&text));
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

#[test]
fn the_schema_refuses_what_no_spec_may_hold() {
    let validator = jsonschema::draft7::new(&schema()).unwrap();
    for (what, text) in [
        (
            "an unknown top-level key",
            "app: a\nresources: { b: { fields: { c: string } } }\ncolour: red\n",
        ),
        ("no resources", "app: a\n"),
        (
            "an unknown type",
            "app: a\nresources: { b: { fields: { c: strin } } }\n",
        ),
        (
            "an unknown rule",
            "app: a\nresources: { b: { fields: { c: { type: string, maxlength: 3 } } } }\n",
        ),
        (
            "an unknown resource key",
            "app: a\nresources: { b: { fields: { c: string }, has: [d] } }\n",
        ),
        (
            "an unknown on_delete",
            "app: a\nresources: { b: { fields: { c: string }, belongs_to: [{ resource: d, on_delete: drop }] } }\n",
        ),
        (
            "an unknown action",
            "app: a\nresources: { b: { fields: { c: string } } }\nauth: { access: { b: { edit: owner } } }\n",
        ),
        (
            "an unknown auth key",
            "app: a\nresources: { b: { fields: { c: string } } }\nauth: { users: {} }\n",
        ),
        (
            "an app that is no package name",
            "app: My App\nresources: { b: { fields: { c: string } } }\n",
        ),
    ] {
        assert!(
            !problems(&validator, &yaml(text)).is_empty(),
            "the schema lets through {what}"
        );
        assert!(
            syllabus::spec::parse_and_validate(text).is_err(),
            "check takes {what}, so the schema must too"
        );
    }
}
