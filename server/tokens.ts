// Bearer tokens: `ks1.<id>.<secret>`. The id finds the row; only a SHA-256 hash of the whole token is
// stored, and hashes are compared in constant time. The secret is 32 random bytes (base64url).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'ks1';
const TOKEN = /^ks1\.([0-9a-f]{16})\.([A-Za-z0-9_-]{43,})$/;

export interface NewToken {
  id: string;
  token: string;
  hash: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): NewToken {
  const id = randomBytes(8).toString('hex');
  const token = `${PREFIX}.${id}.${randomBytes(32).toString('base64url')}`;
  return { id, token, hash: hashToken(token) };
}

/** The token's id, or null when the text cannot be one of our tokens. */
export function tokenId(token: string): string | null {
  return TOKEN.exec(token)?.[1] ?? null;
}

export function hashesMatch(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
