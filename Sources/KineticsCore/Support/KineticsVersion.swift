/// The version of kinetics-tui, part of every build-input hash and of the user agent.
public enum KineticsVersion {
    public static let current = "0.1.0"
}
