import type { Calls } from '../calls';

// A promise over google.script.run (the sidebar's only way to reach Apps Script). In Sheets the
// object is provided by Google; `kasane preview` injects one that posts to the preview server.
interface Runner {
  withSuccessHandler(f: (value: unknown) => void): Runner;
  withFailureHandler(f: (error: unknown) => void): Runner;
  [fn: string]: unknown;
}
declare const google: { script: { run: Runner } };

/** Calls a target by its declared name, with its declared arguments, for its declared answer (calls.ts). */
export function call<K extends keyof Calls>(fn: K, ...args: Parameters<Calls[K]>): Promise<ReturnType<Calls[K]>> {
  type T = ReturnType<Calls[K]>;
  return new Promise<T>((resolve, reject) => {
    const runner = google.script.run.withSuccessHandler((v) => resolve(v as T)).withFailureHandler(reject);
    const target = runner[fn];
    if (typeof target !== 'function') {
      reject(new Error(`${fn} is not available`));
      return;
    }
    (target as (...a: unknown[]) => void).apply(runner, args);
  });
}

/**
 * What a second press of the button does when the first was done: `shows` says what comes up
 * instead of a second record; `unseen`, why nothing would notice, and `look`, where to look first.
 */
export type Repeat = { shows: string } | { unseen: string; look: string };

/**
 * What a sidebar says when google.script.run answers a save with its failure handler ('Failed to
 * fetch', a timeout): the call may have reached Apps Script and been written before the answer was
 * lost, so "not saved" would be untrue — and a clerk told so would type the record in again. Apps
 * Script refuses the same record twice (a meeting or contact alike in every column: code
 * 'record.duplicate'; a case like a registered one: the duplicate warning), so pressing the button
 * again is what to do. The browser's own words (English) are not the clerk's business. `verb` is
 * what the button does (保存, 記録, 作成).
 */
export function lostAnswer(verb: string, button: string, repeat: Repeat): string {
  const head = `通信が途切れたため、${verb}できたかどうか分かりません。入力した内容はそのまま残しています。`;
  return 'shows' in repeat
    ? `${head}もう一度「${button}」を押しても、同じ内容が二重に${verb}されることはありません（${verb}済みなら、${repeat.shows}）。`
    : `${head}${repeat.unseen}、二重になっていないか分かりません。${repeat.look}を確かめて、なければもう一度「${button}」を押してください。`;
}
