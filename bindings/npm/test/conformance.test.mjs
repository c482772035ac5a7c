// Same verdict everywhere: every case of the conformance corpus (printed by
// `target/debug/corpus`, built by `cargo test`) through the native CLI and
// through this package, whose JSON reports must be identical byte for byte:
// through `node.js` (the build for Node) and through the browser build
// (`wasm/`, built for size), loaded here directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateJson } from '../node.js';
import * as browserBuild from '../wasm/checkout_rules_wasm.js';

browserBuild.initSync({ module: readFileSync(new URL('../wasm/checkout_rules_wasm_bg.wasm', import.meta.url)) });

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (name) => join(repo, 'target', 'debug', name);

test('the native CLI and the npm package give identical reports', () => {
  const cases = execFileSync(bin('corpus'), { maxBuffer: 1 << 28 })
    .toString()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.ok(cases.length >= 2000, `${cases.length} cases`);

  // One CLI run per dialect and header set, with every body as a file.
  const groups = new Map();
  for (const c of cases) {
    const key = JSON.stringify([c.dialect, c.headers]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c);
  }
  const dir = mkdtempSync(join(tmpdir(), 'checkout-rules-corpus-'));
  let compared = 0;
  try {
    for (const [key, group] of groups) {
      const [dialect, headers] = JSON.parse(key);
      const files = group.map((c, i) => {
        const file = join(dir, `${compared + i}.json`);
        writeFileSync(file, c.body);
        return file;
      });
      const headerArgs = Object.entries(headers).map(([n, v]) => `--header=${n}: ${v}`);
      let native;
      try {
        native = execFileSync(
          bin('checkout-rules'),
          ['validate', '--dialect', dialect, '--format', 'json', ...headerArgs, ...files],
          { maxBuffer: 1 << 28 },
        );
      } catch (e) {
        native = e.stdout; // exit status 1: some input is invalid
      }
      // With several files each line begins with the one it is about.
      const lines = native
        .toString()
        .split('\n')
        .slice(0, -1)
        .map((line, i) => {
          const member = `{"input":${JSON.stringify(files[i])},`;
          assert.ok(group.length === 1 || line.startsWith(member), line);
          return group.length === 1 ? line : `{${line.slice(member.length)}`;
        });
      assert.equal(lines.length, group.length);
      group.forEach((c, i) => {
        const wasm = validateJson(dialect, c.body, { headers });
        assert.equal(wasm, lines[i], `${dialect} ${JSON.stringify(headers)} ${c.body}`);
        const browser = browserBuild.validate(dialect, c.body, JSON.stringify(headers));
        assert.equal(browser, lines[i], `browser build: ${dialect} ${c.body}`);
      });
      compared += group.length;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(compared, cases.length);
  console.log(`${compared} cases, identical`);
});
