//! Running the real binary from integration tests, shared by the test files
//! that do (each compiles its own copy; not every file uses every helper).
#![allow(dead_code)]

use assert_cmd::Command;

/// The `flashpoint` binary built for these tests.
pub fn flashpoint() -> Command {
    Command::cargo_bin("flashpoint").expect("binary")
}

/// Runs it, which must succeed without a panic; returns stdout.
pub fn run(args: &[&str]) -> Vec<u8> {
    let out = flashpoint().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    out.stdout
}

/// Runs it, which must fail with a message for people and no panic;
/// returns stderr.
pub fn fails(args: &[&str]) -> String {
    let out = flashpoint().args(args).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("error"), "{err}");
    err
}
