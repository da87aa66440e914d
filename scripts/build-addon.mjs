// Builds the push-ready Apps Script add-on into build/addon (the rootDir of .clasp.json):
//   Code.js        one classic script: the bundle, its entry points top-level function declarations by name
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

async function script() {
  // ES2020 keeps `?.` and `??` as written instead of spelling each out (about 4.5 KB of the 150 KB):
  // Apps Script's V8 runtime takes ES2020, as Google's own template for TypeScript add-ons
  // (github.com/google/aside, tsconfig target es2020) relies on. Later syntax is still lowered.
  // The entry points (addon/main.ts) are function declarations whose names no other module uses:
  // esbuild keeps every name, its closing `export {…}` is dropped, and swc minifies the rest as the
  // classic script Apps Script runs, keeping those declarations by name — the top-level functions
  // Apps Script looks for. (An IIFE needs a table of its exports and a global read in a wrapper
  // per entry point, about 2 KB of the 150; a module's exports wrapped one by one, about 1.3 KB.)
  const r = await build({
    ...common,
    minify: false,
    minifyWhitespace: true,
    minifySyntax: true,
    target: 'es2020',
    entryPoints: ['addon/main.ts'],
    format: 'esm',
    // Class fields as assignments in the constructor, not through a helper that defines each one
    // (ES2022 fields lowered to ES2020): none of ours has a setter or a base class that would tell.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  });
  const text = r.outputFiles[0].text;
  const exported = /export\s*\{([^}]*)\};?\s*$/.exec(text);
  if (!exported) throw new Error('Code.js: the bundle does not end with its exports');
  // The entry module's export names become the script's global functions. esbuild renames an entry
  // point whose name another module's function has (submitIntake2 as submitIntake): refused.
  const exports = exported[1].split(',').map((e) => e.trim().split(/\s+as\s+/));
  const renamed = exports.filter(([inner, outer = inner]) => inner !== outer);
  if (renamed.length)
    throw new Error(
      `Code.js: give these functions of addon/ other names than the entry points': ${renamed.join('; ')}`,
    );
  const names = exports.map(([name]) => name).sort();
  // swc's minifier (already here for Jest) names and drops more than esbuild, in three passes (a
  // third took 115 bytes more than two). Its output stays ES2020.
  const { code: bundle } = await minify(text.slice(0, exported.index), {
    module: false,
    ecma: 2020,
    toplevel: true,
    compress: { passes: 3, ecma: 2020, toplevel: true, top_retain: names },
    mangle: { toplevel: true, reserved: names },
    format: { comments: false },
  });
  const missing = names.filter((n) => !new RegExp(`(^|[;}\\n])function ${n}\\(`).test(bundle));
  if (missing.length) throw new Error(`Code.js: not a top-level function declaration: ${missing.join(', ')}`);
  const code = `// kasane add-on — built by scripts/build-addon.mjs; edit addon/*.ts, not this file.\n${bundle}\n`;
  if (/^\s*(import|export)\s/m.test(bundle)) throw new Error('Code.js must be a classic script (no import/export)');
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
