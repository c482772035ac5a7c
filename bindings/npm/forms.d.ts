// `checkout-rules/forms`: the API of `checkout-rules` but conversion
// (`convert`, `convertJson`), for checkout forms, which validate and do not
// convert. In browsers it loads a WebAssembly build without conversion,
// about 7 KB smaller gzipped; in Node it is the whole package.
export {
  init,
  validate,
  validateJson,
  validateField,
  toMinor,
  toMajor,
  constraints,
  dialects,
  currency,
  currencies,
} from './index.js';
export type * from './index.js';
