//! Running the built `quotemap` binary as a user does, for the CLI's test files.

use std::path::Path;
use std::process::{Command, Output};

/// `quotemap --library LIBRARY ARGS…`, with no library from the environment.
pub fn quotemap(library: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotemap"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("QUOTEMAP_LIBRARY")
        .output()
        .unwrap()
}

/// What the command printed on standard output.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What the command printed on standard error.
#[allow(dead_code)] // not every test file reads it
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
