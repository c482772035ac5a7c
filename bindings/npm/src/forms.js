// Browsers and bundlers, for forms: the API of index.js but conversion,
// with a WebAssembly build that leaves conversion out (about 7 KB less to
// download gzipped). Built into the package's `forms.js`, which loads
// `wasm-forms/` as index.js loads `wasm/` (see browser.js).
import { start } from './load.js';

export async function init(source) {
  await start(source ?? new URL('./wasm-forms/checkout_rules_wasm_bg.wasm', import.meta.url));
}

export * from './api.js';
