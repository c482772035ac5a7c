// Bundles each entry point into one minified module: the wasm-bindgen glue,
// the API and the loader together, which gzip smaller than three files
// (what a browser downloads has a budget, docs/performance.md). The Node
// entry takes the glue of the Node build (`wasm-node/`, built for speed),
// the forms entry that of the build without conversion (`wasm-forms/`);
// the sources import `wasm/`'s.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const glueFrom = (folder) => ({
  name: 'glue',
  setup(b) {
    b.onResolve({ filter: /\/wasm\/checkout_rules_wasm\.js$/ }, () => ({
      path: fileURLToPath(new URL(`../${folder}/checkout_rules_wasm.js`, import.meta.url)),
    }));
  },
});

// The glue's fallback URL for a call without one, `new URL('…_bg.wasm',
// import.meta.url)`, names a file beside the glue, which the package does
// not have: bundlers follow it and fail (webpack 5, Rollup) or warn (Vite).
// The loader always passes its URL, so the fallback goes.
const FALLBACK = "module_or_path = new URL('checkout_rules_wasm_bg.wasm', import.meta.url);";

// The glue copies a string into WebAssembly one character at a time while
// the characters are ASCII, then hands the rest to `encodeInto`. For a
// request body of a few hundred bytes the loop costs about six times what
// one native `encodeInto` does (docs/performance.md), so `encodeInto` takes
// a string longer than a dialect's name whole, into the same room of a
// byte per character (shorter ones keep the loop, which costs them less
// than the call); what does not fit goes on, as before, after more room.
const PASS_LOOP = `    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }`;
const PASS_NATIVE = `    const mem = getUint8ArrayMemory0();

    let offset = 0;

    if (len > 16) {
        const whole = cachedTextEncoder.encodeInto(arg, mem.subarray(ptr, ptr + len));
        offset = whole.written;
        arg = arg.slice(whole.read);
    } else {
        for (; offset < len; offset++) {
            const code = arg.charCodeAt(offset);
            if (code > 0x7F) break;
            mem[ptr + offset] = code;
        }
        arg = arg.slice(offset);
    }
    if (arg.length !== 0) {`;

// Both changes to the glue, each made only where the glue reads as expected.
const patchedGlue = {
  name: 'patched-glue',
  setup(b) {
    b.onLoad({ filter: /\/checkout_rules_wasm\.js$/ }, async ({ path }) => {
      const glue = await readFile(path, 'utf8');
      for (const what of [FALLBACK, PASS_LOOP]) {
        if (glue.split(what).length !== 2) throw new Error(`${path}: the glue does not have \`${what}\` once`);
      }
      const contents = glue
        .replace(FALLBACK, "throw new Error('no WebAssembly given');")
        .replace(PASS_LOOP, PASS_NATIVE);
      return { contents, loader: 'js' };
    });
  },
};

const common = { bundle: true, minify: true, format: 'esm', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['src/browser.js'],
  target: 'es2022',
  outfile: 'index.js',
  plugins: [patchedGlue],
});
await build({
  ...common,
  entryPoints: ['src/forms.js'],
  target: 'es2022',
  outfile: 'forms.js',
  plugins: [glueFrom('wasm-forms'), patchedGlue],
});
await build({
  ...common,
  entryPoints: ['src/node.js'],
  platform: 'node',
  target: 'node20',
  outfile: 'node.js',
  plugins: [glueFrom('wasm-node'), patchedGlue],
});
