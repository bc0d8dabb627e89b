//! The one keymap table. Each context (screen, panel or popup) lists its
//! bindings: keys, what they do in words, and the message they send. The
//! same table turns key presses into messages, fills the footer key bar
//! and the `?` help popup, so help can never disagree with the keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::model::{Focus, Model, Popup, Screen, Tab};
use super::msg::Msg;

/// A key, as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPat {
    /// A key without Ctrl or Alt (letters match in either case only when
    /// written so: `q` is not `Q`).
    Code(KeyCode),
    /// Ctrl and a letter.
    Ctrl(char),
    /// Any digit 0–9 (sends [`Msg::Digit`]).
    Digit,
    /// Any printable character (sends [`Msg::Char`]), for text fields.
    Text,
}

/// One line of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [KeyPat],
    pub msg: Msg,
    /// What it does, for the help popup.
    pub help: &'static str,
    /// Short text for the footer key bar, if it belongs there.
    pub footer: Option<&'static str>,
}

/// Where the keyboard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Title,
    Load,
    Setup,
    Dashboard,
    OrdersMoves,
    OrdersDrafts,
    Report,
    History,
    Dossier,
    Handoff,
    End,
    Debrief,
    Help,
    ConfirmQuit,
    ConfirmEndTurn,
    SaveAs,
    SaveOverwrite,
    Error,
    TooSmall,
}

use KeyCode as K;
use KeyPat::{Code, Ctrl};

const fn b(
    keys: &'static [KeyPat],
    msg: Msg,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        msg,
        help,
        footer,
    }
}

const UP: &[KeyPat] = &[Code(K::Up), Code(K::Char('k'))];
const DOWN: &[KeyPat] = &[Code(K::Down), Code(K::Char('j'))];
const LEFT: &[KeyPat] = &[Code(K::Left), Code(K::Char('h'))];
const RIGHT: &[KeyPat] = &[Code(K::Right), Code(K::Char('l'))];
const ENTER: &[KeyPat] = &[Code(K::Enter)];
const ESC: &[KeyPat] = &[Code(K::Esc)];

const TITLE: &[Binding] = &[
    b(UP, Msg::Up, "previous choice", None),
    b(DOWN, Msg::Down, "next choice", Some("↑↓ choose")),
    b(
        ENTER,
        Msg::Select,
        "continue, load a save, or a new game with this scenario",
        Some("Enter open"),
    ),
    b(ESC, Msg::Back, "quit (nothing to save here)", None),
];

const LOAD: &[Binding] = &[
    b(UP, Msg::Up, "previous save", None),
    b(DOWN, Msg::Down, "next save", Some("↑↓ choose")),
    b(
        ENTER,
        Msg::Select,
        "load the save and continue its game",
        Some("Enter load"),
    ),
    b(
        &[Code(K::Char('d'))],
        Msg::Debrief,
        "the debrief of a finished game",
        Some("d debrief"),
    ),
    b(ESC, Msg::Back, "back to the title screen", Some("Esc back")),
];

const SETUP: &[Binding] = &[
    b(UP, Msg::Up, "previous actor", None),
    b(DOWN, Msg::Down, "next actor", Some("↑↓ actor")),
    b(
        &[Code(K::Char(' '))],
        Msg::Toggle,
        "played by a person / by the computer",
        Some("Space human/AI"),
    ),
    b(
        LEFT,
        Msg::Left,
        "a computer player's strength: the previous one",
        None,
    ),
    b(
        RIGHT,
        Msg::Right,
        "a computer player's strength: the next one (cycles round)",
        Some("←→ strength"),
    ),
    b(
        &[KeyPat::Digit],
        Msg::Digit(0),
        "type the seed",
        Some("0-9 seed"),
    ),
    b(
        &[Code(K::Backspace)],
        Msg::Backspace,
        "delete a digit of the seed",
        None,
    ),
    b(ENTER, Msg::Select, "start the game", Some("Enter start")),
    b(ESC, Msg::Back, "back to the scenarios", Some("Esc back")),
];

/// Keys of every screen of a game in progress.
const GAME: &[Binding] = &[
    b(
        &[Code(K::Char('1'))],
        Msg::GoTo(Tab::Dashboard),
        "dashboard",
        Some("1-5 screens"),
    ),
    b(
        &[Code(K::Char('2'))],
        Msg::GoTo(Tab::Orders),
        "orders",
        None,
    ),
    b(
        &[Code(K::Char('3'))],
        Msg::GoTo(Tab::Report),
        "last turn's report",
        None,
    ),
    b(
        &[Code(K::Char('4'))],
        Msg::GoTo(Tab::History),
        "history charts",
        None,
    ),
    b(
        &[Code(K::Char('5'))],
        Msg::GoTo(Tab::Dossier),
        "dossiers and your briefing",
        None,
    ),
    b(
        &[Code(K::Char('e')), Code(K::F(10))],
        Msg::EndTurn,
        "end your turn (asks first)",
        Some("e end turn"),
    ),
    SAVE,
];

const SAVE: Binding = b(
    &[Code(K::Char('s'))],
    Msg::Save,
    "save the game under a name",
    Some("s save"),
);

const NEXT_SCREEN: Binding = b(&[Code(K::Tab)], Msg::NextPanel, "next screen", None);
const PREV_SCREEN: Binding = b(&[Code(K::BackTab)], Msg::PrevPanel, "previous screen", None);

const DASHBOARD: &[Binding] = &[
    b(ENTER, Msg::Select, "give orders", Some("Enter orders")),
    b(UP, Msg::Up, "scroll the actor lists up", None),
    b(
        DOWN,
        Msg::Down,
        "scroll the actor lists down (threats, pairs, relations)",
        Some("↑↓ scroll"),
    ),
    b(
        &[Code(K::PageUp)],
        Msg::PageUp,
        "scroll the lists a page up",
        None,
    ),
    b(
        &[Code(K::PageDown)],
        Msg::PageDown,
        "scroll the lists a page down",
        None,
    ),
    NEXT_SCREEN,
    PREV_SCREEN,
];

const ORDERS_MOVES: &[Binding] = &[
    b(UP, Msg::Up, "previous move", None),
    b(DOWN, Msg::Down, "next move", Some("↑↓ move")),
    b(LEFT, Msg::Left, "lower the level", None),
    b(RIGHT, Msg::Right, "raise the level", Some("←→ level")),
    b(&[Code(K::PageUp)], Msg::PageUp, "a page of moves up", None),
    b(
        &[Code(K::PageDown)],
        Msg::PageDown,
        "a page of moves down",
        None,
    ),
    b(&[Code(K::Home)], Msg::First, "the first move", None),
    b(&[Code(K::End)], Msg::Last, "the last move", None),
    b(
        &[Code(K::Char('['))],
        Msg::PrevGroup,
        "the previous category of moves",
        None,
    ),
    b(
        &[Code(K::Char(']'))],
        Msg::NextGroup,
        "the next category of moves",
        Some("[ ] category"),
    ),
    b(
        &[Code(K::Char('t'))],
        Msg::NextTarget,
        "next target",
        Some("t target"),
    ),
    b(
        &[Code(K::Char('T'))],
        Msg::PrevTarget,
        "previous target",
        None,
    ),
    b(
        &[Code(K::Enter), Code(K::Char('a'))],
        Msg::Select,
        "add the move to your orders",
        Some("Enter add"),
    ),
    b(
        &[Code(K::Tab)],
        Msg::NextPanel,
        "go to your orders list",
        Some("Tab your list"),
    ),
    b(ESC, Msg::Back, "back to the dashboard", None),
];

const ORDERS_DRAFTS: &[Binding] = &[
    b(UP, Msg::Up, "previous order", None),
    b(DOWN, Msg::Down, "next order", Some("↑↓ order")),
    b(
        ENTER,
        Msg::Select,
        "edit the order in place: its move, target and level",
        Some("Enter edit"),
    ),
    b(
        &[Code(K::Delete), Code(K::Char('x')), Code(K::Backspace)],
        Msg::Remove,
        "remove the order",
        Some("x remove"),
    ),
    b(
        &[Code(K::Tab)],
        Msg::NextPanel,
        "back to the moves",
        Some("Tab moves"),
    ),
    b(ESC, Msg::Back, "back to the moves", None),
];

const REPORT: &[Binding] = &[
    b(UP, Msg::Up, "scroll up", None),
    b(DOWN, Msg::Down, "scroll down", Some("↑↓ scroll")),
    b(&[Code(K::PageUp)], Msg::PageUp, "page up", None),
    b(
        &[Code(K::PageDown), Code(K::Char(' '))],
        Msg::PageDown,
        "page down",
        None,
    ),
    b(ENTER, Msg::Select, "continue", Some("Enter continue")),
    b(
        &[Code(K::Char('f'))],
        Msg::Toggle,
        "fold or unfold the details: every order, what changed and why",
        Some("f details"),
    ),
    NEXT_SCREEN,
    PREV_SCREEN,
    b(ESC, Msg::Back, "back", None),
];

const HISTORY: &[Binding] = &[
    b(LEFT, Msg::Left, "previous chart", None),
    b(RIGHT, Msg::Right, "next chart", Some("←→ chart")),
    b(UP, Msg::Up, "previous chart", None),
    b(DOWN, Msg::Down, "next chart", None),
    NEXT_SCREEN,
    PREV_SCREEN,
    b(ESC, Msg::Back, "back", None),
];

const DOSSIER: &[Binding] = &[
    b(UP, Msg::Up, "previous actor", None),
    b(DOWN, Msg::Down, "next actor", Some("↑↓ actor")),
    b(&[Code(K::PageUp)], Msg::PageUp, "scroll the text up", None),
    b(
        &[Code(K::PageDown), Code(K::Char(' '))],
        Msg::PageDown,
        "scroll the text down",
        Some("PgDn scroll"),
    ),
    b(
        ENTER,
        Msg::Select,
        "to the dashboard",
        Some("Enter dashboard"),
    ),
    NEXT_SCREEN,
    PREV_SCREEN,
    b(ESC, Msg::Back, "back", None),
];

const HANDOFF: &[Binding] = &[b(
    ENTER,
    Msg::Select,
    "I am the next player: show my screen",
    Some("Enter ready"),
)];

const END: &[Binding] = &[
    b(UP, Msg::Up, "scroll up", None),
    b(DOWN, Msg::Down, "scroll down", Some("↑↓ scroll")),
    b(
        &[Code(K::Char('3'))],
        Msg::GoTo(Tab::Report),
        "the last turn's report",
        Some("3 report"),
    ),
    b(
        &[Code(K::Char('4'))],
        Msg::GoTo(Tab::History),
        "history charts",
        Some("4 history"),
    ),
    b(
        &[Code(K::Char('5'))],
        Msg::GoTo(Tab::Dossier),
        "dossiers",
        None,
    ),
    b(
        &[Code(K::Char('d'))],
        Msg::Debrief,
        "the debrief: the whole truth, every order and why",
        Some("d debrief"),
    ),
    b(
        &[Code(K::Char('n'))],
        Msg::NewGame,
        "a new game",
        Some("n new game"),
    ),
    SAVE,
];

const DEBRIEF: &[Binding] = &[
    b(
        &[KeyPat::Digit],
        Msg::Digit(0),
        "section 1–7 (ending, secrets, actors, covert acts, turning points, orders, questions)",
        Some("1-7 section"),
    ),
    b(RIGHT, Msg::Right, "next section", Some("←→ section")),
    b(LEFT, Msg::Left, "previous section", None),
    b(&[Code(K::Tab)], Msg::NextPanel, "next section", None),
    b(
        &[Code(K::BackTab)],
        Msg::PrevPanel,
        "previous section",
        None,
    ),
    b(UP, Msg::Up, "scroll up", None),
    b(DOWN, Msg::Down, "scroll down", Some("↑↓ scroll")),
    b(&[Code(K::PageUp)], Msg::PageUp, "page up", None),
    b(
        &[Code(K::PageDown), Code(K::Char(' '))],
        Msg::PageDown,
        "page down",
        None,
    ),
    b(
        &[Code(K::Char('t'))],
        Msg::NextTarget,
        "the next secret on the chart",
        Some("t secret"),
    ),
    b(
        &[Code(K::Char('T'))],
        Msg::PrevTarget,
        "the previous secret on the chart",
        None,
    ),
    b(ESC, Msg::Back, "back", Some("Esc back")),
];

const HELP: &[Binding] = &[b(
    &[
        Code(K::Esc),
        Code(K::Enter),
        Code(K::Char('?')),
        Code(K::Char('q')),
    ],
    Msg::Help,
    "close this help",
    Some("Esc close"),
)];

const CONFIRM_QUIT: &[Binding] = &[
    b(
        &[Code(K::Char('y')), Code(K::Char('Y'))],
        Msg::Yes,
        "yes, quit",
        Some("y quit"),
    ),
    b(
        &[Code(K::Char('n')), Code(K::Char('N')), Code(K::Esc)],
        Msg::No,
        "no, keep playing",
        Some("n stay"),
    ),
    b(&[Ctrl('c')], Msg::Yes, "quit at once", None),
];

const CONFIRM_END: &[Binding] = &[
    b(
        &[Code(K::Char('y')), Code(K::Char('Y')), Code(K::Enter)],
        Msg::Yes,
        "yes, end the turn",
        Some("y end turn"),
    ),
    b(
        &[Code(K::Char('n')), Code(K::Char('N')), Code(K::Esc)],
        Msg::No,
        "no, keep giving orders",
        Some("n not yet"),
    ),
];

/// The save popup: every printable key is text, so no other binding fires.
const SAVE_AS: &[Binding] = &[
    b(
        &[KeyPat::Text],
        Msg::Char(' '),
        "type the save's name",
        None,
    ),
    b(
        &[Code(K::Backspace)],
        Msg::Backspace,
        "delete the last character",
        Some("Backspace delete"),
    ),
    b(ENTER, Msg::Select, "save", Some("Enter save")),
    b(ESC, Msg::Back, "cancel: do not save", Some("Esc cancel")),
    b(&[Ctrl('c')], Msg::Interrupt, "quit (asks first)", None),
];

const SAVE_OVERWRITE: &[Binding] = &[
    b(
        &[Code(K::Char('y')), Code(K::Char('Y'))],
        Msg::Yes,
        "yes, replace the existing save",
        Some("y overwrite"),
    ),
    b(
        &[Code(K::Char('n')), Code(K::Char('N')), Code(K::Esc)],
        Msg::No,
        "no, choose another name",
        Some("n other name"),
    ),
];

const ERROR: &[Binding] = &[b(
    &[Code(K::Enter), Code(K::Esc)],
    Msg::Back,
    "close this message",
    Some("Enter close"),
)];

/// Keys of every screen: help, quit, Ctrl-C.
const GLOBAL: &[Binding] = &[
    b(
        &[Code(K::Char('?'))],
        Msg::Help,
        "show every key",
        Some("? help"),
    ),
    b(
        &[Code(K::Char('q'))],
        Msg::Quit,
        "quit (asks first)",
        Some("q quit"),
    ),
    b(
        &[Ctrl('c')],
        Msg::Interrupt,
        "quit (asks first; twice quits)",
        None,
    ),
];

const TOO_SMALL: &[Binding] = &[
    b(
        &[Code(K::Char('q'))],
        Msg::Quit,
        "quit (asks first)",
        Some("q quit"),
    ),
    b(&[Ctrl('c')], Msg::Interrupt, "quit", None),
];

/// The bindings of a context in two groups: its own (with the keys every
/// game screen shares), and the global ones (help, quit).
pub fn groups(ctx: Context) -> (Vec<&'static Binding>, Vec<&'static Binding>) {
    let (own, game, global): (&[Binding], bool, bool) = match ctx {
        Context::Title => (TITLE, false, true),
        Context::Load => (LOAD, false, true),
        Context::Setup => (SETUP, false, true),
        Context::Dashboard => (DASHBOARD, true, true),
        Context::OrdersMoves => (ORDERS_MOVES, true, true),
        Context::OrdersDrafts => (ORDERS_DRAFTS, true, true),
        Context::Report => (REPORT, true, true),
        Context::History => (HISTORY, true, true),
        Context::Dossier => (DOSSIER, true, true),
        Context::Handoff => (HANDOFF, false, true),
        Context::End => (END, false, true),
        Context::Debrief => (DEBRIEF, false, true),
        Context::Help => (HELP, false, false),
        Context::ConfirmQuit => (CONFIRM_QUIT, false, false),
        Context::ConfirmEndTurn => (CONFIRM_END, false, false),
        Context::SaveAs => (SAVE_AS, false, false),
        Context::SaveOverwrite => (SAVE_OVERWRITE, false, false),
        Context::Error => (ERROR, false, false),
        Context::TooSmall => (TOO_SMALL, false, false),
    };
    let mut first: Vec<&'static Binding> = own.iter().collect();
    if game {
        first.extend(GAME.iter());
    }
    let second: Vec<&'static Binding> = if global {
        GLOBAL.iter().collect()
    } else {
        Vec::new()
    };
    (first, second)
}

/// Every binding of a context, its own first, then the shared ones.
pub fn bindings(ctx: Context) -> Vec<&'static Binding> {
    let (mut a, b) = groups(ctx);
    a.extend(b);
    a
}

/// Where the keyboard is in this model (`too_small` when the too-small
/// message is on screen).
pub fn context(m: &Model, too_small: bool) -> Context {
    match m.popup {
        Some(Popup::Help) => return Context::Help,
        Some(Popup::ConfirmQuit) => return Context::ConfirmQuit,
        Some(Popup::ConfirmEndTurn) => return Context::ConfirmEndTurn,
        Some(Popup::SaveAs) => {
            return if m.save_form.as_ref().is_some_and(|f| f.overwrite.is_some()) {
                Context::SaveOverwrite
            } else {
                Context::SaveAs
            };
        }
        Some(Popup::Error) => return Context::Error,
        None => {}
    }
    screen_context(m, too_small)
}

/// Where the keyboard is on the screen under any popup.
pub fn screen_context(m: &Model, too_small: bool) -> Context {
    if too_small {
        return Context::TooSmall;
    }
    match m.screen {
        Screen::Title => Context::Title,
        Screen::Load => Context::Load,
        Screen::Setup => Context::Setup,
        Screen::Handoff => Context::Handoff,
        Screen::End => Context::End,
        Screen::Debrief => Context::Debrief,
        Screen::Game(tab) => match tab {
            Tab::Dashboard => Context::Dashboard,
            Tab::Orders => match m.session.as_ref().map(|s| s.ui().focus) {
                Some(Focus::Drafts) => Context::OrdersDrafts,
                _ => Context::OrdersMoves,
            },
            Tab::Report => Context::Report,
            Tab::History => Context::History,
            Tab::Dossier => Context::Dossier,
        },
    }
}

fn matches(p: KeyPat, k: &KeyEvent) -> bool {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    match p {
        KeyPat::Ctrl(c) => ctrl && k.code == K::Char(c),
        KeyPat::Code(code) => !ctrl && !alt && k.code == code,
        KeyPat::Digit => !ctrl && !alt && matches!(k.code, K::Char(c) if c.is_ascii_digit()),
        KeyPat::Text => !ctrl && !alt && matches!(k.code, K::Char(c) if !c.is_control()),
    }
}

/// The message a key press sends in a context (key releases and repeats
/// of other kinds are ignored).
pub fn lookup(ctx: Context, k: &KeyEvent) -> Option<Msg> {
    if k.kind != KeyEventKind::Press {
        return None;
    }
    let bind = bindings(ctx)
        .into_iter()
        .find(|b| b.keys.iter().any(|p| matches(*p, k)))?;
    Some(match (bind.msg, k.code) {
        (Msg::Digit(_), K::Char(c)) => Msg::Digit(c as u8 - b'0'),
        (Msg::Char(_), K::Char(c)) => Msg::Char(c),
        (msg, _) => msg,
    })
}

/// The name of a key for the help popup.
pub fn key_name(p: KeyPat) -> String {
    match p {
        KeyPat::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        KeyPat::Digit => "0-9".to_string(),
        KeyPat::Text => "a-z 0-9 - _".to_string(),
        KeyPat::Code(code) => match code {
            K::Up => "↑".into(),
            K::Down => "↓".into(),
            K::Left => "←".into(),
            K::Right => "→".into(),
            K::Enter => "Enter".into(),
            K::Esc => "Esc".into(),
            K::Tab => "Tab".into(),
            K::BackTab => "Shift-Tab".into(),
            K::Delete => "Del".into(),
            K::Backspace => "Backspace".into(),
            K::PageUp => "PgUp".into(),
            K::PageDown => "PgDn".into(),
            K::F(n) => format!("F{n}"),
            K::Char(' ') => "Space".into(),
            K::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        },
    }
}

/// All keys of a binding, e.g. "↑ k".
pub fn keys_text(b: &Binding) -> String {
    b.keys
        .iter()
        .map(|p| key_name(*p))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_to_messages() {
        assert_eq!(
            lookup(Context::OrdersMoves, &press(K::Right)),
            Some(Msg::Right)
        );
        assert_eq!(
            lookup(Context::OrdersMoves, &press(K::Char('l'))),
            Some(Msg::Right)
        );
        assert_eq!(
            lookup(Context::OrdersMoves, &press(K::Char('2'))),
            Some(Msg::GoTo(Tab::Orders))
        );
        assert_eq!(
            lookup(Context::Setup, &press(K::Char('7'))),
            Some(Msg::Digit(7))
        );
        assert_eq!(lookup(Context::Setup, &press(K::Right)), Some(Msg::Right));
        assert_eq!(
            lookup(Context::Setup, &press(K::Char('h'))),
            Some(Msg::Left)
        );
        assert_eq!(
            lookup(Context::Title, &press(K::Char('q'))),
            Some(Msg::Quit)
        );
        let ctrl_c = KeyEvent::new(K::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Dashboard, &ctrl_c), Some(Msg::Interrupt));
        assert_eq!(lookup(Context::ConfirmQuit, &ctrl_c), Some(Msg::Yes));
        assert_eq!(lookup(Context::TooSmall, &press(K::Char('e'))), None);
        assert_eq!(
            lookup(Context::Dashboard, &press(K::Char('s'))),
            Some(Msg::Save)
        );
    }

    #[test]
    fn the_save_popup_takes_every_printable_key_as_text() {
        for c in ['q', '?', 'e', 's', '1', '-', '_', 'Q', ' ', '/'] {
            assert_eq!(
                lookup(Context::SaveAs, &press(K::Char(c))),
                Some(Msg::Char(c)),
                "{c:?}"
            );
        }
        let shift_a = KeyEvent::new(K::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::SaveAs, &shift_a), Some(Msg::Char('A')));
        assert_eq!(
            lookup(Context::SaveAs, &press(K::Backspace)),
            Some(Msg::Backspace)
        );
        assert_eq!(lookup(Context::SaveAs, &press(K::Enter)), Some(Msg::Select));
        assert_eq!(lookup(Context::SaveAs, &press(K::Esc)), Some(Msg::Back));
        assert_eq!(lookup(Context::SaveAs, &press(K::Tab)), None);
        assert_eq!(
            lookup(Context::SaveOverwrite, &press(K::Char('y'))),
            Some(Msg::Yes)
        );
        assert_eq!(lookup(Context::SaveOverwrite, &press(K::Enter)), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut k = press(K::Char('q'));
        k.kind = KeyEventKind::Release;
        assert_eq!(lookup(Context::Title, &k), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        let all = [
            Context::Title,
            Context::Load,
            Context::Setup,
            Context::Dashboard,
            Context::OrdersMoves,
            Context::OrdersDrafts,
            Context::Report,
            Context::History,
            Context::Dossier,
            Context::Handoff,
            Context::End,
            Context::Debrief,
            Context::Help,
            Context::ConfirmQuit,
            Context::ConfirmEndTurn,
            Context::SaveAs,
            Context::SaveOverwrite,
            Context::Error,
            Context::TooSmall,
        ];
        for ctx in all {
            let mut seen = Vec::new();
            for bind in bindings(ctx) {
                for p in bind.keys {
                    assert!(!seen.contains(p), "{ctx:?}: {p:?} bound twice");
                    seen.push(*p);
                }
            }
        }
    }
}
