"""The console's JavaScript modules, loaded from the real server into chromium, checked directly.

- Golden vectors (tests/vectors): FrameParser, MessageCodec and the tile decoders must give
  the meaning expected.json states, as tests/protocol/test_vectors.py demands of the Python codec.
- The session core (SessionSocket) against a fake WebSocket: auth first, acks in order after
  drawing, refresh without a keyframe, malformed input dropped with close 4000, ending.
- COPY tiles on the console's real canvas: overlapping scrolls in every direction, and a frame
  of COPY tiles alone skipped after a gap in `seq` until the next keyframe.
- The input and control core: the keyboard split into `text` and `key` (dead keys, AltGr,
  shortcuts, modifiers held for clicks), pointer mapping, wheel notches, the tier and holder
  state, and the socket's remote-control and chat messages.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from protocol import Encoding
from protocol.messages import MESSAGE_TYPES

pytestmark = pytest.mark.browser

VECTORS = Path(__file__).resolve().parent.parent / "vectors"
EXPECTED: dict[str, Any] = json.loads((VECTORS / "expected.json").read_text(encoding="utf-8"))
SOCKET_CHECKS = (Path(__file__).resolve().parent / "js" / "session_socket_checks.js").read_text(
    encoding="utf-8"
)
INPUT_CHECKS = (Path(__file__).resolve().parent / "js" / "input_checks.js").read_text(encoding="utf-8")
COPY_CHECKS = (Path(__file__).resolve().parent / "js" / "copy_checks.js").read_text(encoding="utf-8")

DECODE_VECTORS = """
async ({ frames, messages, sequences }) => {
  const { FrameParser } = await import('/js/frame_parser.js');
  const { MessageCodec } = await import('/js/message_codec.js');
  const { JpegDecoder } = await import('/js/decoders/jpeg_decoder.js');
  const { ZlibRgbDecoder } = await import('/js/decoders/zlib_rgb_decoder.js');
  const { SolidDecoder } = await import('/js/decoders/solid_decoder.js');
  const { PaletteDecoder } = await import('/js/decoders/palette_decoder.js');
  const { TileStream } = await import('/js/tile_stream.js');
  const { Vp8Decoder } = await import('/js/decoders/vp8_decoder.js');
  const { CopyDecoder } = await import('/js/decoders/copy_decoder.js');
  const { ScreenView } = await import('/js/screen_view.js');
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const pixelsOf = (bitmap) => {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  };
  const rgbOf = (rgba) => rgba.filter((_, i) => i % 4 !== 3);
  const meanOf = (bitmap) => {
    const rgba = pixelsOf(bitmap);
    bitmap.close();
    const sums = [0, 0, 0];
    for (let i = 0; i < rgba.length; i += 4) for (let c = 0; c < 3; c += 1) sums[c] += rgba[i + c];
    return sums.map((s) => s / (rgba.length / 4));
  };
  const failure = (error) => ({ ok: false, error: `${error.name}: ${error.message}` });

  const frameResults = {};
  for (const [file, data] of Object.entries(frames)) {
    let frame;
    try {
      frame = FrameParser.parse(fromBase64(data).buffer);
    } catch (error) {
      frameResults[file] = failure(error);
      continue;
    }
    const tiles = [];
    // A frame's own stream: only a keyframe's PALETTE tiles decode on their own.
    const palettes = new PaletteDecoder(new TileStream());
    const follows = palettes.beginFrame(frame);
    const video = new Vp8Decoder(); // likewise: only a keyframe's VP8 chunk decodes on its own
    video.beginFrame(frame);
    for (const tile of frame.tiles) {
      const meaning = {
        x: tile.x, y: tile.y, width: tile.width, height: tile.height, encoding: tile.encoding,
        data_hex: hex(tile.data),
      };
      if (tile.encoding === 3 || (tile.encoding === 4 && follows)) {
        try {
          const image = await (tile.encoding === 3 ? new SolidDecoder() : palettes).decode(tile);
          meaning.rgb_hex = hex(rgbOf(image.data));
          meaning.opaque = image.data.every((v, i) => i % 4 !== 3 || v === 255);
        } catch (error) {
          meaning.error = `${error.name}: ${error.message}`;
        }
      } else if (tile.encoding === 4) {
        // continues a stream this frame alone does not have
      } else if (tile.encoding === 6) {
        const copied = await new CopyDecoder().decode(tile); // drawn only onto a picture: see sequences
        meaning.copy_from = [copied.sourceX, copied.sourceY];
      } else if (tile.encoding === 5) {
        if (frame.keyframe) meaning.mean_rgb = meanOf(await video.decode(tile));
      } else if (tile.encoding === 2) {
        const image = await new ZlibRgbDecoder().decode(tile);
        meaning.rgb_hex = hex(rgbOf(image.data));
        meaning.opaque = image.data.every((v, i) => i % 4 !== 3 || v === 255);
      } else {
        meaning.mean_rgb = meanOf(await new JpegDecoder().decode(tile));
      }
      tiles.push(meaning);
    }
    frameResults[file] = {
      ok: true,
      frame: {
        seq: frame.seq, captured_ms: frame.capturedMs, monitor: frame.monitor,
        monitor_x: frame.monitorX, monitor_y: frame.monitorY,
        monitor_width: frame.monitorWidth, monitor_height: frame.monitorHeight,
        flags: frame.flags, keyframe: frame.keyframe, tiles,
      },
    };
  }

  // Sequences go through the console's own ScreenView: its skipping, decoding and painting.
  const sequenceResults = [];
  for (const sequence of sequences) {
    const decoders = [
      new JpegDecoder(), new ZlibRgbDecoder(), new SolidDecoder(), new PaletteDecoder(new TileStream()),
      new Vp8Decoder(), new CopyDecoder(),
    ];
    const screen = new ScreenView(document.createElement('div'), decoders);
    const drawn = [];
    try {
      for (const file of sequence.files) {
        const { skipped } = await screen.drawFrame(FrameParser.parse(fromBase64(frames[file]).buffer));
        drawn.push(!skipped);
      }
      const { canvas } = screen;
      const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      sequenceResults.push({ ok: true, drawn, rgb_hex: hex(rgbOf(rgba)) });
    } catch (error) {
      sequenceResults.push(failure(error));
    } finally {
      screen.destroy();
    }
  }

  const messageResults = {};
  for (const [file, text] of Object.entries(messages)) {
    try {
      messageResults[file] = { ok: true, message: MessageCodec.decode(text) };
    } catch (error) {
      messageResults[file] = failure(error);
    }
  }
  const types = MessageCodec.types;
  return { frames: frameResults, messages: messageResults, sequences: sequenceResults, types };
}
"""


@pytest.fixture(scope="module")
def decoded(browser: Any, console_server: Any) -> dict[str, Any]:
    """Every vector, decoded once by the console's modules in one page."""
    context = browser.new_context(base_url=console_server.url)
    try:
        page = context.new_page()
        page.goto("/")
        frames = {
            entry["file"]: base64.b64encode((VECTORS / entry["file"]).read_bytes()).decode("ascii")
            for entry in EXPECTED["frames"]
        }
        messages = {
            entry["file"]: (VECTORS / entry["file"]).read_text(encoding="utf-8")
            for entry in EXPECTED["messages"]
        }
        result = page.evaluate(
            DECODE_VECTORS, {"frames": frames, "messages": messages, "sequences": EXPECTED["sequences"]}
        )
    finally:
        context.close()
    assert isinstance(result, dict)
    return result


@pytest.mark.parametrize(
    ("index", "entry"), list(enumerate(EXPECTED["sequences"])), ids=[s["note"] for s in EXPECTED["sequences"]]
)
def test_sequence_vector(decoded: dict[str, Any], index: int, entry: dict[str, Any]):
    got = decoded["sequences"][index]
    if not entry["valid"]:
        assert got["ok"] is False
        assert got["error"].startswith("ProtocolError:")
        return
    assert got == {"ok": True, "drawn": entry["drawn"], "rgb_hex": entry["rgb_hex"]}


@pytest.mark.parametrize("entry", EXPECTED["frames"], ids=lambda e: e["file"])
def test_frame_vector(decoded: dict[str, Any], entry: dict[str, Any]):
    got = decoded["frames"][entry["file"]]
    if not entry["valid"]:
        assert got["ok"] is False
        assert got["error"].startswith("ProtocolError:")
        return
    assert got["ok"] is True, got
    expected = entry["frame"]
    assert {k: v for k, v in got["frame"].items() if k != "tiles"} == {
        k: v for k, v in expected.items() if k != "tiles"
    }
    assert len(got["frame"]["tiles"]) == len(expected["tiles"])
    for tile, want in zip(got["frame"]["tiles"], expected["tiles"], strict=True):
        for key in ("x", "y", "width", "height", "encoding", "data_hex"):
            assert tile[key] == want[key], key
        if "rgb_hex" in want:
            assert tile.get("rgb_hex") == want["rgb_hex"], tile  # lossless: exact
            assert tile["opaque"] is True
        if want["encoding"] == Encoding.COPY:
            assert tile["copy_from"] == [int(want["data_hex"][:4], 16), int(want["data_hex"][4:], 16)]
        if "approx_rgb" in want:
            mean = tile["mean_rgb"]
            assert all(abs(a - b) <= 4 for a, b in zip(mean, want["approx_rgb"], strict=True)), mean


def test_the_console_codec_knows_exactly_the_python_message_types(decoded: dict[str, Any]):
    assert sorted(decoded["types"]) == sorted(MESSAGE_TYPES)


@pytest.mark.parametrize("entry", EXPECTED["messages"], ids=lambda e: e["file"])
def test_message_vector(decoded: dict[str, Any], entry: dict[str, Any]):
    got = decoded["messages"][entry["file"]]
    if entry["valid"]:
        assert got == {"ok": True, "message": entry["message"]}
    else:
        assert got["ok"] is False
        assert got["error"].startswith("ProtocolError:")


def failed_checks(page: Page, checks: str, at_least: int) -> dict[str, Any]:
    """Run a script of named checks (tests/browser/js) in the console's page: the details of those
    that failed, once it is clear that at least `at_least` ran."""
    page.goto("/")
    base = page.evaluate("() => new URL('.', location.href).href")
    results = page.evaluate(checks, base)
    assert isinstance(results, dict) and len(results) >= at_least
    return {name: result["detail"] for name, result in results.items() if not result["ok"]}


def test_the_session_core_follows_the_protocol(page: Page):
    assert failed_checks(page, SOCKET_CHECKS, at_least=10) == {}


def test_the_input_and_control_core(page: Page):
    assert failed_checks(page, INPUT_CHECKS, at_least=15) == {}


def test_copy_tiles_scroll_the_real_canvas_and_wait_for_a_keyframe_after_a_gap(page: Page):
    assert failed_checks(page, COPY_CHECKS, at_least=2) == {}
