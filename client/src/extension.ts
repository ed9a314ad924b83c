// VS Code client: starts the language server (wiring only).
export function activate(): void {}
export function deactivate(): void {}
