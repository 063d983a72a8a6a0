export declare const REPO_ROOT: string;
