// The browser entry (`index.js`) as bundlers and pages take it, run here in
// Node: no top-level await, one WebAssembly URL a bundler can follow, the API
// closed until `init()`, and every kind of source `init()` takes. Each test
// imports its own copy of the module (a query string makes a new instance).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { transform } from 'esbuild';
import * as nodeEntry from '../node.js';
import { serve } from '../scripts/serve.mjs';

const wasmUrl = new URL('../wasm/checkout_rules_wasm_bg.wasm', import.meta.url);
const bytes = readFileSync(wasmUrl);
const source = readFileSync(new URL('../index.js', import.meta.url), 'utf8');
let copies = 0;
const fresh = () => import(`../index.js?copy=${++copies}`);

const REQUEST = '{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}';

test('index.js has no top-level await: it builds for an es2020 target, as Vite 5 and 6 build', async () => {
  await assert.doesNotReject(transform(source, { format: 'esm', target: 'es2020', logLevel: 'silent' }));
});

test('index.js names the WebAssembly once, as a URL relative to itself that bundlers follow', () => {
  assert.deepEqual(source.match(/import\.meta/g), ['import.meta']);
  assert.deepEqual(source.match(/new URL\([^)]*\)/g), ['new URL("./wasm/checkout_rules_wasm_bg.wasm",import.meta.url)']);
});

test('the API throws until init(), with an error that names it', async () => {
  const cr = await fresh();
  for (const call of [
    () => cr.validate('nairopay', REQUEST),
    () => cr.validateJson('nairopay', REQUEST),
    () => cr.convert('nairopay', 'flutterwave', REQUEST),
    () => cr.convertJson('nairopay', 'flutterwave', REQUEST),
    () => cr.validateField('nairopay', '/reference', 'x'),
    () => cr.toMinor('1', 'KES'),
    () => cr.toMajor(1, 'KES'),
    () => cr.constraints('nairopay'),
    () => cr.dialects(),
    () => cr.currency('KES'),
    () => cr.currencies('nairopay'),
  ]) {
    assert.throws(call, { constructor: Error, message: /call `await init\(\)` first: it loads the WebAssembly/ });
  }
  await cr.init(bytes);
  assert.equal(cr.validate('nairopay', REQUEST).valid, true);
});

test('init() takes bytes, a buffer, a module, a Response, its promise, a URL or a string', async () => {
  const { server, base } = await serve();
  const served = `${base}/wasm/checkout_rules_wasm_bg.wasm`;
  try {
    const sources = {
      bytes: () => bytes,
      arrayBuffer: () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
      module: () => new WebAssembly.Module(bytes),
      response: () => new Response(bytes, { headers: { 'content-type': 'application/wasm' } }),
      fetched: () => fetch(served),
      url: () => new URL(served),
      string: () => served,
    };
    for (const [kind, make] of Object.entries(sources)) {
      const cr = await fresh();
      await cr.init(make());
      assert.equal(cr.validateJson('nairopay', REQUEST), nodeEntry.validateJson('nairopay', REQUEST), kind);
    }
  } finally {
    server.close();
  }
});

test('init() is idempotent: concurrent and later calls share the one load', async () => {
  const cr = await fresh();
  const first = cr.init(bytes);
  const second = cr.init(); // would fail on its own: no file: fetch in Node
  await Promise.all([first, second]);
  await cr.init(new Uint8Array([0, 1, 2]));
  assert.deepEqual(cr.dialects(), nodeEntry.dialects());
});

test('a failed load says why and what to do, and a later init() can succeed', async () => {
  const cr = await fresh();
  // The default URL beside the module: Node's fetch takes no file: URL.
  await assert.rejects(cr.init(), (e) => {
    assert.match(e.message, /^checkout-rules could not load its WebAssembly \(.+\); if your bundler does not copy it \(esbuild\), pass its URL to init\(\)$/);
    assert.ok(e.cause instanceof Error);
    return true;
  });
  const { server, base } = await serve();
  try {
    await assert.rejects(cr.init(`${base}/wasm/missing.wasm`), /404 Not Found/);
  } finally {
    server.close();
  }
  await assert.rejects(cr.init(new Uint8Array([0, 1, 2])), /could not load its WebAssembly/);
  assert.throws(() => cr.dialects(), /await init\(\)/);
  await cr.init(bytes);
  assert.deepEqual(cr.dialects(), nodeEntry.dialects());
});

test('the browser and Node entries give the same verdicts', async () => {
  const cr = await fresh();
  await cr.init(bytes);
  const bodies = [REQUEST, '{}', '{"amount": 12.345, "currency": "BHD", "reference": "R"}', 'not json'];
  for (const body of bodies) {
    for (const dialect of nodeEntry.dialects()) {
      assert.equal(cr.validateJson(dialect, body), nodeEntry.validateJson(dialect, body));
      assert.equal(cr.convertJson(dialect, 'orchestrator', body), nodeEntry.convertJson(dialect, 'orchestrator', body));
    }
  }
});

// The entries copy strings into WebAssembly with one `encodeInto` where the
// glue loops over ASCII characters (scripts/bundle.mjs): each string
// arrives whole, and as the glue itself sends it, wherever its characters
// of two, three and four bytes fall, past the first room of a byte per
// character too; lone surrogates become U+FFFD, as `TextEncoder` makes them.
// Strings of up to 16 characters keep the glue's loop: the field values
// here, which the currency rule's messages quote.
test('strings reach WebAssembly whole, as the glue sends them', async () => {
  const cr = await fresh();
  await cr.init(bytes);
  const glue = await import(`../wasm/checkout_rules_wasm.js?copy=${++copies}`);
  glue.initSync({ module: bytes });
  const request = JSON.parse(readFileSync(new URL('../../../examples/payviox/premium-subscription.json', import.meta.url), 'utf8'));
  const texts = [
    '',
    'a'.repeat(100),
    'é'.repeat(40) + '😀x',
    'a'.repeat(33) + '😀',
    '😀'.repeat(20),
    '€' + 'a'.repeat(60),
    'a'.repeat(60) + '€',
    'x\uD800y' + 'a'.repeat(40),
    'a'.repeat(40) + '\uDC00',
  ];
  for (const description of texts) {
    const body = JSON.stringify({ ...request, description: 'DESCRIPTION' }).replace('DESCRIPTION', description);
    const expected = glue.validate('payviox', body, '[]');
    for (const entry of [cr, nodeEntry]) {
      assert.equal(entry.validateJson('payviox', body), expected, description);
      // Blank text is refused; every other text comes back as it went.
      const report = entry.validate('payviox', body);
      assert.equal(report.valid, description !== '', description);
      if (report.valid) assert.equal(report.normalized.description, description.toWellFormed(), description);
    }
  }
  for (const value of ['', 'R', 'é', 'aé', 'R-😀', '€'.repeat(16), 'a'.repeat(15) + '😀', 'x\uD800', 'a'.repeat(16), 'a'.repeat(17)]) {
    const expected = JSON.parse(glue.validateField('nairopay', '/currency', value, undefined, true));
    for (const entry of [cr, nodeEntry]) {
      assert.deepEqual(entry.validateField('nairopay', '/currency', value), expected, value);
    }
  }
});

test('the Node entry needs no init(), and has one for code shared with browsers', async () => {
  assert.equal(nodeEntry.validate('nairopay', REQUEST).valid, true);
  assert.equal(await nodeEntry.init(), undefined);
  assert.equal(nodeEntry.validate('nairopay', REQUEST).valid, true);
});

// The entry for forms (`forms.js`): the same loader and API but conversion,
// over the build without it.
const formsBytes = readFileSync(new URL('../wasm-forms/checkout_rules_wasm_bg.wasm', import.meta.url));
const formsSource = readFileSync(new URL('../forms.js', import.meta.url), 'utf8');
const freshForms = () => import(`../forms.js?copy=${++copies}`);

test('forms.js names its own WebAssembly once, and has no top-level await', async () => {
  assert.deepEqual(formsSource.match(/new URL\([^)]*\)/g), ['new URL("./wasm-forms/checkout_rules_wasm_bg.wasm",import.meta.url)']);
  await assert.doesNotReject(transform(formsSource, { format: 'esm', target: 'es2020', logLevel: 'silent' }));
});

test('forms.js has the API of index.js but conversion, with the same verdicts', async () => {
  const [cr, forms] = [await fresh(), await freshForms()];
  assert.deepEqual(
    Object.keys(forms).sort(),
    Object.keys(cr)
      .filter((k) => !k.startsWith('convert'))
      .sort(),
  );
  assert.throws(() => forms.validate('nairopay', REQUEST), /await init\(\)/);
  await forms.init(formsBytes);
  const bodies = [REQUEST, '{}', '{"amount": 12.345, "currency": "BHD", "reference": "R"}', 'not json'];
  for (const body of bodies) {
    for (const dialect of nodeEntry.dialects()) {
      assert.equal(forms.validateJson(dialect, body), nodeEntry.validateJson(dialect, body));
      assert.deepEqual(forms.validate(dialect, body), nodeEntry.validate(dialect, body));
    }
  }
  assert.deepEqual(forms.constraints('payviox'), nodeEntry.constraints('payviox'));
  assert.deepEqual(forms.validateField('kiotapay', '/amount', '1.234'), nodeEntry.validateField('kiotapay', '/amount', '1.234'));
  assert.equal(forms.toMajor(1500, 'BHD'), '1.500');
});
