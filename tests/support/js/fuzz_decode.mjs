// Decodes fuzz inputs with the console's own codec under node, one JSON line in, one out:
// in  {"message": "<text>"} or {"frame": "<base64>"}
// out {"ok": true, "value": <decoded>} or {"ok": false}; anything but a ProtocolError is a crash.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const consoleDir = process.argv[2];
const { MessageCodec } = await import(pathToFileURL(`${consoleDir}/js/message_codec.js`));
const { FrameParser } = await import(pathToFileURL(`${consoleDir}/js/frame_parser.js`));
const { ProtocolError } = await import(pathToFileURL(`${consoleDir}/js/protocol_error.js`));

function frameMeaning(frame) {
  const { tiles, ...header } = frame;
  return { ...header, tiles: tiles.map(({ data, ...tile }) => ({ ...tile, length: data.byteLength })) };
}

const out = [];
for await (const line of createInterface({ input: process.stdin })) {
  const input = JSON.parse(line);
  try {
    const value = 'message' in input
      ? MessageCodec.decode(input.message)
      : frameMeaning(FrameParser.parse(Buffer.from(input.frame, 'base64')));
    out.push(JSON.stringify({ ok: true, value }));
  } catch (error) {
    if (!(error instanceof ProtocolError)) {
      out.push(JSON.stringify({ crash: String(error?.stack ?? error) }));
    } else {
      out.push('{"ok":false}');
    }
  }
  if (out.length >= 1000) process.stdout.write(out.splice(0).join('\n') + '\n');
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
