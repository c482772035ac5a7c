// Browsers and bundlers. No top-level await (Vite 5 and 6 reject it at their
// default targets): `init()` loads the WebAssembly, and the API throws until
// it has. Built into the package's `index.js` (scripts/build.sh), so the URL
// is relative to the package root: written as `new URL('…', import.meta.url)`
// with a literal path, which Vite, webpack 5 and Rollup's import-meta-assets
// plugin follow, copy into the build and rewrite.
import load from '../wasm/checkout_rules_wasm.js';
import { ready } from './ready.js';

export async function init(source) {
  try {
    // The glue loads once, shares a load under way and allows a retry after a failure.
    await load({ module_or_path: source ?? new URL('./wasm/checkout_rules_wasm_bg.wasm', import.meta.url) });
  } catch (e) {
    throw new Error(
      `checkout-rules could not load its WebAssembly (${e.message}); if your bundler does not copy it (esbuild), pass its URL to init()`,
      { cause: e },
    );
  }
  ready();
}

export * from './api.js';
