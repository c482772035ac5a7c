// CommonJS (`moduleResolution: node16`) loads the ES module with import().
async function main(): Promise<boolean> {
  const { init, validate } = await import('checkout-rules');
  await init();
  const valid: boolean = validate('nairopay', '{}').valid;
  // @ts-expect-error: not a dialect
  validate('stripe', '{}');
  return valid;
}
export = main;
