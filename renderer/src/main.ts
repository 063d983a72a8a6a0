import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import './style.css';
import { useLibraryStore } from './stores/library';
import { useRunsStore } from './stores/runs';
import { useCompareStore } from './stores/compare';
import { useUiStore } from './stores/ui';
import { useNotices } from './stores/notices';
import { warmChartsWhenIdle } from './util/chartWarmup';

const app = createApp(App);
app.use(createPinia());
useUiStore().followOsTheme(window.matchMedia('(prefers-color-scheme: dark)'));
useUiStore().followWidth(window.matchMedia('(max-width: 800px)'));
useRunsStore().init();
useCompareStore().init();
useLibraryStore()
  .init()
  .catch((e: unknown) => useNotices().error(e));
app.mount('#app');
warmChartsWhenIdle();
