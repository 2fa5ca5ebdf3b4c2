//! No functions: not a project.
pub fn helper() -> u8 { 1 }
