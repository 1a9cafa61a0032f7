import AssetSupport
import Foundation

/// A request as the server read it off the socket.
package struct ServerRequest: Sendable {
    package var method: String
    package var path: String
    package var query: [String: String]
    /// Lower-cased names.
    package var headers: [String: String]
    package var body: Data
}

/// One accepted connection. Every answer closes it (`Connection: close`), which keeps faults simple.
package final class ServerConnection: @unchecked Sendable {
    let fd: Int32
    private var closed = false

    init(fd: Int32) { self.fd = fd }

    deinit { close() }

    /// Writes raw bytes; false when the peer has gone.
    @discardableResult
    package func write(_ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Sockets.sendFlags)
                if sent <= 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    /// Sends a complete response and closes; false when the peer was gone.
    @discardableResult
    package func respond(status: Int, headers: [String: String] = [:], body: Data) -> Bool {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        var all = headers
        all["Content-Length"] = String(body.count)
        all["Connection"] = "close"
        for (name, value) in all.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        guard peerIsOpen else {
            close()
            return false
        }
        let sent = write(Data(head.utf8) + body)
        close()
        return sent
    }

    /// False once the client has closed its end (or died): a write would only be lost in the kernel.
    var peerIsOpen: Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count > 0 || (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    }

    package func close() {
        guard !closed else { return }
        closed = true
        shutdown(fd, Int32(SHUT_RDWR))
        Sockets.close(fd)
    }

    static func reason(_ status: Int) -> String {
        [
            100: "Continue", 200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout",
            429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
        ][status] ?? "Status"
    }
}

/// A small HTTP/1.1 server on plain POSIX sockets, one thread per connection. Bound to loopback only.
package final class HTTPServer: @unchecked Sendable {
    package typealias Handler = @Sendable (ServerRequest, ServerConnection) -> Void
    private let handler: Handler
    private var listener: Int32 = -1
    private let lock = NSLock()
    private var running = false
    package private(set) var port: Int = 0

    package init(handler: @escaping Handler) { self.handler = handler }

    /// Binds 127.0.0.1 on `port` (0: an ephemeral port) and starts accepting.
    package func start(port requested: Int = 0) throws {
        listener = Sockets.openStream()
        guard listener >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Sockets.loopback(port: UInt16(requested))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 128) == 0 else {
            let code = errno
            Sockets.close(listener)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        lock.withLock { running = true }
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    package func stop() {
        lock.withLock { running = false }
        shutdown(listener, Int32(SHUT_RDWR))
        Sockets.close(listener)
    }

    private func acceptLoop() {
        while lock.withLock({ running }) {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            Sockets.suppressSigpipe(client)
            let connection = ServerConnection(fd: client)
            Thread { [self] in
                guard let request = Self.read(connection) else { return connection.close() }
                handler(request, connection)
            }.start()
        }
    }

    /// Reads one request: head, then a Content-Length body (answering `Expect: 100-continue`).
    static func read(_ connection: ServerConnection) -> ServerRequest? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        while headEnd == nil {
            let count = recv(connection.fd, &chunk, chunk.count, 0)
            guard count > 0, buffer.count < 1 << 20 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
            headEnd = buffer.range(of: separator)
        }
        let head = String(decoding: buffer[..<headEnd!.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Data(buffer[headEnd!.upperBound...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        if headers["expect"]?.lowercased() == "100-continue" {
            connection.write(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        // Appended as raw bytes into room made once: a slice appended element by element took 8 ms a chunk,
        // so the stub, not the client, set the pace of an 87 MB upload (20 s; now a fraction of a second).
        body.reserveCapacity(length)
        while body.count < length {
            let count = recv(connection.fd, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            chunk.withUnsafeBufferPointer { body.append($0.baseAddress!, count: count) }
        }
        let target = String(requestLine[1])
        let pieces = target.split(separator: "?", maxSplits: 1)
        var query: [String: String] = [:]
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                query[String(kv[0])] = kv.count == 2 ? String(kv[1]).removingPercentEncoding ?? String(kv[1]) : ""
            }
        }
        return ServerRequest(
            method: String(requestLine[0]), path: String(pieces[0]), query: query, headers: headers, body: body)
    }
}
