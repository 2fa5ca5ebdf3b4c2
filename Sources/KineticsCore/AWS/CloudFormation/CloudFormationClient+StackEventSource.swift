/// The event engine reads stack events straight from CloudFormation.
extension CloudFormationClient: StackEventSource {}
