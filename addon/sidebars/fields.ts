// Form fields built from the contract's column definitions: a visible Japanese <label for=…> bound
// to an input named as the column key, an error slot next to it, and a note slot that says what a
// loaded cell holds when the parser cannot read it.
import { LIST_SETTING_DEFS, type ColumnDef } from '../../core/registry/definition';
import type { UnreadableCell } from '../forms/case-form';
import { splitMulti } from '../../core/registry/cells';
import { TEXT_MAX } from '../forms/payload';
import { dateHint, sentDate } from './day-hint';
import { errorSlot, h, option, requiredMark } from './dom';

export type Lists = Record<string, readonly string[]>;

const markIfRequired = (col: ColumnDef) => (col.required === true ? requiredMark() : null);

export function field(col: ColumnDef, lists: Lists, hint: string | undefined = col.help): HTMLElement {
  const prefix = 'f';
  const id = `${prefix}-${col.key}`;
  const wrap = h('div', { className: 'field', id: `field-${col.key}` });
  const label = h('label', { htmlFor: id }, col.label, markIfRequired(col));
  switch (col.type) {
    case 'multiEnum':
    case 'multiList': {
      const values = col.type === 'multiEnum' ? (col.values ?? []) : (lists[col.list ?? ''] ?? []);
      const set = h(
        'fieldset',
        { className: 'checks', 'data-field': col.key },
        h('legend', {}, col.label, markIfRequired(col)),
      );
      values.forEach((v, i) => {
        const cid = `${id}-${i}`;
        set.append(
          h(
            'span',
            { className: 'check' },
            h('input', { type: 'checkbox', id: cid, name: col.key, value: v }),
            h('label', { htmlFor: cid }, v),
          ),
        );
      });
      wrap.append(set);
      break;
    }
    case 'boolean':
      wrap.append(
        h(
          'span',
          { className: 'check' },
          h('input', { type: 'checkbox', id, name: col.key }),
          h('label', { htmlFor: id }, col.label),
        ),
      );
      break;
    case 'enum':
    case 'list': {
      const values = col.type === 'enum' ? (col.values ?? []) : (lists[col.list ?? ''] ?? []);
      const select = h('select', { id, name: col.key, 'aria-required': col.required === true });
      // A default that is one of the choices (本人同意: 未確認) is the choice shown first, once: no
      // empty 「（未確認）」 beside 「未確認」, and the sheet's 「空欄は…」 is not the form's help.
      const given = typeof col.default === 'string' && values.includes(col.default) ? col.default : undefined;
      if (!given) select.append(option('', col.default ? `（${col.default}）` : '（選択してください）'));
      for (const v of values) {
        const o = option(v);
        o.defaultSelected = v === given;
        select.append(o);
      }
      wrap.append(label, select);
      if (given && hint === col.help) hint = `確かめていなければ「${given}」のままにしてください。`;
      // A list the office has not filled in yet (担当者 at first): nothing to choose, and where to add it.
      if (!values.length)
        wrap.append(
          h(
            'p',
            { className: 'hint', id: `empty-${col.key}` },
            `設定シートの「${LIST_SETTING_DEFS.find((d) => d.key === col.list)?.label ?? col.label}」に名前を登録すると選べます。`,
          ),
        );
      break;
    }
    case 'date': {
      const input = h('input', {
        type: 'text',
        id,
        name: col.key,
        autocomplete: 'off',
        'aria-required': col.required === true,
        placeholder: '2025-04-01 / 令和7年4月1日',
      });
      const hint = h('p', { className: 'hint', id: `hint-${col.key}` });
      dateHint(input, hint, '例: 2025-04-01、2025/4/1、令和7年4月1日、R7.4.1');
      wrap.append(label, input, hint);
      break;
    }
    case 'integer':
    case 'number':
      wrap.append(label, h('input', { type: 'text', inputmode: 'numeric', id, name: col.key, autocomplete: 'off' }));
      break;
    default:
      if (col.key === 'note' || col.key === 'minutes') {
        const area = h('textarea', { id, name: col.key, rows: 3, maxlength: TEXT_MAX });
        wrap.append(label, area, counter(area, col.key));
      } else
        wrap.append(
          label,
          h('input', {
            type: 'text',
            id,
            name: col.key,
            autocomplete: 'off',
            maxlength: TEXT_MAX,
            'aria-required': col.required === true,
          }),
        );
  }
  if (hint && col.type !== 'id') wrap.append(h('p', { className: 'hint', id: `help-${col.key}` }, hint));
  wrap.append(errorSlot(col.key), noteSlot(col.key));
  return wrap;
}

/** 「3,812 / 4,000文字」 under a long text once it nears the limit the payload allows. */
function counter(area: HTMLTextAreaElement, key: string): HTMLElement {
  const p = h('p', { className: 'hint count', id: `count-${key}`, 'aria-live': 'polite' });
  const update = () => {
    const n = area.value.length;
    p.hidden = n < TEXT_MAX * 0.9;
    p.textContent = `${n.toLocaleString('ja-JP')} / ${TEXT_MAX.toLocaleString('ja-JP')}文字${n > TEXT_MAX ? '（上限を超えています）' : n === TEXT_MAX ? '（上限です。続きは別の記録に書いてください）' : ''}`;
  };
  area.addEventListener('input', update);
  update();
  return p;
}

/**
 * The text fields of a payload longer than the payload allows (a cell loaded as it is can be), each
 * with its count: said next to the field before anything is sent, the text staying in the form.
 */
export function tooLong(payload: Readonly<Record<string, unknown>>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, v] of Object.entries(payload))
    if (typeof v === 'string' && v.length > TEXT_MAX)
      errors[key] =
        `${TEXT_MAX.toLocaleString('ja-JP')}文字までです（いま ${v.length.toLocaleString('ja-JP')}文字）。` +
        `${(v.length - TEXT_MAX).toLocaleString('ja-JP')}文字減らすか、続きを別の記録に書いてください。`;
  return errors;
}

/** Reads a field's value the way the payload carries it. */
export function readField(form: HTMLFormElement, col: ColumnDef): string | boolean | string[] | undefined {
  if (col.type === 'multiEnum' || col.type === 'multiList') {
    return Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${col.key}"]:checked`)).map((i) => i.value);
  }
  const el = form.elements.namedItem(col.key) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  if (!el) return undefined;
  if (col.type === 'boolean') return (el as HTMLInputElement).checked;
  const v = el.value.trim();
  if (v === '') return undefined;
  // A day typed without its year (4/1) goes as the day it was read as; any other text as typed.
  return col.type === 'date' ? sentDate(v) : v;
}

/** The note about a loaded cell (`note-<key>`); not an error slot, so showErrors leaves it alone. */
function noteSlot(key: string): HTMLParagraphElement {
  const p = h('p', { className: 'error cell-note', id: `note-${key}`, role: 'note' });
  p.hidden = true;
  return p;
}

const READ_AS: Partial<Record<ColumnDef['type'], string>> = {
  date: '日付',
  integer: '整数',
  number: '数',
};

/** What the sidebar says about a cell the parser cannot read (the cell stays as it is until changed). */
export function cellNote(col: ColumnDef, cell: UnreadableCell): string {
  const typed = cell.text.trim();
  switch (col.type) {
    case 'enum':
    case 'list':
      return `このセルには「${typed}」と入力されていますが、選択肢にありません。選び直して保存するまで、セルはそのままです。`;
    case 'multiEnum':
    case 'multiList':
      return `このセルの「${cell.notChoices.join('」「')}」は選択肢にありません。この項目を変えて保存すると消えます（変えなければセルはそのままです）。`;
    case 'boolean':
      return `このセルには「${typed}」と入力されていますが、はい・いいえとして読めません。チェックを変えて保存するまで、セルはそのままです。`;
    default:
      return `入力されたまま表示しています。${READ_AS[col.type] ?? 'この項目の値'}として読めないため、直して保存するまでセルはそのままです。`;
  }
}

/** Shows each unreadable cell's note next to its field and hides the others. */
export function showCellNotes(
  form: HTMLFormElement,
  columns: readonly ColumnDef[],
  unreadable: Readonly<Record<string, UnreadableCell>>,
): void {
  for (const col of columns) {
    const note = form.querySelector<HTMLElement>(`#note-${CSS.escape(col.key)}`);
    if (!note) continue;
    const cell = unreadable[col.key];
    note.textContent = cell ? cellNote(col, cell) : '';
    note.hidden = !cell;
  }
}

/** Shows a value in its field: a choice selected, a multi-value cell's values ticked, text as it is. */
export function writeField(form: HTMLFormElement, col: ColumnDef, value: unknown): void {
  if (col.type === 'multiEnum' || col.type === 'multiList') {
    const chosen = Array.isArray(value) || typeof value === 'string' ? splitMulti(value) : [];
    form
      .querySelectorAll<HTMLInputElement>(`input[name="${col.key}"]`)
      .forEach((i) => (i.checked = chosen.includes(i.value)));
    return;
  }
  const el = form.elements.namedItem(col.key) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  if (!el) return;
  if (col.type === 'boolean') (el as HTMLInputElement).checked = value === true;
  else el.value = value === undefined || value === null ? '' : String(value);
  // An empty cell of a column whose default is a choice shows that choice (空欄は「未確認」).
  if (el instanceof HTMLSelectElement && el.selectedIndex < 0 && typeof col.default === 'string')
    el.value = col.default;
  el.dispatchEvent(new Event('input'));
  el.dispatchEvent(new Event('change'));
}
