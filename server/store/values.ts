// Values the store cannot hold, found in a parsed request body before anything else reads it:
// PostgreSQL's text (and jsonb) has no NUL character, JSON written from a string with half a
// surrogate pair is not valid UTF-8 text, and a value nested thousands deep overflows the stack of
// whatever walks it (validation's String(), JSON.stringify). A spreadsheet cell holds none of them,
// so the payload is refused whole (422), naming the setting or the sheet, row and column — never
// the value.
import { SETTING_DEFS, isSheetKey, sheetDef } from '../../core/registry/definition';
import { rowOfIndex } from '../../core/registry/read';

/** Deepest nesting accepted in a value: a cell holds a text, a number or a list; 32 leaves room and no risk. */
export const MAX_VALUE_DEPTH = 32;
const MAX_DETAILS = 100;

export type ValueFaultKind = 'nul' | 'surrogate' | 'depth';

export interface ValueFault {
  /** A sheet key, 'settings', or null for another member of the payload. */
  sheet: string | null;
  /** The sheet row (element i is row i + 2); null for a setting or another member. */
  row: number | null;
  /** The column, the setting or the member. */
  key: string;
  kind: ValueFaultKind;
}

/** A payload holding a value the store cannot keep; `details` lists at most 100 places. */
export class UnstorableValueError extends Error {
  readonly code = 'value.unstorable';
  constructor(
    message: string,
    readonly details: ValueFault[],
  ) {
    super(message);
    this.name = 'UnstorableValueError';
  }
}

// NUL or any surrogate code unit: a quick look that rarely matches (a pair is an emoji, say) ...
// eslint-disable-next-line no-control-regex -- NUL is what is looked for
const SUSPECT = /[\u0000\ud800-\udfff]/;
// ... then NUL, or a surrogate that is not half of a pair (with the u flag a pair is one code point).
// eslint-disable-next-line no-control-regex -- NUL is what is looked for
const BAD_TEXT = /[\u0000\p{Cs}]/u;

function textFault(s: string): ValueFaultKind | null {
  if (!SUSPECT.test(s) || !BAD_TEXT.test(s)) return null;
  return s.includes('\u0000') ? 'nul' : 'surrogate';
}

/** The first fault inside a value (its texts, the names of its members, its depth), without recursion. */
export function valueFault(value: unknown): ValueFaultKind | null {
  if (typeof value === 'string') return textFault(value);
  if (value === null || typeof value !== 'object') return null;
  // A list of choices (the usual object in a cell): texts and numbers, nothing nested.
  if (Array.isArray(value)) {
    let flat = true;
    for (const m of value as unknown[]) {
      if (typeof m === 'string') {
        if (SUSPECT.test(m)) return valueFaultDeep(value);
      } else if (m !== null && typeof m === 'object') flat = false;
    }
    if (flat) return null;
  }
  return valueFaultDeep(value);
}

function valueFaultDeep(value: object): ValueFaultKind | null {
  const stack: Array<{ v: object; depth: number }> = [{ v: value, depth: 1 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.depth > MAX_VALUE_DEPTH) return 'depth';
    const members: unknown[] = Array.isArray(top.v) ? top.v : Object.values(top.v);
    if (!Array.isArray(top.v))
      for (const k of Object.keys(top.v)) {
        const f = textFault(k);
        if (f) return f;
      }
    for (const m of members) {
      if (typeof m === 'string') {
        const f = textFault(m);
        if (f) return f;
      } else if (m !== null && typeof m === 'object') stack.push({ v: m, depth: top.depth + 1 });
    }
  }
  return null;
}

const WHAT: Record<ValueFaultKind, string> = {
  nul: ' NUL 文字（U+0000）が含まれています',
  surrogate: '対になっていないサロゲート（壊れた文字）が含まれています',
  depth: `入れ子が深すぎます（${MAX_VALUE_DEPTH} 段まで）`,
};

function faultMessage(f: ValueFault, total: number): string {
  const more = total > 1 ? `（ほか ${total - 1} か所）` : '';
  const fix = 'スプレッドシートのセルを入力し直してから送り直してください。';
  const what = WHAT[f.kind];
  if (f.sheet === 'settings') {
    if (f.key === '') return `設定の項目名に${what}${more}。${fix}`;
    const label = SETTING_DEFS.find((d) => d.key === f.key)?.label;
    return `設定「${label ?? f.key}」（${f.key}）の値${f.kind === 'depth' ? 'は' : 'に'}${what}${more}。${fix}`;
  }
  if (f.sheet !== null && isSheetKey(f.sheet) && f.row !== null) {
    const def = sheetDef(f.sheet);
    const where = `「${def.name}」（${f.sheet}）の ${f.row}行目`;
    if (f.key === '') return `${where}の列名または値${f.kind === 'depth' ? 'は' : 'に'}${what}${more}。${fix}`;
    const label = def.columns.find((c) => c.key === f.key)?.label;
    return `${where}「${label ?? f.key}」（${f.key}）の値${f.kind === 'depth' ? 'は' : 'に'}${what}${more}。${fix}`;
  }
  const member = f.key === '' ? 'JSON の項目名または値' : `「${f.key}」の値`;
  return `${member}${f.kind === 'depth' ? 'は' : 'に'}${what}${more}。kasane-registry/1 の JSON を送り直してください。`;
}

/**
 * The body's first unstorable value as an error (null when every value can be stored): settings by
 * name, sheets row by row and column by column, any other member by its name; a faulty name is
 * reported without itself. Linear in the body.
 */
export function unstorable(body: unknown): UnstorableValueError | null {
  const faults: ValueFault[] = [];
  let total = 0;
  const note = (kind: ValueFaultKind, sheet: string | null, row: number | null, key: string) => {
    total++;
    // A faulty name is not repeated: it would echo what was sent.
    if (faults.length < MAX_DETAILS) faults.push({ sheet, row, key: textFault(key) ? '' : key, kind });
  };
  const check = (value: unknown, sheet: string | null, row: number | null, key: string) => {
    const kind = textFault(key) ?? valueFault(value);
    if (kind) note(kind, sheet, row, key);
  };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) check(body, null, null, '');
  else
    for (const [member, value] of Object.entries(body)) {
      if (textFault(member) || value === null || typeof value !== 'object') check(value, null, null, member);
      else if (member === 'settings' && !Array.isArray(value)) {
        for (const [key, v] of Object.entries(value)) check(v, 'settings', null, key);
      } else if (isSheetKey(member) && Array.isArray(value)) {
        // Column names repeat on every row: each is looked at once.
        const names = new Set<string>();
        for (let i = 0; i < value.length; i++) {
          const row: unknown = value[i];
          if (row === null || typeof row !== 'object' || Array.isArray(row)) {
            check(row, member, rowOfIndex(i), '');
            continue;
          }
          for (const key in row) {
            if (!names.has(key)) {
              const kind = textFault(key);
              if (kind) {
                note(kind, member, rowOfIndex(i), key);
                continue;
              }
              names.add(key);
            }
            const v = (row as Record<string, unknown>)[key];
            // Most cells are a number or a short text.
            const kind =
              typeof v === 'string' ? textFault(v) : v !== null && typeof v === 'object' ? valueFault(v) : null;
            if (kind) note(kind, member, rowOfIndex(i), key);
          }
        }
      } else check(value, null, null, member);
    }
  if (!total) return null;
  return new UnstorableValueError(faultMessage(faults[0]!, total), faults);
}
