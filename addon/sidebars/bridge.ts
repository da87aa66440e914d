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
