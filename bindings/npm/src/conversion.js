// Conversion between dialects, apart from the rest of the API: the entry
// for forms (forms.js) leaves it and its WebAssembly out.
import * as wasm from '../wasm/checkout_rules_wasm.js';
import { need } from './ready.js';
import { bodyText, headersText, options, text } from './arguments.js';

/** The outcome's JSON text and the target body's exact text (or null). */
function convertParts(from, to, body, opts) {
  need();
  const { headers } = options(opts);
  return JSON.parse(wasm.convertParts(text('from', from), text('to', to), bodyText(body), headersText(headers)));
}

export function convertJson(from, to, body, opts) {
  return convertParts(from, to, body, opts)[0];
}

export function convert(from, to, body, opts) {
  const [outcomeText, targetBody] = convertParts(from, to, body, opts);
  const outcome = JSON.parse(outcomeText);
  // The body's exact text, to send as it is: JSON.parse turns `25.00` into 25.
  if (targetBody !== null) outcome.bodyText = targetBody;
  return outcome;
}
