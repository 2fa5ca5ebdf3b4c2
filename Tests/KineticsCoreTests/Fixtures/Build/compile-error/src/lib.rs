//! A crate whose library compiles and one of whose two bins does not.

pub fn greeting() -> &'static str {
    "hello"
}
