// A few DOM helpers for the sidebars (no framework: every kilobyte is load time in a sidebar).
type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'className') el.className = String(v);
    else if (k === 'htmlFor') el.setAttribute('for', String(v));
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** The 必須 mark after a label. */
export const requiredMark = (): HTMLSpanElement => h('span', { className: 'req' }, '必須');

/** The sidebar's status line (#status); `strong`, a saved id, follows the text in bold. */
export function say(kind: 'ok' | 'error' | 'info' | 'warn', text: string, strong?: string): void {
  const status = byId('status');
  status.className = `status ${kind}`;
  status.replaceChildren(text, strong ? h('strong', { className: 'id', id: 'saved-id' }, strong) : '');
  status.hidden = false;
}

/** Hides the status line: what it said belonged to the previous action. */
export function clearStatus(): void {
  const status = byId('status');
  status.replaceChildren();
  status.hidden = true;
}

/** A field's error goes away as soon as the field is changed (the next save checks it again). */
export function clearErrorsOnEdit(root: HTMLElement): void {
  const clear = (ev: Event) => {
    const t = ev.target as HTMLElement | null;
    const key = t?.getAttribute('name') ?? t?.closest('[data-field]')?.getAttribute('data-field');
    if (!key) return;
    const slot = root.querySelector<HTMLElement>(`.error[data-for="${CSS.escape(key)}"]`);
    if (!slot || slot.hidden) return;
    slot.hidden = true;
    slot.textContent = '';
    root
      .querySelectorAll<HTMLElement>(`[name="${CSS.escape(key)}"], [data-field="${CSS.escape(key)}"]`)
      .forEach((f) => f.setAttribute('aria-invalid', 'false'));
  };
  root.addEventListener('input', clear);
  root.addEventListener('change', clear);
}

export function option(value: string, label = value, selected = false): HTMLOptionElement {
  const o = h('option', { value }, label);
  o.selected = selected;
  return o;
}

/** Shows each error next to its field (`err-<key>`) and marks the input; clears the others. */
export function showErrors(root: HTMLElement, errors: Record<string, string>): void {
  root.querySelectorAll<HTMLElement>('.error[data-for]').forEach((e) => {
    const key = e.dataset.for ?? '';
    const msg = errors[key];
    e.textContent = msg ?? '';
    e.hidden = !msg;
    root
      .querySelectorAll<HTMLElement>(`[name="${CSS.escape(key)}"], [data-field="${CSS.escape(key)}"]`)
      .forEach((f) => f.setAttribute('aria-invalid', msg ? 'true' : 'false'));
  });
  const first = root.querySelector<HTMLElement>('.error[data-for]:not([hidden])');
  first?.scrollIntoView({ block: 'center' });
}

export function errorSlot(key: string): HTMLParagraphElement {
  const p = h('p', { className: 'error', id: `err-${key}`, 'data-for': key, role: 'alert' });
  p.hidden = true;
  return p;
}
