// The renderer's one way to the host: the Electron preload's `window.workbench` when present,
// otherwise the web host's WebSocket (its URL carries the session token).
import type { WorkbenchApi } from '../../../shared/api';
import { createWsApi } from './wsClient';

let api: WorkbenchApi | null = null;

export function wsUrlFromLocation(loc: Pick<Location, 'host' | 'search' | 'protocol'>): string {
  const token = new URLSearchParams(loc.search).get('token');
  if (!token) throw new Error('no session token in the page URL: open the URL the web host printed');
  // A page reached over https (a tunnel's public address) must open its socket over TLS as well.
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api?token=${encodeURIComponent(token)}`;
}

export function getApi(): WorkbenchApi {
  if (api) return api;
  api = window.workbench ?? createWsApi(wsUrlFromLocation(window.location));
  return api;
}

/** Tests install a fake API before the stores are created. */
export function setApi(a: WorkbenchApi | null): void {
  api = a;
}
