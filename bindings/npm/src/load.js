// Loading the WebAssembly in a browser, for both browser entries (index.js
// and forms.js), each of which names its own file.
import load from '../wasm/checkout_rules_wasm.js';
import { ready } from './ready.js';

/** Instantiates the WebAssembly from `source`, then opens the API. */
export async function start(source) {
  try {
    // The glue loads once, shares a load under way and allows a retry after a failure.
    await load({ module_or_path: source });
  } catch (e) {
    throw new Error(
      `checkout-rules could not load its WebAssembly (${e.message}); if your bundler does not copy it (esbuild), pass its URL to init()`,
      { cause: e },
    );
  }
  ready();
}
