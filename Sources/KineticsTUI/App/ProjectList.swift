import KineticsCore

/// The rows of the Project screen's list: functions grouped by role, then resources, then diagnostics, each
/// group under a section row, narrowed by the filter.
enum ProjectList {
    enum Item: Hashable, Sendable {
        case function(KineticsFunction)
        case table(KVTable)
        case queue(QueueDeclaration)
        case secret(String)
        case diagnostic(Diagnostic)
    }

    enum Row: Hashable, Sendable {
        case section(String, count: Int)
        case item(Item)

        var isSelectable: Bool {
            if case .item = self { return true }
            return false
        }
    }

    static func rows(_ state: ProjectState) -> [Row] {
        guard let project = state.project else {
            return section("Diagnostics", state.diagnostics.map(Item.diagnostic), filter: state.filter)
        }
        let byRole = Dictionary(grouping: project.functions, by: \.role)
        var rows: [Row] = []
        for (role, title) in [(FunctionRole.endpoint, "Endpoints"), (.worker, "Workers"), (.cron, "Crons")] {
            rows += section(title, (byRole[role] ?? []).map(Item.function), filter: state.filter)
        }
        let resources = project.tables.map(Item.table) + project.queues.map(Item.queue)
            + project.secretNames.map(Item.secret)
        rows += section("Resources", resources, filter: state.filter)
        rows += section("Diagnostics", state.diagnostics.map(Item.diagnostic), filter: state.filter)
        return rows
    }

    /// The item at a row index, if that row is an item.
    static func item(at index: Int, in rows: [Row]) -> Item? {
        guard rows.indices.contains(index), case .item(let item) = rows[index] else { return nil }
        return item
    }

    /// The nearest selectable row from `index` going in `direction` (+1 down, -1 up); `index` itself if selectable.
    static func selectable(from index: Int, direction: Int, in rows: [Row]) -> Int? {
        var i = index
        while rows.indices.contains(i) {
            if rows[i].isSelectable { return i }
            i += direction
        }
        return nil
    }

    private static func section(_ title: String, _ items: [Item], filter: String) -> [Row] {
        let kept = filter.isEmpty ? items : items.filter { matches($0, filter) }
        guard !kept.isEmpty else { return [] }
        return [.section(title, count: kept.count)] + kept.map(Row.item)
    }

    /// Case-insensitive match on what a row shows: name, route, schedule, file, message.
    static func matches(_ item: Item, _ filter: String) -> Bool {
        let needle = filter.lowercased()
        return searchText(item).contains { $0.lowercased().contains(needle) }
    }

    private static func searchText(_ item: Item) -> [String] {
        switch item {
        case .function(let f):
            var texts = [f.name, f.rustName, f.location.file, f.role.rawValue]
            switch f.trigger {
            case .endpoint(let e): texts.append(e.urlPath); texts += e.methods.map(\.rawValue)
            case .worker: texts.append("queue")
            case .cron(let c): texts.append(c.schedule)
            }
            return texts
        case .table(let t): return [t.name, "table", "kvdb"]
        case .queue(let q): return [q.name, q.alias ?? "", "queue"]
        case .secret(let s): return [s, "secret"]
        case .diagnostic(let d): return [d.message, d.code, d.location?.file ?? "", d.severity.rawValue]
        }
    }
}
