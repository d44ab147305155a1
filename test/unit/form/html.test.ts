import assert from 'node:assert/strict';
import { escapeHtml, formCsp, formHtml } from '../../../src/core/form/html';

const options = {
  cspSource: 'https://*.vscode-cdn.net',
  nonce: 'Zm9vYmFyYmF6cXV4MTIzNDU2',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/form.css',
  title: 'New Tallyfy task',
  loading: 'Loading…',
};

describe('form HTML', () => {
  it('has the strict CSP', () => {
    const html = formHtml(options);
    const csp = "default-src 'none'; script-src 'nonce-Zm9vYmFyYmF6cXV4MTIzNDU2'; style-src https://*.vscode-cdn.net; font-src https://*.vscode-cdn.net; img-src https://*.vscode-cdn.net data:;";
    assert.equal(formCsp(options.cspSource, options.nonce), csp);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
  });

  it('loads exactly one script, the nonce\'d bundle, and nothing inline', () => {
    const html = formHtml(options);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0]?.[2], '');
    assert.match(scripts[0]?.[1] ?? '', /^ nonce="Zm9vYmFyYmF6cXV4MTIzNDU2" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"$/);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /\sstyle=/i, 'no inline styles');
    assert.doesNotMatch(html, /<style/i);
    assert.doesNotMatch(html, /javascript:/i);
  });

  it('escapes a hostile title and hostile URIs', () => {
    const html = formHtml({
      ...options,
      title: '</title><script>alert(1)</script><img src=x onerror=alert(2)>',
      loading: '<b>hostile</b>',
      styleUri: 'x.css"><script>alert(3)</script>',
      codiconsUri: "c.css' onload='alert(4)",
    });
    assert.equal([...html.matchAll(/<script/g)].length, 1);
    assert.ok(html.includes('&lt;b&gt;hostile&lt;/b&gt;'), 'the loading text as text');
    assert.ok(html.includes('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</title>'));
    assert.ok(html.includes('href="x.css&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"'));
    assert.ok(html.includes('href="c.css&#39; onload=&#39;alert(4)"'));
  });

  it('keeps characters that could end the CSP out of the policy', () => {
    const csp = formCsp("https://a; script-src 'unsafe-inline' *", "abc'; script-src *");
    assert.equal(csp, "default-src 'none'; script-src 'nonce-abcscript-src'; style-src https://a; font-src https://a; img-src https://a data:;");
    assert.equal(formCsp('', 'n'), "default-src 'none'; script-src 'nonce-n'; style-src 'none'; font-src 'none'; img-src 'none' data:;");
  });

  it('links the codicons only when given', () => {
    assert.ok(!formHtml(options).includes('codicon'));
    assert.ok(formHtml({ ...options, codiconsUri: 'https://x/codicon.css' }).includes('<link rel="stylesheet" href="https://x/codicon.css">'));
  });

  it('refuses a short nonce and sets a sane lang', () => {
    assert.throws(() => formHtml({ ...options, nonce: 'abc' }), RangeError);
    assert.ok(formHtml({ ...options, lang: 'pt-BR' }).includes('<html lang="pt-BR">'));
    assert.ok(formHtml({ ...options, lang: '"><script>' }).includes('<html lang="en">'));
  });

  it('escapes every special character', () => {
    assert.equal(escapeHtml(`&<>"'\``), '&amp;&lt;&gt;&quot;&#39;&#96;');
  });
});
