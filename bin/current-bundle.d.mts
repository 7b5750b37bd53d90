/** See current-bundle.mjs. */
export declare function currentBundle(root: URL, forceSources?: boolean): URL | null;
