// Session-wide security: a strict CSP header on everything we load, every permission request
// denied, no navigation away from our page, no new windows, no remote content.
import { session, shell, type WebContents } from 'electron';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Is this URL our renderer? The packaged file:// page, or the electron-vite dev server. */
export function isOwnRendererUrl(url: string, devUrl: string | undefined, rendererFile: string): boolean {
  try {
    const u = new URL(url);
    if (devUrl) {
      const d = new URL(devUrl);
      return u.origin === d.origin;
    }
    return u.protocol === 'file:' && decodeURIComponent(u.pathname) === rendererFile.replace(/\\/g, '/').replace(/^(?=[A-Za-z]:)/, '/');
  } catch {
    return false;
  }
}

export function hardenSession(devUrl: string | undefined): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.webRequest.onHeadersReceived((details, callback) => {
    // The dev server needs its HMR socket; production pages need nothing beyond 'self'.
    const csp = devUrl ? CSP.replace("connect-src 'self'", `connect-src 'self' ${new URL(devUrl).origin.replace(/^http/, 'ws')}`) : CSP;
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // No remote content: refuse every request that is not our page, its assets or the dev server.
  s.webRequest.onBeforeRequest((details, callback) => {
    const u = details.url;
    const ok =
      u.startsWith('file:') ||
      u.startsWith('devtools:') ||
      u.startsWith('data:') ||
      u.startsWith('blob:') ||
      (devUrl !== undefined && (u.startsWith(new URL(devUrl).origin) || u.startsWith(new URL(devUrl).origin.replace(/^http/, 'ws'))));
    callback({ cancel: !ok });
  });
}

export function lockDownContents(wc: WebContents): void {
  wc.on('will-navigate', (e) => e.preventDefault());
  wc.on('will-redirect', (e) => e.preventDefault());
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
