// Preloaded into a measured CLI run (see runCli's `measure`): reports the peak resident memory of
// the process to the file the test names, on every way out that runs exit handlers.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  writeFileSync(process.env.BIMTEK_MAX_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
