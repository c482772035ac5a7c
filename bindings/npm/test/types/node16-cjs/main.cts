// CommonJS (`moduleResolution: node16`) loads the ES module with import().
async function main(): Promise<boolean> {
  const { init, validate } = await import('checkout-rules');
  await init();
  const valid: boolean = validate('nairopay', '{}').valid;
  // @ts-expect-error: not a dialect
  validate('stripe', '{}');
  const forms = await import('checkout-rules/forms');
  // @ts-expect-error: forms do not convert
  forms.convert('nairopay', 'payviox', '{}');
  return valid && forms.validate('nairopay', '{}').valid;
}
export = main;
