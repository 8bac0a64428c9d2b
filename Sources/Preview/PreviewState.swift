import Foundation

/// What the server shows, updated by the render loop: the render generation
/// (bumped after every finished render, which reloads open pages) and the
/// failed renders' messages by report name.
public final class PreviewState: @unchecked Sendable {
    private let lock = NSLock()
    private var _generation = 0
    private var _problems: [String: RenderProblem] = [:]

    /// Generation 0, no problems.
    public init() {}

    /// How many render rounds have finished; a page that saw another number reloads.
    public var generation: Int { lock.withLock { _generation } }

    /// The failure shown on `<name>.html`, if its last render failed.
    public func problem(forReport name: String) -> RenderProblem? { lock.withLock { _problems[name] } }

    /// Records one round of renders and then bumps the generation, so a page
    /// that reloads sees the new messages. `nil` clears a notebook's failure.
    public func finishRound(_ results: [String: RenderProblem?]) {
        lock.withLock {
            for (name, problem) in results { _problems[name] = problem }
            _generation += 1
        }
    }
}

/// The server-sent event stream that tells a page to reload: the current
/// generation on connect (so a render that finished while the page loaded
/// is not missed), then every new one. A comment line every `heartbeat`
/// finds clients that went away, so their streams end and free their task.
struct ReloadEvents: AsyncSequence, Sendable {
    typealias Element = UInt8
    let state: PreviewState
    var poll: Duration = .milliseconds(150)
    var heartbeat: Duration = .seconds(10)

    func makeAsyncIterator() -> Iterator { Iterator(events: self) }

    struct Iterator: AsyncIteratorProtocol {
        let events: ReloadEvents
        var sent: Int?
        var pending: [UInt8] = []

        init(events: ReloadEvents) { self.events = events }

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        /// Up to `count` bytes of the next event; nil ends the stream (on
        /// cancellation, e.g. when the server stops).
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                guard let event = await nextEvent() else { return nil }
                pending = Array(event.utf8)
            }
            let chunk = Array(pending.prefix(Swift.max(1, count)))
            pending.removeFirst(chunk.count)
            return chunk
        }

        private mutating func nextEvent() async -> String? {
            guard let shown = sent else {
                let now = events.state.generation
                sent = now
                return "retry: 1000\ndata: \(now)\n\n"
            }
            let clock = ContinuousClock()
            let deadline = clock.now + events.heartbeat
            while clock.now < deadline {
                do { try await Task.sleep(for: events.poll) } catch { return nil }
                let now = events.state.generation
                if now != shown {
                    sent = now
                    return "data: \(now)\n\n"
                }
            }
            return ": still here\n\n"
        }
    }
}
