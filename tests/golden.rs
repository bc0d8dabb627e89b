//! Golden games: the full JSON of a few seeds, pinned. A refactor that does
//! not change the rules must leave every byte of these games unchanged; a rule
//! change updates the files in the same commit and says so in its message.
//!
//! To regenerate after a deliberate rule change:
//! `FLASHPOINT_BLESS=1 cargo test --test golden`.

use assert_cmd::Command;

fn check(name: &str, args: &[&str]) {
    let out = Command::cargo_bin("flashpoint")
        .expect("binary")
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("FLASHPOINT_BLESS").is_some() {
        std::fs::write(&path, &out.stdout).expect("write golden file");
        return;
    }
    let want = std::fs::read_to_string(&path).expect("golden file");
    let got = String::from_utf8_lossy(&out.stdout);
    if want != got {
        let line = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| want.lines().count().min(got.lines().count()));
        let show = |s: &str| {
            s.lines()
                .skip(line.saturating_sub(3))
                .take(7)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{name} differs from the golden game at line {}:\n--- golden\n{}\n--- now\n{}",
            line + 1,
            show(&want),
            show(&got)
        );
    }
}

#[test]
fn korea_seed_1() {
    check(
        "korea-seed1.json",
        &["simulate", "--seed", "1", "--format", "json"],
    );
}

#[test]
fn korea_seed_7() {
    check(
        "korea-seed7.json",
        &["simulate", "--seed", "7", "--format", "json"],
    );
}

#[test]
fn strait_seed_5() {
    check(
        "strait-seed5.json",
        &[
            "simulate",
            "scenarios/strait-standoff.toml",
            "--seed",
            "5",
            "--format",
            "json",
        ],
    );
}

#[test]
fn korea_batch_of_10() {
    check(
        "korea-runs10-seed9.json",
        &[
            "simulate", "--runs", "10", "--seed", "9", "--format", "json",
        ],
    );
}
