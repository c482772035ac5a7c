// The packed tarball, installed into a scratch project and imported exactly
// as a user would: `import … from 'checkout-rules'`, in plain Node and in
// TypeScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
let scratch;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'checkout-rules-user-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: pkg });
  const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'user', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', join(scratch, tarball)], { cwd: scratch });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs an ES module in the scratch project and returns what it printed, parsed. */
function run(source) {
  writeFileSync(join(scratch, 'main.mjs'), source);
  return JSON.parse(execFileSync('node', ['main.mjs'], { cwd: scratch }).toString());
}

test('the tarball holds the package and nothing else', () => {
  const listing = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: pkg }).toString();
  const files = JSON.parse(listing)[0].files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'README.md',
    'forms.d.ts',
    'forms.js',
    'index.d.ts',
    'index.js',
    'node.js',
    'package.json',
    'wasm-forms/checkout_rules_wasm_bg.wasm',
    'wasm-node/checkout_rules_wasm_bg.wasm',
    'wasm.d.ts',
    'wasm/checkout_rules_wasm_bg.wasm',
  ]);
});

test('validate, convert and money from the installed package', () => {
  const out = run(`
    import { validate, validateJson, convert, toMinor, toMajor, dialects } from 'checkout-rules';
    const report = validate('nairopay', '{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}');
    const invalid = validate('payviox', { amount: 50, currency: 'USD' }, { headers: { Authorization: 'Bearer pk_x' } });
    const converted = convert('flutterwave', 'nairopay', '{"amount": 1.5, "currency": "BHD", "reference": "ORDER-1"}');
    console.log(JSON.stringify({
      valid: report.valid,
      amount: report.normalized.amount,
      codes: invalid.errors.map((e) => [e.path, e.code]),
      text: validateJson('nairopay', '{}').slice(0, 14),
      converted: converted.bodyText,
      minor: toMinor('12.34', 'KES'),
      major: toMajor(1234, 'KES'),
      jpy: toMajor('500', 'JPY'),
      dialects: dialects(),
    }));
  `);
  assert.deepEqual(out, {
    valid: true,
    amount: { minor: 2500, currency: 'KES', decimal: '25.00' },
    codes: [
      ['/amount', 'below_minimum'],
      ['/customer', 'required'],
      ['/order_id', 'required'],
      ['/items', 'required'],
    ],
    text: '{"valid":false',
    converted: '{"amount":1500,"currency":"BHD","reference":"ORDER-1"}',
    minor: 1234,
    major: '12.34',
    jpy: '500',
    dialects: ['nairopay', 'kiotapay', 'payviox', 'orchestrator', 'flutterwave'],
  });
});

test('Node: the API works at import, init() resolves for shared code, require() works', () => {
  const out = run(`
    import { createRequire } from 'node:module';
    import { readFileSync } from 'node:fs';
    import { validate, init } from 'checkout-rules';
    const before = validate('nairopay', '{}').valid;
    await init();
    const cjs = createRequire(import.meta.url)('checkout-rules');
    const wasm = import.meta.resolve('checkout-rules/checkout_rules.wasm');
    console.log(JSON.stringify({
      before,
      after: validate('nairopay', '{}').valid,
      required: cjs.validate('nairopay', '{}').valid,
      wasm: wasm.endsWith('/node_modules/checkout-rules/wasm/checkout_rules_wasm_bg.wasm'),
      magic: [...readFileSync(new URL(wasm)).subarray(0, 4)],
    }));
  `);
  assert.deepEqual(out, { before: false, after: false, required: false, wasm: true, magic: [0, 0x61, 0x73, 0x6d] });
});

test('Node: `checkout-rules/forms` is the package loaded once, and its WebAssembly resolves', () => {
  const out = run(`
    import { readFileSync } from 'node:fs';
    import * as forms from 'checkout-rules/forms';
    import * as whole from 'checkout-rules';
    const wasm = import.meta.resolve('checkout-rules/forms.wasm');
    console.log(JSON.stringify({
      same: forms.validate === whole.validate,
      valid: forms.validate('nairopay', '{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}').valid,
      wasm: wasm.endsWith('/node_modules/checkout-rules/wasm-forms/checkout_rules_wasm_bg.wasm'),
      magic: [...readFileSync(new URL(wasm)).subarray(0, 4)],
    }));
  `);
  assert.deepEqual(out, { same: true, valid: true, wasm: true, magic: [0, 0x61, 0x73, 0x6d] });
});

test('form helpers from the installed package', () => {
  const out = run(`
    import { constraints, validateField, currency, currencies } from 'checkout-rules';
    const reference = constraints('flutterwave').find((c) => c.path === '/reference');
    console.log(JSON.stringify({
      reference,
      live: validateField('flutterwave', '/reference', 'ORDER_1').map((v) => v.code),
      amount: validateField('flutterwave', '/amount', '12.345', { currency: 'NGN' }).map((v) => v.code),
      empty: validateField('flutterwave', '/reference', undefined).map((v) => v.code),
      trace: validateField('flutterwave', 'X-Trace-Id', 'short').map((v) => v.code),
      quantity: validateField('payviox', '/items/0/quantity', 0).map((v) => v.code),
      bhd: currency('BHD'),
      unknown: currency('ABC'),
      flutterwave: currencies('flutterwave').length,
    }));
  `);
  assert.deepEqual(out.reference, {
    in: 'body',
    path: '/reference',
    required: true,
    type: 'string',
    inputType: 'text',
    minLength: 6,
    maxLength: 42,
    pattern: '[a-zA-Z0-9\\-]+',
  });
  assert.deepEqual(out.live, ['pattern_mismatch']);
  assert.deepEqual(out.amount, ['too_many_decimals']);
  assert.deepEqual(out.empty, ['required']);
  assert.deepEqual(out.trace, ['too_short']);
  assert.deepEqual(out.quantity, ['below_minimum']);
  assert.deepEqual(out.bhd, { code: 'BHD', numeric: 48, exponent: 3, name: 'Bahraini dinar', status: 'current' });
  assert.equal(out.unknown, null);
  assert.equal(out.flutterwave, 160);
});

test('bad arguments throw real Errors with a message, never a trap', () => {
  const out = run(`
    import * as cr from 'checkout-rules';
    const attempts = {
      unknownDialect: () => cr.validate('stripe', '{}'),
      dialectNotString: () => cr.validate(42, '{}'),
      bodyNotText: () => cr.validate('payviox', 42),
      headerNotString: () => cr.validate('payviox', '{}', { headers: { 'X-A': 1 } }),
      headerNotPair: () => cr.validate('payviox', '{}', { headers: [['X-A']] }),
      headersNotList: () => cr.validate('payviox', '{}', { headers: 'X-A: 1' }),
      floatAmount: () => cr.toMinor(12.34, 'KES'),
      tooManyDecimals: () => cr.toMinor('12.345', 'KES'),
      unknownCurrency: () => cr.toMajor(1, 'KSH'),
      unsafeMinor: () => cr.toMajor(2 ** 53, 'USD'),
      fractionalMinor: () => cr.toMajor('1.5', 'USD'),
      unknownField: () => cr.validateField('payviox', '/nope', 'x'),
      inexactNumber: () => cr.validateField('kiotapay', '/amount', 12.34),
      convertTo: () => cr.convert('payviox', 'nowhere', '{}'),
    };
    const seen = {};
    for (const [name, attempt] of Object.entries(attempts)) {
      try { attempt(); seen[name] = 'no error'; }
      catch (e) { seen[name] = [e instanceof Error, e.constructor.name, e.message]; }
    }
    console.log(JSON.stringify(seen));
  `);
  for (const [name, [isError, kind, message]] of Object.entries(out)) {
    assert.equal(isError, true, name);
    assert.notEqual(kind, 'RuntimeError', `${name} trapped: ${message}`);
    assert.ok(message.length > 10, `${name}: ${message}`);
  }
  assert.match(out.unknownDialect[2], /unknown dialect `stripe`/);
  assert.match(out.floatAmount[2], /as a string/);
  assert.match(out.tooManyDecimals[2], /^`12\.345` is not an amount of KES: 3 decimal places/);
  assert.match(out.fractionalMinor[2], /^`1\.5` is not an amount of USD in minor units: /);
  assert.match(out.unknownField[2], /not a field/);
  assert.match(out.headerNotString[2], /header X-A must be a string, not a number/);
  assert.match(out.headerNotPair[2], /each header must be a \[name, value\] pair of strings, not an array/);
  assert.match(out.headersNotList[2], /options.headers must be a list of \[name, value\] pairs or an object/);
});

test('the TypeScript declarations type-check a user program', () => {
  writeFileSync(
    join(scratch, 'main.ts'),
    `
    import { validate, convert, constraints, toMinor, type Report, type Violation, type FlutterwaveBody } from 'checkout-rules';
    const body: FlutterwaveBody = { amount: 12.34, currency: 'NGN', reference: 'ORDER-1' };
    const report: Report = validate('flutterwave', body, { headers: [['X-Trace-Id', 'a'], ['x-trace-id', 'b']] });
    const first: Violation | undefined = report.errors[0];
    const minor: number = toMinor('12.34', 'NGN');
    const text: string | undefined = convert('flutterwave', 'nairopay', body).bodyText;
    const step: string | undefined = constraints('flutterwave', { currency: 'NGN' })[0]?.step;
    export { first, minor, text, step };
    `,
  );
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'] },
      files: ['main.ts'],
    }),
  );
  execFileSync(join(pkg, 'node_modules', '.bin', 'tsc'), ['-p', scratch], { cwd: scratch });
  // And a wrong call is caught.
  writeFileSync(join(scratch, 'main.ts'), `import { validate } from 'checkout-rules'; validate('stripe', '{}');`);
  assert.throws(() => execFileSync(join(pkg, 'node_modules', '.bin', 'tsc'), ['-p', scratch], { cwd: scratch, stdio: 'pipe' }));
  // The entry for forms: its functions and every type, and no conversion.
  writeFileSync(
    join(scratch, 'main.ts'),
    `
    import { init, validate, validateField, type Report, type Constraint } from 'checkout-rules/forms';
    import wasm from 'checkout-rules/forms.wasm';
    await init(wasm);
    const report: Report = validate('payviox', '{}');
    const live = validateField('payviox', '/amount', '1');
    const none: Constraint[] = [];
    export { report, live, none };
    `,
  );
  execFileSync(join(pkg, 'node_modules', '.bin', 'tsc'), ['-p', scratch], { cwd: scratch });
  writeFileSync(join(scratch, 'main.ts'), `import { convert } from 'checkout-rules/forms'; convert('payviox', 'nairopay', '{}');`);
  assert.throws(
    () => execFileSync(join(pkg, 'node_modules', '.bin', 'tsc'), ['-p', scratch], { cwd: scratch, stdio: 'pipe' }),
    (e) => /'convert' cannot be used as a value/.test(e.stdout.toString()),
  );
});
