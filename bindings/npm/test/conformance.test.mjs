// Same verdict everywhere: the golden conformance outputs (tests/golden/,
// which tests/golden.rs holds the native library to) are what the native
// CLI and every WebAssembly build give, byte for byte: the build for Node
// (`wasm-node/`, through the package's API and its raw exports), the
// browser build (`wasm/`, built for size) and the browser build for forms
// (`wasm-forms/`, without conversion), loaded here directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate, validateJson, convertJson } from '../node.js';
import * as browserBuild from '../wasm/checkout_rules_wasm.js';
import * as nodeBuild from '../wasm-node/checkout_rules_wasm.js';
import * as formsBuild from '../wasm-forms/checkout_rules_wasm.js';

browserBuild.initSync({ module: readFileSync(new URL('../wasm/checkout_rules_wasm_bg.wasm', import.meta.url)) });
nodeBuild.initSync({ module: readFileSync(new URL('../wasm-node/checkout_rules_wasm_bg.wasm', import.meta.url)) });
formsBuild.initSync({ module: readFileSync(new URL('../wasm-forms/checkout_rules_wasm_bg.wasm', import.meta.url)) });
const builds = { browser: browserBuild, node: nodeBuild, forms: formsBuild };
// The builds that convert: all but the one for forms.
const converting = { browser: browserBuild, node: nodeBuild };

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const golden = (file) =>
  readFileSync(join(repo, 'tests', 'golden', file), 'utf8').split('\n').slice(0, -1);
const cases = golden('corpus.ndjson').map((line) => JSON.parse(line));

/** A golden line's member `name`, whose exact text runs to `end`. */
function rawMember(line, name, end) {
  const start = line.indexOf(`,"${name}":`) + name.length + 4;
  assert.ok(start > name.length + 4, `${name} in ${line}`);
  return line.slice(start, end === undefined ? -1 : line.lastIndexOf(end));
}

/** What a raw export answers: its text, or the message it throws. */
function answer(call) {
  try {
    return { ok: call() };
  } catch (e) {
    return { err: e.message };
  }
}

test('the native CLI and the WebAssembly builds give the golden reports', () => {
  const reports = golden('validate.ndjson');
  assert.equal(reports.length, cases.length);
  assert.ok(cases.length >= 3000, `${cases.length} cases`);
  cases.forEach((c, i) => {
    const headers = JSON.stringify(c.headers);
    assert.equal(validateJson(c.dialect, c.body, { headers: c.headers }), reports[i], `${i}: ${c.body}`);
    for (const [name, build] of Object.entries(builds)) {
      assert.equal(build.validate(c.dialect, c.body, headers), reports[i], `${name} build, ${i}: ${c.body}`);
      // The verdict, then the report it kept, once.
      const answer = build.verdict(c.dialect, c.body, headers);
      assert.equal(answer, reports[i].startsWith('{"valid":true,') ? 1 : 0, `${name} build verdict, ${i}`);
      assert.equal(build.lastReport(), reports[i], `${name} build, kept report, ${i}: ${c.body}`);
      assert.equal(build.lastReport(), undefined, `${name} build, kept report taken, ${i}`);
    }
  });

  // A report read after later verdicts is still its own, though WebAssembly
  // keeps only the last verdict's report: first to last, so that each older
  // one is read while the newest one's is kept, and the newest one last.
  const some = cases.slice(0, 200).map((c) => validate(c.dialect, c.body, { headers: c.headers }));
  assert.ok(some.some((r) => r.valid) && some.some((r) => !r.valid));
  some.forEach((report, i) => assert.deepEqual(report, JSON.parse(reports[i]), `${i}, read after later verdicts`));

  // A verdict on arguments it cannot use answers 2, and `validate` throws
  // why; the report given before is still its own when read after.
  for (const [name, build] of Object.entries(builds)) {
    build.verdict(cases[0].dialect, cases[0].body, JSON.stringify(cases[0].headers));
    assert.equal(build.verdict('stripe', '{}', '[]'), 2, name);
    assert.equal(build.verdict('payviox', '{}', '{}'), 2, name);
    assert.equal(build.lastReport(), reports[0], `${name}: the report kept before`);
  }
  const before = validate(cases[0].dialect, cases[0].body, { headers: cases[0].headers });
  assert.throws(() => validate('stripe', '{}'), { constructor: Error, message: /unknown dialect `stripe`/ });
  assert.deepEqual(before, JSON.parse(reports[0]), 'read after a refused call');

  // `validate` decodes its members on first access: field for field and in
  // the same order, it is the golden report, whether a member is read first
  // or the whole is.
  cases.forEach((c, i) => {
    const expected = JSON.parse(reports[i]);
    const report = validate(c.dialect, c.body, { headers: c.headers });
    assert.equal(report.valid, expected.valid, `${i}`);
    assert.deepEqual(report, expected, `${i}: ${c.body}`);
    assert.equal(JSON.stringify(validate(c.dialect, c.body, { headers: c.headers })), reports[i], `${i}`);
  });

  // A decoded member is kept: read twice it is the same object, and it can
  // be replaced like any other.
  const refused = validate('payviox', '{}');
  const errors = refused.errors;
  assert.equal(refused.errors, errors);
  refused.errors = [];
  assert.deepEqual(refused, { valid: false, errors: [] });
  const accepted = validate('nairopay', '{"amount": 2500, "currency": "KES", "reference": "R-1"}');
  accepted.normalized = null;
  assert.deepEqual(accepted, { valid: true, errors: [], normalized: null });

  // What the report keeps for its member is out of sight: spread, cloned
  // or serialised, it is the plain report, and it has no other keys.
  for (const body of ['{}', '{"amount": 2500, "currency": "KES", "reference": "R-1"}']) {
    const expected = JSON.parse(validateJson('nairopay', body));
    assert.deepEqual({ ...validate('nairopay', body) }, expected);
    assert.deepEqual(structuredClone(validate('nairopay', body)), expected);
    assert.equal(JSON.stringify(validate('nairopay', body)), JSON.stringify(expected));
    assert.deepEqual(Reflect.ownKeys(validate('nairopay', body)), Object.keys(expected));
  }

  // One CLI run per dialect and header list, with every body as a file.
  const groups = new Map();
  cases.forEach((c, i) => {
    const key = JSON.stringify([c.dialect, c.headers]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(i);
  });
  const dir = mkdtempSync(join(tmpdir(), 'checkout-rules-corpus-'));
  let compared = 0;
  try {
    for (const [key, group] of groups) {
      const [dialect, headers] = JSON.parse(key);
      const files = group.map((i) => {
        const file = join(dir, `${i}.json`);
        writeFileSync(file, cases[i].body);
        return file;
      });
      const headerArgs = headers.map(([n, v]) => `--header=${n}: ${v}`);
      let native;
      try {
        native = execFileSync(
          join(repo, 'target', 'debug', 'checkout-rules'),
          ['validate', '--dialect', dialect, '--format', 'json', ...headerArgs, ...files],
          { maxBuffer: 1 << 28 },
        );
      } catch (e) {
        native = e.stdout; // exit status 1: some input is invalid
      }
      // With several files each line begins with the one it is about.
      const lines = native.toString().split('\n').slice(0, -1);
      assert.equal(lines.length, group.length);
      lines.forEach((line, j) => {
        const member = `{"input":${JSON.stringify(files[j])},`;
        const report = group.length === 1 ? line : `{${line.slice(member.length)}`;
        assert.ok(group.length === 1 || line.startsWith(member), line);
        assert.equal(report, reports[group[j]], `CLI: ${dialect} ${JSON.stringify(headers)} ${files[j]}`);
      });
      compared += group.length;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(compared, cases.length);
});

test('the WebAssembly builds give the golden conversions', () => {
  const lines = golden('convert.ndjson');
  assert.ok(lines.length >= 5000, `${lines.length} conversions`);
  for (const line of lines) {
    const { case: i, to, bodyText } = JSON.parse(line);
    const c = cases[i];
    const outcome = rawMember(line, 'outcome', ',"bodyText":');
    assert.equal(convertJson(c.dialect, to, c.body, { headers: c.headers }), outcome, line);
    for (const [name, build] of Object.entries(converting)) {
      const parts = JSON.parse(build.convertParts(c.dialect, to, c.body, JSON.stringify(c.headers)));
      assert.deepEqual(parts, [outcome, bodyText], `${name} build: ${line}`);
    }
  }
});

test('the build for forms has every export but conversion', () => {
  const exports = (build) => Object.keys(build).filter((k) => typeof build[k] === 'function').sort();
  assert.deepEqual(
    exports(formsBuild),
    exports(browserBuild).filter((k) => k !== 'convertParts'),
  );
  assert.ok(exports(browserBuild).includes('convertParts'));
});

/**
 * How many values each exported function of a module returns, read from its
 * type, import, function and export sections.
 */
function exportResults(bytes) {
  let at = 8;
  const u32 = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const name = () => {
    const length = u32();
    at += length;
    return new TextDecoder().decode(bytes.subarray(at - length, at));
  };
  const results = []; // of each type
  const functionTypes = []; // of each function, imported ones first
  const answer = {};
  while (at < bytes.length) {
    const id = bytes[at++];
    const end = u32() + at;
    if (id === 1) {
      for (let n = u32(); n > 0; n -= 1) {
        assert.equal(bytes[at++], 0x60, 'a function type');
        const parameters = u32(); // one byte each (numbers and references)
        at += parameters;
        results.push(u32());
        at += results.at(-1);
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n -= 1) {
        name();
        name();
        const kind = bytes[at++];
        if (kind === 0) functionTypes.push(u32());
        else if (kind === 1) (at += 1, bytes[at++] & 1 ? (u32(), u32()) : u32());
        else if (kind === 2) bytes[at++] & 1 ? (u32(), u32()) : u32();
        else at += 2; // a global: its type and mutability
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n -= 1) functionTypes.push(u32());
    } else if (id === 7) {
      for (let n = u32(); n > 0; n -= 1) {
        const exported = name();
        const kind = bytes[at++];
        const index = u32();
        if (kind === 0) answer[exported] = results[functionTypes[index]];
      }
    }
    at = end;
  }
  return answer;
}

// No export returns several values: Node 20's V8 would compile a wrapper
// for each such signature as the module compiles (scripts/build.sh,
// docs/performance.md "Instantiation").
test('no export of any build returns more than one value', () => {
  for (const folder of ['wasm', 'wasm-forms', 'wasm-node']) {
    const counts = exportResults(readFileSync(new URL(`../${folder}/checkout_rules_wasm_bg.wasm`, import.meta.url)));
    // The verdict answers one number; a string and an error come back
    // through memory.
    assert.ok(counts.verdict === 1 && counts.validate === 0, `${folder}: ${JSON.stringify(counts)}`);
    for (const [name, count] of Object.entries(counts)) assert.ok(count <= 1, `${folder}: ${name} returns ${count} values`);
  }
  // The reader counts right: a module whose one export returns two values.
  const two = new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, // magic, version
    1, 6, 1, 0x60, 0, 2, 0x7f, 0x7f, // type: () -> (i32, i32)
    3, 2, 1, 0, // function 0 of type 0
    7, 7, 1, 3, 0x74, 0x77, 0x6f, 0, 0, // export "two": function 0
    10, 8, 1, 6, 0, 0x41, 1, 0x41, 2, 0x0b, // its body
  ]);
  assert.ok(new WebAssembly.Module(two));
  assert.deepEqual(exportResults(two), { two: 2 });
});

// The builds run on a small stack (scripts/build.sh): the deepest nesting
// the reader accepts, one level more, and far more, through every entry
// that reads or writes nested JSON, in every build, answer without a trap.
test('the deepest nesting, and deeper, fits the WebAssembly stack', () => {
  const nest = (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const arrays = (n) => '['.repeat(n) + ']'.repeat(n);
  const premium = readFileSync(join(repo, 'examples', 'payviox', 'premium-subscription.json'), 'utf8');
  // Metadata 31 levels deep in the body's object: 32, the most accepted.
  const deepest = premium.replace(/"metadata": \{[^}]*\}/, `"metadata": ${nest(31)}`);
  assert.notEqual(deepest, premium);
  const codes = (json) => JSON.parse(json).errors.map((e) => e.code);
  for (const [name, build] of Object.entries(builds)) {
    assert.deepEqual(codes(build.validate('payviox', deepest, '[]')), [], name);
    assert.deepEqual(codes(build.validate('payviox', deepest.replace('"a":1', '"a":[1]'), '[]')), ['too_deep'], name);
    for (const dialect of ['payviox', 'kiotapay', 'nairopay', 'orchestrator', 'flutterwave']) {
      assert.deepEqual(codes(build.validate(dialect, arrays(32), '[]')), ['invalid_type'], `${name} ${dialect}`);
      for (const n of [33, 100_000]) {
        assert.deepEqual(codes(build.validate(dialect, arrays(n), '[]')), ['too_deep'], `${name} ${dialect} ${n}`);
      }
    }
    assert.equal(build.validateField('payviox', '/metadata', nest(32), undefined, false), '[]', name);
    assert.match(build.validateField('payviox', '/metadata', nest(100_000), undefined, false), /"code":"too_deep"/, name);
    assert.throws(() => build.validate('payviox', '{}', arrays(100_000)), /headers must be a list/, name);
  }
  for (const [name, build] of Object.entries(converting)) {
    for (const to of ['kiotapay', 'nairopay', 'orchestrator', 'flutterwave']) {
      const [report] = JSON.parse(build.convertParts('payviox', to, deepest, '[]'));
      assert.equal(typeof JSON.parse(report).valid, 'boolean', `${name} to ${to}`);
    }
  }
});

test('the WebAssembly builds give the golden field verdicts and constraints', () => {
  const fields = golden('fields.ndjson');
  assert.ok(fields.length >= 5000, `${fields.length} field verdicts`);
  for (const line of fields) {
    const { dialect, call, path, value, currency, answer: want } = JSON.parse(line);
    const raw = rawMember(line, 'answer');
    const expected = 'ok' in want ? { ok: raw.slice('{"ok":'.length, -1) } : want;
    for (const [name, build] of Object.entries(builds)) {
      const input = call !== 'field';
      const got = answer(() => build.validateField(dialect, path, value ?? undefined, currency ?? undefined, input));
      assert.deepEqual(got, expected, `${name} build: ${line}`);
    }
  }
  for (const line of golden('constraints.ndjson')) {
    const { dialect, currency } = JSON.parse(line);
    const expected = rawMember(line, 'constraints');
    for (const [name, build] of Object.entries(builds)) {
      assert.equal(build.constraints(dialect, currency ?? undefined), expected, `${name} build: ${line}`);
    }
  }
});
