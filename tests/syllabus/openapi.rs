//! `openapi.json`: an OpenAPI 3.1 document in every project from lecture 3 on, that names
//! every handler, and whose every reference resolves.

use serde_json::Value;
use syllabus::lectures::{LECTURES, Variant};

use crate::SPECS;

/// Every `$ref` in `value`.
fn references<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                match (key.as_str(), item) {
                    ("$ref", Value::String(target)) => out.push(target),
                    _ => references(item, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, out)),
        _ => {}
    }
}

#[test]
fn every_project_from_lecture_3_ships_a_valid_openapi_document() {
    for path in SPECS {
        let spec = syllabus::cli::load(&crate::repo(path)).unwrap();
        for lecture in LECTURES {
            let files = syllabus::plan::project(&spec, lecture, Variant::Solution).unwrap();
            let document = files.iter().find(|f| f.path == "openapi.json");
            let collections = files.iter().any(|f| f.path == "postman_collection.json");
            assert_eq!(
                document.is_some(),
                collections,
                "{path} lecture {}",
                lecture.number
            );
            let Some(document) = document else { continue };
            let label = format!("{path} lecture {}", lecture.number);

            // A typed OpenAPI 3.1 parser reads it whole.
            let parsed = oas3::from_json(&document.contents)
                .unwrap_or_else(|e| panic!("{label}: not an OpenAPI 3.1 document: {e}"));
            assert!(parsed.openapi.starts_with("3.1"), "{label}");

            let value: Value = serde_json::from_str(&document.contents).unwrap();
            let mut targets = Vec::new();
            references(&value, &mut targets);
            for target in targets {
                let pointer = target.strip_prefix('#').expect("a local reference");
                assert!(
                    value.pointer(pointer).is_some(),
                    "{label}: {target} resolves to nothing"
                );
            }

            // Every operation names its handler, once; each resource has its five (or the
            // lecture's share of them).
            let mut ids = Vec::new();
            for operations in value["paths"].as_object().unwrap().values() {
                for operation in operations.as_object().unwrap().values() {
                    ids.push(operation["operationId"].as_str().unwrap().to_owned());
                    assert!(
                        !operation["responses"].as_object().unwrap().is_empty(),
                        "{label}"
                    );
                }
            }
            let count = ids.len();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), count, "{label}: an operationId is used twice");
            for resource in &spec.resources {
                let n = &resource.names;
                for id in [
                    format!("list_{}", n.plural),
                    format!("show_{}", n.singular),
                    format!("create_{}", n.singular),
                ] {
                    assert!(ids.contains(&id), "{label}: no {id}");
                }
            }
        }
    }
}

/// What the log-in handler refuses, the document refuses too: an empty username or password
/// is "is required", so schemathesis must not send one as valid.
#[test]
fn log_in_credentials_may_not_be_empty() {
    let spec = syllabus::cli::load(&crate::repo("specs/theater.yaml")).unwrap();
    let lecture = syllabus::lectures::lecture(7).unwrap();
    let files = syllabus::plan::project(&spec, lecture, Variant::Solution).unwrap();
    let document = files.iter().find(|f| f.path == "openapi.json").unwrap();
    let value: Value = serde_json::from_str(&document.contents).unwrap();
    let credentials = &value["components"]["schemas"]["Credentials"];
    for key in ["username", "password"] {
        assert_eq!(
            credentials["properties"][key]["minLength"], 1,
            "{credentials}"
        );
    }
    assert_eq!(
        credentials["required"],
        serde_json::json!(["username", "password"])
    );
}
