// The package's `validate` on Payviox requests against the JavaScript
// validators a user would otherwise reach for, in the same process:
// `JSON.parse` + an ajv-compiled validator of Payviox's own OpenAPI schema,
// and `JSON.parse` + an equivalent zod schema. Neither can check that the
// items sum to the amount, nor that the currency exists.
//
// Run: npm run bench   (after scripts/build.sh; in bindings/npm)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Bench } from 'tinybench';
import { validate, validateJson } from '../node.js';
import { cases, repo } from './cases.mjs';

// Payviox's schema, from the OpenAPI block of its document.
const doc = readFileSync(join(repo, 'docs/providers/payviox.txt'), 'utf8');
const block = doc.slice(doc.indexOf('````yaml POST /session'));
const openapi = parseYaml(block.slice(block.indexOf('\n') + 1, block.indexOf('````', 1)));
const schema = openapi.components.schemas.CreateSessionRequest;
const ajv = new Ajv({ strict: false });
const ajvValidate = ajv.compile(schema);

// The same schema in zod.
const zodSchema = z.object({
  amount: z.number().int().min(100),
  currency: z.string().max(3),
  customer: z.string(),
  order_id: z.string(),
  items: z.array(z.object({}).passthrough()),
  description: z.string().optional(),
  paymentMethodId: z.string().optional(),
  ip: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const bench = new Bench({ time: 700, warmupTime: 150 });
for (const [name, text] of Object.entries(cases)) {
  bench.add(`${name}: checkout-rules validate`, () => validate('payviox', text).valid);
  // The verdict, then what a caller reads next: the session or the errors.
  bench.add(`${name}: checkout-rules validate, report read`, () => {
    const report = validate('payviox', text);
    return report.valid ? report.normalized : report.errors;
  });
  // The whole report decoded at once, as `validate` did before it decoded
  // members on first access.
  bench.add(`${name}: checkout-rules validateJson + JSON.parse`, () => JSON.parse(validateJson('payviox', text)).valid);
  bench.add(`${name}: JSON.parse + ajv`, () => ajvValidate(JSON.parse(text)));
  bench.add(`${name}: JSON.parse + zod`, () => zodSchema.safeParse(JSON.parse(text)).success);
}
await bench.run();

const hz = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.throughput.mean]));
for (const name of Object.keys(cases)) {
  const ours = hz[`${name}: checkout-rules validate`];
  const ajvHz = hz[`${name}: JSON.parse + ajv`];
  const zodHz = hz[`${name}: JSON.parse + zod`];
  const eager = hz[`${name}: checkout-rules validateJson + JSON.parse`];
  const read = hz[`${name}: checkout-rules validate, report read`];
  console.log(
    `${name}: checkout-rules ${Math.round(ours)} ops/s (report then read: ${Math.round(read)} ops/s; ` +
      `decoded at once: ${Math.round(eager)} ops/s), ` +
      `ajv ${Math.round(ajvHz)} ops/s, zod ${Math.round(zodHz)} ops/s; ` +
      `checkout-rules / ajv = ${(ours / ajvHz).toFixed(2)}x (report read ${(read / ajvHz).toFixed(2)}x, ` +
      `at once ${(eager / ajvHz).toFixed(2)}x), / zod = ${(ours / zodHz).toFixed(2)}x`,
  );
}
