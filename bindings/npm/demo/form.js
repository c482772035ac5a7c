// A checkout form driven by checkout-rules: the providers come from
// dialects(), each form's fields and their limits from constraints(),
// messages from validateField() as the customer types, and submitting shows
// the full report with the normalised amount. Nothing here names a
// provider's field, so a provider added to the library gets a form.
// A form does not convert: the entry for forms loads the smaller build.
import { constraints, currencies, dialects, init, validate, validateField } from '../forms.js';

// Loads the WebAssembly beside forms.js; the functions below need it.
await init();

/** The provider the page opens with. */
const FIRST_DIALECT = 'flutterwave';
/** The currency a form starts in: the first of these the provider accepts. */
const USUAL_CURRENCIES = ['USD', 'EUR', 'KES'];

const dialectSelect = document.getElementById('dialect');
const currencySelect = document.getElementById('currency');
const fieldsBox = document.getElementById('fields');
const result = document.getElementById('result');

function id(path) {
  return `field${path.replaceAll('/', '-')}`;
}

/** The pointer a form fills for a constraint's path: the first element of a list. */
function concrete(path) {
  return path.replaceAll('/*', '/0');
}

/** The currency field's constraint: the one whose choices are the provider's currencies. */
function currencyConstraint(list, dialect) {
  const codes = currencies(dialect).map((c) => c.code);
  return list.find((c) => c.in === 'body' && c.allowed?.length === codes.length && c.allowed.every((a, i) => a === codes[i]));
}

/** What a request needs: the required body values whose every enclosing object or list is
 * required too, and the required headers. */
function requiredFields(list, dialect) {
  const currency = currencyConstraint(list, dialect);
  const byPath = new Map(list.map((c) => [c.path, c]));
  const enclosingRequired = (path) => {
    const parts = path.split('/');
    for (let n = 2; n < parts.length; n++) {
      const outer = byPath.get(parts.slice(0, n).join('/'));
      if (outer !== undefined && !outer.required) return false;
    }
    return true;
  };
  return list.filter(
    (c) =>
      c.required &&
      c !== currency &&
      (c.in === 'header' || (['string', 'number'].includes(c.type) && enclosingRequired(c.path))),
  );
}

/** A field's label: its path's names, without list indices. */
function labelOf(c) {
  if (c.in === 'header') return c.path;
  const words = c.path.split('/').filter((p) => p !== '' && p !== '*').join(' › ');
  return words[0].toUpperCase() + words.slice(1);
}

function render() {
  const typed = new Map([...fieldsBox.querySelectorAll('input, select')].map((i) => [i.dataset.path, i.value]));
  const dialect = dialectSelect.value;
  const currency = currencySelect.value;
  const list = constraints(dialect, { currency });
  fieldsBox.replaceChildren();
  for (const c of requiredFields(list, dialect)) {
    const path = c.in === 'header' ? c.path : concrete(c.path);
    const label = document.createElement('label');
    label.textContent = labelOf(c);
    const input = document.createElement(c.allowed ? 'select' : 'input');
    if (c.allowed) input.append(...c.allowed.map((a) => new Option(a, a)));
    input.dataset.in = c.in;
    input.id = id(path);
    input.name = path;
    input.dataset.path = path;
    input.dataset.type = c.type;
    if (!c.allowed) input.type = c.inputType === 'number' ? 'text' : c.inputType ?? 'text';
    if (c.inputType === 'number') input.inputMode = 'decimal';
    if (c.required) input.required = true;
    if (c.minLength !== undefined) input.minLength = c.minLength;
    if (c.maxLength !== undefined) input.maxLength = c.maxLength;
    if (c.pattern !== undefined && c.inputType !== 'email') input.pattern = c.pattern;
    if (c.min !== undefined) input.dataset.min = c.min;
    if (c.step !== undefined) input.dataset.step = c.step;
    const hint = document.createElement('span');
    hint.className = 'hint';
    hint.textContent = [
      c.min !== undefined ? `at least ${c.min}` : '',
      c.step !== undefined && c.step !== '1' ? `steps of ${c.step}` : '',
      c.maxLength !== undefined ? `${c.minLength ?? 0}–${c.maxLength} characters` : '',
    ].filter(Boolean).join(', ');
    const error = document.createElement('div');
    error.className = 'error';
    error.id = `${input.id}-error`;
    input.setAttribute('aria-describedby', error.id);
    input.addEventListener('input', () => check(input));
    label.append(input, hint, error);
    fieldsBox.append(label);
    if (typed.get(path)) {
      input.value = typed.get(path);
      check(input);
    }
  }
}

function fillCurrencies() {
  const accepted = currencies(dialectSelect.value);
  currencySelect.replaceChildren(...accepted.map((c) => new Option(`${c.code} – ${c.name}`, c.code)));
  const codes = accepted.map((c) => c.code);
  currencySelect.value = USUAL_CURRENCIES.find((code) => codes.includes(code)) ?? codes[0];
}

/** Shows the field's own violations, exactly as the server would word them. A header is
 * judged when the form is sent. */
function check(input) {
  if (input.dataset.in === 'header') return [];
  const value = input.value === '' ? undefined : input.value;
  const violations = validateField(dialectSelect.value, input.dataset.path, value, {
    currency: currencySelect.value,
  });
  const error = document.getElementById(`${input.id}-error`);
  error.textContent = violations.map((v) => v.message).join(' ');
  input.setAttribute('aria-invalid', String(violations.length > 0));
  return violations;
}

/** The request body as JSON text; numbers are written exactly as typed. */
function bodyText() {
  const root = {};
  const put = (path, raw) => {
    const keys = path.split('/').slice(1);
    let node = root;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    node[keys.at(-1)] = raw;
  };
  const currency = currencyConstraint(constraints(dialectSelect.value), dialectSelect.value);
  if (currency !== undefined) put(currency.path, JSON.stringify(currencySelect.value));
  for (const input of fieldsBox.querySelectorAll('[data-in="body"]')) {
    if (input.value === '') continue;
    put(input.dataset.path, input.dataset.type === 'number' ? input.value : JSON.stringify(input.value));
  }
  const write = (node) =>
    typeof node === 'string'
      ? node
      : Object.keys(node).every((k) => /^\d+$/.test(k))
        ? `[${Object.values(node).map(write).join(',')}]`
        : `{${Object.entries(node).map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
  return write(root);
}

function submit(event) {
  event.preventDefault();
  for (const input of fieldsBox.querySelectorAll('input, select')) check(input);
  const body = bodyText();
  const headers = [...fieldsBox.querySelectorAll('[data-in="header"]')]
    .filter((input) => input.value !== '')
    .map((input) => [input.dataset.path, input.value]);
  const report = validate(dialectSelect.value, body, { headers });
  result.replaceChildren();
  const heading = document.createElement('p');
  if (report.valid) {
    const amount = report.normalized.amount;
    heading.className = 'valid';
    heading.id = 'verdict';
    heading.textContent = `Valid: ${amount.currency} ${amount.decimal}, ${amount.minor} minor units`;
  } else {
    heading.className = 'invalid';
    heading.id = 'verdict';
    heading.textContent = `${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}`;
  }
  const pre = document.createElement('pre');
  pre.id = 'report';
  pre.textContent = `${body}\n\n${JSON.stringify(report, null, 2)}`;
  result.append(heading, pre);
}

dialectSelect.addEventListener('change', () => {
  fillCurrencies();
  fieldsBox.replaceChildren();
  render();
});
currencySelect.addEventListener('change', () => {
  render();
});
document.getElementById('checkout').addEventListener('submit', submit);
const names = dialects();
dialectSelect.append(...names.map((name) => new Option(name[0].toUpperCase() + name.slice(1), name)));
dialectSelect.value = names.includes(FIRST_DIALECT) ? FIRST_DIALECT : names[0];
fillCurrencies();
render();
document.body.dataset.ready = 'true';
