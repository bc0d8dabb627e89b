//! The classroom file beside a hosted game's autosave: the join codes (so
//! `flashpoint host --resume SAVE` gives every team the same code) and the
//! instructor's log. It holds secrets, so it is written with mode 0600,
//! atomically (a temporary file renamed over it). Injects are also in the
//! save itself, with the turn they entered.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::game::{Action, MissingPolicy};
use crate::classroom::{JoinCode, JoinCodes};

/// What the file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassFile {
    /// Seat → join code.
    pub codes: BTreeMap<String, String>,
    /// Seconds per turn (0: no deadline).
    #[serde(default)]
    pub deadline_secs: u64,
    /// What the deadline does to seats without orders.
    #[serde(default = "default_missing")]
    pub missing: MissingPolicy,
    /// Every instructor action, oldest first.
    #[serde(default)]
    pub actions: Vec<Action>,
}

fn default_missing() -> MissingPolicy {
    MissingPolicy::Nothing
}

/// The classroom file of the save at `save`: `NAME.classroom` beside
/// `NAME.toml` (not `.toml`, so save lists never take it for a save).
pub fn path_for(save: &Path) -> PathBuf {
    save.with_extension("classroom")
}

impl ClassFile {
    /// The codes as the server wants them; a damaged code is an error
    /// naming the seat.
    pub fn join_codes(&self) -> Result<JoinCodes, String> {
        let mut out = JoinCodes::new();
        for (seat, code) in &self.codes {
            let c = JoinCode::parse(code).map_err(|e| format!("the code of seat {seat}: {e}"))?;
            out.insert(seat, c);
        }
        Ok(out)
    }

    /// Reads the file.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = crate::files::read_text_capped(path, 1 << 20)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Writes the file with owner-only permissions.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let text = toml::to_string(self).map_err(|e| e.to_string())?;
        let tmp = path.with_extension("classroom.tmp");
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts
            .open(&tmp)
            .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // An older file of another mode: tighten it before writing.
            f.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(|e| format!("cannot protect {}: {e}", tmp.display()))?;
        }
        f.write_all(text.as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_log_survive_a_round_trip_owner_only() {
        let dir = std::env::temp_dir().join(format!("fp-class-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let save = dir.join("autosave-x-0123.toml");
        let codes = JoinCodes::generate(&["us", "projector"]).expect("codes");
        let file = ClassFile {
            codes: codes
                .iter()
                .map(|(s, c)| (s.to_string(), c.to_string()))
                .collect(),
            deadline_secs: 480,
            missing: MissingPolicy::Ai,
            actions: vec![Action {
                at: 1,
                turn: 2,
                what: "paused the clock".into(),
            }],
        };
        let path = path_for(&save);
        assert_eq!(path.extension().and_then(|e| e.to_str()), Some("classroom"));
        file.write(&path).expect("write");
        let back = ClassFile::read(&path).expect("read");
        assert_eq!(back, file);
        assert_eq!(back.join_codes().expect("codes"), codes);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
