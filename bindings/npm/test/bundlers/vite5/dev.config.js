// The dev server only (Vite 5 and 6): its pre-bundling of dependencies
// moves the package's module away from its `wasm/` folder. `vite build`
// needs no configuration.
export default { optimizeDeps: { exclude: ['checkout-rules'] } };
