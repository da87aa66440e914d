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
  const first = firstError(root);
  first?.scrollIntoView({ block: 'center' });
  focusFirstError(root);
}

const firstError = (root: ParentNode): HTMLElement | null =>
  root.querySelector<HTMLElement>('.error[data-for]:not([hidden])');

/**
 * Focus on the field of the first error shown (true), so a keyboard user starts at the first red
 * field and not at 保存 with the whole form to Shift+Tab back. The summary on the status line stays.
 */
function focusFirstError(root: HTMLElement): boolean {
  const first = firstError(root);
  if (!first) return false;
  (fieldOf(root, first) ?? focusable(first)).focus({ preventScroll: true });
  return true;
}

const CONTROLS = 'input, select, textarea, button';
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement;

/** A control that can take focus now: not disabled, and shown. */
const canFocus = (el: Element | null): el is Control =>
  el !== null && el.matches(CONTROLS) && !(el as Control).disabled && el.getClientRects().length > 0;

/**
 * The control an error slot is about: the first focusable one named as its key (`name` or
 * `data-field`, or inside an element so marked — the tick boxes of a fieldset), else the first in
 * the slot's own field.
 */
function fieldOf(root: HTMLElement, slot: HTMLElement): Control | null {
  const key = CSS.escape(slot.dataset.for ?? '');
  for (const el of Array.from(root.querySelectorAll(`[name="${key}"], [data-field="${key}"]`))) {
    if (canFocus(el)) return el;
    const inner = Array.from(el.querySelectorAll(CONTROLS)).find(canFocus);
    if (inner) return inner;
  }
  const own = slot.closest('.field, li');
  return own ? (Array.from(own.querySelectorAll(CONTROLS)).find(canFocus) ?? null) : null;
}

/** An error about no one field (the form as a whole) takes the focus itself, so it is read out. */
function focusable(slot: HTMLElement): HTMLElement {
  slot.tabIndex = -1;
  return slot;
}

/**
 * Holds forms still while a save is in flight: every control is disabled, as text typed then would
 * be neither sent nor kept (a saved form is emptied). The function returned gives back exactly the
 * controls it took — a case that cannot be chosen stays disabled — and the focus: to the first
 * field in error, else, if it fell to the page, to where it was. Errors are cleared before each save
 * is sent, so any shown at the end are this save's.
 */
export function holdStill(...forms: HTMLFormElement[]): () => void {
  const focused = document.activeElement;
  const taken = forms
    .flatMap((f) => Array.from(f.elements))
    .filter((el): el is Control | HTMLFieldSetElement => 'disabled' in el && !(el as Control).disabled);
  taken.forEach((el) => (el.disabled = true));
  forms.forEach((f) => f.setAttribute('aria-busy', 'true'));
  return () => {
    taken.forEach((el) => (el.disabled = false));
    forms.forEach((f) => f.removeAttribute('aria-busy'));
    // Errors Apps Script answered with were shown while their fields were disabled: focus goes now.
    if (forms.some(focusFirstError)) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && focused instanceof HTMLElement && focused.isConnected) focused.focus({ preventScroll: true });
  };
}

export function errorSlot(key: string): HTMLParagraphElement {
  const p = h('p', { className: 'error', id: `err-${key}`, 'data-for': key, role: 'alert' });
  p.hidden = true;
  return p;
}
