import assert from 'node:assert/strict';
import { redactSecrets, REDACTED as R } from '../../../src/core/form/secrets';

// Test values are assembled at run time so no complete token sits in the source.
const gh = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const pat = 'github_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz';
const aws = 'AKIA' + 'IOSFODNN7EXAMPLE';
const slack = 'xoxb-' + '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const jwt = 'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiIxMjM0NTY3ODkwIn0' + '.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const key = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB', 'aFDrBz9vFqU4yG4n', '-----END RSA PRIVATE KEY-----'].join('\n');

const redacted: ReadonlyArray<readonly [string, string, string]> = [
  ['double-quoted password', 'password = "hunter2"', `password = "${R}"`],
  ['single-quoted apiKey in an object', "const config = { apiKey: 'abc123def456' };", `const config = { apiKey: '${R}' };`],
  ['env file', 'SECRET=s3cr3t-value', `SECRET=${R}`],
  ['env file with export', 'export DB_PASSWORD=correcthorse', `export DB_PASSWORD=${R}`],
  ['yaml', 'client_secret: 9f8e7d6c5b4a', `client_secret: ${R}`],
  ['JSON key', '"access_token": "tok_live_abcdef"', `"access_token": "${R}"`],
  ['typed assignment', 'const password: string = "hunter2";', `const password: string = "${R}";`],
  ['python keyword argument', 'connect(user="bob", passwd="pa55word")', `connect(user="bob", passwd="${R}")`],
  ['Go short assignment', 'token := "abcdef123456"', `token := "${R}"`],
  ['PHP array', "'api_key' => 'abcdef123456',", `'api_key' => '${R}',`],
  ['bearer header', 'Authorization: Bearer abcdef0123456789xyz', `Authorization: Bearer ${R}`],
  ['curl bearer', 'curl -H "Authorization: Bearer abcdef0123456789"', `curl -H "Authorization: Bearer ${R}"`],
  ['JWT alone', `const t = ${jwt};`, `const t = ${R};`],
  ['AWS access key', `aws_key_id = ${aws}`, `aws_key_id = ${R}`],
  ['GitHub token in a comment', `// use ${gh} for now`, `// use ${R} for now`],
  ['GitHub fine-grained token', `GH=${pat}`, `GH=${R}`],
  ['Slack token', `slack(${JSON.stringify(slack)})`, `slack("${R}")`],
  ['private key block', `const k = \`\n${key}\n\`;`, `const k = \`\n${R}\n\`;`],
  ['private key cut at the end of the quote', key.split('\n').slice(0, 2).join('\n'), R],
  ['private key cut at the start of the quote', key.split('\n').slice(2).join('\n'), R],
  ['credentials in a URL', 'db = "postgres://admin:pa55@db.example.com:5432/app"', `db = "postgres://${R}@db.example.com:5432/app"`],
  ['credentials in an https URL', 'git clone https://user:tok3n@github.com/org/repo.git', `git clone https://${R}@github.com/org/repo.git`],
];

const kept: ReadonlyArray<readonly [string, string]> = [
  ['a call', 'password = getPassword()'],
  ['an environment reference', 'token = process.env.TALLYFY_TOKEN'],
  ['a member access', 'const apiKey = config.apiKey;'],
  ['an empty string', 'password = ""'],
  ['a template reference', 'password: "${DB_PASSWORD}"'],
  ['a type annotation', 'interface A { password: string; token?: string }'],
  ['a small number', 'max_tokens = 100'],
  ['null', 'secret = null'],
  ['ordinary code', 'const total = items.reduce((a, b) => a + b, 0);'],
  ['an author field', 'author = "Ada Lovelace"'],
  ['a URL without credentials', 'https://github.com/org/repo.git'],
  ['the word Bearer alone', 'The Bearer scheme is described in RFC 6750.'],
  ['an index lookup', "const token = headers['authorization'];"],
];

describe('secrets', () => {
  describe('redacts obvious secrets', () => {
    for (const [name, input, expected] of redacted) {
      it(name, () => {
        assert.equal(redactSecrets(input), expected);
      });
    }
  });

  describe('keeps code that is not a secret', () => {
    for (const [name, input] of kept) {
      it(name, () => {
        assert.equal(redactSecrets(input), input);
      });
    }
  });

  it('keeps the line structure outside key blocks', () => {
    const text = 'a = 1\npassword = "x1"\nb = 2';
    assert.equal(redactSecrets(text).split('\n').length, 3);
  });

  it('is idempotent', () => {
    for (const [, input] of redacted) {
      const once = redactSecrets(input);
      assert.equal(redactSecrets(once), once);
    }
  });

  it('stays linear on long adversarial lines (minified code, long names)', () => {
    const inputs = [
      'token'.repeat(10_000),
      'a.'.repeat(25_000),
      'eyJaaaaa.'.repeat(6_000),
      'https://a:b@'.repeat(5_000),
      'password = "'.repeat(5_000),
      'password: a'.repeat(5_000),
      'var a={password:b,token:c,x:"y"};'.repeat(2_000),
      'x\n-----END RSA PRIVATE KEY-----'.repeat(2_000),
    ];
    for (const input of inputs) {
      const start = performance.now();
      redactSecrets(input);
      const elapsed = performance.now() - start;
      assert.ok(elapsed < 1_000, `${input.slice(0, 20)}… took ${Math.round(elapsed)} ms`);
    }
  });
});
