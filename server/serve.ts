// Starts the sync server: opens the store (migrations included), optionally prepares the demo,
// listens, and shuts down gracefully (in-flight requests finish, the store closes cleanly).
import type { AddressInfo } from 'node:net';
import { createServer, STATUS_CODES, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createApp } from './app';
import type { RateLimit } from './app/rate-limit';
import { prepareDemo, type Demo } from './demo';
import type { Logger } from './log';
import { openStore, type OpenedStore } from './store/open';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  demo?: boolean;
  bodyLimit?: number;
  rateLimit?: RateLimit;
  corsOrigins?: readonly string[];
  log: Logger;
  version?: string;
}

export interface RunningServer {
  url: string;
  location: string;
  storeKind: 'pglite' | 'pg';
  demo: Demo | null;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), closes the store. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Largest request head (request line and headers). A token is under 100 bytes and a proxy adds a
 * few forwarding headers; Node's default (16 KiB) is kept, but named, so the 431 answer can say it.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

type Fault = [status: number, code: string, message: string];

/** What the HTTP parser (llhttp) or Node found wrong before Express saw a request, as an answer. */
function clientFault(code: string | undefined): Fault {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [
        431,
        'headers.tooLarge',
        `リクエストのヘッダーが大きすぎます（上限 ${MAX_HEADER_BYTES / 1024} KB）。Cookie や独自のヘッダーを減らして送り直してください。`,
      ];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'body.malformed', 'チャンク形式の本文の拡張部分が大きすぎます。本文を普通に送り直してください。'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [
        408,
        'request.timeout',
        'リクエストを時間内に受け取れませんでした。回線を確かめてから送り直してください。',
      ];
    case 'HPE_INVALID_EOF_STATE':
      return [400, 'body.incomplete', 'リクエストの本文を最後まで受け取れませんでした。送り直してください。'];
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_STRICT':
      return [
        400,
        'body.malformed',
        'リクエストの本文の区切り（Content-Length やチャンク形式）を読めません。送り直してください。',
      ];
    default:
      return [
        400,
        'request.malformed',
        'HTTP のリクエストとして読めません。リクエストの行やヘッダーの書き方を確かめて送り直してください。',
      ];
  }
}

/** A whole HTTP/1.1 answer with a JSON error body, for a socket no response object stands for. */
function rawAnswer([status, code, message]: Fault, extra = ''): string {
  const body = JSON.stringify({ error: { code, message } });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'X-Content-Type-Options: nosniff\r\n' +
    `${extra}Connection: close\r\n\r\n${body}`
  );
}

/** Time a refused connection is given to read the answer before it is closed (a lingering close). */
const LINGER_MS = 2_000;

/**
 * Answers on the socket and closes it once the answer is out, reading (and dropping) what the client
 * still sends meanwhile: closing with unread input would reset the connection and could lose the
 * answer. Nothing is written when a response has already begun on this socket.
 */
function refuse(socket: Duplex, fault: Fault, extra = ''): void {
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  socket.on('error', () => undefined);
  socket.end(rawAnswer(fault, extra), () => setTimeout(() => socket.destroy(), LINGER_MS).unref());
  socket.resume();
}

export interface HttpTimeouts {
  /** Whole request, body included (default 10 minutes). */
  requestMs?: number;
  /** Request line and headers (default 60 s). */
  headersMs?: number;
  /** How often Node looks for requests past those limits (default 30 s). */
  checkEveryMs?: number;
}

/**
 * The HTTP server the app runs in. Every answer is JSON with a Japanese message, including those
 * Node would give itself as a bare status line: a head over MAX_HEADER_BYTES (431), a request the
 * parser cannot read (400: a malformed line or header, a chunked body cut or with a bad size, a
 * body shorter than its Content-Length), a timeout (408), an unknown Expect (417), CONNECT (405).
 */
export function createHttpServer(app: RequestListener, log: Logger, timeouts: HttpTimeouts = {}): Server {
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      // The Host check is the app's (a JSON 400); Node's own would answer a bare one.
      requireHostHeader: false,
      // A sync of a large registry over a slow line may take a while; a stalled head does not.
      requestTimeout: timeouts.requestMs ?? 10 * 60_000,
      headersTimeout: timeouts.headersMs ?? 60_000,
      connectionsCheckingInterval: timeouts.checkEveryMs ?? 30_000,
    },
    app,
  );
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser reports again on each further chunk of a connection it gave up on: one answer.
    if (answered.has(socket)) return;
    answered.add(socket);
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
      socket.destroy();
      return;
    }
    const fault = clientFault(err.code);
    log.info({ code: err.code, status: fault[0] }, 'client error');
    refuse(socket, fault);
  });
  server.on('checkExpectation', (_req, res: ServerResponse) => {
    const body = JSON.stringify({
      error: {
        code: 'request.expectation',
        message: 'Expect ヘッダーには 100-continue だけを指定できます。Expect ヘッダーを外して送り直してください。',
      },
    });
    res.writeHead(417, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    });
    res.end(body);
  });
  server.on('connect', (_req, socket: Duplex) => {
    refuse(
      socket,
      [405, 'method.notAllowed', 'CONNECT には対応していません。このサーバーはプロキシではありません。'],
      'Allow: GET, POST, OPTIONS\r\n',
    );
  });
  return server;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const opened: OpenedStore = await openStore({ dataDir: o.dataDir, databaseUrl: o.databaseUrl, command: 'serve' });
  let server: Server;
  let demo: Demo | null = null;
  try {
    if (o.demo) demo = await prepareDemo(opened.store);
    const app = createApp({
      store: opened.store,
      log: o.log,
      bodyLimit: o.bodyLimit,
      rateLimit: o.rateLimit,
      corsOrigins: o.corsOrigins,
      version: o.version,
    });
    server = createHttpServer(app, o.log);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await opened.close().catch(() => undefined);
    throw e;
  }
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${addr.port}`,
    location: opened.location,
    storeKind: opened.store.kind,
    demo,
    server,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            server.closeAllConnections();
            resolve();
          }, graceMs);
          server.close(() => {
            clearTimeout(timer);
            resolve();
          });
          server.closeIdleConnections();
        });
        await opened.close();
      })();
      return closing;
    },
  };
}
