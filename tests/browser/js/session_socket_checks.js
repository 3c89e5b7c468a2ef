// Checks of the console's session core (SessionSocket) against a fake WebSocket, run inside
// chromium by tests/browser/test_console_js.py: page.evaluate(<this file>, consoleBaseUrl).
// Returns {name: {ok: boolean, detail: any}} for every check.
async (base) => {
  const { SessionSocket } = await import(`${base}js/session_socket.js`);
  const { ScreenView } = await import(`${base}js/screen_view.js`);
  const { ZlibRgbDecoder } = await import(`${base}js/decoders/zlib_rgb_decoder.js`);
  const { JpegDecoder } = await import(`${base}js/decoders/jpeg_decoder.js`);

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (condition, ms = 3000) => {
    const start = performance.now();
    while (!condition()) {
      if (performance.now() - start > ms) return false;
      await sleep(5);
    }
    return true;
  };

  class FakeWebSocket extends EventTarget {
    static OPEN = 1;
    static last = null;
    constructor(url) {
      super();
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      this.closedWith = null;
      FakeWebSocket.last = this;
    }
    open() {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    }
    receive(data) {
      this.dispatchEvent(new MessageEvent('message', { data }));
    }
    send(data) {
      if (this.readyState !== 1) throw new Error('send on a closed socket');
      this.sent.push(JSON.parse(data));
    }
    close(code, reason) {
      this.closedWith = { code, reason };
      this.readyState = 3;
      setTimeout(() => this.dispatchEvent(new CloseEvent('close', { code: code ?? 1005, reason: reason ?? '' })), 0);
    }
    types() {
      return this.sent.map((m) => m.type);
    }
  }

  // A binary frame, packed by hand as docs/protocol.md lays it out.
  const frameBytes = ({ seq, width = 4, height = 2, flags = 1, monitor = 0, tiles = [] }) => {
    const size = 34 + tiles.reduce((n, t) => n + 13 + t.data.length, 0);
    const buffer = new ArrayBuffer(size);
    const view = new DataView(buffer);
    const bytes = new Uint8Array(buffer);
    bytes.set([0x46, 0x48, 0x46, 0x31], 0);
    view.setUint32(4, seq);
    view.setBigUint64(8, 1700000000000n);
    view.setUint16(16, monitor);
    view.setUint16(26, width);
    view.setUint16(28, height);
    view.setUint16(30, flags);
    view.setUint16(32, tiles.length);
    let offset = 34;
    for (const t of tiles) {
      view.setUint16(offset, t.x);
      view.setUint16(offset + 2, t.y);
      view.setUint16(offset + 4, t.w);
      view.setUint16(offset + 6, t.h);
      view.setUint8(offset + 8, t.encoding);
      view.setUint32(offset + 9, t.data.length);
      bytes.set(t.data, offset + 13);
      offset += 13 + t.data.length;
    }
    return buffer;
  };

  const deflate = async (bytes) => new Uint8Array(
    await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer(),
  );

  const sessionMessage = (state) => JSON.stringify({
    type: 'session', session_id: 's1', number: '123456789', state, expires_at: '2030-01-01T00:00:00+00:00',
  });

  // A renderer that records when each frame finished drawing; earlier frames draw slower.
  const recordingRenderer = (log) => ({
    async drawFrame(frame) {
      await sleep(frame.seq === 5 ? 80 : 5);
      log.push(`drawn ${frame.seq}`);
      return { resized: false };
    },
  });

  const attach = ({ renderer, state = 'active', keyframeWaitMs = 5000 }) => {
    const socket = new SessionSocket({
      url: 'wss://example.invalid/ws/expert', token: 'tok', sessionId: 's1', renderer, keyframeWaitMs,
      WebSocketImpl: FakeWebSocket,
    });
    const events = [];
    for (const type of ['session', 'customerjoined', 'tierstate', 'screeninfo', 'framedrawn', 'end', 'close']) {
      socket.addEventListener(type, (e) => events.push({ type, detail: e.detail }));
    }
    socket.connect();
    const ws = FakeWebSocket.last;
    ws.open();
    if (state) ws.receive(sessionMessage(state));
    return { socket, ws, events };
  };

  const results = {};
  const check = async (name, body) => {
    try {
      const detail = await body();
      results[name] = { ok: detail === true || detail?.ok === true, detail };
    } catch (error) {
      results[name] = { ok: false, detail: String(error && error.stack || error) };
    }
  };

  await check('auth is the first message', async () => {
    const { ws } = attach({ renderer: recordingRenderer([]), state: null });
    const first = ws.sent[0];
    return {
      ok: ws.sent.length === 1 && first.type === 'auth' && first.protocol === 1 && first.token === 'tok'
        && first.session_id === 's1',
      sent: ws.sent,
    };
  });

  await check('frames are acknowledged in order, each after it is drawn', async () => {
    const log = [];
    const { ws } = attach({ renderer: recordingRenderer(log) });
    const originalSend = ws.send.bind(ws);
    ws.send = (data) => {
      const message = JSON.parse(data);
      if (message.type === 'frame_ack') log.push(`ack ${message.seq}`);
      originalSend(data);
    };
    ws.receive(frameBytes({ seq: 5 }));
    ws.receive(frameBytes({ seq: 6 }));
    await until(() => log.length === 4);
    return { ok: log.join(',') === 'drawn 5,ack 5,drawn 6,ack 6', log };
  });

  await check('refresh is sent when no keyframe arrives, and stops after one', async () => {
    const { ws } = attach({ renderer: recordingRenderer([]), keyframeWaitMs: 60 });
    const asked = await until(() => ws.types().includes('refresh'), 2000);
    ws.receive(frameBytes({ seq: 1, flags: 1 }));
    await until(() => ws.types().includes('frame_ack'));
    const count = ws.types().filter((t) => t === 'refresh').length;
    await sleep(300);
    const later = ws.types().filter((t) => t === 'refresh').length;
    return { ok: asked && later === count, count, later, types: ws.types() };
  });

  await check('a delta frame before any keyframe asks for a refresh', async () => {
    const { ws } = attach({ renderer: recordingRenderer([]), keyframeWaitMs: 60000 });
    ws.receive(frameBytes({ seq: 1, flags: 0 }));
    const asked = await until(() => ws.types().includes('refresh'));
    return { ok: asked, types: ws.types() };
  });

  await check('a malformed frame drops the stream with error bad_message and close 4000', async () => {
    const log = [];
    const { ws, events } = attach({ renderer: recordingRenderer(log) });
    const bad = new Uint8Array(frameBytes({ seq: 1 }));
    bad[3] = 0x32; // "FHF2"
    ws.receive(bad.buffer);
    ws.receive(frameBytes({ seq: 2 }));
    await until(() => events.some((e) => e.type === 'close'));
    await sleep(50);
    const error = ws.sent.find((m) => m.type === 'error');
    return {
      ok: error?.code === 'bad_message' && ws.closedWith?.code === 4000 && log.length === 0
        && !ws.types().includes('frame_ack'),
      sent: ws.sent, closedWith: ws.closedWith, log,
    };
  });

  await check('a tile that does not decode drops the stream with close 4000', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const screen = new ScreenView(host, [new JpegDecoder(), new ZlibRgbDecoder()]);
    const { ws, events } = attach({ renderer: screen });
    // 2x2 RGB needs 12 bytes; this stream inflates to 11.
    const short = await deflate(new Uint8Array(11));
    ws.receive(frameBytes({ seq: 1, width: 2, height: 2, tiles: [{ x: 0, y: 0, w: 2, h: 2, encoding: 2, data: short }] }));
    await until(() => events.some((e) => e.type === 'close'));
    screen.destroy();
    host.remove();
    return {
      ok: ws.closedWith?.code === 4000 && ws.sent.some((m) => m.type === 'error' && m.code === 'bad_message')
        && !ws.types().includes('frame_ack'),
      sent: ws.sent, closedWith: ws.closedWith,
    };
  });

  await check('a zlib tile that inflates past w*h*3 is refused', async () => {
    const big = await deflate(new Uint8Array(1 << 20));
    try {
      await new ZlibRgbDecoder().decode({ width: 2, height: 2, data: big });
      return { ok: false, detail: 'decoded' };
    } catch (error) {
      return { ok: error.name === 'ProtocolError', detail: error.message };
    }
  });

  await check('an invalid control message drops the stream with close 4000', async () => {
    const { ws } = attach({ renderer: recordingRenderer([]) });
    ws.receive('{"type":"tier_state","tier":1,"state":"granted","extra":1}');
    await sleep(20);
    return {
      ok: ws.closedWith?.code === 4000 && ws.sent.some((m) => m.type === 'error' && m.code === 'bad_message'),
      sent: ws.sent,
    };
  });

  await check('a valid message not meant for the console is ignored', async () => {
    const { ws } = attach({ renderer: recordingRenderer([]) });
    ws.receive('{"type":"hello","protocol":1,"number":"123456789","client":"x"}');
    await sleep(20);
    return { ok: ws.closedWith === null, sent: ws.sent };
  });

  await check('the customer ending is reported with who and why', async () => {
    const { ws, events } = attach({ renderer: recordingRenderer([]) });
    ws.receive('{"type":"end","reason":"customer_ended","by":"customer"}');
    const end = events.find((e) => e.type === 'end');
    return { ok: end?.detail.by === 'customer' && end?.detail.reason === 'customer_ended', events };
  });

  await check('frames after end are not drawn or acknowledged', async () => {
    const log = [];
    const { ws } = attach({ renderer: recordingRenderer(log) });
    ws.receive('{"type":"end","reason":"customer_ended","by":"customer"}');
    ws.receive(frameBytes({ seq: 9 }));
    await sleep(50);
    return { ok: log.length === 0 && !ws.types().includes('frame_ack'), log };
  });

  await check('ending sends end expert_ended and closes 1000', async () => {
    const { socket, ws, events } = attach({ renderer: recordingRenderer([]) });
    socket.endSession();
    const end = ws.sent.find((m) => m.type === 'end');
    return {
      ok: end?.reason === 'expert_ended' && ws.closedWith?.code === 1000
        && events.some((e) => e.type === 'end' && e.detail.by === 'expert'),
      sent: ws.sent, closedWith: ws.closedWith,
    };
  });

  await check('events relay joined, tier state and screen info', async () => {
    const { ws, events } = attach({ renderer: recordingRenderer([]), state: 'waiting' });
    ws.receive('{"type":"customer_joined","client":"Fernhilfe/1.0"}');
    ws.receive('{"type":"tier_state","tier":1,"state":"granted"}');
    ws.receive('{"type":"screen_info","monitors":[{"id":0,"x":0,"y":0,"width":4,"height":2,"scale":1,"primary":true}]}');
    const types = events.map((e) => e.type);
    return { ok: types.join(',') === 'session,customerjoined,tierstate,screeninfo', types };
  });

  return results;
}
