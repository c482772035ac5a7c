import * as cr from 'checkout-rules';
// esbuild copies the file (`--loader:.wasm=file`) and gives its path
// relative to the output folder.
import wasm from 'checkout-rules/checkout_rules.wasm';
import { check } from './check.js';

check(cr, new URL(wasm, import.meta.url));
