export interface Import {
  spec: string;
  line: number;
  column: number;
  typeOnly: boolean;
  dynamic: boolean;
}
export interface Edge extends Import {
  to: string;
}
export interface CycleEdge extends Edge {
  from: string;
}
export type ImportGraph = Map<string, Edge[]>;
export declare function listSources(root: string, folders: string[]): string[];
export declare function importsOf(fileName: string, text: string): Import[];
export declare function buildGraph(root: string, files: string[], opts?: { typeImports?: boolean }): ImportGraph;
export declare function cyclicComponents(graph: ImportGraph): string[][];
export declare function shortestCycle(graph: ImportGraph, component: string[], start: string): CycleEdge[];
export declare function findCycles(graph: ImportGraph): { component: string[]; edges: CycleEdge[] }[];
