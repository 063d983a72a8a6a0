// HTML → PDF. From the command line (and the web host) through headless Chromium driven by
// playwright-core; inside Electron the app uses webContents.printToPDF (electronPdf.ts).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export class ChromiumNotFoundError extends Error {
  constructor(tried: string[]) {
    super(
      `PDF export needs Chromium and none was found (looked for ${tried.join(', ')}). ` +
        'Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable. ' +
        'The HTML report (--format html) needs no browser and prints to PDF from any browser.',
    );
    this.name = 'ChromiumNotFoundError';
  }
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** CHROMIUM_PATH when set (must exist), else the first Debian/Ubuntu location that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new ChromiumNotFoundError([`CHROMIUM_PATH=${fromEnv}`]);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new ChromiumNotFoundError(CANDIDATES);
  return found;
}

/** Flags for a headless Chromium that must not touch the network or the user's profile. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PdfOptions {
  executablePath?: string;
  /** per-step timeout, ms; default 60 s */
  timeoutMs?: number;
}

/** Render a self-contained HTML document to PDF bytes (A4, print CSS, backgrounds on). */
export async function htmlToPdfWithChromium(html: string, opts: PdfOptions = {}): Promise<Uint8Array> {
  const executablePath = opts.executablePath ?? findChromium();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: opts.timeoutMs ?? 60_000 });
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    // The report is self-contained: refuse anything that is not inline data.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load', timeout: opts.timeoutMs ?? 60_000 });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
