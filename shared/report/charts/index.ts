// Chart option builders shared by the app (live charts) and the exported reports (SSR SVG).
export * from './seriesView';
export * from './format';
export * from './common';
export * from './throughput';
export * from './recycle';
export * from './memory';
export * from './compareOverlay';
export * from './devmem';
export * from './sweep';
export * from './deltaBars';
export * from './memoryBuffers';
