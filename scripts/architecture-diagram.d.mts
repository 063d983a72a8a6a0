export declare const DOC: string;
export declare function diagram(): string;
export declare function withDiagram(text: string): string;
