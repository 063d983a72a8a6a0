// Chart options → inline SVG with ECharts' server-side SVG renderer (no DOM, no canvas).
import * as echarts from 'echarts';
import type { ReportChart } from '../../../shared/report/model/types';

/** Render one chart to an SVG string. Animation must be off: SSR takes the first frame. */
export function renderChartSvg(chart: ReportChart): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height });
  try {
    instance.setOption({ ...chart.option, animation: false });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
