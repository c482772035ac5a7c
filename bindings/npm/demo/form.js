// A checkout form driven by checkout-rules: inputs get their constraints
// from constraints(), messages come from validateField() as the customer
// types, and submitting shows the full report with the normalised amount.
import { constraints, currencies, init, validate, validateField } from '../index.js';

// Loads the WebAssembly beside index.js; the functions below need it.
await init();

/** The fields each provider's form asks for, in its own field names. */
const FORMS = {
  flutterwave: {
    fields: ['/amount', '/reference', '/customer_id', '/redirect_url'],
    defaults: { currency: 'NGN' },
  },
  payviox: {
    fields: ['/amount', '/order_id', '/customer', '/items/0/name', '/items/0/quantity', '/items/0/price'],
    defaults: { currency: 'USD' },
  },
};

const LABELS = {
  '/amount': 'Amount',
  '/reference': 'Reference',
  '/customer_id': 'Customer ID',
  '/redirect_url': 'Return URL',
  '/order_id': 'Order ID',
  '/customer': 'Customer',
  '/items/0/name': 'Item',
  '/items/0/quantity': 'Quantity',
  '/items/0/price': 'Unit price (minor units)',
};

const dialectSelect = document.getElementById('dialect');
const currencySelect = document.getElementById('currency');
const fieldsBox = document.getElementById('fields');
const result = document.getElementById('result');

function id(path) {
  return `field${path.replaceAll('/', '-')}`;
}

/** The constraint of a concrete path (`/items/0/price` matches `/items/*\/price`). */
function constraintOf(list, path) {
  return list.find((c) => c.path === path.replace(/\/\d+(?=\/|$)/g, '/*'));
}

function render() {
  const typed = new Map([...fieldsBox.querySelectorAll('input')].map((i) => [i.dataset.path, i.value]));
  const dialect = dialectSelect.value;
  const currency = currencySelect.value || FORMS[dialect].defaults.currency;
  const list = constraints(dialect, { currency });
  fieldsBox.replaceChildren();
  for (const path of FORMS[dialect].fields) {
    const c = constraintOf(list, path);
    const label = document.createElement('label');
    label.textContent = LABELS[path];
    const input = document.createElement('input');
    input.id = id(path);
    input.name = path;
    input.dataset.path = path;
    input.dataset.type = c.type;
    input.type = c.inputType === 'number' ? 'text' : c.inputType ?? 'text';
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
  const dialect = dialectSelect.value;
  currencySelect.replaceChildren(
    ...currencies(dialect).map((c) => new Option(`${c.code} – ${c.name}`, c.code)),
  );
  currencySelect.value = FORMS[dialect].defaults.currency;
}

/** Shows the field's own violations, exactly as the server would word them. */
function check(input) {
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
  const root = { currency: JSON.stringify(currencySelect.value) };
  for (const input of fieldsBox.querySelectorAll('input')) {
    if (input.value === '') continue;
    const raw = input.dataset.type === 'number' ? input.value : JSON.stringify(input.value);
    const keys = input.dataset.path.split('/').slice(1);
    let node = root;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    node[keys.at(-1)] = raw;
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
  for (const input of fieldsBox.querySelectorAll('input')) check(input);
  const body = bodyText();
  const report = validate(dialectSelect.value, body);
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
fillCurrencies();
render();
document.body.dataset.ready = 'true';
