//! The expression language on arbitrary text: parse, compile against a
//! small set of names as a number and as a condition, and evaluate what
//! compiles. Never a panic; evaluation always gives a number.
#![no_main]

use flashpoint::scenario::expr::{self, Env, Names, TrackScope, Type, Var};
use libfuzzer_sys::fuzz_target;

/// Every variable reads as the same value.
struct Fixed(f64);

impl Env for Fixed {
    fn var(&self, _: Var) -> f64 {
        self.0
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = expr::parse(src);
    let actors = ["us".to_string(), "dprk".to_string(), "china".to_string()];
    let tracks = [
        ("program".to_string(), TrackScope::Global),
        ("aid".to_string(), TrackScope::PerActor),
    ];
    let endings = ["accord".to_string()];
    for (me, target, level) in [(true, true, true), (false, false, false)] {
        let names = Names {
            actors: &actors,
            tracks: &tracks,
            me,
            target,
            level,
            // Tests' expectations (`ended(...)`) in the second pass.
            endings: (!me).then_some(&endings[..]),
        };
        for want in [Type::Num, Type::Bool] {
            if let Ok(e) = expr::compile(src, &names, want) {
                for v in [0.0, 1.0, -3.5, 1e300, f64::NAN] {
                    let env = Fixed(v);
                    let _ = e.eval(&env);
                    let _ = e.holds(&env);
                    let _ = e.soft(&env);
                }
            }
        }
    }
});
