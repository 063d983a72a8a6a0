// Measured files opened in the app (dialog on the desktop, upload in the browser): the host reads
// and imports them with the CLI's importers (shared/measured), so the renderer receives a checked
// measured document or an API error: EINVAL with the importer's located message
// (file:line:column: expected …, found …), EFBIG over the size cap. docs/model/measured-data.md.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { MeasuredOpened, MeasuredUpload } from '../../shared/api';
import { MEASURED_MAX_CHARS, MEASURED_MAX_FILES, measuredTooLargeMessage } from '../../shared/apiLimits';
import { importMeasured } from '../../shared/measured/importMeasured';
import { MeasuredDocumentError, readMeasuredDocument } from '../../shared/measured/readMeasured';
import { MeasuredParseError } from '../../shared/measured/located';
import { SnapshotTimingError } from '../../shared/measured/combine';
import { MEASURED_FORMAT } from '../../shared/doc/measuredDocument';
import { apiError } from './apiError';

const MEASURED_JSON = /^\s*\{[\s\S]*"format"\s*:\s*"netmem-workbench\/measured@1"/;

function nameOf(files: readonly MeasuredUpload[]): string {
  return files.length === 1 ? files[0].name : `${files[0].name} and ${files.length - 1} more`;
}

/**
 * Import the files' text: one measured.json read back as it is, else every file through its
 * importer (in the order given: untimed snapshots are `intervalS` apart).
 */
export function importMeasuredUploads(files: readonly MeasuredUpload[], intervalS?: number): MeasuredOpened {
  if (files.length === 0) throw apiError('EINVAL', 'no measured file given');
  const total = files.reduce((a, f) => a + f.text.length, 0);
  if (total > MEASURED_MAX_CHARS) throw apiError('EFBIG', measuredTooLargeMessage(total));
  const docs = files.filter((f) => MEASURED_JSON.test(f.text.slice(0, 4096)));
  try {
    if (docs.length > 0) {
      if (files.length > 1)
        throw apiError('EINVAL', `${docs[0].name}: a ${MEASURED_FORMAT} document is opened on its own, not with other files`);
      let data: unknown;
      try {
        data = JSON.parse(files[0].text);
      } catch (e) {
        throw apiError('EINVAL', `${files[0].name}: not valid JSON: ${(e as Error).message}`);
      }
      return { name: nameOf(files), measured: readMeasuredDocument(data, files[0].name) };
    }
    // An ethtool file that does not name its device is named after the file; with an interval the
    // files are snapshots of one device in time, named after the first.
    const base = (name: string) => name.replace(/\.[^.]*$/, '') || 'eth0';
    const inputs = files.map((f) => ({ path: f.name, text: f.text, device: base(intervalS === undefined ? f.name : files[0].name) }));
    return { name: nameOf(files), measured: importMeasured(inputs, intervalS === undefined ? {} : { intervalS }) };
  } catch (e) {
    if (e instanceof MeasuredParseError || e instanceof MeasuredDocumentError || e instanceof SnapshotTimingError)
      throw apiError('EINVAL', e.message);
    if (e instanceof RangeError) throw apiError('EINVAL', `${nameOf(files)}: cannot be imported (${e.message})`);
    throw e;
  }
}

/**
 * Read files the user chose in the host's own dialog: each must be a regular file, and all of them
 * together within the cap (checked on their sizes before reading, and again on the text).
 */
export async function readMeasuredFiles(paths: readonly string[]): Promise<MeasuredUpload[]> {
  if (paths.length > MEASURED_MAX_FILES)
    throw apiError('EINVAL', `at most ${MEASURED_MAX_FILES} measured files at once; ${paths.length} were chosen`);
  let bytes = 0;
  for (const p of paths) {
    const st = await fs.stat(p).catch(() => null);
    if (!st?.isFile()) throw apiError('ENOENT', `${path.basename(p)}: not a readable file`);
    bytes += st.size;
    // UTF-8 takes at least one byte per UTF-16 code unit: more bytes than the cap is over it.
    if (bytes > MEASURED_MAX_CHARS * 3) throw apiError('EFBIG', measuredTooLargeMessage(bytes));
  }
  return Promise.all(paths.map(async (p) => ({ name: path.basename(p), text: await fs.readFile(p, 'utf8') })));
}
