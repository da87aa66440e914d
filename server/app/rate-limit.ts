// Requests per token: a token bucket in memory (one server process; a restart refills every bucket).
import type { RequestHandler } from 'express';
import { ApiError } from './errors';
import { principalOf } from './auth';

export interface RateLimit {
  /** Requests a token may make in a burst. */
  burst: number;
  /** Requests per second the bucket refills with. */
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 120, perSecond: 2 };

export function rateLimit(limit: RateLimit, now: () => number = Date.now): RequestHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (_req, res, next) => {
    const id = principalOf(res).tokenId;
    const t = now();
    const b = buckets.get(id) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
    b.at = t;
    buckets.set(id, b);
    if (b.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond));
      throw new ApiError(
        429,
        'rate.limited',
        `リクエストが多すぎます。${wait}秒ほど待ってから送り直してください。`,
        { retryAfter: wait },
        { 'Retry-After': String(wait) },
      );
    }
    b.tokens -= 1;
    next();
  };
}
