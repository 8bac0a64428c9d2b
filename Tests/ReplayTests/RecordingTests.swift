import Foundation
import Replay
import Testing

/// `replayFile(at:)` says what each file records; the expected values are
/// read from the JSON with Foundation's parser, not with Replay's.
@Suite("What a replayed file records")
struct RecordingTests {
    @Test("every fixture's recording matches its JSON", arguments: Fixtures.files(in: "torch") + Fixtures.files(in: "torch-schedules"))
    func matchesJSON(path: String) throws {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let result = replayFile(at: path)
        #expect(result.file == path)
        let recording = try #require(result.recording)
        let isSchedule = json["scheduler"] is String && json["optimizer"] == nil
        #expect(recording.torchClass == (isSchedule ? json["scheduler"] : json["optimizer"]) as? String)
        #expect(recording.dtype == json["dtype"] as? String)
        #expect(recording.source == json["source"] as? String)
        #expect(recording.torchRefusal == json["error"] as? String)
        let steps = isSchedule ? json["steps"] as? Int : (json["steps"] as? [Any])?.count
        #expect(recording.steps == steps)
        let tolerance = json["tolerance"] as? [String: Double]
        #expect(recording.tolerance?.rtol == tolerance?["rtol"])
        #expect(recording.tolerance?.atol == tolerance?["atol"])
    }

    @Test("an unreadable file has a path but no recording, and the same line as before")
    func unreadable() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString).json")
        try Data("{\"format\": ".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = replayFile(at: url.path)
        #expect(result.file == url.path)
        #expect(result.recording == nil)
        #expect(!result.passed)
        #expect(result.line.hasPrefix("FAIL  \(url.deletingPathExtension().lastPathComponent)  \(url.path): line 1"))
    }
}
