//! Rebuilds the binary when any template changes, including new and deleted files,
//! which `include_dir!` alone does not notice.

fn main() {
    println!("cargo:rerun-if-changed=templates");
}
