/** Whether the core is reachable, for the "disconnected" banner. Electron's bridge is always open. */
export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export class ConnectionState {
  status = $state<ConnectionStatus>('connecting');

  constructor(initial: ConnectionStatus = 'connecting') {
    this.status = initial;
  }
}
