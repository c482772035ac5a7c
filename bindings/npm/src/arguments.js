// The arguments the API takes, checked with clear errors and turned into
// what the WebAssembly exports take: text, and headers as JSON text.
function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function text(name, value) {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, not ${describe(value)}`);
  }
  return value;
}

export function optionalText(name, value) {
  return value === undefined || value === null ? undefined : text(name, value);
}

/** The JSON text of a body: text as given, or a plain object as `fetch` would send it. */
export function bodyText(body) {
  if (typeof body === 'string') return body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return JSON.stringify(body);
  throw new TypeError(`body must be JSON text or a plain object, not ${describe(body)}`);
}

export function options(value) {
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
export function headersText(value) {
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
