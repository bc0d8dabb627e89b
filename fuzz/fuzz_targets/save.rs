//! The save loader on arbitrary bytes: the same path as `flashpoint
//! replay` and `play --load` after the file is read (`open_bytes`: the
//! pre-checks, parse, migration, scenario, ids), then the replay, and the
//! list's cheaper reading (`peek_bytes`). Never a panic.
//!
//! Almost every mutation of a save changes its embedded scenario's text and
//! so its SHA-256, which stops the load early; when that is the only
//! problem the target fixes the hash in the text and loads again, so the
//! checks and the replay behind it are fuzzed too.
#![no_main]

use std::path::Path;

use flashpoint::save::SaveError;
use flashpoint::save::load;
use flashpoint::save::peek::{self, ScenarioCache};
use libfuzzer_sys::fuzz_target;

fn load_all(bytes: &[u8]) -> Result<(), SaveError> {
    let path = Path::new("fuzz.toml");
    let _ = peek::peek_bytes(path, bytes, &mut ScenarioCache::default()).map_err(|e| e.to_string());
    let opened = load::open_bytes(path, bytes)?;
    let game = load::finish(opened)?;
    let _ = game.state.is_over();
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    match load_all(data) {
        Err(SaveError::HashMismatch { saved, actual, .. }) if !saved.is_empty() => {
            if let Ok(text) = std::str::from_utf8(data) {
                let fixed = text.replacen(&saved, &actual, 1);
                let _ = load_all(fixed.as_bytes()).map_err(|e| e.to_string());
            }
        }
        r => {
            let _ = r.map_err(|e| e.to_string());
        }
    }
});
