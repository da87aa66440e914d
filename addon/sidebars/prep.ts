// The 会議の準備シート sidebar: the meeting's 種別 and 開催予定日 and its cases, chosen as in the meeting
// sidebar (the same search and order; for a 重層的支援会議 only cases with consent in force on the
// day). Apps Script checks the rule again and writes 「準備シート」.
import { consentGap, MULTI_MEETING, SUPPORT_MEETING_HINT, type CaseChoice } from '../forms/consent';
import { isFailure } from '../errors';
import { call, lostAnswer } from './bridge';
import { CasePicker, caseSub, caseTitle } from './case-picker';
import { dateHint, isoOf, sentDate } from './day-hint';
import { byId, errorSlot, h, holdStill, option, say, showErrors } from './dom';

const form = byId<HTMLFormElement>('prep-form');
const typeSelect = byId<HTMLSelectElement>('f-type');
const dayInput = byId<HTMLInputElement>('f-heldOn');
const chosen = new Map<string, CaseChoice>();

function day(): string | null {
  return isoOf(dayInput.value, 'future');
}

function gapOf(c: CaseChoice): string | null {
  if (typeSelect.value !== MULTI_MEETING) return null;
  const d = day();
  return d ? consentGap(c, d) : '開催予定日が未入力です';
}

const picker = new CasePicker({
  search: byId<HTMLInputElement>('case-search'),
  list: byId('case-list'),
  count: byId('match-count'),
  mode: 'check',
  blocked: (c) => {
    const gap = gapOf(c);
    return gap ? `${gap}。${SUPPORT_MEETING_HINT}` : null;
  },
  isChosen: (c) => chosen.has(c.caseId),
  onPick: (c, on) => toggle(c, on),
});

function renderChosen(): void {
  byId('chosen-list').replaceChildren(
    ...[...chosen.values()].map((c, i) => {
      const remove = h('button', { type: 'button', className: 'remove', 'aria-label': `${c.caseId} を外す` }, '外す');
      remove.addEventListener('click', () => removeChosen(c, i));
      const gap = gapOf(c);
      return h(
        'li',
        { 'data-chosen': c.caseId, 'data-field': `cases.${i}.caseId` },
        h('div', { className: 'head' }, h('strong', {}, caseTitle(c)), remove),
        h('span', { className: 'sub' }, caseSub(c)),
        gap ? h('p', { className: 'reason' }, `この会議では検討できません: ${gap}。外してください。`) : '',
        errorSlot(`cases.${i}.caseId`),
      );
    }),
  );
  byId('chosen-count').textContent = chosen.size
    ? `選択したケース: ${chosen.size}件`
    : '選択したケースはまだありません。';
}

/** 外す: the focus goes to the 外す that took its place (or the one before), else to the search box. */
function removeChosen(c: CaseChoice, at: number): void {
  toggle(c, false);
  const left = byId('chosen-list').querySelectorAll<HTMLButtonElement>('button.remove');
  (left[at] ?? left[at - 1] ?? byId('case-search')).focus();
}

function toggle(c: CaseChoice, on: boolean): void {
  if (on) chosen.set(c.caseId, c);
  else chosen.delete(c.caseId);
  renderChosen();
  picker.render();
}

function refresh(): void {
  const d = day();
  byId('consent-note').textContent =
    typeSelect.value === MULTI_MEETING
      ? d
        ? `重層的支援会議: ${d} に本人同意のあるケースだけを選べます。`
        : '重層的支援会議: 開催予定日を入れると、同意のあるケースだけを選べるようになります。'
      : '';
  picker.render();
  renderChosen();
}

async function submit(e: Event): Promise<void> {
  e.preventDefault();
  showErrors(form, {});
  say('info', '準備シートを作成しています…');
  // The type, the day and the cases wait with the button: a change made meanwhile would not be in it.
  const release = holdStill(form);
  try {
    const r = await call('writePrepSheet', {
      type: typeSelect.value,
      heldOn: sentDate(dayInput.value, 'future'),
      caseIds: [...chosen.keys()],
    });
    if (isFailure(r)) {
      showErrors(form, r.errors);
      say('error', r.message);
      return;
    }
    showErrors(form, {});
    say(
      'ok',
      `「${r.sheet}」シートに ${r.cases}件のケースを書きました。印刷・共有の前に「取扱注意」の行をご確認ください。`,
    );
  } catch {
    say('error', lostAnswer('作成', '準備シートを作成', { shows: '「準備シート」が同じ内容で作り直されます' }));
  } finally {
    release();
  }
}

async function start(): Promise<void> {
  // 開催予定日 is a day to come: 4/1 is not read as the last 4/1, and the hint asks for the year.
  dateHint(dayInput, byId('hint-heldOn'), '例: 2025-07-01、令和7年7月1日、R7.7.1', 'future');
  typeSelect.addEventListener('change', refresh);
  dayInput.addEventListener('input', refresh);
  form.addEventListener('submit', (e) => void submit(e));
  renderChosen();
  try {
    const ctx = await call('getMeetingContext');
    if (isFailure(ctx)) {
      say('error', ctx.message);
      return;
    }
    typeSelect.replaceChildren(option('', '（選択してください）'), ...ctx.types.map((t) => option(t)));
    picker.setCases(ctx.cases);
    refresh();
    byId('ready').dataset.ready = 'true';
  } catch (err) {
    say('error', `ケースの一覧を読み込めませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  }
}

void start();
