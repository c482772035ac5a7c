// The package's API over the WebAssembly exports, but conversion
// (conversion.js), which the build for forms leaves out: JSON text parsed
// here (faster than building objects across the boundary), money as strings
// or safe integers.
import * as wasm from '../wasm/checkout_rules_wasm.js';
import { need } from './ready.js';
import { bodyText, headersText, optionalText, options, text } from './arguments.js';

export function validateJson(dialect, body, opts) {
  need();
  const { headers } = options(opts);
  return wasm.validate(text('dialect', dialect), bodyText(body), headersText(headers));
}

// How many verdicts have been given. The WebAssembly keeps the report of the
// last one only: a report whose number is still the count takes that one,
// an older one has its request validated again (the same answer, as
// validation is a pure function of its arguments).
let verdicts = 0;

// Stands for a member not read yet.
const UNREAD = {};

// A report's request and member, in a private field stamped onto the
// plain report: a base class that returns the object it is given makes
// `new` add the field to that object, which still compares, spreads and
// serialises as the plain object it stands for. Cheaper in V8 than a
// property defined as not enumerable (docs/performance.md).
class Stamp extends function (report) {
  return report;
} {
  #request;
  constructor(report, request) {
    super(report);
    this.#request = request;
  }
  static request(report) {
    return report.#request;
  }
}

// The accessors of a report's `key` member, shared by every report: it is
// decoded on first read and kept, or replaced by what a caller sets.
// Accessors written in each report's literal, or with closures of their
// own, cost a report about twice as much in V8 (docs/performance.md).
function member(key) {
  return {
    get() {
      const request = Stamp.request(this);
      if (request.member === UNREAD) {
        const { number, d, b, h } = request;
        request.member = JSON.parse((number === verdicts && wasm.lastReport()) || wasm.validate(d, b, h))[key];
      }
      return request.member;
    },
    set(value) {
      Stamp.request(this).member = value;
    },
    enumerable: true,
    configurable: true,
  };
}
const NORMALIZED = member('normalized');
const ERRORS = member('errors');

export function validate(dialect, body, opts) {
  need();
  const { headers } = options(opts);
  // Named, not spread from an array: spread arguments to the glue measured
  // slower in V8.
  const d = text('dialect', dialect);
  const b = bodyText(body);
  const h = headersText(headers);
  const answer = wasm.verdict(d, b, h);
  // 2: the arguments were refused; `validate` throws the reason.
  if (answer > 1) wasm.validate(d, b, h);
  const valid = answer === 1;
  // The report's text stays in WebAssembly until a member beyond the
  // verdict is read: a caller that reads only `valid` pays neither for
  // copying it into a JavaScript string nor for parsing it. A valid report
  // has no errors and a session, an invalid one errors and no session.
  const report = valid ? { valid: true, errors: [] } : { valid: false };
  new Stamp(report, { number: ++verdicts, d, b, h, member: UNREAD });
  return Object.defineProperty(report, valid ? 'normalized' : 'errors', valid ? NORMALIZED : ERRORS);
}

export function validateField(dialect, path, value, opts) {
  need();
  const { currency } = options(opts);
  const args = [text('dialect', dialect), text('path', path)];
  const cur = optionalText('options.currency', currency);
  if (value === undefined) return JSON.parse(wasm.validateField(...args, undefined, cur, false));
  if (typeof value === 'string') return JSON.parse(wasm.validateField(...args, value, cur, true));
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TypeError(
      `a non-integer or unsafe number cannot be checked exactly; pass ${path}'s value as a string, such as "12.34"`,
    );
  }
  return JSON.parse(wasm.validateField(...args, JSON.stringify(value), cur, false));
}

export function toMinor(amount, currency) {
  need();
  if (typeof amount === 'number') {
    throw new TypeError(`pass the amount as a string, such as "12.34": the number ${amount} may already be rounded`);
  }
  return Number(wasm.convertAmount(text('amount', amount), text('currency', currency), true));
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
  return wasm.convertAmount(digits, text('currency', currency), false);
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
