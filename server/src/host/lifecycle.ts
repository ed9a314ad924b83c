/**
 * The server's lifecycle as the LSP specification orders it: one `initialize`, then requests until
 * `shutdown`, then only `exit`. A second initialize is refused (it would change the locale and the
 * settings of a running server), and a request after shutdown is answered with InvalidRequest.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

export class Lifecycle {
  private state: 'new' | 'running' | 'shut down' = 'new';

  /** At `initialize`: undefined for the first (now running), the error that answers any other. */
  initialize(): ResponseError<void> | undefined {
    if (this.state !== 'new') return new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received: the server is initialized once');
    this.state = 'running';
    return undefined;
  }

  /** At `shutdown`. */
  shutdown(): void {
    this.state = 'shut down';
  }

  get shutDown(): boolean {
    return this.state === 'shut down';
  }

  /** The answer to a request after shutdown (InvalidRequest), or undefined while running. */
  refusal(): ResponseError<void> | undefined {
    return this.shutDown ? new ResponseError(ErrorCodes.InvalidRequest, 'the server was shut down: only exit is accepted') : undefined;
  }
}
