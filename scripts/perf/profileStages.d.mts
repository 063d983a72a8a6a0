export declare const SIM_STAGES: string[];
export declare function builtFile(url: string, root: string): string;
export declare function profileByStage(
  profileFile: string,
  root: string,
): { share: Record<string, number>; top: Record<string, { fn: string; share: number }[]> };
