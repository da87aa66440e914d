// The page's stand-in for Node's Buffer, injected by scripts/build-report.mjs wherever a bundled
// module names the global `Buffer`: the CSV renderers (reports/csv.ts toCsv) encode their text with
// Buffer.from(text, 'utf8'), and the page hands those same bytes to a download. Only that use is
// served; any other fails loudly instead of writing a different file than the CLI.
export const Buffer = {
  from(value: unknown, encoding?: unknown): Uint8Array {
    if (typeof value !== 'string' || encoding !== 'utf8')
      throw new Error('Buffer.from(text, "utf8") 以外はこのページでは使えません。');
    return new TextEncoder().encode(value);
  },
};
