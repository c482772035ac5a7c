// The same through a bundler, without the DOM library or Node's types.
import { init, validate, type Report, type RequestOptions } from 'checkout-rules';

await init(new Uint8Array(8));
const options: RequestOptions = { headers: { Authorization: 'Bearer pk_x' } };
const report: Report = validate('payviox', '{}', options);
// @ts-expect-error: headers are strings
validate('payviox', '{}', { headers: { 'X-A': 1 } });
export { report };
