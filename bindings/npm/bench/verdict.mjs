// What `validate`'s verdict-first report costs against the whole report
// decoded at once, on Payviox requests: the verdict alone, and the verdict
// then the member a caller reads next (the session or the errors). Median
// of five interleaved runs of each, as the machine's speed drifts.
//
// Run: node bench/verdict.mjs   (after scripts/build.sh; in bindings/npm)
import { validate, validateJson } from '../node.js';
import { cases } from './cases.mjs';

/** Microseconds per call of `f`, over `n` calls after `n / 5` to warm up. */
function time(f, n) {
  for (let i = 0; i < n / 5; i++) f();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f();
  return Number(process.hrtime.bigint() - start) / n / 1000;
}

const median = (runs) => runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
for (const [name, text] of Object.entries(cases)) {
  const n = name === '100-items' ? 2000 : 20000;
  const ways = {
    'at once': () => JSON.parse(validateJson('payviox', text)),
    verdict: () => validate('payviox', text).valid,
    'verdict then read': () => {
      const report = validate('payviox', text);
      return report.valid ? report.normalized : report.errors;
    },
  };
  const runs = Object.fromEntries(Object.keys(ways).map((w) => [w, []]));
  for (let round = 0; round < 5; round++) {
    for (const [way, f] of Object.entries(ways)) runs[way].push(time(f, n));
  }
  const us = Object.fromEntries(Object.entries(runs).map(([w, r]) => [w, median(r)]));
  console.log(
    `${name}: at once ${us['at once'].toFixed(2)} µs, verdict ${us.verdict.toFixed(2)} µs ` +
      `(${(us['at once'] / us.verdict).toFixed(2)}x), verdict then read ${us['verdict then read'].toFixed(2)} µs ` +
      `(${(us['at once'] / us['verdict then read']).toFixed(2)}x)`,
  );
}
