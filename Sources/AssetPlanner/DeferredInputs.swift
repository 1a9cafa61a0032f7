import AssetFingerprint
import AssetSupport
import Foundation

/// A lock entry's inputs, decoded from the lock file's bytes when first read. A run reads the inputs of stale
/// assets only (to say what changed), so a lock of thousands of entries is read without building the prompt,
/// config and references of each. The bytes were checked when the lock was read, so decoding them succeeds.
final class DeferredInputs: Sendable, Hashable {
    private let decoded: LockedValue<AssetInputs?>
    /// The whole lock file and where this entry's `inputs` object lies in it.
    private let file: Data
    private let range: Range<Int>

    init(_ inputs: AssetInputs) {
        decoded = LockedValue(inputs)
        file = Data()
        range = 0..<0
    }

    init(file: Data, range: Range<Int>) {
        decoded = LockedValue(nil)
        self.file = file
        self.range = range
    }

    var value: AssetInputs {
        decoded.withValue { decoded in
            if let decoded { return decoded }
            let inputs =
                file.withUnsafeBytes { raw in
                    var scanner = JSONScanner(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range]))
                    return LockfileReader.inputs(&scanner)
                } ?? (try? JSONDecoder().decode(AssetInputs.self, from: file[range]))
                // Unreachable: the bytes were checked when the lock was read.
                ?? AssetInputs(provider: "", model: "", prompt: "", systemInstruction: nil, config: [:], references: [])
            decoded = inputs
            return inputs
        }
    }

    static func == (lhs: DeferredInputs, rhs: DeferredInputs) -> Bool { lhs === rhs || lhs.value == rhs.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
