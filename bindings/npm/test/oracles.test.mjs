// Outside oracles: the library's verdicts against references the rest of
// the world uses. Currency exponents and current codes against the npm
// package `currency-codes` and the PyPI package `iso4217`; the text rule's
// invisible characters against V8's Unicode tables; e-mail syntax against
// Chromium's <input type=email>; URLs against Node's WHATWG `URL`; phone
// numbers against the PyPI package `phonenumbers`. Every difference must be
// one docs/robustness.md lists and justifies; the counts are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { constraints, currency, validateField } from '../node.js';

const require = createRequire(import.meta.url);

function python(source) {
  return JSON.parse(execFileSync('python3', ['-c', source], { maxBuffer: 1 << 26 }).toString());
}

// ------------------------------------------------------------- currencies

// ISO 4217 writes "N.A." for these codes' minor unit; `currency-codes`
// writes 0, which would mean whole units: the library keeps "none".
const NO_MINOR_UNIT = ['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX'];

test('currency exponents agree with currency-codes and iso4217', () => {
  const npm = Object.fromEntries(require('currency-codes').data.map((c) => [c.code, c.digits]));
  const pypi = python('import iso4217, json; print(json.dumps({c.code: c.exponent for c in iso4217.Currency}))');
  const codes = new Set([...Object.keys(npm), ...Object.keys(pypi)]);
  const differences = [];
  let agreements = 0;
  for (const code of codes) {
    const ours = currency(code);
    for (const [oracle, table] of [['currency-codes', npm], ['iso4217', pypi]]) {
      if (!(code in table) || ours === null) continue;
      if (table[code] === ours.exponent) agreements += 1;
      else differences.push(`${code}: ${oracle} ${table[code]}, ours ${ours.exponent}`);
    }
    // Every code an oracle lists is known here.
    assert.notEqual(ours, null, `${code} is unknown`);
  }
  const justified = differences.filter((d) => NO_MINOR_UNIT.some((c) => d.startsWith(`${c}: currency-codes 0, ours null`)));
  assert.deepEqual(differences, justified);
  assert.equal(justified.length, NO_MINOR_UNIT.length);
  console.log(`currencies: ${codes.size} codes, ${agreements} agreements, ${justified.length} justified differences`);
});

// `currency-codes` 2.2.0 is ISO 4217 list one as published on 2024-06-25;
// `iso4217` 1.16.20260101 is the list of 2026-01-01, with which the library
// must agree exactly. What ISO changed in between is the older copy's
// difference (docs/robustness.md).
const OLDER_LIST = [
  'ANG: current in currency-codes, historic here', // replaced by XCG, 2025
  'BGN: current in currency-codes, superseded here', // the euro, 2026-01-01
  'CUC: current in currency-codes, superseded here', // withdrawn
  'XAD: current here, not in currency-codes', // added after 2024-06-25
  'XCG: current here, not in currency-codes', // added, 2025
];

test('current currency codes are ISO 4217 list one (iso4217, currency-codes)', () => {
  // Every code the library knows: all three-letter codes asked for.
  const LIST_ONE = new Set(['current', 'fund', 'special']);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const status = new Map();
  for (const a of letters) for (const b of letters) for (const c of letters) {
    const info = currency(a + b + c);
    if (info !== null) status.set(info.code, info.status);
  }
  const ours = new Set([...status].filter(([, s]) => LIST_ONE.has(s)).map(([code]) => code));
  const oracles = [
    ['iso4217', new Set(python('import iso4217, json; print(json.dumps([c.code for c in iso4217.Currency]))'))],
    ['currency-codes', new Set(require('currency-codes').data.map((c) => c.code))],
  ];
  const differences = [];
  let agreements = 0;
  for (const [oracle, list] of oracles) {
    for (const code of list) {
      if (ours.has(code)) agreements += 1;
      else differences.push(`${code}: current in ${oracle}, ${status.get(code) ?? 'unknown'} here`);
    }
    for (const code of ours) {
      if (!list.has(code)) differences.push(`${code}: current here, not in ${oracle}`);
    }
  }
  assert.deepEqual(differences.sort(), [...OLDER_LIST].sort());
  assert.ok(status.get('VES') === 'current' && status.get('VED') === 'current');
  console.log(
    `current codes: ${ours.size} here, ${oracles.map(([o, l]) => `${l.size} in ${o}`).join(', ')}; ` +
      `${agreements} agreements, ${differences.length} justified differences`,
  );
});

// ------------------------------------------------------------ blank text

// The form constraints' `pattern` (what a browser checks, with V8's own
// Unicode tables) against the text rule (built from regex-syntax's), for
// every character alone and after a letter, in two identifiers.
test('identifier patterns agree with the text rule on every character', () => {
  const fields = [
    ['nairopay', '/reference'],
    ['payviox', '/customer'],
  ];
  let agreements = 0;
  for (const [dialect, path] of fields) {
    const { pattern } = constraints(dialect).find((c) => c.path === path);
    const regex = new RegExp(`^(?:${pattern})$`, 'v');
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      for (const value of [c, `x${c}`]) {
        const accepted = validateField(dialect, path, value).length === 0;
        assert.equal(regex.test(value), accepted, `${dialect} ${path} U+${cp.toString(16).toUpperCase()}`);
        agreements += 1;
      }
    }
  }
  console.log(`identifier patterns: ${agreements} agreements, no difference`);
});

// ---------------------------------------------------------------- e-mail

const LOCALS = [
  'a', 'customer', 'first.last', 'a+tag', 'a_b', 'x--y', 'A', '0', '!#$%&\'*+/=?^_`{|}~-', 'a..b', '.a', 'a.',
  '"quoted"', 'a b', 'é', '用户', '', 'a\\b', '(comment)a', 'a,b', 'a;b', 'a:b', '<a>', 'a[b]', 'a@b',
  '1234567890'.repeat(7), ' a', 'a ',
];
const DOMAINS = [
  'example.com', 'sub.example.co.ke', 'localhost', 'x', '-bad.com', 'bad-.com', 'a..com', '.com', 'com.',
  'exa_mple.com', '[127.0.0.1]', 'bücher.de', 'xn--bcher-kva.de', '123.123.123.123', `${'a'.repeat(63)}.com`,
  `${'a'.repeat(64)}.com`, 'EXAMPLE.COM', 'ex ample.com', 'e-x.a-m.p-le', '',
];

test('e-mail verdicts agree with Chromium\'s <input type=email>', async () => {
  const addresses = [];
  for (const l of LOCALS) for (const d of DOMAINS) addresses.push(`${l}@${d}`);
  addresses.push('plain', '@', 'a@@b', 'a@b@c', 'a@b\n', 'a\n@b', 'a@b ', ' a@b', 'a@b\t', 'a@b.c\u0000');
  assert.ok(addresses.length >= 300);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  let browserVerdicts;
  try {
    const page = await browser.newPage();
    await page.setContent('<input type="email" id="e">');
    browserVerdicts = await page.evaluate((list) => {
      const input = document.getElementById('e');
      return list.map((a) => {
        input.value = a;
        return input.validity.valid && input.value !== '';
      });
    }, addresses);
  } finally {
    await browser.close();
  }

  const categories = { trimmed: 0, international: 0 };
  let agreements = 0;
  addresses.forEach((address, i) => {
    const ours = validateField('nairopay', '/email', address).length === 0;
    const chromium = browserVerdicts[i];
    if (ours === chromium) {
      agreements += 1;
      return;
    }
    // Justified: Chromium strips surrounding white space and line breaks
    // from the value before checking it; the library never trims.
    if (!ours && chromium && address !== address.replace(/[\r\n]/g, '').trim()) {
      categories.trimmed += 1;
      return;
    }
    // Justified: Chromium converts an international domain to its xn-- form
    // before checking; the library asks for the xn-- form (as WHATWG's
    // syntax, which is ASCII, does).
    if (!ours && chromium && /[^\x00-\x7f]/.test(address.split('@').at(-1))) {
      categories.international += 1;
      return;
    }
    assert.fail(`${JSON.stringify(address)}: ours ${ours}, Chromium ${chromium}`);
  });
  console.log(`e-mail: ${addresses.length} addresses, ${agreements} agreements, justified differences ${JSON.stringify(categories)}`);
});

// ------------------------------------------------------------------- URLs

const SCHEMES = ['https://', 'http://', 'HTTPS://', 'ftp://', 'javascript:', 'data:text/html,', 'https:', 'https:/', '//', ''];
const HOSTS = [
  'example.com', 'sub.example.co.ke', 'localhost', '127.0.0.1', '2130706433', '0x7f.0.0.1', '127.1', '[::1]',
  '[::ffff:127.0.0.1]', '[fe80::1%25eth0]', 'bücher.example', 'xn--bcher-kva.example', 'exa mple.com',
  'user@example.com', 'user:pw@example.com', 'good.example@evil.example', 'under_score.example',
  '-dash.example', 'example.com:8443', 'example.com:99999', 'example.com:', '',
];
const PATHS = ['', '/', '/path?q=1#f', '/a b', '/%zz', '/caf\u00e9', '/a\\b', '/a\tb', '/\u{1f600}', '?#'];

test('URL verdicts agree with Node\'s WHATWG URL', () => {
  const inputs = [];
  for (const s of SCHEMES) for (const h of HOSTS) inputs.push(`${s}${h}/x`);
  for (const p of PATHS) for (const h of HOSTS.slice(0, 8)) inputs.push(`https://${h}${p}`);
  inputs.push(' https://example.com/', 'https://example.com/ ', 'https://example.com/\n', `https://example.com/${'a'.repeat(2100)}`);
  assert.ok(inputs.length >= 300);

  const categories = {};
  let agreements = 0;
  for (const input of inputs) {
    let node;
    try {
      node = ['http:', 'https:'].includes(new URL(input).protocol);
    } catch {
      node = false;
    }
    const violations = validateField('nairopay', '/callback_url', input);
    const ours = violations.length === 0;
    if (ours === node) {
      agreements += 1;
      continue;
    }
    // The library never accepts what WHATWG refuses...
    assert.equal(ours, false, `${JSON.stringify(input)}: accepted here, refused by Node`);
    // ...and refuses only text a WHATWG parser would repair or rewrite
    // (`https:///x` becomes `https://x/`), a host that is not ASCII, or a
    // URL over 2,048 characters: each a policy listed in
    // docs/robustness.md, named by the violation's reason.
    const reason = violations[0].reason ?? violations[0].code;
    categories[reason] = (categories[reason] ?? 0) + 1;
  }
  const allowed = [
    'it starts or ends with white space or a control character',
    'it contains a tab or a line break',
    'it contains `\\`; use `/`',
    'the scheme must be followed by `//`',
    'it contains a user name or password before the host; remove the `…@` part',
    'the host is a number in a form URL parsers rewrite (such as 2130706433 for 127.0.0.1); write the address as four decimal parts',
    'the host is not a domain name of ASCII letters, digits and hyphens (international names in their xn-- form), an IPv4 address or an [IPv6] address',
    'it contains a character URLs do not allow (such as a space); percent-encode it',
    '`%` must be followed by two hexadecimal digits',
    'it has no host',
    'too_long',
  ];
  for (const reason of Object.keys(categories)) assert.ok(allowed.includes(reason), `unexpected difference: ${reason}`);
  console.log(`URLs: ${inputs.length} inputs, ${agreements} agreements, justified differences ${JSON.stringify(categories)}`);
});

// ----------------------------------------------------------------- phones

test('phone verdicts agree with phonenumbers\' is_possible_number', () => {
  const codes = ['1', '7', '20', '44', '49', '61', '86', '91', '237', '254', '255', '256', '263', '280', '290', '299', '351', '420', '599', '672', '683', '800', '808', '870', '881', '882', '883', '979', '998', '999'];
  const numbers = [];
  for (const code of codes) {
    for (let total = 6; total <= 16; total += 1) {
      const national = total - code.length;
      if (national < 1) continue;
      numbers.push(`+${code}${'4123456789012345'.slice(0, national)}`);
    }
  }
  numbers.push('0712345678', '+0712345678', '+254 712 345678', '+254-712-345678', '254712345678', '+', '', '+２５４712345678');
  assert.ok(numbers.length >= 300, `${numbers.length}`);
  const lib = python(`
import json, sys, phonenumbers
out = []
for n in json.loads(sys.argv[1]) if len(sys.argv) > 1 else []:
    try:
        out.append(phonenumbers.is_possible_number(phonenumbers.parse(n, None)))
    except Exception:
        out.append(False)
print(json.dumps(out))
`.replace('json.loads(sys.argv[1]) if len(sys.argv) > 1 else []', JSON.stringify(numbers)));
  const categories = { lengthForItsCountry: 0, shorterThanEight: 0, longerThanFifteen: 0, separators: 0, notAsciiDigits: 0 };
  let agreements = 0;
  numbers.forEach((number, i) => {
    const ours = validateField('kiotapay', '/phone', number).length === 0;
    if (ours === lib[i]) {
      agreements += 1;
      return;
    }
    const digits = number.replace(/\D/g, '');
    // Justified: the rule is E.164's own (8-15 digits, an assigned country
    // calling code), not each country's numbering plan, which changes.
    if (ours && !lib[i]) {
      categories.lengthForItsCountry += 1;
      return;
    }
    // Justified: fewer than 8 digits in all is refused, as the rule says,
    // although a few small numbering plans (Niue, say) are that short.
    if (!ours && lib[i] && digits.length < 8) {
      categories.shorterThanEight += 1;
      return;
    }
    // Justified: E.164 numbers have at most 15 digits, which phonenumbers
    // lets some national plans exceed.
    if (!ours && lib[i] && digits.length > 15) {
      categories.longerThanFifteen += 1;
      return;
    }
    // Justified: phonenumbers reads other scripts' digits (full-width ２);
    // E.164 form is ASCII digits, so they are refused, not converted.
    if (!ours && lib[i] && /[^\x00-\x7f]/.test(number)) {
      categories.notAsciiDigits += 1;
      return;
    }
    // Justified: phonenumbers reads spaces and dashes; E.164 form has none.
    if (!ours && lib[i] && /[ \-]/.test(number)) {
      categories.separators += 1;
      return;
    }
    assert.fail(`${number}: ours ${ours}, phonenumbers ${lib[i]}`);
  });
  console.log(`phones: ${numbers.length} numbers, ${agreements} agreements, justified differences ${JSON.stringify(categories)}`);
});
