import ArgumentParser

@main
struct Optnb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optnb",
        abstract: "Study deep-learning optimizers through executable notebooks.",
        version: optnbVersion,
        subcommands: [RenderCommand.self, CheckCommand.self, PreviewCommand.self, ReplayCommand.self,
                      BenchCommand.self, MergeCommand.self, CacheCommand.self]
    )
}
