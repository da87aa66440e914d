// The activity sidebar (「支援を記録する」): one contact with a case as one 支援記録 row. The case is
// found by ケースID, 氏名 or 担当者 as typed (any width, case or spacing: ｋ－２０２５－０００１ finds
// K-2025-0001); after a save the case, 実施日, 種別 and 受け入れ先 stay and メモ is emptied, so the
// next contact of the same case is one more 「記録する」.
import { defaultSettings, type ColumnDef } from '../../core/registry/definition';
import { foldText, searchKey } from '../../core/registry/fold';
import { isPlanBased } from '../../core/registry/plan';
import {
  ACTIVITIES,
  validateActivityForm,
  type ActivityPayload,
  type ActivitySaved,
  type CaseSummary,
} from '../activity/form';
import { FORM_INVALID, isFailure } from '../errors';
import { call, lostAnswer } from './bridge';
import { isoOf, setToday } from './day-hint';
import { byId, clearErrorsOnEdit, clearStatus, errorSlot, h, holdStill, requiredMark, say, showErrors } from './dom';
import { field, readField, tooLong, writeField } from './fields';

const form = byId<HTMLFormElement>('activity-form');
const settings = defaultSettings();
/** Open cases first, then as Apps Script sent them (newest ケースID first). */
let cases: CaseSummary[] = [];
/** Each case's searchKey, by index. */
let keys: string[] = [];
let chosen: CaseSummary | null = null;
const LIST_LIMIT = 30;
const CLOSED = '終結';

const col = (key: string): ColumnDef => ACTIVITIES.columns.find((c) => c.key === key)!;

/** A case as a line of the list and of the chosen card: id and name, then 担当・状況・受付. */
function caseLine(c: CaseSummary): Array<Node | string> {
  const sub = [c.staff ? `担当 ${c.staff}` : '', c.stage ?? '', c.receivedOn ? `受付 ${c.receivedOn}` : '']
    .filter(Boolean)
    .join('・');
  return [h('strong', {}, c.caseId), c.name ? ` ${c.name}` : '', h('span', { className: 'sub' }, sub)];
}

function renderList(): void {
  const list = byId('case-list');
  const q = foldText(byId<HTMLInputElement>('case-search').value);
  list.replaceChildren();
  let shown = 0;
  let more = 0;
  cases.forEach((c, i) => {
    if (q && !keys[i]!.includes(q)) return;
    // A long registry: the first matches are drawn, the rest wait for a narrower search.
    if (shown >= LIST_LIMIT) {
      more++;
      return;
    }
    shown++;
    const pick = h('button', { type: 'button', className: 'pick' }, ...caseLine(c));
    pick.addEventListener('click', () => choose(c));
    list.append(h('li', { 'data-case': c.caseId }, pick));
  });
  if (more) list.append(h('li', { className: 'hint' }, `ほか ${more}件。ケースID・氏名・担当者で絞り込んでください。`));
  if (!shown)
    list.append(
      h(
        'li',
        { className: 'hint' },
        cases.length ? '該当するケースがありません。' : '「ケース」シートにケースがありません。',
      ),
    );
}

/** The 実施日 as an ISO date, when it can be read. */
function contactDay(): string | null {
  return isoOf((form.elements.namedItem('on') as HTMLInputElement).value);
}

/** Whether the contact will count as プランに基づく, as Apps Script will tell after the save. */
function refreshPlanHint(): void {
  const day = contactDay();
  byId('plan-hint').textContent =
    chosen && day
      ? isPlanBased(chosen.planOn, day)
        ? `プランに基づく支援になります（プラン作成日 ${chosen.planOn}）。`
        : chosen.planOn
          ? `プラン作成前の支援になります（プラン作成日 ${chosen.planOn}）。`
          : 'プラン作成前の支援になります（プラン作成日が未入力）。'
      : '';
}

function showChosen(): void {
  const card = byId('chosen');
  card.hidden = chosen === null;
  byId('case-picker').hidden = chosen !== null;
  byId('chosen-case').replaceChildren(...(chosen ? caseLine(chosen) : []));
  refreshPlanHint();
}

/** Another case: what was said about the last one goes. */
function choose(c: CaseSummary | null): void {
  chosen = c;
  clearStatus();
  showErrors(form, {});
  showChosen();
  if (!c) {
    renderList();
    byId('case-search').focus();
  } else form.querySelector<HTMLElement>('[name="on"]')?.focus(); // the picker it was in is hidden: 実施日 is next
}

/** Enter in the search box: the case whose id was typed, or the only match. */
function pickTyped(ev: KeyboardEvent): void {
  if (ev.key !== 'Enter') return;
  ev.preventDefault();
  const q = foldText(byId<HTMLInputElement>('case-search').value);
  if (!q) return;
  const exact = cases.find((c) => foldText(c.caseId) === q);
  const matches = exact ? [exact] : cases.filter((_, i) => keys[i]!.includes(q)).slice(0, 2);
  if (matches.length === 1) choose(matches[0]!);
}

function payload(): ActivityPayload {
  const p: ActivityPayload = { caseId: chosen?.caseId ?? '' };
  for (const key of ['on', 'kind', 'placement', 'note'] as const) {
    const v = readField(form, col(key));
    if (typeof v === 'string') p[key] = v;
  }
  return p;
}

function savedMessage(r: ActivitySaved): string {
  const basis = r.planBased
    ? `プランに基づく支援です（プラン作成日 ${r.planOn}）。`
    : r.planOn
      ? `プラン作成前の支援です（プラン作成日 ${r.planOn} より前）。`
      : 'プラン作成前の支援です（プラン作成日が未入力）。';
  return `${r.caseId} の支援を記録しました。${basis}記録ID: `;
}

async function submit(ev: Event): Promise<void> {
  ev.preventDefault();
  clearStatus();
  const p = payload();
  const long = tooLong(p);
  const local = Object.keys(long).length
    ? { ok: false as const, errors: long }
    : validateActivityForm(p, settings, chosen ?? undefined);
  if (!local.ok) {
    showErrors(form, local.errors);
    say('error', `${FORM_INVALID}記録していません。`);
    return;
  }
  showErrors(form, {});
  say('info', '記録しています…');
  // Every field waits with the button (「別のケースを選ぶ」 too): a change made during the save
  // would not be in it, and メモ is emptied when it is done.
  const release = holdStill(form);
  try {
    const r = await call('submitActivity', p);
    if (isFailure(r)) {
      showErrors(form, r.errors);
      say('error', r.message);
      return;
    }
    // The next contact of the same case: the case, the day, the kind and the place stay.
    if (chosen) chosen = { ...chosen, ...(r.planOn ? { planOn: r.planOn } : {}) };
    writeField(form, col('note'), '');
    refreshPlanHint();
    say('ok', savedMessage(r), r.activityId);
  } catch {
    say('error', lostAnswer('記録', '記録する', { shows: '同じ内容の記録がすでにあると表示されます' }));
  } finally {
    release();
  }
}

function render(kinds: readonly string[], today: string): void {
  const caseField = h(
    'div',
    { className: 'field', id: 'field-caseId' },
    h('label', { htmlFor: 'case-search' }, 'ケース', requiredMark()),
    h(
      'div',
      { className: 'chosen', id: 'chosen', 'data-field': 'caseId' },
      h('p', { id: 'chosen-case' }),
      h('button', { type: 'button', id: 'change-case' }, '別のケースを選ぶ'),
    ),
    h(
      'div',
      { className: 'picker', id: 'case-picker' },
      h('input', {
        type: 'search',
        id: 'case-search',
        'data-field': 'caseId',
        placeholder: 'ケースID・氏名・担当者',
        autocomplete: 'off',
      }),
      h('p', { className: 'hint' }, 'ケースID・氏名・担当者の一部で探して、一覧から選んでください。'),
      h('ul', { className: 'cases', id: 'case-list' }),
    ),
    errorSlot('caseId'),
  );
  const on = field(col('on'), {});
  on.append(h('p', { className: 'hint', id: 'plan-hint' }));
  const placement = field(
    col('placement'),
    { placements: settings.placements },
    '参加支援・定着支援の受け入れ先（事業所・団体など）。',
  );
  form.replaceChildren(
    caseField,
    on,
    field({ ...col('kind'), values: kinds }, {}),
    placement,
    field(col('note'), {}, 'メモは個人情報としてスプレッドシートの中だけに残ります。'),
    h(
      'div',
      { className: 'actions sticky' },
      h('button', { type: 'submit', className: 'action', id: 'save' }, '記録する'),
    ),
  );
  writeField(form, col('on'), today);
  byId('case-search').addEventListener('input', renderList);
  byId('case-search').addEventListener('keydown', pickTyped);
  byId('change-case').addEventListener('click', () => choose(null));
  (form.elements.namedItem('on') as HTMLInputElement).addEventListener('input', refreshPlanHint);
  showChosen();
  renderList();
}

async function start(): Promise<void> {
  form.addEventListener('submit', (e) => void submit(e));
  clearErrorsOnEdit(form);
  render(col('kind').values ?? [], '');
  try {
    const ctx = await call('getActivityContext');
    if (isFailure(ctx)) {
      say('error', ctx.message);
      return;
    }
    // Stable: open cases keep Apps Script's order (newest first), closed ones follow.
    cases = [...ctx.cases].sort((a, b) => Number(a.stage === CLOSED) - Number(b.stage === CLOSED));
    keys = cases.map((c) => searchKey(c.caseId, c.name, c.staff));
    // 「設定」's 受け入れ先: the field's choices, and what the form is checked against.
    settings.placements = ctx.placements;
    setToday(ctx.today);
    render(ctx.kinds, ctx.today);
    byId('ready').dataset.ready = 'true';
  } catch (err) {
    say('error', `ケースの一覧を読み込めませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  }
}

void start();
