// The Payviox requests the Node benches time: the documented premium
// request, a hundred items, and an invalid request with several problems.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repo = fileURLToPath(new URL('../../../', import.meta.url));

const items = (n) =>
  Array.from({ length: n }, (_, i) => `{"name": "Item ${i}", "quantity": 2, "price": 150}`).join(', ');

export const cases = {
  'premium-subscription': readFileSync(join(repo, 'examples/payviox/premium-subscription.json'), 'utf8'),
  '100-items': `{"amount": 30000, "currency": "USD", "customer": "customer_abc123", "order_id": "order_12345", "items": [${items(100)}]}`,
  'invalid-several-problems': readFileSync(join(repo, 'examples/payviox/invalid-several-problems.json'), 'utf8'),
};
