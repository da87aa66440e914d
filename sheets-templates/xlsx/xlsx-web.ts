// How a browser inflates and decodes an XLSX's parts for the shared reader (xlsx-zip.ts,
// xlsx-cells.ts): DecompressionStream('deflate-raw') (Chrome and Edge 103 and later, Node 21.2;
// also Node 20.12) and the standard TextDecoder. No Node API, no library.
import { standardUtf8 } from './xlsx-cells';
import type { XlsxIo } from './xlsx-zip';

/** Compressed bytes handed to the decompressor at a time: it inflates only as the reader asks for more. */
const PIECE = 64 * 1024;

/** DecompressionStream takes views of an ArrayBuffer; a file's bytes are one (shared memory is copied). */
const unshared = (view: Uint8Array): Uint8Array<ArrayBuffer> =>
  view.buffer instanceof ArrayBuffer ? (view as Uint8Array<ArrayBuffer>) : new Uint8Array(view);

function inflated(compressed: Uint8Array): ReadableStream<Uint8Array> {
  const data = unshared(compressed);
  let at = 0;
  const source = new ReadableStream<BufferSource>({
    pull(controller) {
      if (at >= data.length) {
        controller.close();
        return;
      }
      controller.enqueue(data.subarray(at, at + PIECE));
      at += PIECE;
    },
  });
  return source.pipeThrough(new DecompressionStream('deflate-raw'));
}

async function* chunks(data: Uint8Array): AsyncGenerator<Uint8Array> {
  const reader = inflated(data).getReader();
  let done = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    // Left early (the sheet data ended, or a fault): nothing more is inflated.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

export const WEB_IO: XlsxIo = {
  async inflate(data) {
    const parts: Uint8Array[] = [];
    let length = 0;
    for await (const c of chunks(data)) {
      parts.push(c);
      length += c.length;
    }
    const out = new Uint8Array(length);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  },
  inflateChunks: chunks,
  utf8: standardUtf8(),
};
