import Foundation

extension TorchFixture {
    /// An option's value as recorded. JSONDecoder reads only `true`/`false`
    /// as a flag and never a flag as a number, so `1` stays `.number(1)`.
    enum OptionValue: Decodable, Equatable, CustomStringConvertible {
        case number(Double)
        case flag(Bool)
        case numbers([Double])
        case text(String)

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let flag = try? value.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? value.decode(Double.self) {
                self = .number(number)
            } else if let numbers = try? value.decode([Double].self) {
                self = .numbers(numbers)
            } else if let text = try? value.decode(String.self) {
                self = .text(text)
            } else {
                throw DecodingError.dataCorruptedError(
                    in: value, debugDescription: "not a number, true/false, list of numbers or string")
            }
        }

        var description: String {
            switch self {
            case .number(let x): "\(x)"
            case .flag(let b): "\(b)"
            case .numbers(let xs): "\(xs)"
            case .text(let s): "\"\(s)\""
            }
        }
    }

    /// The fields that identify a file, read before the rest so that a
    /// file of another format or dtype is named as such rather than as a
    /// missing field.
    struct Header: Decodable {
        var format: String?
        var dtype: String?
        var error: String?
    }

    /// The whole file as recorded (`optnb-trajectory/1`, see
    /// /work/shared/reference/README.md). Unknown keys are ignored by
    /// JSONDecoder; the ones that change a replay's meaning
    /// (`lr_schedule`, `error`) are decoded so that `init` can refuse them.
    struct File: Decodable {
        struct Parameter: Decodable {
            var name: String
            var shape: [Int]
            var initial: [Double]
        }

        struct Step: Decodable {
            /// `nil` entries: the parameter had no gradient on this step.
            var gradients: [[Double]?]
            var parameters: [[Double]]
            var loss: Double?
        }

        struct Model: Decodable {
            var kind: String
            var inFeatures: Int
            var outFeatures: Int
            var samples: Int
            var inputs: [Double]
            var targets: [Double]

            enum CodingKeys: String, CodingKey {
                case kind, samples, inputs, targets
                case inFeatures = "in_features"
                case outFeatures = "out_features"
            }
        }

        var name: String
        var optimizer: String
        var options: [String: OptionValue]
        var parameters: [Parameter]
        var steps: [Step]
        var model: Model?
        var lrSchedule: [Double]?

        enum CodingKeys: String, CodingKey {
            case name, optimizer, options, parameters, steps, model
            case lrSchedule = "lr_schedule"
        }
    }
}

extension DecodingError {
    /// Where in the file and what, as `steps[3].gradients[0]: Expected to
    /// decode Double but found a string instead.`: a path in the file's
    /// own notation rather than Foundation's list of coding keys.
    var fixtureReason: String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "top level" : text)
        }
        switch self {
        case .typeMismatch(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): null where \(type) is required"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return "\(path(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(self)"
        }
    }
}

/// "not valid JSON at line L, column C" for text that is not JSON, else nil.
/// JSONDecoder on Linux says only that the data is not valid JSON;
/// JSONSerialization says where (as a character offset), and is asked
/// nothing else: its numbers are not used.
func syntaxErrorPlace(in data: Data) -> String? {
    do {
        _ = try JSONSerialization.jsonObject(with: data)
        return nil
    } catch {
        let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        guard let range = message.range(of: #"character \d+"#, options: .regularExpression),
              let offset = Int(message[range].dropFirst("character ".count))
        else { return "not valid JSON (\(message))" }
        let before = data.prefix(offset)
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return "not valid JSON at line \(line), column \(column) (\(message))"
    }
}
