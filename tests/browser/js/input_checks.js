// Checks of the console's input and control core (KeyboardTranslator, PointerMapper,
// WheelAccumulator, ControlState, SessionSocket's new messages), run inside chromium by
// tests/browser/test_console_js.py: page.evaluate(<this file>, consoleBaseUrl).
// Returns {name: {ok: boolean, detail: any}} for every check.
async (base) => {
  const { KeyboardTranslator } = await import(`${base}js/keyboard_translator.js`);
  const { PointerMapper } = await import(`${base}js/pointer_mapper.js`);
  const { WheelAccumulator } = await import(`${base}js/wheel_accumulator.js`);
  const { ControlState } = await import(`${base}js/control_state.js`);
  const { SessionSocket } = await import(`${base}js/session_socket.js`);
  const { MessageCodec } = await import(`${base}js/message_codec.js`);
  const { ScreenView } = await import(`${base}js/screen_view.js`);

  const results = {};
  const check = async (name, body) => {
    try {
      const detail = await body();
      results[name] = { ok: detail === true || detail?.ok === true, detail };
    } catch (error) {
      results[name] = { ok: false, detail: String(error && error.stack || error) };
    }
  };
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  // A keyboard event as the browser would give it; `altGraph` is getModifierState('AltGraph').
  const key = (type, keyValue, code, { shift = false, ctrl = false, alt = false, meta = false, altGraph = false, repeat = false, composing = false } = {}) => ({
    type, key: keyValue, code, repeat, isComposing: composing,
    shiftKey: shift, ctrlKey: ctrl, altKey: alt, metaKey: meta,
    getModifierState: (name) => name === 'AltGraph' && altGraph,
  });
  // Every message a translator's answers make valid `key` messages (the codec is the judge).
  const validKey = (message) => MessageCodec.problem('key', message) === null;

  await check('printable characters are typed text, also with Shift', async () => {
    const t = new KeyboardTranslator();
    const answers = [
      t.keydown(key('keydown', 'a', 'KeyA')),
      t.keydown(key('keydown', 'G', 'KeyG', { shift: true })),
      t.keydown(key('keydown', 'ü', 'BracketLeft')),
      t.keydown(key('keydown', ' ', 'Space')),
      t.keydown(key('keydown', '€', 'KeyE', { altGraph: true })),
    ];
    return { ok: answers.every((a) => a.action === 'text') && t.down.length === 0, answers };
  });

  await check('AltGr as Windows reports it (Ctrl+Alt+AltGraph) types text', async () => {
    const t = new KeyboardTranslator();
    const answer = t.keydown(key('keydown', '@', 'KeyQ', { ctrl: true, alt: true, altGraph: true }));
    return { ok: answer.action === 'text', answer };
  });

  await check('Ctrl+C is a key with the control modifier, down and up', async () => {
    const t = new KeyboardTranslator();
    const down = t.keydown(key('keydown', 'c', 'KeyC', { ctrl: true }));
    const up = t.keyup(key('keyup', 'c', 'KeyC', { ctrl: true }));
    return {
      ok: down.action === 'key' && same(down.message, { code: 'KeyC', down: true, modifiers: ['control'] })
        && same(up, [{ code: 'KeyC', down: false, modifiers: ['control'] }]) && validKey(down.message),
      down, up,
    };
  });

  await check('non-printable keys and shortcuts are keys with explicit modifiers', async () => {
    const t = new KeyboardTranslator();
    const cases = [
      [key('keydown', 'Enter', 'Enter'), []],
      [key('keydown', 'Tab', 'Tab', { shift: true }), ['shift']],
      [key('keydown', 'ArrowLeft', 'ArrowLeft', { ctrl: true, shift: true }), ['shift', 'control']],
      [key('keydown', 'F5', 'F5'), []],
      [key('keydown', 'Escape', 'Escape'), []],
      [key('keydown', 'Backspace', 'Backspace'), []],
      [key('keydown', 'f', 'KeyF', { alt: true }), ['alt']],
      [key('keydown', 's', 'KeyS', { meta: true }), ['meta']],
      [key('keydown', 'F4', 'F4', { alt: true }), ['alt']],
    ];
    const wrong = cases.map(([event, modifiers]) => [event.code, t.keydown(event), modifiers])
      .filter(([code, answer, modifiers]) => answer.action !== 'key' || answer.message.code !== code
        || !same(answer.message.modifiers, modifiers) || !validKey(answer.message));
    return { ok: wrong.length === 0, wrong };
  });

  await check('on macOS Option types characters; elsewhere Alt+letter is a shortcut', async () => {
    const mac = new KeyboardTranslator({ mac: true }).keydown(key('keydown', 'ƒ', 'KeyF', { alt: true }));
    const other = new KeyboardTranslator({ mac: false }).keydown(key('keydown', 'f', 'KeyF', { alt: true }));
    return { ok: mac.action === 'text' && other.action === 'key', mac, other };
  });

  await check('dead keys, composition and lone modifiers are never sent', async () => {
    const t = new KeyboardTranslator();
    const answers = [
      t.keydown(key('keydown', 'Dead', 'Equal')),
      t.keydown(key('keydown', 'Dead', 'BracketRight', { shift: true })),
      t.keydown(key('keydown', 'Process', 'KeyA')),
      t.keydown(key('keydown', 'a', 'KeyA', { composing: true })),
      t.keydown(key('keydown', 'Shift', 'ShiftLeft', { shift: true })),
      t.keydown(key('keydown', 'Control', 'ControlLeft', { ctrl: true })),
      t.keydown(key('keydown', 'AltGraph', 'AltRight', { altGraph: true })),
      t.keydown(key('keydown', 'CapsLock', 'CapsLock')),
    ];
    const ups = t.keyup(key('keyup', 'Dead', 'Equal'));
    return { ok: answers.every((a) => a.action === 'ignore') && ups.length === 0 && t.down.length === 0, answers };
  });

  await check('a key without a usable code is not sent', async () => {
    const t = new KeyboardTranslator();
    const answers = [t.keydown(key('keydown', 'Enter', '')), t.keydown(key('keydown', 'Unidentified', 'Key-1'))];
    return { ok: answers.every((a) => a.action === 'ignore'), answers };
  });

  await check('auto-repeat sends the key down again; one up ends it', async () => {
    const t = new KeyboardTranslator();
    const first = t.keydown(key('keydown', 'ArrowDown', 'ArrowDown'));
    const again = t.keydown(key('keydown', 'ArrowDown', 'ArrowDown', { repeat: true }));
    const up = t.keyup(key('keyup', 'ArrowDown', 'ArrowDown'));
    const upAgain = t.keyup(key('keyup', 'ArrowDown', 'ArrowDown'));
    return { ok: first.action === 'key' && again.action === 'key' && up.length === 1 && upAgain.length === 0 };
  });

  await check('letting go of Meta ends the keys pressed with it (macOS sends no keyup for them)', async () => {
    const t = new KeyboardTranslator({ mac: true });
    t.keydown(key('keydown', 'c', 'KeyC', { meta: true }));
    t.keydown(key('keydown', 'ArrowUp', 'ArrowUp'));
    const ups = t.keyup(key('keyup', 'Meta', 'MetaLeft'));
    return { ok: same(ups, [{ code: 'KeyC', down: false, modifiers: ['meta'] }]) && same(t.down, ['ArrowUp']), ups };
  });

  await check('releaseAll sends the up of every key still down, once', async () => {
    const t = new KeyboardTranslator();
    t.keydown(key('keydown', 'ArrowLeft', 'ArrowLeft', { ctrl: true }));
    t.keydown(key('keydown', 'Enter', 'Enter'));
    t.pointerModifiers({ shiftKey: true, ctrlKey: false, altKey: false, metaKey: false });
    const ups = t.releaseAll();
    const again = t.releaseAll();
    return {
      ok: same(ups, [
        { code: 'ArrowLeft', down: false, modifiers: ['control'] },
        { code: 'Enter', down: false, modifiers: [] },
        { code: 'ShiftLeft', down: false, modifiers: [] },
      ]) && again.length === 0,
      ups,
    };
  });

  await check('a click with Ctrl or Shift held presses the modifier key until it is let go', async () => {
    const t = new KeyboardTranslator();
    t.keydown(key('keydown', 'Shift', 'ShiftRight', { shift: true }));
    const press = t.pointerModifiers({ shiftKey: true, ctrlKey: true, altKey: false, metaKey: false });
    const again = t.pointerModifiers({ shiftKey: true, ctrlKey: true, altKey: false, metaKey: false });
    const letGo = t.keyup(key('keyup', 'Shift', 'ShiftRight'));
    const later = t.pointerModifiers({ shiftKey: false, ctrlKey: false, altKey: false, metaKey: false });
    return {
      ok: same(press, [{ code: 'ShiftRight', down: true, modifiers: [] }, { code: 'ControlLeft', down: true, modifiers: [] }])
        && again.length === 0
        && same(letGo, [{ code: 'ShiftRight', down: false, modifiers: [] }])
        && same(later, [{ code: 'ControlLeft', down: false, modifiers: [] }]),
      press, letGo, later,
    };
  });

  await check('typed text is cleaned and cut to what `text` may carry', async () => {
    const long = '😀'.repeat(300);
    const pieces = KeyboardTranslator.textFrom(long);
    const cleaned = KeyboardTranslator.textFrom('a\r\nb\rc\u0000\u001b\u007fd\te');
    const valid = [...pieces, ...cleaned].every((text) => MessageCodec.problem('text', { text }) === null);
    return {
      ok: pieces.length === 2 && [...pieces[0]].length === 256 && [...pieces[1]].length === 44
        && same(cleaned, ['a\nb\ncd\te']) && KeyboardTranslator.textFrom('\u0007').length === 0 && valid,
      cleaned,
    };
  });

  await check('pointer mapping scales, clamps and ignores the monitor origin', async () => {
    const rect = { left: 100, top: 50, width: 960, height: 540 }; // 1920x1080 at half size
    const cases = [
      [PointerMapper.map(100, 50, rect, 1920, 1080), { x: 0, y: 0, inside: true }],
      [PointerMapper.map(580, 320, rect, 1920, 1080), { x: 960, y: 540, inside: true }],
      [PointerMapper.map(100.7, 50.2, rect, 1920, 1080), { x: 1, y: 0, inside: true }],
      [PointerMapper.map(1059.9, 589.9, rect, 1920, 1080), { x: 1919, y: 1079, inside: true }],
      [PointerMapper.map(1060, 590, rect, 1920, 1080), { x: 1919, y: 1079, inside: false }],
      [PointerMapper.map(20, -30, rect, 1920, 1080), { x: 0, y: 0, inside: false }],
      [PointerMapper.map(5, 5, { left: 0, top: 0, width: 0, height: 0 }, 1920, 1080), { x: 0, y: 0, inside: false }],
    ];
    const wrong = cases.filter(([got, want]) => !same(got, want));
    return { ok: wrong.length === 0, wrong };
  });

  await check('wheel deltas become notches in every delta mode', async () => {
    const w = new WheelAccumulator();
    w.add(0, 100, 0);
    const pixel = w.take();
    w.add(0, -3, 1);
    const line = w.take();
    w.add(1, 0, 2);
    const page = w.take();
    w.add(0, 40, 0);
    const partial = w.take();
    w.add(0, 60, 0);
    const completed = w.take();
    w.add(0, 50, 0);
    w.add(0, -250, 0);
    const turned = w.take();
    w.add(0, 1e6, 0);
    const fling = w.take();
    const after = w.take();
    return {
      ok: same(pixel, { dx: 0, dy: 1 }) && same(line, { dx: 0, dy: -1 }) && same(page, { dx: 3, dy: 0 })
        && same(partial, { dx: 0, dy: 0 }) && same(completed, { dx: 0, dy: 1 })
        && same(turned, { dx: 0, dy: -2 }) && same(fling, { dx: 0, dy: 100 }) && same(after, { dx: 0, dy: 0 }),
      pixel, line, page, partial, completed, turned, fling, after,
    };
  });

  await check('control state: ask, grant, yield, resume, release', async () => {
    const s = new ControlState();
    const seen = [];
    s.addEventListener('change', () => seen.push(s.controlStatus));
    const before = s.canAsk(2);
    s.applyTierState({ tier: 1, state: 'granted' });
    const canAsk = s.canAsk(2);
    s.asked(2);
    const asking = s.controlStatus;
    s.applyTierState({ tier: 2, state: 'requested' });
    s.applyTierState({ tier: 2, state: 'granted' });
    const grantedInput = s.expertHasInput;
    s.applyControl({ holder: 'customer' });
    const yielded = [s.controlStatus, s.expertHasInput];
    s.applyControl({ holder: 'expert' });
    s.released(2);
    const releasing = [s.controlStatus, s.expertHasInput];
    s.applyTierState({ tier: 2, state: 'revoked' });
    return {
      ok: before === false && canAsk && asking === 'asking' && grantedInput
        && same(yielded, ['customer', false]) && same(releasing, ['releasing', false])
        && s.controlStatus === 'released' && s.canAsk(2) && s.holder === null,
      seen,
    };
  });

  await check('control state: refused, taken back, and view revoked', async () => {
    const s = new ControlState();
    s.applyTierState({ tier: 1, state: 'granted' });
    s.applyTierState({ tier: 2, state: 'requested' });
    s.applyTierState({ tier: 2, state: 'denied' });
    const denied = s.controlStatus;
    s.applyTierState({ tier: 2, state: 'granted' });
    s.applyTierState({ tier: 2, state: 'revoked' });
    const revoked = s.controlStatus;
    s.applyTierState({ tier: 2, state: 'granted' });
    s.applyTierState({ tier: 1, state: 'revoked' });
    s.applyTierState({ tier: 2, state: 'revoked' });
    return {
      ok: denied === 'denied' && revoked === 'revoked' && !s.canAsk(2) && !s.expertHasInput,
      denied, revoked,
    };
  });

  await check('the session socket relays control and chat, and sends the new messages', async () => {
    class FakeWebSocket extends EventTarget {
      static OPEN = 1;
      static last = null;
      constructor() {
        super();
        this.readyState = 0;
        this.sent = [];
        FakeWebSocket.last = this;
      }
      send(data) { this.sent.push(JSON.parse(data)); }
      close() { this.readyState = 3; }
    }
    const socket = new SessionSocket({
      url: 'wss://example.invalid/ws/expert', token: 't', sessionId: 's1',
      renderer: { drawFrame: async () => ({ resized: false }) }, WebSocketImpl: FakeWebSocket,
    });
    const events = [];
    for (const type of ['control', 'chat']) socket.addEventListener(type, (e) => events.push([type, e.detail]));
    socket.connect();
    const ws = FakeWebSocket.last;
    const early = socket.requestTier(2); // not attached yet: nothing goes out
    ws.readyState = 1;
    ws.dispatchEvent(new Event('open'));
    ws.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({
      type: 'session', session_id: 's1', number: '123456789', state: 'active', expires_at: '2030-01-01T00:00:00Z',
    }) }));
    ws.dispatchEvent(new MessageEvent('message', { data: '{"type":"control","holder":"customer"}' }));
    ws.dispatchEvent(new MessageEvent('message', { data: '{"type":"chat","text":"<b>hi</b>","at":"2025-11-24T16:20:00Z"}' }));
    socket.requestTier(2);
    socket.selectMonitor(1);
    socket.sendInput('pointer_move', { monitor: 1, x: 5, y: 6 });
    socket.sendInput('key', { code: 'KeyC', down: true, modifiers: ['control'] });
    socket.sendChat('Hallo');
    socket.releaseTier(2);
    let refused = false;
    try {
      socket.sendInput('chat', { text: 'x' });
    } catch {
      refused = true;
    }
    const sent = ws.sent.slice(1);
    return {
      ok: early === false && refused
        && same(events, [['control', { type: 'control', holder: 'customer' }],
          ['chat', { type: 'chat', text: '<b>hi</b>', by: 'customer', at: '2025-11-24T16:20:00Z' }]])
        && same(sent, [
          { type: 'tier_request', tier: 2 },
          { type: 'select_monitor', monitor: 1 },
          { type: 'pointer_move', monitor: 1, x: 5, y: 6 },
          { type: 'key', code: 'KeyC', down: true, modifiers: ['control'] },
          { type: 'chat', text: 'Hallo', by: 'expert', at: '' },
          { type: 'tier_release', tier: 2 },
        ]),
      events, sent,
    };
  });

  await check('the screen shows the monitor whose frames come, after a switch and when the customer switched', async () => {
    const host = document.createElement('div');
    host.style.cssText = 'width: 400px; height: 300px; display: flex;';
    document.body.append(host);
    const screen = new ScreenView(host, []);
    const frameOf = (monitor, keyframe, width = 64, height = 32) => ({ monitor, keyframe, monitorWidth: width, monitorHeight: height, tiles: [] });
    try {
      screen.setMonitors([
        { id: 0, x: 0, y: 0, width: 64, height: 32, scale: 1, primary: true },
        { id: 1, x: -48, y: -10, width: 48, height: 48, scale: 1, primary: false },
      ]);
      await screen.drawFrame(frameOf(0, true));
      const first = [screen.shownMonitor, screen.canvas?.dataset.monitor];
      const asked = screen.selectMonitor(1);
      await screen.drawFrame(frameOf(0, false)); // still in flight from the old monitor
      const waiting = [screen.shownMonitor, screen.wantedMonitor];
      await screen.drawFrame(frameOf(1, true, 48, 48));
      const switched = [screen.shownMonitor, screen.wantedMonitor, screen.canvas?.width];
      const askedAgain = screen.selectMonitor(1);
      await screen.drawFrame(frameOf(0, true)); // the customer's app switched back on its own
      const followed = screen.shownMonitor;
      screen.setMode('actual');
      const actual = screen.canvas.style.width;
      screen.setMode('fit');
      return {
        ok: same(first, [0, '0']) && asked === true && same(waiting, [0, 1]) && same(switched, [1, null, 48])
          && askedAgain === false && followed === 0 && actual === `${64 / (window.devicePixelRatio || 1)}px`,
        first, waiting, switched, followed, actual,
      };
    } finally {
      screen.destroy();
      host.remove();
    }
  });

  return results;
}
