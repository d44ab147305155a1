// Strips obvious secrets from text that is about to leave the editor (quoted code, TODO notes): keys in
// assignments, bearer tokens, JWTs, cloud and chat tokens, private key blocks and credentials in URLs.
// It is a safety net for the obvious cases, not a scanner: over-redacting is preferred to leaking.

export const REDACTED = '«redacted»';

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

const whole = (): string => REDACTED;

// Words that make a key name secret-bearing. `auth` alone is left out (author, authority).
const SECRET_WORD =
  'password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|' +
  'client[_-]?secret|credentials?|authorization|auth[_-]?(?:key|token)|session[_-]?(?:id|key)|cookie|signing[_-]?key';

// The key starts a name (the look-behind) and its parts around the secret word are bounded, so a long
// run of name characters cannot make the search quadratic.
const KEY = String.raw`(?<![A-Za-z0-9_.\-])[A-Za-z0-9_.\-]{0,40}?(?:${SECRET_WORD})[A-Za-z0-9_.\-]{0,40}`;
// An optional type annotation (`password: string = "…"`), then the assignment operator.
const ASSIGN_OP = String.raw`(?:\s*:\s*[A-Za-z_][\w.<>\[\]|?]{0,60}\s*(?==[^=>]))?\s*(?:=>|:=|===?|!==?|=|:)\s*`;
const VALUE = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\x60(?:[^\x60\\\n]|\\.)*\x60|[^\s,;)\]}]+`;

const ASSIGNMENT = new RegExp(String.raw`(["']?)(${KEY})\1(${ASSIGN_OP})(${VALUE})`, 'gi');

const NOT_SECRET_WORDS = new Set([
  'null', 'nil', 'none', 'true', 'false', 'undefined', 'self', 'this', 'new', 'await', 'function', 'lambda',
  'string', 'str', 'number', 'int', 'integer', 'bool', 'boolean', 'bytes', 'any', 'unknown', 'object', 'char',
  'void', 'never', 'optional', 'required', 'secretstr', 'securestring', 'text', 'varchar', 'password', 'env',
  'bearer', 'basic', 'digest',
]);

/** Whether an assigned value is a literal worth hiding (not code, a type, a reference or empty). */
function isSecretValue(value: string): boolean {
  const first = value[0] ?? '';
  if (first === '"' || first === "'" || first === '`') {
    const inner = value.slice(1, -1).trim();
    if (inner === '' || inner === REDACTED) return false;
    // References to the real secret elsewhere: "${DB_PASSWORD}", "$TOKEN", "{{ secrets.X }}", "%(pw)s".
    if (/^\$\{?[A-Za-z_][\w.]*\}?$/.test(inner) || /^\{\{[^}]*\}\}$/.test(inner) || /^%\(?\w*\)?s$/.test(inner)) return false;
    return true;
  }
  if (value.includes(REDACTED)) return false;
  if (/^[$({[<&*!@#]/.test(value) || /[([]/.test(value)) return false;
  if (NOT_SECRET_WORDS.has(value.toLowerCase())) return false;
  // Member access and qualified names: process.env.TOKEN, config.apiKey, os.environ.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  // Small numbers (counts, ports, flags).
  if (/^-?\d{1,7}$/.test(value)) return false;
  return true;
}

const RULES: readonly Rule[] = [
  {
    name: 'private key block',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$(?![\s\S]))/g,
    replace: whole,
  },
  {
    // The quote may start inside a key block: everything up to its END line.
    name: 'private key block end',
    pattern: /^[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g,
    replace: whole,
  },
  {
    name: 'credentials in a URL',
    pattern: /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s/:@'"`]{1,200}):([^\s/@'"`]{1,500})@/gi,
    replace: (_match, scheme = '') => `${scheme}${REDACTED}@`,
  },
  {
    name: 'bearer or basic credentials',
    pattern: /\b(Bearer|Basic|Token)(\s+)(?!«)[A-Za-z0-9\-._~+/]{8,}=*/g,
    replace: (_match, scheme = '', space = ' ') => `${scheme}${space}${REDACTED}`,
  },
  { name: 'JWT', pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: whole },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, replace: whole },
  { name: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})\b/g, replace: whole },
  { name: 'Slack token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, replace: whole },
  { name: 'Slack webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g, replace: whole },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, replace: whole },
  { name: 'Stripe key', pattern: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g, replace: whole },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, replace: whole },
  {
    name: 'secret assignment',
    pattern: ASSIGNMENT,
    replace: (match, quote = '', key = '', op = '', value = '') => {
      if (!isSecretValue(value)) return match;
      const first = value[0] ?? '';
      const kept = first === '"' || first === "'" || first === '`' ? `${first}${REDACTED}${first}` : REDACTED;
      return `${quote}${key}${quote}${op}${kept}`;
    },
  },
];

/** The text with every obvious secret replaced by {@link REDACTED}. Line structure is kept except in key blocks. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}
