//! The scenario loader on arbitrary bytes: `load_bytes` must return a
//! scenario or an error, never panic, and the error must render (its spans
//! point into the text it quotes).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match flashpoint::scenario::load_bytes("fuzz.toml", data) {
        Ok(scn) => {
            // Everything a loaded scenario promises the engine.
            let _ = flashpoint::engine::initial_state(&scn);
            let _ = scn.date_of(scn.meta.turns);
        }
        Err(e) => {
            let _ = e.render(false);
        }
    }
});
