//! Drawing pieces shared by the screens: tension gauge and meters, the
//! map, the relations matrix.

pub mod gauge;
pub mod map;
pub mod meters;
pub mod relations;
