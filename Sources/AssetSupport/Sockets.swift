import Foundation

#if os(Linux)
    import Glibc
#else
    import Darwin
#endif

/// The few socket calls whose spelling differs between Glibc and Darwin, so the loopback stub and the
/// tests that open sockets read the same on both: Glibc imports `SOCK_STREAM` as an enum (`__socket_type`)
/// and Darwin as a plain `Int32`; Darwin has no `MSG_NOSIGNAL` (a socket option does the same there).
package enum Sockets {
    /// `SOCK_STREAM` as `socket(2)` takes it.
    package static var stream: Int32 {
        #if os(Linux)
            Int32(SOCK_STREAM.rawValue)
        #else
            SOCK_STREAM
        #endif
    }

    /// The flags for `send(2)` that keep a write to a closed peer from raising SIGPIPE (with `noSigpipe`).
    package static var sendFlags: Int32 {
        #if os(Linux)
            Int32(MSG_NOSIGNAL)
        #else
            0
        #endif
    }

    /// Opens a TCP socket; -1 on failure with `errno` set. On Darwin the socket never raises SIGPIPE.
    package static func openStream() -> Int32 {
        let fd = socket(AF_INET, stream, 0)
        #if !os(Linux)
            if fd >= 0 {
                var one: Int32 = 1
                setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            }
        #endif
        return fd
    }

    /// Keeps writes on an accepted socket from raising SIGPIPE (Darwin; Linux passes `sendFlags` instead).
    package static func suppressSigpipe(_ fd: Int32) {
        #if !os(Linux)
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// `close(2)`, which a type's own `close()` method would otherwise shadow.
    package static func close(_ fd: Int32) {
        #if os(Linux)
            _ = Glibc.close(fd)
        #else
            _ = Darwin.close(fd)
        #endif
    }

    /// 127.0.0.1 at `port` (0: any free port), with `sin_len` set where the platform has it.
    package static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        #if !os(Linux)
            address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port.bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
