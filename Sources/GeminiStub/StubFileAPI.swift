import Foundation

/// The File API's routes: resumable upload (start, then upload and finalize), get, delete and download.
extension GeminiStub {
    /// `POST /upload/v1beta/files` with `X-Goog-Upload-Command: start`: opens an upload and answers its URL in a header.
    func startUpload(_ request: ServerRequest) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        guard request.headers["x-goog-upload-protocol"]?.lowercased() == "resumable" else {
            return .error(
                400,
                "Invalid upload protocol \"\(request.headers["x-goog-upload-protocol"] ?? "")\": send X-Goog-Upload-Protocol: resumable."
            )
        }
        guard request.headers["x-goog-upload-command"]?.lowercased() == "start" else {
            return .error(
                400,
                "Invalid X-Goog-Upload-Command \"\(request.headers["x-goog-upload-command"] ?? "")\": a new upload starts with \"start\"."
            )
        }
        guard let lengthText = request.headers["x-goog-upload-header-content-length"], let length = Int(lengthText),
            length >= 0
        else {
            return .error(
                400, "Missing or invalid X-Goog-Upload-Header-Content-Length: the upload's size in bytes is required.")
        }
        guard let mimeType = request.headers["x-goog-upload-header-content-type"], !mimeType.isEmpty else {
            return .error(400, "Missing X-Goog-Upload-Header-Content-Type: the file's MIME type is required.")
        }
        if length > 2_147_483_648 { return .error(400, "File size \(length) exceeds the limit of 2147483648 bytes.") }
        var displayName: String?
        if !request.body.isEmpty {
            switch parse(request.body, as: "CreateFileRequest") {
            case .failure(let refusal): return .error(refusal)
            case .success(let body): displayName = (body["file"] as? [String: Any])?["displayName"] as? String
            }
        }
        let id = files.startUpload(displayName: displayName, mimeType: mimeType, length: length)
        var base = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
        if let host = options.uploadHost { base.host = host }
        let url = base.string! + "/upload/v1beta/files?upload_id=\(id)&upload_protocol=resumable"
        return StubAnswer(
            status: 200,
            headers: [
                "x-goog-upload-url": url, "x-goog-upload-status": "active",
                "x-goog-upload-chunk-granularity": "8388608",
                "Content-Type": "text/plain; charset=utf-8",
            ], body: Data())
    }

    /// `POST <upload url>` with `X-Goog-Upload-Command: upload[, finalize]` (or `query`). The upload id is the
    /// credential here, as at Google: no key is needed.
    func continueUpload(_ request: ServerRequest, record: inout RecordedRequest) -> StubAnswer {
        let uploadID = request.query["upload_id"] ?? ""
        guard let session = files.session(uploadID) else {
            return .error(404, "The upload session was not found or has already been finalized.")
        }
        let commands = Set(
            (request.headers["x-goog-upload-command"] ?? "").lowercased().split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            })
        if commands == ["query"] {
            return StubAnswer(
                status: 200,
                headers: [
                    "x-goog-upload-status": "active", "x-goog-upload-size-received": String(session.received.count),
                ], body: Data())
        }
        guard commands.contains("upload"), commands.isSubset(of: ["upload", "finalize"]) else {
            return .error(
                400,
                "Invalid X-Goog-Upload-Command \"\(request.headers["x-goog-upload-command"] ?? "")\": send \"upload, finalize\"."
            )
        }
        guard let offset = request.headers["x-goog-upload-offset"].flatMap({ Int($0) }) else {
            return .error(400, "Missing or invalid X-Goog-Upload-Offset.")
        }
        switch files.append(request.body, to: uploadID, offset: offset, finalize: commands.contains("finalize")) {
        case .failure(let refusal):
            return .error(refusal)
        case .success(nil):
            return StubAnswer(status: 200, headers: ["x-goog-upload-status": "active"], body: Data())
        case .success(let file?):
            record.upload = StubUpload(
                name: file.name, sha256: file.sha256, size: file.data.count, mimeType: file.mimeType,
                displayName: file.displayName)
            return .json(["file": file.resource(baseURL: baseURL)], headers: ["x-goog-upload-status": "final"])
        }
    }

    /// `GET /v1beta/files/{id}`: the resource, or the 403 an expired or unknown file gets.
    func getFile(_ request: ServerRequest, id: String) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        guard let file = files.live(id) else { return .error(Self.noSuchFile(id)) }
        return .json(file.resource(baseURL: baseURL))
    }

    /// `DELETE /v1beta/files/{id}`.
    func deleteFile(_ request: ServerRequest, id: String) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        return files.delete(id) ? .json([String: Any]()) : .error(Self.noSuchFile(id))
    }

    /// `GET /download/v1beta/files/{id}:download?alt=media`: a generated file's bytes (batch results).
    func downloadFile(_ request: ServerRequest, id: String) -> StubAnswer {
        if let refused = refuseKey(request) { return refused }
        guard request.query["alt"] == "media" else { return .error(400, "Download requires alt=media.") }
        guard let file = files.live(id) else { return .error(Self.noSuchFile(id)) }
        guard file.source == "GENERATED" else {
            return .error(400, "Only generated files can be downloaded; files/\(id) was uploaded.")
        }
        if let host = options.downloadRedirectHost {
            var storage = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
            storage.host = host
            storage.path = "/storage/files/\(id)"
            storage.queryItems = [URLQueryItem(name: "signature", value: Self.storageSignature(id))]
            return StubAnswer(status: 307, headers: ["Location": storage.string!], body: Data())
        }
        return StubAnswer(status: 200, headers: ["Content-Type": file.mimeType], body: file.data)
    }

    /// `GET /storage/files/{id}?signature=…`: where a redirected download lands; the signature is the credential.
    func storageFile(_ request: ServerRequest, id: String) -> StubAnswer {
        guard request.query["signature"] == Self.storageSignature(id) else {
            return .error(403, "The signature of this storage URL does not match.")
        }
        guard let file = files.live(id) else { return .error(Self.noSuchFile(id)) }
        return StubAnswer(status: 200, headers: ["Content-Type": file.mimeType], body: file.data)
    }

    static func storageSignature(_ id: String) -> String {
        StubSignatures.sign(Data("storage files/\(id)".utf8)).replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func noSuchFile(_ id: String) -> StubRefusal {
        StubRefusal(403, "You do not have permission to access the File files/\(id) or it may not exist.")
    }
}
