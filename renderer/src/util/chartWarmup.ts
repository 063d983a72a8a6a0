// Once the page is idle after loading, draw one small throw-away chart off screen (a line chart
// with the axes, legend, dataZoom and event markers the live charts use). A fresh page otherwise
// compiles ECharts' code while creating the first live chart, which made the first run's first
// draw several hundred milliseconds slower than later runs'.
import { init } from 'echarts/core';
import '../components/echartsSetup';

const POINTS = 64;

function warmupOption(): Record<string, unknown> {
  const data = new Float64Array(POINTS * 2);
  for (let i = 0; i < POINTS; i++) {
    data[2 * i] = i;
    data[2 * i + 1] = (i * 37) % 11;
  }
  const line = (name: string, extra: object = {}) => ({ type: 'line', name, data, showSymbol: false, sampling: 'lttb', ...extra });
  return {
    animation: false,
    legend: { type: 'scroll', bottom: 36 },
    tooltip: { trigger: 'axis' },
    grid: { left: 72, right: 80, top: 32, bottom: 96 },
    xAxis: { type: 'value', min: 0, max: POINTS, name: 'time (ms)' },
    yAxis: [
      { type: 'value', name: 'a' },
      { type: 'value', name: 'b', position: 'right' },
    ],
    dataZoom: [
      { type: 'inside', filterMode: 'none' },
      { type: 'slider', filterMode: 'none', showDataShadow: false },
    ],
    series: [
      line('a', { markLine: { symbol: ['none', 'none'], data: [{ xAxis: 10, name: 'E1' }] } }),
      line('b', { stack: 's', areaStyle: { opacity: 0.5 }, sampling: 'average' }),
      line('c', { stack: 's', areaStyle: { opacity: 0.5 }, sampling: 'average', yAxisIndex: 1 }),
    ],
  };
}

/** Draw and dispose one off-screen chart; returns the time it took (ms). */
export function warmCharts(): number {
  const t0 = performance.now();
  const el = document.createElement('div');
  el.style.cssText = 'position:fixed;left:-10000px;top:0;width:600px;height:300px;visibility:hidden';
  document.body.appendChild(el);
  try {
    const chart = init(el);
    chart.setOption(warmupOption());
    chart.setOption({ series: [{ data: new Float64Array([0, 1, 1, 2]) }] });
    chart.dispose();
  } finally {
    el.remove();
  }
  return performance.now() - t0;
}

/** Warm up when the page is idle (or after a second where requestIdleCallback is missing). */
export function warmChartsWhenIdle(): void {
  const run = (): void => {
    try {
      warmCharts();
    } catch {
      /* a warm-up failure changes nothing */
    }
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 1000);
}
