// A browser app through a bundler, with the DOM library: Headers, URL and
// fetch responses are accepted where the declarations take them.
import { init, validate, convert, toMinor, type Report, type WasmSource } from 'checkout-rules';
import wasm from 'checkout-rules/checkout_rules.wasm';

const sources: WasmSource[] = [wasm, new URL(wasm, import.meta.url), fetch(wasm), new Uint8Array(8)];
await init(sources[0]);
const report: Report = validate('payviox', '{}', { headers: new Headers({ Authorization: 'Bearer pk_x' }) });
const text: string | undefined = convert('flutterwave', 'nairopay', '{}', { headers: { 'X-A': 'b' } }).bodyText;
const minor: number = toMinor('12.34', 'KES');
// @ts-expect-error: not a dialect
validate('stripe', '{}');
// @ts-expect-error: init() resolves to nothing
const loaded: Promise<number> = init();
// The entry for forms: the same types, and no conversion.
import * as forms from 'checkout-rules/forms';
import formsWasm from 'checkout-rules/forms.wasm';
await forms.init(new URL(formsWasm, import.meta.url));
const checked: forms.Report = forms.validate('payviox', '{}', { headers: new Headers() });
// @ts-expect-error: forms do not convert
forms.convert('flutterwave', 'nairopay', '{}');
export { report, text, minor, loaded, checked };
