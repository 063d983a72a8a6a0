export declare const SIM_STAGES: string[];
export declare const WASM_ARRIVALS: string;
export declare function stageOf(src: string, fn: string): string;
export declare function sourceOf(url: string, line: number, column: number, root: string, maps: Map<string, unknown>): string;
export declare function builtFile(url: string, root: string): string;
export declare function profileByStage(
  profileFile: string,
  root: string,
): { share: Record<string, number>; top: Record<string, { fn: string; share: number }[]> };
