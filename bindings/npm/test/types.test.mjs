// The declarations as TypeScript users meet them: `tsc --noEmit` over small
// projects (test/types/*) that import the package by name under each module
// resolution (bundler, node16 as ESM and as CommonJS with import(),
// nodenext), with and without the DOM library, with and without Node's types.
// Each project also holds `@ts-expect-error` calls, so declarations that
// accepted anything would fail too.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(pkg, 'node_modules', 'typescript', 'bin', 'tsc');
const fixtures = join(pkg, 'test', 'types');
let scratch;

before(() => {
  // The package as installed: its manifest and declarations are all tsc reads.
  scratch = mkdtempSync(join(tmpdir(), 'checkout-rules-types-'));
  const installed = join(scratch, 'node_modules', 'checkout-rules');
  mkdirSync(installed, { recursive: true });
  for (const file of ['package.json', 'index.d.ts', 'forms.d.ts', 'wasm.d.ts']) cpSync(join(pkg, file), join(installed, file));
  // Node's types, for the one project that asks for them (the others say `types: []`).
  symlinkSync(join(pkg, 'node_modules', '@types'), join(scratch, 'node_modules', '@types'));
  cpSync(fixtures, scratch, { recursive: true });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

describe('the declarations type-check', { concurrency: true }, () => {
  for (const project of readdirSync(fixtures)) {
    test(project, async () => {
      const { compilerOptions } = JSON.parse(readFileSync(join(fixtures, project, 'tsconfig.json'), 'utf8'));
      assert.equal(compilerOptions.skipLibCheck, undefined, 'index.d.ts itself must be checked');
      try {
        await promisify(execFile)(process.execPath, [tsc, '-p', join(scratch, project)]);
      } catch (e) {
        assert.fail(`tsc -p test/types/${project}:\n${e.stdout}${e.stderr}`);
      }
    });
  }
});
