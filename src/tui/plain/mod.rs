//! Plain mode (`flashpoint play --plain`): the game as lines of text, for
//! screen readers and scripts. No alternate screen, no raw mode, no box
//! drawing, no colour: commands are typed at a prompt (`1` lists the
//! moves, `order 3 dprk 2` gives one, `end` ends the turn), and stdin and
//! stdout may be pipes. End of input saves an unfinished game and exits.
//!
//! It drives the same [`Model`] and [`Session`] as the terminal game, with
//! the same update functions (drafting, ending the turn, autosave, save on
//! quit), and prints the lines the TUI's screens build from the player's
//! perspective: no game rule and no second copy of a screen lives here.

mod command;
pub mod show;

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc;

use command::Command;

use super::draft::{self, Choice};
use super::model::{Model, Session};
use super::text::{amount, clean};
use super::update;
use crate::scenario::{ActorId, MoveId, Scenario};

/// What wakes plain mode: a typed line, the end of input, or a signal.
pub enum Input {
    /// One line, without its line break.
    Line(String),
    /// Input ended (or could not be read).
    Eof,
    /// A signal to handle as the terminal game does.
    Signal(i32),
}

/// Runs `flashpoint play --plain`.
pub fn run(opts: super::PlayOptions) -> ExitCode {
    let theme = super::theme::Theme { color: false };
    let mut m = match super::launch::model(Some(&opts), (80, 24), theme) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let (tx, rx) = mpsc::channel();
    if let Err(e) = super::signals::listen(tx.clone(), Input::Signal) {
        eprintln!("error: cannot watch for signals: {e}");
        return ExitCode::FAILURE;
    }
    let reader = std::thread::Builder::new()
        .name("plain-input".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut lock = stdin.lock();
            loop {
                let mut line = String::new();
                let input = match lock.read_line(&mut line) {
                    Ok(0) | Err(_) => Input::Eof,
                    Ok(_) => Input::Line(line.trim_end_matches(['\n', '\r']).to_string()),
                };
                let eof = matches!(input, Input::Eof);
                if tx.send(input).is_err() || eof {
                    break;
                }
            }
        });
    if let Err(e) = reader {
        eprintln!("error: cannot read the input: {e}");
        return ExitCode::FAILURE;
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let next = || rx.recv().unwrap_or(Input::Eof);
    // Piped input is echoed after the prompt, so the output reads as a
    // transcript; at a terminal the player's own typing is the echo.
    let echo = !io::stdin().is_terminal();
    match play(&mut m, next, &mut out, echo) {
        Ok(code) => code,
        Err(e) => {
            // Stdout is gone (a closed pipe): keep the game, then say so.
            let saved = update::save_now(&m);
            eprintln!("error: cannot write the game's output: {e}");
            if let Some(s) = saved {
                eprintln!("{s}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Plays until `quit`, the end of input or a signal: reads with `next`,
/// writes to `out` (each line read is written after the prompt with
/// `echo`); the exit code to end with.
pub fn play(
    m: &mut Model,
    mut next: impl FnMut() -> Input,
    out: &mut impl Write,
    echo: bool,
) -> io::Result<ExitCode> {
    let Some(s) = m.session.as_ref() else {
        writeln!(out, "error: no game to play")?;
        return Ok(ExitCode::FAILURE);
    };
    let scn = s.scenario().clone();
    say(
        out,
        &[format!(
            "Flashpoint — {} (plain mode). Type `help` for the commands, `1` for your moves.",
            clean(&scn.meta.title)
        )],
    )?;
    if let Some(s) = m.session.as_ref() {
        if s.hotseat() {
            say(out, &[hotseat_line(s)])?;
        }
        if s.is_over() {
            say(out, &show::game_over(s))?;
        } else {
            let mut intro = vec![show::turn_line(s), String::new()];
            intro.extend(show::dossier(s, s.current));
            intro.push(String::new());
            intro.extend(show::status(s));
            say(out, &intro)?;
        }
    }
    loop {
        prompt(m, out)?;
        let line = match next() {
            Input::Line(l) => {
                if echo {
                    writeln!(out, "{}", clean(&l))?;
                }
                l
            }
            Input::Eof => {
                writeln!(out)?;
                return finish(m, out);
            }
            Input::Signal(sig) => match super::signals::action(sig) {
                Some(super::signals::Action::End { save, signal }) => {
                    writeln!(out)?;
                    let farewell = if save { update::save_now(m) } else { None };
                    if let Some(f) = farewell {
                        writeln!(out, "{f}")?;
                    }
                    return Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)));
                }
                Some(super::signals::Action::Suspend) => {
                    out.flush()?;
                    super::signals::stop();
                    continue;
                }
                _ => continue,
            },
        };
        match command::parse(&line) {
            Err(e) => say(out, &[e])?,
            Ok(Command::Quit) => return finish(m, out),
            Ok(c) => {
                let lines = act(m, c);
                say(out, &lines)?;
            }
        }
    }
}

/// Saves an unfinished game on leaving and says where.
fn finish(m: &Model, out: &mut impl Write) -> io::Result<ExitCode> {
    match update::save_now(m) {
        Some(f) if f.starts_with("The game could not be saved") => {
            writeln!(out, "{f}")?;
            Ok(ExitCode::FAILURE)
        }
        Some(f) => {
            writeln!(out, "{f}")?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            writeln!(out, "Goodbye.")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints lines and a blank line after them.
fn say(out: &mut impl Write, lines: &[String]) -> io::Result<()> {
    for l in lines {
        writeln!(out, "{l}")?;
    }
    writeln!(out)?;
    out.flush()
}

/// The prompt names the player and the turn, so a hotseat player (and a
/// screen reader) always knows whose orders are being typed.
fn prompt(m: &Model, out: &mut impl Write) -> io::Result<()> {
    if let Some(s) = m.session.as_ref() {
        let who = clean(&s.scenario().actor(s.current).short);
        if s.is_over() {
            write!(out, "{who}, game over> ")?;
        } else {
            write!(out, "{who}, turn {}> ", s.turn() + 1)?;
        }
    }
    out.flush()
}

/// Who plays in turn at this keyboard.
fn hotseat_line(s: &Session) -> String {
    let names: Vec<String> = s
        .table()
        .humans()
        .iter()
        .map(|a| clean(&s.scenario().actor(*a).name))
        .collect();
    format!(
        "Hotseat: {} give orders in turn; the prompt says whose turn it is.",
        names.join(", ")
    )
}

/// Carries out one command; the lines to print.
fn act(m: &mut Model, c: Command) -> Vec<String> {
    let Some(s) = m.session.as_mut() else {
        return vec!["No game is open.".into()];
    };
    let over = s.is_over();
    match c {
        Command::Nothing => Vec::new(),
        Command::Help => show::help(),
        Command::Status if over => show::game_over(s),
        Command::Status => {
            let mut l = vec![show::turn_line(s)];
            l.extend(show::status(s));
            l
        }
        Command::Report { full } => show::report(s, full),
        Command::Relations => show::relations(s),
        Command::Objectives => show::objectives(s),
        Command::Dossier(None) => show::dossier(s, s.current),
        Command::Dossier(Some(who)) => match actor(s.scenario(), &who) {
            Some(a) => show::dossier(s, a),
            None => vec![no_actor(s.scenario(), &who)],
        },
        Command::Moves
        | Command::Orders
        | Command::Order { .. }
        | Command::Edit { .. }
        | Command::Remove(_)
        | Command::End
            if over =>
        {
            vec!["The game is over: no more orders. `status` shows the result, `report` the last turn, `quit` leaves.".into()]
        }
        Command::Moves => show::moves(s),
        Command::Orders => show::orders(s),
        Command::Preview { n, args } => preview(s, n, &args),
        Command::Order { n, args } => order(s, n, &args),
        Command::Edit { n, args } => edit(s, n, &args),
        Command::Remove(n) => remove(s, n),
        Command::Save(name) => save(m, &name),
        Command::End => end_turn(m),
        Command::Quit => Vec::new(),
    }
}

/// The actor a typed word names: its id, short name or name, in any case.
fn actor(scn: &Scenario, word: &str) -> Option<ActorId> {
    let w = word.trim().to_lowercase();
    scn.actor_ids().find(|a| {
        let x = scn.actor(*a);
        x.id.to_lowercase() == w || x.short.to_lowercase() == w || x.name.to_lowercase() == w
    })
}

/// "No actor `x`": with the ids to type.
fn no_actor(scn: &Scenario, word: &str) -> String {
    let ids: Vec<String> = scn.actors.iter().map(|a| clean(&a.id)).collect();
    format!(
        "No actor is called `{}`; actors are: {}.",
        show::safe(word),
        ids.join(", ")
    )
}

/// Move `n` (1-based) of the current player's list.
fn move_n(s: &Session, n: usize) -> Result<(usize, MoveId), String> {
    let list = draft::move_list(s.scenario(), s.current);
    list.get(n.wrapping_sub(1))
        .map(|mv| (n - 1, *mv))
        .ok_or_else(|| {
            format!(
                "There is no move {n}: moves run 1–{}. Type `1` to list them.",
                list.len()
            )
        })
}

/// The target and level that `args` ask for, starting from `base`.
fn choose(
    scn: &Scenario,
    me: ActorId,
    mv: MoveId,
    args: &[String],
    base: Choice,
) -> Result<Choice, String> {
    let m = scn.mv(mv);
    let mut c = base;
    let ts = draft::targets(scn, me, mv);
    let target_ids = || {
        ts.iter()
            .map(|t| clean(&scn.actor(*t).id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for a in args {
        if let Ok(level) = a.parse::<i32>() {
            if level < m.level.min || level > m.level.max {
                return Err(if m.level.max > m.level.min {
                    format!(
                        "{} takes {} {}–{}, not {level}.",
                        clean(&m.name),
                        clean(&m.level.label),
                        m.level.min,
                        m.level.max
                    )
                } else {
                    format!("{} has no level to choose.", clean(&m.name))
                });
            }
            c.level = level;
            continue;
        }
        let Some(t) = actor(scn, a) else {
            return Err(format!(
                "`{}` is neither an actor nor a level.{}",
                show::safe(a),
                if ts.is_empty() {
                    String::new()
                } else {
                    format!(" Targets: {}.", target_ids())
                }
            ));
        };
        if !m.targeted {
            return Err(format!("{} is not aimed at anyone.", clean(&m.name)));
        }
        if !ts.contains(&t) {
            return Err(format!(
                "{} cannot be aimed at {}; targets: {}.",
                clean(&m.name),
                clean(&scn.actor(t).short),
                target_ids()
            ));
        }
        c.target = Some(t);
    }
    if m.targeted && c.target.is_none() {
        return Err(format!(
            "{} needs a target: one of {}.",
            clean(&m.name),
            target_ids()
        ));
    }
    Ok(c)
}

/// The remembered choice for a move.
fn remembered(s: &Session, mv: MoveId) -> Choice {
    s.ui().choices.get(mv.index()).copied().unwrap_or(Choice {
        level: s.scenario().mv(mv).level.default,
        target: None,
    })
}

fn order(s: &mut Session, n: usize, args: &[String]) -> Vec<String> {
    let (i, mv) = match move_n(s, n) {
        Ok(x) => x,
        Err(e) => return vec![e],
    };
    let scn = s.scenario().clone();
    let c = match choose(&scn, s.current, mv, args, remembered(s, mv)) {
        Ok(c) => c,
        Err(e) => return vec![e],
    };
    let ui = s.ui_mut();
    ui.selected = i;
    if let Some(slot) = ui.choices.get_mut(mv.index()) {
        *slot = c;
    }
    let said = update::add_selected(s);
    vec![show::words(&said), show::orders(s).join("\n")]
}

fn preview(s: &Session, n: usize, args: &[String]) -> Vec<String> {
    let (_, mv) = match move_n(s, n) {
        Ok(x) => x,
        Err(e) => return vec![e],
    };
    let scn = s.scenario();
    let c = match choose(scn, s.current, mv, args, remembered(s, mv)) {
        Ok(c) => c,
        Err(e) => return vec![e],
    };
    let o = draft::order_for(s.current, mv, c);
    let st = s.believed();
    let p = crate::tui::preview::preview(scn, st, &o);
    let mut out = vec![
        format!("{}:", show::words(&draft::describe(scn, &o))),
        format!(
            "  cost {}, chance of success {:.0}%",
            amount(crate::engine::orders::cost(scn, st, &o)),
            p.chance * 100.0
        ),
    ];
    if let Err(e) = draft::check(scn, st, s.draft(), &o) {
        out.push(format!(
            "  not possible now: {}",
            clean(&crate::narrate::order_error(scn, &e))
        ));
    }
    let m = scn.mv(mv);
    if !m.description.is_empty() {
        out.push(format!("  {}", clean(&m.description)));
    }
    out.push("  If it succeeds:".into());
    for (what, d) in &p.effects {
        out.push(format!("    {what} {}", crate::tui::text::signed(*d)));
    }
    for note in &p.notes {
        out.push(format!("    {note}"));
    }
    if p.effects.is_empty() && p.notes.is_empty() {
        out.push("    nothing you can see changes at once".into());
    }
    out
}

fn edit(s: &mut Session, n: usize, args: &[String]) -> Vec<String> {
    let me = s.current;
    let Some(old) = s.draft().get(n.wrapping_sub(1)).cloned() else {
        return vec![no_order(s, n)];
    };
    let scn = s.scenario().clone();
    let base = Choice {
        level: old.level,
        target: old.target,
    };
    let c = match choose(&scn, me, old.mv, args, base) {
        Ok(c) => c,
        Err(e) => return vec![e],
    };
    let new = draft::order_for(me, old.mv, c);
    let mut others = s.draft().to_vec();
    others.remove(n - 1);
    match draft::check(&scn, s.believed(), &others, &new) {
        Ok(cost) => {
            let text = show::words(&draft::describe(&scn, &new));
            s.drafts[me.index()][n - 1] = new;
            if let Some(slot) = s.ui_mut().choices.get_mut(old.mv.index()) {
                *slot = c;
            }
            vec![
                format!("Order {n} is now: {text} for {} capital", amount(cost)),
                show::orders(s).join("\n"),
            ]
        }
        Err(e) => vec![format!(
            "Order {n} unchanged: {}",
            clean(&crate::narrate::order_error(&scn, &e))
        )],
    }
}

fn no_order(s: &Session, n: usize) -> String {
    match s.draft().len() {
        0 => "You have no orders yet: `1` lists your moves, `order N` gives one.".into(),
        k => format!("There is no order {n}: your orders run 1–{k}. Type `orders` to list them."),
    }
}

fn remove(s: &mut Session, n: usize) -> Vec<String> {
    let me = s.current;
    if n == 0 || n > s.draft().len() {
        return vec![no_order(s, n)];
    }
    let o = s.drafts[me.index()].remove(n - 1);
    let ui = s.ui_mut();
    ui.draft_selected = 0;
    vec![
        format!(
            "Removed: {}",
            show::words(&draft::describe(s.scenario(), &o))
        ),
        show::orders(s).join("\n"),
    ]
}

fn save(m: &mut Model, name: &str) -> Vec<String> {
    let (Some(dir), Some(s)) = (m.saves_dir.as_deref(), m.session.as_ref()) else {
        return vec!["Saving is off in this session (no saves folder).".into()];
    };
    match s.table().save_as(dir, name, false) {
        Ok(path) => {
            let drafts = s.drafts.iter().any(|d| !d.is_empty());
            vec![format!(
                "Saved to {}{}",
                path.display(),
                if drafts {
                    " (orders drafted this turn are not in saves)"
                } else {
                    ""
                }
            )]
        }
        Err(e) => vec![format!(
            "Not saved: {}",
            super::text::clean_lines(&e.to_string())
        )],
    }
}

/// Ends the current player's turn: hands over to the next person, or
/// lets the computer players decide and resolves the turn, then shows its
/// report and where things stand.
fn end_turn(m: &mut Model) -> Vec<String> {
    let Some(before) = m.session.as_ref().map(|s| (s.current, s.turn())) else {
        return Vec::new();
    };
    m.status = None;
    update::end_turn(m);
    update::settle(m);
    let Some(s) = m.session.as_ref() else {
        return Vec::new();
    };
    if s.turn() == before.1 {
        if s.current != before.0 {
            let mut out = vec![
                format!(
                    "Orders in. Hand over to {}: what follows is for them only.",
                    clean(&s.scenario().actor(s.current).in_sentence)
                ),
                String::new(),
                show::turn_line(s),
            ];
            out.extend(show::status(s));
            return out;
        }
        // Not ended: the update says why.
        return vec![
            m.status
                .clone()
                .unwrap_or_else(|| "The turn did not end.".into()),
        ];
    }
    let mut out = show::report(s, false);
    if let Some(st) = &m.status
        && st.starts_with("Autosave failed")
    {
        out.push(st.clone());
    }
    out.push(String::new());
    if s.is_over() {
        out.extend(show::game_over(s));
        out.push(String::new());
        out.push("`report full` shows the last turn in full; `quit` leaves.".into());
    } else {
        if s.hotseat() {
            out.push(format!(
                "Next to give orders: {}.",
                clean(&s.scenario().actor(s.current).name)
            ));
        }
        out.push(show::turn_line(s));
        out.extend(show::status(s));
    }
    out
}

#[cfg(test)]
mod tests;
