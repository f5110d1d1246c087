// Loaded with `node --import` when GNU time is missing: reports this process's peak RSS on exit.
process.on('exit', () => process.stderr.write(`\nTA_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`));
