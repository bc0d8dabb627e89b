//! One team's screen over SSH: the terminal game's own model, screens and
//! keys for one seat, drawn from that seat's perspective only. The game is
//! the host's; the screen holds a copy of it seen from its seat (behind a
//! [`Table`], so it can reach nothing but that seat's perspectives), and
//! its drafts are the host's, so two screens of one team and a reconnect
//! share them.

use crossterm::event::Event;
use ratatui::Frame;

use crate::classroom::{AppControl, Lobby, SeatApp, SeatContext};
use crate::referee::{Seat, SubmitError};
use crate::save::Table;
use crate::scenario::ActorId;
use crate::tui::model::{Focus, Model, Popup, Screen, Session, Tab};
use crate::tui::msg::Msg;
use crate::tui::theme::Theme;
use crate::tui::{update, view};

use super::game::Host;
use super::game::{HostGame, PROJECTOR, Phase, countdown};
use super::projector::ProjectorApp;

/// Opens the screen of a seat: a team's game or the projector.
#[derive(Debug, Clone)]
pub struct HostLobby {
    /// The game.
    pub host: Host,
}

impl Lobby for HostLobby {
    fn open(&self, seat: &str, ctx: &SeatContext) -> Result<Box<dyn SeatApp>, String> {
        let theme = theme_for(&ctx.term);
        {
            let mut g = self.host.lock();
            if g.notifier.is_none() {
                g.notifier = Some(ctx.notifier.clone());
            }
        }
        if seat == PROJECTOR {
            return Ok(Box::new(ProjectorApp::new(self.host.clone(), theme)));
        }
        let g = self.host.lock();
        let Some(actor) = g.scenario().actor_by_id(seat) else {
            return Err(format!("there is no seat `{seat}` in this game"));
        };
        if g.seats().get(actor.index()) != Some(&Seat::Human) {
            return Err(format!("seat {seat} is played by the computer"));
        }
        drop(g);
        Ok(Box::new(SeatScreen::new(
            self.host.clone(),
            actor,
            ctx.size,
            theme,
        )))
    }
}

/// Colour unless the client's terminal says it has none.
fn theme_for(term: &str) -> Theme {
    Theme {
        color: !(term.is_empty() || term == "dumb"),
    }
}

/// A team's game screen.
pub struct SeatScreen {
    host: Host,
    actor: ActorId,
    model: Model,
    /// The host's generation this screen was built for.
    generation: u64,
    /// The debrief was opened once it was revealed.
    debrief_shown: bool,
    /// The instructor's look at the seat: keys move around, nothing is
    /// drafted or submitted.
    pub read_only: bool,
}

impl SeatScreen {
    /// The screen of `actor`'s seat at the game's current turn.
    pub fn new(host: Host, actor: ActorId, size: (u16, u16), theme: Theme) -> Self {
        let g = host.lock();
        let table = Table::with_id(g.seat_copy(), g.id().clone());
        let mut model = Model::title(Vec::new(), size, theme);
        let mut session = Session::for_people(table, vec![actor]);
        session.drafts[actor.index()] = g.drafts(actor).to_vec();
        model.session = Some(session);
        model.screen = if g.is_over() {
            Screen::End
        } else if g.turn() > 0 {
            Screen::Game(Tab::Dashboard)
        } else {
            Screen::Game(Tab::Dossier)
        };
        let generation = g.generation;
        drop(g);
        let mut me = SeatScreen {
            host,
            actor,
            model,
            generation,
            debrief_shown: false,
            read_only: false,
        };
        let g = me.host.clone();
        me.sync(&g.lock());
        me
    }

    /// The model drawn (tests and the console's seat view).
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Brings the screen up to the host: a new turn, the debrief, the
    /// seat's drafts (typed on another screen of the team).
    fn sync(&mut self, g: &HostGame) {
        let me = self.actor;
        if g.generation != self.generation {
            let new_turn = self.model.session.as_ref().map(|s| s.turn()) != Some(g.turn());
            if new_turn && let Some(s) = self.model.session.as_mut() {
                *s.table_mut() = Table::with_id(g.seat_copy(), g.id().clone());
                s.refresh();
                s.waiting = vec![me];
                s.current = me;
                s.report_scroll = 0;
                if let Some(ui) = s.players.get_mut(me.index()) {
                    ui.draft_selected = 0;
                    ui.focus = Focus::Moves;
                }
                if matches!(self.model.screen, Screen::Game(_) | Screen::Handoff) {
                    self.model.screen = Screen::Game(Tab::Report);
                }
                if self.model.popup == Some(Popup::ConfirmEndTurn) {
                    self.model.popup = None;
                }
                self.model.status = Some(if g.is_over() {
                    "The game is over — read the report, then Enter for the result".into()
                } else {
                    format!(
                        "Turn {} resolved — read what happened, then Enter for the dashboard",
                        g.turn()
                    )
                });
            }
            self.generation = g.generation;
        }
        if g.revealed && !self.debrief_shown {
            self.debrief_shown = true;
            self.model.popup = None;
            self.model.open_debrief(Screen::End);
        }
        if let Some(s) = self.model.session.as_mut()
            && let Some(d) = s.drafts.get_mut(me.index())
            && d.as_slice() != g.drafts(me)
        {
            *d = g.drafts(me).to_vec();
            if let Some(ui) = s.players.get_mut(me.index()) {
                ui.draft_selected = ui.draft_selected.min(d.len().saturating_sub(1));
            }
        }
    }

    /// The line the status bar shows when nothing else is said: the clock
    /// and who the turn waits for (public to every seat).
    fn clock_line(&self, g: &HostGame) -> String {
        let scn = g.scenario();
        let mut parts = vec![format!("Turn {}/{}", g.turn() + 1, scn.meta.turns)];
        if g.is_over() {
            return if g.revealed {
                "The game is over: the debrief is open (d)".into()
            } else {
                "The game is over: the instructor will reveal the debrief".into()
            };
        }
        if g.phase == Phase::Resolving {
            parts.push("the turn is being resolved…".into());
            return parts.join(" · ");
        }
        if let Some(left) = g.clock.left(std::time::Instant::now()) {
            let paused = if g.clock.paused() { " (paused)" } else { "" };
            parts.push(format!("{} left{paused}", countdown(left)));
        }
        if g.has_submitted(self.actor) {
            parts.push("your orders are in".into());
        } else {
            parts.push("e submits your orders".into());
        }
        let waiting: Vec<String> = g
            .waiting_for()
            .into_iter()
            .filter(|a| *a != self.actor)
            .map(|a| crate::tui::text::clean(&scn.actor(a).name))
            .collect();
        if !waiting.is_empty() {
            parts.push(format!("waiting for {}", waiting.join(", ")));
        }
        parts.join(" · ")
    }

    /// A message in the seat's context, with what the host adds: ending
    /// the turn submits to the host; no new game, no local save.
    fn handle(&mut self, msg: Msg) {
        let m = &mut self.model;
        let drafting = m.screen == Screen::Game(Tab::Orders)
            && matches!(msg, Msg::Select | Msg::Remove | Msg::Char(_));
        if self.read_only && (drafting || matches!(msg, Msg::EndTurn | Msg::Quit | Msg::Interrupt))
        {
            m.status = Some("The instructor's view: nothing is submitted from here".into());
            return;
        }
        match (m.popup, msg) {
            (Some(Popup::ConfirmEndTurn), Msg::Yes) => {
                m.popup = None;
                self.submit();
                return;
            }
            (None, Msg::NewGame) => return,
            (None, Msg::Save) => {
                m.status = Some("The host saves the game after every turn".into());
                return;
            }
            (None, Msg::Debrief) if !self.host.lock().revealed => {
                m.status = Some("The instructor reveals the debrief to everyone".into());
                return;
            }
            _ => {}
        }
        update::update(m, msg);
    }

    fn submit(&mut self) {
        let m = &mut self.model;
        let Some(s) = m.session.as_ref() else {
            return;
        };
        let orders = s
            .drafts
            .get(self.actor.index())
            .cloned()
            .unwrap_or_default();
        self.host.lock().set_drafts(self.actor, orders);
        m.status = Some(match self.host.submit(self.actor) {
            Ok(()) => "Orders submitted — change a draft to take them back".into(),
            Err(SubmitError::Illegal { index, error }) => format!(
                "Not submitted: order {} cannot be given: {}",
                index + 1,
                crate::narrate::order_error(s.scenario(), &error)
            ),
            Err(SubmitError::GameOver) => {
                "Not submitted: the turn is being resolved (or the game is over)".into()
            }
            Err(e) => format!("Not submitted: {e}"),
        });
    }

    /// Hands the seat's drafts to the host after a key; a change to
    /// submitted orders takes the submission back.
    fn push_drafts(&mut self) {
        if self.read_only {
            return;
        }
        let Some(s) = self.model.session.as_ref() else {
            return;
        };
        let Some(d) = s.drafts.get(self.actor.index()) else {
            return;
        };
        let mut g = self.host.lock();
        if g.generation != self.generation {
            // The turn moved on under this key (e.g. this very submission
            // resolved it): these drafts belong to the turn before.
            return;
        }
        let was_in = g.has_submitted(self.actor);
        if g.set_drafts(self.actor, d.clone()) {
            if was_in && self.model.status.is_none() {
                self.model.status =
                    Some("Your orders changed: press e to submit them again".into());
            }
            if let Some(n) = &g.notifier {
                // The team's other screens show the draft too.
                let seat = g.scenario().actor(self.actor).id.clone();
                n.redraw_seat(&seat);
                n.redraw_seat(PROJECTOR);
            }
        }
    }
}

impl SeatApp for SeatScreen {
    fn event(&mut self, event: Event) -> AppControl {
        let host = self.host.clone();
        self.sync(&host.lock());
        match &event {
            Event::Paste(text) => update::paste(&mut self.model, text),
            ev => {
                if let Some(msg) = crate::tui::translate(&self.model, ev) {
                    self.handle(msg);
                }
            }
        }
        self.push_drafts();
        if self.model.quit {
            AppControl::Close
        } else {
            AppControl::Continue
        }
    }

    fn draw(&mut self, frame: &mut Frame) {
        let host = self.host.clone();
        let g = host.lock();
        self.draw_with(&g, frame);
    }
}

impl SeatScreen {
    /// Draws with the game already locked (the console holds the lock).
    pub fn draw_with(&mut self, g: &HostGame, frame: &mut Frame) {
        self.sync(g);
        let line = self.clock_line(g);
        let own = self.model.status.take();
        self.model.status = Some(own.clone().unwrap_or(line));
        view::view(&self.model, frame);
        self.model.status = own;
    }
}
