// A version stamp for a row (FNV-1a over its values), so an edit made from a stale copy is refused.
import { isDate } from './dates';

export function rowVersion(values: readonly unknown[]): string {
  const text = JSON.stringify(values.map((v) => (isDate(v) ? `D${v.getTime()}` : v)));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0') + ':' + text.length.toString(36);
}
