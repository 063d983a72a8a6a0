export interface Layer {
  name: string;
  files: string[];
  allow: string[];
  typeOnly?: string[];
  node?: boolean;
  electron?: boolean;
  open?: boolean;
  note?: string;
}
export declare const LAYERS: Layer[];
export declare function globToRegExp(glob: string): RegExp;
export declare function allows(entries: string[], to: Layer, target: string): boolean;
export declare function layerOf(relPath: string, layers?: Layer[]): Layer | undefined;
export declare function arrows(layers?: Layer[]): { from: string; to: string; typeOnly: boolean }[];
