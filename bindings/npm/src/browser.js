// Browsers and bundlers: the WebAssembly is fetched next to this module.
// Built into the package's `index.js` (scripts/build.sh), so the URL is
// relative to the package root.
import init from '../wasm/checkout_rules_wasm.js';

await init({ module_or_path: new URL('./wasm/checkout_rules_wasm_bg.wasm', import.meta.url) });

export * from './api.js';
