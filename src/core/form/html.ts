// The task form's page. Only the nonce'd bundle runs; styles and fonts come from the webview's own
// origin. No data travels in the HTML: the script says `ready` and receives `init`.

export interface FormHtmlOptions {
  /** `webview.cspSource` */
  readonly cspSource: string;
  /** A fresh random nonce (base64 or hex) for this page. */
  readonly nonce: string;
  /** `webview.asWebviewUri(dist/webview.js)` as text. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(dist/form.css)` (the page's bundled style sheet) as text. */
  readonly styleUri: string;
  /** The codicons stylesheet, when the extension ships it. */
  readonly codiconsUri?: string | undefined;
  /** The page title (the panel's title). */
  readonly title: string;
  /** What the page says until the form is shown. */
  readonly loading: string;
  /** The UI language, e.g. `en` (`vscode.env.language`). */
  readonly lang?: string | undefined;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char] ?? char);
}

// A host or scheme source (`https://*.vscode-cdn.net`, `vscode-resource:`) or 'self'; nothing else
// (no keywords such as 'unsafe-inline', no directive separators) may come in through `cspSource`.
const SOURCE_PATTERN = /^(?:[a-z][a-z0-9+.-]*:(?:\/\/[^\s;,'"]+)?|'self')$/i;

/** The Content-Security-Policy of the form's page. */
export function formCsp(cspSource: string, nonce: string): string {
  const source = cspSource.split(/[\s;,]+/).filter((token) => SOURCE_PATTERN.test(token)).join(' ') || "'none'";
  const safeNonce = nonce.replace(/[^A-Za-z0-9+/=_-]/g, '');
  return [
    "default-src 'none'",
    `script-src 'nonce-${safeNonce}'`,
    `style-src ${source}`,
    `font-src ${source}`,
    `img-src ${source} data:`,
  ].join('; ') + ';';
}

/** The whole HTML page of the task form, with a strict CSP and every attribute value escaped. */
export function formHtml(options: FormHtmlOptions): string {
  const nonce = options.nonce.replace(/[^A-Za-z0-9+/=_-]/g, '');
  if (nonce.length < 16) {
    throw new RangeError('The nonce must be at least 16 characters of base64 or hex.');
  }
  const attr = escapeHtml;
  const lang = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(options.lang ?? '') ? (options.lang as string) : 'en';
  const codicons = options.codiconsUri === undefined
    ? ''
    : `\n    <link rel="stylesheet" href="${attr(options.codiconsUri)}">`;
  return `<!DOCTYPE html>
<html lang="${attr(lang)}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attr(formCsp(options.cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">${codicons}
    <link rel="stylesheet" href="${attr(options.styleUri)}">
    <title>${attr(options.title)}</title>
  </head>
  <body>
    <main id="app" class="app" aria-busy="true">
      <p class="loading" role="status">${attr(options.loading)}</p>
    </main>
    <script nonce="${attr(nonce)}" src="${attr(options.scriptUri)}"></script>
  </body>
</html>
`;
}
