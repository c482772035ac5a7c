// Node: the WebAssembly is read from the package's folder. Built into the
// package's `node.js` (scripts/build.sh), so the URL is relative to the
// package root.
import { readFileSync } from 'node:fs';
import { initSync } from '../wasm/checkout_rules_wasm.js';

initSync({ module: readFileSync(new URL('./wasm/checkout_rules_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';
