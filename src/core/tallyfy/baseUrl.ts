// Where the token may be sent: https anywhere, plain http only to this machine (for the sandbox in tests).

export type BaseUrlCheck =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly reason: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for the hosts that plain http may reach: 127.0.0.1, localhost and [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * Validates an API base URL and normalizes it (trimmed, no trailing slash). Refuses anything that would
 * send the token in clear text over a network, carry credentials, or hide a query or fragment.
 */
export function checkBaseUrl(raw: string): BaseUrlCheck {
  const text = raw.trim();
  if (text === '') {
    return { ok: false, reason: 'The API base URL is empty.' };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'The API base URL is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'The API base URL must start with https://.' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: 'The API base URL must use https. Plain http is only allowed for 127.0.0.1, localhost or [::1].',
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'The API base URL must not contain a user name or password.' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'The API base URL must not contain a query or a fragment.' };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}
