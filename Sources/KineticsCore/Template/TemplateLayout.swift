/// How the resources of a project are spread over the root stack and nested stacks.
///
/// A project that fits CloudFormation's limits (500 resources, 200 outputs, 51,200 bytes inline or 1 MB from
/// S3) is one stack. A bigger one keeps the tables and the HTTP API in the root and puts each function in
/// nested stack `FunctionStack<i>`, chosen by a jump consistent hash (Lamping and Veach, 2014) of the SHA-256 of
/// the function's name over the number of nested stacks. So adding or removing a function never moves another
/// one, and when the project needs one more nested stack, only about 1/n of the functions move, all of them
/// into the new stack.
struct TemplateLayout {
    static let resourceLimit = 500
    static let outputLimit = 200
    /// Headroom under the limits when estimating how many nested stacks are needed.
    static let resourceBudget = 440
    static let outputBudget = 180
    static let byteBudget = 850_000
    static let maximumChildren = 256

    var root: TemplateDocument
    var children: [TemplateDocument]
    var resourceCounts: [Int]

    static func arrange(units: [FunctionUnit], context: StackContext) throws(TemplateError) -> TemplateLayout {
        let withAPI = context.hasEndpoints(units)
        let shared = context.sharedResources(withAPI: withAPI)
        let sharedOutputs = context.sharedOutputs(withAPI: withAPI)
        let unitResources = units.reduce(0) { $0 + $1.resources.count }
        let unitOutputs = units.reduce(0) { $0 + $1.outputs.count }
        let byteLimit = context.settings.templateBucket == nil ? TemplateDocument.inlineLimit : TemplateDocument.s3Limit
        var bytes: [UInt8] = []
        if shared.count + unitResources <= resourceLimit, sharedOutputs.count + unitOutputs <= outputLimit {
            var single = StackBody(description: description(context, part: nil))
            single.resources = shared
            single.outputs = sharedOutputs
            if withAPI { single.addPublicParameter() }
            for unit in units { single.add(unit) }
            bytes = single.bytes()
            if bytes.count <= byteLimit {
                return TemplateLayout(
                    root: TemplateDocument(logicalId: nil, bytes: bytes, stackName: context.stackName),
                    children: [], resourceCounts: [single.resources.count])
            }
        }
        guard let bucket = context.settings.templateBucket else {
            throw .templateBucketRequired(bytes: bytes.count, resources: shared.count + unitResources)
        }

        var count = max(
            2, (unitResources + resourceBudget - 1) / resourceBudget, (unitOutputs + outputBudget - 1) / outputBudget,
            (bytes.count + byteBudget - 1) / byteBudget)
        let keys = units.map { key(of: $0.name) }
        while count <= maximumChildren {
            // Counting is cheap; only a count under which every stack holds few enough resources and outputs
            // is worth writing out to measure bytes.
            var resources = [Int](repeating: 0, count: count)
            var outputs = [Int](repeating: 0, count: count)
            for (unit, key) in zip(units, keys) {
                let index = stack(of: key, among: count)
                resources[index] += unit.resources.count
                outputs[index] += unit.outputs.count
            }
            if resources.contains(where: { $0 > resourceLimit }) || outputs.contains(where: { $0 > outputLimit }) {
                count += 1
                continue
            }
            if let layout = try nested(units: units, keys: keys, count: count, context: context, bucket: bucket, withAPI: withAPI) {
                return layout
            }
            count += 1
        }
        throw .tooLarge("\(units.count) functions need more than \(maximumChildren) nested stacks")
    }

    /// The layout with `count` nested stacks, or `nil` when one of them would exceed a limit.
    private static func nested(
        units: [FunctionUnit], keys: [UInt64], count: Int, context: StackContext, bucket: String, withAPI: Bool
    ) throws(TemplateError) -> TemplateLayout? {
        var groups = [[FunctionUnit]](repeating: [], count: count)
        for (unit, key) in zip(units, keys) { groups[stack(of: key, among: count)].append(unit) }

        var root = StackBody(description: description(context, part: nil))
        root.resources = context.sharedResources(withAPI: withAPI)
        root.outputs = context.sharedOutputs(withAPI: withAPI)
        if withAPI { root.addPublicParameter() }
        var children: [TemplateDocument] = []
        var counts: [Int] = []
        for (index, group) in groups.enumerated() where !group.isEmpty {
            let logicalId = "FunctionStack\(index)"
            var child = StackBody(description: description(context, part: "functions \(index) of \(count)"))
            let hasEndpoints = group.contains(where: \.isEndpoint)
            if hasEndpoints {
                child.addPublicParameter()
                child.parameters[TemplateGenerator.apiParameter] = .object([
                    "Type": .string("String"),
                    "Description": .string("Id of the project's HTTP API, the root stack's HttpApi"),
                ])
            }
            for unit in group { child.add(unit) }
            let bytes = child.bytes()
            guard child.resources.count <= resourceLimit, child.outputs.count <= outputLimit, bytes.count <= TemplateDocument.s3Limit else {
                return nil
            }
            let document = TemplateDocument(logicalId: logicalId, bytes: bytes, stackName: context.stackName)
            children.append(document)
            counts.append(child.resources.count)

            var parameters: [String: TemplateJSON] = [:]
            if hasEndpoints {
                let condition = TemplateGenerator.publicCondition
                parameters[condition] = .ref(condition)
                parameters[TemplateGenerator.apiParameter] = .if(condition, .ref(TemplateGenerator.apiLogicalId), .string("none"))
            }
            var properties: [String: TemplateJSON] = [
                "TemplateURL": .sub("https://\(bucket).s3.${AWS::Region}.${AWS::URLSuffix}/\(document.s3Key)"),
            ]
            if !parameters.isEmpty { properties["Parameters"] = .object(parameters) }
            root.resources[logicalId] = FunctionUnit.resource("AWS::CloudFormation::Stack", properties)
        }
        let rootBytes = root.bytes()
        guard root.resources.count <= resourceLimit, root.outputs.count <= outputLimit, rootBytes.count <= TemplateDocument.s3Limit else {
            throw .tooLarge("the root stack would hold \(root.resources.count) resources and \(root.outputs.count) outputs")
        }
        return TemplateLayout(
            root: TemplateDocument(logicalId: nil, bytes: rootBytes, stackName: context.stackName),
            children: children, resourceCounts: [root.resources.count] + counts)
    }

    /// A stable number for a function's name: the first 8 bytes of its SHA-256.
    static func key(of name: String) -> UInt64 {
        Digest.sha256(Array(name.utf8)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Jump consistent hash: the stack in `0..<count` for `key`. Going from `count` to `count + 1` moves a key
    /// only into the new stack, and only about one key in `count + 1`.
    static func stack(of key: UInt64, among count: Int) -> Int {
        var key = key
        var bucket: Int64 = -1
        var next: Int64 = 0
        while next < Int64(count) {
            bucket = next
            key = key &* 2_862_933_555_777_941_757 &+ 1
            next = Int64(Double(bucket + 1) * (Double(Int64(1) << 31) / Double((key >> 33) + 1)))
        }
        return Int(bucket)
    }

    private static func description(_ context: StackContext, part: String?) -> String {
        var text = "Kinetics project \(context.project), environment \(context.environment)"
        if let part { text += ": \(part)" }
        return text + " (generated by kinetics-tui)"
    }
}

/// The sections of one template being assembled.
struct StackBody {
    var description: String
    var parameters: [String: TemplateJSON] = [:]
    var conditions: [String: TemplateJSON] = [:]
    var resources: [String: TemplateJSON] = [:]
    var outputs: [String: TemplateJSON] = [:]

    mutating func add(_ unit: FunctionUnit) {
        resources.merge(unit.resources) { first, _ in first }
        outputs.merge(unit.outputs) { first, _ in first }
    }

    /// The `PublicEndpoints` parameter and the condition of the same name that Function URLs and the HTTP API hang on.
    mutating func addPublicParameter() {
        let name = TemplateGenerator.publicCondition
        parameters[name] = .object([
            "Type": .string("String"),
            "AllowedValues": .strings(["true", "false"]),
            "Default": .string("true"),
            "Description": .string("Whether Function URLs and the HTTP API are created (false on a local endpoint)"),
        ])
        conditions[name] = .object(["Fn::Equals": .array([.ref(name), .string("true")])])
    }

    func bytes() -> [UInt8] {
        var members: [String: TemplateJSON] = [
            "AWSTemplateFormatVersion": .string("2010-09-09"),
            "Description": .string(description),
            "Resources": .object(resources),
        ]
        if !parameters.isEmpty { members["Parameters"] = .object(parameters) }
        if !conditions.isEmpty { members["Conditions"] = .object(conditions) }
        if !outputs.isEmpty { members["Outputs"] = .object(outputs) }
        return TemplateJSON.object(members).bytes
    }
}
