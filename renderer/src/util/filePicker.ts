// Files from the user's disk in the browser: a file chooser (Open…) or a drop. Only the name and
// the text go to the host, never a path (a browser has none to give).
import { SCENARIO_MAX_BYTES, scenarioTooLargeMessage } from '../../../shared/apiLimits';

export const SCENARIO_FILE = /\.ya?ml$/i;

/** Show the browser's file chooser for scenario files; resolves with what was picked (nothing when cancelled). */
export function pickFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.yaml,.yml';
    input.multiple = true;
    input.addEventListener('change', () => resolve([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => resolve([]), { once: true });
    input.click();
  });
}

export interface FileText {
  name: string;
  text: string;
}

/** Read scenario files; a wrong extension or one over the scenario cap is refused before reading. */
export async function readScenarioFiles(files: readonly File[]): Promise<{ read: FileText[]; refused: string[] }> {
  const read: FileText[] = [];
  const refused: string[] = [];
  for (const f of files) {
    if (!SCENARIO_FILE.test(f.name)) refused.push(`${f.name}: not a scenario file (expected .yaml or .yml)`);
    else if (f.size > SCENARIO_MAX_BYTES) refused.push(`${f.name}: ${scenarioTooLargeMessage(f.size)}`);
    else read.push({ name: f.name, text: await f.text() });
  }
  return { read, refused };
}
