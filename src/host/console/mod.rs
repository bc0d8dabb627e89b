//! The instructor console: the control cell of a hosted game, in the
//! local terminal. It lists the seats (connected screens, drafted and
//! submitted orders, join codes), the host key's fingerprint and the
//! deadline, and runs the exercise: pause, extend, end the turn, inject
//! an event, reveal the debrief, kick a team's screens, look at any
//! seat's perspective or at the wall. Every action enters the host's log
//! (the classroom file beside the save; injects are in the save too).

mod draw;
mod inject;
mod keys;
mod model;
mod news;
mod terminal;
#[cfg(test)]
mod tests;

pub use draw::draw;
pub use inject::injectables;
pub use keys::key;
pub use model::{Console, Mode, NewsForm, ServerInfo};
pub use terminal::run;
