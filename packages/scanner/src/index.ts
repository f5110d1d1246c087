// Placeholder entry; the package's modules are added by its issue.
export {};
