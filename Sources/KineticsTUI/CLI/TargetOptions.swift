import ArgumentParser

/// `--local`: the local AWS instead of the user's account (see `AWSTarget`).
struct TargetOptions: ParsableArguments {
    @Flag(name: .long, help: "Use the local AWS (moto) instead of your AWS account.")
    var local = false
}
