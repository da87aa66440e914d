// The case picker of the meeting and 準備シート sidebars and the ケースの経過 dialog: a search over
// ケースID, 氏名, 担当者 and 支援状況 (any width, case or spacing), open and recently active cases
// first, the first matches drawn and the rest counted aloud — never cut off silently.
import { findCases, indexCases, latestOn, type CaseIndex } from '../../core/registry/case-list';
import type { CaseChoice } from '../forms/consent';
import { h } from './dom';

export const PICKER_LIMIT = 50;

export interface PickerOptions {
  search: HTMLInputElement;
  list: HTMLElement;
  count: HTMLElement;
  /** Why a case cannot be chosen now, in a sentence or two (null: it can). */
  blocked?: (c: CaseChoice) => string | null;
  isChosen: (c: CaseChoice) => boolean;
  /** A tick box per case (several chosen), or a button (one case opened). */
  mode: 'check' | 'open';
  onPick: (c: CaseChoice, on: boolean) => void;
}

/** 「支援中 · 担当 山田 · 最終 2025-05-10 · 次回確認 2025-06-01」: what tells two cases apart. */
export function caseSub(c: CaseChoice): string {
  const last = latestOn(c);
  return [c.stage, c.staff && `担当 ${c.staff}`, last && `最終 ${last}`, c.nextReviewOn && `次回確認 ${c.nextReviewOn}`]
    .filter(Boolean)
    .join(' · ');
}

export const caseTitle = (c: CaseChoice): string => (c.name ? `${c.caseId} ${c.name}` : c.caseId);

export class CasePicker {
  private index: CaseIndex<CaseChoice> = { entries: [] };
  private size = 0;
  constructor(private readonly o: PickerOptions) {
    o.search.addEventListener('input', () => this.render());
  }

  setCases(cases: readonly CaseChoice[]): void {
    this.index = indexCases(cases);
    this.size = cases.length;
    this.render();
  }

  render(): void {
    const { list, count } = this.o;
    const found = findCases(this.index, this.o.search.value, PICKER_LIMIT);
    // A tick box ticked from the keyboard is drawn again with the list: the focus stays on its case.
    const focused = list.contains(document.activeElement) ? document.activeElement?.id : undefined;
    list.replaceChildren(...found.shown.map((c) => this.line(c)));
    if (focused) document.getElementById(focused)?.focus();
    count.textContent = !this.size
      ? '「ケース」シートにケースがありません。'
      : !found.total
        ? '該当するケースがありません。'
        : found.more
          ? `該当 ${found.total}件のうち ${found.shown.length}件を表示しています。ほか ${found.more}件は検索で絞り込んでください。`
          : `該当 ${found.total}件`;
  }

  private line(c: CaseChoice): HTMLLIElement {
    const gap = this.o.blocked?.(c) ?? null;
    const id = `pick-${c.caseId}`;
    const sub = caseSub(c);
    let control: HTMLElement;
    if (this.o.mode === 'check') {
      const label = h('label', { htmlFor: id }, caseTitle(c), sub ? h('span', { className: 'sub' }, ` ${sub}`) : '');
      const box = h('input', { type: 'checkbox', id, name: 'caseIds', value: c.caseId, disabled: gap !== null });
      box.checked = this.o.isChosen(c);
      box.addEventListener('change', () => this.o.onPick(c, box.checked));
      control = h('span', { className: 'check' }, box, label);
    } else {
      control = h(
        'button',
        { type: 'button', id, className: 'pick' },
        h('strong', {}, caseTitle(c)),
        sub ? h('span', { className: 'sub' }, ` ${sub}`) : '',
      );
      control.addEventListener('click', () => this.o.onPick(c, true));
    }
    const row = h('li', { className: gap ? 'case disabled' : 'case', 'data-case': c.caseId }, control);
    if (gap) row.append(h('p', { className: 'reason' }, `選べません: ${gap}`));
    return row;
  }
}
