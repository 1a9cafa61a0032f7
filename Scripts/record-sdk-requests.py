#!/usr/bin/env python3
"""Records what Google's official Python SDK (google-genai 3.6.1) sends:

- the exact generateContent bodies for the configurations generate-assets supports, into
  Tests/AssetProvidersTests/Fixtures/sdk-requests.json (the Swift client must send the same);
- every request of every other route the stub serves (files upload, get, list, delete; batches create
  inline and from a file, get, list, cancel; result download; models list), into
  Tests/AssetProvidersTests/Fixtures/sdk-routes.json (the stub must accept each: SDKRouteReplayTests).

The SDK talks to a small capture server here that answers as the service would, with fixed names
(files/sdkfile1, batches/sdkbatch1, ...) that the replay test maps to the stub's own.

    python3 -m venv .build/sdk-venv && .build/sdk-venv/bin/pip install google-genai==3.6.1
    .build/sdk-venv/bin/python Scripts/record-sdk-requests.py
"""
import base64, io, json, os, struct, threading, zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
from google import genai
from google.genai import types

captured = []
routes = []  # every request of the route recording, in order
KEPT_HEADERS = ("content-type", "x-goog-upload-protocol", "x-goog-upload-command", "x-goog-upload-offset",
                "x-goog-upload-header-content-length", "x-goog-upload-header-content-type")

def file_resource(name, mime, size, source="UPLOADED"):
    base = f"http://127.0.0.1:{SERVER.server_port}"
    return {"name": name, "mimeType": mime, "sizeBytes": str(size), "uri": f"{base}/v1/{name}", "state": "ACTIVE",
            "source": source, "createTime": "2026-11-30T10:00:00Z", "expirationTime": "2026-12-02T10:00:00Z",
            "sha256Hash": "ZmFrZQ=="}

def batch_resource(name, state="BATCH_STATE_PENDING", output=None):
    metadata = {"@type": "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
                "name": name, "model": "models/gemini-nano-banana-2.1", "displayName": "sdk", "state": state,
                "createTime": "2026-11-30T10:00:00Z", "updateTime": "2026-11-30T10:00:00Z"}
    if output:
        metadata["output"] = output
    return {"name": name, "metadata": metadata, "done": state != "BATCH_STATE_PENDING"}

class Capture(BaseHTTPRequestHandler):
    def answer(self, status, body=b"", headers=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def record(self, body):
        entry = {"method": self.command, "path": self.path,
                 "headers": {k.lower(): v for k, v in self.headers.items() if k.lower() in KEPT_HEADERS}}
        if body and "upload_id=" in self.path:
            entry["bytes"] = base64.b64encode(body).decode()  # uploaded bytes, exactly
        elif body:
            entry["json"] = json.loads(body)
        routes.append(entry)

    def do_GET(self):
        self.record(b"")
        path = self.path.split("?")[0]
        if path.endswith("/models"):
            page2 = "pageToken=" in self.path
            models = [{"name": f"models/{m}", "displayName": m, "supportedGenerationMethods": ["generateContent"]}
                      for m in (["gemini-2.5-flash"] if page2 else ["gemini-nano-banana-2.1"])]
            return self.answer(200, {"models": models} if page2 else {"models": models, "nextPageToken": "cGFnZTI="})
        if path.endswith(":download"):
            return self.answer(200, b'{"key": "a", "response": {}}\n', {"Content-Type": "application/octet-stream"})
        if "/files/" in path:
            return self.answer(200, file_resource("files/" + path.rsplit("/", 1)[1], "image/png", len(PNG)))
        if path.endswith("/files"):
            return self.answer(200, {"files": [file_resource("files/sdkfile1", "image/png", len(PNG))]})
        if "/batches/" in path:
            name = "batches/" + path.rsplit("/", 1)[1]
            return self.answer(200, batch_resource(name, "BATCH_STATE_SUCCEEDED", {"responsesFile": "files/sdkresults1"}))
        if path.endswith("/batches"):
            return self.answer(200, {"operations": [batch_resource("batches/sdkbatch1")]})
        self.answer(404, {"error": {"code": 404, "message": "not recorded", "status": "NOT_FOUND"}})

    def do_DELETE(self):
        self.record(b"")
        self.answer(200, {})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.endswith(":generateContent") and RECORDING_CASES:
            captured.append({"path": self.path, "body": json.loads(body)})
        else:
            self.record(body)
        path = self.path.split("?")[0]
        if "/upload/" in path and "upload_id=" not in self.path:
            upload = len([r for r in routes if r["method"] == "POST" and "upload_id=" not in r["path"] and "/upload/" in r["path"]])
            url = f"http://127.0.0.1:{SERVER.server_port}/upload/v1/files?upload_id=sdkupload{upload}&upload_protocol=resumable"
            return self.answer(200, b"", {"x-goog-upload-url": url, "x-goog-upload-status": "active"})
        if "upload_id=" in self.path:
            number = self.path.split("upload_id=sdkupload")[1].split("&")[0]
            mime = "application/jsonl" if body.startswith(b"{") else "image/png"
            return self.answer(200, {"file": file_resource(f"files/sdkfile{number}", mime, len(body))},
                               {"x-goog-upload-status": "final"})
        if path.endswith(":batchGenerateContent"):
            count = len([r for r in routes if r["path"].endswith(":batchGenerateContent")])
            return self.answer(200, batch_resource(f"batches/sdkbatch{count}"))
        if path.endswith(":cancel"):
            return self.answer(200, {})
        answer = {"candidates": [{"content": {"role": "model", "parts": [{"text": "ok"}]}, "finishReason": "STOP"}],
                  "modelVersion": "gemini-nano-banana-2.1"}
        self.answer(200, answer)

    def log_message(self, *args):
        pass

RECORDING_CASES = True

def tiny_png():
    raw = b"\x00\xff\x00\x00"
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

PNG = tiny_png()
JPEG = bytes([0xFF, 0xD8, 0xFF, 0xE0, 0, 16]) + b"JFIF" + bytes([0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9])

# Each case: the manifest-level config generate-assets resolves, and the SDK call it corresponds to.
CASES = [
    {
        "name": "documented-example",
        "model": "gemini-3.1-flash-image",
        "prompt": "A red fox sleeping in fresh snow.\n\nSoft watercolor, pastel palette, children's book illustration.",
        "references": ["png", "jpeg"],
        "config": {"aspect_ratio": "16:9", "image_size": "2K", "seed": 7, "temperature": 0.4, "thinking_level": "high",
                   "system_instruction": "You draw for a picture book.", "google_search": True},
        "sdk": types.GenerateContentConfig(
            system_instruction="You draw for a picture book.", temperature=0.4, seed=7,
            image_config=types.ImageConfig(aspect_ratio="16:9", image_size="2K"),
            thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.HIGH),
            tools=[types.Tool(google_search=types.GoogleSearch())]),
    },
    {
        "name": "minimal",
        "model": "gemini-3-pro-image",
        "prompt": "A lighthouse at dusk.",
        "references": [],
        "config": {"aspect_ratio": "1:1", "image_size": "1K"},
        "sdk": types.GenerateContentConfig(image_config=types.ImageConfig(aspect_ratio="1:1", image_size="1K")),
    },
    {
        "name": "image-search-safety-modalities",
        "model": "gemini-3.1-flash-image",
        "prompt": "The 2026 winter festival poster.",
        "references": ["png"],
        "config": {"aspect_ratio": "4:5", "image_size": "512", "top_p": 0.9, "thinking_level": "minimal", "include_thoughts": True,
                   "image_search": True, "response_modalities": ["IMAGE"],
                   "safety_settings": {"HARM_CATEGORY_HARASSMENT": "BLOCK_ONLY_HIGH", "HARM_CATEGORY_DANGEROUS_CONTENT": "BLOCK_MEDIUM_AND_ABOVE"}},
        "sdk": types.GenerateContentConfig(
            top_p=0.9, response_modalities=["IMAGE"],
            image_config=types.ImageConfig(aspect_ratio="4:5", image_size="512"),
            thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.MINIMAL, include_thoughts=True),
            tools=[types.Tool(google_search=types.GoogleSearch(search_types=types.SearchTypes(web_search=types.WebSearch(), image_search=types.ImageSearch())))],
            safety_settings=[
                types.SafetySetting(category="HARM_CATEGORY_DANGEROUS_CONTENT", threshold="BLOCK_MEDIUM_AND_ABOVE"),
                types.SafetySetting(category="HARM_CATEGORY_HARASSMENT", threshold="BLOCK_ONLY_HIGH"),
            ]),
    },
    {
        "name": "flash-25",
        "model": "gemini-2.5-flash-image",
        "prompt": "An app icon.",
        "references": ["png", "png", "jpeg"],
        "config": {"aspect_ratio": "9:16", "response_modalities": ["TEXT", "IMAGE"]},
        "sdk": types.GenerateContentConfig(response_modalities=["TEXT", "IMAGE"], image_config=types.ImageConfig(aspect_ratio="9:16")),
    },
]

def record_routes(client):
    """One call of every SDK method that maps to a stub route, in an order the replay can follow."""
    global RECORDING_CASES
    RECORDING_CASES = False
    model = "gemini-nano-banana-2.1"
    steps = []
    def step(name, call):
        start = len(routes)
        call()
        steps.append({"name": name, "requests": routes[start:]})
    step("models.list", lambda: list(client.models.list(config=types.ListModelsConfig(page_size=1))))
    step("models.generate_content", lambda: client.models.generate_content(
        model=model, contents=["A fox."], config=types.GenerateContentConfig(
            image_config=types.ImageConfig(aspect_ratio="1:8", image_size="2K"))))
    step("files.upload", lambda: client.files.upload(
        file=io.BytesIO(PNG), config=types.UploadFileConfig(mime_type="image/png", display_name="fox")))
    step("files.get", lambda: client.files.get(name="files/sdkfile1"))
    step("files.list", lambda: list(client.files.list(config=types.ListFilesConfig(page_size=10))))
    step("batches.create.inline", lambda: client.batches.create(
        model=model, src=[{"contents": [{"parts": [{"text": "A fox."}], "role": "user"}],
                           "config": {"image_config": {"aspect_ratio": "16:9", "image_size": "1K"}}}],
        config=types.CreateBatchJobConfig(display_name="sdk-inline")))
    line = json.dumps({"key": "fox", "request": {"contents": [{"parts": [{"text": "A fox."}], "role": "user"}]}})
    step("files.upload.jsonl", lambda: client.files.upload(
        file=io.BytesIO((line + "\n").encode()), config=types.UploadFileConfig(mime_type="application/jsonl")))
    step("batches.create.file", lambda: client.batches.create(
        model=model, src="files/sdkfile2", config=types.CreateBatchJobConfig(display_name="sdk-file")))
    step("batches.get", lambda: client.batches.get(name="batches/sdkbatch2"))
    step("batches.list", lambda: list(client.batches.list(config=types.ListBatchJobsConfig(page_size=10))))
    step("files.download", lambda: client.files.download(file="files/sdkresults1"))
    step("batches.cancel", lambda: client.batches.cancel(name="batches/sdkbatch1"))
    step("files.delete", lambda: client.files.delete(name="files/sdkfile1"))
    return steps

def main():
    global SERVER
    server = HTTPServer(("127.0.0.1", 0), Capture)
    SERVER = server
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = genai.Client(api_key="recording-key", http_options=types.HttpOptions(base_url=f"http://127.0.0.1:{server.server_port}"))
    images = {"png": types.Part.from_bytes(data=PNG, mime_type="image/png"), "jpeg": types.Part.from_bytes(data=JPEG, mime_type="image/jpeg")}
    out = []
    for case in CASES:
        captured.clear()
        client.models.generate_content(model=case["model"], contents=[case["prompt"]] + [images[r] for r in case["references"]], config=case["sdk"])
        out.append({"name": case["name"], "model": case["model"], "prompt": case["prompt"], "references": case["references"],
                    "config": case["config"], "path": captured[0]["path"], "body": captured[0]["body"]})
    fixture = {"sdk": "google-genai " + genai.__version__, "png": base64.b64encode(PNG).decode(), "jpeg": base64.b64encode(JPEG).decode(), "cases": out}
    folder = os.path.join(os.path.dirname(__file__), "..", "Tests", "AssetProvidersTests", "Fixtures")
    target = os.path.join(folder, "sdk-requests.json")
    with open(target, "w") as f:
        json.dump(fixture, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"recorded {len(out)} requests from google-genai {genai.__version__} into {os.path.normpath(target)}")
    steps = record_routes(client)
    target = os.path.join(folder, "sdk-routes.json")
    with open(target, "w") as f:
        json.dump({"sdk": "google-genai " + genai.__version__, "steps": steps}, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"recorded {sum(len(s['requests']) for s in steps)} requests of {len(steps)} SDK calls into {os.path.normpath(target)}")

main()
