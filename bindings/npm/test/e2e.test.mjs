// The demo checkout form in a real browser (Debian's Chromium, driven by
// playwright-core): a wrong reference gets the server's own message while
// typing, the fixed form submits, and the normalised minor units show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { launch } from './chromium.mjs';

const output = fileURLToPath(new URL('../test-output/', import.meta.url));

/** Runs `steps` on the demo page, once it is ready, in a browser of its
 * own; the page may throw no error meanwhile. */
async function onDemo(steps) {
  const { server, base } = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/demo/`);
    await page.waitForSelector('body[data-ready="true"]');
    await steps(page);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
}

test('a customer fixes a reference and pays, in Chromium', () =>
  onDemo(async (page) => {
    // Constraints from constraints() are on the inputs.
    const reference = page.locator('#field-reference');
    assert.equal(await reference.getAttribute('maxlength'), '42');
    assert.equal(await reference.getAttribute('pattern'), '[a-zA-Z0-9\\-]+');
    // The providers are the library's dialects; the form opens on Flutterwave, in dollars.
    const options = await page.locator('#dialect option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(options, ['nairopay', 'kiotapay', 'payviox', 'orchestrator', 'flutterwave']);
    assert.equal(await page.locator('#dialect').inputValue(), 'flutterwave');
    assert.equal(await page.locator('#currency').inputValue(), 'USD');

    await page.fill('#field-amount', '12.34');
    await reference.pressSequentially('ORDER_2025');
    const message = page.locator('#field-reference-error');
    await assert.doesNotReject(message.filter({ hasText: 'may only contain letters' }).waitFor());
    assert.equal(await reference.getAttribute('aria-invalid'), 'true');

    await reference.fill('');
    await reference.pressSequentially('ORDER-2025');
    await message.filter({ hasText: /^$/ }).waitFor();
    assert.equal(await reference.getAttribute('aria-invalid'), 'false');

    await page.click('#submit');
    const verdict = page.locator('#verdict');
    await verdict.waitFor();
    assert.equal(await verdict.textContent(), 'Valid: USD 12.34, 1234 minor units');

    mkdirSync(output, { recursive: true });
    await page.screenshot({ path: `${output}checkout-form.png`, fullPage: true });
    console.log(`screenshot: ${output}checkout-form.png`);
  }));

test('the Payviox form checks items against the amount, in Chromium', () =>
  onDemo(async (page) => {
    await page.selectOption('#dialect', 'payviox');
    assert.equal(await page.locator('#currency').inputValue(), 'USD');
    await page.fill('#field-amount', '99');
    await page.locator('#field-amount-error').filter({ hasText: 'at least 100 minor units' }).waitFor();
    await page.fill('#field-amount', '10000');
    await page.fill('#field-order_id', 'order_12345');
    await page.fill('#field-customer', 'customer_abc123');
    await page.fill('#field-items-0-name', 'Premium Plan');
    await page.fill('#field-items-0-quantity', '2');
    await page.fill('#field-items-0-price', '4000');
    await page.click('#submit');
    await page.locator('#verdict').filter({ hasText: '1 problem' }).waitFor();
    assert.match(await page.locator('#report').textContent(), /amount_mismatch/);
    await page.fill('#field-items-0-price', '5000');
    await page.click('#submit');
    await page.locator('#verdict').filter({ hasText: 'Valid: USD 100.00, 10000 minor units' }).waitFor();
  }));

test('a provider with nested fields and a required header gets its form, in Chromium', () =>
  onDemo(async (page) => {
    await page.selectOption('#dialect', 'orchestrator');
    const fill = {
      '#field-orderReference': 'ORD-1001',
      '#field-amount-total': '10.50',
      '#field-orderItems-0-name': 'Cable',
      '#field-orderItems-0-sku': 'CB-1',
      '#field-orderItems-0-quantity': '3',
      '#field-orderItems-0-unitPrice': '3.50',
      '#field-customer-firstName': 'Jane',
      '#field-customer-lastName': 'Doe',
      '#field-customer-email': 'jane@example.com',
      '#field-customer-phone': '+61412345678',
      '#fieldIdempotency-Key': '4f1c2b0e-7d1a-4c55-9a61-0d3c2f9e8b71',
    };
    for (const [selector, value] of Object.entries(fill)) await page.fill(selector, value);
    assert.equal(await page.locator('#field-paymentMethod').inputValue(), 'card');
    await page.click('#submit');
    await page.locator('#verdict').filter({ hasText: 'Valid: USD 10.50, 1050 minor units' }).waitFor();
    // Without the header the orchestrator requires, the report says so.
    await page.fill('#fieldIdempotency-Key', '');
    await page.click('#submit');
    await page.locator('#verdict').filter({ hasText: '1 problem' }).waitFor();
    assert.match(await page.locator('#report').textContent(), /"path": "Idempotency-Key"/);
  }));
