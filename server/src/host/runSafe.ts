/**
 * Every request handler runs through `runSafe` (as VS Code's CSS server does): one failing request
 * never takes the server down. It answers a request after shutdown with the lifecycle's refusal
 * (InvalidRequest), a cancelled request with RequestCancelled, waits for the first knowledge base
 * (at most a while: `before`), and answers `fallback` when the handler throws.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export type RunSafe = <T>(token: CancellationToken | undefined, name: string, fn: () => T | Promise<T>, fallback: T) => Promise<T | ResponseError<void>>;

/**
 * A `runSafe` that answers `refusal()` when there is one (after shutdown), awaits `before()` ahead of
 * each handler and logs failures with `error`.
 */
export function createRunSafe(before: () => Promise<void>, error: (message: string) => void, refusal: () => ResponseError<void> | undefined = () => undefined): RunSafe {
  return <T>(token: CancellationToken | undefined, name: string, fn: () => T | Promise<T>, fallback: T) =>
    new Promise<T | ResponseError<void>>((resolve) => {
      const no = refusal();
      if (no) return resolve(no);
      setImmediate(async () => {
        if (token?.isCancellationRequested) return resolve(new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
        try {
          await before();
          const r = await fn();
          if (token?.isCancellationRequested) resolve(new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
          else resolve(r);
        } catch (e) {
          error(`chancery: ${name} failed: ${(e as Error)?.stack ?? e}`);
          resolve(fallback);
        }
      });
    });
}
