import type { BuildOptions } from 'esbuild';
export declare const ROOT: string;
export declare function sourceKey(): string;
export declare function buildOptions(outdir: string): BuildOptions;
export declare function builtEntry(name: 'main' | 'runWorker' | 'serve' | 'bench'): Promise<string>;
