import Foundation

/// What one field of a request message holds.
indirect enum StubField: Sendable {
    case string, number, integer, bool
    /// One of these names; `type` is the proto enum's full name, quoted in errors.
    case enumeration(type: String, values: [String])
    /// Another message of the schema, by name.
    case message(String)
    case list(StubField)
    /// A map from any key (kept as written) to a field (`map<string, Schema>`).
    case map(StubField)
    /// A free-form object (`google.protobuf.Struct`).
    case anyObject
    /// Any JSON value (`google.protobuf.Value`).
    case anyValue
}

/// The request messages the service knows, as data: every field a client may send, nothing more. The real
/// service parses bodies against its protos and refuses any other key with a 400; keys may be camelCase or
/// snake_case. Field names here are camelCase.
enum StubSchema {
    static let modality = StubField.enumeration(
        type: "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig.Modality",
        values: ["MODALITY_UNSPECIFIED", "TEXT", "IMAGE", "AUDIO"])
    static let thinkingLevel = StubField.enumeration(
        type: "type.googleapis.com/google.ai.generativelanguage.v1beta.ThinkingConfig.ThinkingLevel",
        values: ["THINKING_LEVEL_UNSPECIFIED", "MINIMAL", "LOW", "MEDIUM", "HIGH"])
    static let harmCategory = StubField.enumeration(
        type: "type.googleapis.com/google.ai.generativelanguage.v1beta.HarmCategory",
        values: [
            "HARM_CATEGORY_UNSPECIFIED", "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_HATE_SPEECH",
            "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT", "HARM_CATEGORY_CIVIC_INTEGRITY",
        ])
    static let threshold = StubField.enumeration(
        type: "type.googleapis.com/google.ai.generativelanguage.v1beta.SafetySetting.HarmBlockThreshold",
        values: [
            "HARM_BLOCK_THRESHOLD_UNSPECIFIED", "BLOCK_LOW_AND_ABOVE", "BLOCK_MEDIUM_AND_ABOVE",
            "BLOCK_ONLY_HIGH", "BLOCK_NONE", "OFF",
        ])

    /// `Schema.type`: the proto enum; the service also takes the lower-case names JSON Schema writers use.
    static let schemaType = StubField.enumeration(
        type: "type.googleapis.com/google.ai.generativelanguage.v1beta.Type",
        values: ["TYPE_UNSPECIFIED", "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT", "NULL"].flatMap {
            [$0, $0.lowercased()]
        })

    static let messages: [String: [String: StubField]] = [
        "GenerateContentRequest": [
            "model": .string, "contents": .list(.message("Content")), "systemInstruction": .message("Content"),
            "tools": .list(.message("Tool")), "safetySettings": .list(.message("SafetySetting")),
            "generationConfig": .message("GenerationConfig"),
        ],
        "Content": ["role": .string, "parts": .list(.message("Part"))],
        "Part": [
            "text": .string, "inlineData": .message("Blob"), "fileData": .message("FileData"),
            "thought": .bool, "thoughtSignature": .string,
        ],
        "Blob": ["mimeType": .string, "data": .string],
        "FileData": ["mimeType": .string, "fileUri": .string],
        "Tool": ["googleSearch": .message("GoogleSearch")],
        "GoogleSearch": ["searchTypes": .message("SearchTypes")],
        "SearchTypes": ["webSearch": .message("Empty"), "imageSearch": .message("Empty")],
        "Empty": [:],
        "SafetySetting": ["category": harmCategory, "threshold": threshold],
        "GenerationConfig": [
            "responseModalities": .list(modality), "temperature": .number, "topP": .number, "topK": .integer,
            "seed": .integer,
            "candidateCount": .integer, "maxOutputTokens": .integer,
            "imageConfig": .message("ImageConfig"), "thinkingConfig": .message("ThinkingConfig"),
            "responseMimeType": .string, "responseSchema": .message("Schema"), "responseJsonSchema": .anyObject,
        ],
        // The OpenAPI subset of `responseSchema`.
        "Schema": [
            "type": schemaType, "format": .string, "title": .string, "description": .string, "nullable": .bool,
            "enum": .list(.string), "maxItems": .integer, "minItems": .integer, "properties": .map(.message("Schema")),
            "required": .list(.string), "propertyOrdering": .list(.string), "items": .message("Schema"),
            "minProperties": .integer, "maxProperties": .integer, "minLength": .integer, "maxLength": .integer,
            "pattern": .string, "minimum": .number, "maximum": .number, "anyOf": .list(.message("Schema")),
            "example": .anyValue, "default": .anyValue,
        ],
        "ImageConfig": ["aspectRatio": .string, "imageSize": .string],
        "ThinkingConfig": ["thinkingLevel": thinkingLevel, "includeThoughts": .bool, "thinkingBudget": .integer],

        // File API: the start request's body.
        "CreateFileRequest": ["file": .message("File")],
        "File": ["name": .string, "displayName": .string, "mimeType": .string, "sizeBytes": .integer],

        // Batch API.
        "BatchGenerateContentRequest": ["batch": .message("GenerateContentBatch")],
        "GenerateContentBatch": [
            "model": .string, "name": .string, "displayName": .string, "inputConfig": .message("InputConfig"),
        ],
        "InputConfig": ["fileName": .string, "requests": .message("InlinedRequests")],
        "InlinedRequests": ["requests": .list(.message("InlinedRequest"))],
        "InlinedRequest": ["request": .message("GenerateContentRequest"), "metadata": .anyObject],
        // One line of a batch's JSONL input file.
        "BatchFileLine": ["key": .string, "request": .message("GenerateContentRequest")],
    ]

    /// The body checked against message `name`: its keys camelCased, or every violation in the service's words.
    static func normalize(_ value: Any, as name: String) -> Result<[String: Any], SchemaViolations> {
        var violations: [SchemaViolations.Violation] = []
        let normalized = normalize(value, field: .message(name), path: [], violations: &violations)
        guard violations.isEmpty, let object = normalized as? [String: Any] else {
            return .failure(SchemaViolations(violations))
        }
        return .success(object)
    }

    private static func normalize(
        _ value: Any, field: StubField, path: [String], violations: inout [SchemaViolations.Violation]
    ) -> Any {
        if value is NSNull { return value }  // null is the default value in proto3 JSON
        switch field {
        case .message(let name):
            guard let object = value as? [String: Any] else {
                violations.append(
                    .invalidValue(
                        path: path, type: "type.googleapis.com/google.ai.generativelanguage.v1beta.\(name)",
                        value: value))
                return value
            }
            let fields = messages[name]!
            var result: [String: Any] = [:]
            for key in object.keys.sorted() {
                let camel = JSONKeys.camelCase(key)
                guard let inner = fields[camel] else {
                    violations.append(.unknownName(key, path: path))
                    continue
                }
                result[camel] = normalize(
                    object[key]!, field: inner, path: path + [JSONKeys.snakeCase(camel)], violations: &violations)
            }
            return result
        case .list(let element):
            guard let array = value as? [Any] else {
                if value is [String: Any] {
                    violations.append(.notRepeating(path: path))
                } else {
                    violations.append(.invalidValue(path: path, type: "list", value: value))
                }
                return value
            }
            let head = path.dropLast()
            let last = path.last ?? ""
            return array.enumerated().map { index, item in
                normalize(item, field: element, path: head + ["\(last)[\(index)]"], violations: &violations)
            }
        case .anyValue:
            return value
        case .map(let inner):
            guard let object = value as? [String: Any] else {
                violations.append(.invalidValue(path: path, type: "map", value: value))
                return value
            }
            var result: [String: Any] = [:]
            for key in object.keys.sorted() {
                result[key] = normalize(object[key]!, field: inner, path: path + [key], violations: &violations)
            }
            return result
        case .anyObject:
            if !(value is [String: Any]) {
                violations.append(
                    .invalidValue(path: path, type: "type.googleapis.com/google.protobuf.Struct", value: value))
            }
            return value
        case .string, .number, .integer, .bool, .enumeration:
            if let type = scalarMismatch(value, field) {
                violations.append(.invalidValue(path: path, type: type, value: value))
            }
            return value
        }
    }

    /// The proto type named in the error when `value` does not fit the scalar `field`, else nil.
    private static func scalarMismatch(_ value: Any, _ field: StubField) -> String? {
        let number = value as? NSNumber
        let isBool = number.map { String(cString: $0.objCType) == "c" } ?? false
        switch field {
        case .string:
            return value is String ? nil : "TYPE_STRING"
        case .bool:
            return isBool ? nil : "TYPE_BOOL"
        case .number:
            if let number, !isBool { return number.doubleValue.isFinite ? nil : "TYPE_FLOAT" }
            return (value as? String).flatMap(Double.init) != nil ? nil : "TYPE_FLOAT"
        case .integer:
            if let number, !isBool { return number.doubleValue.rounded() == number.doubleValue ? nil : "TYPE_INT32" }
            return (value as? String).flatMap { Int($0) } != nil ? nil : "TYPE_INT32"
        case .enumeration(let type, let values):
            return (value as? String).map(values.contains) == true ? nil : type
        default:
            return nil
        }
    }
}
