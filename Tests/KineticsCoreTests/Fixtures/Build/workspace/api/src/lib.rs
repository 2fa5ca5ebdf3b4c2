//! The workspace member holding the functions; `shared` is a sibling member it depends on.

pub fn hello() -> String {
    format!("hello from {}", shared::name())
}
