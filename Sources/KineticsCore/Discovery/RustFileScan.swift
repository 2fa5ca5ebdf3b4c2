/// What one Rust file declares that discovery cares about.
struct RustFileScan: Sendable {
    var functions: [DeclaredFunction] = []
    var diagnostics: [Diagnostic] = []
    /// Out-of-line modules (`mod x;`) compiled out of the deploy build (`#[cfg(test)] mod tests;`), by module
    /// path relative to this file's module.
    var inactiveModules: [InactiveModule] = []
    /// Why the whole file is compiled out (an inner `#![cfg(test)]`), if it is.
    var inactiveReason: String?
}

/// A free function with a Kinetics attribute, as declared in a file.
struct DeclaredFunction: Sendable {
    var rustName: String
    /// Inline modules (`mod x { … }`) between the file's module and the function.
    var inlineModules: [String]
    var attribute: KineticsAttribute
    var isAsync: Bool
    /// `pub` without a restriction, so a generated entry point in another crate can call it.
    var isPublic: Bool
}

struct InactiveModule: Sendable, Equatable {
    var path: [String]
    var reason: String
}
