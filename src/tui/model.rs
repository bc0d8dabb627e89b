//! The app's state: which screen is up, what is selected, the game in
//! progress and each human player's draft orders. `update` changes it,
//! `view` only reads it.

use std::path::{Path, PathBuf};

use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::ai::Decision;
use crate::catalog::Listing;
use crate::engine::{Order, State};
use crate::perspective::{PlayerView, SeenTurn, TurnReport};
use crate::referee::Debrief;
use crate::save::Table;
use crate::save::{SaveInfo, SaveSummary};
use crate::scenario::{ActorId, Scenario};

use super::draft::Choice;
use super::theme::Theme;

/// The screens of a game in progress, shown as tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Dashboard,
    Orders,
    Report,
    History,
    Dossier,
}

impl Tab {
    /// Every tab in the order of the tab bar (and of the keys 1–5).
    pub const ALL: [Tab; 5] = [
        Tab::Dashboard,
        Tab::Orders,
        Tab::Report,
        Tab::History,
        Tab::Dossier,
    ];

    /// The word on the tab bar.
    pub fn name(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dashboard",
            Tab::Orders => "Orders",
            Tab::Report => "Report",
            Tab::History => "History",
            Tab::Dossier => "Dossier",
        }
    }

    /// Position on the tab bar.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tab `step` places further along the bar, wrapping around.
    pub fn cycle(self, step: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        let i = (self.index() as isize + step).rem_euclid(n);
        Tab::ALL[i as usize]
    }
}

/// What fills the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Continue the latest autosave, load a save, or pick a scenario.
    Title,
    /// The saved games in the saves folder.
    Load,
    /// Pick the human actors and the seed.
    Setup,
    /// A game in progress, on one of its tabs.
    Game(Tab),
    /// Hotseat: everything hidden until the next player is at the keyboard.
    Handoff,
    /// The game is over: how it ended and the scores.
    End,
    /// After the game: the whole truth ([`Model::debrief`]).
    Debrief,
}

/// A box drawn over the screen that takes the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    /// Every key of the current screen.
    Help,
    /// "Quit? y/n".
    ConfirmQuit,
    /// "End your turn? y/n".
    ConfirmEndTurn,
    /// Save under a name the player types ([`Model::save_form`]).
    SaveAs,
    /// Something went wrong ([`Model::dialog`]); any key closes it.
    Error,
}

/// Which list of the orders screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The moves the actor can order.
    #[default]
    Moves,
    /// The orders drafted so far this turn.
    Drafts,
}

/// The computer players deciding on a worker thread while the screen
/// keeps drawing (and `q` keeps working).
#[derive(Debug)]
pub struct Thinking {
    /// Decisions as they are made.
    pub rx: Receiver<(ActorId, Decision)>,
    /// How many decisions the turn needs.
    pub total: usize,
    /// The decisions made so far.
    pub done: Vec<(ActorId, Decision)>,
    /// Frames drawn while waiting (drives the spinner).
    pub ticks: u32,
}

/// A choice on the title screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleItem {
    /// Continue the latest autosave.
    Continue,
    /// Open the list of saves.
    Load,
    /// A new game of the scenario at this index of [`Title::entries`].
    Scenario(usize),
}

/// The newest autosave, offered as "Continue".
#[derive(Debug, Clone)]
pub struct Autosave {
    pub path: PathBuf,
    /// What it holds, or why it does not load.
    pub summary: Result<SaveSummary, String>,
}

/// The title screen.
#[derive(Debug, Clone, Default)]
pub struct Title {
    /// Playable scenarios: the bundled default first, then `scenarios/*.toml`.
    pub entries: Vec<Listing>,
    /// The highlighted choice, as a position in [`Title::items`].
    pub selected: usize,
    /// The latest autosave in the saves folder, if any.
    pub autosave: Option<Autosave>,
}

impl Title {
    /// The choices that can be highlighted, in screen order: Continue
    /// (only when there is an autosave), Load, then the scenarios.
    pub fn items(&self) -> Vec<TitleItem> {
        let mut out = Vec::with_capacity(self.entries.len() + 2);
        if self.autosave.is_some() {
            out.push(TitleItem::Continue);
        }
        out.push(TitleItem::Load);
        out.extend((0..self.entries.len()).map(TitleItem::Scenario));
        out
    }

    /// The highlighted choice.
    pub fn item(&self) -> Option<TitleItem> {
        self.items().get(self.selected).copied()
    }

    /// Highlights the natural first choice: Continue when there is an
    /// autosave, else the first scenario.
    pub fn select_default(&mut self) {
        let items = self.items();
        self.selected = items
            .iter()
            .position(|i| matches!(i, TitleItem::Continue))
            .or_else(|| {
                items
                    .iter()
                    .position(|i| matches!(i, TitleItem::Scenario(_)))
            })
            .unwrap_or(0);
    }
}

/// The list of saved games.
#[derive(Debug, Clone, Default)]
pub struct LoadList {
    /// Newest first, as `save::list` gives them.
    pub saves: Vec<SaveInfo>,
    pub selected: usize,
}

/// The "save as" popup.
#[derive(Debug, Clone, Default)]
pub struct SaveForm {
    /// The name as typed.
    pub name: String,
    /// Why the last attempt failed (a bad name, a write error).
    pub error: Option<String>,
    /// Set while asking whether to overwrite this existing save.
    pub overwrite: Option<PathBuf>,
}

/// The setup screen of a new game.
#[derive(Debug, Clone)]
pub struct Setup {
    /// What was passed to `scenario::resolve` (a bundled id or a path).
    pub name: String,
    pub scenario: Scenario,
    /// Per actor: played by a person.
    pub humans: Vec<bool>,
    /// Per actor: the computer's strength (one of
    /// [`crate::ai::Policy::STRENGTHS`]) when the computer plays it; kept
    /// while a person plays it, so switching back restores the choice.
    pub strengths: Vec<crate::ai::Policy>,
    /// The seed as typed (digits only).
    pub seed: String,
    /// The highlighted actor row.
    pub row: usize,
}

impl Setup {
    /// A setup with the first actor human, every computer seat at
    /// strength `ai` (`play --ai`, else normal), and the scenario's seed.
    pub fn new(name: String, scenario: Scenario, ai: crate::ai::Policy) -> Self {
        let mut humans = vec![false; scenario.n()];
        let strengths = vec![ai; scenario.n()];
        if let Some(h) = humans.first_mut() {
            *h = true;
        }
        let seed = scenario.meta.seed.to_string();
        Setup {
            name,
            scenario,
            humans,
            strengths,
            seed,
            row: 0,
        }
    }

    /// The name of actor `i`'s computer strength (`easy`, `normal`, …),
    /// from [`crate::ai::Policy::STRENGTHS`].
    pub fn strength_name(&self, i: usize) -> &'static str {
        let p = self.strengths.get(i).copied().unwrap_or_default();
        crate::ai::Policy::STRENGTHS
            .iter()
            .find(|(_, x)| *x == p)
            .map_or_else(|| p.name(), |(n, _)| n)
    }

    /// Moves actor `i`'s computer strength to the next (or previous) one
    /// of [`crate::ai::Policy::STRENGTHS`], wrapping round.
    pub fn cycle_strength(&mut self, i: usize, forward: bool) {
        let all = crate::ai::Policy::STRENGTHS;
        let Some(p) = self.strengths.get_mut(i) else {
            return;
        };
        let at = all.iter().position(|(_, x)| x == p);
        let next = match (at, forward) {
            (Some(k), true) => (k + 1) % all.len(),
            (Some(k), false) => (k + all.len() - 1) % all.len(),
            (None, _) => 0,
        };
        *p = all[next].1;
    }

    /// The seats this setup describes: people, and the computer at each
    /// seat's chosen strength.
    pub fn seats(&self) -> Vec<crate::referee::Seat> {
        self.humans
            .iter()
            .zip(&self.strengths)
            .map(|(h, p)| {
                if *h {
                    crate::referee::Seat::Human
                } else {
                    crate::referee::Seat::Ai(*p)
                }
            })
            .collect()
    }
}

/// One human player's place in the interface; kept apart per player so a
/// hotseat player never sees what the previous one was looking at.
#[derive(Debug, Clone, Default)]
pub struct PlayerUi {
    /// Selected move, as a position in [`super::draft::move_list`].
    pub selected: usize,
    pub focus: Focus,
    /// Selected draft order.
    pub draft_selected: usize,
    /// Per move (by move index): the level and target last chosen.
    pub choices: Vec<Choice>,
    /// Actor shown on the dossier screen.
    pub dossier: usize,
    /// Scroll of the dossier text.
    pub dossier_scroll: u16,
    /// The draft order being edited in place: adding puts it back here.
    pub editing: Option<usize>,
    /// The target the player chose last: a move it can aim at follows
    /// it, so an order never silently goes to an older choice.
    pub last_target: Option<ActorId>,
}

/// One player's perspective, as the table gave it after the last turn:
/// everything its screens draw from.
#[derive(Debug, Clone)]
pub struct Seen {
    pub view: PlayerView,
    /// The game as the player believes it to be (drafts are checked and
    /// previewed on it).
    pub believed: State,
    pub history: Vec<SeenTurn>,
    /// Every turn so far as the player may know it.
    pub reports: Vec<TurnReport>,
}

/// A game in progress with the players' drafts. The game itself is at the
/// [`Table`]; what the screens draw comes from each player's [`Seen`]
/// perspective, and from the [`Debrief`] once the game is over.
#[derive(Debug)]
pub struct Session {
    table: Table,
    /// The actors whose screens this session shows (the people; never empty).
    people: Vec<ActorId>,
    /// Per entry of `people`: its perspective.
    seen: Vec<Seen>,
    /// The whole truth, once the game is over.
    debrief: Option<Debrief>,
    /// The human whose view is on screen (whose orders are being given).
    pub current: ActorId,
    /// Humans who have not yet ended their orders this turn, in order.
    pub waiting: Vec<ActorId>,
    /// Per actor: orders drafted this turn (only humans' are used).
    pub drafts: Vec<Vec<Order>>,
    /// Per actor: interface state (only humans' are used).
    pub players: Vec<PlayerUi>,
    /// Scroll of the turn report.
    pub report_scroll: u16,
    /// The turn report shows every order and change, not just its summary.
    pub report_details: bool,
    /// How far the dashboard's actor lists (threats, pairs, relations)
    /// are scrolled, when they have more rows than fit.
    pub dash_scroll: usize,
    /// Series shown on the history screen.
    pub history_series: usize,
    /// The computer players at work on the turn.
    pub thinking: Option<Thinking>,
}

impl Session {
    /// A session at the start of the table's next turn. A game without a
    /// human actor gets the first actor as its player (it watches).
    pub fn new(table: Table) -> Self {
        let humans = table.humans();
        Self::for_people(table, humans)
    }

    /// A session showing only these people's screens (the first actor's
    /// if none): a classroom seat is one person at a table of several.
    pub fn for_people(table: Table, mut humans: Vec<ActorId>) -> Self {
        let n = table.scenario().n();
        if humans.is_empty() {
            humans.push(ActorId(0));
        }
        let current = humans[0];
        let players = (0..n)
            .map(|i| PlayerUi {
                choices: super::draft::default_choices(table.scenario(), ActorId(i as u16)),
                dossier: i,
                ..PlayerUi::default()
            })
            .collect();
        let mut s = Session {
            table,
            people: humans.clone(),
            seen: Vec::new(),
            debrief: None,
            current,
            waiting: humans,
            drafts: vec![Vec::new(); n],
            players,
            report_scroll: 0,
            report_details: false,
            dash_scroll: 0,
            history_series: 0,
            thinking: None,
        };
        s.refresh();
        s
    }

    /// Asks the table again for every player's perspective (after a turn).
    pub fn refresh(&mut self) {
        self.seen = self
            .people
            .iter()
            .map(|a| {
                let view = self.table.view(*a);
                let believed = view.believed_state(self.table.scenario());
                Seen {
                    view,
                    believed,
                    history: self.table.history(*a),
                    reports: self.table.reports(*a),
                }
            })
            .collect();
        for a in self.people.clone() {
            self.fit_targets(a);
        }
        self.debrief = self.table.debrief();
    }

    /// The table the game is played at.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// The table, to submit orders or save.
    pub fn table_mut(&mut self) -> &mut Table {
        &mut self.table
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Arc<Scenario> {
        self.table.scenario()
    }

    /// The current player's perspective.
    pub fn seen(&self) -> &Seen {
        self.seen_of(self.current)
    }

    /// A player's perspective (the first player's for an actor no person
    /// plays; `people` is never empty, see [`Session::new`]).
    pub fn seen_of(&self, a: ActorId) -> &Seen {
        let i = self.people.iter().position(|p| *p == a).unwrap_or(0);
        &self.seen[i]
    }

    /// The current player's view of the game.
    pub fn view(&self) -> &PlayerView {
        &self.seen().view
    }

    /// The game as the current player believes it to be.
    pub fn believed(&self) -> &State {
        &self.seen().believed
    }

    /// The last turn as the current player may know it.
    pub fn last_report(&self) -> Option<&TurnReport> {
        self.seen().reports.last()
    }

    /// True once the game has ended.
    pub fn is_over(&self) -> bool {
        self.table.is_over()
    }

    /// Turns resolved so far.
    pub fn turn(&self) -> u32 {
        self.table.turn()
    }

    /// The whole truth, once the game is over.
    pub fn debrief(&self) -> Option<&Debrief> {
        self.debrief.as_ref()
    }

    /// Is this actor played by a person?
    pub fn is_human(&self, a: ActorId) -> bool {
        self.table.seats().get(a.index()) == Some(&crate::referee::Seat::Human)
    }

    /// More than one person plays: orders are secret between hand-offs.
    pub fn hotseat(&self) -> bool {
        self.people.len() > 1
    }

    /// The current player's interface state.
    pub fn ui(&self) -> &PlayerUi {
        &self.players[self.current.index()]
    }

    /// The current player's interface state, to change it.
    pub fn ui_mut(&mut self) -> &mut PlayerUi {
        &mut self.players[self.current.index()]
    }

    /// Aims every move of `actor` at a target the engine accepts, where
    /// the chosen one is not (at the start of each turn).
    pub fn fit_targets(&mut self, actor: ActorId) {
        let Some(i) = self.people.iter().position(|p| *p == actor) else {
            return;
        };
        let seen = &self.seen[i];
        let scn = self.table.scenario();
        let st = &seen.believed;
        let draft = &self.drafts[actor.index()];
        let ui = &mut self.players[actor.index()];
        for mv in super::draft::move_list(scn, actor) {
            if let Some(c) = ui.choices.get_mut(mv.index()) {
                *c = super::draft::fit_target(scn, st, draft, actor, mv, *c);
            }
        }
    }

    /// The current player's drafted orders.
    pub fn draft(&self) -> &[Order] {
        &self.drafts[self.current.index()]
    }

    /// Plays a turn at once, people giving no orders (tests).
    #[cfg(test)]
    pub(crate) fn play_turn_now(&mut self) {
        self.table.play_turn();
        self.refresh();
    }
}

/// The whole app.
#[derive(Debug)]
pub struct Model {
    pub screen: Screen,
    pub popup: Option<Popup>,
    pub title: Title,
    pub setup: Option<Setup>,
    pub session: Option<Session>,
    /// Terminal size (columns, rows), for mouse hit-testing.
    pub size: (u16, u16),
    pub theme: Theme,
    /// A one-line message for the status bar (cleared by the next key).
    pub status: Option<String>,
    /// Set when the app should exit.
    pub quit: bool,
    /// The saves folder. `None` (models built by tests) writes nothing:
    /// no autosave, no save on quit.
    pub saves_dir: Option<PathBuf>,
    /// The load screen's list.
    pub load: LoadList,
    /// The "save as" popup's state.
    pub save_form: Option<SaveForm>,
    /// The error dialog's title and message.
    pub dialog: Option<(String, String)>,
    /// Saving on quit failed with this message: the quit dialog asks
    /// whether to quit anyway.
    pub quit_error: Option<String>,
    /// Printed after the terminal is restored (where the game was saved).
    pub farewell: Option<String>,
    /// The debrief screen's state, while it is open.
    pub debrief: Option<super::screens::debrief::DebriefUi>,
    /// The strength a new game's computer seats start at on the setup
    /// screen (`play --ai`; normal by default).
    pub ai: crate::ai::Policy,
}

impl Model {
    /// The title screen with these scenarios.
    pub fn title(entries: Vec<Listing>, size: (u16, u16), theme: Theme) -> Self {
        Model {
            screen: Screen::Title,
            popup: None,
            title: {
                let mut t = Title {
                    entries,
                    ..Title::default()
                };
                t.select_default();
                t
            },
            setup: None,
            session: None,
            size,
            theme,
            status: None,
            quit: false,
            saves_dir: None,
            load: LoadList::default(),
            save_form: None,
            dialog: None,
            quit_error: None,
            farewell: None,
            debrief: None,
            ai: crate::ai::Policy::default(),
        }
    }

    /// Starts the setup screen's computer seats at strength `ai`.
    pub fn with_ai(mut self, ai: crate::ai::Policy) -> Self {
        self.ai = ai;
        self
    }

    /// Uses `dir` as the saves folder (autosave, save as, Continue, Load).
    /// Call [`Model::refresh_saves`] to offer its latest autosave.
    pub fn with_saves_dir(mut self, dir: PathBuf) -> Self {
        self.saves_dir = Some(dir);
        self
    }

    /// Looks for the latest autosave again (for the title's Continue) and
    /// highlights the first choice.
    pub fn refresh_saves(&mut self) {
        self.title.autosave = self.saves_dir.as_deref().and_then(|dir| {
            let path = crate::save::latest_autosave(dir)?;
            let summary = crate::save::list::summarize(&path).map_err(|e| e.to_string());
            Some(Autosave { path, summary })
        });
        self.title.select_default();
    }

    /// Shows an error dialog.
    pub fn error(&mut self, title: &str, message: String) {
        self.dialog = Some((title.to_string(), message));
        self.popup = Some(Popup::Error);
    }

    /// Straight into a game (as `flashpoint play` does).
    pub fn game(game: Table, size: (u16, u16), theme: Theme) -> Self {
        let mut m = Model::title(Vec::new(), size, theme);
        m.start(game);
        m
    }

    /// Starts a game: a hotseat game opens on the hand-off screen, a
    /// single player's on their briefing.
    pub fn start(&mut self, game: Table) {
        let session = Session::new(game);
        self.screen = if session.hotseat() {
            Screen::Handoff
        } else {
            Screen::Game(Tab::Dossier)
        };
        self.session = Some(session);
        self.popup = None;
    }

    /// Opens the debrief of the finished game in progress (Esc returns to
    /// `back`); false when there is no finished game.
    pub fn open_debrief(&mut self, back: Screen) -> bool {
        let Some(s) = &self.session else {
            return false;
        };
        let Some(d) = s.debrief() else {
            return false;
        };
        let analysis = d.analyse(s.scenario());
        self.debrief = Some(super::screens::debrief::DebriefUi::new(analysis, back));
        self.screen = Screen::Debrief;
        true
    }

    /// Continues a game loaded from the save at `from`: a finished game
    /// opens on its end screen, a hotseat game on the hand-off, one
    /// player's on the last turn's report (rebuilt by loading).
    pub fn resume(&mut self, game: Table, from: &Path) {
        let over = game.is_over();
        let played = game.turn() > 0;
        self.start(game);
        let name = from.file_name().map_or_else(
            || from.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let hotseat = self.session.as_ref().is_some_and(Session::hotseat);
        if over {
            self.screen = Screen::End;
            self.status = Some(format!("Loaded {name}: this game is over"));
        } else if hotseat {
            self.status = Some(format!("Loaded {name}"));
        } else if played {
            self.screen = Screen::Game(Tab::Report);
            self.status = Some(format!(
                "Loaded {name}: the last turn's report — Enter to continue"
            ));
        } else {
            self.status = Some(format!("Loaded {name}"));
        }
    }
}
