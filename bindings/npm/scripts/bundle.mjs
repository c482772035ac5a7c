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
const noFallbackUrl = {
  name: 'no-fallback-url',
  setup(b) {
    b.onLoad({ filter: /\/checkout_rules_wasm\.js$/ }, async ({ path }) => {
      const glue = await readFile(path, 'utf8');
      if (glue.split(FALLBACK).length !== 2) throw new Error(`${path}: the glue's fallback URL is not \`${FALLBACK}\``);
      return { contents: glue.replace(FALLBACK, "throw new Error('no WebAssembly given');"), loader: 'js' };
    });
  },
};

const common = { bundle: true, minify: true, format: 'esm', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['src/browser.js'],
  target: 'es2022',
  outfile: 'index.js',
  plugins: [noFallbackUrl],
});
await build({
  ...common,
  entryPoints: ['src/forms.js'],
  target: 'es2022',
  outfile: 'forms.js',
  plugins: [glueFrom('wasm-forms'), noFallbackUrl],
});
await build({
  ...common,
  entryPoints: ['src/node.js'],
  platform: 'node',
  target: 'node20',
  outfile: 'node.js',
  plugins: [glueFrom('wasm-node'), noFallbackUrl],
});
