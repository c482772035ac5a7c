// Node with its types (@types/node), without the DOM library: Node's
// Headers, URL and Buffer are accepted where the declarations take them.
import { readFileSync } from 'node:fs';
import { init, validate, type Report } from 'checkout-rules';

await init(readFileSync(new URL('./checkout_rules.wasm', import.meta.url)));
await init(new URL('https://example.test/checkout_rules.wasm'));
const report: Report = validate('payviox', '{}', { headers: new Headers({ Authorization: 'Bearer pk_x' }) });
// @ts-expect-error: headers are strings
validate('payviox', '{}', { headers: { 'X-A': 1 } });
export { report };
