//! Drawing pieces shared by the screens: tension gauge and meters, the
//! relations matrix.

pub mod gauge;
pub mod meters;
pub mod relations;
