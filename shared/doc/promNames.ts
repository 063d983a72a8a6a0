// Names of counters in Prometheus text, as node_exporter's ethtool collector writes them: the
// report's prom export writes them and the measured-data import reads them back.

/** node_exporter's ethtool metric name for an ethtool statistics string. */
export function nodeEthtoolName(stat: string): string {
  let n = stat
    .replace(/_*[^0-9A-Za-z_]+_*/g, '_')
    .toLowerCase()
    .replace(/^_+/, '');
  n = n.replace(/(^|_)rx(_|$)/g, '$1received$2').replace(/(^|_)tx(_|$)/g, '$1transmitted$2');
  return `node_ethtool_${n}`;
}
