/// The `Encoder` behind `JSONWriter`: builds a `JSONWriter.Value` tree for one value.
final class ValueEncoder: Encoder {
    let shared: JSONWriter.Shared
    var value: JSONWriter.Value?
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(shared: JSONWriter.Shared) {
        self.shared = shared
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let box) = value { return KeyedEncodingContainer(KeyedContainer(box: box, shared: shared)) }
        let box = JSONWriter.ObjectBox()
        value = .object(box)
        return KeyedEncodingContainer(KeyedContainer(box: box, shared: shared))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let box) = value { return UnkeyedContainer(box: box, shared: shared) }
        let box = JSONWriter.ArrayBox()
        value = .array(box)
        return UnkeyedContainer(box: box, shared: shared)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }
}

/// Anything `JSONWriter` leaves to `JSONEncoder` goes through here: the result is thrown away.
private func declined(_ shared: JSONWriter.Shared) -> ValueEncoder {
    shared.declined = true
    return ValueEncoder(shared: shared)
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONWriter.ObjectBox
    let shared: JSONWriter.Shared
    var codingPath: [any CodingKey] { [] }

    func put(_ value: JSONWriter.Value, _ key: Key) {
        let name = key.stringValue
        if !name.utf8.allSatisfy({ $0 < 0x80 }) { shared.declined = true }  // sorted as JSONEncoder sorts ASCII only
        box.pairs.append((name, value))
    }

    mutating func encodeNil(forKey key: Key) throws { put(.literal("null"), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.literal(value ? "true" : "false"), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try shared.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try shared.float(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(try shared.box(value), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = JSONWriter.ObjectBox()
        put(.object(nested), key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, shared: shared))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONWriter.ArrayBox()
        put(.array(nested), key)
        return UnkeyedContainer(box: nested, shared: shared)
    }

    mutating func superEncoder() -> any Encoder { declined(shared) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { declined(shared) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: JSONWriter.ArrayBox
    let shared: JSONWriter.Shared
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.items.count }

    func put(_ value: JSONWriter.Value) { box.items.append(value) }

    mutating func encodeNil() throws { put(.literal("null")) }
    mutating func encode(_ value: Bool) throws { put(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try shared.double(value)) }
    mutating func encode(_ value: Float) throws { put(try shared.float(value)) }
    mutating func encode(_ value: Int) throws { put(.literal(String(value))) }
    mutating func encode(_ value: Int8) throws { put(.literal(String(value))) }
    mutating func encode(_ value: Int16) throws { put(.literal(String(value))) }
    mutating func encode(_ value: Int32) throws { put(.literal(String(value))) }
    mutating func encode(_ value: Int64) throws { put(.literal(String(value))) }
    mutating func encode(_ value: UInt) throws { put(.literal(String(value))) }
    mutating func encode(_ value: UInt8) throws { put(.literal(String(value))) }
    mutating func encode(_ value: UInt16) throws { put(.literal(String(value))) }
    mutating func encode(_ value: UInt32) throws { put(.literal(String(value))) }
    mutating func encode(_ value: UInt64) throws { put(.literal(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { put(try shared.box(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let nested = JSONWriter.ObjectBox()
        put(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, shared: shared))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONWriter.ArrayBox()
        put(.array(nested))
        return UnkeyedContainer(box: nested, shared: shared)
    }

    mutating func superEncoder() -> any Encoder { declined(shared) }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { [] }

    func set(_ value: JSONWriter.Value) { encoder.value = value }

    mutating func encodeNil() throws { set(.literal("null")) }
    mutating func encode(_ value: Bool) throws { set(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(try encoder.shared.double(value)) }
    mutating func encode(_ value: Float) throws { set(try encoder.shared.float(value)) }
    mutating func encode(_ value: Int) throws { set(.literal(String(value))) }
    mutating func encode(_ value: Int8) throws { set(.literal(String(value))) }
    mutating func encode(_ value: Int16) throws { set(.literal(String(value))) }
    mutating func encode(_ value: Int32) throws { set(.literal(String(value))) }
    mutating func encode(_ value: Int64) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt8) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt16) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt32) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt64) throws { set(.literal(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { set(try encoder.shared.box(value)) }
}
