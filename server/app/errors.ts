// Every error answer is `{"error":{"code","message"}}` with a Japanese message. Unexpected faults
// become 500 with the request id; their stack goes to the log, never to the client.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log';
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
