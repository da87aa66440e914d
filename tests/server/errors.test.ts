// Every error is JSON with a Japanese message (docs/RELIABILITY.md), down to what Node's HTTP parser
// refuses before Express sees a request: an oversized head, a chunked body cut or with a bad chunk
// size, a body shorter than its Content-Length, a malformed request line or header, a missing Host,
// an unknown Expect, CONNECT, a stalled head. Raw sockets (node:net) against the real HTTP server
// (server/serve.ts createHttpServer) on 127.0.0.1. Values the store cannot hold — NUL, half a
// surrogate pair, nesting thousands deep — are refused with 422 naming the setting or the sheet, row
// and column, never echoing the value, on both engines.
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { createApp } from '../../server/app';
import { silentLogger } from '../../server/log';
import { createHttpServer, MAX_HEADER_BYTES, type HttpTimeouts } from '../../server/serve';
import type { Store } from '../../server/store';
import { MAX_VALUE_DEPTH } from '../../server/store/values';
import { pgliteFactory, storeFactories, type StoreFactory } from './helpers/stores';
import { town } from '../fixtures/server-town';

jest.setTimeout(60_000);

const japanese = (s: unknown) => typeof s === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);
const servers: Server[] = [];

async function listen(store: Store, timeouts?: HttpTimeouts): Promise<number> {
  const server = createHttpServer(
    createApp({ store, log: silentLogger(), rateLimit: { burst: 10_000, perSecond: 10_000 } }),
    silentLogger(),
    timeouts,
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: { error?: { code?: string; message?: string; details?: unknown } } & Record<string, unknown>;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

/**
 * Sends `data` as it is (then half-closes when `end`), and reads one answer: the status line, the
 * headers and a Content-Length body. Resolves once the body is in and the server closed, or the
 * body is in and the connection is kept (closed: false after `keepOpenMs` of quiet).
 */
function raw(port: number, data: string | Buffer, options: { end?: boolean; stallMs?: number } = {}) {
  return new Promise<RawAnswer>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let bytes = Buffer.alloc(0);
    let closed = false;
    const deadline = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no whole answer within 10 s: ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`));
    }, 10_000);
    const parsed = (): RawAnswer | null => {
      const head = bytes.indexOf('\r\n\r\n');
      if (head < 0) return null;
      const lines = bytes.subarray(0, head).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(lines[0]!)?.[1]);
      const headers: Record<string, string> = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      const length = Number(headers['content-length']);
      if (!Number.isInteger(length)) throw new Error(`no Content-Length: ${lines.join(' | ')}`);
      if (bytes.length < head + 4 + length) return null;
      const text = bytes.subarray(head + 4, head + 4 + length).toString('utf8');
      return { status, headers, text, json: JSON.parse(text) as RawAnswer['json'], closed };
    };
    const settle = () => {
      try {
        const answer = parsed();
        if (!answer) return;
        // Answers that close the connection say so: wait for the close itself.
        if (answer.headers.connection === 'close' && !closed) return;
        clearTimeout(deadline);
        socket.destroy();
        resolve(answer);
      } catch (e) {
        clearTimeout(deadline);
        socket.destroy();
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    socket.on('data', (d: Buffer) => {
      bytes = Buffer.concat([bytes, d]);
      settle();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      if (!parsed()) {
        clearTimeout(deadline);
        reject(new Error(`closed without a whole answer: ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`));
      } else settle();
    });
    socket.write(data);
    if (options.end) socket.end();
  });
}

const expectJsonError = (r: RawAnswer, status: number, code: string) => {
  expect([r.status, r.json.error?.code]).toEqual([status, code]);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  expect(japanese(r.json.error?.message)).toBe(true);
};

describe('what the HTTP parser refuses is answered in JSON', () => {
  const factory = pgliteFactory();
  let store: Store;
  let port: number;
  let head: string;

  beforeAll(async () => {
    store = await factory.open();
    port = await listen(store);
    const { token } = await store.createToken('protocol');
    head = `Host: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n`;
  });
  afterAll(async () => {
    await store.close();
  });

  test(`a head over ${MAX_HEADER_BYTES / 1024} KiB: 431 headers.tooLarge, then the connection closes`, async () => {
    for (const size of [MAX_HEADER_BYTES + 100, 200_000]) {
      const r = await raw(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(size)}\r\n\r\n`);
      expectJsonError(r, 431, 'headers.tooLarge');
      expect(r.json.error?.message).toContain(`${MAX_HEADER_BYTES / 1024} KB`);
      expect(r.closed).toBe(true);
    }
    // A large head under the limit is served.
    const ok = await raw(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(12_000)}\r\n\r\n`);
    expect([ok.status, ok.json]).toEqual([200, { status: 'ok' }]);
  });

  test('a chunked body with a bad chunk size: 400 body.malformed, while the request is in Express', async () => {
    const r = await raw(
      port,
      `POST /api/v1/sync HTTP/1.1\r\n${head}Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    );
    expectJsonError(r, 400, 'body.malformed');
    expect(r.closed).toBe(true);
  });

  test('a body cut short (chunked, or under its Content-Length), the client done sending: 400 body.incomplete', async () => {
    const body = JSON.stringify(town());
    for (const request of [
      `POST /api/v1/sync HTTP/1.1\r\n${head}Transfer-Encoding: chunked\r\n\r\n${(40).toString(16)}\r\n${body.slice(0, 20)}`,
      `POST /api/v1/sync HTTP/1.1\r\n${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 50)}`,
      `POST /api/v1/validate HTTP/1.1\r\n${head}Transfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n`,
    ]) {
      const r = await raw(port, request, { end: true });
      expectJsonError(r, 400, 'body.incomplete');
    }
  });

  test('a malformed request line, header or length; no Host: 400 in JSON', async () => {
    for (const [request, code] of [
      ['GARBAGE\r\n\r\n', 'request.malformed'],
      ['GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n', 'request.malformed'],
      ['GET /healthz HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n', 'request.malformed'],
      [`POST /api/v1/sync HTTP/1.1\r\n${head}Content-Length: 12x\r\n\r\n{}`, 'body.malformed'],
      [`POST /api/v1/sync HTTP/1.1\r\n${head}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 'body.malformed'],
      ['GET /healthz HTTP/1.1\r\n\r\n', 'request.malformed'],
    ] as const) {
      const r = await raw(port, request);
      expectJsonError(r, 400, code);
    }
  });

  test('an unknown Expect: 417; CONNECT: 405 with Allow', async () => {
    expectJsonError(
      await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n'),
      417,
      'request.expectation',
    );
    const r = await raw(port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expectJsonError(r, 405, 'method.notAllowed');
    expect(r.headers.allow).toContain('GET');
  });

  test('bad encodings: a corrupt gzip body, an unknown content coding or charset, bytes that are not UTF-8', async () => {
    const send = (headers: string, body: Buffer) =>
      raw(
        port,
        Buffer.concat([
          Buffer.from(`POST /api/v1/validate HTTP/1.1\r\n${headers}Content-Length: ${body.length}\r\n\r\n`),
          body,
        ]),
      );
    expectJsonError(
      await send(`${head}Content-Encoding: gzip\r\n`, Buffer.from('not gzip at all')),
      400,
      'request.invalid',
    );
    expectJsonError(await send(`${head}Content-Encoding: compress\r\n`, Buffer.from('{}')), 415, 'body.encoding');
    expectJsonError(
      await send(head.replace('application/json', 'application/json; charset=shift_jis'), Buffer.from('{}')),
      415,
      'body.encoding',
    );
    // Bytes that are not UTF-8 inside a string decode as U+FFFD: a registry with an odd name, not a fault.
    const latin = Buffer.concat([
      Buffer.from('{"format":"kasane-registry/1","settings":{"municipality":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}'),
    ]);
    const r = await send(head, latin);
    expect(r.status).toBe(200);
    // Outside a string they are not JSON.
    expectJsonError(await send(head, Buffer.from([0x7b, 0xff, 0x7d])), 400, 'json.malformed');
  });

  test('a head that stalls: 408 request.timeout in JSON', async () => {
    const slowPort = await listen(store, { headersMs: 300, requestMs: 1_000, checkEveryMs: 50 });
    const r = await raw(slowPort, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expectJsonError(r, 408, 'request.timeout');
  });

  test('after all of that the server answers as usual', async () => {
    const r = await raw(
      port,
      `POST /api/v1/validate HTTP/1.1\r\n${head}Content-Length: ${Buffer.byteLength(JSON.stringify(town()))}\r\n\r\n${JSON.stringify(town())}`,
    );
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(true);
  });
});

/** Stands for a list nested `n` deep, written into the JSON text as it is sent (JSON.stringify would overflow). */
class Deep {
  constructor(readonly n: number) {}
  toJSON(): string {
    return `@deep:${this.n}@`;
  }
}
const deep = (n: number) => new Deep(n);
const jsonText = (doc: unknown): string =>
  JSON.stringify(doc).replace(
    /"@deep:(\d+)@"/g,
    (_, n: string) => `${'['.repeat(Number(n))}"東"${']'.repeat(Number(n))}`,
  );

describe.each(storeFactories().map((f) => [f.name, f] as [string, StoreFactory]))(
  'values the store cannot hold on %s: 422 naming the place, never the value',
  (_name, factory) => {
    let store: Store;
    let port: number;
    let auth: Record<string, string>;
    const SECRET = 'ひみつの値';

    beforeAll(async () => {
      store = await factory.open();
      port = await listen(store);
      auth = {
        authorization: `Bearer ${(await store.createToken('values')).token}`,
        'content-type': 'application/json',
      };
    });
    afterAll(async () => {
      await store.close();
      await factory.teardown();
    });

    const post = async (path: string, doc: unknown) => {
      // JSON.stringify writes NUL and half a surrogate pair as \u escapes: the body itself is valid JSON.
      const r = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: auth,
        body: jsonText(doc),
      });
      const text = await r.text();
      return { status: r.status, text, json: JSON.parse(text) as RawAnswer['json'] };
    };
    const withSetting = (key: string, value: unknown) => {
      const t = town();
      return { ...t, settings: { ...(t.settings as object), [key]: value } };
    };
    const withCell = (key: string, value: unknown) => {
      const t = town();
      return { ...t, cases: [t.cases[0], { ...t.cases[1], [key]: value }, t.cases[2]] };
    };

    test.each([
      ['NUL in a setting', withSetting('municipality', `${SECRET}\u0000町`), '設定「自治体名」（municipality）', 'NUL'],
      [
        'half a surrogate pair in a setting',
        withSetting('municipality', `${SECRET}\ud800`),
        '設定「自治体名」（municipality）',
        'サロゲート',
      ],
      ['a setting nested 6,000 deep', withSetting('areas', deep(6000)), '設定「エリア」（areas）', '入れ子'],
      [
        'NUL in a cell',
        withCell('caseId', `${SECRET}\u0000`),
        '「ケース」（cases）の 3行目「ケースID」（caseId）',
        'NUL',
      ],
      [
        'a lone low surrogate in a list',
        withCell('domains', ['高齢', `${SECRET}\udc00`]),
        '「ケース」（cases）の 3行目「分野」（domains）',
        'サロゲート',
      ],
      [
        'a cell nested 6,000 deep',
        withCell('domains', deep(6000)),
        '「ケース」（cases）の 3行目「分野」（domains）',
        '入れ子',
      ],
      ['a member nested 100,000 deep', { ...town(), extra: deep(100_000) }, '「extra」', '入れ子'],
    ])('%s: sync and validate answer 422 value.unstorable; nothing is stored', async (_what, doc, place, kind) => {
      for (const path of ['/api/v1/sync', '/api/v1/validate']) {
        const r = await post(path, doc);
        expect([path, r.status, r.json.error?.code]).toEqual([path, 422, 'value.unstorable']);
        expect(r.json.error?.message).toContain(place);
        expect(r.json.error?.message).toContain(kind);
        expect(r.text).not.toContain(SECRET);
        expect(r.text).not.toContain('\\u0000');
        expect(r.json.error?.details).toEqual([expect.objectContaining({ kind: expect.any(String) })]);
      }
      const revisions = await fetch(`http://127.0.0.1:${port}/api/v1/revisions`, { headers: auth });
      expect(((await revisions.json()) as { currentRevision: number }).currentRevision).toBe(0);
    });

    test(`well-formed pairs (an emoji) are kept, stored and read back; nesting up to ${MAX_VALUE_DEPTH} deep is storable but no cell`, async () => {
      const r = await post('/api/v1/sync', withSetting('municipality', 'かさね町😀'));
      expect(r.status).toBe(200);
      // The store could hold it, so it is not value.unstorable; it is no canonical cell (422 cell.invalid).
      const nested = await post('/api/v1/validate', withCell('domains', deep(MAX_VALUE_DEPTH)));
      expect([nested.status, nested.json.error?.code]).toEqual([422, 'cell.invalid']);
      expect(nested.json.error?.message).toContain('「ケース」（cases）の 3行目「分野」（domains）');
      const summary = await fetch(`http://127.0.0.1:${port}/api/v1/summaries/2025-05?format=json`, { headers: auth });
      expect(summary.status).toBe(200);
      expect(((await summary.json()) as { municipality: string }).municipality).toBe('かさね町😀');
    });
  },
);
