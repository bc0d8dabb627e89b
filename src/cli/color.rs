//! Whether the command line's errors may be coloured: one answer for
//! every command, below all of them.

/// Whether stderr is a terminal that wants colour (honours `NO_COLOR`).
pub fn stderr_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
