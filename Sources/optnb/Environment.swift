import Foundation

/// optnb's own version, shown in reports and recorded in results files.
let optnbVersion = "0.1.0"

/// What a results file records about where it was made: shown, never compared.
func renderEnvironment(compilerVersion: String) -> [String: String] {
    [
        "optnb": optnbVersion,
        "swift": compilerVersion.split(separator: "\n").first.map(String.init) ?? compilerVersion,
        "platform": platformName(),
    ]
}

/// `x86_64-linux` and the like, from uname(2).
func platformName() -> String {
    var u = utsname()
    uname(&u)
    func field<T>(_ value: T) -> String {
        withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    return "\(field(u.machine))-\(field(u.sysname).lowercased())"
}

/// The report footer: the same text for every render on one setup, so two
/// renders of a notebook are byte-identical.
func generationNote(compilerVersion: String) -> String {
    let env = renderEnvironment(compilerVersion: compilerVersion)
    return "Rendered by optnb \(env["optnb"]!) · \(env["swift"]!) · \(env["platform"]!)"
}
