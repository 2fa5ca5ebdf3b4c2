import Foundation

/// Discovers one crate: its settings files, its `src/**/*.rs`, and the functions and resources they declare.
struct CrateDiscovery {
    /// The crate directory, absolute.
    let root: String
    /// The crate directory relative to the discovery root (`.` for the root itself).
    let relativeRoot: String
    let manifest: ManifestSummary
    let environment: [String: String]
    let options: DiscoveryOptions

    private(set) var diagnostics: [Diagnostic] = []

    init(root: String, relativeRoot: String, manifest: ManifestSummary, environment: [String: String], options: DiscoveryOptions) {
        self.root = root
        self.relativeRoot = relativeRoot
        self.manifest = manifest
        self.environment = environment
        self.options = options
    }

    /// A path relative to the crate as diagnostics show it: relative to the discovery root.
    func display(_ relative: String) -> String {
        relativeRoot == "." ? relative : relativeRoot + "/" + relative
    }

    mutating func run() -> Project {
        let config = readConfig()
        let crateName = manifest.packageName ?? Self.lastComponent(of: root)
        var project = Project(
            name: config?.projectName ?? crateName,
            crateName: crateName,
            root: root,
            relativeRoot: relativeRoot,
            datadogAPIKeyEnv: config?.datadogAPIKeyEnv,
            dependsOnKinetics: manifest.dependsOnKinetics)
        project.tables = resolveTables(config)
        project.queues = manifest.legacyQueues
        if let first = manifest.legacyQueues.first {
            diagnostics.append(.note(
                .legacyMetadata,
                "queues declared in `[package.metadata.kinetics.queue]` are from older Kinetics; a worker now gets its own queue, so these can go",
                at: first.location))
        }
        project.environment = readDotEnv()
        (project.secretNames, project.secretSource) = readSecretNames()
        project.functions = discoverFunctions(projectEnvironment: project.environment)
        return project
    }

    // MARK: - Settings files

    private mutating func readText(_ relative: String) -> ProjectFileText? {
        switch ProjectFileReader.read(root + "/" + relative, limit: options.maximumFileSize) {
        case .success(let bytes):
            return ProjectFileText(displayPath: display(relative), bytes: bytes)
        case .failure(.notFound):
            return nil
        case .failure(let failure):
            diagnostics.append(Diagnostic(
                failure == .notARegularFile ? .warning : .error, Self.code(for: failure),
                failure.message(for: display(relative), limit: options.maximumFileSize),
                at: SourceLocation(file: display(relative))))
            return nil
        }
    }

    static func code(for failure: ProjectFileReader.Failure) -> DiagnosticCode {
        switch failure {
        case .notFound: .brokenSymlink
        case .symlinkLoop: .symlinkLoop
        case .notARegularFile: .notARegularFile
        case .tooLarge: .fileTooLarge
        case .unreadable: .unreadableFile
        }
    }

    private mutating func readConfig() -> KineticsConfigFile? {
        guard let text = readText("kinetics.toml") else { return nil }
        switch TOMLDocument.parse(text) {
        case .document(let document):
            let config = KineticsConfigFile(document)
            diagnostics += config.diagnostics
            return config
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    private mutating func resolveTables(_ config: KineticsConfigFile?) -> [KVTable] {
        var tables: [KVTable]
        if let config, config.declaresTables {
            tables = config.tables
            if let legacy = manifest.legacyTables.first {
                diagnostics.append(.warning(
                    .legacyMetadataIgnored,
                    "kinetics.toml declares `[[kvdb]]` tables, so `[package.metadata.kinetics.kvdb]` in Cargo.toml is ignored; remove it",
                    at: legacy.location))
            }
        } else {
            tables = manifest.legacyTables
            if let legacy = tables.first {
                diagnostics.append(.note(
                    .legacyMetadata,
                    "tables in `[package.metadata.kinetics.kvdb]` are the older form; move them to kinetics.toml as `[[kvdb]]` with `name = \"\(legacy.name)\"`",
                    at: legacy.location))
            }
        }
        var seen: [String: KVTable] = [:]
        var result: [KVTable] = []
        for table in tables {
            if let problem = Self.tableNameProblem(table.name) {
                diagnostics.append(.error(.invalidTableName, problem, at: table.location))
                continue
            }
            if let first = seen[table.name] {
                diagnostics.append(.error(
                    .duplicateTableName,
                    "the table `\(table.name)` is declared twice (first at \(first.location.map(String.init(describing:)) ?? "above")); remove one",
                    at: table.location))
                continue
            }
            seen[table.name] = table
            result.append(table)
        }
        return result
    }

    /// DynamoDB's rule for table names: 3 to 255 of letters, digits, `_`, `-` and `.`.
    static func tableNameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        let valid = bytes.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        guard valid, (3...255).contains(bytes.count) else {
            return "`\(name)` cannot name a DynamoDB table: use 3 to 255 letters, digits, `_`, `-` or `.`"
        }
        return nil
    }

    private mutating func readDotEnv() -> [String: String] {
        guard let text = readText(".env") else { return [:] }
        let file = DotEnvFile(text)
        diagnostics += file.diagnostics
        var result: [String: String] = [:]
        for entry in file.entries {
            if let problem = EnvironmentName.problem(with: entry.key) {
                diagnostics.append(Diagnostic(problem.severity, problem.code, problem.message, at: entry.location))
                if problem.severity == .error { continue }
            }
            if EnvironmentName.looksSecret(entry.key) {
                diagnostics.append(.warning(
                    .envValueLooksSecret,
                    "`\(entry.key)` looks like a secret, but `.env` values are plain Lambda environment variables, visible in the console and the template; move it to `.env.secrets`",
                    at: entry.location))
            }
            result[entry.key] = entry.value
        }
        return result
    }

    private mutating func readSecretNames() -> ([String], SecretSource) {
        if let text = readText(SecretsLoader.fileName) {
            let file = DotEnvFile(text)
            diagnostics += file.diagnostics
            var names: [String] = []
            for entry in file.entries {
                if let problem = SecretsLoader.secretNameProblem(entry.key) {
                    diagnostics.append(.error(.invalidEnvName, problem, at: entry.location))
                    continue
                }
                names.append(entry.key)
            }
            return (names.sorted(), .file)
        }
        let names = SecretsLoader.namesFromEnvironment(environment)
        var valid: [String] = []
        for name in names {
            if let problem = SecretsLoader.secretNameProblem(name) {
                diagnostics.append(.error(.invalidEnvName, "the variable \(SecretsLoader.environmentPrefix)\(name): \(problem)"))
            } else {
                valid.append(name)
            }
        }
        if valid.isEmpty, ProjectFileReader.exists(root + "/" + SecretsLoader.fileName + ".example") {
            diagnostics.append(.note(
                .secretsExampleOnly,
                "there is a `.env.secrets.example` but no `.env.secrets`: copy it to `.env.secrets` and fill in the values (or set \(SecretsLoader.environmentPrefix)* variables); until then functions get no secrets",
                at: SourceLocation(file: display(SecretsLoader.fileName + ".example"))))
        }
        return (valid, valid.isEmpty ? .none : .environment)
    }

    // MARK: - Sources

    /// What one file alone says about a function it declares (the problems of its name, its route), prepared
    /// while the file is scanned; the function itself is kept next to it (`FileOutcome.functions`).
    private struct Candidate: Sendable {
        var nameLocation: SourceLocation
        var caselessName: CaselessName
        /// The first thirty-two bytes of the name as the merge sorts them (`sortWords`).
        var sortKey: SortKey
        var route: RouteKey?
        /// Problems that keep the function out of the project.
        var errors: [Diagnostic]
        /// Problems reported when the function is kept.
        var warnings: [Diagnostic]
    }

    /// A function name as a key that ignores case, without a lower-cased copy of the name.
    ///
    /// Only names without problems are looked up (`FunctionNaming.problems`): ASCII letters, digits, `-` and `_`, for
    /// which ignoring ASCII case is what comparing `lowercased()` names does.
    /// Its hash is computed once, on the thread that scans the file, so the serial merge hashes nothing.
    private struct CaselessName: Sendable {
        var name: String
        /// The hash of `name` ignoring case.
        let caselessHash: Int

        init(name: String) {
            self.name = name
            var hasher = Hasher()
            Self.combineIgnoringCase(name, into: &hasher)
            caselessHash = hasher.finalize()
        }

        /// Whether `other` has the letters of `name`, ignoring case.
        func matches(_ other: String) -> Bool {
            name.utf8.count == other.utf8.count && name.utf8.elementsEqual(other.utf8) { Self.lower($0) == Self.lower($1) }
        }

        private static func combineIgnoringCase(_ name: String, into hasher: inout Hasher) {
            var name = name
            name.withUTF8 { bytes in
                // Eight bytes at a time, each `A`…`Z` lowered by setting its 0x20 bit.
                var index = 0
                while index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    hasher.combine(Self.lower(word))
                    index += 8
                }
                while index < bytes.count {
                    hasher.combine(Self.lower(bytes[index]))
                    index += 1
                }
                hasher.combine(bytes.count)
            }
        }

        /// `lower` on each byte of `word`.
        private static func lower(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let ascii = word & (0x7F * ones)
            // Per byte: the high bit is set where the byte is at least `A`, and where it is beyond `Z`.
            let atLeastA = ascii &+ (0x80 - 0x41) * ones
            let beyondZ = ascii &+ (0x80 - 0x5B) * ones
            let isUpper = atLeastA & ~beyondZ & ~word & (0x80 * ones)
            return word | (isUpper >> 2)
        }

        private static func lower(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        }
    }

    /// An endpoint's route with its hash, computed on the scanning thread like `CaselessName`'s.
    private struct RouteKey: Sendable {
        var route: String
        let routeHash: Int

        init(route: String) {
            self.route = route
            routeHash = route.hashValue
        }
    }

    /// Indices of `functions` by a hash computed while scanning (open addressing, linear probing); whoever looks
    /// an index up says which of the entries with that hash is the one.
    private struct IndexTable {
        private var hashes: [Int]
        /// -1 where a slot is empty.
        private var indices: [Int]
        private let mask: Int

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            hashes = [Int](repeating: 0, count: size)
            indices = [Int](repeating: -1, count: size)
            mask = size - 1
        }

        /// The slot of the entry with `hash` for which `matches` holds of its index.
        private func slot(of hash: Int, where matches: (Int) -> Bool) -> Int? {
            var slot = hash & mask
            while indices[slot] >= 0 {
                if hashes[slot] == hash, matches(indices[slot]) { return slot }
                slot = (slot + 1) & mask
            }
            return nil
        }

        func index(of hash: Int, where matches: (Int) -> Bool) -> Int? {
            slot(of: hash, where: matches).map { indices[$0] }
        }

        /// Enters `index` under `hash`, in place of the entry for which `matches` holds if there is one.
        mutating func set(_ index: Int, for hash: Int, where matches: (Int) -> Bool) {
            if let found = slot(of: hash, where: matches) {
                indices[found] = index
                return
            }
            var slot = hash & mask
            while indices[slot] >= 0 { slot = (slot + 1) & mask }
            hashes[slot] = hash
            indices[slot] = index
        }
    }

    /// The first thirty-two bytes of a name as four big-endian words, padded with zeros.
    private typealias SortKey = (UInt64, UInt64, UInt64, UInt64)

    /// What one file gives the serial merge: only what it needs, so the rest is freed by the thread that made it.
    private struct FileOutcome: Sendable {
        var modulePath: [String]
        /// Whether the file was read and scanned (not skipped for a read error or invalid UTF-8).
        var isScanned = false
        var inactiveModules: [InactiveModule] = []
        /// The file's functions, in the order they are declared, and what was found about each. The merge decides
        /// from the candidates alone which functions are kept and in which order, then moves each kept one out once.
        var functions: [KineticsFunction?] = []
        var candidates: [Candidate] = []
        /// The file's diagnostics, in the order they were found.
        var diagnostics: [Diagnostic] = []
    }

    /// What scanning a file needs to know about its crate.
    private struct FileContext: Sendable {
        var displayPrefix: String
        var cfg: RustCfgEnvironment
        var limit: Int
        var projectEnvironment: [String: String]
        var projectEnvironmentSize: Int
        var dependsOnKinetics: Bool
    }

    private mutating func discoverFunctions(projectEnvironment: [String: String]) -> [KineticsFunction] {
        let context = FileContext(
            displayPrefix: relativeRoot,
            cfg: RustCfgEnvironment(enabledFeatures: manifest.defaultFeatures),
            limit: options.maximumFileSize,
            projectEnvironment: projectEnvironment,
            projectEnvironmentSize: projectEnvironment.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count },
            dependsOnKinetics: manifest.dependsOnKinetics)
        var walker = SourceTreeWalker(crateRoot: root, displayPrefix: relativeRoot)
        var outcomes = scan(walking: &walker, context: context)
        diagnostics += walker.diagnostics

        // Modules compiled out by a `#[cfg(...)] mod x;` elsewhere.
        var inactive: [(path: [String], reason: String)] = []
        for index in outcomes.indices where !outcomes[index].inactiveModules.isEmpty {
            let modulePath = outcomes[index].modulePath
            inactive += outcomes[index].inactiveModules.map { (modulePath + $0.path, $0.reason) }
        }

        let candidateCount = outcomes.reduce(0) { $0 + $1.candidates.count }
        /// A function the merge keeps: where it is in `outcomes`, and its sort key.
        struct Kept {
            var sortKey: SortKey
            var outcome: Int
            var index: Int
        }
        var kept: [Kept] = []
        kept.reserveCapacity(candidateCount)
        // Indices of `kept`. By lower-cased name: finds both exact duplicates and names that differ only in case.
        var byLowercasedName = IndexTable(capacity: candidateCount)
        // The rare names that differ from an earlier one only in case, exactly.
        var caseVariants: [String: Int] = [:]
        var byRoute = IndexTable(capacity: candidateCount)
        // The name, route and function of a kept entry: looked at only when a hash matches, or for a message.
        func name(of keptIndex: Int) -> String {
            outcomes[kept[keptIndex].outcome].candidates[kept[keptIndex].index].caselessName.name
        }
        func route(of keptIndex: Int) -> String? {
            outcomes[kept[keptIndex].outcome].candidates[kept[keptIndex].index].route?.route
        }
        func function(_ keptIndex: Int) -> KineticsFunction {
            outcomes[kept[keptIndex].outcome].functions[kept[keptIndex].index]!
        }
        for outcomeIndex in outcomes.indices {
            diagnostics += outcomes[outcomeIndex].diagnostics
            guard outcomes[outcomeIndex].isScanned else { continue }
            let modulePath = outcomes[outcomeIndex].modulePath
            if !inactive.isEmpty,
                let compiledOut = inactive.first(where: { !$0.path.isEmpty && modulePath.starts(with: $0.path) })
            {
                for case let function? in outcomes[outcomeIndex].functions {
                    diagnostics.append(.note(
                        .inactiveFunction,
                        "`#[\(function.role.rawValue)]` on `\(function.rustName)` is ignored: `mod \(compiledOut.path.last ?? "");` is compiled out, as \(compiledOut.reason)",
                        at: function.location))
                }
                continue
            }
            let candidates = outcomes[outcomeIndex].candidates
            for index in candidates.indices {
                guard candidates[index].errors.isEmpty else {
                    diagnostics += candidates[index].errors
                    continue
                }
                let newIndex = kept.count
                let caselessName = candidates[index].caselessName
                let sameLetters = byLowercasedName.index(of: caselessName.caselessHash) { caselessName.matches(name(of: $0)) }
                let exact = sameLetters.flatMap { name(of: $0) == caselessName.name ? $0 : caseVariants[caselessName.name] }
                if let firstIndex = exact {
                    let first = function(firstIndex)
                    diagnostics.append(.error(
                        .duplicateFunctionName,
                        "the function name `\(caselessName.name)` is already used by `\(first.rustName)` at \(first.location); function names must be unique in a project — set a different `name = \"…\"` on one of them",
                        at: candidates[index].nameLocation))
                    continue
                }
                if let key = candidates[index].route {
                    if let firstIndex = byRoute.index(of: key.routeHash, where: { route(of: $0) == key.route }) {
                        let first = function(firstIndex)
                        let this = outcomes[outcomeIndex].functions[index]!
                        if case .endpoint(let settings) = this.trigger, case .endpoint(let firstSettings) = first.trigger {
                            diagnostics.append(.error(
                                .duplicateURLPath,
                                "`\(settings.urlPath)` takes the same route as `\(firstSettings.urlPath)` of `\(first.name)` (at \(first.location)); CloudFront routes by path only — give one endpoint another `url_path`",
                                at: this.location))
                            continue
                        }
                    }
                    byRoute.set(newIndex, for: key.routeHash) { route(of: $0) == key.route }
                }
                if sameLetters == nil { byLowercasedName.set(newIndex, for: caselessName.caselessHash) { _ in false } }
                if let firstIndex = sameLetters {
                    let first = function(firstIndex)
                    diagnostics.append(.warning(
                        .functionNamesDifferInCase,
                        "`\(caselessName.name)` differs from `\(first.name)` (at \(first.location)) only in case; their build outputs clash on case-insensitive file systems — rename one",
                        at: candidates[index].nameLocation))
                }
                diagnostics += candidates[index].warnings
                if sameLetters != nil { caseVariants[caselessName.name] = newIndex }
                kept.append(Kept(sortKey: candidates[index].sortKey, outcome: outcomeIndex, index: index))
            }
        }
        // Sorted as `<` on the names: every name kept has no problems (`FunctionNaming.problems`), so it is ASCII
        // letters, digits, `-` and `_`, for which the order of `String` is the order of the bytes; no two are equal.
        kept.sort { lhs, rhs in
            if lhs.sortKey.0 != rhs.sortKey.0 { return lhs.sortKey.0 < rhs.sortKey.0 }
            if lhs.sortKey.1 != rhs.sortKey.1 { return lhs.sortKey.1 < rhs.sortKey.1 }
            if lhs.sortKey.2 != rhs.sortKey.2 { return lhs.sortKey.2 < rhs.sortKey.2 }
            if lhs.sortKey.3 != rhs.sortKey.3 { return lhs.sortKey.3 < rhs.sortKey.3 }
            return outcomes[lhs.outcome].candidates[lhs.index].caselessName.name
                < outcomes[rhs.outcome].candidates[rhs.index].caselessName.name
        }
        // Each kept function is moved out of its file's outcome once, into its place.
        var functions: [KineticsFunction] = []
        functions.reserveCapacity(kept.count)
        for entry in kept { functions.append(outcomes[entry.outcome].functions[entry.index].take()!) }
        return functions
    }

    /// Walks `src/` and reads and scans its files, `options.parallelism` at a time; results in walk order.
    ///
    /// With more than one at a time, `parallelism - 1` threads scan the files the walk has found so far while this
    /// thread walks, and this thread joins them when the walk is done. They are threads of their own, not of a
    /// shared pool, so waiting for them never waits for a pool that the caller itself may be holding up.
    private func scan(walking walker: inout SourceTreeWalker, context: FileContext) -> [FileOutcome] {
        guard options.parallelism > 1 else {
        walker.walk()
            return walker.files.map { Self.scanFile($0, context: context) }
        }
        let pipeline = ScanPipeline(helpers: options.parallelism - 1)
        let scanAll: @Sendable () -> Void = {
            while let (index, entry) = pipeline.next() {
                pipeline.store(Self.scanFile(entry, context: context), at: index)
            }
        }
        for _ in 0..<(options.parallelism - 1) {
            Thread {
                scanAll()
                pipeline.helperFinished()
            }.start()
        }
        walker.onFiles = { pipeline.add($0) }
        walker.walk()
        walker.onFiles = nil
        pipeline.walkFinished()
        scanAll()
        return pipeline.outcomes()
    }

    /// The files found by the walk, handed out one at a time to the threads that scan them, and their outcomes.
    ///
    /// Every member is read and written with `condition` locked; that is what makes the unchecked `Sendable` sound.
    private final class ScanPipeline: @unchecked Sendable {
        private let condition = NSCondition()
        private var entries: [SourceTreeWalker.Entry] = []
        private var slots: [FileOutcome?] = []
        private var nextIndex = 0
        private var isWalkFinished = false
        private var runningHelpers: Int

        init(helpers: Int) {
            runningHelpers = helpers
        }

        /// Files the walk found; wakes the threads waiting for one.
        func add(_ found: ArraySlice<SourceTreeWalker.Entry>) {
            condition.lock()
            entries += found
            slots += repeatElement(nil, count: found.count)
            condition.broadcast()
            condition.unlock()
        }

        func walkFinished() {
            condition.lock()
            isWalkFinished = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next file to scan, waiting while the walk may still find one; `nil` when every file is handed out.
        func next() -> (index: Int, entry: SourceTreeWalker.Entry)? {
            condition.lock()
            defer { condition.unlock() }
            while nextIndex == entries.count, !isWalkFinished { condition.wait() }
            guard nextIndex < entries.count else { return nil }
            nextIndex += 1
            return (nextIndex - 1, entries[nextIndex - 1])
        }

        func store(_ outcome: FileOutcome, at index: Int) {
            condition.lock()
            slots[index] = outcome
            condition.unlock()
        }

        func helperFinished() {
            condition.lock()
            runningHelpers -= 1
            condition.broadcast()
            condition.unlock()
        }

        /// Waits for the helper threads, then moves the outcomes out (no copies); call once, after the walk.
        func outcomes() -> [FileOutcome] {
            condition.lock()
            defer { condition.unlock() }
            while runningHelpers > 0 { condition.wait() }
            var result: [FileOutcome] = []
            result.reserveCapacity(slots.count)
            for index in slots.indices { result.append(slots[index].take()!) }
            return result
        }
    }

    private static func scanFile(_ entry: SourceTreeWalker.Entry, context: FileContext) -> FileOutcome {
        let shown = context.displayPrefix == "." ? entry.relativePath : context.displayPrefix + "/" + entry.relativePath
        var outcome = FileOutcome(modulePath: FunctionNaming.modulePath(relativePath: entry.relativePath))
        let bytes: [UInt8]
        switch ProjectFileReader.read(entry.path, limit: context.limit) {
        case .success(let read):
            bytes = read
        case .failure(let failure):
            let severity: Diagnostic.Severity = switch failure {
            case .notFound, .symlinkLoop, .notARegularFile: .warning
            case .tooLarge, .unreadable: .error
            }
            outcome.diagnostics.append(Diagnostic(
                severity, code(for: failure), failure.message(for: shown, limit: context.limit), at: SourceLocation(file: shown)))
            return outcome
        }
        let text = ProjectFileText(displayPath: shown, bytes: bytes)
        if let invalid = UTF8Validation.firstInvalidOffset(in: bytes) {
            outcome.diagnostics.append(.error(
                .invalidUTF8,
                "`\(shown)` is not valid UTF-8 here, and rustc reads only UTF-8; re-save the file as UTF-8 (its functions are not discovered until then)",
                at: text.location(at: invalid)))
            return outcome
        }
        let scan = RustItemScanner.scan(text, cfg: context.cfg)
        if !scan.functions.isEmpty {
            outcome.functions.reserveCapacity(scan.functions.count)
            outcome.candidates.reserveCapacity(scan.functions.count)
            let defaultNames = FunctionNaming.DefaultNames(relativePath: entry.relativePath)
            // In the order they are declared; each is read in place, and the scan is freed with its functions.
            for index in scan.functions.indices {
                let (function, candidate) = prepare(
                    scan.functions[index], relativePath: entry.relativePath, defaultNames: defaultNames,
                    modulePath: outcome.modulePath, context: context)
                outcome.functions.append(function)
                outcome.candidates.append(candidate)
            }
        }
        outcome.isScanned = true
        outcome.inactiveModules = scan.inactiveModules
        outcome.diagnostics = scan.diagnostics
        return outcome
    }

    /// Names `declared` and checks what can be checked within its file.
    private static func prepare(
        _ declared: DeclaredFunction, relativePath: String, defaultNames: FunctionNaming.DefaultNames, modulePath: [String],
        context: FileContext
    ) -> (KineticsFunction, Candidate) {
        let attribute = declared.attribute
        let name = attribute.name ?? defaultNames.name(for: declared.rustName)
        let nameAt = attribute.nameLocation ?? attribute.location
        var errors = FunctionNaming.problems(with: name).map { Diagnostic.error($0.code, $0.message, at: nameAt) }
        var size = context.projectEnvironmentSize
        for (key, value) in attribute.environment {
            if let shadowed = context.projectEnvironment[key] { size -= key.utf8.count + shadowed.utf8.count }
            size += key.utf8.count + value.utf8.count
        }
        if size > EnvironmentName.maximumTotalSize {
            errors.append(.error(
                .environmentTooLarge,
                "`\(name)` would get \(size) bytes of environment variables (`.env` and its `environment`); Lambda allows \(EnvironmentName.maximumTotalSize) — move large values elsewhere",
                at: attribute.location))
        }
        var route: RouteKey?
        if case .endpoint(let settings) = attribute.trigger { route = RouteKey(route: URLPathPattern.route(of: settings.urlPath)) }
        let function = KineticsFunction(
            name: name,
            rustName: declared.rustName,
            modulePath: declared.inlineModules.isEmpty ? modulePath : modulePath + declared.inlineModules,
            trigger: attribute.trigger,
            environment: attribute.environment,
            location: attribute.location,
            sourcePath: relativePath,
            isAsync: declared.isAsync)
        let candidate = Candidate(
            nameLocation: nameAt, caselessName: CaselessName(name: name), sortKey: sortWords(of: name), route: route, errors: errors,
            warnings: context.dependsOnKinetics ? entryPointWarnings(declared, name: name, relativePath: relativePath) : [])
        return (function, candidate)
    }

    /// The first thirty-two bytes of `name` as four big-endian words, padded with zeros: a name sorts before the
    /// longer names it starts.
    private static func sortWords(of name: String) -> SortKey {
        var name = name
        return name.withUTF8 { bytes in
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            for offset in 0..<min(bytes.count, 32) {
                let value = UInt64(bytes[offset]) << UInt64(56 - 8 * (offset & 7))
                switch offset >> 3 {
                case 0: words.0 |= value
                case 1: words.1 |= value
                case 2: words.2 |= value
                default: words.3 |= value
                }
            }
            return words
        }
    }

    /// Checks that a generated entry point (for crates that depend on `kinetics`) can call the function.
    private static func entryPointWarnings(_ declared: DeclaredFunction, name: String, relativePath: String) -> [Diagnostic] {
        let at = declared.attribute.location
        var warnings: [Diagnostic] = []
        if relativePath == "src/main.rs" || relativePath.hasPrefix("src/bin/") {
            warnings.append(.warning(
                .functionInBinaryCrate,
                "`\(declared.rustName)` is in `\(relativePath)`, a binary crate; the generated entry point of `\(name)` imports from the library — move it into `src/lib.rs` or one of its modules",
                at: at))
        }
        if !declared.isPublic {
            warnings.append(.warning(
                .functionNotPublic,
                "`\(declared.rustName)` is not `pub`; the generated entry point of `\(name)` cannot call it — declare it `pub fn`",
                at: at))
        }
        if !declared.isAsync {
            warnings.append(.warning(
                .functionNotAsync,
                "`\(declared.rustName)` is not `async`; the generated entry point of `\(name)` awaits it — declare it `async fn`",
                at: at))
        }
        return warnings
    }

    static func lastComponent(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}



