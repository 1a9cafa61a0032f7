#!/usr/bin/env python3
"""Records the exact generateContent bodies Google's official Python SDK (google-genai) sends for the
configurations generate-assets supports, into Tests/AssetProvidersTests/Fixtures/sdk-requests.json.
The Swift tests send the same configurations through the real client and compare.

    python3 -m venv /tmp/sdk && /tmp/sdk/bin/pip install google-genai && /tmp/sdk/bin/python Scripts/record-sdk-requests.py
"""
import base64, json, os, struct, threading, zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
from google import genai
from google.genai import types

captured = []

class Capture(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        captured.append({"path": self.path, "body": json.loads(body)})
        answer = json.dumps({"candidates": [{"content": {"role": "model", "parts": [{"text": "ok"}]}, "finishReason": "STOP"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass

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

def main():
    server = HTTPServer(("127.0.0.1", 0), Capture)
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
    target = os.path.join(os.path.dirname(__file__), "..", "Tests", "AssetProvidersTests", "Fixtures", "sdk-requests.json")
    with open(target, "w") as f:
        json.dump(fixture, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"recorded {len(out)} requests from google-genai {genai.__version__} into {os.path.normpath(target)}")

main()
