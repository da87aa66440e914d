// HTML escaping for the printable exports; every text reaches the page through it.
import { safeCell } from './safe-cell';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A table cell's content: numbers with thousands separators, text escaped. */
export function htmlCell(value: string | number | null | undefined): string {
  const c = safeCell(value);
  if (c.kind === 'empty') return '—';
  if (c.kind === 'number') return c.value.toLocaleString('ja-JP', { maximumFractionDigits: 3 });
  return escapeHtml(c.value);
}
