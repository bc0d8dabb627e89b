//! The council: resolutions proposed in one turn are voted on in the next.
//! Members vote through their orders (`vote` effects); a member that gave
//! no vote votes by its relations — for the resolution if it regards the
//! target worse than the proposer, otherwise against (the other way round
//! on a resolution that lifts sanctions), or, where the council allows
//! abstention, it abstains: every no vote but the target's own, and so
//! every veto on behalf of another, is then ordered. A resolution passes with a majority of members (with
//! abstention: half of them, and more yes than no) and no veto holder
//! against it. Passed sanctions drain harder than unilateral ones and are
//! lifted only by a new resolution; a veto raises the pair tension between
//! proposer and vetoer.

use super::events::Event;
use super::ledger::{Cause, Meter, Rule};
use super::record::Recorder;
use super::world::World;
use crate::scenario::{ActorId, Stat};

/// Votes on every resolution proposed before this turn.
pub fn vote<R: Recorder>(w: &mut World<R>) {
    let scn = w.scn;
    let members: Vec<ActorId> = scn.council_members().collect();
    let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut w.s.proposals)
        .into_iter()
        .partition(|p| p.turn < w.turn);
    w.s.proposals = later;
    for p in due {
        let (mut yes, mut no) = (Vec::new(), Vec::new());
        for m in &members {
            let explicit = w
                .votes
                .iter()
                .rev()
                .find(|(v, on, _)| v == m && *on == p.on)
                .map(|x| x.2);
            let ballot = explicit.map(Some).unwrap_or_else(|| {
                // A member that regards the target worse than the proposer
                // backs sanctions on it and opposes lifting them; the
                // target itself the other way round.
                let hostile = *m != p.on
                    && w.start.relations.get(*m, p.on) < w.start.relations.get(*m, p.proposer);
                let favours = *m == p.proposer
                    || match p.level {
                        0 => !hostile,
                        _ => hostile,
                    };
                // With abstention only the target opposes unasked (an actor
                // cannot aim an order at itself, so it could not veto
                // otherwise): every other no vote is ordered.
                match favours {
                    true => Some(true),
                    false if scn.council.abstention && *m != p.on => None,
                    false => Some(false),
                }
            });
            match ballot {
                Some(true) => yes.push(*m),
                Some(false) => no.push(*m),
                None => {}
            }
        }
        let vetoed_by: Vec<ActorId> = no.iter().copied().filter(|a| scn.actor(*a).veto).collect();
        let carried = if scn.council.abstention {
            yes.len() * 2 >= members.len() && yes.len() > no.len()
        } else {
            yes.len() * 2 > members.len()
        };
        let passed = carried && vetoed_by.is_empty();
        let cause = Cause::Council { on: p.on };
        if passed {
            w.set_to(
                Meter::CouncilSanction { on: p.on },
                f64::from(p.level),
                cause,
                Rule::Effect,
            );
        } else {
            for v in &vetoed_by {
                if *v != p.proposer {
                    w.adjust(
                        Meter::Tension {
                            a: p.proposer,
                            b: *v,
                        },
                        scn.council.veto_tension,
                        cause,
                        Rule::Veto,
                    );
                }
            }
        }
        w.event(|| Event::Vote {
            proposer: p.proposer,
            on: p.on,
            level: p.level,
            yes,
            no,
            vetoed_by,
            passed,
        });
    }
}

/// Council sanctions drain their target every turn.
pub fn tick<R: Recorder>(w: &mut World<R>) {
    let scn = w.scn;
    for a in scn.actor_ids() {
        let level = f64::from(w.s.council_sanctions[a.index()]);
        if level > 0.0 {
            let drain = scn.tension.sanction_drain * level * scn.council.strength;
            w.adjust(
                Meter::Stat {
                    actor: a,
                    stat: Stat::Economy,
                },
                -drain,
                Cause::Council { on: a },
                Rule::SanctionDrain,
            );
        }
    }
}
