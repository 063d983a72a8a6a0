/// <reference types="vite/client" />
import type { ScenarioSummary, WorkbenchApi } from '../../shared/api';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in a browser. */
    workbench?: WorkbenchApi & { openDroppedFiles?(files: File[]): Promise<ScenarioSummary[]> };
  }
}
