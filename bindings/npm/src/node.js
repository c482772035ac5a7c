// Node: the WebAssembly built for speed (scripts/build.sh) is read from the
// package's folder at import, so the API works at once; `init()` is there
// for code shared with browsers. Built into the package's `node.js`, so the
// URL is relative to the package root.
import { readFileSync } from 'node:fs';
// The bundle takes this glue from wasm-node/ (scripts/bundle.mjs).
import { initSync } from '../wasm/checkout_rules_wasm.js';
import { ready } from './ready.js';

initSync({ module: readFileSync(new URL('./wasm-node/checkout_rules_wasm_bg.wasm', import.meta.url)) });
ready();

export async function init() {}

export * from './api.js';
export * from './conversion.js';
