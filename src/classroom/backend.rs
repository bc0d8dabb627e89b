//! A ratatui backend whose terminal is at the other end of an SSH channel.
//!
//! ratatui's `CrosstermBackend` writes the right escape sequences to any
//! writer, but asks *the host's own* terminal for its size and cursor
//! position — wrong for a remote student, and a read from the instructor's
//! keyboard at worst. [`ChannelBackend`] wraps it: drawing goes through
//! crossterm into a byte buffer, while the size is the one the client
//! announced (pty-req, window-change) and the cursor position is remembered
//! rather than queried. The server takes the bytes with
//! [`ChannelBackend::take_output`] after each frame and sends them.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// Escape sequences sent once when a seat's screen starts: the alternate
/// screen (so the student's shell scrollback is left alone), no cursor,
/// bracketed paste on, a clean screen.
pub const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[2J\x1b[H";

/// Escape sequences sent when a seat's screen ends: undo [`ENTER`] and reset
/// colours, so the student gets their own shell back intact.
pub const LEAVE: &[u8] = b"\x1b[0m\x1b[?2004l\x1b[?25h\x1b[?1049l";

/// The byte buffer crossterm writes into. Shared because ratatui keeps the
/// backend's writer to itself (its accessor is unstable); the lock is only
/// ever taken by the one task that owns the terminal, so it never waits.
#[derive(Clone, Debug, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A ratatui backend drawing into a buffer for one SSH channel.
#[derive(Debug)]
pub struct ChannelBackend {
    inner: CrosstermBackend<Sink>,
    sink: Sink,
    size: Size,
    cursor: Position,
    /// Whether the cursor is shown, as last told to the client.
    cursor_visible: Option<bool>,
    /// Something visible was written since the last [`Self::take_output`].
    changed: bool,
}

impl ChannelBackend {
    /// A backend for a remote terminal of `cols` × `rows` cells.
    pub fn new(cols: u16, rows: u16) -> Self {
        let sink = Sink::default();
        Self {
            inner: CrosstermBackend::new(sink.clone()),
            sink,
            size: Size::new(cols, rows),
            cursor: Position::ORIGIN,
            cursor_visible: None,
            changed: false,
        }
    }

    /// The client said its window is now `cols` × `rows`; the next
    /// `Terminal::draw` notices and redraws everything.
    pub fn set_size(&mut self, cols: u16, rows: u16) {
        self.size = Size::new(cols, rows);
    }

    /// The bytes drawn since the last call, leaving the buffer empty. Empty
    /// when the frame changed nothing (ratatui still resets colours and
    /// hides the cursor every frame; those bytes are not worth a packet).
    pub fn take_output(&mut self) -> Vec<u8> {
        let out = self.sink.take();
        if std::mem::take(&mut self.changed) {
            out
        } else {
            Vec::new()
        }
    }
}

impl Backend for ChannelBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        self.changed = true;
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible == Some(false) {
            return Ok(());
        }
        self.cursor_visible = Some(false);
        self.changed = true;
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible == Some(true) {
            return Ok(());
        }
        self.cursor_visible = Some(true);
        self.changed = true;
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.changed = true;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.changed = true;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.changed = true;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            // The pixel size from pty-req is often 0; nothing here uses it.
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    fn vt(rows: u16, cols: u16) -> vt100::Parser {
        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero size");
        vt100::Parser::new(nz(rows), nz(cols), 0)
    }

    fn screen(bytes: &[u8], cols: u16, rows: u16) -> String {
        let mut parser = vt(rows, cols);
        parser.process(bytes);
        parser.screen().contents()
    }

    #[test]
    fn draws_at_the_announced_size_and_resizes() {
        let backend = ChannelBackend::new(20, 3);
        let mut term = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fullscreen,
            },
        )
        .expect("terminal");
        term.draw(|f| {
            let a = f.area();
            f.render_widget(Paragraph::new(format!("{}x{}", a.width, a.height)), a);
        })
        .expect("draw");
        let out = term.backend_mut().take_output();
        assert!(screen(&out, 20, 3).starts_with("20x3"));
        // The same frame again changes nothing and sends nothing.
        term.draw(|f| {
            let a = f.area();
            f.render_widget(Paragraph::new(format!("{}x{}", a.width, a.height)), a);
        })
        .expect("draw");
        assert!(term.backend_mut().take_output().is_empty());

        term.backend_mut().set_size(30, 5);
        term.draw(|f| {
            let a = f.area();
            f.render_widget(Paragraph::new(format!("{}x{}", a.width, a.height)), a);
        })
        .expect("draw");
        let out2 = term.backend_mut().take_output();
        let mut all = out.clone();
        all.extend_from_slice(&out2);
        assert!(screen(&all, 30, 5).starts_with("30x5"));
        assert!(term.backend_mut().take_output().is_empty());
    }

    #[test]
    fn enter_and_leave_restore_the_normal_screen() {
        let mut parser = vt(5, 20);
        parser.process(b"shell prompt$ ");
        parser.process(ENTER);
        parser.process(b"game");
        assert!(parser.screen().alternate_screen());
        parser.process(LEAVE);
        assert!(!parser.screen().alternate_screen());
        assert!(parser.screen().contents().starts_with("shell prompt$"));
    }
}
