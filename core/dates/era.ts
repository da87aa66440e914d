// 和暦 as a table of eras and their first days, so conversion behaves the same in Apps Script,
// Node and every browser (Intl's Japanese calendar support differs between runtimes).

export interface Era {
  readonly name: string;
  readonly short: string; // one kanji, as in 令6.4.1
  readonly letter: string; // as in R6.4.1
  readonly firstDay: string; // ISO date the era began
}

/** Newest first. 明治 counts from the Gregorian calendar's adoption (明治6年1月1日). */
export const ERAS: readonly Era[] = [
  { name: '令和', short: '令', letter: 'R', firstDay: '2019-05-01' },
  { name: '平成', short: '平', letter: 'H', firstDay: '1989-01-08' },
  { name: '昭和', short: '昭', letter: 'S', firstDay: '1926-12-25' },
  { name: '大正', short: '大', letter: 'T', firstDay: '1912-07-30' },
  { name: '明治', short: '明', letter: 'M', firstDay: '1868-01-25' },
];

export function eraByToken(token: string): Era | undefined {
  const t = token.toUpperCase();
  return ERAS.find((e) => e.name === token || e.short === token || e.letter === t);
}

/** The era in force on an ISO date, or undefined before 明治. */
export function eraOn(iso: string): Era | undefined {
  return ERAS.find((e) => e.firstDay <= iso);
}

export function eraYear(era: Era, gregorianYear: number): number {
  return gregorianYear - Number(era.firstDay.slice(0, 4)) + 1;
}

/** 令和元年 rather than 令和1年, as Japanese documents write it. */
export function eraYearText(n: number): string {
  return n === 1 ? '元' : String(n);
}

/** `令和6年4月1日` */
export function toWareki(iso: string): string {
  const era = eraOn(iso);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (!era) return `${y}年${m}月${d}日`;
  return `${era.name}${eraYearText(eraYear(era, y))}年${m}月${d}日`;
}
