/// The SSM Parameter Store name of a project secret: the deploy writes the value there (SecureString), the
/// template only ever holds the name (in the function's environment and its role's policy).
public enum SecretParameterName {
    /// `/kinetics/<project>/<environment>/secrets/<secret>`.
    public static func name(project: String, environment: String, secret: String) -> String {
        "\(prefix(project: project, environment: environment))\(secret)"
    }

    /// `/kinetics/<project>/<environment>/secrets/`, the path every secret of a stack lives under.
    public static func prefix(project: String, environment: String) -> String {
        "/kinetics/\(project)/\(environment)/secrets/"
    }
}
