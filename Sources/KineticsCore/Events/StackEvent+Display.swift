extension StackEvent {
    /// `resourceStatusReason` with every control and escape sequence removed, safe to draw or print.
    ///
    /// The event itself keeps the raw text exactly as CloudFormation sent it (and the cache stores it so);
    /// everything that reaches a screen or a plain-text line goes through this.
    public var displayReason: String? {
        resourceStatusReason.map { TextSanitizer.sanitize($0) }
    }

    /// Whether the event is about a nested stack resource of this stack (not this stack itself), and names the
    /// nested stack by its ARN, so it can be followed.
    public var nestedStackArn: String? {
        guard resourceType == "AWS::CloudFormation::Stack", !isStackEvent,
              let physical = physicalResourceId, physical.hasPrefix("arn:"), physical.contains(":stack/")
        else { return nil }
        return physical
    }
}
