// Node ESM (`moduleResolution: node16`), without the DOM library.
import { init, validate, toMajor, type Report } from 'checkout-rules';

await init();
const report: Report = validate('nairopay', '{}', { headers: { 'X-A': 'b' } });
const major: string = toMajor(1234n, 'KES');
// @ts-expect-error: not a dialect
validate('stripe', '{}');
export { report, major };
