// The 確認予定 sidebar: the open cases due for a look today (core/registry/due.ts) — 次回確認日
// reached, no 支援記録 for the 設定's 確認の目安日数, consent still 未確認 that long after 受付 — for
// one 担当者 or everyone. Each case opens in the intake sidebar (loaded for editing) or, in a new
// tab, at its row of 「ケース」.
import { searchKey } from '../../core/registry/case-list';
import { dueCases, dueReasonText, type DueCase } from '../../core/registry/due';
import type { DueContext } from '../coordinator/types';
import type { CaseChoice } from '../forms/consent';
import { isFailure } from '../errors';
import { call } from './bridge';
import { caseTitle } from './case-picker';
import { byId, h, option, say } from './dom';

/** Enough for any one 担当者; everyone's list says how many more there are. */
const SHOWN = 200;
let ctx: DueContext | null = null;

const staffSelect = byId<HTMLSelectElement>('staff');

function line(today: string, link: string, { c, reasons }: DueCase<CaseChoice>): HTMLLIElement {
  const open = h('button', { type: 'button', className: 'action open' }, '開く');
  open.addEventListener('click', () => void openCase(c.caseId, open));
  const sub = [c.stage, c.staff && `担当 ${c.staff}`].filter(Boolean).join(' · ');
  return h(
    'li',
    { 'data-case': c.caseId, 'data-kinds': reasons.map((r) => r.kind).join(' ') },
    h('strong', {}, caseTitle(c)),
    sub ? h('span', { className: 'sub' }, sub) : '',
    h('ul', { className: 'reasons' }, ...reasons.map((r) => h('li', {}, dueReasonText(r, today)))),
    h(
      'div',
      { className: 'links' },
      open,
      c.row
        ? h(
            'a',
            { href: `${link}${c.row}`, target: '_blank', rel: 'noopener', className: 'row-link' },
            `「ケース」${c.row}行目`,
          )
        : '',
    ),
  );
}

function render(): void {
  if (!ctx) return;
  const want = staffSelect.value;
  const due = dueCases(ctx.cases, { today: ctx.today, followUpDays: ctx.followUpDays, staff: want });
  byId('due-list').replaceChildren(...due.slice(0, SHOWN).map((d) => line(ctx!.today, ctx!.link, d)));
  const who = want ? `${want}さんの担当で` : '';
  byId('due-count').textContent = due.length
    ? `${who}確認が必要なケース: ${due.length}件` +
      (due.length > SHOWN ? `（先の ${SHOWN}件を表示。担当者で絞り込んでください）` : '')
    : `${who}今日確認が必要なケースはありません。`;
}

async function openCase(caseId: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const r = await call('openCaseInIntake', caseId);
    if (isFailure(r)) say('error', r.message);
  } catch (err) {
    say('error', `ケースを開けませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  } finally {
    button.disabled = false;
  }
}

/**
 * 「設定」's 担当者 in its order, then any other 担当者 typed on an open case (not listed yet), once
 * each as first written, so no case is out of reach of the filter.
 */
function staffOf(listed: readonly string[], cases: readonly CaseChoice[]): string[] {
  const seen = new Set(listed.map((s) => searchKey(s)));
  const typed = new Map<string, string>();
  for (const c of cases) {
    const name = c.staff?.trim();
    if (name && !seen.has(searchKey(name)) && !typed.has(searchKey(name))) typed.set(searchKey(name), name);
  }
  return [...listed, ...[...typed.values()].sort((a, b) => a.localeCompare(b, 'ja'))];
}

async function load(): Promise<void> {
  say('info', '台帳を読み込んでいます…');
  try {
    const r = await call('getDueList');
    if (isFailure(r)) {
      say('error', r.message);
      return;
    }
    ctx = r;
    const keep = staffSelect.value;
    staffSelect.replaceChildren(
      option('', '全員'),
      ...staffOf(r.listedStaff, r.cases).map((s) => option(s, s, s === keep)),
    );
    byId('as-of').textContent = `${r.today} の時点で確認が必要なケース（確認予定日の古い順）`;
    byId('due-rules').textContent =
      `対象: 次回確認日を過ぎたケース、支援中・見守りで支援記録が${r.followUpDays}日ないケース、受付から${r.followUpDays}日たっても本人同意が未確認のケース（日数は「設定」の確認の目安日数）。終結したケースは出しません。`;
    byId('status').hidden = true;
    render();
    byId('ready').dataset.ready = 'true';
  } catch (err) {
    say('error', `確認予定を読み込めませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  }
}

staffSelect.addEventListener('change', render);
byId('reload').addEventListener('click', () => void load());
void load();
