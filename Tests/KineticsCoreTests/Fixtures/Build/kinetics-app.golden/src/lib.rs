//! A project on the kinetics crate: functions in private modules, made public in the build copy.
pub mod api;
pub mod jobs;

pub fn version() -> &'static str {
    "1"
}
