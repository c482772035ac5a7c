// `moduleResolution: nodenext`, in a package of ES modules, without the DOM library.
import { init, validateField, constraints, type Violation } from 'checkout-rules';

await init();
const live: Violation[] = validateField('flutterwave', '/reference', 'ORDER_1');
const step: string | undefined = constraints('flutterwave', { currency: 'NGN' })[0]?.step;
// @ts-expect-error: a bigint is no JSON value
validateField('flutterwave', '/amount', 1234n);
// The entry for forms, under the same resolution.
import { validate as validateForm } from 'checkout-rules/forms';
const refused: boolean = validateForm('nairopay', '{}').valid;
export { live, step, refused };
