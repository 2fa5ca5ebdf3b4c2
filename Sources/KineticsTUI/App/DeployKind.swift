/// Whether a session deploys the project or deletes its stack.
enum DeployKind: Hashable, Sendable {
    case deploy
    case destroy
}
