// Bearer-token authentication: the token names its workbook, and every handler works on that
// workbook only.
import type { RequestHandler, Response } from 'express';
import type { Principal, Store } from '../store';
import { ApiError } from './errors';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="kasane"' };

export function requireToken(store: Store): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) {
      throw new ApiError(
        401,
        'token.missing',
        'APIトークンがありません。Authorization: Bearer <トークン> を付けてください（トークンは kasane token create で発行します）。',
        {},
        CHALLENGE,
      );
    }
    const principal = await store.authenticate(m[1]!);
    if (!principal) {
      throw new ApiError(
        401,
        'token.invalid',
        'APIトークンが無効です（不明なトークンか、失効したトークンです）。管理者に新しいトークンを発行してもらってください。',
        {},
        CHALLENGE,
      );
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw new Error('route without requireToken');
  return p;
}
