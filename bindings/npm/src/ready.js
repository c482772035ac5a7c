// Whether the WebAssembly is instantiated: the Node entry does it at import,
// the browser entry in `init()` (a browser fetches it, which cannot block).
let loaded = false;

export function ready() {
  loaded = true;
}

/** Throws until `ready()`: the glue would fail on its absent exports instead. */
export function need() {
  if (!loaded) throw new Error('checkout-rules: call `await init()` first: it loads the WebAssembly');
}
