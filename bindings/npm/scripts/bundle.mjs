// Bundles each entry point into one minified module: the wasm-bindgen glue,
// the API and the loader together, which gzip smaller than three files
// (what a browser downloads has a budget, docs/performance.md). The Node
// entry takes the glue of the Node build (`wasm-node/`, built for speed);
// the sources import `wasm/`'s.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const glueFrom = (folder) => ({
  name: 'glue',
  setup(b) {
    b.onResolve({ filter: /\/wasm\/checkout_rules_wasm\.js$/ }, () => ({
      path: fileURLToPath(new URL(`../${folder}/checkout_rules_wasm.js`, import.meta.url)),
    }));
  },
});

const common = { bundle: true, minify: true, format: 'esm', logLevel: 'warning' };
await build({ ...common, entryPoints: ['src/browser.js'], target: 'es2022', outfile: 'index.js' });
await build({
  ...common,
  entryPoints: ['src/node.js'],
  platform: 'node',
  target: 'node20',
  outfile: 'node.js',
  plugins: [glueFrom('wasm-node')],
});
