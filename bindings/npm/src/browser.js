// Browsers and bundlers. No top-level await (Vite 5 and 6 reject it at their
// default targets): `init()` loads the WebAssembly, and the API throws until
// it has. Built into the package's `index.js` (scripts/build.sh), so the URL
// is relative to the package root: written as `new URL('…', import.meta.url)`
// with a literal path, which Vite, webpack 5 and Rollup's import-meta-assets
// plugin follow, copy into the build and rewrite.
import { start } from './load.js';

export async function init(source) {
  await start(source ?? new URL('./wasm/checkout_rules_wasm_bg.wasm', import.meta.url));
}

export * from './api.js';
export * from './conversion.js';
