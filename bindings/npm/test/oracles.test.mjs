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
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { domainToUnicode, fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { constraints, currency, validateField } from '../node.js';

const require = createRequire(import.meta.url);

// The project's virtualenv (scripts/setup.sh), which has the oracles'
// pinned packages; any other python3 only if there is none.
const PYTHON = [new URL('../../../target/venv/bin/python3', import.meta.url)]
  .map(fileURLToPath)
  .find((path) => existsSync(path)) ?? 'python3';

function python(source) {
  return JSON.parse(execFileSync(PYTHON, ['-c', source], { maxBuffer: 1 << 26 }).toString());
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

// The URL rule's reasons for text a WHATWG parser would repair or rewrite
// (`https:///x` becomes `https://x/`), refused on purpose
// (docs/robustness.md).
const REPAIRS = [
  'it starts or ends with white space or a control character',
  'it contains a tab or a line break',
  'it contains `\\`; use `/`',
  'the scheme must be followed by `//`',
  'it contains a user name or password before the host; remove the `…@` part',
  'the host is a number in a form URL parsers rewrite (such as 2130706433 for 127.0.0.1); write the address as four decimal parts',
  'it contains a character URLs do not allow (such as a space); percent-encode it',
  '`%` must be followed by two hexadecimal digits',
  'it has no host',
];

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
  const allowed = [...REPAIRS, 'the host is not a domain name of ASCII letters, digits and hyphens (international names in their xn-- form), an IPv4 address or an [IPv6] address', 'too_long'];
  for (const reason of Object.keys(categories)) assert.ok(allowed.includes(reason), `unexpected difference: ${reason}`);
  console.log(`URLs: ${inputs.length} inputs, ${agreements} agreements, justified differences ${JSON.stringify(categories)}`);
});

// --------------------------------------------------- URL hosts (corpora)

const repo = fileURLToPath(new URL('../../../', import.meta.url));

// Every ASCII source of Unicode's IdnaTestV2.txt as `https://SOURCE/`, with
// the errors the file expects of it (its toAsciiN status, which defaults to
// its toUnicode status), and every WPT URL test input without a base.
function urlCorpus() {
  const unescape = (s) => s.replace(/\\u([0-9A-Fa-f]{4})|\\x\{([0-9A-Fa-f]+)\}/g, (_, u, x) => String.fromCodePoint(parseInt(u ?? x, 16)));
  const idnaErrors = new Map();
  for (const line of readFileSync(join(repo, 'tests/data/idna/IdnaTestV2.txt'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const fields = line.split('#')[0].split(';').map((f) => unescape(f.trim()));
    if (!/^[\x00-\x7f]+$/.test(fields[0])) continue;
    idnaErrors.set(`https://${fields[0]}/`, fields[4] || fields[2] || '');
  }
  const wpt = JSON.parse(readFileSync(join(repo, 'tests/data/wpt/urltestdata.json'), 'utf8'))
    .filter((t) => typeof t === 'object' && t.base == null)
    .map((t) => t.input);
  return { idnaErrors, idna: [...idnaErrors.keys()], wpt: [...new Set(wpt)] };
}

// The host as written, lowered: what a URL the library accepts must read as.
function writtenHost(input) {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(input)[1];
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0];
  return host.toLowerCase();
}

// Why an A-label WHATWG (as Node 20 runs it) accepts is refused here, in
// words docs/robustness.md uses. Each is a rule of UTS #46 as Unicode 15.1
// and later write it, or of RFC 5893, that Node 20's URL parser (ada 2.9)
// does not apply.
function idnaDifference(host, reason) {
  const labels = domainToUnicode(host).split('.').filter((l, i) => host.split('.')[i].startsWith('xn--'));
  if (reason.includes('right-to-left')) return 'bidi rule';
  if (labels.some((l) => /^[\x00-\x7f]*$/.test(l))) return 'decodes to ASCII only';
  if (labels.some((l) => l.startsWith('xn--'))) return 'decodes to text starting xn--';
  return null;
}

// Why a host WHATWG accepts is not a name of letters, digits and hyphens
// here, in docs/robustness.md's words.
function hostDifference(host) {
  if (/[^\x00-\x7f]/.test(host)) return 'not ASCII';
  if (/[^a-z0-9.\-]/.test(host)) return 'a character other than a letter, digit, hyphen or dot';
  const labels = host.split('.');
  if (labels.some((l) => l === '')) return 'an empty label';
  if (labels.some((l) => l.startsWith('-') || l.endsWith('-'))) return 'a label starting or ending with a hyphen';
  if (labels.some((l) => l.length > 63) || host.length > 253) return 'longer than DNS allows';
  return null;
}

test('URL verdicts agree with Node\'s WHATWG URL over IdnaTestV2 and WPT\'s URL tests', () => {
  const { idna, idnaErrors, wpt } = urlCorpus();
  assert.ok(idna.length > 2000 && wpt.length > 500, `${idna.length} + ${wpt.length}`);
  const inputs = [...idna, ...wpt];

  // The native verdicts, one CLI run over every input as a Nairopay
  // redirect URL (no policy beyond a well-written URL).
  const lines = inputs.map((url) => JSON.stringify({ amount: 2500, currency: 'KES', reference: 'R-1', callback_url: url })).join('\n');
  let native;
  try {
    native = execFileSync(join(repo, 'target/debug/checkout-rules'), ['validate', '--dialect', 'nairopay', '--ndjson', '--format', 'json', '-'], {
      input: lines,
      maxBuffer: 1 << 28,
    });
  } catch (e) {
    native = e.stdout; // exit status 1: some input is invalid
  }
  const reports = native.toString().trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(reports.length, inputs.length);

  const categories = {};
  let agreements = 0;
  let nodeAccepts = 0;
  inputs.forEach((input, i) => {
    let node = null;
    try {
      node = new URL(input);
      if (!['http:', 'https:'].includes(node.protocol)) node = null;
    } catch {
      node = null;
    }
    nodeAccepts += node === null ? 0 : 1;
    const violations = validateField('nairopay', '/callback_url', input);
    const ours = violations.length === 0;
    // Same verdict natively.
    const nativeErrors = reports[i].errors.filter((e) => e.path === '/callback_url');
    assert.equal(nativeErrors.length === 0, ours, `${JSON.stringify(input)}: native and WebAssembly differ`);
    if (ours) {
      // Never accept what WHATWG refuses, nor a URL it reads with another host.
      assert.notEqual(node, null, `${JSON.stringify(input)}: accepted here, refused by Node`);
      assert.equal(node.hostname, writtenHost(input), `${JSON.stringify(input)}: Node reads another host`);
      agreements += 1;
      return;
    }
    if (node === null) {
      agreements += 1;
      return;
    }
    let reason = violations[0].reason ?? violations[0].code;
    if (reason.startsWith('the host has an xn-- label') || reason.startsWith('the host has right-to-left text')) {
      const why = idnaDifference(writtenHost(input), reason);
      assert.notEqual(why, null, `${JSON.stringify(input)}: refused here (${reason}), accepted by Node`);
      // And UTS #46 itself, as Unicode's own tests give it, refuses it.
      if (idnaErrors.has(input)) assert.notEqual(idnaErrors.get(input), '', `${input}: IdnaTestV2 expects no error`);
      reason = `international name: ${why}`;
    }
    if (reason.startsWith('the host is not a domain name')) {
      const why = hostDifference(writtenHost(input));
      assert.notEqual(why, null, `${JSON.stringify(input)}: refused here (${reason}), accepted by Node`);
      reason = `host: ${why}`;
    }
    categories[reason] = (categories[reason] ?? 0) + 1;
  });
  // Besides the international names above, only the refusals listed in
  // docs/robustness.md: text a WHATWG parser repairs or rewrites, hosts
  // that are not letters, digits and hyphens, URLs over 2,048 characters.
  const allowed = [
    ...REPAIRS,
    'international name: bidi rule',
    'international name: decodes to ASCII only',
    'international name: decodes to text starting xn--',
    'host: not ASCII',
    'host: a character other than a letter, digit, hyphen or dot',
    'host: an empty label',
    'host: a label starting or ending with a hyphen',
    'host: longer than DNS allows',
    'the port is not a number from 0 to 65535',
    'it is relative; start it with https://',
    'too_long',
  ];
  for (const reason of Object.keys(categories)) assert.ok(allowed.includes(reason), `unexpected difference: ${reason}`);
  console.log(`URL corpora: ${idna.length} IdnaTestV2 hosts and ${wpt.length} WPT inputs, Node accepts ${nodeAccepts}, ${agreements} agreements, justified differences ${JSON.stringify(categories)}`);
});

// Random labels from the scripts and marks an A-label check is most likely
// to get wrong (joining scripts, right-to-left, Indic vowel signs, Hangul
// jamo, combining marks, joiners, emoji), encoded as Punycode by RFC 3492's
// algorithm below, each in `https://LABEL.com/`.
test('A-labels of random text agree with Node\'s WHATWG URL', () => {
  const pools = [
    [0x61, 0x7a], [0x30, 0x39], [0xc0, 0x24f], [0x300, 0x36f], [0x370, 0x3ff], [0x400, 0x4ff], [0x590, 0x5ff],
    [0x600, 0x6ff], [0x700, 0x74f], [0x7c0, 0x7ff], [0x900, 0x97f], [0x980, 0x9ff], [0xb80, 0xbff], [0xd00, 0xd7f],
    [0xe00, 0xe7f], [0x1100, 0x11ff], [0x1800, 0x18af], [0x1e00, 0x1eff], [0x200b, 0x200f], [0x3040, 0x30ff],
    [0x4e00, 0x4e40], [0xac00, 0xac40], [0xfe00, 0xfe0f], [0x10000, 0x1ffff], [0x1e900, 0x1e95f], [0x1f300, 0x1f64f],
  ];
  let seed = 20261201;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = (pool) => pool[0] + Math.floor(random() * (pool[1] - pool[0] + 1));
  const counts = { labels: 0, agreements: 0, bidiRule: 0 };
  while (counts.labels < 30000) {
    const [a, b] = [pools[Math.floor(random() * pools.length)], pools[Math.floor(random() * pools.length)]];
    const length = 1 + Math.floor(random() * 5);
    const text = Array.from({ length }, () => String.fromCodePoint(pick(random() < 0.7 ? a : b))).join('');
    const label = `xn--${encodePunycode(text)}`;
    if (!/^xn--[a-z0-9-]*[a-z0-9]$/.test(label) || label.length > 63) continue;
    counts.labels += 1;
    const host = `${label}.com`;
    let node;
    try {
      node = new URL(`https://${host}/`).hostname === host;
    } catch {
      node = false;
    }
    const violations = validateField('nairopay', '/callback_url', `https://${host}/`);
    const ours = violations.length === 0;
    if (ours === node) {
      counts.agreements += 1;
      continue;
    }
    assert.equal(ours, false, `${host} (${JSON.stringify(text)}): accepted here, refused by Node`);
    assert.ok(violations[0].reason.startsWith('the host has right-to-left text'), `${host}: ${violations[0].reason}`);
    counts.bidiRule += 1;
  }
  console.log(`A-labels: ${JSON.stringify(counts)}`);
});

// RFC 3492's encoder, for the test above (Node's `punycode` module is
// deprecated).
function encodePunycode(text) {
  const input = [...text].map((c) => c.codePointAt(0));
  let out = input.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join('');
  const basic = out.length;
  if (basic > 0) out += '-';
  const digit = (d) => String.fromCharCode(d < 26 ? d + 97 : d + 22);
  const adapt = (delta, count, first) => {
    delta = first ? Math.floor(delta / 700) : delta >> 1;
    delta += Math.floor(delta / count);
    let k = 0;
    for (; delta > 455; k += 36) delta = Math.floor(delta / 35);
    return k + Math.floor((36 * delta) / (delta + 38));
  };
  let [n, delta, bias, h] = [0x80, 0, 72, basic];
  while (h < input.length) {
    const m = Math.min(...input.filter((c) => c >= n));
    delta += (m - n) * (h + 1);
    n = m;
    for (const c of input) {
      if (c < n) delta += 1;
      if (c === n) {
        let q = delta;
        for (let k = 36; ; k += 36) {
          const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
          if (q < t) break;
          out += digit(t + ((q - t) % (36 - t)));
          q = Math.floor((q - t) / (36 - t));
        }
        out += digit(q);
        bias = adapt(delta, h + 1, h === basic);
        delta = 0;
        h += 1;
      }
    }
    delta += 1;
    n += 1;
  }
  return out;
}

// ----------------------------------------------------------------- phones

// The committed table of possible lengths is what the pinned phonenumbers
// gives (the generator's own comparison).
test('the phone lengths table is what phonenumbers 9.0.43 gives', () => {
  const script = new URL('../../../scripts/generate-phone-lengths.py', import.meta.url).pathname;
  execFileSync(PYTHON, [script, '--check'], { stdio: 'inherit' });
});

// The corpus: every region's example number of every type, and the
// non-geographic entities' (800, 808, 870...), in `+` E.164 form, each also
// one and two digits shorter and longer. phonenumbers judges each through
// `is_possible_number_with_reason` on the PhoneNumber built from its own
// split of the digits (country code, national number; leading zeros kept
// as `parse` keeps them), not through `parse`: `parse` strips what looks
// like a national prefix from a `+` number whenever the rest is a possible
// length (`+370800123455`, one digit too long for Lithuania, is read as
// +370 00123455 once its 8 is taken for the national prefix, and
// `+114155552671` as +1 415 555 2671), so it would judge another number
// than the one written. How many it would change is printed. The malformed
// cases, which are about what parse reads leniently, go through parse.
const PHONE_ORACLE = String.raw`
import json, sys
import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberFormat, PhoneNumberType, phonenumberutil as util

assert phonenumbers.__version__ == "9.0.43", phonenumbers.__version__
examples = set()
types = [getattr(PhoneNumberType, t) for t in dir(PhoneNumberType) if t.isupper()]
for region in phonenumbers.SUPPORTED_REGIONS:
    for t in types:
        n = phonenumbers.example_number_for_type(region, t)
        if n is not None:
            examples.add(phonenumbers.format_number(n, PhoneNumberFormat.E164))
descs = ["fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number",
         "voip", "pager", "uan", "voicemail"]
for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
    metadata = PhoneMetadata.metadata_for_nongeo_region(code)
    for d in descs:
        desc = getattr(metadata, d)
        if desc is not None and desc.example_number:
            examples.add("+%d%s" % (code, desc.example_number))
numbers = set(examples)
for e in examples:
    numbers.update([e[:-1], e[:-2], e + "5", e + "55"])

def judge(number):
    code, national = util._extract_country_code(number[1:])
    if code == 0:
        return {"number": number, "reason": "INVALID_COUNTRY_CODE"}
    assert national, number
    n = PhoneNumber(country_code=code, national_number=int(national))
    util._set_italian_leading_zeros_for_phone_number(national, n)
    assert phonenumbers.national_significant_number(n) == national, number
    reason = phonenumbers.is_possible_number_with_reason(n)
    try:
        parsed = phonenumbers.parse(number, None)
        distorted = (parsed.country_code, phonenumbers.national_significant_number(parsed)) != (code, national)
    except phonenumbers.NumberParseException:
        distorted = True
    return {"number": number, "code": code, "national": len(national), "distorted": distorted,
            "reason": util.ValidationResult.to_string(reason)}

def lenient(number):
    try:
        reason = phonenumbers.is_possible_number_with_reason(phonenumbers.parse(number, None))
        return {"number": number, "reason": util.ValidationResult.to_string(reason)}
    except phonenumbers.NumberParseException:
        return {"number": number, "reason": "NOT_A_NUMBER"}

malformed = json.load(sys.stdin)
print(json.dumps({"examples": len(examples), "corpus": [judge(n) for n in sorted(numbers)],
                  "malformed": [lenient(n) for n in malformed]}))
`;

const MALFORMED_PHONES = [
  '0712345678', '+0712345678', '254712345678', '+', '', '++254712345678',
  '+254 712 345678', '+254-712-345678', '+1 (415) 555-2671', '+44.20.7946.0000', '+44\u00a020 7946 0000',
  '+２５４712345678', '+٢٥٤712345678',
];

test('phone verdicts agree with phonenumbers\' is_possible_number_with_reason', () => {
  const lib = JSON.parse(execFileSync(PYTHON, ['-c', PHONE_ORACLE], {
    input: JSON.stringify(MALFORMED_PHONES),
    maxBuffer: 1 << 26,
  }).toString());
  assert.ok(lib.corpus.length >= 4000, `${lib.corpus.length}`);
  const categories = { longerThanFifteen: 0, separators: 0, notAsciiDigits: 0, extraPlus: 0 };
  let agreements = 0;
  let localOnly = 0;
  for (const { number, code, national, reason } of lib.corpus) {
    const violations = validateField('kiotapay', '/phone', number);
    const ours = violations.length === 0;
    if (ours === (reason === 'IS_POSSIBLE')) {
      agreements += 1;
      if (reason === 'IS_POSSIBLE_LOCAL_ONLY') {
        // Refused, as decided (is_possible_number's boolean accepts
        // these): an E.164 number must be reachable from anywhere, and
        // the message says to add the area code.
        localOnly += 1;
        assert.match(violations[0].message, /dialled locally has: add the area code/, number);
      }
      if (!ours && code) {
        // Both split the number into the same calling code and length.
        assert.equal(violations[0].country_code, code, number);
        assert.equal(violations[0].actual, national, number);
      }
      continue;
    }
    // Justified: E.164 numbers have at most 15 digits, which phonenumbers
    // lets some national plans exceed (Germany's, Japan's...).
    if (!ours && reason === 'IS_POSSIBLE' && number.length - 1 > 15) {
      categories.longerThanFifteen += 1;
      assert.match(violations[0].message, /E\.164 allows at most 15/, number);
      continue;
    }
    assert.fail(`${number}: ours ${ours}, phonenumbers ${reason}`);
  }
  for (const { number, reason } of lib.malformed) {
    const ours = validateField('kiotapay', '/phone', number).length === 0;
    assert.equal(ours, false, number);
    if (reason !== 'IS_POSSIBLE') {
      agreements += 1;
      continue;
    }
    // Justified: phonenumbers reads other scripts' digits (full-width ２,
    // Arabic-Indic ٢); E.164 form is ASCII digits, so they are refused,
    // not converted.
    if (/[^\x00-\x7f]/.test(number.replace(/\u00a0/g, ''))) {
      categories.notAsciiDigits += 1;
      continue;
    }
    // Justified: phonenumbers reads spaces, dashes, dots and brackets;
    // E.164 form has none, and nothing is silently reformatted.
    if (/[ \-().\u00a0]/.test(number)) {
      categories.separators += 1;
      continue;
    }
    // Justified: phonenumbers reads `++` as `+`; E.164 form has one.
    if (number.startsWith('++')) {
      categories.extraPlus += 1;
      continue;
    }
    assert.fail(`${number}: ours ${ours}, phonenumbers ${reason}`);
  }
  const total = lib.corpus.length + lib.malformed.length;
  const distorted = lib.corpus.filter((n) => n.distorted).length;
  console.log(`phones: ${total} numbers (${lib.examples} examples and their variants, ${lib.malformed.length} malformed), ${agreements} agreements (${localOnly} of them local-only lengths refused), justified differences ${JSON.stringify(categories)}; parse would have read ${distorted} of them as another number or none`);
});
