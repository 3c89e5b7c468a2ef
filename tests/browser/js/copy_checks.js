// Checks of COPY tiles (docs/protocol.md, "Copied rectangles") on the console's real canvas,
// run inside chromium by tests/browser/test_console_js.py: page.evaluate(<this file>, consoleBaseUrl).
// Returns {name: {ok: boolean, detail: any}} for every check.
async (base) => {
  const { ScreenView } = await import(`${base}js/screen_view.js`);
  const { FrameParser } = await import(`${base}js/frame_parser.js`);
  const { ZlibRgbDecoder } = await import(`${base}js/decoders/zlib_rgb_decoder.js`);
  const { SolidDecoder } = await import(`${base}js/decoders/solid_decoder.js`);
  const { CopyDecoder } = await import(`${base}js/decoders/copy_decoder.js`);

  const ZLIB_RGB = 2;
  const SOLID = 3;
  const COPY = 6;

  // A parsed frame, packed by hand as docs/protocol.md lays it out.
  const frameOf = ({ seq, width, height, keyframe, tiles }) => {
    const size = 34 + tiles.reduce((n, t) => n + 13 + t.data.length, 0);
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    bytes.set([0x46, 0x48, 0x46, 0x31], 0);
    view.setUint32(4, seq);
    view.setUint16(26, width);
    view.setUint16(28, height);
    view.setUint16(30, keyframe ? 1 : 0);
    view.setUint16(32, tiles.length);
    let offset = 34;
    for (const t of tiles) {
      [t.x, t.y, t.w, t.h].forEach((value, i) => view.setUint16(offset + 2 * i, value));
      view.setUint8(offset + 8, t.encoding);
      view.setUint32(offset + 9, t.data.length);
      bytes.set(t.data, offset + 13);
      offset += 13 + t.data.length;
    }
    return FrameParser.parse(bytes.buffer);
  };
  const deflate = async (bytes) => new Uint8Array(
    await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer(),
  );
  const copyTile = (x, y, w, h, sourceX, sourceY) => ({
    x, y, w, h, encoding: COPY, data: [sourceX >> 8, sourceX & 255, sourceY >> 8, sourceY & 255],
  });
  const solidTile = (x, y, w, h, rgb) => ({ x, y, w, h, encoding: SOLID, data: rgb });

  // The picture the protocol asks for, worked out on a plain RGB array.
  class Model {
    constructor(width, height, rgb) {
      Object.assign(this, { width, height, rgb });
    }

    draw(tile) {
      const source = this.rgb.slice(); // copied out first
      for (let row = 0; row < tile.h; row += 1) {
        for (let column = 0; column < tile.w; column += 1) {
          const to = ((tile.y + row) * this.width + tile.x + column) * 3;
          if (tile.encoding === SOLID) {
            this.rgb.set(tile.data, to);
          } else {
            const sourceX = (tile.data[0] << 8) | tile.data[1];
            const sourceY = (tile.data[2] << 8) | tile.data[3];
            const from = ((sourceY + row) * this.width + sourceX + column) * 3;
            this.rgb.set(source.subarray(from, from + 3), to);
          }
        }
      }
    }
  }

  const rgbOf = (canvas) => {
    const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    return rgba.filter((_, i) => i % 4 !== 3);
  };
  const firstDifference = (got, want) => {
    for (let i = 0; i < want.length; i += 1) {
      if (got[i] !== want[i]) return { pixel: Math.floor(i / 3), got: got[i], want: want[i] };
    }
    return got.length === want.length ? null : { lengths: [got.length, want.length] };
  };
  const viewOf = () => new ScreenView(document.createElement('div'), [
    new ZlibRgbDecoder(), new SolidDecoder(), new CopyDecoder(),
  ]);

  const results = {};
  const check = async (name, body) => {
    try {
      const detail = await body();
      results[name] = { ok: detail === true || detail?.ok === true, detail };
    } catch (error) {
      results[name] = { ok: false, detail: String(error && error.stack || error) };
    }
  };

  await check('overlapping COPY tiles scroll a large picture up, down, left and right exactly', async () => {
    const width = 640;
    const height = 360;
    const start = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        start.set([x & 255, (y * 3 + (x >> 8)) & 255, (x * 7 + y * 13) & 255], (y * width + x) * 3);
      }
    }
    const model = new Model(width, height, start.slice());
    const screen = viewOf();
    try {
      await screen.drawFrame(frameOf({
        seq: 1, width, height, keyframe: true,
        tiles: [{ x: 0, y: 0, w: width, h: height, encoding: ZLIB_RGB, data: await deflate(start) }],
      }));
      const scrolls = {
        up: [copyTile(0, 0, width, height - 1, 0, 1), solidTile(0, height - 1, width, 1, [1, 2, 3])],
        down: [copyTile(0, 2, width, height - 2, 0, 0), solidTile(0, 0, width, 2, [4, 5, 6])],
        left: [copyTile(0, 0, width - 3, height, 3, 0), solidTile(width - 3, 0, 3, height, [7, 8, 9])],
        right: [copyTile(1, 0, width - 1, height, 0, 0), solidTile(0, 0, 1, height, [10, 11, 12])],
      };
      const differences = {};
      let seq = 1;
      for (const [direction, tiles] of Object.entries(scrolls)) {
        seq += 1;
        const { skipped } = await screen.drawFrame(frameOf({ seq, width, height, keyframe: false, tiles }));
        tiles.forEach((tile) => model.draw(tile));
        differences[direction] = skipped ? 'skipped' : firstDifference(rgbOf(screen.canvas), model.rgb);
      }
      return { ok: Object.values(differences).every((d) => d === null), differences };
    } finally {
      screen.destroy();
    }
  });

  await check('a frame of COPY tiles alone is skipped after a gap until the next keyframe', async () => {
    const width = 4;
    const height = 3;
    const screen = viewOf();
    try {
      const red = [solidTile(0, 0, width, height, [200, 0, 0])];
      const blue = [solidTile(0, 0, width, height, [0, 0, 200])];
      const copies = [solidTile(0, 0, 2, 1, [0, 200, 0]), copyTile(2, 1, 2, 2, 0, 0)];
      const drawn = [];
      const frames = [
        { seq: 1, keyframe: true, tiles: red },
        { seq: 3, keyframe: false, tiles: [copyTile(0, 0, 2, 2, 1, 1)] },
        { seq: 4, keyframe: false, tiles: [copyTile(1, 1, 2, 2, 0, 0)] },
        { seq: 5, keyframe: true, tiles: blue },
        { seq: 6, keyframe: false, tiles: copies },
      ];
      const pictures = [];
      for (const frame of frames) {
        const { skipped } = await screen.drawFrame(frameOf({ width, height, ...frame }));
        drawn.push(!skipped);
        pictures.push(Array.from(rgbOf(screen.canvas)).join(','));
      }
      const model = new Model(width, height, new Uint8Array(width * height * 3));
      red.forEach((tile) => model.draw(tile));
      const afterRed = Array.from(model.rgb).join(',');
      blue.concat(copies).forEach((tile) => model.draw(tile));
      return {
        ok: drawn.join() === 'true,false,false,true,true'
          && pictures[1] === afterRed && pictures[2] === afterRed
          && pictures[4] === Array.from(model.rgb).join(','),
        drawn,
      };
    } finally {
      screen.destroy();
    }
  });

  return results;
}
