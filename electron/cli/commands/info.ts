// What `help` prints of each command: its one-line summary and its usage. Kept apart from the
// commands' code, which the registry (index.ts) loads only when a command runs, so `--help` and
// `<command> --help` start without the engine, the scenario schema or the exporters.
import { SCHEMA_FILE } from '../../../shared/scenario/schemaFile';

export type CommandName = 'run' | 'compare' | 'report' | 'validate' | 'schema' | 'worker' | 'import' | 'calibrate';

export interface CommandInfo {
  /** one line for `help` */
  summary: string;
  /** full usage text for `help <name>` and usage errors */
  usage: string;
}

export const COMMAND_INFO: Record<CommandName, CommandInfo> = {
  run: {
    summary: 'simulate a scenario and print the per-NIC and per-page_pool summary',
    usage: `usage: cli run <scenario.yaml> [options]
  Simulates the scenario and prints a summary: per NIC the received rate, share of line rate,
  drops by reason, cycles per packet and CPU use; per page_pool the 11 counters, recycle ratio,
  hold/release counts, inflight and where every inflight buffer is.
  --json FILE      write the run document (netmem-workbench/run@1) to FILE
  --csv FILE       write the time series to FILE, one row per sample, units in the header
                   (FILE "-" is stdout; the summary then goes to stderr)
  --seed N         override the scenario's seed (0 … 4294967295)
  --duration D     override the simulated duration, e.g. 500ms, 2s (events after it are left out)
  --quiet          no progress, no warning and no summary (errors still go to stderr)
  --progress M     auto (default: a bar on a terminal, else a line every 5 s on stderr) | bar |
                   lines | json (one JSON object per line on stderr, every 2 s and at the end) | off
                   A run estimated over 10 minutes of CPU is announced first, with the estimate.
  --ethtool        name the page_pool counters as ethtool -S does (rx_pp_alloc_fast, …)
  --pools          show every page_pool (by default: the NIC total and as many as fit)
  --events         list every event (a log longer than 10 shows only warnings and errors)
  --measured FILE  a measured.json (cli import): print the model beside it, relative error per counter
                   and per bucket of bpftrace in-flight histograms
  --sensitivity    rerun with each estimated cost entry the run used at its low and high bound
                   (one at a time, then all low and all high) and show the band of every headline
                   figure and the entries that drive it; the run document gets a sensitivity
                   section (docs/model/costs.md)
  Exit status: 0 success, 2 invalid scenario or arguments, 1 an output could not be written
  (disk full, read-only file system…) or an internal error.`,
  },
  compare: {
    summary: "run a scenario's compare matrix in parallel and print the side-by-side table",
    usage: `usage: cli compare <scenario.yaml> [options]
  Expands the scenario's compare matrix (cartesian product of its paths, e.g. variant: [page, netmem],
  nics[0].ring: [256, 1024]) into runs, × repeat with derived seeds, runs them in worker threads and
  prints one column per point: mean (± sample stddev over repeats) and the delta against the first
  point, marked * when it exceeds the combined spread.
  --json FILE      write the compare document (netmem-workbench/compare@1) to FILE
  --repeat N       runs per point (overrides the scenario's repeat), 1 … 100
  --workers N      worker threads (default: the number of cores)
  --all            every metric (default: the key ones)
  --knee-threshold P
                   a sweep's knee: a later point improving by P % of the value or less no longer
                   counts as improving (default 5), 0 … 100
  --quiet          no progress and no table
  --measured FILE  a measured.json (cli import): print each point's model beside it, relative error
                   per counter (the same figures as \`run --measured\`; each point's repeat 0)
  --measured-out FILE  with --measured: write that table as JSON (counter, measured, per point model
                   and rel_error)
  --queue URL      run the points on queue workers instead (redis://HOST:PORT[/DB]; password in the URL
                   or NETMEM_REDIS_PASSWORD); start workers with \`cli worker --queue URL\`. The document
                   is the one a local run writes (identical outside meta).
  --resume ID      with --queue: continue compare ID (printed at submit) without redoing finished runs
  Exit status: 0 success, 2 invalid scenario or arguments, 1 an output could not be written
  (disk full, read-only file system…) or an internal error.`,
  },
  report: {
    summary: 'export an HTML, PDF, CSV, JSON, Prometheus or trace report of a scenario, run.json or compare.json',
    usage: `usage: cli report <scenario.yaml | run.json | compare.json> --format FORMAT --out FILE [options]
  Exports a performance report of a run or a comparison:
    html  one self-contained file (charts as inline SVG, no external requests), prints well
    pdf   the HTML report printed by headless Chromium (/usr/bin/chromium or CHROMIUM_PATH)
    csv   the time series, one row per sample, units in the header (a comparison: long format, run column)
    json  the run or compare document itself
    prom  Prometheus text for node_exporter's textfile collector (node_ethtool_* page_pool counters
          per device as node_exporter names them, netmem_workbench_* for the model's own figures)
    trace Chrome trace-event JSON (counter tracks and instant events; opens in Perfetto UI);
          *.trace.json selects it
  A scenario file is run first; with --compare its compare matrix is run and compared.
  --format F       html | pdf | csv | json | prom | trace (default: from the --out extension)
  --out FILE       where to write (atomically: the file is complete or untouched)
  --compare        run the scenario's compare matrix (needs a 'compare:' section)
  --repeat N       repeats per compare point (overrides the scenario's 'repeat')
  --workers N      worker threads for --compare (default: the number of cores)
  --seed N         override the scenario's seed
  --duration D     override the simulated duration, e.g. 500ms
  --theme T        light (default) | dark: chart colours
  --measured FILE  a measured.json (cli import) set beside the model: a "measured" section with the
                   relative error per counter and the measured series (html/pdf), a track (trace)
  Exit status: 0 success, 2 invalid input or arguments (or no Chromium for pdf), 1 the report could
  not be written (disk full, read-only file system…) or an internal error.`,
  },
  validate: {
    summary: 'check scenario files and report every error with its line and column',
    usage: `usage: cli validate <scenario.yaml | directory>… [--json] [--quiet]
  Checks scenario files against the schema, the cross-field rules and the drivers' own checks,
  and prints every error as  file: path (line L, col C): message.
  A directory stands for every .yaml/.yml file under it.
  --json   print [{ file, ok, errors: [{ path, line, col, message }] }] on stdout instead
  --quiet  print nothing for valid files
  Exit status: 0 all valid, 2 if any file is invalid.`,
  },
  schema: {
    summary: 'print the JSON Schema of scenario files (for editors)',
    usage: `usage: cli schema [--out FILE]
  Prints the JSON Schema (draft-07) of scenario files, generated from the same zod schema the
  parser uses. Editors with yaml-language-server use it through the first line of a scenario:
    # yaml-language-server: $schema=../${SCHEMA_FILE}
  --out FILE  write it to FILE atomically instead (the shipped copy is ${SCHEMA_FILE})`,
  },
  worker: {
    summary: 'run compare points from a Redis queue (cli compare --queue) on this machine',
    usage: `usage: cli worker --queue redis://HOST:PORT[/DB] [options]
  Takes compare points submitted with \`cli compare <scenario> --queue URL\` and runs them here, one
  worker thread per point, until stopped (Ctrl+C waits for the running points; twice stops at once).
  Only points of this checkout's engine version are taken (the version is printed at start).
  The password may be in the URL or NETMEM_REDIS_PASSWORD; it is never printed.
  --queue URL        the Redis that holds the queue
  --concurrency N    points run at once (default: the number of cores)
  --lock-ms N        how long a point of a worker that died waits before another worker takes it
                     (BullMQ lock duration, default 30000; the running worker renews it)
  Exit status: 0 when stopped, 2 for bad arguments, 1 when Redis cannot be reached at start.`,
  },
  import: {
    summary: 'read ynl, ethtool -S, bpftrace or bench_page_pool output into a measured.json',
    usage: `usage: cli import <file…> --out measured.json [options]
  Reads real page_pool measurements into one measured document for run/report overlays:
    ynl       ynl --family netdev --dump page-pool-get / page-pool-stats-get (pprint or --output-json)
    ethtool   ethtool -S <dev> (rx_pp_* counters, mlx5 rx<N>_pp_* per queue)
    bpftrace  bpftrace -f json output (maps, hist/lhist, stats)
    bench     bench_page_pool_simple dmesg lines or test_bench_page_pool.sh output
    prom      Prometheus text: node_exporter's node_ethtool_* (or report --format prom output)
  Several snapshots (in one file after timestamp lines, or one per file in order) give rates and a
  time series; see docs/model/measured-data.md for the accepted forms.
  --out FILE       where to write (atomically)
  --as KIND        ynl | ethtool | bpftrace | bench | prom for every file (default: detected per file)
  --interval D     time between consecutive snapshots that carry no timestamp, e.g. 1s or 500ms
  --device NAME    device name for ethtool output without an 'ethtool -S <dev>' line (default: the file name)
  Exit status: 0 success, 2 malformed input (file:line:column, expected, found) or arguments.`,
  },
  calibrate: {
    summary: 'turn bench_page_pool_simple output into a CPU profile (host.cpu.profile_file)',
    usage: `usage: cli calibrate <bench output> --name NAME --out profile.yaml [--label TEXT]
  Turns a bench_page_pool_simple run (dmesg lines, or test_bench_page_pool.sh output) into a CPU
  profile: fast = tasklet_page_pool01_fast_path, ptr_ring = tasklet_page_pool02_ptr_ring,
  slow = tasklet_page_pool03_slow (no-softirq-page_pool01/02/03 when the tasklet tests are absent),
  atomic/lock from the atomic_inc/lock baselines, the clock from the TSC interval of the fast test.
  A missing ptr_ring or slow result is estimated from fast (E5-1650 v4 ratios) and marked so.
  Use it in a scenario:  host: { cpu: { profile_file: profile.yaml } }  (path relative to the scenario)
  --name NAME     profile name (letters, digits, . _ -)
  --out FILE      where to write the profile YAML (atomically)
  --label TEXT    CPU model as reports show it (default: the name)
  Exit status: 0 success, 2 unreadable or unusable bench output, or bad arguments.`,
  },
};
