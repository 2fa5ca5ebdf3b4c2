pub fn name() -> &'static str {
    "shared"
}
