export interface CodeRange {
  start: number;
  end: number;
  name: string;
}
export interface FunctionRow {
  fn: string;
  src: string;
  stage: string;
  instructions_per_packet: number;
}
export declare function parsePerfMap(text: string): CodeRange[];
export declare function selfIrByFunction(callgrindText: string, ranges: CodeRange[]): Map<string, number>;
export declare function describeFunction(
  name: string,
  root: string,
  maps: Map<string, unknown>,
): { fn: string; src: string; stage: string };
export declare function perPacketByFunction(
  short: { packets: number; ir: Map<string, number> },
  long: { packets: number; ir: Map<string, number> },
  root: string,
  maps?: Map<string, unknown>,
): FunctionRow[];
export declare function runUnderCallgrind(
  cwd: string,
  callgrindArgs: string[],
  nodeArgs: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; pid: number | undefined }>;
export declare function benchPackets(stdout: string): number;
