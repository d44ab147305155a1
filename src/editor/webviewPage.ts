import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { formHtml } from '../core/form';

/** What the extension's pages may do and load: run their script, read the bundles and the media. */
export function pageOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
}

/**
 * Shows one of the extension's pages in a panel: its script and style sheet from `dist/`, under the
 * strict nonce CSP of `formHtml`, with the extension's icon. No data travels in the HTML.
 */
export function showPage(
  panel: vscode.WebviewPanel,
  extensionUri: vscode.Uri,
  page: { readonly script: string; readonly style: string; readonly title: string; readonly loading: string },
): void {
  const webview = panel.webview;
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  webview.html = formHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', page.script)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', page.style)).toString(),
    title: page.title,
    loading: page.loading,
    lang: vscode.env.language,
  });
}
