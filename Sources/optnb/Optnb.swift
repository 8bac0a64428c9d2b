import ArgumentParser

@main
struct Optnb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optnb",
        abstract: "Study deep-learning optimizers through executable notebooks.",
        subcommands: [RenderCommand.self, CheckCommand.self, ReplayCommand.self, BenchCommand.self]
    )
}
