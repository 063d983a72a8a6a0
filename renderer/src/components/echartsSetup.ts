// Register only the ECharts pieces the charts use (keeps the bundle small).
import { getInstanceByDom, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';

use([
  CanvasRenderer,
  AriaComponent,
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  MarkLineComponent,
  MarkAreaComponent,
  TitleComponent,
]);

// e2e only (window.__wbTestProbe): the test reads what a chart draws from its ECharts instance.
const probe = globalThis as { __wbTestProbe?: boolean; __wbEcharts?: { getInstanceByDom: typeof getInstanceByDom } };
if (probe.__wbTestProbe) probe.__wbEcharts = { getInstanceByDom };
