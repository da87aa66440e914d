// Builds the push-ready Apps Script add-on into build/addon (the rootDir of .clasp.json):
//   Code.js        one classic script: an IIFE bundle plus a top-level function declaration per entry point
//   appsscript.json V8, Asia/Tokyo, narrow oauthScopes
//   intake.html, meeting.html, activity.html  self-contained sidebars (JS and CSS inlined)
//   figures.html   the dialog of 「指標を作成」 and 「月次集計を作成」, built the same way
//   due.html, prep.html  the sidebars 「確認予定」 and 「会議の準備シート」; story.html the dialog 「ケースの経過」
import { build } from 'esbuild';
import { minify } from '@swc/core';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';

const OUT = 'build/addon';
// The wrappers' parameter: a name the minifier never gives (it makes names of letters and digits
// only), so a wrapper cannot shadow the function it calls.
const ARGS = 'K$';
const LIMIT = 150 * 1024;
// Every HTML file of the add-on: addon/sidebars/<name>.html with <name>.ts and sidebar.css inlined.
const PAGES = ['intake', 'meeting', 'figures', 'activity', 'due', 'story', 'prep'];
const SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  // The sync client (addon/sync.ts) posts the PII-free registry to the kasane server.
  'https://www.googleapis.com/auth/script.external_request',
];

const common = {
  charset: 'utf8',
  bundle: true,
  write: false,
  minify: true,
  target: 'es2019',
  platform: 'browser',
  legalComments: 'none',
  logLevel: 'warning',
};

async function entryPoints() {
  // The entry module's export names become the script's global functions.
  const r = await build({
    ...common,
    entryPoints: ['addon/main.ts'],
    format: 'esm',
    metafile: true,
    // Names the output in the metafile; with write: false nothing is written there.
    outdir: 'build/.tmp',
  });
  const out = Object.values(r.metafile.outputs).find((o) => o.entryPoint === 'addon/main.ts');
  return out.exports.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n)).sort();
}

async function script() {
  const names = await entryPoints();
  // ES2020 keeps `?.` and `??` as written instead of spelling each out (about 4.5 KB of the 150 KB):
  // Apps Script's V8 runtime takes ES2020, as Google's own template for TypeScript add-ons
  // (github.com/google/aside, tsconfig target es2020) relies on. Later syntax is still lowered.
  // The bundle is a module whose closing `export {…}` is replaced by one top-level function per
  // entry point, calling the module's own (minified) function: an IIFE would need a table of its
  // exports and a global read in every wrapper (about 2 KB of the 150).
  const r = await build({
    ...common,
    target: 'es2020',
    entryPoints: ['addon/main.ts'],
    format: 'esm',
    // Class fields as assignments in the constructor, not through a helper that defines each one
    // (ES2022 fields lowered to ES2020): none of ours has a setter or a base class that would tell.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  });
  // swc's minifier (already here for Jest) takes another 1.8 KB off esbuild's output: it inlines and
  // drops more, in three passes (a third took 115 bytes more than two). Its output stays ES2020.
  const { code: text } = await minify(r.outputFiles[0].text, {
    module: true,
    ecma: 2020,
    compress: { passes: 3, ecma: 2020 },
    mangle: { toplevel: true },
    format: { comments: false },
  });
  const exported = /export\s*\{([^}]*)\};?\s*$/.exec(text);
  if (!exported) throw new Error('Code.js: the bundle does not end with its exports');
  const local = new Map(
    exported[1].split(',').map((e) => {
      const [inner, outer = inner] = e.trim().split(/\s+as\s+/);
      return [outer, inner];
    }),
  );
  if (names.some((n) => !local.has(n))) throw new Error("Code.js: an entry point is not among the bundle's exports");
  const bundle = text.slice(0, exported.index);
  // One top-level declaration per entry point, as Apps Script finds them; the arguments passed on
  // (a trigger's event, google.script.run's values). No entry point reads `this`.
  const wrappers = names.map((n) => `function ${n}(...${ARGS}){return ${local.get(n)}(...${ARGS})}`).join('\n');
  const code = `// kasane add-on — built by scripts/build-addon.mjs; edit addon/*.ts, not this file.\n${bundle}\n${wrappers}\n`;
  if (/^\s*(import|export)\s/m.test(bundle) || bundle.includes(ARGS))
    throw new Error('Code.js must be a classic script (no import/export) that never names ' + ARGS);
  return { code, names };
}

async function sidebar(name, css) {
  const r = await build({ ...common, entryPoints: [`addon/sidebars/${name}.ts`], format: 'iife' });
  const js = r.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const template = await readFile(`addon/sidebars/${name}.html`, 'utf8');
  return template
    .replace('<!-- kasane:style -->', () => `<style>${css}</style>`)
    .replace('<!-- kasane:script -->', () => `<script>${js}</script>`);
}

const kb = (s) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KB`;

export async function buildAddon() {
  // Written next to the old folder and swapped in, so a reader never sees a half-built add-on.
  const tmp = `${OUT}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const { code, names } = await script();
  const manifest = {
    timeZone: 'Asia/Tokyo',
    dependencies: {},
    exceptionLogging: 'STACKDRIVER',
    runtimeVersion: 'V8',
    oauthScopes: SCOPES,
  };
  const files = [
    ['Code.js', code],
    ['appsscript.json', JSON.stringify(manifest, null, 2) + '\n'],
  ];
  const css = (await readFile('addon/sidebars/sidebar.css', 'utf8'))
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '');
  for (const name of PAGES) files.push([`${name}.html`, await sidebar(name, css)]);
  const lines = [];
  try {
    for (const [file, text] of files) {
      await writeFile(join(tmp, file), text);
      lines.push(`  ${file.padEnd(16)} ${kb(text).padStart(9)}`);
      if ((file.endsWith('.js') || file.endsWith('.html')) && Buffer.byteLength(text) > LIMIT) {
        throw new Error(`${file} is ${kb(text)}; keep it under ${LIMIT / 1024} KB (see ARCHITECTURE.md)`);
      }
    }
    await rm(OUT, { recursive: true, force: true });
    await rename(tmp, OUT);
  } finally {
    // A failed build leaves the last good add-on and no half-written folder beside it.
    await rm(tmp, { recursive: true, force: true });
  }
  console.log(`build: add-on → ${OUT} (${names.length} entry points)\n${lines.join('\n')}`);
}
