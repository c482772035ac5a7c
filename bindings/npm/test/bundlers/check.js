// What every scratch app does with the package once bundled: call the API
// before init() (a clear error), load the WebAssembly, check two requests,
// and put the outcome on the page for the test to read.
export function check(cr, source) {
  const out = {};
  try {
    cr.validate('nairopay', '{}');
  } catch (e) {
    out.beforeInit = e.message;
  }
  cr.init(source).then(
    () => {
      const valid = cr.validate('nairopay', '{"amount": 2500, "currency": "KES", "reference": "ORDER_2025_001"}');
      const invalid = cr.validate('payviox', { amount: 50, currency: 'USD' }, { headers: { Authorization: 'Bearer pk_x' } });
      out.valid = valid.valid;
      out.amount = valid.normalized.amount;
      out.codes = invalid.errors.map((e) => `${e.path} ${e.code}`);
      out.minor = cr.toMinor('12.34', 'KES');
      show(out);
    },
    (e) => show({ ...out, error: String(e) }),
  );
}

function show(out) {
  const pre = document.createElement('pre');
  pre.id = 'out';
  pre.textContent = JSON.stringify(out);
  document.body.append(pre);
}
