//! One file per screen; `chrome` draws the frame they share.

pub mod chrome;
pub mod confirm;
pub mod dashboard;
pub mod debrief;
pub mod dossier;
pub mod end;
pub mod handoff;
pub mod help;
pub mod history;
pub mod load;
pub mod orders;
pub mod report;
pub mod save;
pub mod setup;
pub mod title;
pub mod too_small;
