// Every error answer is `{"error":{"code","message"}}` with a Japanese message. Unexpected faults
// become 500 with the request id; their stack goes to the log, never to the client.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log';
import { StoreUnavailableError } from '../store/db';
import { UnstorableValueError } from '../store/values';
import { requestIdOf } from './request-id';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Seconds a client is asked to wait before trying again while the database is out of reach. */
export const STORE_RETRY_AFTER = 5;

/** 503 while the database cannot be reached: the request may be sent again unchanged. */
export function storeUnavailable(): ApiError {
  return new ApiError(
    503,
    'store.unavailable',
    `データベースに接続できないため、今は処理できません。${STORE_RETRY_AFTER}秒ほど待ってから送り直してください（同期は同じ内容で送り直しても二重に保存されません）。続くときは管理者に連絡してください。`,
    { retryAfter: STORE_RETRY_AFTER },
    { 'Retry-After': String(STORE_RETRY_AFTER) },
  );
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const notFound: RequestHandler = (req) => {
  throw new ApiError(
    404,
    'route.notFound',
    `${req.method} ${req.path} というAPIはありません。/api/v1/openapi.json で使えるAPIを確認してください。`,
  );
};

/**
 * Faults Express finds in the request itself: body-parser's by their `type`, the router's
 * undecodable path, and any other 4xx they mark (a corrupt compressed body) — never a 500.
 */
function requestFault(fault: unknown, bodyLimit: number): ApiError | null {
  const err = (fault ?? {}) as { type?: unknown; limit?: unknown; status?: unknown };
  switch (err.type) {
    case 'entity.parse.failed':
      return new ApiError(
        400,
        'json.malformed',
        'リクエストの本文を JSON として読めません。JSON の書き方（括弧や引用符の対応など）を確認してください。',
      );
    case 'entity.too.large':
      return new ApiError(
        413,
        'body.tooLarge',
        `リクエストの本文が上限（${mb(typeof err.limit === 'number' ? err.limit : bodyLimit)}）を超えています。`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(
        415,
        'body.encoding',
        'この文字コードや圧縮形式には対応していません。UTF-8 の JSON を送ってください。',
      );
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new ApiError(
        400,
        'body.incomplete',
        'リクエストの本文を最後まで受け取れませんでした。送り直してください。',
      );
  }
  // The status tells the router's decoding fault from a URIError of our own (that one is a 500).
  if (err instanceof URIError && err.status === 400)
    return new ApiError(
      400,
      'path.malformed',
      'URL のパスを読めません（% の後に16進数2桁が続いていません）。URL の書き方を確認してください。',
    );
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500)
    return new ApiError(
      err.status,
      'request.invalid',
      'リクエストを読めません。本文の圧縮形式や URL の書き方を確認して送り直してください。',
    );
  return null;
}

export function errorHandler(log: Logger, bodyLimit: number): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const requestId = requestIdOf(res);
    let api = err instanceof ApiError ? err : requestFault(err, bodyLimit);
    if (!api && err instanceof UnstorableValueError)
      api = new ApiError(422, err.code, err.message, { details: err.details });
    if (!api && err instanceof StoreUnavailableError) {
      const cause = err.cause instanceof Error ? err.cause : undefined;
      // The name and code of the engine's error only: its message may quote a stored value.
      log.warn(
        { requestId, err: { name: cause?.name, code: (cause as { code?: unknown } | undefined)?.code } },
        'store unavailable',
      );
      api = storeUnavailable();
    }
    if (!api) {
      const e = err instanceof Error ? err : new Error(String(err));
      // The stack's frames only: a database message might quote a stored value.
      const frames = (e.stack ?? '').split('\n').slice(1).join('\n');
      log.error(
        {
          requestId,
          err: { name: e.name, code: (e as { code?: unknown }).code, frames },
          method: req.method,
          path: req.path,
        },
        'unexpected error',
      );
      api = new ApiError(
        500,
        'internal',
        `サーバー内部で予期しないエラーが発生しました。管理者に連絡するときはリクエストID ${requestId} を伝えてください。`,
        { requestId },
      );
    }
    for (const [k, v] of Object.entries(api.headers)) res.setHeader(k, v);
    res.status(api.status).json({ error: { code: api.code, message: api.message, ...api.extra } });
  };
}
