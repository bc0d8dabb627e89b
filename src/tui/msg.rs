//! Messages: everything that can happen to the app, already translated
//! from raw terminal events by the keymap.

use super::model::Tab;

/// One thing the user did (or the terminal reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// Previous item / scroll up.
    Up,
    /// Next item / scroll down.
    Down,
    /// Lower the level / previous choice.
    Left,
    /// Raise the level / next choice.
    Right,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// The first item (Home).
    First,
    /// The last item (End).
    Last,
    /// The first item of the previous group (the moves' categories).
    PrevGroup,
    /// The first item of the next group.
    NextGroup,
    /// Confirm, open, add, continue (Enter).
    Select,
    /// Toggle the item (Space).
    Toggle,
    /// Go back (Esc).
    Back,
    /// Next panel or screen (Tab).
    NextPanel,
    /// Previous panel or screen (Shift-Tab).
    PrevPanel,
    /// Jump to a screen of the game.
    GoTo(Tab),
    /// Next possible target of the selected move.
    NextTarget,
    /// Previous possible target of the selected move.
    PrevTarget,
    /// Remove the selected order from the draft.
    Remove,
    /// Finish this player's orders (asks for confirmation).
    EndTurn,
    /// Open or close the key help.
    Help,
    /// Quit (asks for confirmation).
    Quit,
    /// Ctrl-C: asks to quit; a second Ctrl-C quits.
    Interrupt,
    /// Answer yes to a question.
    Yes,
    /// Answer no to a question.
    No,
    /// A digit typed into a number field.
    Digit(u8),
    /// A character typed into a text field.
    Char(char),
    /// Delete the last character of a field.
    Backspace,
    /// Save the game under a name (opens the save popup).
    Save,
    /// Back to the title screen for a new game.
    NewGame,
    /// Open the debrief of a finished game.
    Debrief,
    /// Time passed while the computer players think: collect their
    /// decisions and move the spinner (see `Session::thinking`).
    Tick,
    /// The terminal has a new size.
    Resize(u16, u16),
    /// A left click at (column, row).
    Click(u16, u16),
}
