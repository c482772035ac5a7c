// The packed tarball in real front-end builds, through its main entry and
// through the entry for forms: one scratch app per bundler
// (test/bundlers/<name>: its pinned package.json and lock, its sources, its
// configuration where the bundler needs one), installed with `npm ci` and
// the tarball, built with the bundler's own command, served on localhost
// and loaded in Chromium. A build fails the test on any warning, and a page
// on any error, failed request or wrong verdict.
//
// The apps are built in target/npm-bundlers/<name>; `npm ci` runs again only
// when the app's lock changed. Needs the npm registry (the bundlers).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '../../scripts/serve.mjs';
import { launch } from '../chromium.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = join(here, '..', '..');
const work = join(pkg, '..', '..', 'target', 'npm-bundlers');

/** Each app: the folder served (Vite's output is a site of its own; the
 * others' page loads `dist/main.js`), and how its bundler reports a warning. */
const APPS = {
  vite8: { site: 'dist', warned: viteWarned },
  vite6: { site: 'dist', warned: viteWarned },
  vite5: { site: 'dist', warned: viteWarned },
  webpack5: { site: '.', warned: ({ stdout }) => /\bWARNING\b/.test(stdout) },
  // `--log-level=warning`: esbuild prints warnings and errors only.
  esbuild: { site: '.', warned: ({ stderr }) => stderr.trim() !== '' },
  // Rollup's command prints each warning as `(!) …`.
  rollup: { site: '.', warned: ({ stdout, stderr }) => /\(!\)/.test(stdout + stderr) },
};

// Vite logs warnings to stderr, and its "(!)" notes (large chunks) to stdout.
function viteWarned({ stdout, stderr }) {
  return stderr.trim() !== '' || /\(!\)|doesn't exist at build time/.test(stdout);
}

const run = promisify(execFile);
const npm = (args, cwd) => run('npm', args, { cwd, maxBuffer: 16 << 20 });
let tarball;
let browser;

before(async () => {
  mkdirSync(work, { recursive: true });
  for (const f of readdirSync(work)) if (f.endsWith('.tgz')) rmSync(join(work, f));
  const { stdout } = await npm(['pack', '--silent', '--pack-destination', work], pkg);
  tarball = join(work, stdout.trim().split('\n').at(-1));
  browser = await launch();
});

after(() => browser?.close());

/** The scratch app: its sources afresh, its dependencies as its lock says, then the tarball. */
async function install(name) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f !== 'node_modules') rmSync(join(dir, f), { recursive: true });
  cpSync(join(here, name), dir, { recursive: true, filter: (path) => !/[/\\]node_modules$/.test(path) });
  cpSync(join(here, 'check.js'), join(dir, 'check.js'));
  const lock = createHash('sha256').update(readFileSync(join(dir, 'package-lock.json'))).digest('hex');
  const stamp = join(dir, 'node_modules', '.installed-lock');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lock) {
    await npm(['ci', '--no-audit', '--no-fund', '--loglevel=error'], dir);
    writeFileSync(stamp, lock);
  }
  rmSync(join(dir, 'node_modules', 'checkout-rules'), { recursive: true, force: true });
  await npm(['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir);
  return dir;
}

async function build(dir) {
  try {
    return await npm(['run', '--silent', 'build'], dir);
  } catch (e) {
    assert.fail(`the build failed:\n${e.stdout}${e.stderr}`);
  }
}

/** Opens a page; resolves to what the app shows, and every error and `.wasm` request seen. */
async function open(base) {
  const tab = await browser.newPage();
  const seen = { errors: [], wasm: [] };
  tab.on('pageerror', (e) => seen.errors.push(e.message));
  tab.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  tab.on('requestfailed', (r) => seen.errors.push(`${r.url()}: ${r.failure()?.errorText}`));
  tab.on('response', (r) => {
    if (r.status() >= 400) seen.errors.push(`${r.url()}: ${r.status()}`);
    if (r.url().endsWith('.wasm')) seen.wasm.push(new URL(r.url()).pathname);
  });
  try {
    await tab.goto(`${base}/`);
    const out = await tab.locator('#out').textContent({ timeout: 15_000 });
    return { out: JSON.parse(out), ...seen };
  } finally {
    await tab.close();
  }
}

/** The built site, served as a static site. */
async function load(site) {
  const { server, base } = await serve(site);
  try {
    return await open(base);
  } finally {
    server.close();
  }
}

/** Vite's dev server on a free local port, for as long as `use` runs. */
async function viteDev(dir, args, use) {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const vite = spawn(join(dir, 'node_modules', '.bin', 'vite'), [...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Without colours, which Vite's terminal library turns on wherever `CI`
    // is set (as CI sets it), splitting the port from its `:`.
    env: { ...process.env, NO_COLOR: '1' },
  });
  let log = '';
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vite did not start:\n${log}`)), 20_000);
      const read = (chunk) => {
        log += chunk;
        if (log.replace(/\x1b\[[0-9;]*m/g, '').includes(`:${port}/`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      vite.stdout.on('data', read);
      vite.stderr.on('data', read);
      vite.on('exit', (code) => reject(new Error(`vite exited (${code}):\n${log}`)));
    });
    return await use(`http://127.0.0.1:${port}`);
  } finally {
    vite.kill();
  }
}

const EXPECTED = {
  beforeInit: 'checkout-rules: call `await init()` first: it loads the WebAssembly',
  valid: true,
  amount: { minor: 2500, currency: 'KES', decimal: '25.00' },
  codes: ['/amount below_minimum', '/customer required', '/order_id required', '/items required'],
  minor: 1234,
};

/** The app's sources importing `checkout-rules/forms` (and its WebAssembly) instead. */
function useForms(dir) {
  for (const file of ['main.js', join('src', 'index.js')]) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const source = readFileSync(path, 'utf8');
    const forms = source
      .replace("from 'checkout-rules';", "from 'checkout-rules/forms';")
      .replace("from 'checkout-rules/checkout_rules.wasm';", "from 'checkout-rules/forms.wasm';");
    assert.notEqual(forms, source, path);
    writeFileSync(path, forms);
  }
}

/** Each entry a browser imports, and the folder of the WebAssembly it loads:
 * the main one, and the one for forms, which loads its own build. */
const ENTRIES = [
  ['checkout-rules', 'wasm'],
  ['checkout-rules/forms', 'wasm-forms'],
];

/** The app installed afresh, importing `entry`. */
async function installFor(name, entry) {
  const dir = await install(name);
  if (entry !== 'checkout-rules') useForms(dir);
  return dir;
}

describe('the package in front-end builds, in Chromium', () => {
  for (const [name, { site, warned }] of Object.entries(APPS)) {
    for (const [entry, folder] of ENTRIES) {
      test(`${name}: ${entry}`, async () => {
        const dir = await installFor(name, entry);
        const output = await build(dir);
        assert.ok(!warned(output), `the build warned:\n${output.stdout}${output.stderr}`);
        const { out, errors, wasm } = await load(join(dir, site));
        assert.deepEqual(errors, []);
        assert.deepEqual(out, EXPECTED);
        // The WebAssembly was fetched once, from the build's output: the bundler copied it.
        assert.equal(wasm.length, 1, `requests: ${wasm}`);
        assert.match(wasm[0], /^\/(dist|assets)\//);
        const shipped = readFileSync(join(pkg, folder, 'checkout_rules_wasm_bg.wasm'));
        assert.ok(readFileSync(join(dir, site, wasm[0])).equals(shipped));
      });
    }
  }
});

// Vite's dev server pre-bundles dependencies into node_modules/.vite/deps/.
// Vite 8 points the WebAssembly's URL at the package's own file; Vite 5 and
// 6 need the package left out of that (dev.config.js, as the README says).
describe("the package in Vite's dev server, in Chromium", () => {
  for (const [name, args] of [
    ['vite8', []],
    ['vite6', ['--config', 'dev.config.js']],
    ['vite5', ['--config', 'dev.config.js']],
  ]) {
    for (const [entry, folder] of ENTRIES) {
      test(`${name}: ${entry}`, async () => {
        const dir = await installFor(name, entry);
        rmSync(join(dir, 'node_modules', '.vite'), { recursive: true, force: true });
        const { out, errors, wasm } = await viteDev(dir, args, open);
        assert.deepEqual(errors, []);
        assert.deepEqual(out, EXPECTED);
        assert.deepEqual(wasm, [`/node_modules/checkout-rules/${folder}/checkout_rules_wasm_bg.wasm`]);
      });
    }
  }
});
