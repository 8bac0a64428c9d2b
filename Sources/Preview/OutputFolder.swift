import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder preview serves, and the only files it will serve.
///
/// A request's path is taken as the client sent it (still percent-encoded,
/// before any library tidies `..` away) and refused unless every segment is
/// a plain name: no `.` or `..`, no hidden names, no encoded separators or
/// dots, no `%` left after one decoding (double encoding), no backslash or
/// NUL. The file must then exist below the folder with no symbolic link
/// anywhere on the way, so a link planted in the output cannot point out.
public struct OutputFolder: Sendable {
    /// The folder's real path (links resolved), without a trailing slash.
    public let root: String

    /// What a request path leads to.
    public enum Lookup: Equatable, Sendable {
        /// A regular file below the root.
        case file(path: String)
        /// Not allowed, whatever is on disk.
        case refused
        /// Allowed, but nothing is there.
        case missing
    }

    /// The folder at `path`, which must exist.
    /// - Throws: `PreviewError` when it cannot be opened.
    public init(_ path: String) throws {
        guard let resolved = realpath(path, nil) else {
            throw PreviewError("the output folder \(path) cannot be opened: \(String(cString: strerror(errno)))")
        }
        defer { free(resolved) }
        root = String(cString: resolved)
    }

    /// Where the raw request path `rawPath` (e.g. `/adamw.html`) leads.
    public func resolve(rawPath: String) -> Lookup {
        guard let segments = Self.segments(of: rawPath) else { return .refused }
        var path = root
        for (i, segment) in segments.enumerated() {
            path += "/" + segment
            var info = stat()
            guard lstat(path, &info) == 0 else { return .missing }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK { return .refused }
            let last = i == segments.count - 1
            if !last, type != S_IFDIR { return .missing }
            if last, type != S_IFREG { return type == S_IFDIR ? .missing : .refused }
        }
        // Belt and braces: the resolved file must still be below the root.
        guard let real = realpath(path, nil) else { return .missing }
        defer { free(real) }
        return String(cString: real).hasPrefix(root + "/") ? .file(path: path) : .refused
    }

    /// The decoded segments of a raw path, or nil when any is not allowed.
    static func segments(of rawPath: String) -> [String]? {
        guard rawPath.hasPrefix("/"), !rawPath.contains("\\") else { return nil }
        let lowered = rawPath.lowercased()
        // Encoded '/', '\', '.', NUL: no report name needs them.
        for encoded in ["%2f", "%5c", "%2e", "%00"] where lowered.contains(encoded) { return nil }
        let raw = rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard !raw.isEmpty else { return nil }
        var segments: [String] = []
        for piece in raw {
            guard let name = String(piece).removingPercentEncoding,
                  !name.isEmpty, !name.hasPrefix("."),
                  !name.contains("%"), !name.contains("/"), !name.contains("\\"),
                  !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f })
            else { return nil }
            segments.append(name)
        }
        return segments
    }

    /// The Content-Type for a served file, by its extension.
    public static func contentType(of path: String) -> String {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

/// A preview failure with a message that says what to do.
public struct PreviewError: Error, CustomStringConvertible, Sendable {
    /// The message, printed as it is.
    public var description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
