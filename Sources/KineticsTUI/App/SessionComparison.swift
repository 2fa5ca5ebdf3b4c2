import Foundation

/// What changed between two sessions: functions added and removed, artifact hashes, template resources,
/// outcome and duration.
struct SessionComparison: Hashable, Sendable {
    struct HashChange: Hashable, Sendable {
        var name: String
        var older: String?
        var newer: String?
    }

    struct Resource: Hashable, Sendable {
        var logicalId: String
        var type: String
    }

    var older: SessionRow
    var newer: SessionRow
    var functionsAdded: [String]
    var functionsRemoved: [String]
    var hashesChanged: [HashChange]
    var functionsUnchanged: Int
    /// Resources only in the newer template, by logical id.
    var resourcesAdded: [Resource]
    /// Resources only in the older template, by logical id.
    var resourcesRemoved: [Resource]
    /// Resources whose type changed between the templates.
    var resourcesRetyped: [HashChange]
    var resourcesUnchanged: Int

    /// Compares two sessions; which one is older is decided by their start times.
    init(_ a: SessionDetailModel, _ b: SessionDetailModel) {
        let (old, new) = a.session.startedAt <= b.session.startedAt ? (a, b) : (b, a)
        older = old.session
        newer = new.session

        let oldHashes = Dictionary(old.functions.map { ($0.name, $0.artifactHash) }, uniquingKeysWith: { x, _ in x })
        let newHashes = Dictionary(new.functions.map { ($0.name, $0.artifactHash) }, uniquingKeysWith: { x, _ in x })
        functionsAdded = newHashes.keys.filter { oldHashes[$0] == nil }.sorted()
        functionsRemoved = oldHashes.keys.filter { newHashes[$0] == nil }.sorted()
        var changed: [HashChange] = []
        var unchanged = 0
        for name in newHashes.keys.sorted() {
            guard let oldHash = oldHashes[name], let newHash = newHashes[name] else { continue }
            if oldHash == newHash {
                unchanged += 1
            } else {
                changed.append(HashChange(name: name, older: oldHash, newer: newHash))
            }
        }
        hashesChanged = changed
        functionsUnchanged = unchanged

        let oldResources = old.templateResources, newResources = new.templateResources
        resourcesAdded = newResources.filter { oldResources[$0.key] == nil }
            .map { Resource(logicalId: $0.key, type: $0.value) }.sorted { $0.logicalId < $1.logicalId }
        resourcesRemoved = oldResources.filter { newResources[$0.key] == nil }
            .map { Resource(logicalId: $0.key, type: $0.value) }.sorted { $0.logicalId < $1.logicalId }
        resourcesRetyped = newResources.compactMap { id, type in
            guard let oldType = oldResources[id], oldType != type else { return nil }
            return HashChange(name: id, older: oldType, newer: type)
        }.sorted { $0.name < $1.name }
        resourcesUnchanged = newResources.filter { oldResources[$0.key] == $0.value }.count
    }

    /// Newer duration minus older, when both are known.
    var durationDelta: TimeInterval? {
        guard let a = older.duration, let b = newer.duration else { return nil }
        return b - a
    }
}
