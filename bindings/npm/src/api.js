// The package's API over the WebAssembly exports: argument checks with
// clear errors, JSON text parsed here (faster than building objects across
// the boundary), money as strings or safe integers.
import * as wasm from '../wasm/checkout_rules_wasm.js';
import { need } from './ready.js';

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function text(name, value) {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, not ${describe(value)}`);
  }
  return value;
}

function optionalText(name, value) {
  return value === undefined || value === null ? undefined : text(name, value);
}

/** The JSON text of a body: text as given, or a plain object as `fetch` would send it. */
function bodyText(body) {
  if (typeof body === 'string') return body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return JSON.stringify(body);
  throw new TypeError(`body must be JSON text or a plain object, not ${describe(body)}`);
}

function options(value) {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') {
    throw new TypeError(`options must be an object, not ${describe(value)}`);
  }
  return value;
}

/**
 * Headers as the JSON text of a list of `[name, value]` pairs: from a list of
 * pairs (repeats kept, as `new Headers(init)` takes them), an object of
 * strings, or a `Headers`.
 */
function headersText(value) {
  if (value === undefined) return '[]';
  const entries =
    typeof Headers !== 'undefined' && value instanceof Headers
      ? [...value.entries()]
      : Array.isArray(value)
        ? value
        : value !== null && typeof value === 'object'
          ? Object.entries(value)
          : null;
  if (entries === null) {
    throw new TypeError(
      `options.headers must be a list of [name, value] pairs or an object of header names to values, not ${describe(value)}`,
    );
  }
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
      throw new TypeError(`each header must be a [name, value] pair of strings, not ${describe(entry)}`);
    }
    const [name, v] = entry;
    if (typeof v !== 'string') throw new TypeError(`header ${name} must be a string, not ${describe(v)}`);
  }
  return JSON.stringify(entries);
}

export function validateJson(dialect, body, opts) {
  need();
  const { headers } = options(opts);
  return wasm.validate(text('dialect', dialect), bodyText(body), headersText(headers));
}

/**
 * A member of `report` read from the report's JSON text on first access, then
 * kept as a plain value: a caller that reads only `valid` never parses it.
 */
function lazy(report, key, parsed) {
  Object.defineProperty(report, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = parsed()[key];
      Object.defineProperty(report, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
    set(value) {
      Object.defineProperty(report, key, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

const VALID = '{"valid":true,';

export function validate(dialect, body, opts) {
  const json = validateJson(dialect, body, opts);
  let all;
  const parsed = () => (all ??= JSON.parse(json));
  // The verdict leads the report's text; a valid report has no errors and
  // a session, an invalid one errors and no session.
  if (json.startsWith(VALID)) {
    const report = { valid: true, errors: [] };
    lazy(report, 'normalized', parsed);
    return report;
  }
  const report = { valid: false };
  lazy(report, 'errors', parsed);
  return report;
}

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

export function validateField(dialect, path, value, opts) {
  need();
  const { currency } = options(opts);
  const args = [text('dialect', dialect), text('path', path)];
  const cur = optionalText('options.currency', currency);
  if (value === undefined) return JSON.parse(wasm.validateField(...args, undefined, cur));
  if (typeof value === 'string') return JSON.parse(wasm.validateInput(...args, value, cur));
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TypeError(
      `a non-integer or unsafe number cannot be checked exactly; pass ${path}'s value as a string, such as "12.34"`,
    );
  }
  return JSON.parse(wasm.validateField(...args, JSON.stringify(value), cur));
}

export function toMinor(amount, currency) {
  need();
  if (typeof amount === 'number') {
    throw new TypeError(`pass the amount as a string, such as "12.34": the number ${amount} may already be rounded`);
  }
  return Number(wasm.toMinor(text('amount', amount), text('currency', currency)));
}

export function toMajor(minor, currency) {
  need();
  let digits;
  if (typeof minor === 'number') {
    if (!Number.isSafeInteger(minor)) {
      throw new RangeError(`minor units must be a safe integer, not ${minor}`);
    }
    digits = String(minor);
  } else if (typeof minor === 'bigint') {
    digits = minor.toString();
  } else {
    digits = text('minor', minor);
  }
  return wasm.toMajor(digits, text('currency', currency));
}

export function constraints(dialect, opts) {
  need();
  const { currency } = options(opts);
  return JSON.parse(wasm.constraints(text('dialect', dialect), optionalText('options.currency', currency)));
}

export function dialects() {
  need();
  return JSON.parse(wasm.dialects());
}

export function currency(code) {
  need();
  return JSON.parse(wasm.currency(text('code', code)));
}

export function currencies(dialect) {
  need();
  return JSON.parse(wasm.currencies(text('dialect', dialect)));
}
