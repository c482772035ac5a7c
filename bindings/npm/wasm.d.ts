// `checkout-rules/checkout_rules.wasm` and `checkout-rules/forms.wasm`: the
// WebAssembly file of each browser entry itself, for a bundler whose file
// loader gives its URL (esbuild's `--loader:.wasm=file`).

/** The file's URL or path, as the bundler gives it: pass it to `init()`. */
declare const url: string;
export default url;
