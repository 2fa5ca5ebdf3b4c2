//! Two functions, only one of which has its `src/bin/<Name>.rs` entry point.

pub fn present() -> u8 {
    1
}

pub fn absent() -> u8 {
    2
}
