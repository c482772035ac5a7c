// The package in Node and Chromium: instantiation time of each build (the
// browser's, built for size, the one for forms, without conversion, and
// Node's, built for speed), and `validate` throughput
// of the Node entry on each provider's bundled example, with the size of
// what a browser downloads.
//
// Run: npm run bench   (after scripts/build.sh; in bindings/npm)
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Bench } from 'tinybench';

const here = fileURLToPath(new URL('..', import.meta.url));
const wasmPath = join(here, 'wasm', 'checkout_rules_wasm_bg.wasm');
const bytes = readFileSync(wasmPath);

// Instantiation: compile and instantiate the module from its bytes, as the
// package does on import; each in a fresh worker, so nothing is cached.
// Each run gives [whole, compile]: `new WebAssembly.Module` is most of it,
// and a separate figure shows whether a change moved that or the rest.
import { Worker } from 'node:worker_threads';

function instantiateOnce(folder) {
  const worker = new Worker(
    `const { readFileSync } = require('node:fs');
     const { parentPort, workerData } = require('node:worker_threads');
     import(workerData.glue).then(({ initSync }) => {
       const bytes = readFileSync(workerData.wasm);
       const start = performance.now();
       const module = new WebAssembly.Module(bytes);
       const compiled = performance.now();
       initSync({ module });
       parentPort.postMessage([performance.now() - start, compiled - start]);
     });`,
    {
      eval: true,
      workerData: {
        glue: new URL(`../${folder}/checkout_rules_wasm.js`, import.meta.url).href,
        wasm: join(here, folder, 'checkout_rules_wasm_bg.wasm'),
      },
    },
  );
  return new Promise((resolve) => worker.once('message', (ms) => { worker.terminate(); resolve(ms); }));
}
/** The medians of the whole and of the compile, from 21 [whole, compile] runs. */
function medians(runs) {
  const median = (k) => runs.map((run) => run[k]).sort((a, b) => a - b)[10];
  return { whole: median(0), compile: median(1) };
}
async function medianInstantiation(folder) {
  const runs = [];
  for (let i = 0; i < 21; i += 1) runs.push(await instantiateOnce(folder));
  return medians(runs);
}
const instantiation = {
  wasm: await medianInstantiation('wasm'),
  forms: await medianInstantiation('wasm-forms'),
  node: await medianInstantiation('wasm-node'),
};

// A browser build in Chromium (`folder`): the bytes fetched, then timed from
// compile to instance, each in a fresh browser context, so nothing is cached.
async function chromiumInstantiation(folder) {
  const { serve } = await import('../scripts/serve.mjs');
  const { launch } = await import('../test/chromium.mjs');
  const { server, base } = await serve();
  const browser = await launch();
  try {
    const times = [];
    for (let i = 0; i < 21; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/package.json`);
      times.push(
        await page.evaluate(async (folder) => {
          const { initSync } = await import(`/${folder}/checkout_rules_wasm.js`);
          const bytes = await (await fetch(`/${folder}/checkout_rules_wasm_bg.wasm`)).arrayBuffer();
          const start = performance.now();
          const module = new WebAssembly.Module(bytes);
          const compiled = performance.now();
          initSync({ module });
          return [performance.now() - start, compiled - start];
        }, folder),
      );
      await context.close();
    }
    return medians(times);
  } finally {
    await browser.close();
    server.close();
  }
}
instantiation.chromium = await chromiumInstantiation('wasm');
instantiation.chromiumForms = await chromiumInstantiation('wasm-forms');

const { validateJson } = await import('../node.js');
const examples = join(here, '..', '..', 'examples');
const cases = [];
for (const dialect of readdirSync(examples).filter((d) => !d.includes('.')).sort()) {
  for (const file of readdirSync(join(examples, dialect)).filter((f) => f.endsWith('.json') && !f.startsWith('invalid-')).sort()) {
    const headersFile = join(examples, dialect, file.replace(/\.json$/, '.headers'));
    let headers = {};
    try {
      headers = Object.fromEntries(
        readFileSync(headersFile, 'utf8').trim().split('\n').map((l) => l.split(/:\s*/, 2)),
      );
    } catch {}
    cases.push({ name: `${dialect}/${file}`, dialect, body: readFileSync(join(examples, dialect, file), 'utf8'), headers });
  }
}

const bench = new Bench({ time: 500, warmupTime: 100 });
for (const c of cases) {
  bench.add(`validate ${c.name}`, () => validateJson(c.dialect, c.body, { headers: c.headers }));
}
await bench.run();

const shipped = ['wasm/checkout_rules_wasm_bg.wasm', 'index.js'];
const gz = shipped.map((f) => gzipSync(readFileSync(join(here, f)), { level: 9 }).length);
console.log(`size: .wasm ${bytes.length} bytes, gzipped ${gz[0]}; with the JS, gzipped ${gz.reduce((a, b) => a + b, 0)}`);
// A build's figure: the whole median, then the compile's.
const shown = ({ whole, compile }) => `${whole.toFixed(2)} ms (compile ${compile.toFixed(2)})`;
console.log(
  `instantiation (compile + instantiate), median of 21 fresh workers: browser build ${shown(instantiation.wasm)}, ` +
    `for forms ${shown(instantiation.forms)}, ` +
    `Node build (${readFileSync(join(here, 'wasm-node', 'checkout_rules_wasm_bg.wasm')).length} bytes) ${shown(instantiation.node)}; ` +
    `in Chromium, median of 21 fresh contexts: browser build ${shown(instantiation.chromium)}, ` +
    `for forms ${shown(instantiation.chromiumForms)}`,
);
for (const task of bench.tasks) {
  const r = task.result;
  console.log(`${task.name}: ${Math.round(r.throughput.mean)} ops/s (mean ${(r.latency.mean * 1000).toFixed(1)} µs)`);
}
