// Types of the `checkout-rules` package.

/** A provider's request format. */
export type Dialect = 'nairopay' | 'kiotapay' | 'payviox' | 'orchestrator' | 'flutterwave';

/** Decimal text, exact: `"12.34"`. */
export type DecimalString = string;

// ---------------------------------------------------------------- reports

/** One problem with a request. Besides these keys, a violation carries the
 * parameters that explain it (`min`, `max`, `expected`, `actual`,
 * `suggestion`, `line`, `column`…). */
export interface Violation {
  /** Body or header. */
  in: 'body' | 'header';
  /** An RFC 6901 JSON pointer into the body (`""` is the whole body), or the header's name. */
  path: string;
  /** A stable snake_case code, such as `below_minimum`. */
  code: string;
  /** English, saying what to do about it. */
  message: string;
  [param: string]: string | number | string[];
}

/** The verdict on one request. */
export interface Report {
  valid: boolean;
  errors: Violation[];
  /** The request in canonical form, present exactly when it is valid. */
  normalized?: CheckoutSession;
}

/** Something a conversion left out (`dropped`) or filled in (`filled`). */
export interface Notice {
  /** The canonical field concerned, such as `metadata`. */
  field: string;
  code: 'dropped' | 'filled';
  message: string;
}

/** The outcome of converting a request between dialects. */
export interface Conversion {
  valid: boolean;
  /** Each violation has a `dialect` parameter naming whose field `path` is. */
  errors: Violation[];
  notices: Notice[];
  /** The target's request body (amounts as JavaScript numbers: see `bodyText`). */
  body?: RequestBody;
  /** The target's request headers. */
  headers?: Record<string, string>;
  /** The target body's exact JSON text, to send as it is. */
  bodyText?: string;
}

// ---------------------------------------------------------- canonical form

/** Money: integer minor units, its currency, and the exact decimal. */
export interface Money {
  /** Minor units, a safe integer. */
  minor: number;
  /** ISO 4217 code. */
  currency: string;
  /** The exact amount in major units, with all of the currency's decimals: `"25.00"`. */
  decimal: DecimalString;
}

/** The provider-neutral checkout session. */
export interface CheckoutSession {
  amount: Money;
  shipping_amount?: Money;
  tax_amount?: Money;
  items?: LineItem[];
  merchant_reference?: string;
  display_reference?: string;
  description?: string;
  customer?: Customer;
  shipping?: { kind?: string; method?: string };
  urls?: {
    redirect?: string;
    success?: string;
    cancel?: string;
    failure?: string;
    webhook?: string;
  };
  payment_methods?: PaymentMethod[];
  locale?: string;
  metadata?: Record<string, unknown>;
  idempotency_key?: string;
  trace_id?: string;
  test_scenario?: string;
  session_duration_minutes?: number;
  max_retry_attempts?: number;
  client_ip?: string;
}

export interface LineItem {
  name: string;
  sku?: string;
  quantity: number;
  unit_price: Money;
  extra?: Record<string, unknown>;
}

export interface Customer {
  id?: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  billing_address?: Address;
  shipping_address?: Address;
}

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  postal_code?: string;
  country?: string;
}

export type PaymentMethod = 'card' | 'mpesa_stk' | { provider_specific: string };

// -------------------------------------------------------- request bodies

export interface NairopayBody {
  amount: number;
  currency: string;
  reference: string;
  email?: string;
  callback_url?: string;
}

export interface KiotapayBody {
  amount: number;
  currency: string;
  description?: string;
  successUrl?: string;
  cancelUrl?: string;
  paymentMethods?: Array<'CARD' | 'MPESA_STK'>;
  externalReference: string;
  email?: string;
  phone?: string;
  reference?: string;
  callbackUrl?: string;
}

export interface PayvioxBody {
  amount: number;
  currency: string;
  customer: string;
  order_id: string;
  items: Array<{ name: string; quantity: number; price: number; [extra: string]: unknown }>;
  description?: string;
  paymentMethodId?: string;
  ip?: string;
  metadata?: Record<string, unknown>;
}

export interface OrchestratorAddress {
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode?: string;
  country: string;
}

export interface OrchestratorBody {
  orderReference: string;
  paymentMethod: 'card';
  currency: string;
  locale?: string;
  amount: { total: number; shipping?: number; tax?: number };
  orderItems: Array<{ name: string; sku: string; quantity: number; unitPrice: number }>;
  customer: {
    firstName: string;
    lastName: string;
    email: string;
    phone: string;
    billingAddress?: OrchestratorAddress;
    shippingAddress?: OrchestratorAddress;
  };
  shipping?: { type?: string; method?: string };
  additionalInformation?: Record<string, unknown>;
  redirectUrls?: { success?: string; failure?: string };
}

export interface FlutterwaveBody {
  amount: number;
  currency: string;
  customer_id?: string;
  redirect_url?: string;
  reference: string;
  max_retry_attempts?: number;
  session_duration?: number;
}

/** Any dialect's request body. */
export type RequestBody = NairopayBody | KiotapayBody | PayvioxBody | OrchestratorBody | FlutterwaveBody;

// ------------------------------------------------------------------ forms

/** One field's or header's constraints, as a form puts them on an input.
 * Bounds are exact decimal text. */
export interface Constraint {
  in: 'body' | 'header';
  /** JSON pointer (`*` for any array index) or header name. */
  path: string;
  required: boolean;
  type: 'string' | 'number' | 'object' | 'array';
  inputType?: 'text' | 'email' | 'url' | 'tel' | 'number';
  minLength?: number;
  maxLength?: number;
  /** For an HTML `pattern` attribute (anchored implicitly). */
  pattern?: string;
  min?: DecimalString;
  max?: DecimalString;
  step?: DecimalString;
  allowed?: string[];
}

export interface CurrencyInfo {
  code: string;
  numeric: number;
  /** Digits after the decimal point; `null` for codes without a minor unit. */
  exponent: number | null;
  name: string;
  status: 'current' | 'fund' | 'special' | 'superseded' | 'historic' | 'unofficial';
}

/** A global class's instance type where the program's libraries declare it
 * (the DOM, a worker, Node), else `never`: these declarations need no DOM
 * library. */
type InstanceOfGlobal<Name extends string> = typeof globalThis extends Record<Name, abstract new (...args: any) => infer T>
  ? T
  : never;

export interface RequestOptions {
  /** Request headers: a list of `[name, value]` pairs (in order, repeats
   * kept), an object of strings, or a `Headers`. */
  headers?: ReadonlyArray<readonly [string, string]> | Record<string, string> | InstanceOfGlobal<'Headers'>;
}

/** Where `init()` takes the WebAssembly from: its URL, a `fetch` response (or
 * its promise), its bytes, or a compiled module. */
export type WasmSource =
  | string
  | InstanceOfGlobal<'URL'>
  | InstanceOfGlobal<'Request'>
  | InstanceOfGlobal<'Response'>
  | PromiseLike<InstanceOfGlobal<'Response'>>
  | ArrayBuffer
  | ArrayBufferView
  | (typeof globalThis extends { WebAssembly: { Module: abstract new (...args: any) => infer M } } ? M : never);

// -------------------------------------------------------------- functions

/** Loads the WebAssembly; the other functions throw until it has. Browsers
 * and bundlers: call it once and await it; later calls resolve at once. It
 * fetches the file beside the package's module, or, given a `source`, takes
 * the WebAssembly from there (a bundler that does not copy the file, or a
 * page that hosts it elsewhere). In Node the WebAssembly is loaded at import
 * and `init()` resolves at once. */
export function init(source?: WasmSource): Promise<void>;

/** Checks a request: `body` as JSON text (exact) or a plain object (checked
 * as `JSON.stringify` would send it). The same report as the CLI's JSON,
 * field for field; `errors` and `normalized` are copied out of WebAssembly
 * and decoded when first read, so a caller that needs only `valid` does not
 * pay for them. */
export function validate(dialect: Dialect, body: string | object, options?: RequestOptions): Report;

/** `validate`, as the exact JSON text the CLI prints. */
export function validateJson(dialect: Dialect, body: string | object, options?: RequestOptions): string;

/** Converts a request from one dialect to another. */
export function convert(from: Dialect, to: Dialect, body: string | object, options?: RequestOptions): Conversion;

/** `convert`, as the exact JSON text the CLI prints. */
export function convertJson(from: Dialect, to: Dialect, body: string | object, options?: RequestOptions): string;

/** The violations of one field, for live feedback while the customer types.
 * `value`: `undefined` when the field is empty, the input's text (read as a
 * number for number fields), or any JSON value (numbers only as safe
 * integers). `path`: a JSON pointer (`/amount`, `/items/0/price`) or a header
 * name. */
export function validateField(
  dialect: Dialect,
  path: string,
  value: string | number | boolean | object | null | undefined,
  options?: { currency?: string },
): Violation[];

/** Major units to minor units, exactly: `toMinor("12.34", "KES")` is 1234. */
export function toMinor(amount: DecimalString, currency: string): number;

/** Minor units to major units, exactly: `toMajor(1234, "KES")` is `"12.34"`. */
export function toMajor(minor: number | bigint | string, currency: string): DecimalString;

/** Each field's and header's constraints; with a currency, amounts get their step and bounds. */
export function constraints(dialect: Dialect, options?: { currency?: string }): Constraint[];

/** The dialects' names. */
export function dialects(): Dialect[];

/** One currency, or `null` for an unknown code. */
export function currency(code: string): CurrencyInfo | null;

/** The currencies a dialect accepts, for a currency picker. */
export function currencies(dialect: Dialect): CurrencyInfo[];
