// Loaded with `node --import` by measure.mjs: writes the process's resource usage (maxRSS in KiB)
// to $RSS_HOOK_OUT when it exits, whatever the program it runs.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.RSS_HOOK_OUT) writeFileSync(process.env.RSS_HOOK_OUT, JSON.stringify(process.resourceUsage()));
});
