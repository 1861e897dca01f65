//! The `syllabus` command as users run it: arguments, output, exit codes, files written.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::repo;

fn syllabus() -> Command {
    let mut command = Command::cargo_bin("syllabus").unwrap();
    command.current_dir(repo("."));
    command
}

#[test]
fn check_accepts_the_example_specs() {
    for spec in crate::SPECS {
        syllabus()
            .args(["check", spec])
            .assert()
            .success()
            .stdout(predicate::str::contains("is valid"));
    }
}

#[test]
fn check_reports_every_problem_with_its_location_and_exits_1() {
    syllabus()
        .args(["check", "tests/fixtures/invalid/many-problems.yaml"])
        .env("NO_COLOR", "1")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown type `strng`"))
        .stderr(predicate::str::contains("did you mean `string`?"))
        .stderr(predicate::str::contains(
            "tests/fixtures/invalid/many-problems.yaml:7:23",
        ))
        .stderr(predicate::str::contains("has 10 problems"));
}

#[test]
fn check_of_a_missing_file_is_a_usage_error() {
    syllabus()
        .args(["check", "no-such-spec.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the spec `no-such-spec.yaml`",
        ));
}

#[test]
fn unknown_commands_and_flags_are_usage_errors() {
    syllabus().arg("frobnicate").assert().code(2);
    syllabus()
        .args(["build", "specs/theater.yaml", "--nope"])
        .assert()
        .code(2);
    syllabus()
        .args(["new", "specs/theater.yaml"])
        .assert()
        .code(2);
}

#[test]
fn every_command_has_help_with_examples() {
    for command in [
        "check",
        "new",
        "build",
        "diff",
        "wrong-answers",
        "init",
        "completions",
    ] {
        syllabus()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
    syllabus()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples"));
}

#[test]
fn lectures_lists_every_lecture_with_objectives() {
    let output = syllabus()
        .arg("lectures")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    for lecture in syllabus::lectures::LECTURES {
        assert!(text.contains(lecture.slug), "{text}");
        assert!(text.contains(lecture.objectives[0]), "{text}");
    }
}

#[test]
fn new_writes_a_project_and_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("lecture-4");
    let target_arg = target.to_str().unwrap();

    syllabus()
        .args([
            "new",
            "specs/theater.yaml",
            "--lecture",
            "4",
            "-o",
            target_arg,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote lecture 4"));
    assert!(target.join("src/routes/productions.rs").is_file());
    assert!(
        target
            .join("migrations/0002_create_cast_members.sql")
            .is_file()
    );

    std::fs::write(target.join("src/lib.rs"), "// a student's work\n").unwrap();
    syllabus()
        .args([
            "new",
            "specs/theater.yaml",
            "--lecture",
            "4",
            "-o",
            target_arg,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists and is not empty"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(target.join("src/lib.rs")).unwrap(),
        "// a student's work\n",
        "nothing is overwritten without --force"
    );

    syllabus()
        .args([
            "new",
            "specs/theater.yaml",
            "--lecture",
            "4",
            "-o",
            target_arg,
            "--force",
        ])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(target.join("src/lib.rs"))
            .unwrap()
            .contains("pub fn app")
    );
}

#[test]
fn new_starter_leaves_the_exercise_as_todo() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("starter");
    syllabus()
        .args([
            "new",
            "specs/theater.yaml",
            "--lecture",
            "4",
            "--starter",
            "-o",
        ])
        .arg(&target)
        .assert()
        .success();
    let routes = std::fs::read_to_string(target.join("src/routes/productions.rs")).unwrap();
    assert!(
        routes.contains("todo!(\"update production {id}\")"),
        "{routes}"
    );
    assert!(routes.contains("async fn update_production("));
    assert!(
        !routes.contains("todo!(\"create"),
        "earlier lectures stay solved"
    );
}

#[test]
fn new_rejects_a_lecture_that_does_not_exist() {
    syllabus()
        .args(["new", "specs/theater.yaml", "--lecture", "9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no lecture 9"));
}

#[test]
fn an_invalid_spec_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out");
    syllabus()
        .args(["build", "tests/fixtures/invalid/many-problems.yaml", "-o"])
        .arg(&target)
        .assert()
        .code(1);
    assert!(!target.exists());
}

#[test]
fn build_check_passes_on_fresh_output_and_reports_drift() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("course");
    syllabus()
        .args(["build", "specs/theater.yaml", "-o"])
        .arg(&target)
        .assert()
        .success();
    assert!(target.join("README.md").is_file());
    assert!(target.join("01-intro-to-axum/starter/Cargo.toml").is_file());
    assert!(
        target
            .join("04-rest-apis/solution/postman_collection.json")
            .is_file()
    );

    syllabus()
        .args(["build", "specs/theater.yaml", "--check", "-o"])
        .arg(&target)
        .assert()
        .success()
        .stdout(predicate::str::contains("is up to date"));

    std::fs::write(target.join("02-database/solution/seed.sql"), "-- edited\n").unwrap();
    std::fs::write(target.join("stray.txt"), "").unwrap();
    std::fs::remove_file(target.join("README.md")).unwrap();
    syllabus()
        .args(["build", "specs/theater.yaml", "--check", "-o"])
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "changed:  02-database/solution/seed.sql",
        ))
        .stderr(predicate::str::contains("missing:  README.md"))
        .stderr(predicate::str::contains("extra:    stray.txt"))
        .stderr(predicate::str::contains("(3 files)"));

    // Drift in a hidden folder is found too, and one difference is counted as one file.
    syllabus()
        .args(["build", "specs/theater.yaml", "--force", "-o"])
        .arg(&target)
        .assert()
        .success();
    std::fs::remove_file(target.join("03-routes/starter/.cargo/config.toml")).unwrap();
    syllabus()
        .args(["build", "specs/theater.yaml", "--check", "-o"])
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "(1 file):\n  missing:  03-routes/starter/.cargo/config.toml",
        ));
}

#[test]
fn build_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    syllabus()
        .args(["build", "specs/festival.yaml", "-o"])
        .arg(&a)
        .assert()
        .success();
    syllabus()
        .args(["build", "specs/festival.yaml", "-o"])
        .arg(&b)
        .assert()
        .success();
    let files = syllabus::plan::course(&syllabus::cli::load(&repo("specs/festival.yaml")).unwrap())
        .unwrap();
    for file in files {
        let left = std::fs::read(a.join(&file.path)).unwrap();
        let right = std::fs::read(b.join(&file.path)).unwrap();
        assert!(left == right, "{} differs between two runs", file.path);
    }
}

#[test]
fn diff_between_lectures_shows_what_the_later_one_adds() {
    let output = syllabus()
        .args(["diff", "specs/theater.yaml", "--from", "3", "--to", "4"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let diff = String::from_utf8(output).unwrap();
    assert!(
        diff.contains("--- 03-routes/src/routes/productions.rs"),
        "{diff}"
    );
    assert!(diff.contains("+async fn update_production("), "{diff}");
    assert!(diff.contains("+async fn delete_production("), "{diff}");
}

#[test]
fn diff_of_one_lecture_shows_the_exercise() {
    let output = syllabus()
        .args(["diff", "specs/theater.yaml", "--lecture", "2"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let diff = String::from_utf8(output).unwrap();
    assert!(diff.contains("--- starter/src/db.rs"), "{diff}");
    assert!(
        diff.contains("-    todo!(\"load seed.sql in one transaction\")"),
        "{diff}"
    );
    assert!(diff.contains("+    tx.commit().await"), "{diff}");
}

#[test]
fn diff_needs_a_lecture_or_a_range() {
    syllabus()
        .args(["diff", "specs/theater.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--from"))
        .stderr(predicate::str::contains("--lecture"));
    syllabus()
        .args(["diff", "specs/theater.yaml", "--from", "1"])
        .assert()
        .code(2);
}

#[test]
fn diff_of_a_lecture_with_itself_is_a_usage_error() {
    syllabus()
        .args(["diff", "specs/theater.yaml", "--from", "3", "--to", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("both lecture 3"))
        .stderr(predicate::str::contains("--lecture"));
}

#[test]
fn wrong_answers_lists_edits_of_the_solution_as_json() {
    let run = || {
        syllabus()
            .args(["wrong-answers", "specs/theater.yaml", "--lecture", "4"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let output = run();
    assert_eq!(output, run(), "the same spec gives the same catalogue");
    let text = String::from_utf8(output).unwrap();
    assert!(text.starts_with("[\n  {\n"), "pretty-printed: {text}");
    let answers: serde_json::Value = serde_json::from_str(&text).unwrap();
    let answers = answers.as_array().unwrap();
    let named = |name: &str| answers.iter().find(|a| a["name"] == name);
    let without_where = named("update_production_without_where").expect(&text);
    assert_eq!(without_where["task"], "update");
    assert_eq!(without_where["file"], "src/routes/productions.rs");
    assert!(without_where["why"].as_str().unwrap().contains("every row"));
    assert!(
        named("delete_cast_member_answering_200").is_some(),
        "{text}"
    );
    // Every edit applies to the solution as generated (`generated-examples` is kept up to date).
    let solution = repo("generated-examples/theater/04-rest-apis/solution");
    for answer in answers {
        let file =
            std::fs::read_to_string(solution.join(answer["file"].as_str().unwrap())).unwrap();
        let find = answer["find"].as_str().unwrap();
        assert_eq!(file.matches(find).count(), 1, "{}", answer["name"]);
        assert_ne!(answer["replace"].as_str().unwrap(), find);
        assert!(["update", "delete"].contains(&answer["task"].as_str().unwrap()));
    }
}

#[test]
fn wrong_answers_needs_a_valid_spec_and_an_existing_lecture() {
    syllabus()
        .args(["wrong-answers", "specs/theater.yaml", "--lecture", "9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no lecture 9"));
    syllabus()
        .args(["wrong-answers", "specs/theater.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--lecture"));
    syllabus()
        .args([
            "wrong-answers",
            "tests/fixtures/invalid/many-problems.yaml",
            "--lecture",
            "4",
        ])
        .env("NO_COLOR", "1")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("unknown type `strng`"));
}

#[test]
fn check_says_resource_in_the_singular_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("one.yaml");
    std::fs::write(
        &spec,
        "app: one\nresources:\n  note:\n    fields:\n      body: text\n",
    )
    .unwrap();
    syllabus()
        .arg("check")
        .arg(&spec)
        .assert()
        .success()
        .stdout(predicate::str::contains("is valid: 1 resource (note)\n"));
}

#[test]
fn a_spec_that_is_not_utf8_is_invalid_with_the_place_of_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("latin1.yaml");
    // `café` in Latin-1 on line 2, column 10.
    std::fs::write(
        &spec,
        b"app: cafe\ntitle: Caf\xe9 des Arts\nresources: {}\n",
    )
    .unwrap();
    syllabus()
        .arg("check")
        .arg(&spec)
        .env("NO_COLOR", "1")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not UTF-8: byte 0xE9"))
        .stderr(predicate::str::contains("latin1.yaml:2:11"))
        .stderr(predicate::str::contains("has 1 problem"));
}

#[test]
fn build_check_of_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    syllabus()
        .args(["build", "specs/theater.yaml", "--check", "-o"])
        .arg(dir.path().join("nowhere"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"))
        .stderr(predicate::str::contains("missing:").not());
}

#[test]
fn new_refuses_a_file_as_output_without_suggesting_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "mine").unwrap();
    syllabus()
        .args([
            "new",
            "specs/theater.yaml",
            "--lecture",
            "3",
            "--force",
            "-o",
        ])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a file, not a folder"))
        .stderr(predicate::str::contains("pass `--force`").not());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn new_into_the_working_directory_with_force_replaces_it_in_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("stale.txt"), "old").unwrap();
    Command::cargo_bin("syllabus")
        .unwrap()
        .current_dir(dir.path())
        .args(["new", "--lecture", "3", "-o", ".", "--force"])
        .arg(repo("specs/theater.yaml"))
        .assert()
        .success();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"Cargo.toml".to_owned()), "{names:?}");
    assert!(!names.contains(&"stale.txt".to_owned()), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with(".syllabus-")),
        "no staging folder is left: {names:?}"
    );
}

#[test]
fn init_writes_a_spec_that_check_accepts_and_never_overwrites_one() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("bike-shop");
    let folder_arg = folder.to_str().unwrap();

    syllabus()
        .args(["init", folder_arg])
        .assert()
        .success()
        .stdout(predicate::str::contains("spec.yaml"));
    let spec = folder.join("spec.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    assert!(text.contains("\napp: bike_shop\n"), "{text}");
    syllabus()
        .args(["check", spec.to_str().unwrap()])
        .assert()
        .success();

    std::fs::write(&spec, "app: mine\n").unwrap();
    syllabus()
        .args(["init", folder_arg])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), "app: mine\n");
}

#[test]
fn completions_name_every_command_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = syllabus()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let script = String::from_utf8(output).unwrap();
        for command in ["check", "new", "build", "diff", "init", "wrong-answers"] {
            assert!(script.contains(command), "{shell}: {command}");
        }
    }
    syllabus().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn database_postgres_in_the_spec_or_on_the_command_line_generates_the_same_postgres_course() {
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(repo("specs/theater.yaml")).unwrap();
    let postgres_spec = dir.path().join("theater-postgres.yaml");
    std::fs::write(&postgres_spec, format!("database: postgres\n{spec}")).unwrap();
    let (flag, key, overridden) = (
        dir.path().join("flag"),
        dir.path().join("key"),
        dir.path().join("overridden"),
    );
    syllabus()
        .args([
            "build",
            "specs/theater.yaml",
            "--database",
            "postgres",
            "-o",
        ])
        .arg(&flag)
        .assert()
        .success();
    syllabus()
        .arg("build")
        .arg(&postgres_spec)
        .arg("-o")
        .arg(&key)
        .assert()
        .success();
    // The option wins over the spec.
    syllabus()
        .arg("build")
        .arg(&postgres_spec)
        .args(["--database", "sqlite", "-o"])
        .arg(&overridden)
        .assert()
        .success();

    let mut model = syllabus::cli::load(&repo("specs/theater.yaml")).unwrap();
    model.database = syllabus::dialect::Dialect::Postgres;
    for file in syllabus::plan::course(&model).unwrap() {
        let from_flag = std::fs::read(flag.join(&file.path)).unwrap();
        let from_key = std::fs::read(key.join(&file.path)).unwrap();
        assert!(from_flag == from_key, "{} differs", file.path);
        assert!(
            from_flag == file.contents.as_bytes(),
            "{} differs",
            file.path
        );
    }
    let cargo = std::fs::read_to_string(flag.join("05-errors-and-validations/solution/Cargo.toml"))
        .unwrap();
    assert!(
        cargo.contains("\"postgres\"") && !cargo.contains("\"sqlite\""),
        "{cargo}"
    );
    assert!(
        !flag
            .join("05-errors-and-validations/solution/.cargo")
            .exists()
    );
    let sqlite =
        std::fs::read_to_string(overridden.join("05-errors-and-validations/solution/Cargo.toml"))
            .unwrap();
    assert!(sqlite.contains("\"sqlite\""), "{sqlite}");

    // Only the two names are databases.
    syllabus()
        .args(["build", "specs/theater.yaml", "--database", "mysql", "-o"])
        .arg(dir.path().join("mysql"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "[possible values: sqlite, postgres]",
        ));
}
