//! Join codes and the throttle on wrong ones.
//!
//! A team logs in with its seat name as the SSH user and its join code as the
//! password. Codes are words, not digits, so they can be read off a projector
//! and typed without mistakes: four words from the 2048-word BIP-39 English
//! list give 44 bits, drawn from the operating system's random source (never
//! from the game seed, which is in the save and may be shown). The caller
//! owns the codes ([`JoinCodes`]), so a resumed game keeps the codes the
//! teams already have.
//!
//! Guessing is slowed twice: every refusal takes about a second (the server's
//! `rejection_delay`), and an address that keeps failing is locked out for a
//! while ([`Throttle`]), which also stops parallel guessing over many
//! connections from one machine.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// How many words a generated code has: 4 × 11 bits = 44 bits of entropy.
pub const CODE_WORDS: usize = 4;

/// The word list codes are drawn from (BIP-39 English: 2048 common words,
/// no two sharing their first four letters).
fn words() -> &'static [&'static str; 2048] {
    bip39::Language::English.word_list()
}

/// Why a join code could not be made or read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodeError {
    /// The operating system's random source failed.
    #[error("cannot read the operating system's random source: {0}")]
    Random(String),
    /// A word is not in the word list.
    #[error("\"{0}\" is not a join-code word (codes are words from the BIP-39 English list)")]
    UnknownWord(String),
    /// Too few words for a safe code.
    #[error("a join code needs at least {CODE_WORDS} words, this one has {0}")]
    TooShort(usize),
}

/// One seat's join code: lowercase words joined by `-`.
///
/// Typing is forgiving: case, and spaces, dots or dashes between the words,
/// do not matter ([`JoinCode::matches`]).
#[derive(Clone, PartialEq, Eq)]
pub struct JoinCode(String);

impl JoinCode {
    /// A fresh code of [`CODE_WORDS`] words from the OS random source.
    pub fn generate() -> Result<Self, CodeError> {
        let mut bytes = [0u8; 2 * CODE_WORDS];
        getrandom::fill(&mut bytes).map_err(|e| CodeError::Random(e.to_string()))?;
        let list = words();
        let chosen: Vec<&str> = bytes
            .chunks_exact(2)
            // 2048 = 2^11: the low 11 bits of a uniform u16 are uniform.
            .map(|pair| list[usize::from(u16::from_le_bytes([pair[0], pair[1]]) & 0x7ff)])
            .collect();
        Ok(Self(chosen.join("-")))
    }

    /// Reads a code stored earlier (e.g. in a save), checking every word.
    pub fn parse(text: &str) -> Result<Self, CodeError> {
        let list = words();
        let parts = normalized_words(text);
        for w in &parts {
            if list.binary_search(&w.as_str()).is_err() {
                return Err(CodeError::UnknownWord(w.clone()));
            }
        }
        if parts.len() < CODE_WORDS {
            return Err(CodeError::TooShort(parts.len()));
        }
        Ok(Self(parts.join("-")))
    }

    /// The code as shown to the instructor, e.g. `"orbit-maple-tunnel-sugar"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Is `typed` this code? Case and separators are ignored, and the
    /// comparison takes the same time whatever the answer (it compares
    /// fixed-size digests byte by byte without stopping early).
    pub fn matches(&self, typed: &str) -> bool {
        let typed = normalized_words(typed).join("-");
        let a = Sha256::digest(self.0.as_bytes());
        let b = Sha256::digest(typed.as_bytes());
        a.iter()
            .zip(b.iter())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
    }
}

impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for JoinCode {
    /// Codes are secrets: debug output (logs, panics) does not show them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JoinCode(…)")
    }
}

/// Lowercase words of `text`, split on anything that is not a letter.
fn normalized_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The seats that may log in and their codes. The seat name is the SSH user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JoinCodes {
    codes: BTreeMap<String, JoinCode>,
}

impl JoinCodes {
    /// No seats yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fresh random codes for each of `seats`.
    pub fn generate<S: AsRef<str>>(seats: &[S]) -> Result<Self, CodeError> {
        let mut codes = Self::new();
        for seat in seats {
            codes.insert(seat.as_ref(), JoinCode::generate()?);
        }
        Ok(codes)
    }

    /// Sets (or replaces) the code of `seat`.
    pub fn insert(&mut self, seat: &str, code: JoinCode) {
        self.codes.insert(seat.to_owned(), code);
    }

    /// Removes `seat`: nobody can log in to it any more (open connections stay).
    pub fn remove(&mut self, seat: &str) -> Option<JoinCode> {
        self.codes.remove(seat)
    }

    /// The code of `seat`, to show on the instructor console.
    pub fn get(&self, seat: &str) -> Option<&JoinCode> {
        self.codes.get(seat)
    }

    /// Seats and codes in seat order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &JoinCode)> {
        self.codes.iter().map(|(s, c)| (s.as_str(), c))
    }

    /// Does `code` open `seat`? A code opens its own seat only; an unknown
    /// seat is refused exactly like a wrong code.
    pub fn admit(&self, seat: &str, code: &str) -> bool {
        // Compare against a dummy when the seat is unknown so both paths do
        // the same work.
        static NO_SEAT: std::sync::OnceLock<JoinCode> = std::sync::OnceLock::new();
        match self.codes.get(seat) {
            Some(expected) => expected.matches(code),
            None => {
                let dummy = NO_SEAT.get_or_init(|| JoinCode("no-such-seat".into()));
                let _ = dummy.matches(code);
                false
            }
        }
    }
}

/// How repeated failures from one address are slowed down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures from one address within `window` that trigger a lock-out.
    pub max_failures: u32,
    /// How far back failures are counted.
    pub window: Duration,
    /// The first lock-out; each further one from the same address doubles.
    pub lockout: Duration,
    /// The longest lock-out.
    pub max_lockout: Duration,
}

impl Default for ThrottlePolicy {
    /// Generous enough for a class behind one NAT address making typos
    /// (eight wrong codes a minute), strict enough that guessing a 44-bit
    /// code is hopeless (a handful of tries per minute per address).
    fn default() -> Self {
        Self {
            max_failures: 8,
            window: Duration::from_secs(60),
            lockout: Duration::from_secs(30),
            max_lockout: Duration::from_secs(15 * 60),
        }
    }
}

#[derive(Debug, Default)]
struct Record {
    failures: Vec<Instant>,
    locked_until: Option<Instant>,
    lockouts: u32,
}

/// Failure counts and lock-outs per client address.
#[derive(Debug, Default)]
pub struct Throttle {
    policy: ThrottlePolicy,
    records: HashMap<IpAddr, Record>,
}

/// Addresses kept before old records are swept (bounds the memory an
/// attacker with many addresses can make the server use).
const MAX_RECORDS: usize = 4096;

impl Throttle {
    /// A throttle applying `policy`.
    pub fn new(policy: ThrottlePolicy) -> Self {
        Self {
            policy,
            records: HashMap::new(),
        }
    }

    /// If `ip` is locked out at `now`, until when.
    pub fn locked_until(&self, ip: IpAddr, now: Instant) -> Option<Instant> {
        self.records
            .get(&ip)
            .and_then(|r| r.locked_until)
            .filter(|&until| until > now)
    }

    /// A wrong code (or unknown seat) from `ip` at `now`. Returns the end of a
    /// lock-out if this failure started one.
    pub fn failure(&mut self, ip: IpAddr, now: Instant) -> Option<Instant> {
        if self.records.len() >= MAX_RECORDS {
            self.sweep(now);
        }
        let policy = &self.policy;
        let record = self.records.entry(ip).or_default();
        record
            .failures
            .retain(|&t| now.saturating_duration_since(t) < policy.window);
        record.failures.push(now);
        if record.failures.len() < policy.max_failures as usize {
            return None;
        }
        record.failures.clear();
        let factor = 1u32 << record.lockouts.min(16);
        let lock = policy
            .lockout
            .saturating_mul(factor)
            .min(policy.max_lockout);
        record.lockouts = record.lockouts.saturating_add(1);
        let until = now + lock;
        record.locked_until = Some(until);
        Some(until)
    }

    /// A correct code from `ip`: its recent failures are forgiven (a typo
    /// followed by success is not an attack), earlier lock-outs still count.
    pub fn success(&mut self, ip: IpAddr) {
        if let Some(r) = self.records.get_mut(&ip) {
            r.failures.clear();
        }
    }

    /// Addresses locked out at `now` and until when (for the instructor console).
    pub fn locked(&self, now: Instant) -> Vec<(IpAddr, Instant)> {
        let mut v: Vec<_> = self
            .records
            .iter()
            .filter_map(|(ip, r)| r.locked_until.filter(|&u| u > now).map(|u| (*ip, u)))
            .collect();
        v.sort();
        v
    }

    /// Forgets everything (the instructor lifts all lock-outs).
    pub fn clear(&mut self) {
        self.records.clear();
    }

    /// Drops records with no recent failure and no running lock-out.
    fn sweep(&mut self, now: Instant) {
        let window = self.policy.window;
        self.records.retain(|_, r| {
            r.locked_until.is_some_and(|u| u > now)
                || r.failures
                    .iter()
                    .any(|&t| now.saturating_duration_since(t) < window)
        });
        if self.records.len() >= MAX_RECORDS {
            // Still full of live records: forget the oldest half rather than grow.
            let mut by_age: Vec<(IpAddr, Instant)> = self
                .records
                .iter()
                .map(|(ip, r)| (*ip, r.failures.last().copied().unwrap_or(now)))
                .collect();
            by_age.sort_by_key(|&(_, t)| t);
            for (ip, _) in by_age.into_iter().take(MAX_RECORDS / 2) {
                self.records.remove(&ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn generated_codes_have_four_known_words_and_differ() {
        let mut seen = HashSet::new();
        for _ in 0..200 {
            let code = JoinCode::generate().expect("os random");
            assert_eq!(code.as_str().split('-').count(), CODE_WORDS);
            assert_eq!(JoinCode::parse(code.as_str()).as_ref(), Ok(&code));
            assert!(seen.insert(code.to_string()), "repeated code {code}");
        }
    }

    #[test]
    fn word_list_gives_at_least_40_bits() {
        let list = words();
        let unique: HashSet<_> = list.iter().collect();
        assert_eq!(unique.len(), 2048);
        let bits = (CODE_WORDS as f64) * (unique.len() as f64).log2();
        assert!(bits >= 40.0, "{bits} bits");
    }

    #[test]
    fn typing_is_forgiving_but_exact_about_words() {
        let code = JoinCode::parse("orbit-maple-tunnel-sugar").expect("valid");
        assert!(code.matches("orbit-maple-tunnel-sugar"));
        assert!(code.matches("Orbit Maple  tunnel.SUGAR"));
        assert!(!code.matches("orbit-maple-tunnel"));
        assert!(!code.matches("orbit-maple-tunnel-sugars"));
        assert!(!code.matches(""));
        assert!(!format!("{code:?}").contains("orbit"), "debug hides codes");
    }

    #[test]
    fn parse_reports_unknown_words_and_short_codes() {
        assert_eq!(
            JoinCode::parse("orbit-maple-zzzz-sugar"),
            Err(CodeError::UnknownWord("zzzz".into()))
        );
        assert_eq!(JoinCode::parse("orbit maple"), Err(CodeError::TooShort(2)));
    }

    #[test]
    fn a_code_opens_its_own_seat_only() {
        let codes = JoinCodes::generate(&["dprk", "usa"]).expect("random");
        let dprk = codes.get("dprk").expect("seat").to_string();
        assert!(codes.admit("dprk", &dprk));
        assert!(!codes.admit("usa", &dprk));
        assert!(!codes.admit("nobody", &dprk));
    }

    #[test]
    fn repeated_failures_lock_an_address_out_and_lockouts_grow() {
        let policy = ThrottlePolicy {
            max_failures: 3,
            window: Duration::from_secs(60),
            lockout: Duration::from_secs(10),
            max_lockout: Duration::from_secs(25),
        };
        let mut t = Throttle::new(policy);
        let ip: IpAddr = "192.0.2.7".parse().expect("ip");
        let other: IpAddr = "192.0.2.8".parse().expect("ip");
        let t0 = Instant::now();
        assert_eq!(t.failure(ip, t0), None);
        assert_eq!(t.failure(ip, t0), None);
        assert_eq!(t.failure(ip, t0), Some(t0 + Duration::from_secs(10)));
        assert!(t.locked_until(ip, t0).is_some());
        assert!(
            t.locked_until(other, t0).is_none(),
            "other addresses unaffected"
        );
        let t1 = t0 + Duration::from_secs(11);
        assert!(t.locked_until(ip, t1).is_none(), "lock-out ends");
        for _ in 0..2 {
            assert_eq!(t.failure(ip, t1), None);
        }
        assert_eq!(t.failure(ip, t1), Some(t1 + Duration::from_secs(20)));
        let t2 = t1 + Duration::from_secs(21);
        for _ in 0..2 {
            t.failure(ip, t2);
        }
        assert_eq!(
            t.failure(ip, t2),
            Some(t2 + Duration::from_secs(25)),
            "capped"
        );
        assert_eq!(t.locked(t2).len(), 1);
        t.clear();
        assert!(t.locked(t2).is_empty());
    }

    #[test]
    fn old_failures_expire_and_success_forgives() {
        let mut t = Throttle::new(ThrottlePolicy {
            max_failures: 2,
            window: Duration::from_secs(10),
            ..ThrottlePolicy::default()
        });
        let ip: IpAddr = "::1".parse().expect("ip");
        let t0 = Instant::now();
        assert_eq!(t.failure(ip, t0), None);
        assert_eq!(
            t.failure(ip, t0 + Duration::from_secs(11)),
            None,
            "first expired"
        );
        t.success(ip);
        assert_eq!(
            t.failure(ip, t0 + Duration::from_secs(12)),
            None,
            "forgiven"
        );
    }

    #[test]
    fn records_stay_bounded() {
        let mut t = Throttle::new(ThrottlePolicy::default());
        let now = Instant::now();
        for i in 0..(3 * MAX_RECORDS as u32) {
            t.failure(IpAddr::from(i.to_be_bytes()), now);
        }
        assert!(t.records.len() <= MAX_RECORDS);
    }
}
