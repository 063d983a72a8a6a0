// Calls the web host's API from the page as the renderer does (a WebSocket to /api with the
// page's token), so a test can compare what the page shows with what the host answers.
import type { Page } from 'playwright-core';

export async function apiCall<T>(page: Page, method: string, args: unknown[]): Promise<T> {
  return page.evaluate(
    async ([m, a]) => {
      const token = new URLSearchParams(location.search).get('token') ?? '';
      const ws = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`);
      return new Promise<unknown>((resolve, reject) => {
        ws.addEventListener('open', () => ws.send(JSON.stringify({ id: 1, method: m, args: a })));
        ws.addEventListener('error', () => reject(new Error('socket error')));
        ws.addEventListener('message', (ev: MessageEvent<unknown>) => {
          if (typeof ev.data !== 'string') return;
          const msg = JSON.parse(ev.data) as { id?: number; ok?: boolean; result?: unknown; error?: { message: string } };
          if (msg.id !== 1) return;
          ws.close();
          if (msg.ok) resolve(msg.result);
          else reject(new Error(msg.error?.message ?? 'API error'));
        });
      });
    },
    [method, args] as const,
  ) as Promise<T>;
}
