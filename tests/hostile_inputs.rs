//! Files a user names on the command line that are not files: a named
//! pipe (FIFO) or an endless device given as a scenario, an orders file,
//! a test file or a shard file. Each is refused at once with a message
//! naming what it is, and a non-zero exit; none may block or read without
//! end. Every command runs under a timeout, so a hang fails the test.

#![cfg(unix)]

use std::path::Path;
use std::time::Duration;

/// Generous: a refusal takes milliseconds; only a hang comes near it.
const LIMIT: Duration = Duration::from_secs(60);

fn refused(args: &[&str], what: &str) {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(args)
        .timeout(LIMIT)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && out.status.code().is_some(),
        "{args:?}: {:?}\n{err}",
        out.status
    );
    assert!(err.contains(what), "{args:?}:\n{err}");
}

fn fifo(dir: &Path) -> String {
    let p = dir.join("pipe.toml");
    let ok = std::process::Command::new("mkfifo")
        .arg(&p)
        .status()
        .expect("run mkfifo")
        .success();
    assert!(ok, "mkfifo");
    p.to_str().expect("utf-8").to_string()
}

#[test]
fn a_fifo_is_refused_wherever_a_file_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let pipe = fifo(dir.path());
    let named_pipe = "named pipe (FIFO)";
    refused(&["validate", &pipe], named_pipe);
    refused(&["simulate", &pipe], named_pipe);
    refused(&["lint", &pipe], named_pipe);
    refused(&["test", &pipe], named_pipe);
    refused(&["simulate", "--orders", &pipe], named_pipe);
    refused(&["merge", &pipe], named_pipe);
}

#[test]
fn an_endless_device_is_refused_without_being_read() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    refused(&["validate", "/dev/zero"], "character device");
    refused(&["simulate", "--orders", "/dev/zero"], "character device");
}
