//! Property tests over generated field definitions: every field `check` accepts gets rows
//! whose values satisfy every rule of the field and differ where the field is unique, and
//! every field it refuses is refused with a diagnostic, never a panic.

use proptest::prelude::*;

use super::rules::field_violations;
use super::{Field, FieldType, Literal, MORE_ROWS, Resource, new_rows, parse_and_validate};
use crate::spec::{one_character, test_cases};

/// Patterns of the kind specs use: codes, slugs, file types, fixed formats.
const PATTERNS: &[&str] = &[
    r"^[0-9]{13}$",
    r"^[A-Z]-\d{2}$",
    r"^[A-Z]{2}-\d{3}$",
    r"\.jpg$",
    r"^[a-z]+$",
    r"^[A-Z][a-z]+$",
    r"^\d{3}-\d{4}$",
    r"^(red|green|blue)$",
    r"^[a-z0-9_]{3,16}$",
    r"^\S+$",
    r"^https?://",
    r"@example\.com$",
    r"^.{0,5}$",
    r"^[0-9]$",
];

const TYPES: &[&str] = &[
    "string", "text", "email", "url", "integer", "float", "bool", "date", "datetime",
];

/// A field definition as YAML flow mapping entries, built from a random draw.
#[derive(Clone, Debug)]
struct Draw {
    ty: &'static str,
    required: bool,
    unique: bool,
    lengths: (Option<u8>, Option<u8>),
    bounds: (Option<i16>, Option<i16>),
    pattern: Option<&'static str>,
    one_of: Option<Vec<i16>>,
    default: Option<i16>,
    message: bool,
    with_parent: bool,
}

fn draw() -> impl Strategy<Value = Draw> {
    (
        prop::sample::select(TYPES),
        any::<bool>(),
        any::<bool>(),
        (prop::option::of(0u8..20), prop::option::of(0u8..30)),
        (prop::option::of(-5i16..50), prop::option::of(-5i16..60)),
        prop::option::of(prop::sample::select(PATTERNS)),
        prop::option::weighted(0.2, prop::collection::vec(0i16..8, 1..5)),
        prop::option::weighted(0.2, 0i16..8),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                ty,
                required,
                unique,
                lengths,
                bounds,
                pattern,
                one_of,
                default,
                message,
                with_parent,
            )| {
                let textual = matches!(ty, "string" | "text" | "email" | "url");
                let numeric = matches!(ty, "integer" | "float");
                Draw {
                    ty,
                    required,
                    unique,
                    // Rules that do not apply to the type are refused by `check`; draw them
                    // only now and then, so that most draws test values rather than refusals.
                    lengths: if textual || lengths.0 == Some(0) {
                        lengths
                    } else {
                        (None, None)
                    },
                    bounds: if numeric || bounds.0 == Some(0) {
                        bounds
                    } else {
                        (None, None)
                    },
                    pattern: pattern.filter(|_| textual),
                    one_of,
                    default,
                    message,
                    with_parent,
                }
            },
        )
}

/// A value of the drawn type made from a small number, as YAML.
fn yaml_value(ty: &str, n: i16) -> String {
    match ty {
        "integer" => n.to_string(),
        "float" => format!("{}.5", n),
        "bool" => (n % 2 == 0).to_string(),
        "email" => format!("'user{n}@example.com'"),
        "url" => format!("'https://example.com/{n}'"),
        "date" => format!("'2024-02-{:02}'", n.rem_euclid(28) + 1),
        "datetime" => format!("'2024-02-{:02}T10:00:00Z'", n.rem_euclid(28) + 1),
        _ => format!("'v{n}.jpg'"),
    }
}

fn spec_yaml(d: &Draw) -> String {
    let mut rules = vec![format!("type: {}", d.ty)];
    if d.required {
        rules.push("required: true".into());
    }
    if d.unique {
        rules.push("unique: true".into());
    }
    if let Some(min) = d.lengths.0 {
        rules.push(format!("min_length: {min}"));
    }
    if let Some(max) = d.lengths.1 {
        rules.push(format!("max_length: {max}"));
    }
    if let Some(min) = d.bounds.0 {
        rules.push(format!("min: {min}"));
    }
    if let Some(max) = d.bounds.1 {
        rules.push(format!("max: {max}"));
    }
    if let Some(pattern) = d.pattern {
        rules.push(format!("pattern: '{pattern}'"));
    }
    if let Some(options) = &d.one_of {
        let options: Vec<String> = options.iter().map(|&n| yaml_value(d.ty, n)).collect();
        rules.push(format!("one_of: [{}]", options.join(", ")));
    }
    if let Some(n) = d.default {
        rules.push(format!("default: {}", yaml_value(d.ty, n)));
    }
    if d.message {
        rules.push("message: 'is not right'".into());
    }
    let parent = if d.with_parent {
        "  shelf:\n    fields:\n      label: string\n    has_many: [item]\n"
    } else {
        ""
    };
    let belongs = if d.with_parent {
        "    belongs_to: [shelf]\n"
    } else {
        ""
    };
    format!(
        "app: props\nresources:\n{parent}  item:\n    fields:\n      value: {{ {} }}\n      name: string\n{belongs}",
        rules.join(", ")
    )
}

/// What every accepted field must have: seed rows and the tests' extra rows whose values
/// satisfy the field, distinct where it is unique; and for each rule, a value breaking only
/// it, and a boundary value that is valid and not taken by a seed row.
fn assert_rows_hold(resource: &Resource, at: usize) -> Result<(), TestCaseError> {
    let field: &Field = &resource.fields[at];
    let extra = new_rows(&resource.names, &resource.fields, &resource.seed, MORE_ROWS);
    let mut seen: Vec<Literal> = Vec::new();
    let seeds = resource.seed.iter().map(|row| row.values[at].clone());
    for (k, value) in seeds
        .chain(extra.into_iter().map(|row| row[at].clone()))
        .enumerate()
    {
        let Some(value) = value else {
            prop_assert!(
                field.nullable(),
                "row {} has no value for a non-null field",
                k + 1
            );
            continue;
        };
        let broken = field_violations(field, &value);
        prop_assert!(
            broken.is_empty(),
            "row {}: {value:?} breaks {broken:?}",
            k + 1
        );
        if field.rules.unique {
            prop_assert!(!seen.contains(&value), "row {}: {value:?} repeats", k + 1);
        }
        seen.push(value);
    }
    if let Some(one) = one_character(resource, at) {
        prop_assert!(
            field_violations(field, &one).is_empty(),
            "{one:?} is refused"
        );
        prop_assert_eq!(one.to_string().chars().count(), 1);
    }
    let cases =
        test_cases(resource, at).map_err(|e| TestCaseError::fail(format!("accepted, yet {e}")))?;
    for case in cases {
        let broken = field_violations(field, &case.bad);
        prop_assert!(
            broken.len() == 1 && broken[0].rule == case.rule,
            "{:?} should break only `{}`: {broken:?}",
            case.bad,
            case.rule
        );
        if let Some(boundary) = &case.boundary {
            prop_assert!(field_violations(field, boundary).is_empty());
            if field.rules.unique {
                let taken = resource
                    .seed
                    .iter()
                    .any(|r| r.values[at].as_ref() == Some(boundary));
                prop_assert!(
                    !taken,
                    "the `{}` boundary {boundary:?} is a seed value",
                    case.rule
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn accepted_fields_get_valid_distinct_rows_and_refused_ones_a_diagnostic(d in draw()) {
        let yaml = spec_yaml(&d);
        match parse_and_validate(&yaml) {
            Ok(spec) => {
                let resource = spec.resources.iter().find(|r| r.names.singular == "item").unwrap();
                assert_rows_hold(resource, 0)?;
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(p.span.offset + p.span.len <= yaml.len(), "{p:?} is out of the spec");
                    prop_assert!(!p.message.is_empty());
                }
            }
        }
    }
}

#[test]
fn a_required_unique_patterned_field_gets_distinct_rows() {
    let yaml = "app: lib\nresources:\n  book:\n    fields:\n      isbn: { type: string, required: true, unique: true, pattern: '^[0-9]{13}$' }\n";
    let spec = parse_and_validate(yaml).unwrap();
    let book = &spec.resources[0];
    assert_eq!(book.fields[0].ty, FieldType::String);
    let rows = new_rows(&book.names, &book.fields, &book.seed, MORE_ROWS);
    let mut values: Vec<String> = book
        .seed
        .iter()
        .map(|r| r.values[0].clone().unwrap().to_string())
        .collect();
    values.extend(rows.into_iter().map(|r| r[0].clone().unwrap().to_string()));
    assert_eq!(
        values,
        [
            "0000000000000",
            "0000000000001",
            "0000000000002",
            "0000000000003",
            "0000000000004",
            "0000000000005"
        ]
    );
}
